//! Starts the real Prosody and talks to it over its WebSocket endpoint.

use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use livechat_backend::{Prosody, ProsodyOptions, Role, RoomOptions, ANON_DOMAIN, USER_DOMAIN};

#[allow(dead_code)] // the federation test's helpers
mod common;
use common::Xmpp;

fn process_exists(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[test]
fn anonymous_websocket_session_opens() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    assert!(prosody.ws_url().starts_with("ws://127.0.0.1:"));
    assert!(prosody.ws_url().ends_with("/xmpp-websocket"));
    assert!(prosody.run_dir().join("prosody.cfg.lua").is_file());
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    let features = xmpp.open(ANON_DOMAIN);
    assert!(
        features.contains("<mechanism>ANONYMOUS</mechanism>"),
        "{features}"
    );
}

#[test]
fn client_state_indication_is_offered_once_logged_in() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    xmpp.open(ANON_DOMAIN);
    assert!(xmpp.auth_anonymous().contains("<success"));
    let features = xmpp.open(ANON_DOMAIN);
    assert!(features.contains("urn:xmpp:csi:0"), "{features}");
}

#[test]
fn registered_owner_joins_created_room_as_moderator() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    prosody.register("alice", "wonder land").unwrap();
    let room = prosody
        .create_room(
            "demo",
            &RoomOptions {
                owners: vec![prosody.user_jid("alice")],
                subject: Some("Welcome to the \"demo\" room".into()),
                name: Some("Demo".into()),
                presence_broadcast: Some(vec![Role::Moderator, Role::Participant]),
                ..RoomOptions::default()
            },
        )
        .unwrap();
    assert_eq!(room, "demo@room.localhost");

    // Created once only; listed; affiliation stored.
    let again = prosody
        .create_room("demo", &RoomOptions::default())
        .unwrap_err();
    assert!(again.to_string().contains("exists"), "{again}");
    let list = prosody.admin_shell("muc:list('room.localhost')").unwrap();
    assert!(list.contains("demo@room.localhost"), "{list}");
    let affiliation = prosody
        .admin_shell("muc:room('demo@room.localhost'):get_affiliation('alice@localhost')")
        .unwrap();
    assert!(affiliation.contains("owner"), "{affiliation}");

    // A wrong password is refused, the registered one accepted.
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    let features = xmpp.open(USER_DOMAIN);
    assert!(
        features.contains("<mechanism>PLAIN</mechanism>"),
        "{features}"
    );
    assert!(xmpp.auth_plain("alice", "wrong").contains("<failure"));
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    xmpp.open(USER_DOMAIN);
    let verdict = xmpp.auth_plain("alice", "wonder land");
    assert!(verdict.contains("<success"), "{verdict}");
    let features = xmpp.open(USER_DOMAIN);
    assert!(
        features.contains("urn:ietf:params:xml:ns:xmpp-bind"),
        "{features}"
    );
    assert!(
        features.contains("urn:xmpp:sm:3"),
        "stream management is enabled: {features}"
    );
    xmpp.send("<iq type='set' id='b1' xmlns='jabber:client'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    xmpp.recv_until("id='b1'");

    // The owner joins as moderator and receives the subject set at creation.
    xmpp.send(
        "<presence to='demo@room.localhost/Alice' xmlns='jabber:client'>\
         <x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>",
    );
    let own_presence = xmpp.recv_until("status code='110'");
    assert!(
        own_presence.contains("affiliation='owner'"),
        "{own_presence}"
    );
    assert!(own_presence.contains("role='moderator'"), "{own_presence}");
    assert!(
        !own_presence.contains("code='201'"),
        "the room existed before the join: {own_presence}"
    );
    assert!(
        own_presence.contains("urn:xmpp:occupant-id:0"),
        "occupant-id is enabled: {own_presence}"
    );
    let subject = xmpp.recv_until("<subject");
    assert!(
        subject.contains("Welcome to the &quot;demo&quot; room"),
        "{subject}"
    );

    // Leaving does not destroy the persistent room.
    xmpp.send(
        "<presence to='demo@room.localhost/Alice' type='unavailable' xmlns='jabber:client'/>",
    );
    xmpp.recv_until("type='unavailable'");
    let list = prosody.admin_shell("muc:list('room.localhost')").unwrap();
    assert!(list.contains("demo@room.localhost"), "{list}");
}

#[test]
fn admin_shell_reports_errors() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    let err = prosody
        .admin_shell("muc:room('nope@room.localhost')")
        .unwrap_err();
    assert!(err.to_string().contains("No such room"), "{err}");
}

#[test]
fn drop_and_stop_leave_no_process_behind() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    let (pid, run_dir) = (prosody.pid(), prosody.run_dir().to_owned());
    assert!(process_exists(pid));
    let started = Instant::now();
    drop(prosody);
    assert!(!process_exists(pid), "prosody {pid} still runs after drop");
    assert!(!run_dir.exists(), "the run directory is removed");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "SIGTERM is enough: {:?}",
        started.elapsed()
    );

    let prosody = Prosody::start(ProsodyOptions {
        keep_run_dir: true,
        ..Default::default()
    })
    .unwrap();
    let (pid, run_dir) = (prosody.pid(), prosody.run_dir().to_owned());
    let status = prosody.stop().unwrap();
    assert!(status.success(), "{status}");
    assert!(!process_exists(pid));
    let log = std::fs::read_to_string(run_dir.join("prosody.log")).unwrap();
    assert!(
        log.contains("Shutdown complete") || log.contains("Shutting down"),
        "{log}"
    );
    std::fs::remove_dir_all(run_dir).unwrap();
}

#[test]
fn panicking_test_stops_prosody() {
    let (tx, rx) = std::sync::mpsc::channel();
    let result = std::thread::spawn(move || {
        let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
        tx.send((prosody.pid(), prosody.run_dir().to_owned()))
            .unwrap();
        panic!("a failing test");
    })
    .join();
    assert!(result.is_err());
    let (pid, run_dir) = rx.recv().unwrap();
    assert!(!process_exists(pid), "prosody {pid} survived a panic");
    assert!(
        run_dir.join("prosody.log").is_file(),
        "a panic keeps the logs"
    );
    std::fs::remove_dir_all(run_dir).unwrap();
}

#[test]
fn a_busy_fixed_port_is_reported_with_the_log() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    // A failed start keeps its run directory for inspection: give it one to remove afterwards.
    let base_dir =
        livechat_backend::target_dir().join(format!("prosody-busy-port-{}", std::process::id()));
    let opts = ProsodyOptions {
        http_port: Some(port),
        base_dir: base_dir.clone(),
        ..Default::default()
    };
    let err = Prosody::start(opts).unwrap_err();
    std::fs::remove_dir_all(base_dir).unwrap();
    let message = err.to_string();
    assert!(message.contains("Failed to open server port"), "{message}");
}

#[test]
fn registering_again_changes_the_password_and_admins_get_their_affiliation() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    prosody.register("bob", "first").unwrap();
    prosody.register("bob", "second").unwrap();
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    xmpp.open(USER_DOMAIN);
    assert!(xmpp.auth_plain("bob", "second").contains("<success"));

    prosody
        .create_room(
            "modded",
            &RoomOptions {
                admins: vec![prosody.user_jid("bob")],
                persistent: false,
                ..RoomOptions::default()
            },
        )
        .unwrap();
    let affiliation = prosody
        .admin_shell("muc:room('modded@room.localhost'):get_affiliation('bob@localhost')")
        .unwrap();
    assert!(affiliation.contains("admin"), "{affiliation}");
    let persistent = prosody
        .admin_shell("muc:room('modded@room.localhost'):get_persistent()")
        .unwrap();
    assert!(!persistent.contains("true"), "{persistent}");
}

#[test]
fn a_killed_server_starts_again_on_its_port_with_its_data() {
    let mut prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    prosody.register("carol", "kept").unwrap();
    prosody
        .create_room("kept", &RoomOptions::default())
        .unwrap();
    let (port, first_pid) = (prosody.http_port(), prosody.pid());
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    xmpp.open(USER_DOMAIN);

    prosody.kill().unwrap();
    assert!(
        !process_exists(first_pid),
        "pid {first_pid} survived the kill"
    );
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the port still answers"
    );
    assert!(
        xmpp.0.read().is_err(),
        "the old connection outlived the server"
    );
    prosody.start_again().unwrap();
    assert_ne!(prosody.pid(), first_pid);

    assert_eq!(prosody.http_port(), port);
    assert!(process_exists(prosody.pid()));
    assert!(
        prosody.start_again().is_err(),
        "a running server cannot be started twice"
    );
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    xmpp.open(USER_DOMAIN);
    assert!(xmpp.auth_plain("carol", "kept").contains("<success"));
    let persistent = prosody
        .admin_shell("muc:room('kept@room.localhost'):get_persistent()")
        .unwrap();
    assert!(persistent.contains("true"), "{persistent}");
}
