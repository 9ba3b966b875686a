//! What the user sends to the room: chat lines, announcements, corrections and the subject. A
//! message waits in the outbox until the room echoes it, goes out again after a reconnection, and
//! stays there, marked with why, if the room refuses it.

use xmpp_parsers::ns;

use super::{Session, SessionState};
use crate::event::Event;
use crate::log::AnnouncementKind;
use crate::outbox::{Outgoing, OutgoingKind, OutgoingState};
use crate::refusal::{Refusal, Sent};
use crate::stanza::message;
use crate::stanza::{edit, peertube, text_element, Condition, ErrorType};
use crate::text::xml_safe;

impl Session {
    /// Sends a message to the room, or queues it until we are in the room again; returns its
    /// origin-id, which the room's echo and any error carry back. The `@nick` of present occupants
    /// go out as mentions (XEP-0372). While a poll runs, a vote (`!N`) goes out as one: see
    /// [`Session::vote`].
    pub fn send_message(&mut self, body: &str) -> Option<String> {
        if let Some(choice) = self.room.vote_in(body) {
            return self.vote(choice);
        }
        self.queue_message(body, OutgoingKind::Chat)
    }

    /// Sends an announcement in one of the plugin's styles (owners and admins only: the room
    /// refuses it from anyone else, see [`Refusal::AnnouncementNotAllowed`]). The plugin's own
    /// frontend starts an announcement or a warning with a title line for other clients
    /// (`* Announcement *`): that is the caller's text to add, in the viewer's language.
    pub fn send_announcement(&mut self, kind: AnnouncementKind, body: &str) -> Option<String> {
        self.queue_message(body, OutgoingKind::Announcement(kind))
    }

    /// Tries a refused message again, with the same origin-id.
    pub fn retry(&mut self, origin_id: &str) {
        let joined = self.state == SessionState::Joined;
        let Some(item) = self.outbox.get_mut(origin_id) else {
            return;
        };
        item.state = if joined {
            OutgoingState::Sent
        } else {
            OutgoingState::Queued
        };
        item.refusal = None;
        let item = item.clone();
        if joined {
            self.transmit_message(&item);
        }
        self.push_event(Event::OutboxChanged);
    }

    /// Gives up on a message that was not delivered.
    pub fn discard(&mut self, origin_id: &str) {
        if self.outbox.remove(origin_id) {
            self.push_event(Event::OutboxChanged);
        }
    }

    /// Sets the room subject (moderators, or everyone where the room allows it).
    pub fn set_subject(&mut self, subject: &str) {
        if self.state != SessionState::Joined {
            return;
        }
        let subject = xml_safe(subject).into_owned();
        let subject = text_element("subject", ns::JABBER_CLIENT, subject);
        let id = self.ids.make("s");
        let message = message::groupchat(&id, self.config.room.as_str(), [subject]);
        self.send_element(message);
    }

    /// Puts a message in the outbox, and on the wire if we are in the room.
    pub(super) fn queue_message(&mut self, body: &str, kind: OutgoingKind) -> Option<String> {
        let body = xml_safe(body);
        if body.trim().is_empty() {
            return None;
        }
        let origin_id = self.ids.make("m");
        let mut item = Outgoing {
            origin_id: origin_id.clone(),
            body: body.into_owned(),
            state: OutgoingState::Queued,
            kind,
            refusal: None,
        };
        if self.state == SessionState::Joined {
            self.transmit_message(&item);
            item.state = OutgoingState::Sent;
        }
        self.outbox.push(item);
        self.push_event(Event::OutboxChanged);
        Some(origin_id)
    }

    /// The message on the wire: its body (styled, for an announcement), its origin-id, the
    /// mentions in it, and what it corrects.
    pub(super) fn transmit_message(&mut self, item: &Outgoing) {
        let announcement = match item.kind {
            OutgoingKind::Announcement(kind) => Some(kind),
            _ => None,
        };
        let mut children = vec![
            peertube::body(item.body.clone(), announcement),
            message::origin_id(&item.origin_id),
        ];
        children.extend(self.references_in(&item.body));
        if let OutgoingKind::Correction { target } = &item.kind {
            children.push(edit::replace(target));
        }
        let room = self.config.room.as_str();
        self.send_element(message::groupchat(&item.origin_id, room, children));
    }

    /// The room answered one of our messages with an error: a vote's answer, a warning that it
    /// was taken all the same, or a refusal the outbox keeps.
    pub(super) fn handle_refused(
        &mut self,
        origin_id: String,
        error_type: Option<ErrorType>,
        Condition { condition, text }: Condition,
    ) {
        if self.vote_answered(&origin_id, error_type, &condition) {
            return;
        }
        if error_type == Some(ErrorType::Continue) {
            // RFC 6120: "proceed (the condition was only a warning)": the room has it.
            if self.outbox.delivered(&origin_id) {
                self.push_event(Event::OutboxChanged);
            }
            return;
        }
        let emoji_only = self.room.info().emoji_only;
        let sent = match self.outbox.get_mut(&origin_id).map(|i| &i.kind) {
            Some(OutgoingKind::Announcement(_)) => Sent::Announcement,
            _ => Sent::Message,
        };
        let refusal = Refusal::read(sent, error_type, &condition, emoji_only);
        self.not_delivered(origin_id, condition, text, refusal);
    }

    /// The room did not let us in (it refused our join, or never answered it): what waits to go
    /// out will not. Each message stays in the outbox, marked, for the user to retry or discard.
    pub(super) fn queued_not_delivered(&mut self, condition: &str, text: Option<&str>) {
        let queued: Vec<String> = self
            .outbox
            .iter()
            .filter(|item| item.state == OutgoingState::Queued)
            .map(|item| item.origin_id.clone())
            .collect();
        for origin_id in queued {
            let (condition, text) = (condition.to_owned(), text.map(str::to_owned));
            self.not_delivered(origin_id, condition, text, Refusal::NotInRoom);
        }
    }

    /// Marks the outbox's message (if it is one: a vote is not) as refused, and says so.
    fn not_delivered(
        &mut self,
        origin_id: String,
        condition: String,
        text: Option<String>,
        refusal: Refusal,
    ) {
        if let Some(item) = self.outbox.get_mut(&origin_id) {
            item.state = OutgoingState::Failed {
                condition: condition.clone(),
                text: text.clone(),
            };
            item.refusal = Some(refusal);
            self.push_event(Event::OutboxChanged);
        }
        self.push_event(Event::SendFailed {
            origin_id,
            condition,
            text,
            refusal,
        });
    }
}
