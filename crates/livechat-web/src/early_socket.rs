//! The socket the standalone page's boot script opens while the wasm downloads and compiles
//! (`assets/boot.js`): the browser's connection set-up, tens of milliseconds, then overlaps the
//! start instead of following it.
//!
//! The script leaves `{url, socket}` on the mount point as `livechatSocket`. The chat takes it
//! only for the address it validated itself and only while it is still connecting or open; the
//! server says nothing before the client's `<open/>`, so no frame can be missed meanwhile.
//! Any other socket is closed.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

/// The property the boot script sets on the mount point.
const PROPERTY: &str = "livechatSocket";

thread_local! {
    static WAITING: RefCell<Option<(String, web_sys::WebSocket)>> = const { RefCell::new(None) };
}

/// Takes the boot script's socket off `element` and keeps it for [`take`].
pub fn adopt(element: &web_sys::Element) {
    let key = JsValue::from_str(PROPERTY);
    let Ok(early) = js_sys::Reflect::get(element, &key) else {
        return;
    };
    let _ = js_sys::Reflect::delete_property(element.unchecked_ref::<js_sys::Object>(), &key);
    let url = js_sys::Reflect::get(&early, &"url".into())
        .ok()
        .and_then(|u| u.as_string());
    let socket = js_sys::Reflect::get(&early, &"socket".into())
        .ok()
        .and_then(|s| s.dyn_into::<web_sys::WebSocket>().ok());
    if let (Some(url), Some(socket)) = (url, socket) {
        discard();
        WAITING.with(|w| *w.borrow_mut() = Some((url, socket)));
    }
}

/// The waiting socket, if it was opened to `url` and is still usable.
pub fn take(url: &str) -> Option<web_sys::WebSocket> {
    let (opened_to, socket) = WAITING.with(|w| w.borrow_mut().take())?;
    let usable = matches!(
        socket.ready_state(),
        web_sys::WebSocket::CONNECTING | web_sys::WebSocket::OPEN
    );
    if opened_to == url && usable {
        Some(socket)
    } else {
        let _ = socket.close();
        None
    }
}

/// Closes the waiting socket (the page's parameters turned out unusable).
pub fn discard() {
    if let Some((_, socket)) = WAITING.with(|w| w.borrow_mut().take()) {
        let _ = socket.close();
    }
}
