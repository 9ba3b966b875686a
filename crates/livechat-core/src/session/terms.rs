//! The terms (the PeerTube plugin's `mod_muc_peertubelivechat_terms`): kept as the room's state,
//! never a line of the log.

use super::Session;
use crate::event::Event;
use crate::stanza::message::Sender;
use crate::terms::TermsScope;
use crate::text::{room_text, MAX_BODY_BYTES};

impl Session {
    pub(super) fn handle_terms(&mut self, sender: &Sender, scope: TermsScope, text: String) {
        // The room sends them under a nickname nobody may take; a present occupant's message with
        // the mark comes from a room that does not strip it, and is not the room's word.
        if self.room.occupant(&sender.nick).is_some() {
            return;
        }
        let text = room_text(text, MAX_BODY_BYTES);
        if self.room.terms_mut().set(scope, text) {
            self.push_event(Event::TermsChanged);
        }
    }
}
