//! The PeerTube livechat plugin's entry points, over [`mount_in`]: what the plugin's pages call on
//! its frontend (`conversejs/converse.min.js` and `static/builtin.js`, which forward here; see
//! docs/peertube.md).
//!
//! - `initConverse(params, mode, authHeader)`: mounts the chat for `params` (the plugin's
//!   `InitConverseJSParams`) in the page's `<converse-root>`, or in a `<main>` it adds to the body
//!   when the page has none (the standalone page); returns a promise that resolves once the room is shown and
//!   rejects when it cannot be reached (see [`crate::readiness`]), so the plugin shows its own
//!   error. Beside the video and in the full page the chat is then taken out of the page, as the
//!   plugin removes it. A second call on the same page replaces the first chat, as the plugin's
//!   frontend reconnects.
//! - `reconnectConverse(params)`: the same, with the previous call's mode and header.
//! - `livechatDisconnect()`: leaves the room and takes the chat out of the page.
//!
//! What the plugin's frontend decides from the mode ([`Mode`]), the header and the page, decided
//! here the same way: who the viewer is (`authHeader`: PeerTube's header object, `null` for nobody,
//! `undefined` to read PeerTube's token from `localStorage` as the standalone page must), the
//! streamer's token in the standalone page's hash, focus and the participants panel. A viewer
//! with no header and no external login offered is not asked about at `authenticationUrl`, as in
//! the plugin: they join anonymously.

mod mode;

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

pub use mode::Mode;

use crate::embed::{mount_in, requested_lang, ChatHandle};
use crate::i18n::{self, Msg};
use crate::params::{Params, ParamsError, RawParams, Secret};
use crate::standalone::{add_token, own_the_page, take_hash, MOUNT_POINT_ID, PAGE_HEADING_ID};
use crate::{platform, prefs};

/// The element the plugin renders the chat in.
pub const ROOT_ELEMENT: &str = "converse-root";
/// The plugin's spinner, shown until the room is.
pub const SPINNER_ID: &str = "livechat-loading-spinner";

thread_local! {
    /// The chat the plugin asked for last, while it is in the page.
    static CURRENT: RefCell<Option<ChatHandle>> = const { RefCell::new(None) };
    /// Counts the chats started and stopped: a late answer about an older chat is ignored.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// The last call's mode and header, for `reconnectConverse`.
    static LAST: Cell<Option<(Mode, Option<Secret>)>> = const { Cell::new(None) };
}

/// `initConverse(params, mode, authHeader)`.
#[wasm_bindgen(js_name = initConverse)]
pub fn init_converse(params: JsValue, mode: JsValue, auth_header: JsValue) -> js_sys::Promise {
    let Some(mode) = Mode::parse(mode.as_string().as_deref()) else {
        return rejected(&format!("unknown mode {mode:?}"));
    };
    start(&params, mode, authorization(&auth_header))
}

/// `reconnectConverse(params)`: a new chat for `params`, as the previous call's mode and viewer.
#[wasm_bindgen(js_name = reconnectConverse)]
pub fn reconnect_converse(params: JsValue) -> js_sys::Promise {
    let (mode, header) = LAST.take().unwrap_or((Mode::ChatOnly, None));
    start(&params, mode, header)
}

/// `converse.livechatDisconnect()`: leaves the room, takes the chat out of the page.
#[wasm_bindgen(js_name = livechatDisconnect)]
pub fn livechat_disconnect() {
    GENERATION.set(GENERATION.get() + 1);
    if let Some(mut chat) = CURRENT.take() {
        chat.unmount();
    }
}

fn start(params: &JsValue, mode: Mode, header: Option<Secret>) -> js_sys::Promise {
    livechat_disconnect();
    LAST.set(Some((mode, header.clone())));
    let generation = GENERATION.get();
    let Some(window) = web_sys::window() else {
        return rejected("no window");
    };
    let Some(document) = window.document() else {
        return rejected("no document");
    };
    let root = document.query_selector(ROOT_ELEMENT).ok().flatten();
    let Some(target) = root.or_else(|| page_main(&document)) else {
        return rejected("no <converse-root> and no body to show the chat in");
    };

    let in_iframe = platform::in_iframe();
    let params = plugin_params(params, mode, header, &window).map(|mut params| {
        mode.apply(&mut params, in_iframe);
        params
    });
    let lang = i18n::negotiate(requested_lang(&params), &target);
    if mode.owns_the_page() {
        if let Some(html) = document.document_element() {
            let _ = html.class_list().add_1("lc-page");
        }
    }
    let transparent = params.as_ref().is_ok_and(|p| p.transparent);
    let page = document.clone();
    let chat = mount_in(target, params, lang, move |lang| {
        if mode.owns_the_page() {
            own_the_page(&page, transparent, lang);
        }
    });
    let readiness = chat.readiness().clone();
    CURRENT.set(Some(chat));
    readiness.then(move |outcome| match outcome {
        Ok(()) => {
            if let Some(spinner) = document.get_element_by_id(SPINNER_ID) {
                spinner.remove();
            }
        }
        // Beside the video and in the full page, the plugin shows its own error instead of the
        // chat: stop it. The standalone page keeps the chat, which says why and tries again.
        Err(_) if !mode.owns_the_page() => {
            // Later: this runs while the chat settles its own state.
            wasm_bindgen_futures::spawn_local(async move {
                if GENERATION.get() == generation {
                    livechat_disconnect();
                }
            });
        }
        Err(_) => {}
    });
    readiness.promise()
}

/// Where the chat goes on a page without `<converse-root>` (the plugin's standalone page): the
/// page's main landmark, with its heading for screen readers, as on our own standalone page
/// (`index.html`); made once, in the body.
fn page_main(document: &web_sys::Document) -> Option<web_sys::Element> {
    if let Some(main) = document.get_element_by_id(MOUNT_POINT_ID) {
        return Some(main);
    }
    let main = document.create_element("main").ok()?;
    main.set_id(MOUNT_POINT_ID);
    let _ = main.set_attribute("aria-labelledby", PAGE_HEADING_ID);
    let heading = document.create_element("h1").ok()?;
    heading.set_id(PAGE_HEADING_ID);
    heading.set_class_name("lc-visually-hidden");
    main.append_child(&heading).ok()?;
    document.body()?.append_child(&main).ok()?;
    Some(main)
}

/// The parameters as the plugin gives them, with the viewer's header and, on the standalone
/// page, the streamer's token from the hash.
fn plugin_params(
    object: &JsValue,
    mode: Mode,
    header: Option<Secret>,
    window: &web_sys::Window,
) -> Result<Params, ParamsError> {
    if !object.is_object() {
        return Err(ParamsError {
            problems: vec![Msg::new("params-not-object")],
            lang: None,
        });
    }
    let mut raw = RawParams::from_plugin_object(object);
    if header.is_some() {
        raw.authorization_header = header;
    }
    if mode.owns_the_page() {
        add_token(&mut raw, &take_hash(window));
    }
    let mut params = raw.validate()?;
    // Nobody to ask about: an anonymous viewer (the plugin asks only with a header, or with an
    // external login's token, which the login offers look for).
    if params.authorization_header.is_none() && params.external_logins.is_empty() {
        params.authentication_url = None;
    }
    Ok(params)
}

/// PeerTube's `Authorization` header from `authHeader` (see the module docs).
fn authorization(auth_header: &JsValue) -> Option<Secret> {
    let value = if auth_header.is_undefined() {
        stored_peertube_token()
    } else if auth_header.is_object() {
        js_sys::Reflect::get(auth_header, &"Authorization".into())
            .ok()
            .and_then(|v| v.as_string())
    } else {
        None
    };
    value.filter(|v| !v.trim().is_empty()).map(Secret)
}

/// The header PeerTube's own token in `localStorage` makes, as the plugin's standalone page reads
/// it: `<token_type> <access_token>` when any of the three keys is set.
fn stored_peertube_token() -> Option<String> {
    let storage = prefs::local_storage()?;
    let get = |key: &str| storage.get_item(key).ok().flatten().unwrap_or_default();
    let (kind, access, refresh) = (get("token_type"), get("access_token"), get("refresh_token"));
    if kind.is_empty() && access.is_empty() && refresh.is_empty() {
        return None;
    }
    Some(format!("{kind} {access}"))
}

fn rejected(why: &str) -> js_sys::Promise {
    let error = js_sys::Error::new(&format!("livechat: {why}"));
    js_sys::Promise::reject(&error)
}
