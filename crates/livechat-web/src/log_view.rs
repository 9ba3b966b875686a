//! The message log as the list renders it: one small view struct per log entry, keyed by the
//! entry's key.
//!
//! [`LogProjection`] rebuilds only the entries that are new or changed since the last projection
//! (corrections and retractions change an entry in place, and bump its `revision` in the core),
//! and computes each author's colour and avatar once per seed. The `revision` of a view changes
//! whenever its content does, so a keyed list on `(key, revision)` re-renders exactly the rows
//! that changed.
//!
//! What a row needs beyond the message is worked out here once: the announcement's style, the poll
//! line's result, where the mentions are, where a long body folds. Votes (`!N` while a poll runs)
//! are not drawn: the poll's banner counts them, and a line per vote would bury the chat.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use livechat_core::avatar::Avatar;
use livechat_core::log::{AnnouncementKind, ChatMessage, LogEntry, MessageKind, NoticeKind};
use livechat_core::mention::Mention;
use livechat_core::poll::Poll;
use livechat_core::text::display_nick;
use livechat_core::MessageLog;

use crate::fold::fold_at;
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
    /// The text as shown, rendered as text nodes and checked links, never as markup: the body as
    /// sent (an announcement's without the title line its sender wrote for other clients), or a
    /// poll's question.
    pub body: String,
    pub style: Style,
    /// Where `body` names occupants (byte ranges, in order).
    pub mentions: Vec<Range<usize>>,
    /// Someone else's message that mentions the viewer.
    pub mentions_me: bool,
    /// A long body is shown folded: where its folded text ends (see [`crate::fold`]).
    pub fold_at: Option<usize>,
    /// Moderators: the room shows it to the others at this time (Unix milliseconds).
    pub held_until_ms: Option<i64>,
    /// The room's id for it (XEP-0359): what a moderator's retraction names.
    pub stanza_id: Option<String>,
    pub own: bool,
    /// Room history replayed on join.
    pub history: bool,
    pub corrected: bool,
    /// Set when the message was taken down: what to show instead of the body.
    pub removed: Option<String>,
    /// Ours, and the viewer may still take it back.
    pub retractable: bool,
}

/// How a message row is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Style {
    Chat,
    /// An owner's or admin's announcement, with a title line in the viewer's language.
    Announcement(AnnouncementKind),
    /// A poll started, or ended with this result (`Yes: 3 · No: 2`): the question is the body.
    Poll {
        result: Option<String>,
    },
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
        for entry in log.iter().filter(|e| !is_vote(e)) {
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
        let (style, body, mentions) = match &m.kind {
            MessageKind::Poll(poll) => (
                Style::Poll {
                    result: poll.over.then(|| poll_result(poll, lang)),
                },
                poll.question.clone(),
                Vec::new(),
            ),
            MessageKind::Announcement(kind) => {
                let (body, skipped) = without_title_line(&m.body);
                let mentions = byte_ranges(body, &m.mentions, skipped);
                (Style::Announcement(*kind), body.to_owned(), mentions)
            }
            _ => (
                Style::Chat,
                m.body.clone(),
                byte_ranges(&m.body, &m.mentions, 0),
            ),
        };
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
            fold_at: fold_at(&body),
            body,
            style,
            mentions,
            mentions_me: m.mentions_me,
            held_until_ms: m.held_until_ms,
            stanza_id: m.stanza_id.clone(),
            own: m.own,
            history: m.delayed,
            corrected: m.corrected,
            retractable: m.own && m.is_editable() && m.origin_id.is_some(),
            removed,
        }
    }
}

fn is_vote(entry: &LogEntry) -> bool {
    entry
        .as_message()
        .is_some_and(|m| matches!(m.kind, MessageKind::Vote { .. }))
}

/// An ended poll's counts, `Yes: 3 · No: 2`.
fn poll_result(poll: &Poll, lang: Lang) -> String {
    let counts: Vec<String> = poll
        .choices
        .iter()
        .map(|c| {
            lang.t_args(
                "poll-choice-result",
                &[
                    ("label", c.label.as_str().into()),
                    ("votes", c.votes.into()),
                ],
            )
        })
        .collect();
    counts.join(" · ")
}

/// An announcement's body without the title line the plugin's frontend starts it with for other
/// clients (`* Announcement *`, in its sender's language): the row draws its own, in the viewer's.
/// Returns the rest and how many characters were left out.
pub fn without_title_line(body: &str) -> (&str, u32) {
    let Some((first, rest)) = body.split_once('\n') else {
        return (body, 0);
    };
    let title = first.trim();
    if title.len() > 2 && title.starts_with('*') && title.ends_with('*') && !rest.trim().is_empty()
    {
        (rest, first.chars().count() as u32 + 1)
    } else {
        (body, 0)
    }
}

/// The mentions' places in `body` as byte ranges, from their code points in the text they were
/// sent in, of which `skipped` characters are not in `body`. Ranges out of the text or overlapping
/// the previous one are left out.
pub fn byte_ranges(body: &str, mentions: &[Mention], skipped: u32) -> Vec<Range<usize>> {
    let byte = |at: u32| {
        let at = at.checked_sub(skipped)? as usize;
        body.char_indices()
            .map(|(i, _)| i)
            .chain([body.len()])
            .nth(at)
    };
    let mut found: Vec<Range<usize>> = mentions
        .iter()
        .filter_map(|m| Some(byte(m.begin)?..byte(m.end)?))
        .filter(|r| r.start < r.end)
        .collect();
    found.sort_by_key(|r| r.start);
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(found.len());
    for range in found {
        if ranges.last().is_none_or(|last| last.end <= range.start) {
            ranges.push(range);
        }
    }
    ranges
}
