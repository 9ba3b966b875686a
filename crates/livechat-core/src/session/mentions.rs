//! Mentions (XEP-0372): the references a message we send carries for the `@nick` of present
//! occupants, and whether a message from the room mentions us.

use super::Session;
use crate::mention::{self, Mention};
use crate::stanza::message::Sender;
use crate::stanza::reference;
use crate::xml::Element;

impl Session {
    /// The references for the `@nick` in `body` of the occupants present now (not ourselves).
    pub(super) fn references_in(&self, body: &str) -> Vec<Element> {
        if !body.contains('@') {
            return Vec::new();
        }
        let own = self.room.own_nick();
        let nicks: Vec<&str> = self
            .room
            .occupants()
            .map(|o| o.nick.as_str())
            .filter(|nick| Some(*nick) != own)
            .collect();
        mention::find_mentions(body, &nicks)
            .iter()
            .map(|m| reference::mention(m, &self.config.room))
            .collect()
    }

    /// Whether a message from `sender` mentions us: a reference to our nickname, or our nickname
    /// as a word of its own in the text (most clients send no references).
    pub(super) fn mentions_me(&self, sender: &Sender, body: &str, mentions: &[Mention]) -> bool {
        let Some(me) = self.room.own_nick() else {
            return false;
        };
        sender.nick != me && (mentions.iter().any(|m| m.nick == me) || mention::names(body, me))
    }
}
