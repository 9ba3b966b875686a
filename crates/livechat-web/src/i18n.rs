//! The chat's language, and its texts in it (the catalogs and formatting are
//! [`livechat_i18n`]: Fluent files in `assets/locales/`).
//!
//! The language is negotiated once, when the chat mounts, from the first of these that names a
//! built-in language:
//! 1. the `lang` parameter (`?lang=fr`, `{lang: "fr"}`, or the `lang` attribute of
//!    `<livechat-room>`);
//! 2. the page around the chat: the closest `lang` attribute from the mount element up, then the
//!    document's (on the standalone page and in its iframe, the document is the chat's own page);
//! 3. the browser's languages (`navigator.languages`);
//!
//! else English. Components read it from the context the root provides ([`t`], [`t_args`],
//! [`use_lang`]); the transport gets it with its parameters.
//!
//! English is in the wasm; every other language is a catalog file of the build, fetched for the
//! viewer who speaks it ([`installed`]). The loader (`assets/boot.js`, `assets/livechat.js`)
//! starts downloading the one the chat will most likely choose together with the wasm, and gives
//! the chat a function `load(tag)` that returns a promise of any language's file (an
//! `ArrayBuffer`), each fetched once: the standalone page's boot script leaves it on the mount
//! point as `livechatCatalogs` (the chat starts as the wasm does: see [`adopt_loader`]), and
//! `livechat.js` calls [`set_catalog_loader`] before anything mounts.

use std::cell::RefCell;

use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
pub use livechat_i18n::{Arg, Lang, Msg};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long a chat waits for its language's file, past which it speaks English. It was asked
/// for with the wasm, ten to a hundred times larger, so it is nearly always there first; this
/// bounds the wait for a file that is lost on the way, or asked for late (a host page that
/// mounts the chat in another language than its own).
pub const LATE_MS: u32 = 2_000;

/// The property the boot script sets on the standalone page's mount point.
const PROPERTY: &str = "livechatCatalogs";

thread_local! {
    /// `load(tag)`, from the loader.
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// The language of the chat being rendered (English outside a chat, as in component tests).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// A text of the chat being rendered.
pub fn t(key: &str) -> String {
    use_lang().t(key)
}

/// A text with arguments (`{ $nick }` in the catalog) of the chat being rendered.
pub fn t_args(key: &str, args: &[(&str, Arg)]) -> String {
    use_lang().t_args(key, args)
}

/// The language for a chat mounted in `element`, `requested` being the `lang` parameter.
pub fn negotiate(requested: Option<&str>, element: &web_sys::Element) -> Lang {
    let mut tags: Vec<String> = requested.map(str::to_owned).into_iter().collect();
    // An empty `lang` says "unknown": look further out.
    tags.extend(
        element
            .closest("[lang]:not([lang=''])")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("lang")),
    );
    let window = web_sys::window();
    if let Some(root) = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        tags.extend(root.get_attribute("lang"));
    }
    if let Some(window) = &window {
        let languages = window.navigator().languages();
        tags.extend(languages.iter().filter_map(|l| l.as_string()));
    }
    Lang::negotiate(&tags).unwrap_or(Lang::ENGLISH)
}

/// `setCatalogLoader(load)`: `load(tag)` returns a promise of the build's catalog file for the
/// language `tag` (an `ArrayBuffer`), fetched at most once (see the module docs).
#[wasm_bindgen(js_name = setCatalogLoader)]
pub fn set_catalog_loader(load: js_sys::Function) {
    LOADER.with_borrow_mut(|loader| *loader = Some(load));
}

/// Takes the boot script's `load(tag)` off the standalone page's mount point.
pub fn adopt_loader(element: &web_sys::Element) {
    let key = JsValue::from_str(PROPERTY);
    if let Ok(load) = js_sys::Reflect::get(element, &key) {
        let _ = js_sys::Reflect::delete_property(element.unchecked_ref::<js_sys::Object>(), &key);
        if let Ok(load) = load.dyn_into::<js_sys::Function>() {
            set_catalog_loader(load);
        }
    }
}

/// The language a chat for `lang` speaks once it can: `lang` as soon as its catalog is installed
/// (now, if it is), else English, when the file cannot be had or is later than [`LATE_MS`] (the
/// console says why).
pub async fn installed(lang: Lang) -> Lang {
    if lang.is_installed() {
        return lang;
    }
    let fetched = Box::pin(install(lang));
    let outcome = match select(fetched, TimeoutFuture::new(LATE_MS)).await {
        Either::Left((outcome, _)) => outcome,
        Either::Right(_) => Err(format!("it takes more than {LATE_MS} ms")),
    };
    match outcome {
        Ok(()) => lang,
        Err(why) => {
            let tag = lang.tag();
            let warning = format!("livechat: no {tag} texts ({why}): the chat speaks English");
            web_sys::console::warn_1(&warning.into());
            Lang::ENGLISH
        }
    }
}

/// Fetches (through the loader) and installs the catalog of `lang`.
async fn install(lang: Lang) -> Result<(), String> {
    let load = LOADER
        .with_borrow(Clone::clone)
        .ok_or("the page's loader gives no catalog files")?;
    let file = load
        .call1(&JsValue::NULL, &lang.tag().into())
        .map(|promise| js_sys::Promise::resolve(&promise))
        .map_err(js_text)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file)
        .await
        .map_err(js_text)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let text = String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text")?;
    lang.install(&text).map_err(|e| e.to_string())
}

/// What a JavaScript error says.
fn js_text(error: JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    }
}
