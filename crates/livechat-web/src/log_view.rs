//! The message log as the list renders it: one small view struct per log entry, keyed by the
//! entry's key.
//!
//! [`LogProjection`] rebuilds only the entries that are new or changed since the last projection
//! (corrections and retractions change an entry in place), and computes each author's colour and
//! avatar once per seed. The `revision` of a view changes whenever its content does, so a keyed
//! list on `(key, revision)` re-renders exactly the rows that changed.

use std::collections::HashMap;
use std::sync::Arc;

use livechat_core::log::{ChatMessage, LogEntry, NoticeKind};
use livechat_core::{avatar, color, MessageLog};

use crate::platform;

#[derive(Clone, Debug, PartialEq)]
pub struct EntryView {
    /// The log entry's key: stable for the entry's whole life.
    pub key: u64,
    /// Changes whenever the rendered content of this entry changes.
    pub revision: u64,
    /// `HH:MM`, local time.
    pub time: String,
    pub kind: EntryKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EntryKind {
    Message(MessageView),
    /// A line that is not a message (join, leave, rename).
    Notice(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct MessageView {
    pub nick: String,
    /// The author's XEP-0392 colour, `#rrggbb`.
    pub color: Arc<str>,
    /// The author's generated avatar, a `data:image/svg+xml` URI.
    pub avatar: Arc<str>,
    /// The text as sent: rendered as a text node, never as markup.
    pub body: String,
    pub own: bool,
    /// Room history replayed on join.
    pub history: bool,
    pub corrected: bool,
    /// Set when the message was taken down: what to show instead of the body.
    pub removed: Option<String>,
}

/// Colour and avatar of one seed (occupant-id, else nickname).
#[derive(Clone, Debug)]
struct Identity {
    color: Arc<str>,
    avatar: Arc<str>,
}

impl Identity {
    fn of(seed: &str) -> Self {
        Identity {
            color: color::css(seed).into(),
            avatar: avatar::data_uri(seed).into(),
        }
    }
}

/// Turns the log into views, reusing those of unchanged entries.
#[derive(Default)]
pub struct LogProjection {
    /// By entry key: the entry as last projected, and its view.
    rows: HashMap<u64, (LogEntry, EntryView)>,
    /// By seed, for the authors currently in the log.
    identities: HashMap<String, Identity>,
    next_revision: u64,
}

impl LogProjection {
    pub fn project(&mut self, log: &MessageLog) -> Vec<EntryView> {
        let mut rows = HashMap::with_capacity(log.len());
        let mut identities: HashMap<String, Identity> = HashMap::new();
        let mut views = Vec::with_capacity(log.len());
        for entry in log.iter() {
            let identity = match entry {
                LogEntry::Message(m) => {
                    let seed = m.seed();
                    if !identities.contains_key(seed) {
                        let identity = self
                            .identities
                            .remove(seed)
                            .unwrap_or_else(|| Identity::of(seed));
                        identities.insert(seed.to_owned(), identity);
                    }
                    identities.get(seed)
                }
                LogEntry::Notice(_) => None,
            };
            let view = match self.rows.remove(&entry.key()) {
                Some((old, view)) if old == *entry => view,
                _ => {
                    self.next_revision += 1;
                    view_of(entry, identity, self.next_revision)
                }
            };
            views.push(view.clone());
            rows.insert(entry.key(), (entry.clone(), view));
        }
        self.rows = rows;
        self.identities = identities;
        views
    }
}

fn view_of(entry: &LogEntry, identity: Option<&Identity>, revision: u64) -> EntryView {
    match entry {
        LogEntry::Message(m) => EntryView {
            key: m.key,
            revision,
            time: platform::local_hh_mm(m.sent_at_ms),
            kind: EntryKind::Message(message_view(
                m,
                identity.cloned().unwrap_or_else(|| Identity::of(m.seed())),
            )),
        },
        LogEntry::Notice(n) => EntryView {
            key: n.key,
            revision,
            time: platform::local_hh_mm(n.at_ms),
            kind: EntryKind::Notice(match &n.kind {
                NoticeKind::Joined { nick } => format!("{nick} joined"),
                NoticeKind::Left { nick } => format!("{nick} left"),
                NoticeKind::Renamed { from, to } => format!("{from} is now {to}"),
            }),
        },
    }
}

fn message_view(m: &ChatMessage, identity: Identity) -> MessageView {
    let removed = m.retracted.as_ref().map(|r| {
        let mut text = match r.moderator.as_deref() {
            Some(moderator) if !moderator.is_empty() => format!("Message removed by {moderator}"),
            Some(_) => "Message removed by a moderator".to_owned(),
            None => "Message retracted by its author".to_owned(),
        };
        if let Some(reason) = &r.reason {
            text.push_str(": ");
            text.push_str(reason);
        }
        text
    });
    MessageView {
        nick: m.nick.clone(),
        color: identity.color,
        avatar: identity.avatar,
        body: m.body.clone(),
        own: m.own,
        history: m.delayed,
        corrected: m.corrected,
        removed,
    }
}
