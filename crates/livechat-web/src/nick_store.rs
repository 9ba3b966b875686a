//! The nickname a viewer chose, remembered for 12 hours in `localStorage` as the plugin does, so
//! the next visit joins with it at once.
//!
//! Stored as `{"nickname": "…", "expires": <ms since the epoch>}` under one key. Storage can be
//! missing or refused (a sandboxed or third-party iframe): then nothing is remembered and nothing
//! fails.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::JsValue;
use web_sys::Storage;

pub const STORAGE_KEY: &str = "livechat-nickname";
/// How long a chosen nickname is remembered.
pub const TTL_MS: f64 = 12.0 * 3600.0 * 1000.0;

/// The page's `localStorage`, when the browser lets us use it.
pub fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Remembers `nickname` until `now_ms + TTL_MS`.
pub fn remember(storage: &Storage, nickname: &str, now_ms: f64) {
    let record = Object::new();
    let _ = Reflect::set(&record, &"nickname".into(), &nickname.into());
    let _ = Reflect::set(
        &record,
        &"expires".into(),
        &JsValue::from_f64(now_ms + TTL_MS),
    );
    if let Ok(text) = JSON::stringify(&record) {
        let _ = storage.set_item(STORAGE_KEY, &String::from(text));
    }
}

/// The remembered nickname, unless it expired (then it is forgotten) or the record is unreadable.
pub fn recall(storage: &Storage, now_ms: f64) -> Option<String> {
    let text = storage.get_item(STORAGE_KEY).ok()??;
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
            forget(storage);
            None
        }
    }
}

pub fn forget(storage: &Storage) {
    let _ = storage.remove_item(STORAGE_KEY);
}
