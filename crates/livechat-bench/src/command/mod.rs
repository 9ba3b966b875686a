//! The `storm` command around the load generator ([`crate::storm`]): its options (`args`), what
//! each run sets up (`setup`), the server it starts for it (`servers`), the archive it seeds
//! before the storm (`archive`), and the figures of all runs taken together (`summary`).

pub mod archive;
pub mod args;
pub mod servers;
pub mod setup;
pub mod summary;
