//! How to start Prosody: what the test, the demo or the bench may change in the configuration
//! that `config` renders from `prosody.cfg.lua.in`.

use std::path::PathBuf;
use std::time::Duration;

use super::federation::S2s;
use super::room_features::FeatureSettings;
use super::rooms::Role;
use crate::domains::Domains;
use crate::host::target_dir;

/// How to start Prosody. Build it with `ProsodyOptions { field: …, ..Default::default() }`.
#[derive(Clone, Debug)]
pub struct ProsodyOptions {
    /// A fresh run directory `<base_dir>/prosody-<pid>-<n>-<stamp>` is created here (default: `<target>/prosody`).
    pub base_dir: PathBuf,
    /// Use exactly this run directory instead (a previous run's content is removed first).
    pub run_dir: Option<PathBuf>,
    /// Keep the run directory (config, logs, data) after stopping. It is always kept when a thread panics.
    pub keep_run_dir: bool,
    /// HTTP/WebSocket port; `None` picks a free one.
    pub http_port: Option<u16>,
    /// The users' host, the anonymous host and the MUC component (default: `localhost`,
    /// `anon.localhost`, `room.localhost`).
    pub domains: Domains,
    /// Server-to-server with other instances (see [`super::Federation`]); `None`: off, as the
    /// plugin's default.
    pub s2s: Option<S2s>,
    /// `muc_room_default_history_length`: messages a joining occupant receives by default.
    pub history_length: u32,
    /// `muc_room_default_presence_broadcast`: roles whose presence is broadcast (`None`: all roles).
    pub presence_broadcast: Option<Vec<Role>>,
    /// Minimum level written to `prosody.log`: "debug", "info", "warn" or "error".
    pub log_level: String,
    /// `muc_log_presences`: joins and leaves go to the room archive too (the plugin's setting).
    pub log_presences: bool,
    /// Modules the anonymous host turns off (the plugin turns off carbons).
    pub anonymous_modules_disabled: Vec<String>,
    /// The plugin's room features, server-wide: global terms, how fast polls run.
    pub room_features: FeatureSettings,
    /// Anonymous viewers' vCards as the plugin's server answers them: a photo of about 6 KB in
    /// base64, one of five (the project's `mod_livechat_vcard_photos`). Off by default: Prosody's
    /// own modules then answer an anonymous viewer's vCard with an empty one or an error.
    pub anonymous_vcard_photos: bool,
    /// The large-audience mode's server module (the project's `mod_livechat_large_audience`): a
    /// join into a room that does not broadcast viewers' presences builds only the presences it
    /// sends, not one per occupant. Off by default, as on the plugin's server.
    pub large_audience: bool,
    /// Raw Lua appended to the global section of the configuration.
    pub extra_global_config: String,
    /// Raw Lua appended to the MUC component's section.
    pub extra_muc_config: String,
    /// How long to wait for the WebSocket endpoint to answer.
    pub start_timeout: Duration,
    /// How long to wait after SIGTERM before SIGKILL.
    pub stop_timeout: Duration,
}

impl Default for ProsodyOptions {
    fn default() -> Self {
        ProsodyOptions {
            base_dir: target_dir().join("prosody"),
            run_dir: None,
            keep_run_dir: false,
            http_port: None,
            domains: Domains::default(),
            s2s: None,
            history_length: 20,
            presence_broadcast: None,
            log_level: "info".into(),
            log_presences: true,
            anonymous_modules_disabled: vec!["carbons".into()],
            room_features: FeatureSettings::default(),
            anonymous_vcard_photos: false,
            large_audience: false,
            extra_global_config: String::new(),
            extra_muc_config: String::new(),
            start_timeout: Duration::from_secs(15),
            stop_timeout: Duration::from_secs(5),
        }
    }
}
