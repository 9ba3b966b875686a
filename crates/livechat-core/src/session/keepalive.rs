//! Keep-alive: a ping once the link has been quiet for the configured interval (in the room,
//! XEP-0410 self-ping, which also checks the room still knows us), and the timeout that declares
//! the link dead when the ping goes unanswered.

use super::sm::StreamManagement;
use super::timers::Timer;
use super::{Pending, Session, SessionState};
use crate::jid::BareJid;
use crate::stanza::{iq, sm};

impl Session {
    /// Anything from the server shows the link is alive: the next ping is due a whole interval
    /// later. While one is out, its answer (or its timeout) decides.
    pub(super) fn link_heard(&mut self) {
        if !self.timers.is_set(Timer::PingTimeout) {
            let next_ping = self.now_ms + self.config.ping_interval_ms;
            self.timers.set(Timer::KeepAlive, next_ping);
        }
    }

    pub(super) fn send_ping(&mut self) {
        let id = self.ids.make("ping");
        // In the room, XEP-0410 self-ping checks the room still knows us as well as the link.
        let to = match (self.state, self.room.own_nick().map(str::to_owned)) {
            (SessionState::Joined, Some(nick)) => match self.occupant_jid(&nick) {
                Ok(j) => j.to_string(),
                Err(_) => return,
            },
            _ => match self.config.credentials.domain().parse::<BareJid>() {
                Ok(j) => j.to_string(),
                Err(_) => return,
            },
        };
        self.pending.insert(id.clone(), Pending::Ping);
        self.send_element(iq::iq("get", &id, Some(&to), Some(iq::ping())));
        if self.sm.as_ref().is_some_and(StreamManagement::awaits_acks) {
            self.send_element(sm::request());
        }
        self.timers.stop(Timer::KeepAlive);
        self.timers.set(
            Timer::PingTimeout,
            self.now_ms + self.config.ping_timeout_ms,
        );
    }

    pub(super) fn ping_answered(&mut self) {
        self.timers.stop(Timer::PingTimeout);
        self.link_heard();
    }

    /// An error is an answer too: the link is alive. XEP-0410: `not-acceptable` from the room
    /// means it no longer knows us, so join again.
    pub(super) fn ping_refused(&mut self, condition: &str) {
        self.ping_answered();
        if condition == "not-acceptable" && self.state == SessionState::Joined {
            self.send_join();
        }
    }
}
