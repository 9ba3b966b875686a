//! The recorded Prosody sessions (`tests/fixtures/*.xmpp`) and the configurations and seeds that
//! make them replay, as the core's replay tests do.

use livechat_core::{Config, Credentials, Event, Session, SessionState};

pub const VIEWER_SESSION: &str = include_str!("../../../../tests/fixtures/viewer-session.xmpp");
pub const MODERATOR_SESSION: &str = include_str!("../../../../tests/fixtures/moderator-session.xmpp");

/// The replay clock starts here, as in the core's replay tests (`tests/common/recorded.rs`) (2030: later than any recording).
pub const T0: u64 = 1_900_000_000_000;

/// The frames the server sent in a recording (`<< ` lines), in order.
pub fn received(fixture: &str) -> impl Iterator<Item = &str> {
    fixture
        .lines()
        .filter_map(|line| line.strip_prefix("<< "))
        .filter(|f| !f.is_empty())
}

/// Every received frame of both recordings: viewer first, then moderator.
pub fn recorded_frames() -> &'static [&'static str] {
    static FRAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    FRAMES.get_or_init(|| received(VIEWER_SESSION).chain(received(MODERATOR_SESSION)).collect())
}

/// `viewer()` of the core's replay tests (`tests/common/recorded.rs`): anonymous, `live@room.localhost`, history 2, seed 42.
pub fn viewer_config() -> Config {
    let mut config = Config::anonymous("anon.localhost", "live@room.localhost".parse().unwrap());
    config.history = 2;
    config
}
pub const VIEWER_SEED: u64 = 42;

/// `moderator()` of the core's replay tests: alice (PLAIN, so stream management is on), nickname Alice, seed 1.
pub fn moderator_config() -> Config {
    let mut config = Config::new(
        Credentials::Plain {
            jid: "alice@localhost".parse().unwrap(),
            password: "alicepass".into(),
        },
        "live@room.localhost".parse().unwrap(),
    );
    config.nickname = Some("Alice".into());
    config
}
pub const MODERATOR_SEED: u64 = 1;

/// A viewer replayed up to the room subject, as `joined_viewer()` in the core's replay tests: `Joined`,
/// with the history and the subject shown. Outputs are drained.
pub fn joined_viewer() -> Session {
    let mut session = Session::new(viewer_config(), VIEWER_SEED);
    session.start(T0);
    for frame in received(VIEWER_SESSION) {
        session.handle_frame(frame, T0);
        if session.room().subject().is_some() {
            break;
        }
    }
    drain(&mut session);
    assert_eq!(session.state(), SessionState::Joined, "the recording no longer replays to Joined");
    session
}

/// Frames to send, then events, as the callers drain them.
pub fn drain(session: &mut Session) -> (Vec<String>, Vec<Event>) {
    let sent = std::iter::from_fn(|| session.poll_transmit()).collect();
    let events = std::iter::from_fn(|| session.poll_event()).collect();
    (sent, events)
}
