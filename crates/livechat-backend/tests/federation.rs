//! Two Prosody servers federated on loopback: a user of instance B joins a room of instance A
//! through B's server (server-to-server, dialback, static routes), an anonymous viewer joins the
//! same room on A directly, and each reads what the other writes.

use livechat_backend::{Domains, Federation, ProsodyOptions, RoomOptions};

mod common;
use common::Xmpp;

fn instance(host: &str) -> ProsodyOptions {
    ProsodyOptions {
        domains: Domains::under(host),
        ..ProsodyOptions::default()
    }
}

fn join(xmpp: &mut Xmpp, occupant: &str) -> String {
    xmpp.send(&format!(
        "<presence to='{occupant}' xmlns='jabber:client'>\
         <x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>"
    ));
    xmpp.recv_until("status code='110'")
}

fn say(xmpp: &mut Xmpp, room: &str, body: &str) {
    xmpp.send(&format!(
        "<message to='{room}' type='groupchat' xmlns='jabber:client'><body>{body}</body></message>"
    ));
}

#[test]
fn a_user_of_b_joins_a_room_of_a_through_its_own_server() {
    let federation = Federation::start(instance("a.localhost"), instance("b.localhost")).unwrap();
    let (a, b) = (&federation.a, &federation.b);
    assert_eq!(a.anon_domain(), "anon.a.localhost");
    assert_eq!(b.user_jid("bob"), "bob@b.localhost");
    let config = std::fs::read_to_string(a.config_path()).unwrap();
    assert!(config.contains("VirtualHost \"a.localhost\""), "{config}");
    assert!(!config.contains("\"localhost\""), "{config}");

    b.register("bob", "bob-pass").unwrap();
    let room = a.create_room("video", &RoomOptions::default()).unwrap();
    assert_eq!(room, "video@room.a.localhost");

    // Bob logs in on B, and joins A's room: B's server carries the presence to A.
    let mut bob = Xmpp::connect(&b.ws_url(), b.http_port());
    let bob_jid = bob.log_in(b.user_domain(), Some(("bob", "bob-pass")));
    assert!(bob_jid.starts_with("bob@b.localhost/"), "{bob_jid}");
    let own = join(&mut bob, &format!("{room}/Bob"));
    assert!(own.contains("from='video@room.a.localhost/Bob'"), "{own}");
    assert!(own.contains("urn:xmpp:occupant-id:0"), "{own}");

    // A viewer of A's video joins anonymously on A itself.
    let mut viewer = Xmpp::connect(&a.ws_url(), a.http_port());
    let viewer_jid = viewer.log_in(a.anon_domain(), None);
    assert!(viewer_jid.contains("@anon.a.localhost/"), "{viewer_jid}");
    let own = join(&mut viewer, &format!("{room}/Viewer"));
    assert!(
        own.contains("from='video@room.a.localhost/Viewer'"),
        "{own}"
    );

    // The room, on A, knows Bob by his account on B: he came server-to-server.
    let occupants = a
        .admin_shell(&format!(
            "local s = '' for _, o in muc:room('{room}'):each_occupant() do \
             s = s .. o.nick .. ' = ' .. o.bare_jid .. '; ' end return true, s"
        ))
        .unwrap();
    assert!(
        occupants.contains("video@room.a.localhost/Bob = bob@b.localhost"),
        "{occupants}"
    );
    assert!(occupants.contains("@anon.a.localhost"), "{occupants}");

    // Messages cross both ways.
    say(&mut bob, &room, "Hello from B");
    let seen = viewer.recv_until("Hello from B");
    assert!(seen.contains("from='video@room.a.localhost/Bob'"), "{seen}");
    say(&mut viewer, &room, "Hello from A");
    let seen = bob.recv_until("Hello from A");
    assert!(
        seen.contains("from='video@room.a.localhost/Viewer'"),
        "{seen}"
    );

    // B's log shows the way: an outgoing connection to A's room domain.
    let log = std::fs::read_to_string(b.run_dir().join("prosody.log")).unwrap_or_default();
    assert!(log.contains("room.a.localhost"), "{log}");
}

#[test]
fn an_anonymous_viewer_of_b_cannot_go_server_to_server() {
    let federation = Federation::start(instance("a.localhost"), instance("b.localhost")).unwrap();
    let (a, b) = (&federation.a, &federation.b);
    let room = a.create_room("video", &RoomOptions::default()).unwrap();
    let mut anonymous = Xmpp::connect(&b.ws_url(), b.http_port());
    anonymous.log_in(b.anon_domain(), None);
    anonymous.send(&format!(
        "<presence to='{room}/Nobody' xmlns='jabber:client'><x xmlns='http://jabber.org/protocol/muc'/></presence>"
    ));
    let refused = anonymous.recv_until("type='error'");
    assert!(
        refused.contains("from='video@room.a.localhost/Nobody'"),
        "{refused}"
    );
    // Refused by its own server (`allow_anonymous_s2s = false`), before anything reached A.
    assert!(refused.contains("<not-allowed"), "{refused}");
    assert!(
        refused.contains("remote domains is not enabled"),
        "{refused}"
    );
}

#[test]
fn two_instances_must_not_share_a_domain() {
    let err = Federation::start(instance("a.localhost"), instance("a.localhost")).unwrap_err();
    assert!(err.to_string().contains("domain"), "{err}");
}
