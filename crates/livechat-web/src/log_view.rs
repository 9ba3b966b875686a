//! The message log as the list renders it: one small view struct per log entry, keyed by the
//! entry's key.
//!
//! [`LogProjection`] rebuilds only the entries that are new or changed since the last projection
//! (corrections and retractions change an entry in place, and bump its `revision` in the core),
//! and computes each author's colour and avatar once per seed. The `revision` of a view changes
//! whenever its content does, so a keyed list on `(key, revision)` re-renders exactly the rows
//! that changed.

use std::collections::HashMap;
use std::sync::Arc;

use livechat_core::avatar::Avatar;
use livechat_core::log::{ChatMessage, LogEntry, NoticeKind};
use livechat_core::text::display_nick;
use livechat_core::MessageLog;

use crate::i18n::{Lang, Msg};
use crate::identity::Identities;
use crate::platform;

#[derive(Clone, Debug, PartialEq)]
pub struct EntryView {
    /// The log entry's key: stable for the entry's whole life.
    pub key: u64,
    /// Changes whenever the rendered content of this entry changes.
    pub revision: u64,
    /// Local time of when it was sent (`HH:MM` in English and French).
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
    /// The author's nickname as sent: what moderator commands name.
    pub nick: String,
    /// The nickname as shown (invisible characters made visible, long ones cut).
    pub shown_nick: String,
    /// The author's XEP-0392 colour, `#rrggbb`, readable on the chat's background.
    pub color: Arc<str>,
    /// The author's generated avatar.
    pub avatar: Arc<Avatar>,
    /// The text as sent: rendered as text nodes and checked links, never as markup.
    pub body: String,
    /// The room's id for it (XEP-0359): what a moderator's retraction names.
    pub stanza_id: Option<String>,
    pub own: bool,
    /// Room history replayed on join.
    pub history: bool,
    pub corrected: bool,
    /// Set when the message was taken down: what to show instead of the body.
    pub removed: Option<String>,
}

/// Turns the log into views, reusing those of unchanged entries.
pub struct LogProjection {
    /// By entry key: the core's revision of the entry as last projected, and its view.
    rows: HashMap<u64, (u32, EntryView)>,
    identities: Identities,
    next_revision: u64,
    /// The language of notices, tombstones and times.
    lang: Lang,
}

impl Default for LogProjection {
    fn default() -> Self {
        LogProjection::new([255, 255, 255])
    }
}

impl LogProjection {
    pub fn new(background: [u8; 3]) -> Self {
        LogProjection {
            rows: HashMap::new(),
            identities: Identities::new(background),
            next_revision: 0,
            lang: Lang::ENGLISH,
        }
    }

    /// Notices, tombstones and times in `lang` (English by default).
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// A new background: every row is drawn again with readable colours. Returns whether it changed.
    pub fn set_background(&mut self, background: [u8; 3]) -> bool {
        let changed = self.identities.set_background(background);
        if changed {
            self.rows.clear();
        }
        changed
    }

    /// A new session starts a new log whose keys start again: forget the rows, but keep counting
    /// revisions, so no new `(key, revision)` can be mistaken for an old row.
    pub fn forget_rows(&mut self) {
        self.rows.clear();
    }

    pub fn project(&mut self, log: &MessageLog) -> Vec<EntryView> {
        let mut rows = HashMap::with_capacity(log.len());
        let mut views = Vec::with_capacity(log.len());
        for entry in log.iter() {
            // Notices never change; messages change exactly when the core bumps their revision.
            let revision = match entry {
                LogEntry::Message(m) => m.revision,
                LogEntry::Notice(_) => 0,
            };
            let view = match self.rows.remove(&entry.key()) {
                Some((seen, view)) if seen == revision => {
                    if let LogEntry::Message(m) = entry {
                        self.identities.get(m.seed()); // still on screen: keep it cached
                    }
                    view
                }
                _ => {
                    self.next_revision += 1;
                    self.view_of(entry)
                }
            };
            views.push(view.clone());
            rows.insert(entry.key(), (revision, view));
        }
        self.rows = rows;
        self.identities.sweep();
        views
    }

    fn view_of(&mut self, entry: &LogEntry) -> EntryView {
        match entry {
            LogEntry::Message(m) => EntryView {
                key: m.key,
                revision: self.next_revision,
                time: platform::local_time(m.sent_at_ms, self.lang),
                kind: EntryKind::Message(self.message_view(m)),
            },
            LogEntry::Notice(n) => EntryView {
                key: n.key,
                revision: self.next_revision,
                time: platform::local_time(n.at_ms, self.lang),
                kind: EntryKind::Notice(
                    match &n.kind {
                        NoticeKind::Joined { nick } => {
                            Msg::new("notice-joined").arg("nick", display_nick(nick))
                        }
                        NoticeKind::Left { nick } => {
                            Msg::new("notice-left").arg("nick", display_nick(nick))
                        }
                        NoticeKind::Renamed { from, to } => Msg::new("notice-renamed")
                            .arg("from", display_nick(from))
                            .arg("to", display_nick(to)),
                    }
                    .render(self.lang),
                ),
            },
        }
    }

    fn message_view(&mut self, m: &ChatMessage) -> MessageView {
        let identity = self.identities.get(m.seed());
        let lang = self.lang;
        let removed = m
            .retracted
            .as_ref()
            .map(|r| match (r.moderator.is_some(), &r.reason) {
                (true, None) => lang.t("removed-by-moderator"),
                (true, Some(reason)) => {
                    lang.t_args("removed-by-moderator-reason", &[("reason", reason.into())])
                }
                (false, None) => lang.t("removed"),
                (false, Some(reason)) => {
                    lang.t_args("removed-reason", &[("reason", reason.into())])
                }
            });
        MessageView {
            nick: m.nick.clone(),
            shown_nick: display_nick(&m.nick).into_owned(),
            color: identity.color,
            avatar: identity.avatar,
            body: m.body.clone(),
            stanza_id: m.stanza_id.clone(),
            own: m.own,
            history: m.delayed,
            corrected: m.corrected,
            removed,
        }
    }
}
