//! What the user typed reaches the room once: across a stream resumption (XEP-0198) and across
//! a new session after a new login.

use livechat_core::SessionState;

mod common;
use common::recorded::{drain, frames, moderator, MODERATOR_SESSION, T0};

/// XEP-0198: a `<resumed/>` we did not ask for replays nothing, and after a real resumption a
/// message retried before the drop and again while away goes out once (the room would show
/// every copy).
#[test]
fn a_resumption_sends_each_message_once() {
    let mut session = moderator(false);
    for frame in frames(MODERATOR_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        if session.room().subject().is_some() {
            break;
        }
    }
    assert_eq!(session.state(), SessionState::Joined);
    drain(&mut session);
    let id = session.send_message("typed before the drop").unwrap();
    assert_eq!(drain(&mut session).0.len(), 1);
    // No echo came: the viewer sends it again (two copies now wait for an acknowledgement).
    session.retry(&id);
    assert_eq!(drain(&mut session).0.len(), 1);

    let resumed = "<resumed xmlns='urn:xmpp:sm:3' h='3' previd='4EXinxABeAa9'/>";
    session.handle_frame(resumed, T0);
    assert_eq!(drain(&mut session).0, Vec::<String>::new(), "out of turn");

    session.handle_closed();
    session.retry(&id);
    session.restart(T0 + 2_000);
    let mut asked = false;
    for frame in frames(MODERATOR_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0 + 2_000);
        if drain(&mut session)
            .0
            .iter()
            .any(|f| f.starts_with("<resume "))
        {
            asked = true;
            break;
        }
    }
    assert!(asked, "the session asks to resume");
    session.handle_frame(resumed, T0 + 2_000);
    let (sent, _) = drain(&mut session);
    let copies = sent.iter().filter(|f| f.contains(&id)).count();
    assert_eq!(copies, 1, "{sent:#?}");
    assert_eq!(session.state(), SessionState::Joined);
}
