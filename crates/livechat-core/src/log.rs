//! The message log: a bounded ring, so the UI never holds more than the pruning limit however long
//! the stream runs. Duplicates (same stanza-id or origin-id) are dropped; corrections and
//! retractions are applied in place, and ignored once their target has been pruned.

use std::collections::VecDeque;

use crate::text::{room_text, MAX_BODY_BYTES};

pub use crate::chat_message::{AnnouncementKind, ChatMessage, Correction, MessageKind, Retraction};

/// A line that is not a message: join, leave, rename (shown only where the display policy allows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub key: u64,
    pub kind: NoticeKind,
    pub at_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Joined { nick: String },
    Left { nick: String },
    Renamed { from: String, to: String },
}

// Nearly every entry is a message: boxing them to save the rare notice's space would cost an
// allocation and an indirection per message.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogEntry {
    Message(ChatMessage),
    Notice(Notice),
}

impl LogEntry {
    pub fn key(&self) -> u64 {
        match self {
            LogEntry::Message(m) => m.key,
            LogEntry::Notice(n) => n.key,
        }
    }

    pub fn as_message(&self) -> Option<&ChatMessage> {
        match self {
            LogEntry::Message(m) => Some(m),
            LogEntry::Notice(_) => None,
        }
    }
}

/// The bounded ring of entries, oldest first.
#[derive(Clone, Debug)]
pub struct MessageLog {
    entries: VecDeque<LogEntry>,
    capacity: usize,
    next_key: u64,
}

impl MessageLog {
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        MessageLog {
            entries: VecDeque::with_capacity(capacity),
            capacity,
            next_key: 1,
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &LogEntry> + ExactSizeIterator {
        self.entries.iter()
    }

    pub fn messages(&self) -> impl DoubleEndedIterator<Item = &ChatMessage> {
        self.entries.iter().filter_map(LogEntry::as_message)
    }

    /// A fresh key for an entry about to be pushed.
    pub fn next_key(&mut self) -> u64 {
        let key = self.next_key;
        self.next_key += 1;
        key
    }

    /// Whether a message with this stanza-id or origin-id is already shown.
    pub fn contains(&self, stanza_id: Option<&str>, origin_id: Option<&str>) -> bool {
        if stanza_id.is_none() && origin_id.is_none() {
            return false;
        }
        self.messages().any(|m| {
            (stanza_id.is_some() && m.stanza_id.as_deref() == stanza_id)
                || (origin_id.is_some() && m.origin_id.as_deref() == origin_id)
        })
    }

    /// Appends a message unless it is a duplicate; drops the oldest entry beyond capacity.
    /// Returns whether the log changed.
    pub fn push_message(&mut self, message: ChatMessage) -> bool {
        if self.contains(message.stanza_id.as_deref(), message.origin_id.as_deref()) {
            return false;
        }
        self.push(LogEntry::Message(message));
        true
    }

    pub fn push(&mut self, entry: LogEntry) {
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Replaces the text of the message `id` (XEP-0308) if it is still in the log and comes from
    /// the same author. Returns whether anything changed.
    pub fn correct(&mut self, id: &str, author: &Author<'_>, correction: Correction) -> bool {
        let Some(m) =
            self.find_mut(|m| m.id.as_deref() == Some(id) || m.origin_id.as_deref() == Some(id))
        else {
            return false;
        };
        if !author.wrote(m) || m.retracted.is_some() {
            return false;
        }
        m.body = if m.kind.is_room_text() {
            room_text(correction.body, MAX_BODY_BYTES)
        } else {
            correction.body
        };
        m.mentions = correction.mentions;
        m.mentions_me = correction.mentions_me;
        m.corrected = true;
        m.revision += 1;
        true
    }

    /// Retracts the message whose stanza-id or origin-id is `id`; `author` restricts it to that
    /// author's own messages (XEP-0424), `None` is a moderator's retraction (XEP-0425).
    pub fn retract(
        &mut self,
        id: &str,
        author: Option<&Author<'_>>,
        retraction: Retraction,
    ) -> bool {
        let Some(m) = self
            .find_mut(|m| m.stanza_id.as_deref() == Some(id) || m.origin_id.as_deref() == Some(id))
        else {
            return false;
        };
        if author.is_some_and(|a| !a.wrote(m)) {
            return false;
        }
        m.body.clear();
        m.mentions.clear();
        m.retracted = Some(retraction);
        m.revision += 1;
        true
    }

    pub fn find_by_stanza_id(&self, stanza_id: &str) -> Option<&ChatMessage> {
        self.messages()
            .find(|m| m.stanza_id.as_deref() == Some(stanza_id))
    }

    pub fn find_by_key(&self, key: u64) -> Option<&ChatMessage> {
        self.messages().rev().find(|m| m.key == key)
    }

    /// Our newest message that we may still correct or take back ([`ChatMessage::is_editable`]).
    pub fn last_own(&self) -> Option<&ChatMessage> {
        self.messages().rev().find(|m| m.own && m.is_editable())
    }

    fn find_mut(&mut self, pred: impl Fn(&ChatMessage) -> bool) -> Option<&mut ChatMessage> {
        // Newest first: corrections and retractions almost always aim at recent messages.
        self.entries.iter_mut().rev().find_map(|e| match e {
            LogEntry::Message(m) if pred(m) => Some(m),
            _ => None,
        })
    }
}

/// Who sent a correction or retraction: it only applies to that author's messages.
pub struct Author<'a> {
    pub nick: &'a str,
    pub occupant_id: Option<&'a str>,
}

impl Author<'_> {
    fn wrote(&self, m: &ChatMessage) -> bool {
        match (self.occupant_id, m.occupant_id.as_deref()) {
            (Some(a), Some(b)) => a == b,
            // Without occupant-ids, the nickname is all we have.
            _ => self.nick == m.nick,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(log: &mut MessageLog, n: usize) -> ChatMessage {
        ChatMessage {
            key: log.next_key(),
            id: Some(format!("id{n}")),
            stanza_id: Some(format!("sid{n}")),
            origin_id: Some(format!("oid{n}")),
            nick: "Camille".into(),
            occupant_id: Some("occ".into()),
            body: format!("message {n}"),
            sent_at_ms: n as i64,
            ..ChatMessage::default()
        }
    }

    #[test]
    fn ring_drops_the_oldest_beyond_capacity() {
        let mut log = MessageLog::new(100);
        for n in 0..1000 {
            let m = msg(&mut log, n);
            assert!(log.push_message(m));
        }
        assert_eq!(log.len(), 100);
        let first = log.messages().next().unwrap();
        assert_eq!(first.body, "message 900");
        assert_eq!(log.messages().last().unwrap().body, "message 999");
    }

    #[test]
    fn duplicates_by_stanza_id_or_origin_id_are_dropped() {
        let mut log = MessageLog::new(10);
        let m = msg(&mut log, 1);
        assert!(log.push_message(m.clone()));
        let mut same_sid = msg(&mut log, 2);
        same_sid.stanza_id = m.stanza_id.clone();
        assert!(!log.push_message(same_sid));
        let mut same_oid = msg(&mut log, 3);
        same_oid.origin_id = m.origin_id.clone();
        assert!(!log.push_message(same_oid));
        assert_eq!(log.len(), 1);
    }

    #[test]
    fn corrections_apply_only_to_the_author_and_to_kept_messages() {
        let mut log = MessageLog::new(2);
        for n in 0..3 {
            let m = msg(&mut log, n);
            log.push_message(m);
        }
        let author = Author {
            nick: "Camille",
            occupant_id: Some("occ"),
        };
        let intruder = Author {
            nick: "Camille",
            occupant_id: Some("other"),
        };
        assert!(
            !log.correct("id0", &author, "pruned".into()),
            "id0 was pruned"
        );
        assert!(!log.correct("id2", &intruder, "spoof".into()));
        assert!(log.correct("id2", &author, "fixed".into()));
        let last = log.messages().last().unwrap();
        assert_eq!((last.body.as_str(), last.corrected), ("fixed", true));
    }

    #[test]
    fn retraction_leaves_a_tombstone_without_the_body() {
        let mut log = MessageLog::new(5);
        let m = msg(&mut log, 1);
        log.push_message(m);
        let r = Retraction {
            moderator: Some("Alice".into()),
            reason: Some("spam".into()),
        };
        assert!(!log.retract("unknown", None, r.clone()));
        assert!(log.retract("sid1", None, r.clone()));
        let m = log.messages().next().unwrap();
        assert!(m.body.is_empty());
        assert_eq!(m.retracted.as_ref(), Some(&r));
        // A correction cannot bring a retracted body back.
        let author = Author {
            nick: "Camille",
            occupant_id: Some("occ"),
        };
        assert!(!log.correct("id1", &author, "back".into()));
    }

    #[test]
    fn a_corrected_announcement_is_still_shown_as_the_rooms_text() {
        let mut log = MessageLog::new(5);
        let mut m = msg(&mut log, 1);
        m.kind = MessageKind::Announcement(crate::log::AnnouncementKind::Warning);
        log.push_message(m);
        let author = Author {
            nick: "Camille",
            occupant_id: Some("occ"),
        };
        assert!(log.correct("id1", &author, "Stop\u{202E}now".into()));
        assert_eq!(log.messages().last().unwrap().body, "Stop\u{FFFD}now");
    }

    #[test]
    fn the_last_own_message_is_chat_and_not_taken_back() {
        let mut log = MessageLog::new(10);
        for n in 0..4 {
            let mut m = msg(&mut log, n);
            m.own = n < 3;
            if n == 2 {
                m.kind = MessageKind::Vote { choice: 1 };
            }
            log.push_message(m);
        }
        assert_eq!(
            log.last_own().unwrap().body,
            "message 1",
            "not a vote, not another's"
        );
        let by_author = Retraction {
            moderator: None,
            reason: None,
        };
        assert!(log.retract("sid1", None, by_author));
        assert_eq!(log.last_own().unwrap().body, "message 0");
        let key = log.last_own().unwrap().key;
        assert_eq!(log.find_by_key(key).unwrap().body, "message 0");
    }
}
