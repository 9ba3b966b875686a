//! Our own messages after the fact: the last one corrected (XEP-0308, pointing at its original id)
//! and any taken back (XEP-0424, by its origin-id). The log shows the change when the room echoes
//! it, as it does for everyone's.

use super::{Session, SessionState};
use crate::event::Event;
use crate::outbox::{OutgoingKind, OutgoingState};
use crate::stanza::{edit, message};
use crate::text::xml_safe;

impl Session {
    /// The text the last message we sent has now: what a composer offers to edit (↑ in an empty
    /// one). A message still on its way counts: it is the last.
    pub fn last_own_body(&self) -> Option<&str> {
        match self.last_in_outbox() {
            Some((_, body, _)) => Some(body),
            None => self.room.log().last_own().map(|m| m.body.as_str()),
        }
    }

    /// Corrects the last message we sent with `body`; returns the correction's origin-id (the
    /// outbox keeps it like a message until the room echoes it). A message still waiting to go
    /// out is rewritten instead. `None` when there is nothing to correct, or `body` is blank or
    /// the same text.
    pub fn correct_last(&mut self, body: &str) -> Option<String> {
        if body.trim().is_empty() || self.last_own_body() == Some(body) {
            return None;
        }
        let target = match self.last_in_outbox() {
            Some((origin_id, _, OutgoingState::Queued)) => {
                let origin_id = origin_id.to_owned();
                let item = self.outbox.get_mut(&origin_id)?;
                item.body = xml_safe(body).into_owned();
                self.push_event(Event::OutboxChanged);
                return Some(origin_id);
            }
            Some((origin_id, _, _)) => origin_id.to_owned(),
            // XEP-0308: the id of the original message (ours carry their origin-id as id).
            None => {
                let last = self.room.log().last_own()?;
                last.id.clone().or_else(|| last.origin_id.clone())?
            }
        };
        self.queue_message(body, OutgoingKind::Correction { target })
    }

    /// Takes back our message of the log with this key, for everyone; returns whether it went out.
    /// Only in the room, and only a message of ours the room knows (it has an origin-id).
    pub fn retract_own(&mut self, key: u64) -> bool {
        if self.state != SessionState::Joined {
            return false;
        }
        let Some(origin_id) = self
            .room
            .log()
            .find_by_key(key)
            .filter(|m| m.own && m.is_editable())
            .and_then(|m| m.origin_id.clone())
        else {
            return false;
        };
        let id = self.ids.make("r");
        let room = self.config.room.as_str();
        let retraction = message::groupchat(&id, room, edit::retraction(&origin_id));
        self.send_element(retraction);
        true
    }

    /// The newest message of the outbox that the room has or will have (not one it refused):
    /// its origin-id, body and state.
    fn last_in_outbox(&self) -> Option<(&str, &str, OutgoingState)> {
        self.outbox
            .iter()
            .rev()
            .filter(|o| !matches!(o.kind, OutgoingKind::Correction { .. }))
            .find(|o| matches!(o.state, OutgoingState::Queued | OutgoingState::Sent))
            .map(|o| (o.origin_id.as_str(), o.body.as_str(), o.state.clone()))
    }
}
