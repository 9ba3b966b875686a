//! The embedding API: `mount(element, params)` for a host page, `mountElement(element)` for the
//! `<livechat-room>` custom element, and the handle they return (`unmount()`, `setTheme(name)`,
//! `ready()`). The standalone page and the PeerTube adapter mount through the same `mount_in`.

use std::cell::{Cell, RefCell};
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
    shown: Rc<RefCell<Shown>>,
    readiness: Readiness,
}

/// Where a chat is in the page.
enum Shown {
    /// Not yet: waiting for its language's texts (see [`i18n::installed`]), with the theme asked
    /// for meanwhile.
    Waiting(Theme),
    /// In the page: dropping `_chat` takes the chat out (and closes its session).
    Mounted {
        _chat: Box<dyn std::any::Any>,
        theme: RwSignal<Theme>,
    },
    /// Taken out, or never to be shown.
    Gone,
}

impl Drop for ChatHandle {
    fn drop(&mut self) {
        // The chat stays, shown or to be shown, for the page's life.
        if !matches!(*self.shown.borrow(), Shown::Gone) {
            std::mem::forget(self.shown.clone());
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
        let shown = std::mem::replace(&mut *self.shown.borrow_mut(), Shown::Gone);
        drop(shown);
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
        let Some(theme) = Theme::parse(name) else {
            web_sys::console::warn_1(&format!("livechat: unknown theme {name:?}").into());
            return;
        };
        match &mut *self.shown.borrow_mut() {
            Shown::Waiting(waiting) => *waiting = theme,
            Shown::Mounted { theme: signal, .. } => {
                signal.try_set(theme);
            }
            Shown::Gone => {}
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
    mount_in(element, params, lang, |_| {})
}

/// The `lang` parameter, whether or not the others are usable.
pub(crate) fn requested_lang(params: &Result<Params, ParamsError>) -> Option<&str> {
    match params {
        Ok(params) => params.lang.as_deref(),
        Err(error) => error.lang.as_deref(),
    }
}

/// Mounts the chat in `lang` once its texts are there: at once when they are (English, or a
/// catalog that came with the wasm), else when they arrive or in English (see
/// [`i18n::installed`]), with nothing shown meanwhile rather than words that would change.
/// `before` runs first, with the language the chat speaks.
pub(crate) fn mount_in(
    element: web_sys::Element,
    params: Result<Params, ParamsError>,
    lang: Lang,
    before: impl FnOnce(Lang) + 'static,
) -> ChatHandle {
    report_panics();
    if let Err(error) = &params {
        web_sys::console::error_1(&format!("livechat: {error}").into());
    }
    let initial = params.as_ref().map(|p| p.theme).unwrap_or_default();
    let handle = ChatHandle {
        shown: Rc::new(RefCell::new(Shown::Waiting(initial))),
        readiness: Readiness::new(),
    };
    let (shown, readiness) = (handle.shown.clone(), handle.readiness.clone());
    let show = move |lang: Lang| {
        // Unmounted while it waited: nothing to show.
        let Shown::Waiting(theme) = *shown.borrow() else {
            return;
        };
        before(lang);
        // The theme's signal belongs to the chat, taken out with it.
        let signal = Rc::new(Cell::new(None));
        let signal_in = signal.clone();
        let chat = leptos::mount::mount_to(element.unchecked_into(), move || {
            let theme = RwSignal::new(theme);
            signal_in.set(Some(theme));
            provide_context(StoredValue::new_local(readiness));
            view! { <App params theme lang/> }
        });
        if let Some(theme) = signal.get() {
            *shown.borrow_mut() = Shown::Mounted {
                _chat: Box::new(chat),
                theme,
            };
        }
    };
    if lang.is_installed() {
        show(lang);
    } else {
        wasm_bindgen_futures::spawn_local(async move { show(i18n::installed(lang).await) });
    }
    handle
}
