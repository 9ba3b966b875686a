//! How a stream ends: our polite close (leave the room, then `<close/>`), the server's close, and
//! a stream error. A lost socket is `handle_closed`, with the other inputs.

use super::{Session, SessionState};
use crate::error::SessionError;
use crate::event::Event;
use crate::stanza::{presence, stream, Condition};

impl Session {
    /// Leaves the room and closes the stream politely.
    pub fn close(&mut self) {
        if matches!(
            self.state,
            SessionState::Idle | SessionState::Closing | SessionState::Closed
        ) {
            return;
        }
        if self.state == SessionState::Joined {
            if let Ok(to) = self.occupant_jid(self.nick()) {
                self.send_element(presence::presence(
                    &to.to_string(),
                    Some("unavailable"),
                    None,
                ));
            }
        }
        self.send_element(stream::close());
        self.join_answered();
        // A stream closed on purpose is over for the server too: nothing to resume.
        self.sm = None;
        self.set_state(SessionState::Closing);
    }

    pub(super) fn handle_stream_error(&mut self, Condition { condition, text }: Condition) {
        self.push_event(Event::Error(SessionError::Stream { condition, text }));
        self.set_state(SessionState::Closed);
    }

    pub(super) fn handle_server_close(&mut self) {
        if self.state != SessionState::Closing {
            // The server ends the stream: answer in kind, then it is over.
            self.send_element(stream::close());
            self.push_event(Event::Error(SessionError::ConnectionLost));
        }
        self.set_state(SessionState::Closed);
    }
}
