//! Waiting for the room's answer to a join. The room answers with our own presence (status 110)
//! or an error presence; a join can still go unanswered (an ejabberd cluster now and then drops the
//! answer to a join that reaches the room's node before the new session does). When nothing has
//! come [`ANSWER_WAIT_MS`] after the join presence, the session asks the room with an XEP-0410
//! self-ping, which the room handles after the join: whatever it answers (an occupant or not), its
//! answer to the join is not coming, and the same join presence goes out again. A room that does
//! not answer the ping either is only slow (a server busy with a storm of joins: at 450 viewers
//! Prosody answers the last joins after a minute), and a second join would add to its work; it is
//! waited for, up to [`MAX_BUSY_WAITS`] deadlines. After [`MAX_WAITS`] joins the room answered
//! the ping about but not the join itself, or once that bound is reached, the viewer is told;
//! an answer that comes after that still joins. (Telling a viewer of a busy room to reload the
//! page would add a join to the storm.)
//!
//! What the viewer types meanwhile waits in the outbox: the room's answer starts the wait for its
//! history, after which it goes out; a join that fails (refused, or given up on) reports it not
//! delivered.

use super::timers::Timer;
use super::{Pending, Session, SessionState};
use crate::error::SessionError;
use crate::event::Event;
use crate::stanza::iq;
use crate::xml::Element;

/// Well past a join's answer from a server that keeps up (ejabberd answered a storm of 450 joins
/// within 7 s at p99), short enough that a viewer still reads "Joining…" as normal.
const ANSWER_WAIT_MS: u64 = 20_000;

/// Deadlines without an answer from a room that answers pings before the viewer is told: at most
/// three join presences, a minute.
const MAX_WAITS: u32 = 3;

/// Deadlines without an answer from a room too busy to answer a ping, before the viewer is told:
/// five minutes.
const MAX_BUSY_WAITS: u32 = 15;

/// Where the answer to our join stands.
#[derive(Debug, Default)]
pub(super) enum JoinAnswer {
    /// No join is out, or the room answered it.
    #[default]
    None,
    /// A join presence is out and the room has not answered it.
    Awaited {
        /// The presence, to send again as it was: the same nickname, the same history.
        presence: Element,
        /// Deadlines passed without an answer, the room answering our self-pings.
        waits: u32,
        /// Deadlines passed while the room had not answered our self-ping either.
        busy: u32,
        /// The id of our self-ping about it, while the room has not answered that either.
        probe: Option<String>,
    },
    /// The viewer was told the room did not answer; an answer that comes after all still joins.
    GivenUp,
}

impl Session {
    /// A new join presence went out: its answer is awaited from now.
    pub(super) fn join_sent(&mut self, presence: Element) {
        self.join_answered();
        self.join_answer = JoinAnswer::Awaited {
            presence,
            waits: 0,
            busy: 0,
            probe: None,
        };
        self.await_join_answer();
    }

    /// The room answered the join (our presence, or an error), or we are leaving: nothing to wait
    /// for any more.
    pub(super) fn join_answered(&mut self) {
        if let JoinAnswer::Awaited {
            probe: Some(id), ..
        } = &self.join_answer
        {
            self.pending.remove(id);
        }
        self.join_answer = JoinAnswer::None;
        self.timers.stop(Timer::JoinAnswer);
    }

    /// Whether the room may still answer a join of ours: while joining, and after the viewer was
    /// told it did not answer.
    pub(super) fn join_under_way(&self) -> bool {
        self.state == SessionState::Joining || matches!(self.join_answer, JoinAnswer::GivenUp)
    }

    /// Whether our own presence now answers a join, or tells of a change in the room.
    pub(super) fn awaits_own_presence(&self) -> bool {
        self.state == SessionState::Joined || self.join_under_way()
    }

    /// Our own presence came: the room has us, and replays its history now (late too, after the
    /// viewer was told otherwise). What was typed meanwhile goes out once that history is in.
    pub(super) fn joined_by_answer(&mut self) {
        self.join_answered();
        self.await_history();
    }

    /// Back on a resumed stream (XEP-0198) before the join was answered: the server delivers what
    /// it kept for us, or the room handles the join we replayed. Our self-ping, if one was out,
    /// was forgotten with the old stream. Returns whether a join is awaited.
    pub(super) fn join_resumed(&mut self) -> bool {
        let JoinAnswer::Awaited { probe, .. } = &mut self.join_answer else {
            return false;
        };
        *probe = None;
        self.await_join_answer();
        true
    }

    /// The deadline passed without an answer: ask the room (unless our question is still
    /// unanswered: the room is busy), or tell the viewer after the last deadline.
    pub(super) fn join_answer_late(&mut self) {
        let JoinAnswer::Awaited {
            waits, busy, probe, ..
        } = &mut self.join_answer
        else {
            return;
        };
        let room_busy = probe.is_some();
        let last = if room_busy {
            *busy += 1;
            *busy == MAX_BUSY_WAITS
        } else {
            *waits += 1;
            *waits == MAX_WAITS
        };
        if last {
            return self.join_given_up();
        }
        self.await_join_answer();
        if !room_busy {
            self.ask_room_about_join();
        }
    }

    /// Sends the room a self-ping about the join it has not answered.
    fn ask_room_about_join(&mut self) {
        let JoinAnswer::Awaited {
            presence, probe, ..
        } = &mut self.join_answer
        else {
            return;
        };
        let id = self.ids.make("join");
        *probe = Some(id.clone());
        let to = presence.attr("to").map(str::to_owned);
        self.pending.insert(id.clone(), Pending::JoinProbe);
        self.send_element(iq::iq("get", &id, to.as_deref(), Some(iq::ping())));
    }

    /// The room answered our self-ping about the join (a result or an error alike): it handled
    /// the join first, so its answer to the join was lost. The same join presence goes out again.
    pub(super) fn join_probe_answered(&mut self, id: &str) {
        let JoinAnswer::Awaited {
            presence, probe, ..
        } = &mut self.join_answer
        else {
            return;
        };
        if self.state != SessionState::Joining || probe.as_deref() != Some(id) {
            return;
        }
        *probe = None;
        let presence = presence.clone();
        self.send_element(presence);
        self.await_join_answer();
    }

    /// The join's answer is awaited from now.
    fn await_join_answer(&mut self) {
        self.timers
            .set(Timer::JoinAnswer, self.now_ms + ANSWER_WAIT_MS);
    }

    fn join_given_up(&mut self) {
        self.join_answered();
        self.join_answer = JoinAnswer::GivenUp;
        self.set_state(SessionState::NotInRoom);
        // RFC 6120's condition for a service that did not answer in time.
        self.queued_not_delivered("remote-server-timeout", None);
        self.push_event(Event::Error(SessionError::JoinUnanswered));
    }
}
