//! XEP-0352 against a real Prosody with `mod_csi_simple`, as the plugin's server runs it: once a
//! viewer says nobody is looking, the server holds the room's presences back until a message with
//! a body comes, then sends everything in order; active again, the viewer gets presences at once.

use std::time::{Duration, Instant};

use livechat_backend::{Prosody, ProsodyOptions};
use livechat_core::jid::BareJid;
use livechat_core::Config;
use livechat_native::{now_ms, Direction, NativeClient};

mod common;
use common::{account, joined_with_history, wait_for_body, WAIT};

/// The presences the viewer received from `nick` in the room, in order.
fn presences_from(viewer: &NativeClient, room: &BareJid, nick: &str) -> Vec<String> {
    let from = format!("from='{room}/{nick}'");
    viewer
        .recorded()
        .iter()
        .filter(|(d, f)| {
            *d == Direction::Received && f.starts_with("<presence") && f.contains(&from)
        })
        .map(|(_, f)| f.clone())
        .collect()
}

/// The frames the viewer received after the first `mark` frames it recorded either way.
fn received_since(viewer: &NativeClient, mark: usize) -> Vec<&str> {
    viewer.recorded()[mark..]
        .iter()
        .filter(|(d, _)| *d == Direction::Received)
        .map(|(_, f)| f.as_str())
        .collect()
}

#[test]
fn an_inactive_viewer_gets_the_rooms_presences_with_the_next_message() {
    let prosody = Prosody::start(ProsodyOptions::default()).expect("start prosody");
    prosody.register("alice", "alicepass").unwrap();
    let ws = prosody.ws_url();
    let room: BareJid = "csi@room.localhost".parse().unwrap();
    let mut alice =
        NativeClient::connect_recording(&ws, account("alice", "alicepass", "Alice", &room), 1)
            .unwrap();
    joined_with_history(&mut alice);

    let mut config = Config::anonymous(prosody.anon_domain(), room.clone());
    config.nickname = Some("Watcher".into());
    let mut viewer = NativeClient::connect_recording(&ws, config, 2).unwrap();
    joined_with_history(&mut viewer);
    viewer
        .run_until("the room's info", WAIT, |s, _| {
            s.room().info().occupants.is_some()
        })
        .unwrap();
    let jid = viewer.session().bound_jid().unwrap().to_string();
    assert_eq!(
        prosody.client_state(&jid).unwrap().as_deref(),
        Some(""),
        "a stream starts active"
    );
    viewer.command(|s| s.set_active(false)).unwrap();
    assert!(viewer.session().server_told_inactive());
    assert_eq!(
        prosody.client_state(&jid).unwrap().as_deref(),
        Some("inactive")
    );

    // Someone joins and renames while nobody looks: the room broadcasts it, the viewer gets none
    // of it.
    let mut guest_config = Config::anonymous(prosody.anon_domain(), room.clone());
    guest_config.nickname = Some("Guest".into());
    let mut guest = NativeClient::connect(&ws, guest_config, 3).unwrap();
    common::joined(&mut guest);
    guest
        .command(|s| s.change_nick("Guest 2", now_ms()))
        .unwrap()
        .unwrap();
    guest
        .run_until("renamed", WAIT, |s, _| s.nick() == "Guest 2")
        .unwrap();
    alice
        .run_until("Alice sees Guest 2", WAIT, |s, _| {
            s.room().occupant("Guest 2").is_some()
        })
        .unwrap();
    let mark = viewer.recorded().len();
    viewer.run_for(Duration::from_secs(2)).unwrap();
    assert_eq!(
        received_since(&viewer, mark),
        Vec::<&str>::new(),
        "held back"
    );
    assert!(viewer.session().room().occupant("Guest").is_none());

    // A message with a body is urgent: it comes at once, behind what was held, in order.
    alice.command(|s| s.send_message("wake up")).unwrap();
    wait_for_body(&mut viewer, "wake up");
    let held = received_since(&viewer, mark);
    let message = held.iter().position(|f| f.contains("wake up")).unwrap();
    let guest_frames: Vec<usize> = held
        .iter()
        .enumerate()
        .filter(|(_, f)| f.starts_with("<presence") && f.contains(&format!("{room}/Guest")))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        guest_frames.len(),
        3,
        "joined, left as Guest, came as Guest 2: {held:#?}"
    );
    assert!(guest_frames.iter().all(|&n| n < message), "{held:#?}");
    assert!(
        held[guest_frames[0]].contains("urn:xmpp:delay"),
        "the server stamps what it held: {held:#?}"
    );
    let room_now = viewer.session().room();
    assert!(room_now.occupant("Guest 2").is_some() && room_now.occupant("Guest").is_none());
    assert_eq!(presences_from(&viewer, &room, "Guest").len(), 2);

    // Active again: the next presence comes at once.
    viewer.command(|s| s.set_active(true)).unwrap();
    assert_eq!(
        prosody.client_state(&jid).unwrap().as_deref(),
        Some("active")
    );
    let left = Instant::now();
    guest.close().unwrap();
    viewer
        .run_until("Guest 2 leaves", WAIT, |s, _| {
            s.room().occupant("Guest 2").is_none()
        })
        .unwrap();
    assert!(
        left.elapsed() < Duration::from_secs(1),
        "{:?}",
        left.elapsed()
    );
    assert_eq!(presences_from(&viewer, &room, "Guest 2").len(), 2);
}
