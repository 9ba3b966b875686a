//! The standalone page: when the module starts, it mounts the chat on the page's
//! `<div id="livechat" data-params="url">`, with the parameters of the page's URL and the
//! streamer's token from its hash. A host page that calls `mount()` itself has no such element,
//! so nothing starts twice.

use wasm_bindgen::prelude::*;

use crate::embed::{mount_in, requested_lang};
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
