//! How to start ejabberd: what the test or the bench may change in the configuration that
//! `config` renders from `ejabberd.yml.in` and `ejabberdctl.cfg.in`.

use std::path::PathBuf;
use std::time::Duration;

use crate::host::target_dir;

/// How to start ejabberd. Build it with `EjabberdOptions { field: …, ..Default::default() }`.
#[derive(Clone, Debug)]
pub struct EjabberdOptions {
    /// A fresh run directory `<base_dir>/ejabberd-<pid>-<n>-<stamp>` is created here (default: `<target>/ejabberd`).
    pub base_dir: PathBuf,
    /// Use exactly this run directory instead (a previous run's content is removed first).
    pub run_dir: Option<PathBuf>,
    /// Keep the run directory (config, logs, Mnesia spool) after stopping. It is always kept when a thread panics.
    pub keep_run_dir: bool,
    /// HTTP/WebSocket port; `None` picks a free one.
    pub http_port: Option<u16>,
    /// Erlang distribution port (`ERL_DIST_PORT`, used by `ejabberdctl`); `None` picks a free one.
    pub dist_port: Option<u16>,
    /// `mod_muc` `history_size`: messages a joining occupant receives at most.
    pub history_length: u32,
    /// Archive rooms with `mod_mam` (room option `mam`), which makes every groupchat message carry a
    /// `<stanza-id by=room/>`, as Prosody's `muc_mam` does. The client needs it to deduplicate
    /// history after a reconnection and to point moderation at a message.
    pub room_archive: bool,
    /// `mod_muc` `max_users` and the rooms' default: how many occupants a room admits (ejabberd's
    /// default of 200 would turn away the load generator's crowds).
    pub max_users: u32,
    /// `loglevel`: none, emergency, alert, critical, error, warning, notice, info or debug.
    pub log_level: String,
    /// Extra arguments for the Erlang VM. The default stops idle schedulers from busy-waiting,
    /// which on a small machine would show up as CPU time of the server and slow the client tested
    /// beside it.
    pub erl_options: String,
    /// A node of a cluster on this machine (see [`super::EjabberdCluster`]); `None`: a server
    /// alone, which needs no epmd.
    pub cluster: Option<ClusterMember>,
    /// Raw YAML appended at the top level of `ejabberd.yml`.
    pub extra_config: String,
    /// Raw YAML entries appended to the module list of `localhost` (which also serves
    /// `room.localhost`), written at the indentation of a module name: `mod_foo: {}`.
    pub extra_localhost_modules: String,
    /// How long to wait for the WebSocket endpoint to answer.
    pub start_timeout: Duration,
    /// How long to wait after SIGTERM before SIGKILL.
    pub stop_timeout: Duration,
}

/// What the nodes of one cluster share: the epmd through which they find each other (on
/// 127.0.0.1, the cluster's own) and the Erlang cookie that lets them in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterMember {
    pub epmd_port: u16,
    pub cookie: String,
}

impl Default for EjabberdOptions {
    fn default() -> Self {
        EjabberdOptions {
            base_dir: target_dir().join("ejabberd"),
            run_dir: None,
            keep_run_dir: false,
            http_port: None,
            dist_port: None,
            history_length: 20,
            room_archive: true,
            max_users: 10_000,
            log_level: "info".into(),
            erl_options: "+sbwt none +sbwtdcpu none +sbwtdio none".into(),
            cluster: None,
            extra_config: String::new(),
            extra_localhost_modules: String::new(),
            start_timeout: Duration::from_secs(20),
            stop_timeout: Duration::from_secs(5),
        }
    }
}
