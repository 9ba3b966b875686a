//! What the `frame` target does with one input: one WebSocket frame from the server, as the
//! fuzzer made it, to a session already in the room (the viewer recording replayed to its
//! subject) and to a session that just opened its stream. The joined session then gets the
//! commands whose outcome rests on what frames set (a poll, the log, the occupants): a vote, a
//! correction, a retraction and a nickname completion. Invariants are checked after each call.

use livechat_core::Session;

use crate::{joined_viewer, viewer_config, Checker, T0, VIEWER_SEED};

/// Runs one input of the `frame` target (bytes that are not UTF-8 are no frame).
pub fn run_frame(data: &[u8]) {
    let Ok(frame) = std::str::from_utf8(data) else { return };

    let mut joined = joined_viewer();
    let mut checker = Checker::new(&joined);
    joined.handle_frame(frame, T0 + 1);
    checker.check(&mut joined, None);
    // The session still answers: a later frame and the keep-alive timer.
    joined.handle_frame(frame, T0 + 2);
    checker.check(&mut joined, None);
    if let Some(deadline) = joined.poll_timeout() {
        joined.handle_timeout(deadline);
        checker.check(&mut joined, Some(deadline));
    }
    after_the_frame(&mut joined);
    checker.check(&mut joined, None);

    let mut fresh = Session::new(viewer_config(), VIEWER_SEED);
    fresh.start(T0);
    let mut checker = Checker::new(&fresh);
    checker.check(&mut fresh, None);
    fresh.handle_frame(frame, T0 + 1);
    checker.check(&mut fresh, None);
}

/// The commands that read what the frame may have set.
fn after_the_frame(session: &mut Session) {
    let choices: Vec<u32> = session.room().poll().map(|p| p.choices.iter().map(|c| c.number).collect()).unwrap_or_default();
    for choice in choices.into_iter().chain([1]) {
        session.vote(choice);
    }
    let nicks: Vec<String> = session.room().occupants().map(|o| o.nick.clone()).collect();
    for nick in &nicks {
        let prefix: String = nick.chars().take(3).collect();
        session.room().complete_nick(&prefix);
    }
    let _ = session.last_own_body();
    session.correct_last("fixed");
    let last = session.room().log().messages().last().map(|m| m.key);
    if let Some(key) = last {
        session.retract_own(key);
    }
}
