//! Two ejabberd nodes clustered on loopback carry one room: its process lives on the node where
//! it was created, viewers connect to either node, and what one writes reaches the others
//! whichever node they are on.

use livechat_backend::{EjabberdCluster, EjabberdOptions, ANON_DOMAIN};

#[allow(dead_code)] // the federation test's helpers
mod common;
use common::Xmpp;

const ROOM: &str = "live@room.localhost";

/// An anonymous viewer on the node at `ws_url` (port `port`), in the room under `nick`.
fn viewer(ws_url: &str, port: u16, nick: &str) -> Xmpp {
    let mut xmpp = Xmpp::connect(ws_url, port);
    xmpp.log_in(ANON_DOMAIN, None);
    xmpp.send(&format!(
        "<presence to='{ROOM}/{nick}' xmlns='jabber:client'>\
         <x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>"
    ));
    xmpp.recv_until("status code='110'");
    xmpp
}

fn say(xmpp: &mut Xmpp, body: &str) {
    xmpp.send(&format!(
        "<message to='{ROOM}' type='groupchat' xmlns='jabber:client'><body>{body}</body></message>"
    ));
}

/// ejabberd keeps a session whose socket closes without `<close/>` until a timeout.
fn leave(mut xmpp: Xmpp) {
    xmpp.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
}

#[test]
fn a_message_from_a_viewer_on_one_node_reaches_viewers_on_the_other() {
    let cluster = EjabberdCluster::start(2, EjabberdOptions::default()).unwrap();
    let (a, b) = (&cluster.nodes[0], &cluster.nodes[1]);
    assert_ne!(a.ws_url(), b.ws_url());
    assert_ne!(a.node(), b.node());
    let listed = b.ctl(&["list_cluster"]).unwrap();
    assert!(
        listed.contains(a.node()) && listed.contains(b.node()),
        "{listed}"
    );

    // The room is created on A by its first occupant; viewers on B join the same room.
    let mut on_a = viewer(&a.ws_url(), a.http_port(), "OnA");
    let mut on_b = viewer(&b.ws_url(), b.http_port(), "OnB");
    on_a.recv_until(&format!("from='{ROOM}/OnB'"));
    let mut also_on_b = viewer(&b.ws_url(), b.http_port(), "AlsoOnB");
    let rooms = a.ctl(&["muc_online_rooms", "global"]).unwrap();
    assert_eq!(rooms.trim(), ROOM, "one room in the whole cluster");

    say(&mut on_b, "Hello from node B");
    let seen = on_a.recv_until("Hello from node B");
    assert!(seen.contains(&format!("from='{ROOM}/OnB'")), "{seen}");
    also_on_b.recv_until("Hello from node B");

    say(&mut on_a, "Hello from node A");
    let seen = on_b.recv_until("Hello from node A");
    assert!(seen.contains(&format!("from='{ROOM}/OnA'")), "{seen}");
    also_on_b.recv_until("Hello from node A");

    for xmpp in [on_a, on_b, also_on_b] {
        leave(xmpp);
    }
}
