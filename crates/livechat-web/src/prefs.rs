//! What the chat remembers in `localStorage` across visits: the nickname an anonymous viewer chose
//! (for 12 hours, so the next visit joins with it at once), a moderator's choice of join/leave
//! lines, and the terms the viewer hid (each until its text changes).
//!
//! The nickname is kept as the PeerTube livechat plugin's own frontend keeps it, under its keys and
//! with its 12-hour rule, so a viewer keeps theirs when an instance switches to this client: the
//! nickname in [`NICKNAME_KEY`], and in [`NICKNAME_LAST_ACCESS_KEY`] when it was last used (ms
//! since the epoch, as decimal text). Reading it more than 12 hours after that forgets both;
//! reading it sooner counts as a use. (Earlier builds of this client kept one JSON record under
//! `livechat-nickname`; it is no longer read and expires on its own terms.)
//!
//! Storage can be missing or refused (a sandboxed or third-party iframe): then nothing is
//! remembered and nothing fails.

use livechat_core::terms::{TermsScope, TermsText};
use web_sys::Storage;

/// The chosen nickname (the plugin's key).
pub const NICKNAME_KEY: &str = "livechat-previous-anonymous-nickname";
/// When it was last used, in ms since the epoch (the plugin's key).
pub const NICKNAME_LAST_ACCESS_KEY: &str = "livechat-previous-anonymous-nickname-last-access";
/// How long a chosen nickname is remembered after its last use.
pub const NICKNAME_TTL_MS: f64 = 12.0 * 3600.0 * 1000.0;
/// Moderators' choice of join/leave lines: `"1"` shows them.
pub const PRESENCE_LINES_KEY: &str = "livechat-presence-lines";

/// The page's `localStorage`, when the browser lets us use it.
pub fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Remembers `nickname`, used at `now_ms`.
pub fn remember_nick(storage: &Storage, nickname: &str, now_ms: f64) {
    let _ = storage.set_item(NICKNAME_KEY, nickname);
    let _ = storage.set_item(NICKNAME_LAST_ACCESS_KEY, &stamp(now_ms));
}

/// The remembered nickname, unless its last use is more than 12 hours old (then it is
/// forgotten). A nickname read counts as used now. Without a readable last use, the nickname is
/// kept, as the plugin keeps it.
pub fn recall_nick(storage: &Storage, now_ms: f64) -> Option<String> {
    let last_access = storage
        .get_item(NICKNAME_LAST_ACCESS_KEY)
        .ok()
        .flatten()
        .and_then(|text| leading_integer(&text))
        .filter(|&ms| ms != 0.0);
    if last_access.is_some_and(|ms| now_ms > ms + NICKNAME_TTL_MS) {
        forget_nick(storage);
        return None;
    }
    let nickname = storage.get_item(NICKNAME_KEY).ok()??;
    let _ = storage.set_item(NICKNAME_LAST_ACCESS_KEY, &stamp(now_ms));
    Some(nickname).filter(|n| !n.trim().is_empty())
}

pub fn forget_nick(storage: &Storage) {
    let _ = storage.remove_item(NICKNAME_KEY);
    let _ = storage.remove_item(NICKNAME_LAST_ACCESS_KEY);
}

/// A time as the plugin writes it: whole milliseconds, in decimal.
fn stamp(ms: f64) -> String {
    format!("{}", ms.trunc() as i64)
}

/// `parseInt(text, 10)`, as the plugin reads the time back; `None` for its `NaN`.
fn leading_integer(text: &str) -> Option<f64> {
    Some(js_sys::Number::parse_int(text, 10)).filter(|n| !n.is_nan())
}

/// Whether the moderator asked for join/leave lines.
pub fn presence_lines() -> bool {
    local_storage()
        .and_then(|s| s.get_item(PRESENCE_LINES_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

pub fn store_presence_lines(on: bool) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(PRESENCE_LINES_KEY, if on { "1" } else { "0" });
    }
}

/// Where the key of the hidden terms of `scope` is kept.
fn terms_hidden_item(scope: TermsScope) -> &'static str {
    match scope {
        TermsScope::Global => "livechat-terms-hidden-global",
        TermsScope::Room => "livechat-terms-hidden-room",
    }
}

/// Whether the viewer hid these very terms: by their key, or as the plugin's own frontend
/// remembered them (the whole text, under its keys), so that terms hidden there stay hidden.
pub fn terms_hidden(scope: TermsScope, terms: &TermsText) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    let read = |item: &str| storage.get_item(item).ok().flatten();
    let plugin_item = match scope {
        TermsScope::Global => "x_livechat_terms_global_hidden",
        TermsScope::Room => "x_livechat_terms_muc_hidden",
    };
    read(terms_hidden_item(scope)).is_some_and(|key| key == terms.key)
        || read(plugin_item).is_some_and(|text| text == terms.text)
}

/// Remembers that the viewer hid these terms (other terms show again).
pub fn hide_terms(scope: TermsScope, terms: &TermsText) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(terms_hidden_item(scope), &terms.key);
    }
}
