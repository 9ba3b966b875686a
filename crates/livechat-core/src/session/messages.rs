//! Groupchat messages: what the user sends (with the outbox that keeps it until the room's echo),
//! and what the room sends, read by `stanza::message` and dispatched here, one arm per kind: chat
//! lines (ids, delays, our own echo), corrections, retractions, the subject that ends the
//! history, and the room's own notices.

use xmpp_parsers::ns;

use super::timers::Timer;
use super::{Session, SessionState};
use crate::event::Event;
use crate::log::{Author, ChatMessage, Retraction};
use crate::outbox::{Outgoing, OutgoingState};
use crate::policy::is_chat_state_only;
use crate::stanza::message::{self, Chat, Groupchat, RoomMessage, RoomNotice, Sender};
use crate::stanza::{text_element, Condition};
use crate::text::{bound_body, xml_safe};
use crate::xml::Element;

impl Session {
    /// Sends a message to the room, or queues it until we are in the room again; returns its
    /// origin-id, which the room's echo and any error carry back.
    pub fn send_message(&mut self, body: &str) -> Option<String> {
        let body = xml_safe(body);
        if body.trim().is_empty() {
            return None;
        }
        let origin_id = self.ids.make("m");
        let mut item = Outgoing {
            origin_id: origin_id.clone(),
            body: body.into_owned(),
            state: OutgoingState::Queued,
        };
        if self.state == SessionState::Joined {
            self.transmit_message(&item);
            item.state = OutgoingState::Sent;
        }
        self.outbox.push(item);
        self.push_event(Event::OutboxChanged);
        Some(origin_id)
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

    pub(super) fn transmit_message(&mut self, item: &Outgoing) {
        let body = text_element("body", ns::JABBER_CLIENT, item.body.clone());
        let message = message::groupchat(
            &item.origin_id,
            self.config.room.as_str(),
            [body, message::origin_id(&item.origin_id)],
        );
        self.send_element(message);
    }

    pub(super) fn handle_message(&mut self, message: &Element) {
        if is_chat_state_only(message) {
            return;
        }
        match RoomMessage::read(message, &self.config.room) {
            Ok(Some(RoomMessage::Refused { id, error })) => self.handle_refused(id, error),
            Ok(Some(RoomMessage::Groupchat(groupchat))) => self.handle_groupchat(groupchat),
            // Private messages are not part of this client.
            Ok(Some(RoomMessage::Other) | None) => {}
            Err(e) => self.malformed(format!("message: {e}")),
        }
    }

    fn handle_refused(&mut self, origin_id: String, Condition { condition, text }: Condition) {
        if let Some(item) = self.outbox.get_mut(&origin_id) {
            item.state = OutgoingState::Failed {
                condition: condition.clone(),
                text: text.clone(),
            };
            self.push_event(Event::OutboxChanged);
        }
        self.push_event(Event::SendFailed {
            origin_id,
            condition,
            text,
        });
    }

    /// What a groupchat message does, dispatched: each kind the client understands has its arm
    /// here (a new feature adds its variant to `Groupchat` and its arm).
    fn handle_groupchat(&mut self, groupchat: Groupchat) {
        match groupchat {
            Groupchat::Subject(subject) => self.handle_subject(subject),
            Groupchat::RoomNotice(notice) => self.handle_room_notice(notice),
            Groupchat::Retraction { sender, target } => self.handle_retraction(&sender, &target),
            Groupchat::Correction {
                sender,
                target,
                body,
            } => self.handle_correction(&sender, &target, body),
            Groupchat::Chat { sender, chat } => self.handle_chat(sender, chat),
            Groupchat::Empty => {}
        }
    }

    /// XEP-0045 sends the subject last on joining: it also ends the history.
    fn handle_subject(&mut self, subject: String) {
        let (subject, _) = bound_body(subject);
        if self.room.set_subject(Some(subject)) {
            self.push_event(Event::SubjectChanged);
        }
        if self.timers.is_set(Timer::HistoryWait) {
            self.history_done();
        }
    }

    fn handle_chat(&mut self, sender: Sender, chat: Chat) {
        let (body, _) = bound_body(chat.body);
        // XEP-0203: history comes with the time it was sent.
        let sent_at_ms = chat.delay_ms.unwrap_or(self.now_ms as i64);
        // Our own echo, possibly from before a reconnection (an anonymous rejoin gets a new
        // occupant-id, the origin-id stays).
        let delivered = chat
            .origin_id
            .as_deref()
            .is_some_and(|id| self.outbox.delivered(id));
        if delivered {
            self.push_event(Event::OutboxChanged);
        }
        let own = delivered
            || match (&sender.occupant_id, &self.own_occupant_id) {
                (Some(a), Some(b)) => a == b,
                _ => Some(sender.nick.as_str()) == self.room.own_nick(),
            };
        let key = self.room.log_mut().next_key();
        let entry = ChatMessage {
            key,
            id: chat.id,
            stanza_id: chat.stanza_id,
            origin_id: chat.origin_id,
            nick: sender.nick,
            occupant_id: sender.occupant_id,
            body,
            sent_at_ms,
            delayed: chat.delay_ms.is_some(),
            corrected: false,
            retracted: None,
            own,
            revision: 0,
        };
        if self.room.log_mut().push_message(entry) {
            self.newest_ms = Some(self.newest_ms.map_or(sent_at_ms, |n| n.max(sent_at_ms)));
            self.push_event(Event::LogChanged);
        }
    }

    /// XEP-0424: the author takes a message back (only its author can: see `MessageLog`).
    fn handle_retraction(&mut self, sender: &Sender, target: &str) {
        let by_author = Retraction {
            moderator: None,
            reason: None,
        };
        if self
            .room
            .log_mut()
            .retract(target, Some(&author(sender)), by_author)
        {
            self.push_event(Event::LogChanged);
        }
    }

    /// XEP-0308: the author corrects a message (only its author can: see `MessageLog`).
    fn handle_correction(&mut self, sender: &Sender, target: &str, body: String) {
        let (body, _) = bound_body(body);
        if self.room.log_mut().correct(target, &author(sender), body) {
            self.push_event(Event::LogChanged);
        }
    }

    /// Messages from the room itself.
    fn handle_room_notice(&mut self, notice: RoomNotice) {
        if notice.config_changed && self.state == SessionState::Joined {
            return self.room_config_changed();
        }
        if let Some(moderated) = notice.moderated {
            self.apply_moderation(moderated);
        }
    }

    /// The history is in: whatever the user typed meanwhile goes out now, once.
    pub(super) fn history_done(&mut self) {
        self.timers.stop(Timer::HistoryWait);
        // Only what is queued: a message sent since our own presence came back is on its way
        // already, and the room will echo it after the history.
        let resend = self.outbox.take_queued();
        for item in &resend {
            self.transmit_message(item);
        }
        if !resend.is_empty() {
            self.push_event(Event::OutboxChanged);
        }
    }
}

fn author(sender: &Sender) -> Author<'_> {
    Author {
        nick: &sender.nick,
        occupant_id: sender.occupant_id.as_deref(),
    }
}
