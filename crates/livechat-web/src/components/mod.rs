//! The chat's components, one per file. They read [`crate::state::ChatState`] signals and render
//! untrusted text (nicknames, bodies, subjects) only as text nodes.

mod composer;
mod header;
mod message_list;
mod params_error;

pub use composer::Composer;
pub use header::Header;
pub use message_list::MessageList;
pub use params_error::ParamsErrorPanel;
