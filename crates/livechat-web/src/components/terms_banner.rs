//! The terms of the chat above the messages: the instance's and the room's own, each with its
//! line breaks and links, until the viewer hides it. Hidden terms stay hidden on later visits
//! until their text changes (see [`prefs::terms_hidden`]). Never a line of the log.

use leptos::prelude::*;
use livechat_core::terms::TermsScope;

use super::poll_banner::{focus, messages_of};
use super::Body;
use crate::i18n::use_lang;
use crate::prefs;
use crate::state::ChatState;

#[component]
pub fn TermsBanner(state: ChatState) -> impl IntoView {
    view! {
        <TermsNotice state scope=TermsScope::Global/>
        <TermsNotice state scope=TermsScope::Room/>
    }
}

#[component]
fn TermsNotice(state: ChatState, scope: TermsScope) -> impl IntoView {
    let lang = use_lang();
    let terms = Memo::new(move |_| state.terms.with(|t| t.get(scope).cloned()));
    // Hiding stores the text's key; this asks for the store to be read again.
    let hid = RwSignal::new(0u32);
    let label = match scope {
        TermsScope::Global => lang.t("terms-global-label"),
        TermsScope::Room => lang.t("terms-room-label"),
    };
    move || {
        hid.track();
        let shown = terms.get().filter(|t| !prefs::terms_hidden(scope, t))?;
        let text = shown.text.clone();
        Some(view! {
            <section class="lc-terms" data-scope=if scope == TermsScope::Global { "global" } else { "room" } aria-label=label.clone()>
                // Focusable: long terms scroll.
                <p class="lc-terms-text" tabindex="0"><Body text/></p>
                <button
                    type="button"
                    class="lc-terms-hide lc-tool"
                    on:click=move |ev| {
                        let log = messages_of(&ev);
                        prefs::hide_terms(scope, &shown);
                        hid.update(|n| *n += 1);
                        focus(log);
                    }
                >
                    {lang.t("terms-hide")}
                </button>
            </section>
        })
    }
}
