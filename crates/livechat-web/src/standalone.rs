//! The standalone page: when the module starts, it mounts the chat on the page's
//! `<div id="livechat" data-params="url">`, with the parameters of the page's URL and the
//! streamer's token from its hash. A host page that calls `mount()` itself has no such element,
//! so nothing starts twice.

use wasm_bindgen::prelude::*;

use crate::embed::{mount_in, requested_lang};
use crate::i18n::Lang;
use crate::params::{Params, ParamsError, RawParams};
use crate::{early_socket, i18n, platform, token};

/// The `id` of the standalone page's mount point.
pub const MOUNT_POINT_ID: &str = "livechat";
/// The `id` of the standalone page's heading (for screen readers), titled in the chat's language.
pub const PAGE_HEADING_ID: &str = "livechat-title";
/// The attribute (and value) that asks for the URL's parameters on that mount point.
pub const PARAMS_SOURCE_ATTR: (&str, &str) = ("data-params", "url");

/// The standalone page's parameters: the query string, and the streamer's token in the hash.
pub fn params_from_page(search: &str, hash: &str) -> Result<Params, ParamsError> {
    let mut raw = RawParams::from_query(search);
    add_token(&mut raw, hash);
    raw.validate()
}

/// The streamer's token from the page's `hash` (or the reason it is unusable).
pub(crate) fn add_token(raw: &mut RawParams, hash: &str) {
    match token::parse_token_hash(hash) {
        Ok(token) => raw.token = token,
        Err(problem) => raw.token_error = Some(problem),
    }
}

/// The page's hash, and the page rid of a token it carried: once read, out of the address bar,
/// the history and any shared link.
pub(crate) fn take_hash(window: &web_sys::Window) -> String {
    let hash = window.location().hash().unwrap_or_default();
    if hash.starts_with("#?") {
        token::scrub_hash(window);
    }
    hash
}

/// The page is the chat's own: its language is the chat's (screen readers read by it), and so
/// are its title and its heading; a transparent chat lets the page's background through (OBS).
pub(crate) fn own_the_page(document: &web_sys::Document, transparent: bool, lang: Lang) {
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
        if transparent {
            let _ = root.class_list().add_1("lc-transparent");
        }
    }
    let title = lang.t("page-title");
    document.set_title(&title);
    if let Some(heading) = document.get_element_by_id(PAGE_HEADING_ID) {
        heading.set_text_content(Some(&title));
    }
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
    let search = window.location().search().unwrap_or_default();
    let params = params_from_page(&search, &take_hash(&window));
    early_socket::adopt(&element);
    if params.is_err() {
        early_socket::discard();
    }
    let params = params.map(|mut p| {
        p.embedded = platform::in_iframe();
        p
    });
    i18n::adopt_loader(&element);
    let lang = i18n::negotiate(requested_lang(&params), &element);
    let transparent = params.as_ref().is_ok_and(|p| p.transparent);
    // The standalone page lives as long as the tab.
    mount_in(element, params, lang, move |lang| {
        own_the_page(&document, transparent, lang)
    });
}
