//! What the sans-IO core needs from the browser and cannot have on its own: the clock, some
//! randomness, whether the page is seen. Everything here is a thin call into the JS engine.

use wasm_bindgen::JsValue;

use crate::i18n::Lang;

/// Wall-clock time in milliseconds since the UNIX epoch: the `now_ms` every `Session` call takes.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A seed for `Session::new` (automatic nickname, stanza ids). Not for secrets: `Math.random`.
pub fn random_seed() -> u64 {
    let half = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    half() << 32 | half()
}

/// `text` in lower case by Unicode's full case mapping, as the browser does it: addresses compare
/// as the server prepares them, where the core folds only ASCII letters (see `livechat_core::jid`).
pub fn lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

/// The time of a timestamp in the viewer's local time zone, as the language writes it from two
/// digits of hours (24-hour clock) and of minutes (`message-time`).
pub fn local_time(ms: i64, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    lang.t_args(
        "message-time",
        &[
            ("hours", format!("{:02}", date.get_hours()).into()),
            ("minutes", format!("{:02}", date.get_minutes()).into()),
        ],
    )
}

/// An automatic nickname, `Anonymous NNNNNN`, drawn as the core and the plugin draw them.
pub fn automatic_nick() -> String {
    random_nick("Anonymous")
}

/// The nickname of an anonymous read-only viewer (OBS), `Viewer NNNNNN`, as the plugin names them.
pub fn viewer_nick() -> String {
    random_nick("Viewer")
}

/// `<prefix> NNNNNN`: six digits, 100000 to 999999.
fn random_nick(prefix: &str) -> String {
    format!(
        "{prefix} {}",
        100_000 + (js_sys::Math::random() * 900_000.0) as u32
    )
}

/// Whether the page is hidden (a background tab, a minimised window): nobody can see the chat.
/// An iframe follows its top page.
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// Whether this page is shown inside another one (an iframe).
pub fn in_iframe() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        // A cross-origin parent can refuse even this question: that is an iframe too.
        _ => true,
    }
}

/// Whether the primary pointer is a finger (a phone, a tablet): there, focusing an input pops the
/// keyboard up over the video, so the chat never does it on its own.
pub fn coarse_pointer() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(pointer: coarse)").ok().flatten())
        .is_some_and(|m| m.matches())
}
