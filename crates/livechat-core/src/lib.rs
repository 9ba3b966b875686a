//! The protocol and room model of the lean PeerTube live chat, as a sans-IO state machine.
//!
//! [`Session`] owns no socket, no timer and no DOM. The caller feeds it what came from outside
//! (`handle_frame`, `handle_timeout`, `handle_closed`) and the user's commands, then drains, in this
//! order, the frames to send (`poll_transmit`), the next deadline (`poll_timeout`) and the events for
//! the UI (`poll_event`). The browser client, the native load generator, the fuzzer and the tests all
//! drive this same code.

pub mod avatar;
pub mod backoff;
pub mod color;
pub mod config;
pub mod error;
pub mod event;
pub mod jid;
pub mod log;
pub mod outbox;
pub mod policy;
pub mod room;
pub mod session;
mod stanza;
pub mod text;
pub mod xml;

pub use backoff::Backoff;
pub use config::{AutomaticNicks, Config, Credentials};
pub use error::SessionError;
pub use event::Event;
pub use log::{LogEntry, MessageLog};
pub use outbox::{Outbox, Outgoing, OutgoingState};
pub use room::{Occupant, Room};
pub use session::{Session, SessionState};
