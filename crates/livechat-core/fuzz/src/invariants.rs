//! The invariants checked after every step, and the known failures a long run may allow.

use std::collections::HashSet;

use livechat_core::mention::MAX_MENTIONS;
use livechat_core::poll::MAX_CHOICES;
use livechat_core::text::{display_text, MAX_BODY_BYTES, MAX_LINE_BYTES};
use livechat_core::{Event, MessageKind, Session, SessionState};
use xmpp_parsers::minidom::Element;

use crate::frames::Sent;
use crate::recorded::drain;

/// Invariants that are known to fail and can be turned into a note on stderr instead of a crash,
/// so that a long run keeps looking for other problems: `LIVECHAT_FUZZ_ALLOW=dup-send,closed-joined`.
/// Names: `dup-send`, `closed-joined`, `busy-timer`, `zero-interval`, `xml-out`, `control-chars`
/// (the last one also drops the characters XML cannot carry from the UI's strings).
pub fn allowed(name: &str) -> bool {
    static ALLOW: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ALLOW
        .get_or_init(|| {
            std::env::var("LIVECHAT_FUZZ_ALLOW")
                .map(|v| v.split(',').map(|s| s.trim().to_owned()).collect())
                .unwrap_or_default()
        })
        .iter()
        .any(|a| a == name)
}

macro_rules! invariant {
    ($name:expr, $cond:expr, $($fmt:tt)+) => {
        if !$cond {
            if $crate::allowed($name) {
                // Known and allowed: keep going.
            } else {
                panic!("invariant `{}` violated: {}", $name, format!($($fmt)+));
            }
        }
    };
}

/// What the checker remembers between steps.
pub struct Checker {
    /// The session went `Closed` and was not started again since.
    closed: bool,
    /// The state the events said last.
    state: SessionState,
    /// Origin-ids sent since the last join presence (or restart): a second copy within one join
    /// posts the message twice in the room.
    sent_origin_ids: HashSet<String>,
    last_key: u64,
    /// What the session sent, for the answers of the server model.
    pub sent: Sent,
}

impl Checker {
    pub fn new(session: &Session) -> Self {
        Checker {
            closed: session.state() == SessionState::Closed,
            state: session.state(),
            sent_origin_ids: HashSet::new(),
            last_key: 0,
            sent: Sent::default(),
        }
    }

    /// Called before a `restart`/`start`: leaving `Closed` is allowed from here.
    pub fn restarting(&mut self) {
        self.closed = false;
        self.sent_origin_ids.clear();
    }

    /// Called before a `retry`: that origin-id may go out again.
    pub fn retrying(&mut self, origin_id: &str) {
        self.sent_origin_ids.remove(origin_id);
    }

    /// Drains the session and checks every invariant. `timer_fired_at` is the `now` given to
    /// `handle_timeout` in this step, if it was called.
    pub fn check(&mut self, session: &mut Session, timer_fired_at: Option<u64>) -> (Vec<String>, Vec<Event>) {
        let (sent, events) = drain(session);

        // Every frame sent parses back as XML (the server would end the stream otherwise).
        for frame in &sent {
            let element = frame.parse::<Element>();
            invariant!("xml-out", element.is_ok(), "sent a frame that is not XML: {frame:?}: {:?}", element.err());
            let Ok(element) = element else { continue };
            self.sent.observe(&element);
            if element.name() == "presence"
                && element.children().any(|c| c.is("x", "http://jabber.org/protocol/muc"))
            {
                // A join: the room forgets what we sent before.
                self.sent_origin_ids.clear();
            }
            if element.name() == "message" {
                for origin in element.children().filter(|c| c.is("origin-id", "urn:xmpp:sid:0")) {
                    if let Some(id) = origin.attr("id") {
                        invariant!(
                            "dup-send",
                            self.sent_origin_ids.insert(id.to_owned()),
                            "origin-id {id} sent twice within one join: {frame}"
                        );
                    }
                }
            }
        }

        // State changes: the events tell them in order, and `state()` agrees with the last one.
        for event in &events {
            if let Event::State(s) = event {
                invariant!(
                    "closed-joined",
                    !(self.closed && *s == SessionState::Joined),
                    "Closed -> Joined without start/restart (events {events:?})"
                );
                if *s == SessionState::Closed {
                    self.closed = true;
                }
                self.state = *s;
            }
        }
        assert_eq!(session.state(), self.state, "state() disagrees with the State events {events:?}");
        invariant!(
            "closed-joined",
            !(self.closed && session.state() == SessionState::Joined),
            "Joined after Closed without start/restart"
        );

        // The message log stays within its capacity; keys only grow; bodies stay bounded.
        let log = session.room().log();
        let capacity = session.config().log_capacity.max(1);
        assert_eq!(log.capacity(), capacity);
        assert!(log.len() <= capacity, "log holds {} entries, capacity {capacity}", log.len());
        let mut previous = 0;
        for entry in log.iter() {
            assert!(entry.key() > previous, "log keys out of order");
            previous = entry.key();
        }
        assert!(previous == 0 || previous >= self.last_key, "a log key went backwards");
        self.last_key = self.last_key.max(previous);
        for m in log.messages() {
            assert!(
                m.body.len() <= livechat_core::text::MAX_BODY_BYTES + '…'.len_utf8(),
                "a body of {} bytes was kept",
                m.body.len()
            );
            let chars = m.body.chars().count() as u32;
            assert!(m.mentions.len() <= MAX_MENTIONS, "{} mentions kept", m.mentions.len());
            assert!(m.mentions.iter().all(|r| r.begin < r.end && r.end <= chars), "a mention outside its body: {m:?}");
            if matches!(m.kind, MessageKind::Announcement(_) | MessageKind::Poll(_)) {
                room_text(&m.body, MAX_BODY_BYTES);
            }
        }
        check_room_texts(session);

        // Counting: every occupant is either named or automatic, and the anonymous count is never
        // more than the automatic occupants we see plus those the room counted beyond them.
        let room = session.room();
        let automatic = room.occupants().filter(|o| room.is_automatic_nick(&o.nick)).count();
        let named = room.named_occupants().len();
        assert_eq!(named + automatic, room.occupant_count(), "named + automatic != occupants");
        let anonymous = room.anonymous_count();
        assert!(anonymous >= automatic, "anonymous_count {anonymous} < automatic occupants {automatic}");
        let info = room.info().occupants.unwrap_or(0) as usize;
        assert!(
            anonymous <= automatic + info,
            "anonymous_count {anonymous} > automatic {automatic} + info {info}"
        );
        if session.state() == SessionState::Joined {
            assert!(room.own_nick().is_some(), "Joined without an own nickname");
        }

        // The next deadline: computing it never panics, and once the timer fired at `now` the
        // session never asks to be woken at or before `now` again (a caller would spin).
        let deadline = session.poll_timeout();
        if let (Some(now), Some(deadline)) = (timer_fired_at, deadline) {
            // A zero room-info interval is a configuration that asks for it: told apart so that
            // it can be allowed on its own.
            let name = if session.config().room_info_interval_ms == Some(0) { "zero-interval" } else { "busy-timer" };
            invariant!(name, deadline > now, "handle_timeout({now}) left poll_timeout() at {deadline}");
        }

        (sent, events)
    }
}

/// What the room shows as its own (the subject, the terms, the poll) is bounded and has nothing
/// left that could hide text or turn it around.
fn check_room_texts(session: &Session) {
    let room = session.room();
    if let Some(subject) = room.subject() {
        room_text(subject, MAX_BODY_BYTES);
    }
    for terms in [&room.terms().global, &room.terms().room].into_iter().flatten() {
        room_text(&terms.text, MAX_BODY_BYTES);
    }
    if let Some(poll) = room.poll() {
        assert!(poll.choices.len() <= MAX_CHOICES, "a poll of {} choices", poll.choices.len());
        room_text(&poll.question, MAX_LINE_BYTES);
        for choice in &poll.choices {
            room_text(&choice.label, MAX_LINE_BYTES);
        }
    }
}

fn room_text(text: &str, max_bytes: usize) {
    assert!(text.len() <= max_bytes + '…'.len_utf8(), "a room text of {} bytes", text.len());
    assert_eq!(display_text(text), text, "a room text still hides or turns text");
}
