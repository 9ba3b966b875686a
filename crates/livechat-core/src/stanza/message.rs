//! Messages: the groupchat messages we send, and what the room sends read into [`RoomMessage`]:
//! a refusal of one of ours, or a [`Groupchat`] that says what it does (a chat line, a correction,
//! a retraction, a subject, a notice from the room, the terms, a poll).
//!
//! A groupchat extension a new feature needs is read here, into a variant of [`Groupchat`] (or a
//! field of [`Chat`]), with its own reader beside this one, and acted on in the session.

use xmpp_parsers::ns;

use super::moderation::{Moderated, NS_FASTEN_0, NS_RETRACT_0, NS_RETRACT_1};
use super::{best_text, from_room, muc_statuses, occupant_id, parse_stamp_ms, Condition};
use super::{peertube, poll, reference, ErrorType};
use crate::jid::{BareJid, Jid, JidError};
use crate::log::AnnouncementKind;
use crate::mention::Mention;
use crate::poll::Poll;
use crate::terms::TermsScope;
use crate::xml::Element;

/// XEP-0045 status 104: the room's configuration changed.
const STATUS_CONFIG_CHANGED: u16 = 104;

/// A groupchat `<message/>` to the room, with its children.
pub fn groupchat(id: &str, room: &str, children: impl IntoIterator<Item = Element>) -> Element {
    Element::builder("message", ns::JABBER_CLIENT)
        .attr("id", id)
        .attr("to", room)
        .attr("type", "groupchat")
        .append_all(children)
        .build()
}

/// XEP-0359 origin-id: how the room's echo and any error find our message again.
pub fn origin_id(id: &str) -> Element {
    Element::builder("origin-id", ns::SID)
        .attr("id", id)
        .build()
}

/// The XEP-0359 origin-id of a message (one we sent, or its echo).
pub fn origin_id_of(message: &Element) -> Option<&str> {
    message.get_child("origin-id", ns::SID)?.attr("id")
}

/// A message from the room or one of its occupants.
// One lives for the handling of one frame: not worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum RoomMessage {
    /// The room refused the message we sent with this id (slow mode, no voice, …), or, with the
    /// error type `Continue`, took it with a warning.
    Refused {
        id: String,
        error_type: Option<ErrorType>,
        error: Condition,
    },
    Groupchat(Groupchat),
    /// Private messages, and refusals we cannot match: not part of this client.
    Other,
}

impl RoomMessage {
    /// `Ok(None)` when it is not from `room`; `Err` when its sender is not an address at all.
    pub fn read(message: &Element, room: &BareJid) -> Result<Option<RoomMessage>, JidError> {
        let Some(from) = from_room(message, room)? else {
            return Ok(None);
        };
        Ok(Some(match message.attr("type") {
            Some("error") => match message.attr("id") {
                Some(id) => RoomMessage::Refused {
                    id: id.to_owned(),
                    error_type: ErrorType::of_stanza(message),
                    error: Condition::of_stanza(message),
                },
                None => RoomMessage::Other,
            },
            Some("groupchat") => RoomMessage::Groupchat(Groupchat::read(message, &from, room)),
            _ => RoomMessage::Other,
        }))
    }
}

/// What a groupchat message does, in the order XEP-0045 and its extensions rank them.
#[derive(Debug, PartialEq, Eq)]
pub enum Groupchat {
    /// XEP-0045: a subject and no body changes the room's subject (to none when empty).
    Subject(String),
    /// From the room itself.
    RoomNotice(RoomNotice),
    /// XEP-0424: the author takes back one of their messages (by its stanza-id or origin-id).
    Retraction { sender: Sender, target: String },
    /// XEP-0308: the author corrects their message with id `target`.
    Correction {
        sender: Sender,
        target: String,
        /// The correction's own origin-id: our echo finds its outbox entry by it.
        origin_id: Option<String>,
        body: String,
        mentions: Vec<Mention>,
    },
    /// The PeerTube plugin's terms, sent under a nickname of the room's service.
    Terms {
        sender: Sender,
        scope: TermsScope,
        text: String,
    },
    /// The room's poll, sent under its author's nickname: alone (an update), or with the
    /// plain-text body of its start or its end.
    Poll {
        sender: Sender,
        poll: Poll,
        chat: Option<Chat>,
    },
    /// A line of chat, live or from the history.
    Chat { sender: Sender, chat: Chat },
    /// Nothing this client shows.
    Empty,
}

/// Who sent an occupant's message.
#[derive(Debug, PartialEq, Eq)]
pub struct Sender {
    pub nick: String,
    /// XEP-0421: stable across nicknames, and only the room can set it.
    pub occupant_id: Option<String>,
}

/// A line of chat and what identifies it.
#[derive(Debug, PartialEq, Eq)]
pub struct Chat {
    /// The sender's own id, which corrections refer to.
    pub id: Option<String>,
    /// XEP-0359, stamped by the room (a stanza-id by anyone else cannot be trusted): retractions
    /// and moderation refer to it.
    pub stanza_id: Option<String>,
    /// XEP-0359, the sender's: our own echo finds its outbox entry by it.
    pub origin_id: Option<String>,
    /// XEP-0203: when it was sent, for a message replayed from the history.
    pub delay_ms: Option<i64>,
    pub body: String,
    /// The plugin's announcement style, if it is one.
    pub announcement: Option<AnnouncementKind>,
    /// XEP-0372: the occupants it mentions.
    pub mentions: Vec<Mention>,
    /// The plugin's moderation delay: until when the room holds it back from non-moderators.
    pub held_until_ms: Option<i64>,
}

/// A message from the room itself.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RoomNotice {
    /// Status 104: the room's configuration changed (slow mode, name, moderation).
    pub config_changed: bool,
    /// XEP-0425: a moderator retracted a message.
    pub moderated: Option<Moderated>,
}

impl Groupchat {
    fn read(message: &Element, from: &Jid, room: &BareJid) -> Groupchat {
        let body = best_text(message, "body");
        if body.is_none() {
            if let Some(subject) = best_text(message, "subject") {
                return Groupchat::Subject(subject);
            }
        }
        let Some(nick) = from.resource() else {
            return Groupchat::RoomNotice(RoomNotice {
                config_changed: muc_statuses(message).contains(&STATUS_CONFIG_CHANGED),
                moderated: Moderated::read(message),
            });
        };
        let sender = Sender {
            nick: nick.to_owned(),
            occupant_id: occupant_id(message),
        };
        if let Some(target) = retraction_target(message) {
            return Groupchat::Retraction { sender, target };
        }
        if let Some(scope) = peertube::terms_scope(message) {
            return match scope {
                Some(scope) => Groupchat::Terms {
                    sender,
                    scope,
                    text: body.unwrap_or_default(),
                },
                None => Groupchat::Empty,
            };
        }
        if let Some(poll) = poll::read(message, nick) {
            let chat = body.map(|body| Chat::read(message, room, body));
            return Groupchat::Poll { sender, poll, chat };
        }
        let Some(body) = body else {
            return Groupchat::Empty;
        };
        let replace = message.get_child("replace", ns::MESSAGE_CORRECT);
        if let Some(target) = replace.and_then(|p| p.attr("id")) {
            return Groupchat::Correction {
                sender,
                target: target.to_owned(),
                origin_id: origin_id_of(message).map(str::to_owned),
                mentions: reference::mentions(message, room, body.chars().count()),
                body,
            };
        }
        let chat = Chat::read(message, room, body);
        Groupchat::Chat { sender, chat }
    }
}

impl Chat {
    fn read(message: &Element, room: &BareJid, body: String) -> Chat {
        let child = |name: &str, ns: &str| message.get_child(name, ns);
        let stanza_id = message
            .children()
            .filter(|p| p.is("stanza-id", ns::SID))
            .filter(|p| {
                p.attr("by")
                    .and_then(|by| by.parse::<Jid>().ok())
                    .is_some_and(|by| by == *room)
            })
            .find_map(|p| p.attr("id"));
        Chat {
            id: message.attr("id").map(str::to_owned),
            stanza_id: stanza_id.map(str::to_owned),
            origin_id: origin_id_of(message).map(str::to_owned),
            delay_ms: child("delay", ns::DELAY)
                .and_then(|p| p.attr("stamp"))
                .and_then(parse_stamp_ms),
            announcement: peertube::announcement_kind(message),
            mentions: reference::mentions(message, room, body.chars().count()),
            held_until_ms: peertube::held_until_ms(message),
            body,
        }
    }
}

/// XEP-0424 retraction by the author, current and older (fastening) forms.
fn retraction_target(message: &Element) -> Option<String> {
    let current = message
        .get_child("retract", NS_RETRACT_1)
        .and_then(|r| r.attr("id"));
    let older = || {
        message
            .get_child("apply-to", NS_FASTEN_0)
            .filter(|a| a.has_child("retract", NS_RETRACT_0))
            .and_then(|a| a.attr("id"))
    };
    current.or_else(older).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Groupchat {
        let room = "live@room.localhost".parse().unwrap();
        match RoomMessage::read(&xml.parse().unwrap(), &room) {
            Ok(Some(RoomMessage::Groupchat(g))) => g,
            other => panic!("not a groupchat: {other:?}"),
        }
    }

    fn bob(occupant_id: Option<&str>) -> Sender {
        Sender {
            nick: "Bob".into(),
            occupant_id: occupant_id.map(str::to_owned),
        }
    }

    #[test]
    fn reads_a_line_of_history_with_its_ids() {
        let chat = read(
            "<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat' id='b1'>\
             <body>hi</body><occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ'/>\
             <stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost/Bob' id='forged'/>\
             <stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='s1'/>\
             <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>\
             <delay xmlns='urn:xmpp:delay' stamp='2026-09-21T14:13:20Z'/></message>",
        );
        assert_eq!(
            chat,
            Groupchat::Chat {
                sender: bob(Some("occ")),
                chat: Chat {
                    id: Some("b1".into()),
                    stanza_id: Some("s1".into()),
                    origin_id: Some("o1".into()),
                    delay_ms: Some(1_790_000_000_000),
                    body: "hi".into(),
                    announcement: None,
                    mentions: vec![],
                    held_until_ms: None,
                }
            }
        );
    }

    #[test]
    fn a_retraction_outranks_a_body_and_a_subject_needs_no_body() {
        let retraction = read(
            "<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat'>\
             <body>fallback</body><apply-to xmlns='urn:xmpp:fasten:0' id='s1'>\
             <retract xmlns='urn:xmpp:message-retract:0'/></apply-to></message>",
        );
        assert_eq!(
            retraction,
            Groupchat::Retraction {
                sender: bob(None),
                target: "s1".into()
            }
        );
        let subject = read(
            "<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat'>\
             <subject>Live</subject></message>",
        );
        assert_eq!(subject, Groupchat::Subject("Live".into()));
        let correction = read(
            "<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat'>\
             <body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='b1'/></message>",
        );
        assert_eq!(
            correction,
            Groupchat::Correction {
                sender: bob(None),
                target: "b1".into(),
                origin_id: None,
                body: "fixed".into(),
                mentions: vec![],
            }
        );
    }

    #[test]
    fn the_room_speaks_in_notices() {
        let changed = read(
            "<message xmlns='jabber:client' from='live@room.localhost' type='groupchat'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><status code='104'/></x></message>",
        );
        assert_eq!(
            changed,
            Groupchat::RoomNotice(RoomNotice {
                config_changed: true,
                moderated: None
            })
        );
        let room = "live@room.localhost".parse().unwrap();
        let refused: Element = "<message xmlns='jabber:client' from='live@room.localhost' type='error' id='m1'>\
             <error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
            .parse()
            .unwrap();
        assert!(matches!(
            RoomMessage::read(&refused, &room),
            Ok(Some(RoomMessage::Refused { id, error, error_type: Some(ErrorType::Modify) })) if id == "m1" && error.condition == "not-acceptable"
        ));
        let elsewhere: Element =
            "<message xmlns='jabber:client' from='other@room.localhost/Bob' type='groupchat'/>"
                .parse()
                .unwrap();
        assert!(matches!(RoomMessage::read(&elsewhere, &room), Ok(None)));
    }
}
