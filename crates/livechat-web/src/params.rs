//! The chat's parameters: which room, which server, how to log in, how to show it.
//!
//! Three sources lead to the same [`Params`], each with its own names for the same fields
//! ([`URL_NAMES`], [`PLUGIN_NAMES`], [`ELEMENT_NAMES`]):
//! - the standalone page's URL ([`Params::from_query`]):
//!   `?room=<room JID>&ws=<WebSocket URL>&anon=<anonymous domain>[&nick=…][&history=…]
//!   [&_readonly=true|noscroll][&_transparent=true][&theme=…][&overlayFadeSeconds=…][&lang=…]…`
//!   (`_readonly` and `_transparent` are the names the plugin already puts in OBS URLs), and the
//!   streamer's token in the hash (see [`crate::token`]);
//! - the object the embedding page passes to `mount()` ([`Params::from_js`]), with the field names
//!   of the plugin's `InitConverseJSParams` (`room`, `localWebsocketServiceUrl`,
//!   `localAnonymousJID`, `authenticationUrl`, `forceReadonly`, `transparent`, `theme`,
//!   `autoViewerMode`, `forceDefaultHideMucParticipants`, `autofocus`) plus ours
//!   (`authorizationHeader`, `participantsForModeratorsOnly`, `overlayFadeSeconds`, `nickname`,
//!   `history`, `lang`);
//! - the attributes of `<livechat-room>` ([`Params::from_element`]): the plugin's names in
//!   kebab-case (`local-websocket-service-url`, `force-readonly`, …); a boolean attribute counts
//!   as `true` when present without a value.
//!
//! All are read into [`RawParams`] (strings, as given) and checked by one function, so a problem
//! is reported the same way whatever the source, under the name the caller used, in the chat's
//! language (each problem is a [`Msg`]).
//!
//! `lang` asks for a language (a tag such as `fr` or `pt-BR`); it is never an error: a language
//! the chat does not have gives way to the page's and the browser's (see [`crate::i18n`]).

use std::fmt;

use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials};
use wasm_bindgen::JsValue;

use crate::i18n::{Arg, Msg};
use crate::platform;
use crate::token::ObsToken;

/// The most history a page may ask for on join: the log never shows more than the pruning limit.
pub const MAX_HISTORY: u32 = 100;
/// How long an overlay message stays before it fades out, unless the page says otherwise.
pub const DEFAULT_OVERLAY_FADE_SECONDS: u32 = 30;
/// Keep-alive interval: below the 60 s after which a default nginx drops a silent proxied
/// WebSocket, with room for a late timer (see `transport`). Prosody itself never drops an idle
/// WebSocket: after 14 minutes of silence it pings it, and the browser answers on its own.
pub const PING_INTERVAL_MS: u64 = 45_000;

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
    /// `ws://` or `wss://` URL of the XMPP WebSocket endpoint (RFC 7395).
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

/// The parameters given as text, one per source name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Room,
    WebsocketUrl,
    AnonymousDomain,
    AuthenticationUrl,
    Nickname,
    History,
    ReadOnly,
    Transparent,
    Theme,
    AutoViewerMode,
    HideParticipants,
    ParticipantsForModeratorsOnly,
    OverlayFadeSeconds,
    Autofocus,
    Lang,
}

const FIELD_COUNT: usize = 15;

impl Field {
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Room,
        Field::WebsocketUrl,
        Field::AnonymousDomain,
        Field::AuthenticationUrl,
        Field::Nickname,
        Field::History,
        Field::ReadOnly,
        Field::Transparent,
        Field::Theme,
        Field::AutoViewerMode,
        Field::HideParticipants,
        Field::ParticipantsForModeratorsOnly,
        Field::OverlayFadeSeconds,
        Field::Autofocus,
        Field::Lang,
    ];

    /// Fields that are yes/no (an attribute present without a value says yes).
    fn is_flag(self) -> bool {
        matches!(
            self,
            Field::ReadOnly
                | Field::Transparent
                | Field::AutoViewerMode
                | Field::HideParticipants
                | Field::ParticipantsForModeratorsOnly
                | Field::Autofocus
        )
    }
}

/// What each parameter is called by the source it came from, so errors name what the caller wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Names([&'static str; FIELD_COUNT]);

impl Names {
    pub fn of(&self, field: Field) -> &'static str {
        self.0[field as usize]
    }
}

/// The names in the standalone page's URL (short ones where the page had them, else the plugin's).
pub const URL_NAMES: Names = Names([
    "room",
    "ws",
    "anon",
    "authenticationUrl",
    "nick",
    "history",
    "_readonly",
    "_transparent",
    "theme",
    "autoViewerMode",
    "forceDefaultHideMucParticipants",
    "participantsForModeratorsOnly",
    "overlayFadeSeconds",
    "autofocus",
    "lang",
]);

/// The names in the object given to `mount()` (the plugin's own where it has one).
pub const PLUGIN_NAMES: Names = Names([
    "room",
    "localWebsocketServiceUrl",
    "localAnonymousJID",
    "authenticationUrl",
    "nickname",
    "history",
    "forceReadonly",
    "transparent",
    "theme",
    "autoViewerMode",
    "forceDefaultHideMucParticipants",
    "participantsForModeratorsOnly",
    "overlayFadeSeconds",
    "autofocus",
    "lang",
]);

/// The attributes of `<livechat-room>`: the plugin's names in kebab-case.
pub const ELEMENT_NAMES: Names = Names([
    "room",
    "local-websocket-service-url",
    "local-anonymous-jid",
    "authentication-url",
    "nickname",
    "history",
    "force-readonly",
    "transparent",
    "theme",
    "auto-viewer-mode",
    "force-default-hide-muc-participants",
    "participants-for-moderators-only",
    "overlay-fade-seconds",
    "autofocus",
    // The element's own `lang`: the page's language where it holds the chat.
    "lang",
]);

/// The parameters as given, before any check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawParams {
    pub names: Names,
    values: [Option<String>; FIELD_COUNT],
    pub authorization_header: Option<Secret>,
    pub token: Option<ObsToken>,
    /// The hash tried to carry a token and it is unusable.
    pub token_error: Option<Msg>,
    /// The plugin's API answered `{isError: true, code, message}` instead of parameters.
    pub plugin_error: Option<Msg>,
}

impl RawParams {
    pub fn new(names: Names) -> Self {
        RawParams {
            names,
            values: Default::default(),
            authorization_header: None,
            token: None,
            token_error: None,
            plugin_error: None,
        }
    }

    pub fn get(&self, field: Field) -> Option<&str> {
        self.values[field as usize].as_deref()
    }

    /// Sets a field unless it is set already (for a repeated key the first one wins).
    pub fn set(&mut self, field: Field, value: String) {
        let slot = &mut self.values[field as usize];
        if slot.is_none() {
            *slot = Some(value);
        }
    }

    /// Reads `application/x-www-form-urlencoded` text, with or without its leading `?`. Unknown
    /// keys are ignored; for a repeated key the first one wins.
    pub fn from_query(query: &str) -> Self {
        let mut raw = RawParams::new(URL_NAMES);
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = form_decode(key);
            if let Some(field) = Field::ALL.into_iter().find(|f| URL_NAMES.of(*f) == key) {
                raw.set(field, form_decode(value));
            }
        }
        raw
    }

    /// Reads the attributes of a `<livechat-room>` element.
    pub fn from_element(element: &web_sys::Element) -> Self {
        let mut raw = RawParams::new(ELEMENT_NAMES);
        for field in Field::ALL {
            if let Some(value) = element.get_attribute(ELEMENT_NAMES.of(field)) {
                let value = if field.is_flag() && value.is_empty() {
                    "true".to_owned()
                } else {
                    value
                };
                raw.set(field, value);
            }
        }
        raw
    }

    /// Checks everything and reports every problem at once.
    pub fn validate(self) -> Result<Params, ParamsError> {
        let lang = self
            .get(Field::Lang)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        if let Some(error) = self.plugin_error {
            return Err(ParamsError {
                problems: vec![error],
                lang,
            });
        }
        let n = self.names;
        // Each problem names the parameter as the caller wrote it.
        let problem = |msg: Msg, field: Field| msg.arg("name", n.of(field));
        let mut problems = Vec::new();
        let given = |field: Field| {
            self.get(field)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };

        let room = match given(Field::Room) {
            None => {
                problems.push(problem(Msg::new("param-room-missing"), Field::Room));
                None
            }
            Some(room) => match platform::lowercase(&room).parse::<BareJid>() {
                Ok(jid) if jid.node().is_some() => Some(jid),
                _ => {
                    problems.push(problem(Msg::new("param-room-invalid"), Field::Room));
                    None
                }
            },
        };

        let websocket_url = match given(Field::WebsocketUrl) {
            None => {
                problems.push(problem(Msg::new("param-ws-missing"), Field::WebsocketUrl));
                None
            }
            Some(url) if is_websocket_url(&url) => Some(url),
            Some(_) => {
                problems.push(problem(Msg::new("param-ws-invalid"), Field::WebsocketUrl));
                None
            }
        };

        let authentication_url = match given(Field::AuthenticationUrl) {
            None => None,
            Some(url) if is_http_url(&url) => Some(url),
            Some(_) => {
                problems.push(problem(
                    Msg::new("param-url-invalid"),
                    Field::AuthenticationUrl,
                ));
                None
            }
        };

        if let Some(error) = &self.token_error {
            problems.push(error.clone());
        }
        let has_account = authentication_url.is_some() || self.token.is_some();
        let anonymous_domain = match given(Field::AnonymousDomain) {
            None if has_account || self.token_error.is_some() => None,
            None => {
                problems.push(
                    problem(Msg::new("param-anon-missing"), Field::AnonymousDomain)
                        .arg("auth", n.of(Field::AuthenticationUrl)),
                );
                None
            }
            Some(domain) => match platform::lowercase(&domain).parse::<BareJid>() {
                Ok(jid) if jid.node().is_none() => Some(jid.to_string()),
                _ => {
                    problems.push(problem(
                        Msg::new("param-anon-invalid"),
                        Field::AnonymousDomain,
                    ));
                    None
                }
            },
        };

        let mut number = |field: Field, max: u32| match given(field) {
            None => None,
            Some(h) => match h.parse::<u32>() {
                Ok(h) if h <= max => Some(h),
                _ => {
                    problems.push(problem(Msg::new("param-number"), field).arg("max", max));
                    None
                }
            },
        };
        let history = number(Field::History, MAX_HISTORY);
        let overlay_fade_seconds = number(Field::OverlayFadeSeconds, 86_400);

        let read_only = match given(Field::ReadOnly).as_deref() {
            None | Some("false") | Some("0") => ReadOnly::No,
            Some("true") | Some("1") => ReadOnly::Yes,
            Some("noscroll") => ReadOnly::NoScroll,
            Some(_) => {
                problems.push(problem(Msg::new("param-readonly"), Field::ReadOnly));
                ReadOnly::No
            }
        };

        let mut flag = |field: Field, default: bool| match given(field).as_deref() {
            None => default,
            Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(_) => {
                problems.push(problem(Msg::new("param-flag"), field));
                default
            }
        };
        let transparent = flag(Field::Transparent, false);
        let auto_viewer_mode = flag(Field::AutoViewerMode, true);
        let hide_participants = flag(Field::HideParticipants, false);
        let participants_for_moderators_only = flag(Field::ParticipantsForModeratorsOnly, false);
        let autofocus = flag(Field::Autofocus, false);

        let theme = match given(Field::Theme) {
            None => Theme::default(),
            Some(name) => Theme::parse(&name).unwrap_or_else(|| {
                problems.push(
                    problem(Msg::new("param-theme"), Field::Theme)
                        .arg("themes", Theme::NAMES.map(|t| format!("`{t}`")).join(", ")),
                );
                Theme::default()
            }),
        };

        let nickname = given(Field::Nickname);
        match (room, websocket_url) {
            (Some(room), Some(websocket_url)) if problems.is_empty() => Ok(Params {
                room,
                websocket_url,
                anonymous_domain,
                authentication_url,
                authorization_header: self.authorization_header,
                token: self.token,
                nickname,
                history,
                read_only,
                transparent,
                theme,
                auto_viewer_mode,
                hide_participants,
                participants_for_moderators_only,
                overlay_fade_seconds: overlay_fade_seconds.unwrap_or(DEFAULT_OVERLAY_FADE_SECONDS),
                autofocus,
                lang,
                embedded: false,
            }),
            _ => Err(ParamsError { problems, lang }),
        }
    }
}

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

    /// The embedding API: a JS object with the plugin's field names. `null` and missing fields
    /// count as absent; fields we do not use are ignored. (Read with `Reflect`, not serde: a
    /// dozen fields do not need a deserializer in the bundle.)
    pub fn from_js(value: JsValue) -> Result<Params, ParamsError> {
        if !value.is_object() {
            return Err(ParamsError {
                problems: vec![Msg::new("params-not-object")],
                lang: None,
            });
        }
        let field = |name: &str| {
            js_sys::Reflect::get(&value, &JsValue::from_str(name))
                .ok()
                .filter(|v| !v.is_null() && !v.is_undefined())
                .map(scalar_text)
        };
        let mut raw = RawParams::new(PLUGIN_NAMES);
        if field("isError").as_deref() == Some("true") {
            let message = match field("message") {
                Some(text) => Arg::from(text),
                None => Msg::new("plugin-refused").into(),
            };
            raw.plugin_error = Some(match field("code") {
                Some(code) => Msg::new("plugin-unavailable-code")
                    .arg("message", message)
                    .arg("code", code),
                None => Msg::new("plugin-unavailable").arg("message", message),
            });
        }
        for f in Field::ALL {
            if let Some(v) = field(PLUGIN_NAMES.of(f)) {
                raw.set(f, v);
            }
        }
        raw.authorization_header = field("authorizationHeader")
            .filter(|h| !h.is_empty())
            .map(Secret);
        raw.validate()
    }

    /// The custom element: its attributes.
    pub fn from_element(element: &web_sys::Element) -> Result<Params, ParamsError> {
        RawParams::from_element(element).validate()
    }
}

/// A field that pages pass in more than one type: `forceReadonly` is `false`, `true` or
/// `"noscroll"`; a number may come as `20` or `"20"`. Read as text, then checked like URL text.
fn scalar_text(value: JsValue) -> String {
    if let Some(text) = value.as_string() {
        text
    } else if let Some(flag) = value.as_bool() {
        flag.to_string()
    } else if let Some(n) = value.as_f64() {
        // Whole numbers only (and no float formatting code in the bundle for the rest).
        if n.fract() == 0.0 && n.abs() < 1e15 {
            (n as i64).to_string()
        } else {
            "not a whole number".to_owned()
        }
    } else {
        "not a text, number or boolean".to_owned()
    }
}

fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://")
        || lower.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//")))
        && !url.contains(char::is_whitespace)
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
