//! What the chat remembers in `localStorage` across visits: the nickname a viewer chose (for 12
//! hours, as the plugin does, so the next visit joins with it at once) and a moderator's choice of
//! join/leave lines.
//!
//! Storage can be missing or refused (a sandboxed or third-party iframe): then nothing is
//! remembered and nothing fails.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::JsValue;
use web_sys::Storage;

/// The chosen nickname, stored as `{"nickname": "…", "expires": <ms since the epoch>}`.
pub const NICKNAME_KEY: &str = "livechat-nickname";
/// How long a chosen nickname is remembered.
pub const NICKNAME_TTL_MS: f64 = 12.0 * 3600.0 * 1000.0;
/// Moderators' choice of join/leave lines: `"1"` shows them.
pub const PRESENCE_LINES_KEY: &str = "livechat-presence-lines";

/// The page's `localStorage`, when the browser lets us use it.
pub fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Remembers `nickname` until `now_ms + NICKNAME_TTL_MS`.
pub fn remember_nick(storage: &Storage, nickname: &str, now_ms: f64) {
    let record = Object::new();
    let _ = Reflect::set(&record, &"nickname".into(), &nickname.into());
    let _ = Reflect::set(
        &record,
        &"expires".into(),
        &JsValue::from_f64(now_ms + NICKNAME_TTL_MS),
    );
    if let Ok(text) = JSON::stringify(&record) {
        let _ = storage.set_item(NICKNAME_KEY, &String::from(text));
    }
}

/// The remembered nickname, unless it expired (then it is forgotten) or the record is unreadable.
pub fn recall_nick(storage: &Storage, now_ms: f64) -> Option<String> {
    let text = storage.get_item(NICKNAME_KEY).ok()??;
    let record = JSON::parse(&text).ok().filter(JsValue::is_object);
    let field = |name: &str| {
        record
            .as_ref()
            .and_then(|r| Reflect::get(r, &name.into()).ok())
    };
    let nickname = field("nickname").and_then(|v| v.as_string());
    let expires = field("expires").and_then(|v| v.as_f64());
    match (nickname, expires) {
        (Some(nickname), Some(expires)) if now_ms < expires && !nickname.trim().is_empty() => {
            Some(nickname)
        }
        _ => {
            forget_nick(storage);
            None
        }
    }
}

pub fn forget_nick(storage: &Storage) {
    let _ = storage.remove_item(NICKNAME_KEY);
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
