//! The chat's parameters: which room, which server, how to show it.
//!
//! Two sources lead to the same [`Params`]:
//! - the URL query string of the standalone page ([`Params::from_query`]):
//!   `?room=<room JID>&ws=<WebSocket URL>&anon=<anonymous domain>[&nick=…][&history=…]
//!   [&_readonly=true|noscroll][&_transparent=true]`
//!   (`_readonly` and `_transparent` are the names the plugin already puts in OBS URLs);
//! - the object the embedding page passes to `mount()` ([`Params::from_js`]), with the field names
//!   of the plugin's `InitConverseJSParams`: `room`, `localWebsocketServiceUrl`,
//!   `localAnonymousJID`, `forceReadonly`, `transparent`, plus our optional `nickname` and `history`.
//!
//! Both are read into [`RawParams`] (strings, as given) and checked by one function, so a problem is
//! reported the same way whatever the source, under the name the caller used.

use std::fmt;

use livechat_core::jid::BareJid;
use livechat_core::Config;
use serde::Deserialize;
use wasm_bindgen::JsValue;

/// The most history a page may ask for on join: the log never shows more than the pruning limit.
pub const MAX_HISTORY: u32 = 100;

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

/// Everything the chat needs to start, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// The MUC room, `<video-uuid>@room.<host>` or `channel.<id>@room.<host>`.
    pub room: BareJid,
    /// `ws://` or `wss://` URL of the XMPP WebSocket endpoint (RFC 7395).
    pub websocket_url: String,
    /// The virtual host that accepts SASL ANONYMOUS, `anon.<host>`.
    pub anonymous_domain: String,
    /// The nickname to join with; `None` joins as an automatic `Anonymous NNNNNN`.
    pub nickname: Option<String>,
    /// `<history maxstanzas>` to ask for; `None` keeps the core's default.
    pub history: Option<u32>,
    pub read_only: ReadOnly,
    /// Transparent background (OBS overlay).
    pub transparent: bool,
}

/// Why the parameters cannot be used: every problem found, one sentence each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamsError {
    pub problems: Vec<String>,
}

impl fmt::Display for ParamsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join(" "))
    }
}

impl std::error::Error for ParamsError {}

/// What each parameter is called by the source it came from, so errors name what the caller wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Names {
    pub room: &'static str,
    pub websocket_url: &'static str,
    pub anonymous_domain: &'static str,
    pub nickname: &'static str,
    pub history: &'static str,
    pub read_only: &'static str,
    pub transparent: &'static str,
}

/// The names in the standalone page's URL.
pub const URL_NAMES: Names = Names {
    room: "room",
    websocket_url: "ws",
    anonymous_domain: "anon",
    nickname: "nick",
    history: "history",
    read_only: "_readonly",
    transparent: "_transparent",
};

/// The names in the object given to `mount()` (the plugin's own where it has one).
pub const PLUGIN_NAMES: Names = Names {
    room: "room",
    websocket_url: "localWebsocketServiceUrl",
    anonymous_domain: "localAnonymousJID",
    nickname: "nickname",
    history: "history",
    read_only: "forceReadonly",
    transparent: "transparent",
};

/// The parameters as given, before any check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawParams {
    pub names: Names,
    pub room: Option<String>,
    pub websocket_url: Option<String>,
    pub anonymous_domain: Option<String>,
    pub nickname: Option<String>,
    pub history: Option<String>,
    pub read_only: Option<String>,
    pub transparent: Option<String>,
}

impl RawParams {
    pub fn new(names: Names) -> Self {
        RawParams {
            names,
            room: None,
            websocket_url: None,
            anonymous_domain: None,
            nickname: None,
            history: None,
            read_only: None,
            transparent: None,
        }
    }

    /// Reads `application/x-www-form-urlencoded` text, with or without its leading `?`. Unknown
    /// keys are ignored; for a repeated key the first one wins.
    pub fn from_query(query: &str) -> Self {
        let mut raw = RawParams::new(URL_NAMES);
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let slot = match form_decode(key).as_str() {
                "room" => &mut raw.room,
                "ws" => &mut raw.websocket_url,
                "anon" => &mut raw.anonymous_domain,
                "nick" => &mut raw.nickname,
                "history" => &mut raw.history,
                "_readonly" => &mut raw.read_only,
                "_transparent" => &mut raw.transparent,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(form_decode(value));
            }
        }
        raw
    }

    /// Checks everything and reports every problem at once.
    pub fn validate(self) -> Result<Params, ParamsError> {
        let n = self.names;
        let mut problems = Vec::new();
        let given = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());

        let room = match given(self.room) {
            None => {
                problems.push(format!(
                    "The parameter `{}` is missing: the address of the chat room, like `video-id@room.example.org`.",
                    n.room
                ));
                None
            }
            Some(room) => match room.parse::<BareJid>() {
                Ok(jid) if jid.node().is_some() => Some(jid),
                _ => {
                    problems.push(format!(
                        "The parameter `{}` is not a room address like `video-id@room.example.org`.",
                        n.room
                    ));
                    None
                }
            },
        };

        let websocket_url = match given(self.websocket_url) {
            None => {
                problems.push(format!(
                    "The parameter `{}` is missing: the WebSocket address of the chat server, like `wss://example.org/xmpp-websocket`.",
                    n.websocket_url
                ));
                None
            }
            Some(url) if is_websocket_url(&url) => Some(url),
            Some(_) => {
                problems.push(format!(
                    "The parameter `{}` must be a WebSocket address starting with `wss://` or `ws://`.",
                    n.websocket_url
                ));
                None
            }
        };

        let anonymous_domain = match given(self.anonymous_domain) {
            None => {
                problems.push(format!(
                    "The parameter `{}` is missing: the domain for anonymous viewers, like `anon.example.org` (logging in with an account is not available yet).",
                    n.anonymous_domain
                ));
                None
            }
            Some(domain) => match domain.parse::<BareJid>() {
                Ok(jid) if jid.node().is_none() => Some(jid.to_string()),
                _ => {
                    problems.push(format!(
                        "The parameter `{}` must be a domain like `anon.example.org`.",
                        n.anonymous_domain
                    ));
                    None
                }
            },
        };

        let history = match given(self.history) {
            None => None,
            Some(h) => match h.parse::<u32>() {
                Ok(h) if h <= MAX_HISTORY => Some(h),
                _ => {
                    problems.push(format!(
                        "The parameter `{}` must be a number from 0 to {MAX_HISTORY}.",
                        n.history
                    ));
                    None
                }
            },
        };

        let read_only = match given(self.read_only).as_deref() {
            None | Some("false") | Some("0") => ReadOnly::No,
            Some("true") | Some("1") => ReadOnly::Yes,
            Some("noscroll") => ReadOnly::NoScroll,
            Some(_) => {
                problems.push(format!(
                    "The parameter `{}` must be `true`, `false` or `noscroll`.",
                    n.read_only
                ));
                ReadOnly::No
            }
        };

        let transparent = match given(self.transparent).as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(_) => {
                problems.push(format!(
                    "The parameter `{}` must be `true` or `false`.",
                    n.transparent
                ));
                false
            }
        };

        match (room, websocket_url, anonymous_domain) {
            (Some(room), Some(websocket_url), Some(anonymous_domain)) if problems.is_empty() => {
                Ok(Params {
                    room,
                    websocket_url,
                    anonymous_domain,
                    nickname: given(self.nickname),
                    history,
                    read_only,
                    transparent,
                })
            }
            _ => Err(ParamsError { problems }),
        }
    }
}

impl Params {
    /// The session configuration these parameters ask for: anonymous login, the core's defaults
    /// for everything not given.
    pub fn session_config(&self) -> Config {
        let mut config = Config::anonymous(&self.anonymous_domain, self.room.clone());
        config.nickname = self.nickname.clone();
        if let Some(history) = self.history {
            config.history = history;
        }
        config
    }

    /// The standalone page: `location.search`.
    pub fn from_query(query: &str) -> Result<Params, ParamsError> {
        RawParams::from_query(query).validate()
    }

    /// The embedding API: a JS object with the plugin's field names. `null` and missing fields
    /// count as absent; fields we do not use are ignored.
    pub fn from_js(value: JsValue) -> Result<Params, ParamsError> {
        let plugin: PluginParams =
            serde_wasm_bindgen::from_value(value).map_err(|e| ParamsError {
                problems: vec![format!(
                    "The chat options must be an object with the chat's parameters ({e})."
                )],
            })?;
        let mut raw = RawParams::new(PLUGIN_NAMES);
        raw.room = plugin.room;
        raw.websocket_url = plugin.local_websocket_service_url;
        raw.anonymous_domain = plugin.local_anonymous_jid;
        raw.nickname = plugin.nickname;
        raw.history = plugin.history.map(Scalar::into_string);
        raw.read_only = plugin.force_readonly.map(Scalar::into_string);
        raw.transparent = plugin.transparent.map(Scalar::into_string);
        raw.validate()
    }
}

/// The subset of the plugin's `InitConverseJSParams` this client reads.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PluginParams {
    room: Option<String>,
    local_websocket_service_url: Option<String>,
    #[serde(rename = "localAnonymousJID")]
    local_anonymous_jid: Option<String>,
    nickname: Option<String>,
    history: Option<Scalar>,
    force_readonly: Option<Scalar>,
    transparent: Option<Scalar>,
}

/// A field that pages pass in more than one type: `forceReadonly` is `false`, `true` or
/// `"noscroll"`; a number may come as `20` or `"20"`. Read as text, then checked like URL text.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Flag(bool),
    Number(f64),
    Text(String),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Flag(b) => b.to_string(),
            // Whole numbers only (and no float formatting code in the bundle for the rest).
            Scalar::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => (n as i64).to_string(),
            Scalar::Number(_) => "not a whole number".to_owned(),
            Scalar::Text(t) => t,
        }
    }
}

fn is_websocket_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("wss://")
        .or_else(|| url.strip_prefix("ws://"));
    // A host must follow the scheme.
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// Decodes one component of `application/x-www-form-urlencoded` text: `+` is a space, `%XX` a
/// byte; malformed escapes are kept as written; invalid UTF-8 becomes U+FFFD.
pub fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(hex),
                bytes.get(i + 2).and_then(hex),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: &u8) -> Option<u8> {
    (*b as char).to_digit(16).map(|d| d as u8)
}
