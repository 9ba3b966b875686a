//! What the sans-IO core needs from the browser and cannot have on its own: the clock and some
//! randomness. Everything here is a thin call into the JS engine.

use wasm_bindgen::JsValue;

/// Wall-clock time in milliseconds since the UNIX epoch: the `now_ms` every `Session` call takes.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A seed for `Session::new` (automatic nickname, stanza ids). Not for secrets: `Math.random`.
pub fn random_seed() -> u64 {
    let half = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    half() << 32 | half()
}

/// `HH:MM` of a timestamp in the viewer's local time zone.
pub fn local_hh_mm(ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// An automatic nickname, `Anonymous NNNNNN`, drawn as the core and the plugin draw them.
pub fn automatic_nick() -> String {
    format!(
        "Anonymous {}",
        100_000 + (js_sys::Math::random() * 900_000.0) as u32
    )
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
