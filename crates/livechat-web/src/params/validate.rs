//! The parameters checked: every problem found at once, each naming the parameter as the caller
//! wrote it, in the chat's language.

use livechat_core::jid::BareJid;

use crate::i18n::Msg;
use crate::params::external_login::{self, ExternalLogin};
use crate::params::fields::{Field, RawParams};
use crate::params::{
    Params, ParamsError, ReadOnly, RemoteChat, Theme, DEFAULT_OVERLAY_FADE_SECONDS, MAX_HISTORY,
};
use crate::platform;

impl RawParams {
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
        let source = self.source;
        // Each problem names the parameter as the caller wrote it.
        let problem = |msg: Msg, field: Field| msg.arg("name", source.name(field));
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

        // The plugin gives its WebSocket as a path on the page's host.
        let mut websocket = |field: Field| {
            let url = given(field)?;
            let absolute = match page_location() {
                Some((protocol, host)) => absolute_websocket_url(&url, &protocol, &host),
                None => url,
            };
            if is_websocket_url(&absolute) {
                Some(absolute)
            } else {
                problems.push(problem(Msg::new("param-ws-invalid"), field));
                None
            }
        };
        let websocket_url = websocket(Field::WebsocketUrl);
        let remote_websocket_url = websocket(Field::RemoteWebsocketUrl);
        if given(Field::WebsocketUrl).is_none() {
            problems.push(problem(Msg::new("param-ws-missing"), Field::WebsocketUrl));
        }

        let mut http_url = |field: Field| match given(field) {
            None => None,
            Some(url) if is_http_url(&url) => Some(url),
            Some(_) => {
                problems.push(problem(Msg::new("param-url-invalid"), field));
                None
            }
        };
        let authentication_url = http_url(Field::AuthenticationUrl);
        let custom_emojis_url = http_url(Field::CustomEmojisUrl);

        let mut logins = |field: Field| match given(field) {
            None => Vec::new(),
            Some(json) => external_login::parse_list(&json).unwrap_or_else(|| {
                problems.push(problem(Msg::new("param-external-logins"), field));
                Vec::new()
            }),
        };
        let newer_logins = logins(Field::ExternalAuth);
        let external_logins: Vec<ExternalLogin> =
            external_login::merge(newer_logins, logins(Field::ExternalAuthOidc));

        if let Some(error) = &self.token_error {
            problems.push(error.clone());
        }
        let has_account = authentication_url.is_some() || self.token.is_some();
        let mut domain = |field: Field| {
            let domain = given(field)?;
            match platform::lowercase(&domain).parse::<BareJid>() {
                Ok(jid) if jid.node().is_none() => Some(jid.to_string()),
                _ => {
                    problems.push(problem(Msg::new("param-anon-invalid"), field));
                    None
                }
            }
        };
        let anonymous_domain = domain(Field::AnonymousDomain);
        let remote_anonymous_domain = domain(Field::RemoteAnonymousDomain);

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
        let remote = flag(Field::IsRemoteChat, false).then(|| RemoteChat {
            anonymous_domain: remote_anonymous_domain,
            anonymous_server: flag(Field::RemoteAnonymousServer, false),
            authenticated_server: flag(Field::RemoteAuthenticatedServer, false),
            websocket_url: remote_websocket_url,
        });
        // Anonymous viewers need a domain: this instance's, or the remote's for its video.
        let remote_anonymous = remote
            .as_ref()
            .is_some_and(|r| r.anonymous_server && r.anonymous_domain.is_some());
        let anonymous_given = given(Field::AnonymousDomain).is_some();
        if !anonymous_given && !has_account && !remote_anonymous && self.token_error.is_none() {
            problems.push(
                problem(Msg::new("param-anon-missing"), Field::AnonymousDomain)
                    .arg("auth", source.name(Field::AuthenticationUrl)),
            );
        }

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
        let static_base_url = given(Field::StaticBaseUrl);
        let assets_path = given(Field::AssetsPath);
        let video_original_url = given(Field::VideoOriginalUrl);
        let video_uuid = given(Field::VideoUuid);
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
                remote,
                static_base_url,
                assets_path,
                video_original_url,
                video_uuid,
                custom_emojis_url,
                external_logins,
            }),
            _ => Err(ParamsError { problems, lang }),
        }
    }
}

pub(crate) fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://")
        || lower.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//")))
        && !url.contains(char::is_whitespace)
}

/// `url` made absolute the way the plugin's own frontend does it: a path (`/…`) goes to the page's
/// host, over `ws://` from an `http:` page and `wss://` otherwise. Anything else is left as it is.
pub fn absolute_websocket_url(url: &str, page_protocol: &str, page_host: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        let scheme = if page_protocol == "http:" {
            "ws"
        } else {
            "wss"
        };
        format!("{scheme}://{page_host}{url}")
    } else {
        url.to_owned()
    }
}

/// The page's `location.protocol` and `location.host`.
fn page_location() -> Option<(String, String)> {
    let location = web_sys::window()?.location();
    Some((location.protocol().ok()?, location.host().ok()?))
}

fn is_websocket_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("wss://")
        .or_else(|| url.strip_prefix("ws://"));
    // A host must follow the scheme.
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}
