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

use leptos::prelude::*;
pub use livechat_i18n::{Arg, Lang, Msg};

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
