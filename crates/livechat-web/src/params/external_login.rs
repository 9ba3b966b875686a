//! External login buttons: the plugin's `externalAuthOIDC` list and its newer `externalAuth`
//! shape, read into one typed list.

use wasm_bindgen::JsValue;

use crate::params::validate::is_http_url;

/// One external login button: the viewer logs in with an account elsewhere (an OpenID Connect or
/// OAuth provider) through a popup the plugin serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalLogin {
    /// `oidc` or `oauth`: how the plugin talks to the provider (every entry of the older
    /// `externalAuthOIDC` list is `oidc`).
    pub protocol: String,
    /// Who holds the account: the older list's `type` (`custom`, `google`, `facebook`), the newer
    /// list's `provider`.
    pub provider: String,
    /// The button's text, from the admin's settings: shown as text, never as HTML.
    pub button_label: String,
    /// The page the popup opens (`http(s)://…` or a path on the page's host).
    pub url: String,
}

/// Reads one list field (its JSON text): an array of entries in either shape, told apart by the
/// newer one's `provider`. `None` when it is not such an array, or an entry lacks a text
/// `buttonLabel` or a usable `url`: the caller reports it under the field's name.
pub(crate) fn parse_list(json: &str) -> Option<Vec<ExternalLogin>> {
    let value = js_sys::JSON::parse(json).ok()?;
    if !js_sys::Array::is_array(&value) {
        return None;
    }
    js_sys::Array::from(&value)
        .iter()
        .map(|entry| read_entry(&entry))
        .collect()
}

fn read_entry(entry: &JsValue) -> Option<ExternalLogin> {
    if !entry.is_object() {
        return None;
    }
    let text = |name: &str| {
        js_sys::Reflect::get(entry, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let url = text("url").filter(|url| is_http_url(url))?;
    let button_label = text("buttonLabel")?;
    let kind = text("type");
    let (protocol, provider) = match text("provider") {
        Some(provider) => (kind.unwrap_or_else(|| "oidc".to_owned()), provider),
        None => (
            "oidc".to_owned(),
            kind.unwrap_or_else(|| "custom".to_owned()),
        ),
    };
    Some(ExternalLogin {
        protocol,
        provider,
        button_label,
        url,
    })
}

/// The newer list first, then the older one's entries it does not already have (same `url`):
/// a plugin in between versions may send both.
pub(crate) fn merge(newer: Vec<ExternalLogin>, older: Vec<ExternalLogin>) -> Vec<ExternalLogin> {
    let mut all = newer;
    for login in older {
        if !all.iter().any(|known| known.url == login.url) {
            all.push(login);
        }
    }
    all
}
