//! The lean PeerTube live chat in the browser: a thin leptos shell around the sans-IO
//! `livechat_core::Session`.
//!
//! - [`params`]: the chat's parameters, from the URL or from the embedding page's object.
//! - [`transport`]: the task that pumps frames between the WebSocket and the session.
//! - [`state`]: the signals the transport writes and the components read.
//! - [`log_view`]: the room's message log turned into small view structs.
//! - [`app`] and [`components`]: the UI.
//! - [`platform`]: the clock and randomness the core takes from the browser.
//!
//! # Two ways to start
//!
//! **Embedding API.** The host page loads the module and calls
//! `mount(element, params)`, with `params` an object carrying the plugin's field names
//! (`room`, `localWebsocketServiceUrl`, `localAnonymousJID`, `forceReadonly`, `transparent`; see
//! [`params`]). The chat renders inside `element`.
//!
//! **Standalone page.** When the module starts, it looks for the element
//! `<div id="livechat" data-params="url">` and, if the page has it, mounts the chat there with the
//! parameters of the page's URL (`?room=…&ws=…&anon=…`). The `data-params="url"` attribute is the
//! opt-in: a host page that calls `mount()` itself has no such element, so nothing starts twice.
//!
//! Either way, parameters that cannot be used render a visible error in place of the chat.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

pub mod app;
pub mod components;
pub mod log_view;
pub mod params;
pub mod platform;
pub mod state;
pub mod transport;

use app::App;
use params::{Params, ParamsError};

/// The `id` of the standalone page's mount point.
pub const MOUNT_POINT_ID: &str = "livechat";
/// The attribute (and value) that asks for the URL's parameters on that mount point.
pub const PARAMS_SOURCE_ATTR: (&str, &str) = ("data-params", "url");

/// Mounts a chat inside `element`. `params` is an object with the plugin's field names.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, params: JsValue) {
    mount_with(element, Params::from_js(params));
}

/// Mounts the chat, or the explanation of why it cannot start, inside `element`.
pub fn mount_with(element: web_sys::Element, params: Result<Params, ParamsError>) {
    if let Err(error) = &params {
        web_sys::console::error_1(&format!("livechat: {error}").into());
    }
    // The chat lives as long as the page: the handle is never used to unmount.
    leptos::mount::mount_to(element.unchecked_into(), move || view! { <App params/> }).forget();
}

/// The standalone page: mounts from the URL if the page has the mount point (see the crate docs).
#[wasm_bindgen(start)]
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(element) = document.get_element_by_id(MOUNT_POINT_ID) else {
        return;
    };
    let (attr, value) = PARAMS_SOURCE_ATTR;
    if element.get_attribute(attr).as_deref() != Some(value) {
        return;
    }
    let query = document
        .location()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    let params = Params::from_query(&query);
    if params.as_ref().is_ok_and(|p| p.transparent) {
        // The page is ours: let the overlay's background through (OBS).
        if let Some(root) = document.document_element() {
            let _ = root.class_list().add_1("lc-transparent");
        }
    }
    mount_with(element, params);
}
