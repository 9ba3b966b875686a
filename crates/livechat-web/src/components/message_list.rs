//! The message list: exactly the entries of the room's bounded log, keyed, so the DOM stays the
//! same size however long the stream runs. It follows new messages while the viewer is at the
//! bottom; when they scrolled up to read, it stays put and offers a "new messages" button.
//!
//! In the overlay (`fade_ms`), each entry leaves the page `fade_ms` after it first showed (the
//! CSS fades it out just before, unless the viewer prefers reduced motion); the core's log keeps it.

use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;
use std::time::Duration;

use leptos::html::Ol;
use leptos::prelude::*;

use super::{ChatContext, Entry, KeyedRows, Viewer};
use crate::i18n::use_lang;
use crate::log_view::EntryView;

/// How close to the bottom (pixels) still counts as "at the bottom".
const FOLLOW_SLACK_PX: i32 = 48;
/// The overlay's fade-out takes this long, at the end of an entry's time on screen.
const FADE_ANIMATION_MS: u32 = 1_000;

#[component]
pub fn MessageList(
    #[prop(into)] entries: Signal<Vec<EntryView>>,
    /// Always show the newest entries (the OBS overlay has no scrollbar to scroll back with).
    #[prop(optional)]
    always_follow: bool,
    /// Overlay: remove each entry this many milliseconds after it showed.
    #[prop(optional)]
    fade_ms: Option<u32>,
    /// The OBS overlay: rows offer nothing to click (long messages stay folded).
    #[prop(optional)]
    overlay: bool,
    /// Nobody writes here (read-only): rows offer no quoting.
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let lang = use_lang();
    let list = NodeRef::<Ol>::new();
    let at_bottom = Rc::new(Cell::new(true));
    let unseen = RwSignal::new(false);
    let expired = RwSignal::new(HashSet::<u64>::new());
    let fade_ms = fade_ms.filter(|ms| *ms > 0);

    if let Some(ms) = fade_ms {
        // Each key is timed once, from the first time it shows.
        let timed = Rc::new(std::cell::RefCell::new(HashSet::<u64>::new()));
        Effect::new(move |_| {
            let keys: HashSet<u64> = entries.with(|e| e.iter().map(|e| e.key).collect());
            let mut timed = timed.borrow_mut();
            for &key in keys.difference(&timed.clone()) {
                timed.insert(key);
                set_timeout(
                    move || {
                        expired.try_update(|x| x.insert(key));
                    },
                    Duration::from_millis(ms.into()),
                );
            }
            // Forget the keys the log dropped: both sets stay as small as the log.
            timed.retain(|k| keys.contains(k));
            expired.update_untracked(|x| x.retain(|k| keys.contains(k)));
        });
        // The CSS animation's timing, on the element (a CSSOM property, fine under a strict CSP).
        Effect::new(move |_| {
            if let Some(el) = list.get() {
                let animation = ms.min(FADE_ANIMATION_MS);
                let style = web_sys::HtmlElement::style(&el);
                let _ = style.set_property("--lc-fade-delay", &format!("{}ms", ms - animation));
                let _ = style.set_property("--lc-fade-duration", &format!("{animation}ms"));
            }
        });
    }

    // Someone mentioned the viewer while they read further up: the button says so.
    let state = use_context::<ChatContext>().map(|ctx| ctx.state);
    let mentioned = RwSignal::new(false);
    if let Some(state) = state {
        let reading = at_bottom.clone();
        Effect::new(move |seen: Option<u32>| {
            let count = state.mentions.get();
            if seen.is_some_and(|seen| seen != count) && !reading.get() {
                mentioned.set(true);
            }
            count
        });
    }

    let follow = at_bottom.clone();
    // A scroll to the newest is on its way: scroll events until then come from the list changing
    // under the viewer (a row added below, the oldest pruned above), not from the viewer leaving
    // the bottom, and must not stop the following.
    let catching_up = Rc::new(Cell::new(false));
    let caught_up = catching_up.clone();
    Effect::new(move |_| {
        entries.track();
        if always_follow || follow.get() {
            // After the keyed list has updated the DOM.
            caught_up.set(true);
            let caught_up = caught_up.clone();
            request_animation_frame(move || {
                caught_up.set(false);
                // A frame late: the chat may be gone already (unmounted at once).
                if let Some(el) = list.try_get_untracked().flatten() {
                    el.set_scroll_top(el.scroll_height());
                }
            });
        } else {
            unseen.set(true);
        }
    });

    let scroll_to_bottom = move || {
        if let Some(el) = list.get_untracked() {
            el.set_scroll_top(el.scroll_height());
        }
        unseen.set(false);
        mentioned.set(false);
    };

    let on_scroll = move |_| {
        if catching_up.get() {
            return;
        }
        if let Some(el) = list.get_untracked() {
            let bottom =
                el.scroll_height() - el.scroll_top() - el.client_height() <= FOLLOW_SLACK_PX;
            at_bottom.set(bottom);
            if bottom {
                unseen.set(false);
                mentioned.set(false);
            }
        }
    };

    // Read here, once for the list, not by each row (see `ChatContext::menu_state`): the rows
    // are drawn again when it changes.
    let viewer = move || Viewer {
        moderator: state.is_some_and(|s| s.am_moderator.get()),
        writer: !read_only && state.is_some_and(|s| s.can_talk()),
        overlay,
    };
    let shown = move || {
        let mut shown = entries.get();
        if fade_ms.is_some() {
            expired.with(|x| shown.retain(|e| !x.contains(&e.key)));
        }
        let viewer = viewer();
        shown.into_iter().map(move |e| (e, viewer))
    };

    // A memo, so the button is drawn only when it comes or goes, not at every new message.
    let shows_button = Memo::new(move |_| unseen.get() && !always_follow);

    view! {
        <div class="lc-log-wrap">
            // Before the list: one Shift+Tab from it, however many buttons its rows hold.
            {move || shows_button.get().then(|| view! {
                <button type="button" class="lc-new-messages" on:click=move |_| {
                    scroll_to_bottom();
                    // The button goes away: keep the focus in the list rather than lose it.
                    if let Some(el) = list.get_untracked() {
                        let _ = el.focus();
                    }
                }>
                    {move || lang.t(if mentioned.get() { "new-mention" } else { "new-messages" })}
                </button>
            })}
            // Not a live region (`role="log"` would be one): the history would be read out at
            // join and redrawn rows again; the `Announcer` says new messages. Focusable, so the
            // keyboard scrolls it.
            <ol class="lc-log" class:lc-fade=fade_ms.is_some() node_ref=list aria-label=lang.t("messages-label") tabindex="0" on:scroll=on_scroll>
                <KeyedRows each=shown key=|(e, viewer)| (e.key, e.revision, *viewer) let((entry, viewer))>
                    <Entry entry viewer/>
                </KeyedRows>
            </ol>
        </div>
    }
}
