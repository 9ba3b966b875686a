//! The chosen nickname: checked before asking the room, remembered under the plugin's keys for 12
//! hours after its last use, and given up for an automatic one at once when the room says it is
//! taken.

use gloo_net::websocket::Message;
use leptos::prelude::*;
use livechat_core::{Config, Session, SessionState};
use livechat_web::components::check_nick;
use livechat_web::i18n::Lang;
use livechat_web::prefs::{self, NICKNAME_KEY, NICKNAME_LAST_ACCESS_KEY, NICKNAME_TTL_MS};
use livechat_web::state::{ChatState, NickPrompt};
use livechat_web::transport::drain::drain;
use livechat_web::transport::presenter::Presenter;
use livechat_web::transport::reconnect::Reconnect;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn remembered_under_the_plugins_keys_for_twelve_hours_after_the_last_use() {
    let storage = prefs::local_storage().expect("localStorage");
    prefs::forget_nick(&storage);
    let now = 1_700_000_000_000.0;
    assert_eq!(prefs::recall_nick(&storage, now), None);

    prefs::remember_nick(&storage, "Camille 🎮", now);
    assert_eq!(NICKNAME_TTL_MS, 12.0 * 3600.0 * 1000.0);
    // Stored as the plugin stores it: the nickname, and its last use in ms as decimal text.
    assert_eq!(
        storage.get_item(NICKNAME_KEY).unwrap().as_deref(),
        Some("Camille 🎮")
    );
    assert_eq!(
        storage
            .get_item(NICKNAME_LAST_ACCESS_KEY)
            .unwrap()
            .as_deref(),
        Some("1700000000000")
    );

    // Read 11 hours later: kept, and the last use moves to now.
    let later = now + 11.0 * 3600.0 * 1000.0;
    assert_eq!(
        prefs::recall_nick(&storage, later).as_deref(),
        Some("Camille 🎮")
    );
    assert_eq!(
        storage.get_item(NICKNAME_LAST_ACCESS_KEY).unwrap(),
        Some(format!("{later}"))
    );
    // So 12 hours after the first use it is still there (12 h after the last use is the limit).
    assert_eq!(
        prefs::recall_nick(&storage, later + NICKNAME_TTL_MS).as_deref(),
        Some("Camille 🎮")
    );

    assert_eq!(
        prefs::recall_nick(&storage, later + 2.0 * NICKNAME_TTL_MS + 1.0),
        None,
        "expired"
    );
    for key in [NICKNAME_KEY, NICKNAME_LAST_ACCESS_KEY] {
        assert_eq!(storage.get_item(key).unwrap(), None, "{key} removed");
    }
}

#[wasm_bindgen_test]
fn a_nickname_the_plugins_frontend_remembered_is_taken_over() {
    let storage = prefs::local_storage().expect("localStorage");
    let now = 1_700_000_000_000.0;
    // What the plugin's ConverseJS frontend left in the viewer's browser an hour ago.
    storage
        .set_item("livechat-previous-anonymous-nickname", "Zoé")
        .unwrap();
    storage
        .set_item(
            "livechat-previous-anonymous-nickname-last-access",
            "1699996400000",
        )
        .unwrap();
    assert_eq!(prefs::recall_nick(&storage, now).as_deref(), Some("Zoé"));

    // A last use the plugin would not read (`parseInt` gives NaN, or 0) does not expire it; a
    // trailing text after the digits is read as the plugin reads it.
    for (stamp, kept) in [("junk", true), ("0", true), ("1000x", false)] {
        prefs::remember_nick(&storage, "Zoé", now);
        storage.set_item(NICKNAME_LAST_ACCESS_KEY, stamp).unwrap();
        assert_eq!(
            prefs::recall_nick(&storage, now).is_some(),
            kept,
            "last access {stamp:?}"
        );
    }
    // A blank nickname is none.
    prefs::remember_nick(&storage, "  ", now);
    assert_eq!(prefs::recall_nick(&storage, now), None);
    prefs::forget_nick(&storage);
}

#[wasm_bindgen_test]
fn nicknames_are_checked_before_asking_the_room() {
    assert_eq!(check_nick("  Camille  ").as_deref(), Ok("Camille"));
    assert_eq!(check_nick("Zoé 🎮").as_deref(), Ok("Zoé 🎮"));
    assert!(check_nick("   ").is_err());
    assert!(check_nick(&"x".repeat(49)).is_err());
    assert!(check_nick("Ali\u{200B}ce").is_err(), "invisible characters");
    assert!(
        check_nick("Anonymous 123456").is_err(),
        "reserved for automatic nicknames"
    );
    assert!(check_nick("Anonymous 12345").is_ok());
}

/// Prosody's side of an anonymous login (from `tests/fixtures/viewer-session.xmpp`): the session
/// answers the last one with the new stream, the bind and the join, pipelined.
const LOGIN: [&str; 3] = [
    "<open version='1.0' xml:lang='en' xmlns='urn:ietf:params:xml:ns:xmpp-framing' id='ed6ee3b8-aa5a-4380-837c-10924bf25374' from='anon.localhost'/>",
    "<stream:features xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client'><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>ANONYMOUS</mechanism></mechanisms></stream:features>",
    "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>",
];
/// Prosody's answer to a join under a nickname another occupant has.
const TAKEN: &str = "<presence xmlns='jabber:client' type='error' from='live@room.localhost/Camille' to='nqhjarxeo-ecx4i_pzxyjtp1@anon.localhost/zdwY4WfD4mwa'><error type='cancel' by='live@room.localhost'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error><x xmlns='http://jabber.org/protocol/muc'/></presence>";
const T0: u64 = 1_900_000_000_000;

/// The join presences among `sent` whose occupant address starts with `to`.
fn joins_to<'a>(sent: &'a [Message], to: &str) -> Vec<&'a str> {
    sent.iter()
        .filter_map(|m| match m {
            Message::Text(frame) => Some(frame.as_str()),
            Message::Bytes(_) => None,
        })
        .filter(|f| {
            f.starts_with("<presence")
                && f.contains("http://jabber.org/protocol/muc")
                && f.contains(to)
        })
        .collect()
}

/// A session with what the transport task hands its output to, and a socket that keeps what it
/// is given.
struct Client {
    session: Session,
    presenter: Presenter,
    reconnect: Reconnect,
    socket: Vec<Message>,
}

impl Client {
    /// One input from the server, then the drain that follows it in the transport task.
    async fn receive(&mut self, frame: &str) {
        self.session.handle_frame(frame, T0);
        drain(
            &mut self.session,
            &mut self.presenter,
            &mut self.reconnect,
            Some(&mut self.socket),
            T0,
        )
        .await;
    }
}

#[wasm_bindgen_test]
async fn a_taken_remembered_nickname_rejoins_as_an_automatic_viewer_at_once() {
    let storage = prefs::local_storage().expect("localStorage");
    let now = js_sys::Date::now();
    prefs::remember_nick(&storage, "Camille", now);
    let mut config = Config::anonymous("anon.localhost", "live@room.localhost".parse().unwrap());
    config.nickname = prefs::recall_nick(&storage, now);
    let state = ChatState::new();
    let mut client = Client {
        session: Session::new(config, 42),
        presenter: Presenter::new(state, Lang::ENGLISH, [255, 255, 255], false),
        reconnect: Reconnect::new(),
        socket: Vec::new(),
    };

    client.session.start(T0);
    for frame in LOGIN {
        client.receive(frame).await;
    }
    let (session, socket) = (&client.session, &client.socket);
    assert_eq!(
        joins_to(socket, "live@room.localhost/Camille").len(),
        1,
        "{socket:?}"
    );
    assert_eq!(session.state(), SessionState::Joining);

    client.socket.clear();
    client.receive(TAKEN).await;
    let (session, socket) = (&client.session, &client.socket);
    // The frame that told of the conflict is the last input for a while: the rejoin must leave
    // with the drain that showed it, not with whatever comes next.
    assert_eq!(
        joins_to(socket, "live@room.localhost/Anonymous ").len(),
        1,
        "the rejoin under an automatic nickname is sent at once; sent: {socket:?}"
    );
    assert!(
        session.nick().starts_with("Anonymous "),
        "{}",
        session.nick()
    );
    match state.nick_prompt.get_untracked() {
        NickPrompt::Open {
            problem: Some(problem),
        } => {
            assert!(problem.contains("Camille"), "{problem}")
        }
        other => panic!("the prompt asks for another nickname: {other:?}"),
    }
    assert_eq!(
        prefs::recall_nick(&storage, now),
        None,
        "the taken nickname is forgotten"
    );
}
