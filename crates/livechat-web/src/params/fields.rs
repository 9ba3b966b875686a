//! The parameters as given: one table of fields, each under the name every source gives it, and
//! the three readers that fill [`RawParams`] from them (text, before any check).

use wasm_bindgen::JsValue;

use crate::i18n::{Arg, Msg};
use crate::params::Secret;
use crate::token::ObsToken;
use Kind::{Flag, List, Text};

/// One parameter, whatever its source.
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
    IsRemoteChat,
    RemoteAnonymousDomain,
    RemoteAnonymousServer,
    RemoteAuthenticatedServer,
    RemoteWebsocketUrl,
    RemoteBoshUrl,
    LocalBoshUrl,
    StaticBaseUrl,
    AssetsPath,
    VideoOriginalUrl,
    VideoUuid,
    CustomEmojisUrl,
    ExternalAuthOidc,
    ExternalAuth,
}

/// How a field's value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Yes or no: an element's attribute present without a value says yes.
    Flag,
    /// A JSON array: the plugin object's array is kept as its JSON text.
    List,
}

/// A field and its name in each source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub field: Field,
    /// In the standalone page's URL: the short names it had, else the plugin's.
    pub url: &'static str,
    /// In the object given to `mount()`: the plugin's `InitConverseJSParams` where it has one.
    pub plugin: &'static str,
    /// The attribute of `<livechat-room>`: the plugin's name in kebab-case.
    pub element: &'static str,
    pub kind: Kind,
}

const fn row(
    field: Field,
    kind: Kind,
    url: &'static str,
    plugin: &'static str,
    element: &'static str,
) -> Spec {
    Spec {
        field,
        url,
        plugin,
        element,
        kind,
    }
}

const FIELD_COUNT: usize = 29;

/// Every parameter, in the order of [`Field`].
#[rustfmt::skip]
pub const FIELDS: [Spec; FIELD_COUNT] = [
    //  field                                   kind   URL                                plugin object                      element attribute
    row(Field::Room,                            Text,  "room",                            "room",                            "room"),
    row(Field::WebsocketUrl,                    Text,  "ws",                              "localWebsocketServiceUrl",        "local-websocket-service-url"),
    row(Field::AnonymousDomain,                 Text,  "anon",                            "localAnonymousJID",               "local-anonymous-jid"),
    row(Field::AuthenticationUrl,               Text,  "authenticationUrl",               "authenticationUrl",               "authentication-url"),
    row(Field::Nickname,                        Text,  "nick",                            "nickname",                        "nickname"),
    row(Field::History,                         Text,  "history",                         "history",                         "history"),
    // `true`, `false` or `noscroll`: a flag that has a third value.
    row(Field::ReadOnly,                        Flag,  "_readonly",                       "forceReadonly",                   "force-readonly"),
    row(Field::Transparent,                     Flag,  "_transparent",                    "transparent",                     "transparent"),
    row(Field::Theme,                           Text,  "theme",                           "theme",                           "theme"),
    row(Field::AutoViewerMode,                  Flag,  "autoViewerMode",                  "autoViewerMode",                  "auto-viewer-mode"),
    row(Field::HideParticipants,                Flag,  "forceDefaultHideMucParticipants", "forceDefaultHideMucParticipants", "force-default-hide-muc-participants"),
    row(Field::ParticipantsForModeratorsOnly,   Flag,  "participantsForModeratorsOnly",   "participantsForModeratorsOnly",   "participants-for-moderators-only"),
    row(Field::OverlayFadeSeconds,              Text,  "overlayFadeSeconds",              "overlayFadeSeconds",              "overlay-fade-seconds"),
    row(Field::Autofocus,                       Flag,  "autofocus",                       "autofocus",                       "autofocus"),
    // On the element, its own `lang`: the page's language where it holds the chat.
    row(Field::Lang,                            Text,  "lang",                            "lang",                            "lang"),
    // A video of another instance (federation): see `RemoteChat`.
    row(Field::IsRemoteChat,                    Flag,  "isRemoteChat",                    "isRemoteChat",                    "is-remote-chat"),
    row(Field::RemoteAnonymousDomain,           Text,  "remoteAnonymousJID",              "remoteAnonymousJID",              "remote-anonymous-jid"),
    row(Field::RemoteAnonymousServer,           Flag,  "remoteAnonymousXMPPServer",       "remoteAnonymousXMPPServer",       "remote-anonymous-xmpp-server"),
    row(Field::RemoteAuthenticatedServer,       Flag,  "remoteAuthenticatedXMPPServer",   "remoteAuthenticatedXMPPServer",   "remote-authenticated-xmpp-server"),
    row(Field::RemoteWebsocketUrl,              Text,  "remoteWebsocketServiceUrl",       "remoteWebsocketServiceUrl",       "remote-websocket-service-url"),
    // BOSH: accepted and ignored, this client speaks XMPP over WebSocket only.
    row(Field::RemoteBoshUrl,                   Text,  "remoteBoshServiceUrl",            "remoteBoshServiceUrl",            "remote-bosh-service-url"),
    row(Field::LocalBoshUrl,                    Text,  "localBoshServiceUrl",             "localBoshServiceUrl",             "local-bosh-service-url"),
    // Where the plugin serves its static files: kept for the host, not needed by the chat.
    row(Field::StaticBaseUrl,                   Text,  "staticBaseUrl",                   "staticBaseUrl",                   "static-base-url"),
    row(Field::AssetsPath,                      Text,  "assetsPath",                      "assetsPath",                      "assets-path"),
    row(Field::VideoOriginalUrl,                Text,  "peertubeVideoOriginalUrl",        "peertubeVideoOriginalUrl",        "peertube-video-original-url"),
    row(Field::VideoUuid,                       Text,  "peertubeVideoUUID",               "peertubeVideoUUID",               "peertube-video-uuid"),
    row(Field::CustomEmojisUrl,                 Text,  "customEmojisUrl",                 "customEmojisUrl",                 "custom-emojis-url"),
    // External login buttons: the plugin's list and its newer shape (see `ExternalLogin`).
    row(Field::ExternalAuthOidc,                List,  "externalAuthOIDC",                "externalAuthOIDC",                "external-auth-oidc"),
    row(Field::ExternalAuth,                    List,  "externalAuth",                    "externalAuth",                    "external-auth"),
];

// The table is indexed by `Field`: a row out of place fails the build.
const _: () = {
    let mut i = 0;
    while i < FIELD_COUNT {
        assert!(FIELDS[i].field as usize == i);
        i += 1;
    }
};

impl Field {
    pub fn spec(self) -> &'static Spec {
        &FIELDS[self as usize]
    }
}

/// Where the parameters came from: errors name each one as that source does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Url,
    Plugin,
    Element,
}

impl Source {
    pub fn name(self, field: Field) -> &'static str {
        let spec = field.spec();
        match self {
            Source::Url => spec.url,
            Source::Plugin => spec.plugin,
            Source::Element => spec.element,
        }
    }

    fn field_named(self, name: &str) -> Option<Field> {
        FIELDS
            .iter()
            .map(|spec| spec.field)
            .find(|f| self.name(*f) == name)
    }
}

/// The parameters as given, before any check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawParams {
    pub source: Source,
    values: [Option<String>; FIELD_COUNT],
    pub authorization_header: Option<Secret>,
    pub token: Option<ObsToken>,
    /// The hash tried to carry a token and it is unusable.
    pub token_error: Option<Msg>,
    /// The plugin's API answered `{isError: true, code, message}` instead of parameters.
    pub plugin_error: Option<Msg>,
}

impl RawParams {
    pub fn new(source: Source) -> Self {
        RawParams {
            source,
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
        let mut raw = RawParams::new(Source::Url);
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if let Some(field) = Source::Url.field_named(&form_decode(key)) {
                raw.set(field, form_decode(value));
            }
        }
        raw
    }

    /// Reads the attributes of a `<livechat-room>` element.
    pub fn from_element(element: &web_sys::Element) -> Self {
        let mut raw = RawParams::new(Source::Element);
        for spec in &FIELDS {
            if let Some(value) = element.get_attribute(spec.element) {
                let value = if spec.kind == Kind::Flag && value.is_empty() {
                    "true".to_owned()
                } else {
                    value
                };
                raw.set(spec.field, value);
            }
        }
        raw
    }

    /// Reads the object given to `mount()`. `null` and missing fields count as absent; fields we
    /// do not use are ignored. (Read with `Reflect`, not serde: a dozen fields do not need a
    /// deserializer in the bundle.)
    pub fn from_plugin_object(object: &JsValue) -> Self {
        let field = |name: &str| {
            js_sys::Reflect::get(object, &JsValue::from_str(name))
                .ok()
                .filter(|v| !v.is_null() && !v.is_undefined())
                .map(scalar_text)
        };
        let mut raw = RawParams::new(Source::Plugin);
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
        for spec in &FIELDS {
            if let Some(value) = field(spec.plugin) {
                raw.set(spec.field, value);
            }
        }
        raw.authorization_header = field("authorizationHeader")
            .filter(|h| !h.is_empty())
            .map(Secret);
        raw
    }
}

/// A field that pages pass in more than one type: `forceReadonly` is `false`, `true` or
/// `"noscroll"`; a number may come as `20` or `"20"`; a list is an array. Read as text (a list as
/// its JSON), then checked like URL text.
fn scalar_text(value: JsValue) -> String {
    if js_sys::Array::is_array(&value) {
        js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|json| json.as_string())
            .unwrap_or_default()
    } else if let Some(text) = value.as_string() {
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
