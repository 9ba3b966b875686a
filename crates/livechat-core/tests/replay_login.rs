//! The session's life on recorded frames: the login and join as Prosody answered them, the
//! pipelined login, the history that the subject ends, and how a stream ends.

use livechat_core::event::Removal;
use livechat_core::{Event, SessionError, SessionState};

mod common;
use common::recorded::{drain, frames, joined_viewer, viewer, T0, VIEWER_SESSION};

#[test]
fn the_recorded_join_replays_to_the_same_room() {
    let session = joined_viewer();
    let room = session.room();
    assert!(room.is_automatic_nick(session.nick()));
    assert_eq!(room.subject(), Some("Live Q&A"));
    let history: Vec<_> = room
        .log()
        .messages()
        .map(|m| (m.nick.as_str(), m.body.as_str(), m.delayed))
        .collect();
    assert_eq!(
        history,
        [("Alice", "history 2", true), ("Alice", "history 3", true)]
    );
    // Sent-at comes from the <delay> stamp, not from the replay clock.
    assert!(room.log().messages().all(|m| m.sent_at_ms < T0 as i64));
    assert_eq!(room.anonymous_count(), 1);
    assert_eq!(room.named_occupants().len(), 1);
}

#[test]
fn the_whole_recorded_session_replays() {
    let mut session = viewer();
    let mut events = Vec::new();
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        events.extend(drain(&mut session).1);
    }
    // The viewer was kicked at the end.
    assert_eq!(session.state(), SessionState::NotInRoom);
    assert!(events.iter().any(|e| matches!(
        e,
        Event::Removed {
            removal: Removal::Kicked,
            ..
        }
    )));
    // Its own message was retracted by the moderator: a tombstone without the body.
    let own = session
        .room()
        .log()
        .messages()
        .find(|m| m.nick == "Camille")
        .expect("own message");
    assert!(own.body.is_empty() && own.retracted.is_some());
    assert!(
        !events.iter().any(|e| matches!(e, Event::Error(_))),
        "{events:?}"
    );
}

/// XEP-0305 pipelining: after `<success/>` a fresh session opens the new stream and binds in the
/// same turn, without waiting for the new stream's features, and binds only once when they come.
#[test]
fn login_binds_and_joins_without_waiting_for_the_server() {
    let mut session = viewer();
    let mut received = frames(VIEWER_SESSION).filter(|f| !f.sent).map(|f| f.text);
    // The first <open/> and features, then the server's <success/>.
    for frame in received.by_ref() {
        session.handle_frame(frame, T0);
        if frame.contains("<success") {
            break;
        }
    }
    let (sent, _) = drain(&mut session);
    let kinds: Vec<&str> = sent
        .iter()
        .map(|f| &f[..f.find(' ').unwrap_or(f.len())])
        .collect();
    assert_eq!(
        kinds[kinds.len() - 3..],
        ["<open", "<iq", "<presence"],
        "sent: {sent:?}"
    );
    assert!(sent[sent.len() - 2].contains("urn:ietf:params:xml:ns:xmpp-bind"));
    assert!(sent
        .last()
        .unwrap()
        .contains("http://jabber.org/protocol/muc"));
    assert_eq!(session.state(), SessionState::Joining);
    // The new stream's <open/> and features, then the bind result: nothing more to send (no
    // second bind, no second join).
    for frame in received.by_ref() {
        session.handle_frame(frame, T0);
        if frame.contains("<iq") && frame.contains("xmpp-bind") {
            break;
        }
    }
    let (sent, _) = drain(&mut session);
    assert!(sent.is_empty(), "bound or joined twice: {sent:?}");
    assert_eq!(session.state(), SessionState::Joining);
    // The room's answer joins.
    let joined = received.any(|frame| {
        session.handle_frame(frame, T0);
        session.state() == SessionState::Joined
    });
    assert!(joined, "never joined: {:?}", session.state());
}

#[test]
fn the_history_ends_with_the_subject_or_after_a_wait() {
    // As recorded: the subject ends the history.
    let mut session = viewer();
    let mut replaying_seen = false;
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        replaying_seen |= session.replaying_history();
        if session.room().subject().is_some() {
            break;
        }
    }
    assert!(replaying_seen, "the history was being replayed");
    assert!(!session.replaying_history(), "the subject ends it");

    // A room that sends no subject: what came is the history, after a few seconds.
    let mut session = viewer();
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        if frame.text.contains("<subject") {
            break;
        }
        session.handle_frame(frame.text, T0);
    }
    assert_eq!(session.state(), SessionState::Joined);
    assert!(session.replaying_history());
    drain(&mut session);
    let due = session.poll_timeout().unwrap();
    assert!(due <= T0 + 5_000, "the wait is bounded: {} ms", due - T0);
    session.handle_timeout(due);
    assert!(!session.replaying_history());
    assert!(drain(&mut session).1.contains(&Event::LogChanged));
}

#[test]
fn a_stream_error_is_typed_and_ends_the_session() {
    let mut session = joined_viewer();
    drain(&mut session);
    session.handle_frame(
        "<stream:error xmlns:stream='http://etherx.jabber.org/streams'>\
         <system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>\
         <text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Server is shutting down</text></stream:error>",
        T0,
    );
    let (_, events) = drain(&mut session);
    let error = events.iter().find_map(|e| match e {
        Event::Error(e) => Some(e.clone()),
        _ => None,
    });
    let error = error.expect("a stream error event");
    assert_eq!(
        error,
        SessionError::Stream {
            condition: "system-shutdown".into(),
            text: Some("Server is shutting down".into())
        }
    );
    assert!(
        error.is_transient(),
        "a shutdown is worth reconnecting after"
    );
    assert_eq!(session.state(), SessionState::Closed);
}

#[test]
fn a_closed_session_ignores_late_frames() {
    let mut session = joined_viewer();
    let own_presence = frames(VIEWER_SESSION)
        .find(|f| !f.sent && f.text.contains("<status code='110'/>"))
        .unwrap()
        .text;
    session.handle_closed();
    drain(&mut session);
    session.handle_frame(own_presence, T0);
    assert_eq!(session.state(), SessionState::Closed);
    assert_eq!(drain(&mut session), (vec![], vec![]));
}
