//! What a screen reader says without being asked: each new message with its author's nickname as
//! it arrives (cut short, as a long one is folded; "X mentioned you", an announcement's or a
//! poll's title first), and, at a bounded rate, the connection state and the anonymous count.
//!
//! Two visually hidden polite live regions. The message list itself is not a live region: a
//! screen reader would read the whole history at join, and every row that is drawn again. Here
//! only messages that arrive live from others are said (never the history the room replays, never
//! our own, never corrections or removals), one short paragraph each, and only the last few are
//! kept in the DOM. The status region says when the chat joins or loses the room, and changes of
//! the anonymous count: in a busy room the count moves every second, so each kind of news is said
//! at most once per interval, the latest value winning.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::html::Div;
use leptos::prelude::*;

use super::entry::announcement_names;
use super::status_text;
use crate::fold::{cut, folded, KEEP_LINES};
use crate::i18n::{use_lang, Lang};
use crate::log_view::{EntryKind, EntryView, MessageView, Style};
use crate::state::{ChatState, Status};

/// Paragraphs kept in each region: enough for a screen reader to catch up, bounded however long
/// the stream.
pub const KEPT: usize = 5;
/// The connection state is said at most this often (reconnection attempts follow each other).
pub const STATUS_GAP_MS: f64 = 5_000.0;
/// The anonymous count at most this often: in a busy room it changes all the time.
pub const COUNT_GAP_MS: f64 = 15_000.0;
/// A long message is cut (to this and to [`KEEP_LINES`]): the list has it whole.
const MAX_BODY_CHARS: usize = 200;

/// A rate limit that never loses the last word: the first value is said at once, later ones wait
/// until `gap_ms` after the last said, and only the latest of those is said then. A value equal to
/// what was last said is not said again.
#[derive(Debug)]
pub struct Throttle {
    gap_ms: f64,
    last_ms: Option<f64>,
    said: Option<String>,
    pending: Option<String>,
}

impl Throttle {
    pub fn new(gap_ms: f64) -> Self {
        Throttle {
            gap_ms,
            last_ms: None,
            said: None,
            pending: None,
        }
    }

    /// The current value, known without being news (the state when the viewer arrived).
    pub fn baseline(&mut self, text: String) {
        self.said = Some(text);
        self.pending = None;
    }

    /// A new value at `now` (ms): what to say now, if anything. If it must wait, [`Self::due`]
    /// says until when.
    pub fn offer(&mut self, now: f64, text: String) -> Option<String> {
        if self.said.as_deref() == Some(text.as_str()) {
            // Back to what was said: nothing new to tell.
            self.pending = None;
            return None;
        }
        self.pending = Some(text);
        self.take(now)
    }

    /// When the waiting value may be said.
    pub fn due(&self) -> Option<f64> {
        self.pending
            .as_ref()
            .map(|_| self.last_ms.map_or(f64::MIN, |t| t + self.gap_ms))
    }

    /// The waiting value, if its time has come.
    pub fn take(&mut self, now: f64) -> Option<String> {
        if now < self.due()? {
            return None;
        }
        let text = self.pending.take()?;
        self.last_ms = Some(now);
        self.said = Some(text.clone());
        Some(text)
    }
}

/// Finds the messages that arrived since the last look at the log.
#[derive(Debug, Default)]
pub struct NewMessages {
    /// The newest entry seen: key, author and stanza-id (not the body, which a correction changes).
    last: Option<(u64, Option<String>, Option<String>)>,
}

fn identity(entry: &EntryView) -> (u64, Option<String>, Option<String>) {
    match &entry.kind {
        EntryKind::Message(m) => (entry.key, Some(m.nick.clone()), m.stanza_id.clone()),
        EntryKind::Notice(_) => (entry.key, None, None),
    }
}

impl NewMessages {
    /// What to say for `entries` (the whole log, oldest first): `nick: body` for each message from
    /// someone else that arrived live after the newest entry of the previous call.
    pub fn update(&mut self, lang: Lang, entries: &[EntryView]) -> Vec<String> {
        // After the newest entry seen; from the start when it is gone (a new session's log).
        let start = self
            .last
            .as_ref()
            .and_then(|last| entries.iter().rposition(|e| identity(e) == *last))
            .map_or(0, |i| i + 1);
        self.last = entries.last().map(identity);
        entries[start..]
            .iter()
            .filter_map(|entry| match &entry.kind {
                EntryKind::Message(m) if !m.history && !m.own && m.removed.is_none() => {
                    Some(announcement(lang, m))
                }
                _ => None,
            })
            .collect()
    }
}

/// What is said of a new message: who wrote it and its text, cut short; that it mentions the
/// viewer, or is an announcement or a poll, first.
fn announcement(lang: Lang, m: &MessageView) -> String {
    let mut body = match cut(&m.body, MAX_BODY_CHARS, KEEP_LINES) {
        Some(at) => folded(&m.body, at),
        None => m.body.clone(),
    };
    let (key, title) = match &m.style {
        Style::Poll { result } => {
            if let Some(result) = result {
                body = format!("{body} {result}");
            }
            let title = if result.is_some() {
                "poll-ended"
            } else {
                "poll-running"
            };
            ("announce-poll", Some(title))
        }
        Style::Announcement(kind) => ("announce-styled", Some(announcement_names(*kind).1)),
        Style::Chat if m.mentions_me => ("announce-mention", None),
        Style::Chat => ("announce-message", None),
    };
    let mut args = vec![
        ("nick", m.shown_nick.as_str().into()),
        ("body", body.into()),
    ];
    if let Some(title) = title {
        args.push(("title", lang.t(title).into()));
    }
    lang.t_args(key, &args)
}

/// Adds a paragraph to a live region, dropping the oldest beyond [`KEPT`]. Only additions are
/// announced (`aria-relevant="additions"`), so the removals are silent.
fn say(region: NodeRef<Div>, text: &str) {
    let Some(region) = region.get_untracked() else {
        return;
    };
    let Some(document) = region.owner_document() else {
        return;
    };
    let Ok(p) = document.create_element("p") else {
        return;
    };
    p.set_text_content(Some(text));
    let _ = region.append_child(&p);
    while region.child_element_count() as usize > KEPT {
        match region.first_element_child() {
            Some(oldest) => oldest.remove(),
            None => break,
        }
    }
}

const STATUS: usize = 0;
const COUNT: usize = 1;

/// The status region's news: one throttle per kind, one timer for what waits.
struct StatusNews {
    throttles: RefCell<[Throttle; 2]>,
    timer_armed: Cell<bool>,
    region: NodeRef<Div>,
}

impl StatusNews {
    fn offer(self: &Rc<Self>, kind: usize, text: String) {
        let now = crate::platform::now_ms() as f64;
        let said = self.throttles.borrow_mut()[kind].offer(now, text);
        if let Some(text) = said {
            say(self.region, &text);
        }
        self.flush();
    }

    /// Says what is due, and sets the timer for what still waits.
    fn flush(self: &Rc<Self>) {
        let now = crate::platform::now_ms() as f64;
        let mut next = None::<f64>;
        for throttle in self.throttles.borrow_mut().iter_mut() {
            if let Some(text) = throttle.take(now) {
                say(self.region, &text);
            }
            if let Some(due) = throttle.due() {
                next = Some(next.map_or(due, |n| n.min(due)));
            }
        }
        if let (Some(due), false) = (next, self.timer_armed.get()) {
            self.timer_armed.set(true);
            let weak = Rc::downgrade(self);
            set_timeout(
                move || {
                    // Gone once the chat is unmounted.
                    if let Some(news) = weak.upgrade() {
                        news.timer_armed.set(false);
                        news.flush();
                    }
                },
                Duration::from_millis((due - now).max(0.0) as u64 + 1),
            );
        }
    }
}

#[component]
pub fn Announcer(state: ChatState) -> impl IntoView {
    let lang = use_lang();
    let messages = NodeRef::<Div>::new();
    let status = NodeRef::<Div>::new();

    let seen = RefCell::new(NewMessages::default());
    Effect::new(move |_| {
        let texts = state.entries.with(|e| seen.borrow_mut().update(lang, e));
        for text in texts {
            say(messages, &text);
        }
    });

    // The connection state and the anonymous count share the status region, each at its own rate.
    let news = Rc::new(StatusNews {
        throttles: RefCell::new([Throttle::new(STATUS_GAP_MS), Throttle::new(COUNT_GAP_MS)]),
        timer_armed: Cell::new(false),
        region: status,
    });
    // Kept with the component: the timer only holds a weak reference.
    StoredValue::new_local(news.clone());

    {
        let news = news.clone();
        Effect::new(move |_| {
            // Joining is a moment: say where it ends (in the room, or why not).
            match state.status.get() {
                Status::Connecting | Status::Joining => {}
                _ => news.offer(STATUS, status_text(lang, state)),
            }
        });
    }
    let joined_once = Cell::new(false);
    Effect::new(move |_| {
        let n = state.anonymous_count.get();
        // Only in the room: while joining again the count is rebuilt from nothing.
        if state.status.get() != Status::Joined {
            return;
        }
        let text = lang.t_args("anonymous-count", &[("count", n.into())]);
        if joined_once.replace(true) {
            news.offer(COUNT, text);
        } else {
            // The count when the viewer arrives is not news; its changes are.
            news.throttles.borrow_mut()[COUNT].baseline(text);
        }
    });

    view! {
        <div class="lc-announcer lc-visually-hidden">
            <div class="lc-announce-messages" node_ref=messages aria-live="polite" aria-relevant="additions"></div>
            <div class="lc-announce-status" node_ref=status aria-live="polite" aria-relevant="additions"></div>
        </div>
    }
}
