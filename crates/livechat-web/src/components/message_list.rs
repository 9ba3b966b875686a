//! The message list: exactly the entries of the room's bounded log, keyed, so the DOM stays the
//! same size however long the stream runs. It follows new messages while the viewer is at the
//! bottom, and stays put while they scroll back to read.

use std::cell::Cell;
use std::rc::Rc;

use leptos::html::Ol;
use leptos::prelude::*;

use crate::log_view::{EntryKind, EntryView};

/// How close to the bottom (pixels) still counts as "at the bottom".
const FOLLOW_SLACK_PX: i32 = 48;

#[component]
pub fn MessageList(
    entries: RwSignal<Vec<EntryView>>,
    /// Always show the newest entries (the OBS overlay has no scrollbar to scroll back with).
    #[prop(optional)]
    always_follow: bool,
) -> impl IntoView {
    let list = NodeRef::<Ol>::new();
    let at_bottom = Rc::new(Cell::new(true));

    let follow = at_bottom.clone();
    Effect::new(move |_| {
        entries.track();
        if always_follow || follow.get() {
            // After the keyed list has updated the DOM.
            request_animation_frame(move || {
                if let Some(el) = list.get_untracked() {
                    el.set_scroll_top(el.scroll_height());
                }
            });
        }
    });

    let on_scroll = move |_| {
        if let Some(el) = list.get_untracked() {
            at_bottom
                .set(el.scroll_height() - el.scroll_top() - el.client_height() <= FOLLOW_SLACK_PX);
        }
    };

    view! {
        <ol class="lc-log" node_ref=list role="log" aria-live="polite" aria-relevant="additions" on:scroll=on_scroll>
            <For each=move || entries.get() key=|e| (e.key, e.revision) let(entry)>
                <Entry entry/>
            </For>
        </ol>
    }
}

#[component]
fn Entry(entry: EntryView) -> impl IntoView {
    let time = view! { <time class="lc-time">{entry.time}</time> };
    match entry.kind {
        EntryKind::Message(m) => {
            let removed = m.removed.is_some();
            let text = m.removed.unwrap_or(m.body);
            view! {
                <li class="lc-msg" class:lc-own=m.own class:lc-history=m.history class:lc-removed=removed>
                    {time}
                    <img class="lc-avatar" src=m.avatar.to_string() alt="" width="20" height="20"/>
                    <span class="lc-nick" style:color=m.color.to_string()>{m.nick}</span>
                    <span class="lc-body">{text}</span>
                    {m.corrected.then(|| view! { <span class="lc-edited">"(edited)"</span> })}
                </li>
            }
            .into_any()
        }
        EntryKind::Notice(text) => view! {
            <li class="lc-notice">{time}<span class="lc-body">{text}</span></li>
        }
        .into_any(),
    }
}
