//! XEP-0352 client state indication: whether anyone is looking at the chat, told to the server so
//! that it may hold back what is not urgent while nobody does (Prosody's `mod_csi_simple` holds
//! presences and body-less messages until a message with a body, an iq's answer, or anything from
//! the client comes, and then sends them all, in order).
//!
//! The caller says what the page shows ([`Session::set_active`]); the session tells the server
//! only when it offered the feature (`<csi/>` in the stream features after login) and only on a
//! change. The state belongs to the stream: a new stream starts active, so a session that logs in
//! again while nobody looks says `<inactive/>` again. A resumed stream (XEP-0198) starts active
//! too by the XEP, while Prosody keeps the old stream's state: after an `<inactive/>` the server's
//! state is then unknown, and the session says what it wants either way. Both are nonzas: stream
//! management counts neither.

use super::{Session, SessionState};
use crate::stanza::csi;

#[derive(Clone, Copy, Debug)]
pub(super) struct ClientState {
    /// Someone looks at the chat, as the caller said last; a session starts active.
    active: bool,
    /// The server offered XEP-0352 in this stream's features after login.
    offered: bool,
    /// What the server holds for this stream, `None` when unknown (see the module's docs).
    server: Option<bool>,
}

impl Default for ClientState {
    fn default() -> Self {
        ClientState {
            active: true,
            offered: false,
            server: Some(true),
        }
    }
}

impl Session {
    /// Tells the server whether anyone is looking at the chat (XEP-0352): `false` when the page is
    /// hidden, `true` when it shows again. The server may then hold back presences and other
    /// traffic that is not urgent (never a message with a body) until the chat is active again.
    ///
    /// Said only when the server offers it (otherwise only remembered), and only on a change; the
    /// wish outlives the stream: after a reconnection, a resumption or a new session
    /// ([`Session::successor`]), an inactive session says so again once logged in. Sends nothing
    /// else and schedules nothing.
    pub fn set_active(&mut self, active: bool) {
        self.client_state.active = active;
        self.say_client_state();
    }

    /// Whether someone is looking at the chat, as last said by [`Session::set_active`].
    pub fn is_active(&self) -> bool {
        self.client_state.active
    }

    /// Whether the server was told on this stream that nobody is looking (and may be holding
    /// traffic back).
    pub fn server_told_inactive(&self) -> bool {
        self.can_say_client_state() && self.client_state.server == Some(false)
    }

    /// The wish of the session this one succeeds (see [`Session::successor`]).
    pub(super) fn inherit_client_state(&mut self, previous: &Session) {
        self.client_state.active = previous.client_state.active;
    }

    /// A new socket: nothing may be said before the features after login.
    pub(super) fn client_state_stream_started(&mut self) {
        self.client_state.offered = false;
    }

    /// The features after login. On a fresh stream (not being resumed) the server starts active.
    pub(super) fn client_state_logged_in(&mut self, offered: bool, resuming: bool) {
        self.client_state.offered = offered;
        if !resuming {
            self.client_state_fresh_stream();
        }
    }

    /// A fresh stream, the server's state the XEP's start: active.
    pub(super) fn client_state_fresh_stream(&mut self) {
        self.client_state.server = Some(true);
        self.say_client_state();
    }

    /// The old stream goes on: active if it never heard otherwise, unknown if it did.
    pub(super) fn client_state_resumed(&mut self) {
        self.client_state.server = self.client_state.server.filter(|&active| active);
        self.say_client_state();
    }

    /// The stream is logged in and offered it, and is not between a `<resume/>` and its answer.
    fn can_say_client_state(&self) -> bool {
        self.client_state.offered
            && !self.resuming()
            && !matches!(
                self.state,
                SessionState::Idle | SessionState::Closing | SessionState::Closed
            )
    }

    fn say_client_state(&mut self) {
        let ClientState { active, server, .. } = self.client_state;
        if self.can_say_client_state() && server != Some(active) {
            self.client_state.server = Some(active);
            self.send_element(csi::state(active));
        }
    }
}
