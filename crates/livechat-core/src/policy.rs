//! What a viewer sees and what a moderator may opt in to. Join/leave lines and renames away from an
//! automatic nickname flooded every client in the 450-viewer test: they are never shown to viewers.

use xmpp_parsers::ns;

use crate::room::Room;
use crate::xml::Element;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DisplayPolicy {
    /// A moderator asked to see join and leave lines.
    pub presence_lines_for_moderators: bool,
}

impl DisplayPolicy {
    /// Whether `nick` joining or leaving gets a line in the log.
    pub fn shows_presence_line(&self, room: &Room) -> bool {
        self.presence_lines_for_moderators && room.am_moderator()
    }

    /// Whether a rename gets a line. "Anonymous 123456 is now Camille" is noise; a rename between
    /// two chosen nicknames is shown so that nobody can quietly take another's place.
    pub fn shows_rename(&self, room: &Room, from: &str) -> bool {
        !room.is_automatic_nick(from)
    }
}

/// A message that carries only a chat state ("is typing"): dropped before it is even parsed into a
/// stanza, so a typing storm costs one look at each child and creates no UI event.
pub fn is_chat_state_only(message: &Element) -> bool {
    let mut has_chat_state = false;
    for child in message.children() {
        if child.ns() == ns::CHATSTATES {
            has_chat_state = true;
        } else if child.is("body", ns::DEFAULT_NS) || child.is("subject", ns::DEFAULT_NS) {
            return false;
        }
    }
    has_chat_state
}
