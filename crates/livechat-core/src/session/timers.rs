//! One table of the session's deadlines, in the caller's milliseconds. Whatever schedules
//! something sets its entry from the `now` it was given; `poll_timeout` reads the earliest, and
//! `handle_timeout` acts on those that are due, in the order of [`Timer::ALL`].

use super::SessionState;

/// What a deadline is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Timer {
    /// An unanswered ping: when it comes, the link is taken for dead.
    PingTimeout,
    /// Keep-alive: the link has been quiet this long, so ping. Not armed while a ping is out.
    KeepAlive,
    /// The room let us in, and the history it replays since has not ended with its subject: take
    /// what came as all of it.
    HistoryWait,
    /// The room has not answered our join: ask it whether it has the join (`join_answer`).
    JoinAnswer,
    /// Ask the room for its info (occupant count, slow mode) again.
    RoomInfo,
}

impl Timer {
    /// Every timer, in the order `handle_timeout` acts on them: a dead link first, since it ends
    /// the session and nothing else is then due.
    pub(super) const ALL: [Timer; 5] = [
        Timer::PingTimeout,
        Timer::KeepAlive,
        Timer::HistoryWait,
        Timer::JoinAnswer,
        Timer::RoomInfo,
    ];

    /// Whether the deadline counts in `state`. It outlives the states where it does not: the
    /// room-info poll waits across a resumption and counts again once back in the room.
    pub(super) fn counts_in(self, state: SessionState) -> bool {
        match self {
            Timer::PingTimeout | Timer::KeepAlive => {
                !matches!(state, SessionState::Idle | SessionState::Closed)
            }
            // Armed by the room's answer to our join: nothing typed goes out before it.
            Timer::HistoryWait => state == SessionState::Joined,
            // Not while a lost stream is being replaced: a resumed one waits again from then.
            Timer::JoinAnswer => state == SessionState::Joining,
            Timer::RoomInfo => state == SessionState::Joined,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug, Default)]
pub(super) struct TimerTable {
    deadlines: [Option<u64>; Timer::ALL.len()],
}

impl TimerTable {
    pub(super) fn set(&mut self, timer: Timer, at_ms: u64) {
        self.deadlines[timer.index()] = Some(at_ms);
    }

    /// Arms `timer` at `at_ms` unless it is already due sooner.
    pub(super) fn set_earlier(&mut self, timer: Timer, at_ms: u64) {
        let at_ms = self.get(timer).map_or(at_ms, |at| at.min(at_ms));
        self.set(timer, at_ms);
    }

    pub(super) fn stop(&mut self, timer: Timer) {
        self.deadlines[timer.index()] = None;
    }

    pub(super) fn get(&self, timer: Timer) -> Option<u64> {
        self.deadlines[timer.index()]
    }

    pub(super) fn is_set(&self, timer: Timer) -> bool {
        self.get(timer).is_some()
    }

    pub(super) fn is_due(&self, timer: Timer, now_ms: u64) -> bool {
        self.get(timer).is_some_and(|at| now_ms >= at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_one_deadline_per_timer() {
        let mut timers = TimerTable::default();
        assert!(!timers.is_set(Timer::RoomInfo));
        timers.set(Timer::RoomInfo, 50);
        timers.set_earlier(Timer::RoomInfo, 80);
        assert_eq!(timers.get(Timer::RoomInfo), Some(50));
        timers.set_earlier(Timer::RoomInfo, 20);
        assert_eq!(timers.get(Timer::RoomInfo), Some(20));
        timers.set(Timer::KeepAlive, 100);
        assert!(timers.is_due(Timer::RoomInfo, 20) && !timers.is_due(Timer::KeepAlive, 99));
        timers.stop(Timer::RoomInfo);
        assert_eq!(timers.get(Timer::RoomInfo), None);
        assert_eq!(timers.get(Timer::KeepAlive), Some(100));
    }

    #[test]
    fn every_timer_has_its_own_entry() {
        for (n, timer) in Timer::ALL.into_iter().enumerate() {
            assert_eq!(timer.index(), n);
        }
    }
}
