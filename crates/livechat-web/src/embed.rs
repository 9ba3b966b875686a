//! The embedding API: `mount(element, params)` for a host page, `mountElement(element)` for the
//! `<livechat-room>` custom element, and the handle they return (`unmount()`, `setTheme(name)`,
//! `ready()`). The standalone page and the PeerTube adapter mount through the same `mount_in`.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::app::App;
use crate::i18n::{self, Lang};
use crate::params::{Params, ParamsError, Theme};
use crate::readiness::Readiness;

/// A mounted chat, for the page that mounted it. The chat stays until `unmount()` is called:
/// letting the handle go (or the garbage collector taking it) leaves the chat in place.
#[wasm_bindgen]
pub struct ChatHandle {
    /// Dropping this takes the chat out of the page (and closes its session).
    mounted: Option<Box<dyn std::any::Any>>,
    theme: Option<RwSignal<Theme>>,
    readiness: Readiness,
}

impl Drop for ChatHandle {
    fn drop(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            std::mem::forget(mounted);
        }
    }
}

#[wasm_bindgen]
impl ChatHandle {
    /// Whether the room was reached (see [`Readiness`]).
    pub(crate) fn readiness(&self) -> &Readiness {
        &self.readiness
    }

    /// Takes the chat out of the page: leaves the room and closes the connection.
    pub fn unmount(&mut self) {
        self.mounted = None;
    }

    /// A promise that resolves once the room is shown (joined, its history drawn), or rejects with
    /// an `Error` saying why when it cannot be reached first (parameters, login, server, join
    /// refused). Later losses of the connection do not change it: the chat reconnects on its own.
    pub fn ready(&self) -> js_sys::Promise {
        self.readiness.promise()
    }

    /// Switches the theme (`peertube`, `default`, `cyberpunk`, `light`, `dark`).
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&self, name: &str) {
        match (Theme::parse(name), self.theme) {
            (Some(theme), Some(signal)) => {
                signal.try_set(theme);
            }
            (None, _) => {
                web_sys::console::warn_1(&format!("livechat: unknown theme {name:?}").into())
            }
            _ => {}
        }
    }
}

/// Mounts a chat inside `element`. `params` is an object with the plugin's field names.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, params: JsValue) -> ChatHandle {
    mount_with(element, Params::from_js(params).map(embedded))
}

/// Mounts a chat inside a `<livechat-room>` element, from its attributes.
#[wasm_bindgen(js_name = mountElement)]
pub fn mount_element(element: web_sys::Element) -> ChatHandle {
    let params = Params::from_element(&element).map(embedded);
    mount_with(element, params)
}

fn embedded(mut params: Params) -> Params {
    params.embedded = true;
    params
}

/// A panic aborts the module (`panic = "abort"`): say where in the console first, so a report
/// can name it.
fn report_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("livechat: internal error: {info}").into());
        }))
    });
}

/// Mounts the chat, or the explanation of why it cannot start, inside `element`, in the language
/// negotiated there (see [`i18n::negotiate`]).
pub fn mount_with(element: web_sys::Element, params: Result<Params, ParamsError>) -> ChatHandle {
    let lang = i18n::negotiate(requested_lang(&params), &element);
    mount_in(element, params, lang)
}

/// The `lang` parameter, whether or not the others are usable.
pub(crate) fn requested_lang(params: &Result<Params, ParamsError>) -> Option<&str> {
    match params {
        Ok(params) => params.lang.as_deref(),
        Err(error) => error.lang.as_deref(),
    }
}

pub(crate) fn mount_in(
    element: web_sys::Element,
    params: Result<Params, ParamsError>,
    lang: Lang,
) -> ChatHandle {
    report_panics();
    if let Err(error) = &params {
        web_sys::console::error_1(&format!("livechat: {error}").into());
    }
    let initial = params.as_ref().map(|p| p.theme).unwrap_or_default();
    let theme_out = Rc::new(Cell::new(None));
    let theme_in = theme_out.clone();
    let readiness = Readiness::new();
    let settles = readiness.clone();
    let mounted = leptos::mount::mount_to(element.unchecked_into(), move || {
        let theme = RwSignal::new(initial);
        theme_in.set(Some(theme));
        provide_context(StoredValue::new_local(settles));
        view! { <App params theme lang/> }
    });
    ChatHandle {
        mounted: Some(Box::new(mounted)),
        theme: theme_out.get(),
        readiness,
    }
}
