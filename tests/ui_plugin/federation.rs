//! Remote (federated) rooms end to end: two PeerTube instances, A and B, each with its plugin
//! (a [`PluginHost`]) and its Prosody, the two servers federated on loopback (`a.localhost` and
//! `b.localhost`, server-to-server on 127.0.0.1, see `livechat_backend::Federation`).
//!
//! The video and its room are A's. B's plugin gives its page the parameters of a remote chat
//! (`isRemoteChat`, A's anonymous domain and WebSocket, both of A's access flags). A viewer on B's
//! page joins anonymously straight on A; a logged-in user of B joins through B's server, which
//! reaches the room server-to-server. Which path each took is read from the hosts (which relayed
//! which WebSocket) and from the room on A (the occupants' real JIDs). Messages cross both ways,
//! and both sides draw the same author with the same colour and avatar (both seeded by the
//! room's occupant-id).

use std::time::Duration;

use livechat_backend::{Domains, Federation, Prosody, ProsodyOptions, RoomOptions};
use livechat_core::jid::BareJid;
use livechat_e2e::bots::{self, BOT_WAIT};
use livechat_e2e::plugin_host::{room_params, HostOptions, HostResponse, PluginHost, Route};
use livechat_e2e::{paths, ChatPage, Chromium, PAGE_WAIT};
use serde_json::{json, Value};

/// The video's key on both instances' pages (`/w/<key>`), and its room's local part on A.
const VIDEO: &str = "0b5d8c1e-remote-video";
/// Videos of A whose chat A opens to nobody from other instances, to their anonymous viewers
/// only, to their users only.
const CLOSED_VIDEO: &str = "0b5d8c1e-closed-video";
const ANON_ONLY_VIDEO: &str = "0b5d8c1e-anonymous-only-video";
const ACCOUNTS_ONLY_VIDEO: &str = "0b5d8c1e-accounts-only-video";
/// B's `authenticationUrl`, as the plugin gives it.
const AUTH_PATH: &str = "/plugins/livechat/14.0.4/router/api/auth";
/// The PeerTube login of B's user, as PeerTube keeps it in localStorage.
const BOB_TOKEN: &str = "bob-peertube-access-token";
const BOB: (&str, &str) = ("bob", "bob-temporary-password");

fn instance(host: &str) -> ProsodyOptions {
    ProsodyOptions {
        domains: Domains::under(host),
        ..ProsodyOptions::default()
    }
}

/// The room's occupants as A's server knows them: `nick = real bare JID`, sorted.
fn occupants_on(server: &Prosody, room: &BareJid) -> Vec<String> {
    let listed = server
        .admin_shell(&format!(
            "local s = '' for _, o in muc:room('{room}'):each_occupant() do \
             s = s .. o.nick .. ' = ' .. o.bare_jid .. '\\n' end return true, s"
        ))
        .unwrap_or_else(|e| panic!("cannot list the occupants of {room}: {e}"));
    // The shell prefixes its answer ("OK: …"): each line is read from the room's JID on.
    let mut lines: Vec<String> = listed
        .lines()
        .filter_map(|l| l.find(room.as_str()).map(|at| l[at..].trim().to_owned()))
        .collect();
    lines.sort();
    lines
}

#[test]
fn native_clients_of_both_instances_share_the_room_and_its_seeds() {
    let federation = Federation::start(instance("a.localhost"), instance("b.localhost"))
        .unwrap_or_else(|e| panic!("cannot start two federated Prosody: {e}"));
    let (a, b) = (&federation.a, &federation.b);
    let room: BareJid = a
        .create_room("native", &RoomOptions::default())
        .unwrap()
        .parse()
        .unwrap();

    // Carol, a user of B, through B's server; Dan, an anonymous viewer, on A itself.
    let mut carol = bots::registered_chatter(b, &room, "carol", "Carol");
    let mut dan = bots::anonymous_chatter(&a.ws_url(), a.anon_domain(), &room, Some("Dan"), 3);
    bots::say(&mut carol, "from B through B's server");
    dan.run_until("Carol's message", BOT_WAIT, |s, _| {
        s.room()
            .log()
            .messages()
            .any(|m| m.body == "from B through B's server")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    bots::say(&mut dan, "from A");
    carol
        .run_until("Dan's message", BOT_WAIT, |s, _| {
            s.room().log().messages().any(|m| m.body == "from A")
        })
        .unwrap_or_else(|e| panic!("{e}"));

    // Each author has one seed, whoever looks: the room's occupant-id.
    let seed = |client: &livechat_native::NativeClient, body: &str| {
        let message = client
            .session()
            .room()
            .log()
            .messages()
            .find(|m| m.body == body)
            .cloned()
            .unwrap_or_else(|| panic!("no {body:?}"));
        assert!(message.occupant_id.is_some(), "{message:?}");
        message.seed().to_owned()
    };
    let carol_seen_by = (
        seed(&carol, "from B through B's server"),
        seed(&dan, "from B through B's server"),
    );
    let dan_seen_by = (seed(&carol, "from A"), seed(&dan, "from A"));
    assert_eq!(carol_seen_by.0, carol_seen_by.1);
    assert_eq!(dan_seen_by.0, dan_seen_by.1);
    assert_ne!(carol_seen_by.0, dan_seen_by.0);

    let occupants = occupants_on(a, &room);
    assert!(
        occupants.contains(&"native@room.a.localhost/Carol = carol@b.localhost".to_owned()),
        "{occupants:?}"
    );
    assert!(
        occupants
            .iter()
            .any(|o| o.starts_with("native@room.a.localhost/Dan = ")
                && o.ends_with("@anon.a.localhost")),
        "{occupants:?}"
    );
}

/// Instance A hosts the video; instance B shows it as a remote video. Fields drop in order: the
/// browsers first, then the hosts, then both servers.
struct TwoInstances {
    /// A viewer on A's own watch page.
    viewer_a: Chromium,
    /// A visitor of B's watch page: anonymous first, then logged in on B.
    visitor_b: Chromium,
    host_a: PluginHost,
    host_b: PluginHost,
    room: BareJid,
    federation: Federation,
}

impl TwoInstances {
    fn start() -> TwoInstances {
        let layout = paths::dist_dir().join("peertube-plugin-livechat");
        let federation = Federation::start(instance("a.localhost"), instance("b.localhost"))
            .unwrap_or_else(|e| panic!("cannot start two federated Prosody: {e}"));
        let (a, b) = (&federation.a, &federation.b);
        for video in [VIDEO, CLOSED_VIDEO, ANON_ONLY_VIDEO, ACCOUNTS_ONLY_VIDEO] {
            a.create_room(video, &RoomOptions::default())
                .unwrap_or_else(|e| panic!("cannot create {video} on A: {e}"));
        }
        let room: BareJid = a.room_jid(VIDEO).parse().unwrap();
        b.register(BOB.0, BOB.1)
            .unwrap_or_else(|e| panic!("cannot register {} on B: {e}", BOB.0));

        let host = |server: &Prosody, routes: Vec<Route>| {
            PluginHost::start(HostOptions {
                layout: layout.clone(),
                prosody_ws: (
                    ([127, 0, 0, 1], server.http_port()).into(),
                    livechat_backend::WS_PATH.to_owned(),
                ),
                routes,
            })
            .unwrap_or_else(|e| panic!("cannot start a plugin host: {e}"))
        };
        let host_a = host(a, Vec::new());
        let host_b = host(b, vec![bob_account_route(b.user_jid(BOB.0))]);

        // A's own pages: a local room, anonymous viewers on A.
        host_a.set_room(
            VIDEO,
            room_params(room.as_str(), Some(a.anon_domain()), VIDEO),
        );
        // B's pages for A's videos, as B's plugin gives them.
        let remote_ws = host_a
            .url(&PluginHost::websocket_path())
            .replacen("http://", "ws://", 1);
        for (video, anonymous, authenticated) in [
            (VIDEO, true, true),
            (CLOSED_VIDEO, false, false),
            (ANON_ONLY_VIDEO, true, false),
            (ACCOUNTS_ONLY_VIDEO, false, true),
        ] {
            let room: BareJid = a.room_jid(video).parse().unwrap();
            let params = remote_params(&room, b, a, &remote_ws, anonymous, authenticated);
            host_b.set_room(video, params);
        }

        let browser =
            || Chromium::launch().unwrap_or_else(|e| panic!("cannot launch Chromium: {e}"));
        TwoInstances {
            viewer_a: browser(),
            visitor_b: browser(),
            host_a,
            host_b,
            room,
            federation,
        }
    }
}

/// What B's plugin gives for a video of A (`InitConverseJSParams` of a remote chat): B's own
/// WebSocket and anonymous domain, A's room, A's anonymous domain and WebSocket, and whether A
/// lets in B's users (`authenticated`) and anonymous viewers from B's pages (`anonymous`).
fn remote_params(
    room: &BareJid,
    b: &Prosody,
    a: &Prosody,
    remote_ws: &str,
    anonymous: bool,
    authenticated: bool,
) -> Value {
    let video = room.node().map(|n| n.to_string()).unwrap_or_default();
    let mut params = room_params(room.as_str(), Some(b.anon_domain()), &video);
    params["isRemoteChat"] = json!(true);
    params["remoteAnonymousJID"] = json!(a.anon_domain());
    params["remoteAnonymousXMPPServer"] = json!(anonymous);
    params["remoteAuthenticatedXMPPServer"] = json!(authenticated);
    params["remoteWebsocketServiceUrl"] = json!(remote_ws);
    params["peertubeVideoOriginalUrl"] = json!(format!("https://a.localhost/w/{video}"));
    params
}

/// B's `authenticationUrl`: Bob's account on B's server for PeerTube's header of his login.
fn bob_account_route(jid: String) -> Route {
    Route::new("GET", AUTH_PATH, move |request| {
        if request.header("authorization") == Some(&format!("Bearer {BOB_TOKEN}")) {
            HostResponse::json(json!({
                "jid": jid, "password": BOB.1, "nickname": "Bob", "type": "peertube"
            }))
        } else {
            let mut refused =
                HostResponse::json(json!({"isError": true, "code": 403, "message": "Forbidden"}));
            refused.status = 403;
            refused
        }
    })
}

/// Bob logs in on B: PeerTube keeps his token in localStorage, and its pages send it.
fn log_in_on_b(page: &ChatPage) {
    page.run(
        "localStorage.setItem('token_type', 'Bearer'); localStorage.setItem('access_token', arguments[0])",
        vec![json!(BOB_TOKEN)],
    );
}

/// Each author's nickname colour and avatar, as the page draws them.
fn identities(page: &ChatPage) -> Value {
    page.eval(
        "Object.fromEntries(Array.from(document.querySelectorAll('.lc-log li.lc-msg')).map(li => {
            const nick = li.querySelector('.lc-nick');
            const avatar = li.querySelector('.lc-avatar');
            return [nick.textContent, {color: getComputedStyle(nick).color, avatar: avatar && avatar.innerHTML}];
        }))",
    )
}

#[test]
fn the_chat_of_a_remote_video_is_reached_from_both_instances() {
    let world = TwoInstances::start();
    let (a, _) = (&world.federation.a, &world.federation.b);
    let watch = |host: &PluginHost, key: &str| host.url(&format!("/w/{key}"));

    // On A's own page, a viewer of A joins anonymously on A, and picks a nickname to talk.
    let mut viewer_a = ChatPage::new(&world.viewer_a);
    viewer_a.open(&watch(&world.host_a, VIDEO)).wait_joined();
    viewer_a.choose_nick("Camille");
    assert_eq!(world.host_a.websockets_opened(), 1);

    // On B's page, not logged in: straight to A, anonymously (A's WebSocket, A's anonymous host).
    let mut visitor_b = ChatPage::new(&world.visitor_b);
    visitor_b.open(&watch(&world.host_b, VIDEO)).wait_joined();
    let anonymous_nick = visitor_b.eval("document.querySelector('.lc-status').dataset.nick");
    assert!(
        anonymous_nick
            .as_str()
            .unwrap_or_default()
            .starts_with("Anonymous "),
        "{anonymous_nick}"
    );
    assert_eq!(
        world.host_a.websockets_opened(),
        2,
        "B's anonymous visitor connects to A"
    );
    assert_eq!(world.host_b.websockets_opened(), 0, "and never to B");
    assert!(
        world.host_b.requests_to(AUTH_PATH).is_empty(),
        "nobody to ask B about"
    );
    let occupants = occupants_on(a, &world.room);
    assert_eq!(occupants.len(), 2, "{occupants:?}");
    assert!(
        occupants.iter().all(|o| o.ends_with("@anon.a.localhost")),
        "{occupants:?}"
    );
    visitor_b.screenshot("federation-b-anonymous");

    // Bob logs in on B and opens the page again: his account on B, B's WebSocket, and B's server
    // takes him into A's room.
    log_in_on_b(&visitor_b);
    visitor_b
        .open(&watch(&world.host_b, VIDEO))
        .wait_joined_as("Bob");
    assert_eq!(
        world.host_b.websockets_opened(),
        1,
        "Bob connects to his own instance"
    );
    assert_eq!(world.host_a.websockets_opened(), 2, "not to A");
    let asked = world.host_b.requests_to(AUTH_PATH);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(
        asked[0].authorization.as_deref(),
        Some(format!("Bearer {BOB_TOKEN}").as_str())
    );
    let bob_on_a = format!("{}/Bob = bob@b.localhost", world.room);
    let deadline = std::time::Instant::now() + PAGE_WAIT;
    let occupants = loop {
        // The anonymous visitor's session ends when the page goes: wait for the room to say so.
        let occupants = occupants_on(a, &world.room);
        if occupants.len() == 2 || std::time::Instant::now() > deadline {
            break occupants;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(occupants.contains(&bob_on_a), "{occupants:?}");
    assert!(
        occupants
            .iter()
            .any(|o| o.contains("/Camille = ") && o.ends_with("@anon.a.localhost")),
        "{occupants:?}"
    );
    let b_log = std::fs::read_to_string(world.federation.b.run_dir().join("prosody.log"))
        .unwrap_or_default();
    assert!(
        b_log.contains("room.a.localhost"),
        "B's server went to A: {b_log}"
    );

    // A message from B's user reaches A's viewers, and the answer comes back.
    visitor_b.send("Hello from instance B");
    viewer_a.wait_message("Hello from instance B");
    viewer_a.send("Hello back from instance A");
    visitor_b.wait_message("Hello back from instance A");
    visitor_b.wait_message("Hello from instance B");
    viewer_a.wait_message("Hello back from instance A");

    // The same colours and avatars on both sides, for both authors.
    let on_a = identities(&viewer_a);
    let on_b = identities(&visitor_b);
    assert_eq!(on_a, on_b, "A draws authors as B does");
    assert!(
        on_a["Bob"]["avatar"]
            .as_str()
            .is_some_and(|svg| svg.contains("<path")),
        "{on_a}"
    );
    assert_ne!(
        on_a["Bob"], on_a["Camille"],
        "two authors, two looks: {on_a}"
    );
    viewer_a.screenshot("federation-a-viewer");
    visitor_b.screenshot("federation-b-logged-in");
}

/// Waits until the plugin's page learned from `initConverse`'s promise that the room cannot be
/// reached (it then shows its own error), and returns why.
fn rejected(page: &mut ChatPage) -> String {
    let error = page.wait(
        "initConverse did not reject",
        "window.hostChat && window.hostChat.outcome === 'rejected' && window.hostChat.why",
    );
    // The chat is taken out of the page at once: nothing of it may run on afterwards.
    std::thread::sleep(Duration::from_millis(300));
    let console = page.console();
    assert!(
        !console.iter().any(|line| line.contains("panicked")),
        "{console:#?}"
    );
    error.as_str().unwrap_or_default().to_owned()
}

#[test]
fn what_a_remote_instance_does_not_allow_is_said_or_worked_around() {
    let world = TwoInstances::start();
    let watch = |key: &str| world.host_b.url(&format!("/w/{key}"));
    let mut visitor_b = ChatPage::new(&world.visitor_b);

    // A takes only users of other instances, and nobody is logged in on B.
    visitor_b.open(&watch(ACCOUNTS_ONLY_VIDEO));
    let why = rejected(&mut visitor_b);
    assert!(why.contains("only logged-in users"), "{why}");
    // A takes nobody from other instances.
    visitor_b.open(&watch(CLOSED_VIDEO));
    let why = rejected(&mut visitor_b);
    assert!(why.contains("lets nobody from here in"), "{why}");
    visitor_b.screenshot("federation-b-closed");
    let sockets = || world.host_a.websockets_opened() + world.host_b.websockets_opened();
    assert_eq!(sockets(), 0, "nothing was tried");

    // A takes anonymous viewers only: Bob, logged in on B, joins on A anonymously, as Bob.
    log_in_on_b(&visitor_b);
    visitor_b
        .open(&watch(ANON_ONLY_VIDEO))
        .wait_joined_as("Bob");
    assert_eq!(world.host_a.websockets_opened(), 1);
    assert_eq!(world.host_b.websockets_opened(), 0);
    let room: BareJid = world
        .federation
        .a
        .room_jid(ANON_ONLY_VIDEO)
        .parse()
        .unwrap();
    let occupants = occupants_on(&world.federation.a, &room);
    assert_eq!(occupants.len(), 1, "{occupants:?}");
    assert!(
        occupants[0].starts_with(&format!("{room}/Bob = "))
            && occupants[0].ends_with("@anon.a.localhost"),
        "{occupants:?}"
    );
    let told = visitor_b.text_of(".lc-alert");
    assert!(
        told.as_str()
            .unwrap_or_default()
            .contains("anonymous viewer, under your nickname"),
        "{told}"
    );
    visitor_b.screenshot("federation-b-anonymous-as-bob");
}
