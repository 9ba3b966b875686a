//! The lean PeerTube live chat in the browser: a thin leptos shell around the sans-IO
//! `livechat_core::Session`.
//!
//! # DOM hooks (stable: end-to-end tests and host pages rely on them)
//!
//! ```text
//! .lc-chat                      root; classes lc-overlay (OBS overlay), lc-transparent, lc-noscroll,
//!                               lc-read-only, lc-embedded, lc-panel-open, lc-theme-<name>;
//!                               lang = the chat's language (texts below are the English ones)
//! .lc-status[data-status]       connecting | joining | joined | reconnecting | not-in-room | disconnected;
//!                               data-nick = our nickname, data-attempt = reconnection attempt;
//!                               text "Joined as <nick>" once joined (visually hidden in the overlay)
//! .lc-alert[role=alert]         the latest problem (connection, refusal, login fallback)
//! .lc-subject                   the room subject
//! .lc-log                       the message list (focusable, labelled; not a live region)
//!   li.lc-msg[data-key][data-stanza-id]   a message; classes lc-own, lc-history, lc-removed (tombstone)
//!     .lc-time .lc-avatar .lc-nick .lc-body (a.lc-link inside) .lc-edited
//!   li.lc-notice[data-key]      join/leave/rename line
//! .lc-new-messages              "new messages" button (shown when scrolled up and more arrived)
//! .lc-outbox-list li.lc-outbox[data-state=pending|failed][data-origin-id]
//!                               own undelivered messages; .lc-retry, .lc-discard when failed
//! .lc-composer .lc-input        the message input (.lc-send); absent for read-only and until a
//!                               nickname is chosen
//! .lc-slowmode[data-remaining]  slow-mode countdown (seconds) after sending
//! .lc-choose-nick               "Choose a nickname to chat" (anonymous viewer, automatic nickname)
//! .lc-nick-prompt               the nickname form: .lc-nick-input, .lc-nick-submit, .lc-nick-cancel,
//!                               .lc-nick-error[role=alert] (e.g. nickname taken)
//! .lc-change-nick               toolbar button: change the chosen nickname
//! .lc-muted-notice              why a visitor cannot write ("Only registered users can write …")
//! .lc-participants-toggle[aria-expanded]  opens .lc-participants (closed by default when embedded)
//! .lc-participants              the panel: li.lc-occupant[data-nick][data-role] (.lc-role-badge),
//!                               .lc-anon-count[data-count] ("N anonymous viewers")
//! .lc-presence-toggle[aria-pressed]       moderators: join/leave lines
//! moderator menus               button.lc-nick-button (on a message) and .lc-occupant-menu-toggle
//!                               open .lc-mod-menu: .lc-mod-retract, .lc-mod-mute | .lc-mod-voice,
//!                               .lc-mod-kick, .lc-mod-ban (second click confirms), .lc-mod-close
//! .lc-toast                     transient notice (moderation results; .lc-toast-error)
//! .lc-announcer                 visually hidden polite live regions (not in the overlay):
//!   .lc-announce-messages p     "nick: body" of each new message from others (the last few)
//!   .lc-announce-status p       connection state and anonymous count, rate-limited
//! .lc-params-error[role=alert]  parameters missing or invalid
//! ```
//!
//! # Modules
//! - [`params`], [`token`]: the parameters, from the URL (and the hash), the embedding object or
//!   the custom element's attributes.
//! - [`login`]: anonymous, PeerTube account (`authenticationUrl`) or streamer token.
//! - [`transport`]: the task that pumps frames between the WebSocket and the session, reconnects,
//!   keeps the link alive.
//! - [`state`]: the signals the transport writes and the components read.
//! - [`log_view`], [`roster_view`], [`identity`]: the room turned into small view structs.
//! - [`i18n`]: the chat's language (negotiated at mount) and its texts, from the Fluent catalogs
//!   in `assets/locales/` (see the `livechat-i18n` crate).
//! - [`links`]: safe links in bodies. [`nick_store`]: the remembered nickname. [`theme`]: the
//!   background colour the nicknames must be readable on. [`platform`]: clock and randomness.
//! - [`app`] and [`components`]: the UI.
//!
//! # Three ways to start
//!
//! **Embedding API.** The host page imports the module (`livechat.js`, a stable name, loads the
//! hashed files) and calls `mount(element, params)`, with `params` the plugin's object (`room`,
//! `localWebsocketServiceUrl`, `localAnonymousJID`, `authenticationUrl` + `authorizationHeader`,
//! `forceReadonly`, `transparent`, `theme`, …, and `lang`; see [`params`]). It returns a handle with
//! `unmount()` and `setTheme(name)`.
//!
//! **Custom element.** `<livechat-room room=… local-websocket-service-url=… local-anonymous-jid=…>`,
//! defined by `livechat.js`; its attributes are the same parameters in kebab-case.
//!
//! **Standalone page.** When the module starts, it looks for `<div id="livechat"
//! data-params="url">` and, if the page has it, mounts the chat there with the parameters of the
//! page's URL (`?room=…&ws=…&anon=…`) and the streamer's token from its hash. The
//! `data-params="url"` attribute is the opt-in: a host page that calls `mount()` itself has no
//! such element, so nothing starts twice.
//!
//! Whichever way, parameters that cannot be used render a visible error in place of the chat.
//!
//! # Language
//!
//! The `lang` parameter (`?lang=fr`, `{lang: "fr"}`, `<livechat-room lang="fr">`) picks the
//! language; without it (or for a language the chat does not have) the closest `lang` attribute
//! around the mount element, then the document's, then the browser's languages; else English (see
//! [`i18n`]). The chat's root element carries the language chosen as its `lang`; the standalone
//! page also puts it on `<html>`, but a host page's own `lang` is never changed.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

pub mod app;
pub mod components;
pub mod early_socket;
pub mod i18n;
pub mod identity;
pub mod links;
pub mod log_view;
pub mod login;
pub mod nick_store;
pub mod params;
pub mod platform;
pub mod roster_view;
pub mod state;
pub mod theme;
pub mod token;
pub mod transport;

use app::App;
use i18n::Lang;
use params::{Params, ParamsError, RawParams, Theme};

/// The `id` of the standalone page's mount point.
pub const MOUNT_POINT_ID: &str = "livechat";
/// The `id` of the standalone page's heading (for screen readers), titled in the chat's language.
pub const PAGE_HEADING_ID: &str = "livechat-title";
/// The attribute (and value) that asks for the URL's parameters on that mount point.
pub const PARAMS_SOURCE_ATTR: (&str, &str) = ("data-params", "url");

/// A mounted chat, for the page that mounted it. The chat stays until `unmount()` is called:
/// letting the handle go (or the garbage collector taking it) leaves the chat in place.
#[wasm_bindgen]
pub struct ChatHandle {
    /// Dropping this takes the chat out of the page (and closes its session).
    mounted: Option<Box<dyn std::any::Any>>,
    theme: Option<RwSignal<Theme>>,
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
    /// Takes the chat out of the page: leaves the room and closes the connection.
    pub fn unmount(&mut self) {
        self.mounted = None;
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
fn requested_lang(params: &Result<Params, ParamsError>) -> Option<&str> {
    match params {
        Ok(params) => params.lang.as_deref(),
        Err(error) => error.lang.as_deref(),
    }
}

fn mount_in(
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
    let mounted = leptos::mount::mount_to(element.unchecked_into(), move || {
        let theme = RwSignal::new(initial);
        theme_in.set(Some(theme));
        view! { <App params theme lang/> }
    });
    ChatHandle {
        mounted: Some(Box::new(mounted)),
        theme: theme_out.get(),
    }
}

/// The standalone page's parameters: the query string, and the streamer's token in the hash.
pub fn params_from_page(search: &str, hash: &str) -> Result<Params, ParamsError> {
    let mut raw = RawParams::from_query(search);
    match token::parse_token_hash(hash) {
        Ok(token) => raw.token = token,
        Err(problem) => raw.token_error = Some(problem),
    }
    raw.validate()
}

/// The standalone page: mounts from the URL if the page has the mount point (see the crate docs).
#[wasm_bindgen(start)]
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Some(element) = document.get_element_by_id(MOUNT_POINT_ID) else {
        return;
    };
    let (attr, value) = PARAMS_SOURCE_ATTR;
    if element.get_attribute(attr).as_deref() != Some(value) {
        return;
    }
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let params = params_from_page(&search, &hash);
    early_socket::adopt(&element);
    if params.is_err() {
        early_socket::discard();
    }
    if hash.starts_with("#?") {
        // The token is read: out of the address bar, the history and any shared link.
        token::scrub_hash(&window);
    }
    let params = params.map(|mut p| {
        p.embedded = platform::in_iframe();
        p
    });
    if params.as_ref().is_ok_and(|p| p.transparent) {
        // The page is ours: let the overlay's background through (OBS).
        if let Some(root) = document.document_element() {
            let _ = root.class_list().add_1("lc-transparent");
        }
    }
    // The page is the chat's own: its language is the chat's (screen readers read by it), and so
    // are its title and its heading.
    let lang = i18n::negotiate(requested_lang(&params), &element);
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
    let title = lang.t("page-title");
    document.set_title(&title);
    if let Some(heading) = document.get_element_by_id(PAGE_HEADING_ID) {
        heading.set_text_content(Some(&title));
    }
    // The standalone page lives as long as the tab.
    mount_in(element, params, lang);
}
