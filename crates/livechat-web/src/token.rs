//! The streamer's long-term token in the standalone page's address: `#?j=<jid>&p=<password>&n=<nickname>`,
//! as the plugin writes it for the OBS dock.
//!
//! The hash never reaches a server, which is why the plugin puts the password there. Once read,
//! the page takes it out of the address bar ([`scrub_hash`]) so it is not left in the history,
//! a screenshot or a shared URL. It is never logged (the `Debug` below hides the password) and
//! never stored.

use std::fmt;

use livechat_core::jid::BareJid;

use crate::i18n::Msg;
use crate::params::form_decode;

#[derive(Clone, PartialEq, Eq)]
pub struct ObsToken {
    pub jid: BareJid,
    pub password: String,
    /// The nickname to join with; `None` uses the account's name.
    pub nickname: Option<String>,
}

impl fmt::Debug for ObsToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ObsToken({}, <password hidden>, {:?})",
            self.jid, self.nickname
        )
    }
}

impl ObsToken {
    /// The nickname to join with: the token's, else the account's name.
    pub fn nickname(&self) -> String {
        self.nickname
            .clone()
            .unwrap_or_else(|| self.jid.node().map(|n| n.to_string()).unwrap_or_default())
    }
}

/// Reads `location.hash`. `Ok(None)` when the hash carries no token (empty, or something else
/// such as an anchor); `Err` when it tries to and is unusable. The error never repeats the values.
pub fn parse_token_hash(hash: &str) -> Result<Option<ObsToken>, Msg> {
    let Some(query) = hash.strip_prefix('#').unwrap_or(hash).strip_prefix('?') else {
        return Ok(None);
    };
    let (mut jid, mut password, mut nickname) = (None, None, None);
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match key {
            "j" => &mut jid,
            "p" => &mut password,
            "n" => &mut nickname,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(form_decode(value));
        }
    }
    if jid.is_none() && password.is_none() {
        return Ok(None);
    }
    let jid = match jid.as_deref().map(str::trim).map(str::parse::<BareJid>) {
        Some(Ok(jid)) if jid.node().is_some() => jid,
        _ => return Err(Msg::new("token-bad-jid")),
    };
    let password = match password {
        Some(p) if !p.is_empty() => p,
        _ => return Err(Msg::new("token-no-password")),
    };
    let nickname = nickname
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    Ok(Some(ObsToken {
        jid,
        password,
        nickname,
    }))
}

/// Takes the hash out of the address bar without reloading or adding a history entry.
pub fn scrub_hash(window: &web_sys::Window) {
    let Ok(history) = window.history() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    let _ = history.replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&format!("{path}{search}")),
    );
}
