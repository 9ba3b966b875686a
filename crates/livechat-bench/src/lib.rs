//! Measuring tools. The join storm replays the 450-viewer incident against a real Prosody on
//! loopback, with this client's wire behaviour and, side by side, a bare join and the old client's;
//! and, past one server, ejabberd alone and two ejabberd nodes in a cluster.

pub mod command;
pub mod limits;
pub mod markdown;
pub mod percentiles;
pub mod proc_stats;
pub mod profile;
pub mod socket_bytes;
pub mod storm;

pub use profile::Profile;
pub use storm::{run_storm, Endpoint, Login, StormOptions, StormReport};
