//! Groupchat messages from the room, read by `stanza::message` and dispatched here, one arm per
//! kind: chat lines (ids, delays, our own echo, announcements, votes, mentions, the moderation
//! delay), corrections, retractions, the subject that ends the history, the room's own notices,
//! and the plugin's terms and polls (in their own modules).

use super::timers::Timer;
use super::{Session, SessionState};
use crate::event::Event;
use crate::log::{Author, ChatMessage, Correction, MessageKind, Retraction};
use crate::occupant::Occupant;
use crate::policy::is_chat_state_only;
use crate::stanza::message::{Chat, Groupchat, RoomMessage, RoomNotice, Sender};
use crate::text::{bound_body, room_text, MAX_BODY_BYTES};
use crate::xml::Element;

impl Session {
    pub(super) fn handle_message(&mut self, message: &Element) {
        if is_chat_state_only(message) {
            return;
        }
        match RoomMessage::read(message, &self.config.room) {
            Ok(Some(RoomMessage::Refused {
                id,
                error_type,
                error,
            })) => self.handle_refused(id, error_type, error),
            Ok(Some(RoomMessage::Groupchat(groupchat))) => self.handle_groupchat(groupchat),
            // Private messages are not part of this client.
            Ok(Some(RoomMessage::Other) | None) => {}
            Err(e) => self.malformed(format!("message: {e}")),
        }
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
                origin_id,
                body,
                mentions,
            } => {
                self.echoed(origin_id.as_deref());
                let (body, _) = bound_body(body);
                let mentions_me = self.mentions_me(&sender, &body, &mentions);
                let correction = Correction {
                    body,
                    mentions,
                    mentions_me,
                };
                self.handle_correction(&sender, &target, correction)
            }
            Groupchat::Terms {
                sender,
                scope,
                text,
            } => self.handle_terms(&sender, scope, text),
            Groupchat::Poll { sender, poll, chat } => self.handle_poll(sender, poll, chat),
            Groupchat::Chat { sender, chat } => self.handle_chat(sender, chat),
            Groupchat::Empty => {}
        }
    }

    /// XEP-0045 sends the subject last on joining: it also ends the history.
    fn handle_subject(&mut self, subject: String) {
        if self
            .room
            .set_subject(Some(room_text(subject, MAX_BODY_BYTES)))
        {
            self.push_event(Event::SubjectChanged);
        }
        if self.replaying_history() {
            self.history_done();
        }
    }

    /// A line of chat: an announcement when its author may make one, a vote while a poll runs.
    pub(super) fn handle_chat(&mut self, sender: Sender, chat: Chat) {
        let kind = if let Some(choice) = self.vote_echoed(chat.origin_id.as_deref()) {
            MessageKind::Vote { choice }
        } else if let Some(announcement) = chat.announcement.filter(|_| self.may_announce(&sender))
        {
            MessageKind::Announcement(announcement)
        } else if let Some(choice) = self.others_vote(&chat.body) {
            MessageKind::Vote { choice }
        } else {
            MessageKind::Chat
        };
        self.push_chat(sender, chat, kind);
    }

    /// Adds a message of `kind` to the log (unless it is there already).
    pub(super) fn push_chat(&mut self, sender: Sender, chat: Chat, kind: MessageKind) {
        let (body, _) = bound_body(chat.body);
        let body = if kind.is_room_text() {
            room_text(body, MAX_BODY_BYTES)
        } else {
            body
        };
        // XEP-0203: history comes with the time it was sent.
        let sent_at_ms = chat.delay_ms.unwrap_or(self.now_ms as i64);
        // Our own echo, possibly from before a reconnection (an anonymous rejoin gets a new
        // occupant-id, the origin-id stays).
        let delivered = self.echoed(chat.origin_id.as_deref());
        let own = delivered
            || match (&sender.occupant_id, &self.own_occupant_id) {
                (Some(a), Some(b)) => a == b,
                _ => Some(sender.nick.as_str()) == self.room.own_nick(),
            };
        let mentions_me = !own && self.mentions_me(&sender, &body, &chat.mentions);
        let key = self.room.log_mut().next_key();
        let entry = ChatMessage {
            key,
            id: chat.id,
            stanza_id: chat.stanza_id,
            origin_id: chat.origin_id,
            nick: sender.nick,
            occupant_id: sender.occupant_id,
            body,
            kind,
            mentions: chat.mentions,
            mentions_me,
            // Only moderators get the mark; from anyone else it is not the room's.
            held_until_ms: chat.held_until_ms.filter(|_| self.room.am_moderator()),
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
            if mentions_me && chat.delay_ms.is_none() {
                self.push_event(Event::Mentioned { key });
            }
        }
    }

    /// Our message with this origin-id came back from the room: it leaves the outbox.
    fn echoed(&mut self, origin_id: Option<&str>) -> bool {
        let delivered = origin_id.is_some_and(|id| self.outbox.delivered(id));
        if delivered {
            self.push_event(Event::OutboxChanged);
        }
        delivered
    }

    /// The plugin lets only owners and admins send announcements; where the room does not check
    /// (another server), an occupant we know to be neither gets no style.
    fn may_announce(&self, sender: &Sender) -> bool {
        self.room
            .occupant(&sender.nick)
            .is_none_or(Occupant::is_admin)
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
    fn handle_correction(&mut self, sender: &Sender, target: &str, correction: Correction) {
        if self
            .room
            .log_mut()
            .correct(target, &author(sender), correction)
        {
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
