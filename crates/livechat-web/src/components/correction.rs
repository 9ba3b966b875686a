//! Correcting one's last message (XEP-0308): ↑ in an empty composer brings its text back to edit,
//! a notice above the input says so with a Cancel button, sending replaces the message for
//! everyone, Escape (or Cancel) gives up and empties the input.

use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::state::ChatState;

/// Starts correcting the last message: its text in the draft. Returns whether there was one (the
/// composer is empty, the viewer has sent something).
pub fn start_editing(state: ChatState) -> bool {
    if !state.draft.with_untracked(String::is_empty) || state.editing.get_untracked() {
        return false;
    }
    match state.last_own_body.get_untracked() {
        Some(body) => {
            state.draft.set(body);
            state.editing.set(true);
            true
        }
        None => false,
    }
}

/// Gives up the correction: the draft was the old text, it goes.
pub fn cancel_editing(state: ChatState) {
    state.editing.set(false);
    state.draft.set(String::new());
}

/// "Editing your last message", and the way out.
#[component]
pub fn EditingNotice(
    state: ChatState,
    /// Where the focus goes after Cancel (the input).
    input: NodeRef<leptos::html::Textarea>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="lc-editing">
            <span>{lang.t("editing")}</span>
            <button type="button" class="lc-editing-cancel" on:click=move |_| {
                cancel_editing(state);
                if let Some(input) = input.get_untracked() {
                    let _ = input.focus();
                }
            }>{lang.t("editing-cancel")}</button>
        </p>
    }
}
