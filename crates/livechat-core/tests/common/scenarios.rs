//! Journeys that must end the same way on every server. Each takes the server's WebSocket address
//! and the registered accounts to use (each in a room of its own); what a server may do its own
//! way is returned for the caller to check.

use std::collections::HashMap;
use std::time::Duration;

use livechat_core::{Config, Event, OutgoingState, SessionState};
use livechat_native::{now_ms, Direction, NativeClient};
use xmpp_parsers::minidom::Element;

use super::{
    bodies, close_cleanly, joined, joined_with_history, origin_id_of, times_sent, wait_for_body,
    WAIT,
};

/// What the server did with the message a viewer sent just before its socket died.
#[derive(Debug, PartialEq, Eq)]
pub enum InFlight {
    /// It had read it: the room got it before the viewer left.
    Delivered,
    /// It was lost with the socket: the viewer's outbox sent it again after reconnecting.
    SentAgain,
}

/// An anonymous viewer who chose a nickname loses its socket with one message in flight, types
/// another while offline, and reconnects: it keeps its nickname, and every message reaches the
/// room and both logs exactly once, in the room's order. `moderator` is the account that posts
/// before and while the viewer is away.
pub fn lost_connection(ws_url: &str, moderator: Config) -> InFlight {
    let room = moderator.room.clone();
    let mut alice = NativeClient::connect_recording(ws_url, moderator, 11).unwrap();
    joined_with_history(&mut alice);
    alice.command(|s| s.send_message("before")).unwrap();

    let mut viewer =
        NativeClient::connect_recording(ws_url, Config::anonymous("anon.localhost", room), 12)
            .unwrap();
    wait_for_body(&mut viewer, "before");
    viewer
        .command(|s| s.change_nick("Camille", now_ms()))
        .unwrap()
        .unwrap();
    viewer
        .run_until("renamed", WAIT, |s, _| s.nick() == "Camille")
        .unwrap();
    alice
        .run_until("sees Camille", WAIT, |s, _| {
            s.room().occupant("Camille").is_some()
        })
        .unwrap();

    // Sent, then the link dies before the echo comes back; then typed while offline.
    let in_flight = viewer
        .command(|s| s.send_message("in flight"))
        .unwrap()
        .unwrap();
    viewer.drop_connection();
    assert_eq!(viewer.session().state(), SessionState::Closed);
    let queued = viewer
        .command(|s| s.send_message("typed offline"))
        .unwrap()
        .unwrap();
    assert_eq!(viewer.session().outbox().len(), 2);
    assert!(viewer
        .session()
        .outbox()
        .iter()
        .any(|o| o.origin_id == queued && o.state == OutgoingState::Queued));

    // An anonymous login has no stream management: the server ends the session as soon as the
    // socket closes, and the seat is free at once. (Up to 15 s on ejabberd when the drop races
    // with one of its writes: see `resume`.)
    alice
        .run_until("Camille leaves", Duration::from_secs(20), |s, _| {
            s.room().occupant("Camille").is_none()
        })
        .unwrap();
    let outcome = if bodies(&alice).iter().any(|b| b == "in flight") {
        InFlight::Delivered
    } else {
        InFlight::SentAgain
    };
    alice
        .command(|s| s.send_message("while you were away"))
        .unwrap();
    alice
        .run_until("echo", WAIT, |s, _| s.outbox().is_empty())
        .unwrap();

    viewer.reconnect(ws_url).unwrap();
    joined(&mut viewer);
    assert_eq!(
        viewer.session().nick(),
        "Camille",
        "the nickname survives, no conflict with the old seat"
    );
    viewer
        .run_until("outbox empty", WAIT, |s, _| {
            s.outbox().is_empty() && s.room().log().messages().any(|m| m.body == "typed offline")
        })
        .unwrap();
    wait_for_body(&mut alice, "typed offline");
    alice.run_for(Duration::from_millis(300)).unwrap();
    viewer.run_for(Duration::from_millis(300)).unwrap();

    let expected = match outcome {
        InFlight::Delivered => [
            "before",
            "in flight",
            "while you were away",
            "typed offline",
        ],
        InFlight::SentAgain => [
            "before",
            "while you were away",
            "in flight",
            "typed offline",
        ],
    };
    assert_eq!(
        bodies(&viewer),
        expected,
        "every message exactly once for the viewer"
    );
    assert_eq!(
        bodies(&alice),
        expected,
        "every message exactly once for the others"
    );
    // Nothing went into the room twice: Alice received each origin-id once, live.
    let live = live_messages(&alice);
    assert!(live.values().all(|n| *n == 1), "{live:?}");
    assert_eq!(live.len(), 4);
    assert_eq!(times_sent(&viewer, &queued), 1);
    let in_flight_sent = match outcome {
        InFlight::Delivered => 1,
        InFlight::SentAgain => 2,
    };
    assert_eq!(times_sent(&viewer, &in_flight), in_flight_sent);
    close_cleanly(viewer, "viewer");
    close_cleanly(alice, "moderator");
    outcome
}

/// Bob, a registered user, loses his socket and comes back within the server's resumption window:
/// the stream resumes (XEP-0198) instead of joining again, what he typed while away goes out once,
/// and Alice sees him neither leave nor join.
pub fn resume(ws_url: &str, alice: Config, bob: Config) {
    let mut alice = NativeClient::connect_recording(ws_url, alice, 21).unwrap();
    joined_with_history(&mut alice);
    let mut bob = NativeClient::connect_recording(ws_url, bob, 22).unwrap();
    joined_with_history(&mut bob);
    bob.run_until("resumable", WAIT, |s, _| s.can_resume())
        .unwrap();
    // Let the stream settle first. ejabberd 23.01 has a race here: if the socket dies while the
    // server is writing to it (its `<r/>` after each stanza, say), the old session's WebSocket
    // process waits forever for the dead socket loop, the session's next send times out after
    // 15 s, and only then is the resumption answered (about 1 drop in 15 in a tight loop).
    bob.run_for(Duration::from_millis(300)).unwrap();
    bob.drop_connection();
    let typed = bob
        .command(|s| s.send_message("typed while away"))
        .unwrap()
        .unwrap();
    alice.command(|s| s.send_message("missed by bob")).unwrap();
    alice
        .run_until("echo", WAIT, |s, _| s.outbox().is_empty())
        .unwrap();
    bob.reconnect(ws_url).unwrap();
    joined(&mut bob);
    bob.run_until("caught up", WAIT, |s, _| {
        s.outbox().is_empty() && s.room().log().messages().any(|m| m.body == "missed by bob")
    })
    .unwrap();
    wait_for_body(&mut alice, "typed while away");
    alice.run_for(Duration::from_millis(300)).unwrap();

    // After the drop, no second join presence went out.
    let joins = bob
        .recorded()
        .iter()
        .filter(|(d, f)| *d == Direction::Sent && f.contains("http://jabber.org/protocol/muc'"))
        .count();
    assert_eq!(joins, 1, "one join for the whole life of the session");
    assert!(bob
        .recorded()
        .iter()
        .any(|(d, f)| *d == Direction::Received && f.contains("<resumed")));
    assert!(!alice.events().iter().any(|e| matches!(e, Event::Error(_))));
    assert_eq!(alice.session().room().occupant_count(), 2);
    assert_eq!(bodies(&alice), ["missed by bob", "typed while away"]);
    assert_eq!(bodies(&bob), ["missed by bob", "typed while away"]);
    assert_eq!(times_sent(&bob, &typed), 1);
    close_cleanly(bob, "bob");
    close_cleanly(alice, "alice");
}

/// A message typed between our own join presence and the end of the history goes out once.
///
/// It used to be sent, then sent again when the subject arrived: `Session::history_done`
/// re-sends every `Sent` item of the outbox, including those that went out on this very join.
/// The logs hid it (duplicates are dropped by origin-id), but the room, its archive and every
/// other client got it twice. The same goes after a stream resumption when the room replays the
/// subject.
pub fn typed_during_history(ws_url: &str, alice: Config, bob: Config) {
    let mut alice = NativeClient::connect_recording(ws_url, alice, 31).unwrap();
    joined_with_history(&mut alice);
    alice.command(|s| s.set_subject("Once")).unwrap();
    for n in 0..20 {
        alice
            .command(|s| s.send_message(&format!("history {n}")))
            .unwrap();
    }
    alice
        .run_until("echoes", WAIT, |s, _| s.outbox().is_empty())
        .unwrap();

    let mut bob = NativeClient::connect_recording(ws_url, bob, 32).unwrap();
    joined(&mut bob);
    // Our own presence is in, the history (20 messages) and the subject are still on their way.
    let typed = bob
        .command(|s| s.send_message("right after joining"))
        .unwrap()
        .unwrap();
    joined_with_history(&mut bob);
    bob.run_until("echo", WAIT, |s, _| s.outbox().is_empty())
        .unwrap();
    wait_for_body(&mut alice, "right after joining");
    alice.run_for(Duration::from_millis(300)).unwrap();
    assert_eq!(times_sent(&bob, &typed), 1, "sent once");
    assert_eq!(
        live_messages(&alice).get(&typed),
        Some(&1),
        "the room broadcast it once"
    );
    close_cleanly(bob, "bob");
    close_cleanly(alice, "alice");
}

/// How many times each origin-id came in a live message (not history) to this recording client.
fn live_messages(client: &NativeClient) -> HashMap<String, usize> {
    let mut live = HashMap::new();
    for (d, f) in client.recorded() {
        if *d != Direction::Received || !f.starts_with("<message") {
            continue;
        }
        let message: Element = f.parse().unwrap();
        if message.get_child("body", "jabber:client").is_none()
            || message.get_child("delay", "urn:xmpp:delay").is_some()
        {
            continue;
        }
        let origin = origin_id_of(&message)
            .expect("every message of this client has an origin-id")
            .to_owned();
        *live.entry(origin).or_default() += 1;
    }
    live
}
