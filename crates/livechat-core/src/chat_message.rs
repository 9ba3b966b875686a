//! A chat message as the log keeps it: who wrote it, its ids, its text and what it mentions, what
//! kind of message it is (chat, announcement, poll, vote), and what happened to it since
//! (corrected, taken back).

use crate::mention::Mention;
use crate::poll::Poll;

/// How a message was taken down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retraction {
    /// `Some(moderator nick or JID)` when a moderator removed it (XEP-0425), `None` when the author did (XEP-0424).
    pub moderator: Option<String>,
    pub reason: Option<String>,
}

/// What a message is, beyond its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum MessageKind {
    /// A line of chat.
    #[default]
    Chat,
    /// An owner's or admin's message in one of the plugin's styles.
    Announcement(AnnouncementKind),
    /// A poll started or ended (the plugin sends both with a plain-text body for other clients):
    /// the poll as that message gave it, so the line can be drawn short (the banner shows the poll
    /// while it runs) and an ended poll keeps its result in the log.
    Poll(Box<Poll>),
    /// A vote (`!N`) for this choice of the running poll, which the room shows when the poll is
    /// not anonymous.
    Vote { choice: u32 },
}

impl MessageKind {
    /// Whether its text is the room's own (an announcement, the plugin's text of a poll): shown
    /// as the subject is ([`crate::text::room_text`]), corrections included.
    pub fn is_room_text(&self) -> bool {
        matches!(self, MessageKind::Announcement(_) | MessageKind::Poll(_))
    }
}

/// The styles of the plugin's announcements (`x-livechat-announcement-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnouncementKind {
    Announcement,
    Highlight,
    Warning,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatMessage {
    /// Stable key for keyed rendering; unique within a session.
    pub key: u64,
    /// The `id` attribute the sender gave (what XEP-0308 corrections point at).
    pub id: Option<String>,
    /// XEP-0359 stanza-id assigned by the room (what moderation and retraction point at).
    pub stanza_id: Option<String>,
    /// XEP-0359 origin-id assigned by the sender.
    pub origin_id: Option<String>,
    pub nick: String,
    /// XEP-0421 occupant-id: the stable seed for colour and avatar.
    pub occupant_id: Option<String>,
    pub body: String,
    pub kind: MessageKind,
    /// XEP-0372: the occupants it mentions, by their place in `body`.
    pub mentions: Vec<Mention>,
    /// It mentions us (a reference to our nickname, or our nickname as a word of its own), and
    /// another occupant wrote it.
    pub mentions_me: bool,
    /// Moderators only: the room holds it back from the others until then (Unix milliseconds;
    /// the plugin's moderation delay).
    pub held_until_ms: Option<i64>,
    /// When it was sent (milliseconds since the UNIX epoch): the `<delay>` stamp for history,
    /// the arrival time otherwise.
    pub sent_at_ms: i64,
    /// It came with a `<delay>`: room history.
    pub delayed: bool,
    /// A later XEP-0308 correction replaced the body.
    pub corrected: bool,
    /// The body is gone; the entry stays as a visible tombstone.
    pub retracted: Option<Retraction>,
    /// We sent it.
    pub own: bool,
    /// Bumped by every change in place (correction, retraction), so a view can tell what to redraw.
    pub revision: u32,
}

impl ChatMessage {
    /// The seed for colour and avatar: the occupant-id when present, else the nickname.
    pub fn seed(&self) -> &str {
        self.occupant_id.as_deref().unwrap_or(&self.nick)
    }

    /// A message its author may still correct or take back: chat or an announcement, not gone.
    pub fn is_editable(&self) -> bool {
        matches!(self.kind, MessageKind::Chat | MessageKind::Announcement(_))
            && self.retracted.is_none()
    }
}

/// A new text for a message (XEP-0308), with what it mentions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Correction {
    pub body: String,
    pub mentions: Vec<Mention>,
    pub mentions_me: bool,
}

/// A new text that mentions nobody.
impl From<String> for Correction {
    fn from(body: String) -> Self {
        Correction {
            body,
            ..Correction::default()
        }
    }
}

impl From<&str> for Correction {
    fn from(body: &str) -> Self {
        Correction::from(body.to_owned())
    }
}
