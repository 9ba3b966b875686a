//! Nickname completion in the composer: once `@` and two characters are typed, the participants
//! whose nickname starts so are offered in a list under the input; ↑/↓ move, Tab or Enter put
//! `@nick ` in place of what was typed, Escape closes the list.
//!
//! The input keeps the focus and points at the offered nickname (`aria-activedescendant`), as in
//! the ARIA combobox pattern. It stays a multi-line `<textarea>` (quotes and line breaks), which
//! may not take the combobox role: the list is named by `aria-controls`, and a polite status
//! says how many nicknames are offered.
//!
//! The nicknames are those of the participants list (chosen nicknames, moderators first), matched
//! by the core's rule (`livechat_core::mention::completions`); automatic `Anonymous NNNNNN`
//! viewers are not listed there, nor offered here.

use std::ops::Range;

use leptos::prelude::*;
use livechat_core::mention::completions;
use livechat_core::text::display_nick;

/// The list offered for what is being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    /// What the chosen nickname replaces (`@` and the typed characters), a byte range of the draft.
    pub typed: Range<usize>,
    pub nicks: Vec<String>,
    /// The nickname ↑/↓ is on.
    pub active: usize,
}

impl Offer {
    /// The nicknames `nicks` offered for the `@word` that ends at byte `caret` of `draft`, if
    /// any: `None` when nothing fits, or the caret is not at the end of such a word.
    pub fn at<'a>(
        draft: &str,
        caret: usize,
        nicks: impl Iterator<Item = &'a str>,
    ) -> Option<Offer> {
        let typed = typed_mention(draft, caret)?;
        let nicks = completions(&draft[typed.clone()], nicks);
        (!nicks.is_empty()).then_some(Offer {
            typed,
            nicks,
            active: 0,
        })
    }

    /// Moves the active nickname by `step` (±1), round the list.
    pub fn moved(mut self, step: isize) -> Offer {
        let n = self.nicks.len() as isize;
        self.active = (self.active as isize + step).rem_euclid(n) as usize;
        self
    }

    /// `draft` with the active nickname in place of what was typed, and where the caret goes
    /// (a byte index, after the space that follows the nickname).
    pub fn accept(&self, draft: &str) -> (String, usize) {
        insert_mention(draft, self.typed.clone(), &self.nicks[self.active])
    }
}

/// The `@word` that ends at byte `caret` of `draft`: from an `@` at the start of a word to the
/// caret, with nothing but the word's characters in between.
pub fn typed_mention(draft: &str, caret: usize) -> Option<Range<usize>> {
    let before = draft.get(..caret)?;
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    // The caret at the end of the word, not inside it.
    let word_ends = draft[caret..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace);
    (word.starts_with('@') && word_ends).then_some(start..caret)
}

/// `draft` with `@nick ` in place of `typed`, and the byte index after it.
pub fn insert_mention(draft: &str, typed: Range<usize>, nick: &str) -> (String, usize) {
    let mut out = String::with_capacity(draft.len() + nick.len() + 2);
    out.push_str(&draft[..typed.start]);
    out.push('@');
    out.push_str(nick);
    out.push(' ');
    let caret = out.len();
    // One space between the nickname and what follows.
    out.push_str(
        draft[typed.end..]
            .strip_prefix(' ')
            .unwrap_or(&draft[typed.end..]),
    );
    (out, caret)
}

/// A byte index of `text` from a position in UTF-16 code units (what the DOM's selection gives).
pub fn byte_index(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 as usize {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// A position in UTF-16 code units from a byte index of `text`.
pub fn utf16_index(text: &str, byte: usize) -> u32 {
    text[..byte.min(text.len())].encode_utf16().count() as u32
}

/// The list under the input: the offered nicknames, the active one marked. A click chooses one
/// (the input keeps the focus).
#[component]
pub fn CompletionList(
    /// The list's id: the input's `aria-controls`; each option's is `<id>-<n>`.
    id: String,
    offer: Signal<Option<Offer>>,
    /// A nickname was clicked: its index.
    on_choose: Callback<usize>,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    move || {
        offer.get().map(|offer| {
            let options = offer
                .nicks
                .iter()
                .enumerate()
                .map(|(n, nick)| {
                    let active = n == offer.active;
                    view! {
                        <li role="option" id=format!("{id}-{n}") class="lc-completion"
                            aria-selected=active.to_string()
                            // Chosen on mousedown, before the input would lose the focus.
                            on:mousedown=move |ev| {
                                ev.prevent_default();
                                on_choose.run(n);
                            }>
                            {display_nick(nick).into_owned()}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="lc-completions" role="listbox" id=id.clone() aria-label=lang.t("completions-label")>
                    {options}
                </ul>
            }
        })
    }
}
