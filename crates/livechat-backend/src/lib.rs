//! A real XMPP server on 127.0.0.1 for the demo, the tests and the benchmarks: Debian's Prosody
//! ([`Prosody`]), the server the PeerTube livechat plugin runs, and Debian's ejabberd ([`Ejabberd`]),
//! a second server to test against, alone or as a cluster of nodes on loopback ([`EjabberdCluster`]). Both are laid out alike: the same domains ([`USER_DOMAIN`],
//! [`ANON_DOMAIN`], [`MUC_DOMAIN`]) and the same WebSocket path ([`WS_PATH`]). Prosody can also be
//! given other domains ([`Domains`]) and run as two instances federated on loopback
//! ([`Federation`]), as two PeerTube instances whose chats reach each other.
//!
//! [`Prosody::start`] writes a configuration from `src/prosody/prosody.cfg.lua.in` into a fresh run
//! directory, starts `prosody -F` as a child process and waits until its WebSocket endpoint answers.
//! Dropping the handle stops the server (SIGTERM, then SIGKILL after a grace period). On Linux the
//! server is also tied to the life of this process: if the process dies without running destructors
//! (SIGKILL, abort), the kernel kills Prosody too. [`Prosody::kill`] and [`Prosody::start_again`]
//! crash it and bring it back on the same port with the same data, for the reconnection tests.
//!
//! ```no_run
//! use livechat_backend::{Prosody, ProsodyOptions, RoomOptions};
//! let prosody = Prosody::start(ProsodyOptions::default())?;
//! prosody.register("alice", "secret")?;
//! let room = prosody.create_room("demo", &RoomOptions {
//!     owners: vec![prosody.user_jid("alice")],
//!     subject: Some("Welcome".into()),
//!     ..RoomOptions::default()
//! })?;
//! println!("{} on {}", room, prosody.ws_url());
//! # Ok::<(), livechat_backend::Error>(())
//! ```
//!
//! [`Nginx`] puts Debian's nginx in front of either, as PeerTube's nginx is in front of the plugin's
//! Prosody: the plugin's WebSocket path proxied with the timeouts its configuration assumes.
//!
//! [`http`] serves the web build and the pages around it on loopback (the demo, the tests).
//!
//! Layout: what both servers share sits at the top (`domains`, `error`, `host`, `ports`, `process`,
//! `start`, `run_dir`, `template`, `logs`); each server has a folder of its own, with its options,
//! its configuration template and how it is rendered, its command-line tool, and its lifecycle.

mod domains;
pub mod ejabberd;
mod error;
mod host;
pub mod http;
mod logs;
pub mod nginx;
mod ports;
mod process;
pub mod prosody;
mod run_dir;
mod start;
mod template;

pub use domains::{Domains, ANON_DOMAIN, MUC_DOMAIN, USER_DOMAIN, WS_PATH};
pub use ejabberd::{ClusterMember, Ejabberd, EjabberdCluster, EjabberdOptions};
pub use error::Error;
pub use host::{on_path, target_dir};
pub use nginx::{Nginx, NginxOptions};
pub use ports::{free_port, web_listener};
pub use prosody::{
    find_prosody_modules_dir, FeatureSettings, Federation, Peer, Prosody, ProsodyOptions, Role,
    RoomFeatures, RoomOptions, S2s,
};
