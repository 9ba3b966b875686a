//! The emoji picker beside the message input: a button that opens a panel with the channel's
//! custom emojis first, then the common Unicode ones by category (fetched the first time a picker
//! opens, see [`crate::emoji_catalog`]), and a search by name.
//!
//! The keyboard: the panel opens with the focus in its search field; ↓ goes to the list, Enter
//! inserts the highlighted emoji (the first found). The list is a listbox whose options are
//! highlighted with `aria-activedescendant`: the arrows move in its grid, Home and End go to the
//! ends, Enter or Space inserts, typing a letter goes back to the search. Escape closes the panel
//! and gives the focus back to the input, as inserting does; the focus leaving the panel closes
//! it. The emoji goes in at the input's caret (or in place of its selection).
//!
//! Only writers draw it, and nothing else depends on it: its props are the input and the draft.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use leptos::either::Either;
use leptos::ev::{FocusEvent, KeyboardEvent};
use leptos::html::{Button, Div, Input, Textarea};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};

use crate::custom_emojis::{use_channel_emojis, CustomEmojis};
use crate::emoji_catalog::{self, Catalog};
use crate::i18n::{use_lang, Lang};
use crate::on_demand::{split_view, when_loaded};
use crate::platform;

#[component]
pub fn EmojiPicker(
    /// The message input the emoji goes into.
    input: NodeRef<Textarea>,
    /// What the input holds, as the composer keeps it.
    draft: RwSignal<String>,
) -> impl IntoView {
    static NEXT_ID: AtomicU32 = AtomicU32::new(1);
    let id = format!("lc-emojis-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let lang = use_lang();
    let open = RwSignal::new(false);
    let toggle = NodeRef::<Button>::new();
    let close = Callback::new(move |give_focus_back: bool| {
        open.set(false);
        if let (true, Some(el)) = (give_focus_back, input.get_untracked()) {
            let _ = el.focus();
        }
    });
    let pick = Callback::new(move |text: String| {
        if let Some(el) = input.get_untracked() {
            draft.set(insert_at_caret(&el, &text));
        }
        close.run(true);
    });
    let controls = id.clone();
    view! {
        <button
            node_ref=toggle
            type="button"
            class="lc-emoji-toggle"
            aria-label=lang.t("emoji-picker")
            title=lang.t("emoji-picker")
            aria-expanded=move || open.get().to_string()
            aria-controls=move || open.get().then(|| controls.clone())
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "🙂"
        </button>
        {move || open.get().then(|| when_loaded({
            let id = id.clone();
            move || panel(id.clone(), toggle, close, pick)
        }))}
    }
}

split_view!(
    emoji_picker,
    fn panel(id: String, toggle: NodeRef<Button>, close: Callback<bool>, pick: Callback<String>) {
        view! { <Panel id toggle close pick/> }
    }
);

/// One choice of the list.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    /// What goes into the input.
    insert: String,
    /// What screen readers say.
    label: String,
    /// The tooltip: the emoji's `:shortcode:`.
    title: String,
    /// The image of a custom emoji; else the emoji is its own picture.
    image: Option<String>,
}

/// The choices under one heading.
#[derive(Clone, Debug, PartialEq)]
struct Section {
    title: String,
    choices: Vec<Choice>,
}

/// The Unicode list: on its way (`None`), or in, or not to be had.
type Loading = Option<Result<Arc<Catalog>, ()>>;

#[component]
fn Panel(
    id: String,
    toggle: NodeRef<Button>,
    close: Callback<bool>,
    pick: Callback<String>,
) -> impl IntoView {
    let lang = use_lang();
    let custom = use_channel_emojis()
        .and_then(|c| c.get_untracked())
        .unwrap_or_default();
    let catalog = RwSignal::<Loading>::new(None);
    leptos::task::spawn_local(async move {
        let loaded = emoji_catalog::load().await.map_err(|why| {
            web_sys::console::warn_1(&format!("livechat: no emoji list: {why}").into());
        });
        catalog.try_set(Some(loaded));
    });
    let query = RwSignal::new(String::new());
    let sections = Memo::new(move |_| {
        let query = platform::lowercase(query.get().trim());
        catalog.with(|loaded| sections(lang, &custom, loaded, &query))
    });
    let count =
        move || sections.with_untracked(|s| s.iter().map(|s| s.choices.len()).sum::<usize>());
    let choice = move |n: usize| {
        sections.with_untracked(|s| {
            s.iter()
                .flat_map(|s| &s.choices)
                .nth(n)
                .map(|c| c.insert.clone())
        })
    };
    // The highlighted option, by its place in the list.
    let active = RwSignal::new(Some(0_usize));
    let option_id = {
        let id = id.clone();
        move |n: usize| format!("{id}-{n}")
    };

    let panel = NodeRef::<Div>::new();
    let search = NodeRef::<Input>::new();
    let list = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(el) = search.get() {
            let _ = el.focus();
        }
    });
    // The highlight follows `active`, also onto a list drawn again; it stays in view.
    {
        let option_id = option_id.clone();
        Effect::new(move |previous: Option<Option<usize>>| {
            let now = active.get();
            sections.track();
            let element = |n: usize| document().get_element_by_id(&option_id(n));
            if let Some(el) = previous.flatten().and_then(element) {
                let _ = el.remove_attribute("aria-selected");
            }
            if let (Some(el), Some(list)) = (now.and_then(element), list.get_untracked()) {
                let _ = el.set_attribute("aria-selected", "true");
                keep_in_view(&list, el.unchecked_ref());
            }
            now
        });
    }

    let insert = move |n: Option<usize>| {
        if let Some(text) = n.and_then(choice) {
            pick.run(text);
        }
    };
    let on_search_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            if let Some(list) = list.get_untracked() {
                let _ = list.focus();
            }
        }
        // Also keeps the form from sending the message.
        "Enter" => {
            ev.prevent_default();
            insert(active.get_untracked());
        }
        "Escape" => {
            ev.prevent_default();
            close.run(true);
        }
        _ => {}
    };
    let on_list_key = {
        let option_id = option_id.clone();
        move |ev: KeyboardEvent| {
            let last = count().checked_sub(1);
            let from = active.get_untracked().unwrap_or(0);
            let to = match ev.key().as_str() {
                "ArrowRight" => last.map(|last| (from + 1).min(last)),
                "ArrowLeft" => Some(from.saturating_sub(1)),
                "ArrowDown" => Some(vertical(&option_id, from, last, true).unwrap_or(from)),
                "ArrowUp" => Some(vertical(&option_id, from, last, false).unwrap_or(from)),
                "Home" => Some(0),
                "End" => last,
                "Enter" | " " => {
                    ev.prevent_default();
                    return insert(active.get_untracked());
                }
                "Escape" => {
                    ev.prevent_default();
                    return close.run(true);
                }
                key if key.chars().count() == 1 && !ev.ctrl_key() && !ev.meta_key() => {
                    // Typing searches: the letter goes into the search field.
                    if let Some(el) = search.get_untracked() {
                        let _ = el.focus();
                    }
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            if last.is_some() {
                active.set(to);
            }
        }
    };
    let on_list_click = move |ev: leptos::ev::MouseEvent| {
        let option = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[role=option]").ok().flatten());
        if let Some(n) = option
            .and_then(|o| o.get_attribute("data-n"))
            .and_then(|n| n.parse().ok())
        {
            insert(Some(n));
        }
    };
    // Away from the panel (elsewhere in the page, not the button that toggles it): closed. Not
    // when the whole window loses the focus.
    let on_focus_out = move |ev: FocusEvent| {
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let within = |node: Option<web_sys::Element>| {
            node.is_some_and(|n| to.as_ref().is_some_and(|to| n.contains(Some(to))))
        };
        let stays = within(panel.get_untracked().map(Into::into))
            || within(toggle.get_untracked().map(Into::into))
            || (to.is_none() && !document().has_focus().unwrap_or(false));
        if !stays {
            close.run(false);
        }
    };

    let list_id = format!("{id}-list");
    let status = move || {
        let key = match catalog.get() {
            None => "emoji-loading",
            Some(Err(())) => "emoji-load-failed",
            Some(Ok(_)) if sections.with(Vec::is_empty) => "emoji-none-found",
            Some(Ok(_)) => return None,
        };
        Some(view! { <p class="lc-emoji-status">{lang.t(key)}</p> })
    };
    let options = {
        let id = id.clone();
        move || {
            let mut n = 0;
            sections
                .get()
                .into_iter()
                .enumerate()
                .map(|(g, section)| {
                    let (heading, labelled_by) = (format!("{id}-g{g}"), format!("{id}-g{g}"));
                    let choices = section
                        .choices
                        .into_iter()
                        .map(|choice| {
                            n += 1;
                            option(&id, n - 1, choice)
                        })
                        .collect_view();
                    view! {
                        <div role="group" class="lc-emoji-group" aria-labelledby=labelled_by>
                            <div class="lc-emoji-group-title" id=heading>{section.title}</div>
                            {choices}
                        </div>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <div node_ref=panel id=id class="lc-emoji-picker" role="dialog" aria-label=lang.t("emoji-picker")
            tabindex="-1" on:focusout=on_focus_out>
            <input
                node_ref=search
                class="lc-emoji-search"
                type="search"
                aria-label=lang.t("emoji-search")
                placeholder=lang.t("emoji-search")
                aria-controls=list_id.clone()
                autocomplete="off"
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    active.set(Some(0));
                }
                on:keydown=on_search_key
            />
            <div role="status" class="lc-emoji-status-region">{status}</div>
            <div
                node_ref=list
                id=list_id
                class="lc-emoji-list"
                role="listbox"
                aria-label=lang.t("emoji-picker")
                tabindex="0"
                aria-activedescendant=move || {
                    let n = active.get()?;
                    (n < sections.with(|s| s.iter().map(|s| s.choices.len()).sum())).then(|| option_id(n))
                }
                on:keydown=on_list_key
                on:click=on_list_click
            >
                {options}
            </div>
        </div>
    }
}

/// The channel's emojis, then each category of the Unicode list, each with what `query` (in
/// lower case) finds in it; empty sections left out.
fn sections(lang: Lang, custom: &CustomEmojis, catalog: &Loading, query: &str) -> Vec<Section> {
    let mut sections = Vec::new();
    let channel: Vec<Choice> = custom
        .iter()
        // Short names are ASCII (see `custom_emojis`).
        .filter(|e| e.sn.to_ascii_lowercase().contains(query))
        .map(|e| Choice {
            insert: e.sn.clone(),
            label: e.sn.clone(),
            title: e.sn.clone(),
            image: Some(e.url.clone()),
        })
        .collect();
    if !channel.is_empty() {
        sections.push(Section {
            title: lang.t("emoji-group-custom"),
            choices: channel,
        });
    }
    let categories = match catalog {
        Some(Ok(catalog)) => catalog.categories.as_slice(),
        _ => &[],
    };
    for category in categories {
        let choices: Vec<Choice> = category
            .emojis
            .iter()
            .filter(|e| query.is_empty() || e.matches(query))
            .map(|e| Choice {
                insert: e.emoji.clone(),
                label: e.name.clone(),
                title: format!(":{}:", e.shortcode),
                image: None,
            })
            .collect();
        if !choices.is_empty() {
            sections.push(Section {
                title: lang.t(&format!("emoji-group-{}", category.id)),
                choices,
            });
        }
    }
    sections
}

fn option(id: &str, n: usize, choice: Choice) -> impl IntoView {
    let look = match choice.image {
        Some(url) => Either::Left(view! {
            <img src=url alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer"/>
        }),
        None => Either::Right(choice.insert),
    };
    view! {
        <div role="option" class="lc-emoji-option" id=format!("{id}-{n}") data-n=n
            aria-label=choice.label title=choice.title>
            {look}
        </div>
    }
}

/// The option above or below option `from` (the nearest to its column in the next row), in a
/// list whose last option is `last`; measured on the page, as the rows wrap with its width.
fn vertical(
    option_id: &impl Fn(usize) -> String,
    from: usize,
    last: Option<usize>,
    down: bool,
) -> Option<usize> {
    let last = last?;
    let place = |n: usize| {
        let el: HtmlElement = document()
            .get_element_by_id(&option_id(n))?
            .unchecked_into();
        Some((el.offset_top(), el.offset_left()))
    };
    let step = |n: usize| {
        if down {
            (n < last).then_some(n + 1)
        } else {
            n.checked_sub(1)
        }
    };
    let (top, left) = place(from)?;
    let mut n = step(from)?;
    while place(n)?.0 == top {
        n = step(n)?;
    }
    let (row, first_left) = place(n)?;
    let (mut best, mut distance) = (n, (first_left - left).abs());
    while let Some(next) = step(n) {
        let (next_top, next_left) = place(next)?;
        if next_top != row {
            break;
        }
        n = next;
        if (next_left - left).abs() < distance {
            (best, distance) = (n, (next_left - left).abs());
        }
    }
    Some(best)
}

/// Scrolls `list` just enough for `option` to show.
fn keep_in_view(list: &HtmlElement, option: &HtmlElement) {
    let (top, bottom) = (
        option.offset_top(),
        option.offset_top() + option.offset_height(),
    );
    if top < list.scroll_top() {
        list.set_scroll_top(top);
    } else if bottom > list.scroll_top() + list.client_height() {
        list.set_scroll_top(bottom - list.client_height());
    }
}

/// Puts `text` at the input's caret, in place of its selection, and the caret after it; returns
/// what the input holds now.
fn insert_at_caret(input: &HtmlTextAreaElement, text: &str) -> String {
    let length = input.value().encode_utf16().count() as u32;
    let start = input.selection_start().ok().flatten().unwrap_or(length);
    let end = input.selection_end().ok().flatten().unwrap_or(start);
    let _ = input.set_range_text_with_start_and_end(text, start, end);
    let caret = start + text.encode_utf16().count() as u32;
    let _ = input.set_selection_range(caret, caret);
    input.value()
}
