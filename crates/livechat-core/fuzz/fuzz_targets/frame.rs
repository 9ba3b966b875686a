//! One WebSocket frame from the server, as the fuzzer made it, to a session already in the room
//! (the viewer recording replayed to its subject) and to a session that just opened its stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use livechat_core::Session;
use livechat_core_fuzz::{joined_viewer, viewer_config, Checker, T0, VIEWER_SEED};

fuzz_target!(|data: &[u8]| {
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

    let mut fresh = Session::new(viewer_config(), VIEWER_SEED);
    fresh.start(T0);
    let mut checker = Checker::new(&fresh);
    checker.check(&mut fresh, None);
    fresh.handle_frame(frame, T0 + 1);
    checker.check(&mut fresh, None);
});
