//! An occupant of the room as its presence told: nickname, role, affiliation and the ids that
//! tell it apart.

use xmpp_parsers::muc::user::{Affiliation, Role};

#[derive(Clone, Debug, PartialEq)]
pub struct Occupant {
    pub nick: String,
    pub role: Role,
    pub affiliation: Affiliation,
    /// XEP-0421: stable across nickname changes, the seed for colour and avatar.
    pub occupant_id: Option<String>,
    /// The real JID: in a semi-anonymous room only moderators see other occupants' (some servers,
    /// like ejabberd, also tell every occupant its own).
    pub jid: Option<String>,
}

impl Occupant {
    /// The seed for colour and avatar: the occupant-id when present, else the nickname.
    pub fn seed(&self) -> &str {
        self.occupant_id.as_deref().unwrap_or(&self.nick)
    }

    pub fn is_moderator(&self) -> bool {
        self.role == Role::Moderator
    }

    /// An owner or admin of the room: who may create polls and send announcements.
    pub fn is_admin(&self) -> bool {
        matches!(self.affiliation, Affiliation::Owner | Affiliation::Admin)
    }
}
