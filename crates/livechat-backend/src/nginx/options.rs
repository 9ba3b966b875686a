//! How to start nginx: the port, the public WebSocket path and the proxy's timeouts that `config`
//! renders into `nginx.conf.in`.

use std::path::PathBuf;
use std::time::Duration;

use crate::host::target_dir;

/// The plugin's WebSocket as PeerTube exposes it: `/plugins/<plugin>/<version>/ws/<route>`, for the
/// livechat plugin 14.0.4 and its `/xmpp-websocket` route.
pub const PEERTUBE_WS_PATH: &str = "/plugins/livechat/14.0.4/ws/xmpp-websocket";

/// The timeout the plugin's configuration assumes on the proxy path (its Prosody's
/// `c2s_close_timeout = 29` is set against it): a proxied WebSocket without a frame for this
/// long is closed.
pub const PEERTUBE_PROXY_TIMEOUT: Duration = Duration::from_secs(30);

/// How to start nginx. Build it with `NginxOptions { field: …, ..Default::default() }`.
#[derive(Clone, Debug)]
pub struct NginxOptions {
    /// A fresh run directory `<base_dir>/nginx-<pid>-<n>-<stamp>` is created here (default:
    /// `<target>/nginx`).
    pub base_dir: PathBuf,
    /// Use exactly this run directory instead (a previous run's content is removed first).
    pub run_dir: Option<PathBuf>,
    /// Keep the run directory (config, logs) after stopping; it is always kept when a thread
    /// panics.
    pub keep_run_dir: bool,
    /// The port on 127.0.0.1; `None` picks a free one.
    pub port: Option<u16>,
    /// The path under which the server's WebSocket is offered (default [`PEERTUBE_WS_PATH`]).
    pub ws_path: String,
    /// `proxy_read_timeout` (default [`PEERTUBE_PROXY_TIMEOUT`]).
    pub read_timeout: Duration,
    /// `proxy_send_timeout` (default [`PEERTUBE_PROXY_TIMEOUT`]).
    pub send_timeout: Duration,
    /// How long to wait for nginx to listen.
    pub start_timeout: Duration,
    /// How long to wait after SIGTERM before SIGKILL.
    pub stop_timeout: Duration,
}

impl Default for NginxOptions {
    fn default() -> Self {
        NginxOptions {
            base_dir: target_dir().join("nginx"),
            run_dir: None,
            keep_run_dir: false,
            port: None,
            ws_path: PEERTUBE_WS_PATH.into(),
            read_timeout: PEERTUBE_PROXY_TIMEOUT,
            send_timeout: PEERTUBE_PROXY_TIMEOUT,
            start_timeout: Duration::from_secs(10),
            stop_timeout: Duration::from_secs(5),
        }
    }
}
