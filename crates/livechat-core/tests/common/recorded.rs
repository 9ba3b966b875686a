//! The recorded sessions (`tests/fixtures/*.xmpp`, written by `live_prosody.rs` with
//! `LIVECHAT_RECORD_FIXTURES=1`) replayed into a `Session`: shared by the replay tests and the
//! memory test. The same seed and configuration give the same ids, so the recorded answers route
//! as they did live.

use livechat_core::{Config, Credentials, Event, Session, SessionState};

pub const VIEWER_SESSION: &str = include_str!("../../../../tests/fixtures/viewer-session.xmpp");
pub const MODERATOR_SESSION: &str =
    include_str!("../../../../tests/fixtures/moderator-session.xmpp");
pub const T0: u64 = 1_900_000_000_000; // 2030: later than any recording

pub struct Frame<'a> {
    pub sent: bool,
    pub text: &'a str,
}

pub fn frames(fixture: &str) -> impl Iterator<Item = Frame<'_>> {
    fixture.lines().filter(|l| !l.is_empty()).map(|line| {
        let (dir, text) = line.split_at(3);
        Frame {
            sent: dir == ">> ",
            text,
        }
    })
}

pub fn viewer() -> Session {
    let mut config = Config::anonymous("anon.localhost", "live@room.localhost".parse().unwrap());
    config.history = 2;
    let mut session = Session::new(config, 42);
    session.start(T0);
    session
}

pub fn drain(session: &mut Session) -> (Vec<String>, Vec<Event>) {
    let sent = std::iter::from_fn(|| session.poll_transmit()).collect();
    let events = std::iter::from_fn(|| session.poll_event()).collect();
    (sent, events)
}

/// Replays the recorded session up to and including the frame that made it `Joined` and the
/// history and subject that follow, checking that it sent exactly what was recorded on the way.
pub fn joined_viewer() -> Session {
    let mut session = viewer();
    let mut expected_sent = Vec::new();
    let mut sent = Vec::new();
    for frame in frames(VIEWER_SESSION) {
        if frame.sent {
            expected_sent.push(frame.text.to_owned());
            continue;
        }
        sent.extend(drain(&mut session).0);
        session.handle_frame(frame.text, T0);
        if session.room().subject().is_some() {
            break;
        }
    }
    sent.extend(drain(&mut session).0);
    assert_eq!(sent, expected_sent[..sent.len()], "same seed, same frames");
    assert_eq!(session.state(), SessionState::Joined);
    session
}

/// Alice, the recorded moderator (PLAIN, so stream management is on), started.
pub fn moderator(show_presence_lines: bool) -> Session {
    let mut config = Config::new(
        Credentials::Plain {
            jid: "alice@localhost".parse().unwrap(),
            password: "alicepass".into(),
        },
        "live@room.localhost".parse().unwrap(),
    );
    config.nickname = Some("Alice".into());
    config.show_presence_lines = show_presence_lines;
    let mut session = Session::new(config, 1);
    session.start(T0);
    session
}

/// Alice, replayed until she is in the room she owns and its history is in.
pub fn joined_moderator() -> Session {
    let mut session = moderator(false);
    for frame in frames(MODERATOR_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        if session.room().subject().is_some() {
            break;
        }
    }
    assert_eq!(session.state(), SessionState::Joined);
    session
}

/// Alice, her connection lost: starts a new stream at `now` and replays her login until she asks
/// to resume the old one (XEP-0198).
pub fn restart_until_resume(session: &mut Session, now: u64) {
    session.restart(now);
    for frame in frames(MODERATOR_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, now);
        if drain(session).0.iter().any(|f| f.starts_with("<resume ")) {
            return;
        }
    }
    panic!("the session did not ask to resume");
}

/// Every frame the server sent in `fixture`, handled in turn; the events on the way.
pub fn replay_received(session: &mut Session, fixture: &str) -> Vec<Event> {
    let mut events = Vec::new();
    for frame in frames(fixture).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        events.extend(drain(session).1);
    }
    events
}
