//! The chat's parameters: which room, which server, how to log in, how to show it.
//!
//! Three sources lead to the same [`Params`], each with its own names for the same fields (one
//! table gives each field its three names: [`FIELDS`]):
//! - the standalone page's URL ([`Params::from_query`]):
//!   `?room=<room JID>&ws=<WebSocket URL>&anon=<anonymous domain>[&nick=…][&history=…]
//!   [&_readonly=true|noscroll][&_transparent=true][&theme=…][&overlayFadeSeconds=…][&lang=…]…`
//!   (`_readonly` and `_transparent` are the names the plugin already puts in OBS URLs), and the
//!   streamer's token in the hash (see [`crate::token`]);
//! - the object the embedding page passes to `mount()` ([`Params::from_js`]), with the field names
//!   of the plugin's `InitConverseJSParams` (`room`, `localWebsocketServiceUrl`,
//!   `localAnonymousJID`, `authenticationUrl`, `forceReadonly`, `transparent`, `theme`,
//!   `autoViewerMode`, `forceDefaultHideMucParticipants`, `autofocus`, the remote (federated)
//!   fields, `externalAuthOIDC`/`externalAuth` (arrays, see [`ExternalLogin`]), `customEmojisUrl`,
//!   `staticBaseUrl`, …) plus ours
//!   (`authorizationHeader`, `participantsForModeratorsOnly`, `overlayFadeSeconds`, `nickname`,
//!   `history`, `lang`);
//! - the attributes of `<livechat-room>` ([`Params::from_element`]): the plugin's names in
//!   kebab-case (`local-websocket-service-url`, `force-readonly`, …); a boolean attribute counts
//!   as `true` when present without a value.
//!
//! All are read into [`RawParams`] (strings, as given, see `fields`) and checked by one function
//! (see `validate`), so a problem is reported the same way whatever the source, under the name the caller used, in the chat's
//! language (each problem is a [`Msg`]).
//!
//! `lang` asks for a language (a tag such as `fr` or `pt-BR`); it is never an error: a language
//! the chat does not have gives way to the page's and the browser's (see [`crate::i18n`]).

mod external_login;
mod fields;
mod validate;

use std::fmt;

use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials};
use wasm_bindgen::JsValue;

pub use external_login::ExternalLogin;
pub use fields::{form_decode, Field, Kind, RawParams, Source, Spec, FIELDS};
pub use validate::absolute_websocket_url;

use crate::i18n::Msg;
use crate::token::ObsToken;

/// The most history a page may ask for on join: the log never shows more than the pruning limit.
pub const MAX_HISTORY: u32 = 100;
/// How long an overlay message stays before it fades out, unless the page says otherwise.
pub const DEFAULT_OVERLAY_FADE_SECONDS: u32 = 30;
/// Keep-alive interval: the plugin's WebSocket goes through PeerTube's nginx, which its
/// configuration assumes drops a WebSocket silent for 30 s (its Prosody's `c2s_close_timeout` is
/// 29 s, and ConverseJS pings every 25 s). 20 s leaves room for a background tab's timer, late by
/// up to 1 s (see `transport`), and for a busy server's answer. Prosody itself never drops an idle
/// WebSocket: after 14 minutes of silence it pings it, and the browser answers on its own.
pub const PING_INTERVAL_MS: u64 = 20_000;

/// Read-only mode, as the plugin passes it (`forceReadonly` / `_readonly`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReadOnly {
    /// Viewers can write.
    #[default]
    No,
    /// No input (OBS overlay, read-only embed).
    Yes,
    /// No input and no scrollbar: the newest messages stay in view (OBS overlay).
    NoScroll,
}

impl ReadOnly {
    pub fn is_read_only(self) -> bool {
        self != ReadOnly::No
    }
}

/// The look: the plugin's themes, and light or dark forced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// PeerTube's own colours (its CSS variables), light or dark as the system prefers.
    #[default]
    Peertube,
    /// Our own palette, ignoring the page's variables.
    Default,
    Cyberpunk,
    Light,
    Dark,
}

impl Theme {
    pub const NAMES: [&'static str; 5] = ["peertube", "default", "cyberpunk", "light", "dark"];
    pub const ALL: [Theme; 5] = [
        Theme::Peertube,
        Theme::Default,
        Theme::Cyberpunk,
        Theme::Light,
        Theme::Dark,
    ];

    pub fn parse(name: &str) -> Option<Theme> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "" | "peertube" => Theme::Peertube,
            "default" => Theme::Default,
            "cyberpunk" => Theme::Cyberpunk,
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => return None,
        })
    }

    /// The class on the chat's root element.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Peertube => "lc-theme-peertube",
            Theme::Default => "lc-theme-default",
            Theme::Cyberpunk => "lc-theme-cyberpunk",
            Theme::Light => "lc-theme-light",
            Theme::Dark => "lc-theme-dark",
        }
    }
}

/// Everything the chat needs to start, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// The MUC room, `<video-uuid>@room.<host>` or `channel.<id>@room.<host>`.
    pub room: BareJid,
    /// `ws://` or `wss://` URL of the XMPP WebSocket endpoint (RFC 7395); given as a path
    /// (`/…`, as the plugin gives it), it is made absolute on the page's host.
    pub websocket_url: String,
    /// The virtual host that accepts SASL ANONYMOUS, `anon.<host>`; `None` when anonymous chat is
    /// off (then an account is needed).
    pub anonymous_domain: Option<String>,
    /// `GET` it (with [`Params::authorization_header`]) for `{jid, password, nickname}`.
    pub authentication_url: Option<String>,
    /// PeerTube's `Authorization` header for the request above. Never shown, never logged.
    pub authorization_header: Option<Secret>,
    /// The streamer's token from the standalone page's hash.
    pub token: Option<ObsToken>,
    /// The nickname to join with; `None` joins as an automatic `Anonymous NNNNNN`.
    pub nickname: Option<String>,
    /// `<history maxstanzas>` to ask for; `None` keeps the core's default.
    pub history: Option<u32>,
    pub read_only: ReadOnly,
    /// Transparent background (OBS overlay).
    pub transparent: bool,
    pub theme: Theme,
    /// Join at once as an automatic anonymous viewer and ask for a nickname only to talk
    /// (default). When `false`, the nickname prompt opens at once.
    pub auto_viewer_mode: bool,
    /// The participants panel starts closed even where there is room for it.
    pub hide_participants: bool,
    /// Only moderators get the button that opens the participants panel.
    pub participants_for_moderators_only: bool,
    /// Overlay: seconds a message stays before it fades out and leaves the page; 0 keeps them.
    pub overlay_fade_seconds: u32,
    /// Focus the message input once it can be used.
    pub autofocus: bool,
    /// The language asked for (`lang`), as given: see [`crate::i18n::negotiate`].
    pub lang: Option<String>,
    /// Shown inside another page (mounted by it, or the standalone page in an iframe): the
    /// participants panel starts closed, as the plugin does beside the video and in iframes.
    /// Not a parameter: set by whoever mounts the chat.
    pub embedded: bool,
    /// The video is on another instance (`isRemoteChat`): how its room can be reached.
    pub remote: Option<RemoteChat>,
    /// Where the plugin serves its files (`staticBaseUrl`) and its images (`assetsPath`): as given.
    pub static_base_url: Option<String>,
    pub assets_path: Option<String>,
    /// The video's page on its own instance (`peertubeVideoOriginalUrl`) and its UUID.
    pub video_original_url: Option<String>,
    pub video_uuid: Option<String>,
    /// The channel's custom emojis: JSON `{"customEmojis": [{"sn": ":name:", "url": …}]}`.
    pub custom_emojis_url: Option<String>,
    /// The external login buttons (`externalAuth`, then `externalAuthOIDC`), in order.
    pub external_logins: Vec<ExternalLogin>,
}

/// A video of another instance (federation): its room lives on the remote's server.
/// (`remoteBoshServiceUrl` and `localBoshServiceUrl` are accepted and ignored: WebSocket only.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemoteChat {
    /// `remoteAnonymousJID`: the remote's domain for anonymous viewers.
    pub anonymous_domain: Option<String>,
    /// `remoteAnonymousXMPPServer`: anonymous viewers may connect to the remote directly.
    pub anonymous_server: bool,
    /// `remoteAuthenticatedXMPPServer`: a logged-in user joins through this instance's server,
    /// which reaches the room server-to-server.
    pub authenticated_server: bool,
    /// `remoteWebsocketServiceUrl`, made absolute: the remote's WebSocket for anonymous viewers.
    pub websocket_url: Option<String>,
}

/// A value that must never reach a log line or the page.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<hidden>")
    }
}

/// Why the parameters cannot be used: every problem found, one sentence each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamsError {
    pub problems: Vec<Msg>,
    /// The language asked for, so that the problems are told in it.
    pub lang: Option<String>,
}

/// In English (the console).
impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problems: Vec<String> = self.problems.iter().map(Msg::to_string).collect();
        f.write_str(&problems.join(" "))
    }
}

impl std::error::Error for ParamsError {}

impl Params {
    /// The session configuration for a login: the room, the nickname and history asked for, and
    /// the keep-alive this client uses; the core's defaults for the rest.
    pub fn config(&self, credentials: Credentials, nickname: Option<String>) -> Config {
        let mut config = Config::new(credentials, self.room.clone());
        config.nickname = nickname;
        config.ping_interval_ms = PING_INTERVAL_MS;
        if let Some(history) = self.history {
            config.history = history;
        }
        config
    }

    /// The session configuration these parameters ask for without any network request: the
    /// token's account if there is one, else anonymous (the account of `authenticationUrl` is
    /// fetched by the transport).
    pub fn session_config(&self) -> Config {
        match &self.token {
            Some(token) => self.config(
                Credentials::Plain {
                    jid: token.jid.clone(),
                    password: token.password.clone(),
                },
                Some(token.nickname()),
            ),
            None => self.config(
                Credentials::Anonymous {
                    domain: self.anonymous_domain.clone().unwrap_or_default(),
                },
                self.nickname.clone(),
            ),
        }
    }

    /// The overlay: read-only and transparent, as the plugin's OBS URLs ask for.
    pub fn is_overlay(&self) -> bool {
        self.read_only.is_read_only() && self.transparent
    }

    /// The standalone page: `location.search`.
    pub fn from_query(query: &str) -> Result<Params, ParamsError> {
        RawParams::from_query(query).validate()
    }

    /// The embedding API: a JS object with the plugin's field names (see
    /// [`RawParams::from_plugin_object`]).
    pub fn from_js(value: JsValue) -> Result<Params, ParamsError> {
        if !value.is_object() {
            return Err(ParamsError {
                problems: vec![Msg::new("params-not-object")],
                lang: None,
            });
        }
        RawParams::from_plugin_object(&value).validate()
    }

    /// The custom element: its attributes.
    pub fn from_element(element: &web_sys::Element) -> Result<Params, ParamsError> {
        RawParams::from_element(element).validate()
    }
}
