//! Presence: the MUC join we send (with its bounded history), a nickname change or a leave, and
//! the room's presences read into [`MucPresence`]: who, what became of them, and why.

use xmpp_parsers::muc::user::{Affiliation, Role};
use xmpp_parsers::ns;

use super::{from_room, muc_statuses, occupant_id, Condition};
use crate::event::Removal;
use crate::jid::{BareJid, Jid, JidError};
use crate::xml::Element;

// XEP-0045 status codes the session acts on.
const STATUS_SELF: u16 = 110;
const STATUS_ROOM_CREATED: u16 = 201;
const STATUS_NICK_ASSIGNED: u16 = 210;
const STATUS_NEW_NICK: u16 = 303;

/// A `<presence/>` to an occupant JID; `type_` is `None` for available.
pub fn presence(to: &str, type_: Option<&str>, payload: Option<Element>) -> Element {
    Element::builder("presence", ns::JABBER_CLIENT)
        .attr("to", to)
        .attr("type", type_)
        .append_all(payload)
        .build()
}

/// The MUC join payload with its bounded history request; `since` as XEP-0082 UTC.
pub fn muc_join(max_stanzas: u32, since: Option<String>) -> Element {
    Element::builder("x", ns::MUC)
        .append(
            Element::builder("history", ns::MUC)
                .attr("maxstanzas", max_stanzas.to_string())
                .attr("since", since)
                .build(),
        )
        .build()
}

/// A presence from an occupant of the room.
#[derive(Debug)]
pub struct MucPresence {
    /// The occupant's nickname (the resource of the occupant JID).
    pub nick: String,
    pub kind: PresenceKind,
    /// XEP-0045 status codes.
    pub statuses: Vec<u16>,
    /// Who the occupant is to the room; `None` without a readable `<item/>`.
    pub item: Option<MucItem>,
    /// XEP-0421.
    pub occupant_id: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum PresenceKind {
    Available,
    Unavailable,
    /// The room refused our join or nickname change.
    Error(Condition),
    /// Subscriptions, probes: nothing a room sends us.
    Other,
}

impl MucPresence {
    /// `Ok(None)` when it is not from an occupant of `room` (no roster, no subscriptions: only the
    /// room's presences matter); `Err` when its sender is not an address at all.
    pub fn read(presence: &Element, room: &BareJid) -> Result<Option<MucPresence>, JidError> {
        let Some(from) = from_room(presence, room)? else {
            return Ok(None);
        };
        let Some(nick) = from.resource() else {
            return Ok(None);
        };
        let kind = match presence.attr("type") {
            None => PresenceKind::Available,
            Some("unavailable") => PresenceKind::Unavailable,
            Some("error") => PresenceKind::Error(Condition::of_stanza(presence)),
            Some(_) => PresenceKind::Other,
        };
        let item = presence
            .get_child("x", ns::MUC_USER)
            .and_then(|x| x.get_child("item", ns::MUC_USER))
            .and_then(MucItem::read);
        Ok(Some(MucPresence {
            nick: nick.to_owned(),
            kind,
            statuses: muc_statuses(presence),
            item,
            occupant_id: occupant_id(presence),
        }))
    }

    /// Status 110: this presence is about us.
    pub fn is_self(&self) -> bool {
        self.statuses.contains(&STATUS_SELF)
    }

    /// Status 201: our join created the room.
    pub fn room_created(&self) -> bool {
        self.statuses.contains(&STATUS_ROOM_CREATED)
    }

    /// Status 210: the service chose our nickname.
    pub fn nick_assigned(&self) -> bool {
        self.statuses.contains(&STATUS_NICK_ASSIGNED)
    }

    /// Status 303 with the new nickname: the occupant is leaving only to come back under it.
    pub fn new_nick(&self) -> Option<&str> {
        self.item
            .as_ref()
            .and_then(|i| i.nick.as_deref())
            .filter(|_| self.statuses.contains(&STATUS_NEW_NICK))
    }

    /// Why the room removed us, by the XEP-0045 §15.6 status codes, in the order they are checked.
    pub fn removal(&self) -> Removal {
        [
            (307, Removal::Kicked),
            (301, Removal::Banned),
            (321, Removal::AffiliationChanged),
            (322, Removal::MembersOnly),
            (332, Removal::ServiceShutdown),
        ]
        .into_iter()
        .find(|(code, _)| self.statuses.contains(code))
        .map_or(Removal::Other, |(_, removal)| removal)
    }
}

/// The `<item/>` of a MUC presence: who the occupant is to the room.
#[derive(Debug, PartialEq)]
pub struct MucItem {
    pub affiliation: Affiliation,
    pub role: Role,
    /// The real JID, where the room shows it.
    pub jid: Option<String>,
    /// The new nickname, in a 303 unavailable presence.
    pub nick: Option<String>,
    /// Who kicked or banned, and why.
    pub actor: Option<String>,
    pub reason: Option<String>,
}

impl Default for MucItem {
    /// A presence without an item: a participant like any other.
    fn default() -> Self {
        MucItem {
            affiliation: Affiliation::None,
            role: Role::Participant,
            jid: None,
            nick: None,
            actor: None,
            reason: None,
        }
    }
}

impl MucItem {
    /// `None` when the affiliation or role is missing or unknown, as for no item at all.
    fn read(item: &Element) -> Option<Self> {
        Some(MucItem {
            affiliation: item.attr("affiliation")?.parse().ok()?,
            role: item.attr("role")?.parse().ok()?,
            jid: item
                .attr("jid")
                .and_then(|j| j.parse::<Jid>().ok())
                .map(|j| j.to_string()),
            nick: item.attr("nick").map(str::to_owned),
            actor: item
                .get_child("actor", ns::MUC_USER)
                .and_then(|a| a.attr("nick"))
                .map(str::to_owned),
            reason: item.get_child("reason", ns::MUC_USER).map(Element::text),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stanza::format_stamp;

    fn room() -> BareJid {
        "live@room.localhost".parse().unwrap()
    }

    fn read(xml: &str) -> Option<MucPresence> {
        MucPresence::read(&xml.parse().unwrap(), &room()).unwrap()
    }

    #[test]
    fn builds_joins_and_leaves() {
        assert_eq!(
            String::from(&presence("r@m/n", Some("unavailable"), None)),
            "<presence xmlns='jabber:client' to='r@m/n' type='unavailable'/>"
        );
        assert_eq!(
            String::from(&presence("r@m/n", None, Some(muc_join(5, format_stamp(1_790_000_000_999))))),
            "<presence xmlns='jabber:client' to='r@m/n'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='5' since='2026-09-21T14:13:20Z'/></x></presence>"
        );
    }

    #[test]
    fn reads_who_left_why_and_under_which_new_nickname() {
        let kicked = read(
            "<presence xmlns='jabber:client' from='live@room.localhost/Me' type='unavailable'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'>\
             <actor nick='Alice'/><reason>r</reason></item><status code='307'/><status code='110'/></x></presence>",
        )
        .unwrap();
        assert_eq!(kicked.kind, PresenceKind::Unavailable);
        assert!(kicked.is_self() && kicked.new_nick().is_none());
        assert_eq!(kicked.removal(), Removal::Kicked);
        let item = kicked.item.unwrap();
        assert_eq!(
            (item.actor.as_deref(), item.reason.as_deref()),
            (Some("Alice"), Some("r"))
        );

        let renamed = read(
            "<presence xmlns='jabber:client' from='live@room.localhost/Bob' type='unavailable'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant' nick='Robert'/>\
             <status code='303'/></x></presence>",
        )
        .unwrap();
        assert_eq!(renamed.new_nick(), Some("Robert"));
        assert!(!renamed.is_self());
    }

    #[test]
    fn only_the_rooms_occupants_are_read() {
        assert!(
            read("<presence xmlns='jabber:client' from='other@room.localhost/Bob'/>").is_none()
        );
        assert!(read("<presence xmlns='jabber:client' from='live@room.localhost'/>").is_none());
        assert!(read("<presence xmlns='jabber:client'/>").is_none());
        let bad: Element = "<presence xmlns='jabber:client' from='@/'/>"
            .parse()
            .unwrap();
        assert!(MucPresence::read(&bad, &room()).is_err());
        // An unknown role reads as no item: a participant like any other.
        let odd = read(
            "<presence xmlns='jabber:client' from='live@room.localhost/Bob'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='king'/></x></presence>",
        )
        .unwrap();
        assert_eq!(odd.kind, PresenceKind::Available);
        assert!(odd.item.is_none());
    }
}
