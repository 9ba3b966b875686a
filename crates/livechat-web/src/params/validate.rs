//! The parameters checked: every problem found at once, each naming the parameter as the caller
//! wrote it, in the chat's language.

use livechat_core::jid::BareJid;

use crate::i18n::Msg;
use crate::params::fields::{Field, RawParams};
use crate::params::{
    Params, ParamsError, ReadOnly, Theme, DEFAULT_OVERLAY_FADE_SECONDS, MAX_HISTORY,
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
                        .arg("auth", source.name(Field::AuthenticationUrl)),
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
