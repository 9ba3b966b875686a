//! XEP-0198 stream management, for logins that can resume (a registered account; an anonymous
//! login is a new account every time, so Prosody cannot resume it and the acks would only cost):
//! the counters, the acknowledgements, and the resumption that replays what the server missed.

use std::collections::VecDeque;

use super::{Session, SessionState};
use crate::config::Credentials;
use crate::event::Event;
use crate::stanza::message::origin_id_of;
use crate::stanza::sm::{self, Sm};
use crate::xml::Element;

/// Beyond this many unacknowledged stanzas the oldest are forgotten: a resumption can then no
/// longer replay all of them, and the outbox's origin-ids take over.
const MAX_UNACKED: usize = 500;

#[derive(Debug, Default)]
pub(super) struct StreamManagement {
    /// The resumption id, once the server said `<enabled resume='true'/>`.
    id: Option<String>,
    /// Stanzas received and handled since `<enabled/>`.
    inbound: u32,
    /// The last `h` the server acknowledged.
    acked: u32,
    /// Stanzas sent since `<enable/>` and not acknowledged yet, oldest first.
    unacked: VecDeque<String>,
    /// `<resume/>` sent, its answer not in yet: only then is a `<resumed/>` ours to act on (one
    /// out of turn would replay what was already delivered).
    resuming: bool,
}

impl StreamManagement {
    /// A stanza we sent: kept until the server says it handled it.
    pub(super) fn sent(&mut self, frame: &str) {
        if self.unacked.len() == MAX_UNACKED {
            self.unacked.pop_front();
            self.acked = self.acked.wrapping_add(1);
        }
        self.unacked.push_back(frame.to_owned());
    }

    pub(super) fn awaits_acks(&self) -> bool {
        !self.unacked.is_empty()
    }

    /// The server handled everything up to `h`: forget those stanzas.
    fn acknowledge(&mut self, h: u32) {
        let newly = h.wrapping_sub(self.acked) as usize;
        if newly <= self.unacked.len() {
            self.unacked.drain(..newly);
            self.acked = h;
        }
    }

    /// What the server did not acknowledge, to send again, with one copy of each message (one
    /// retried before the drop is in there twice); and the origin-ids of those messages.
    fn take_replay(&mut self) -> (Vec<String>, Vec<String>) {
        let mut replayed: Vec<String> = Vec::new();
        let frames = self
            .unacked
            .drain(..)
            .filter(|frame| match origin_id_of_frame(frame) {
                Some(id) if replayed.contains(&id) => false,
                Some(id) => {
                    replayed.push(id);
                    true
                }
                None => true,
            })
            .collect();
        (frames, replayed)
    }
}

/// The XEP-0359 origin-id of a message frame we sent.
fn origin_id_of_frame(frame: &str) -> Option<String> {
    let stanza = frame.parse::<Element>().ok()?;
    origin_id_of(&stanza).map(str::to_owned)
}

impl Session {
    /// Whether a `restart` will try to resume the stream (XEP-0198) before joining anew.
    pub fn can_resume(&self) -> bool {
        self.sm.as_ref().is_some_and(|sm| sm.id.is_some())
    }

    /// `<resume/>` sent, its answer not in yet: the stream is neither the old one nor a new one.
    pub(super) fn resuming(&self) -> bool {
        self.sm.as_ref().is_some_and(|sm| sm.resuming)
    }

    /// Logged in again on a new socket: asks to resume the old stream if it can (returns whether
    /// it did).
    pub(super) fn try_resume(&mut self) -> bool {
        let Some(sm) = self.sm.as_mut() else {
            return false;
        };
        let Some(previd) = sm.id.clone() else {
            return false;
        };
        sm.resuming = true;
        let h = sm.inbound;
        self.send_element(sm::resume(h, &previd));
        self.set_state(SessionState::Binding);
        true
    }

    /// A fresh stream: counting starts anew, if the server `offered` it and the login can resume.
    pub(super) fn enable_stream_management(&mut self, offered: bool) {
        if offered && matches!(self.config.credentials, Credentials::Plain { .. }) {
            self.send_element(sm::enable());
            self.sm = Some(StreamManagement::default());
        }
    }

    pub(super) fn handle_stream_management(&mut self, element: Sm) {
        let Some(sm_state) = self.sm.as_mut() else {
            return;
        };
        match element {
            Sm::Enabled { resume_id } => sm_state.id = resume_id,
            Sm::Request => {
                let h = sm_state.inbound;
                self.send_element(sm::ack(h));
            }
            Sm::Ack { h } => sm_state.acknowledge(h),
            Sm::Resumed { h } if sm_state.resuming => {
                sm_state.resuming = false;
                sm_state.acknowledge(h);
                self.resumed();
            }
            Sm::Failed => {
                // Too late to resume: a fresh session and a fresh join.
                self.sm = None;
                self.bind();
                self.client_state_fresh_stream();
            }
            Sm::Resumed { .. } | Sm::Other => {}
        }
    }

    /// Still in the room: the server kept our session while we were away.
    fn resumed(&mut self) {
        let Some(sm_state) = self.sm.as_mut() else {
            return;
        };
        let (replay, replayed) = sm_state.take_replay();
        for frame in replay {
            sm_state.unacked.push_back(frame.clone());
            self.transmit.push_back(frame);
        }
        let joined = self.room.own_nick().is_some();
        // A join not answered yet is answered on this stream.
        let state = if joined {
            SessionState::Joined
        } else if self.join_resumed() {
            SessionState::Joining
        } else {
            SessionState::NotInRoom
        };
        self.set_state(state);
        self.send_element(sm::request());
        self.client_state_resumed();
        // What was typed while away goes out now, but not what was replayed above: one retried
        // while away also waits in the outbox.
        if joined {
            let queued = self.outbox.take_queued();
            for item in queued.iter().filter(|i| !replayed.contains(&i.origin_id)) {
                self.transmit_message(item);
            }
            if !queued.is_empty() {
                self.push_event(Event::OutboxChanged);
            }
        }
    }

    /// One more stanza from the server handled (counted only once resumption is on).
    pub(super) fn count_inbound(&mut self) {
        if let Some(sm) = self.sm.as_mut().filter(|sm| sm.id.is_some()) {
            sm.inbound = sm.inbound.wrapping_add(1);
        }
    }
}
