//! The session against a real Prosody on loopback: a whole viewer session, moderation, and the exact
//! set of stanza kinds the client puts on the wire. With `LIVECHAT_RECORD_FIXTURES=1` the frames are
//! written to `tests/fixtures/` for the replay tests.

use std::collections::BTreeSet;

use livechat_backend::{Prosody, ProsodyOptions};
use livechat_core::event::Removal;
use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials, Event, SessionState};
use livechat_native::{now_ms, Direction, NativeClient};

mod common;
use common::scenarios::{self, InFlight};
use common::{account, joined, stanza_kind, WAIT};

/// Alice: registered, the room's owner once she creates it, and asked to see who comes and goes.
fn moderator_config(room: &BareJid) -> Config {
    let mut config = account("alice", "alicepass", "Alice", room);
    config.show_presence_lines = true;
    config
}

/// A Prosody with Alice's and Bob's accounts.
fn prosody_with_accounts() -> Prosody {
    let prosody = Prosody::start(ProsodyOptions::default()).expect("start prosody");
    prosody.register("alice", "alicepass").unwrap();
    prosody.register("bob", "bobpass").unwrap();
    prosody
}

fn sent_kinds(client: &NativeClient) -> BTreeSet<String> {
    client
        .recorded()
        .iter()
        .filter(|(d, _)| *d == Direction::Sent)
        .map(|(_, f)| stanza_kind(f))
        .collect()
}

fn write_fixture(name: &str, client: &NativeClient) {
    if std::env::var_os("LIVECHAT_RECORD_FIXTURES").is_none() {
        return;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    std::fs::create_dir_all(dir).unwrap();
    let text: String = client
        .recorded()
        .iter()
        .map(|(d, f)| {
            format!(
                "{} {}\n",
                if *d == Direction::Sent { ">>" } else { "<<" },
                f
            )
        })
        .collect();
    std::fs::write(format!("{dir}/{name}.xmpp"), text).unwrap();
}

#[test]
fn a_viewer_session_against_prosody() {
    let prosody = Prosody::start(ProsodyOptions::default()).expect("start prosody");
    prosody.register("alice", "alicepass").unwrap();
    let room: BareJid = "live@room.localhost".parse().unwrap();

    // The moderator creates the room, sets a subject and posts before the viewer arrives.
    let mut alice =
        NativeClient::connect_recording(&prosody.ws_url(), moderator_config(&room), 1).unwrap();
    joined(&mut alice);
    assert!(alice.events().contains(&Event::Joined {
        nick: "Alice".into(),
        created: true,
        nick_assigned: false
    }));
    assert!(alice.session().room().am_moderator());
    alice.command(|s| s.set_subject("Live Q&A")).unwrap();
    for n in 1..=3 {
        alice
            .command(|s| s.send_message(&format!("history {n}")))
            .unwrap();
    }
    alice
        .run_until("own messages echoed", WAIT, |s, _| {
            s.room().log().len() == 3
        })
        .unwrap();

    // The viewer: anonymous, history of 2, records everything.
    let mut config = Config::anonymous("anon.localhost", room.clone());
    config.history = 2;
    let mut viewer = NativeClient::connect_recording(&prosody.ws_url(), config, 42).unwrap();
    viewer
        .run_until("history and subject", WAIT, |s, _| {
            s.state() == SessionState::Joined && s.room().subject().is_some()
        })
        .unwrap();
    let nick = viewer.session().nick().to_owned();
    assert!(viewer.session().room().is_automatic_nick(&nick), "{nick}");
    assert_eq!(viewer.session().room().subject(), Some("Live Q&A"));
    let history: Vec<_> = viewer
        .session()
        .room()
        .log()
        .messages()
        .map(|m| (m.body.clone(), m.delayed))
        .collect();
    assert_eq!(
        history,
        [
            ("history 2".to_owned(), true),
            ("history 3".to_owned(), true)
        ]
    );
    // Counted, not listed: the viewer itself is anonymous, Alice is named and a moderator.
    let room_view = viewer.session().room();
    assert_eq!(room_view.anonymous_count(), 1);
    let named: Vec<_> = room_view
        .named_occupants()
        .iter()
        .map(|o| (o.nick.clone(), o.is_moderator()))
        .collect();
    assert_eq!(named, [("Alice".to_owned(), true)]);
    assert!(
        room_view.named_occupants()[0].occupant_id.is_some(),
        "Prosody sends XEP-0421 occupant-ids"
    );

    // The viewer picks a nickname and talks; Alice sees it with a stanza-id.
    viewer
        .command(|s| s.change_nick("Camille", now_ms()))
        .unwrap()
        .unwrap();
    viewer
        .run_until("renamed", WAIT, |s, _| {
            s.nick() == "Camille" && s.room().me().is_some()
        })
        .unwrap();
    let origin = viewer
        .command(|s| s.send_message("bonjour <b>tout</b> le monde"))
        .unwrap()
        .unwrap();
    alice
        .run_until("viewer message", WAIT, |s, _| {
            s.room().log().messages().any(|m| m.nick == "Camille")
        })
        .unwrap();
    let seen = alice
        .session()
        .room()
        .log()
        .messages()
        .find(|m| m.nick == "Camille")
        .unwrap()
        .clone();
    assert_eq!(
        seen.body, "bonjour <b>tout</b> le monde",
        "bodies stay text"
    );
    assert_eq!(seen.origin_id.as_deref(), Some(origin.as_str()));
    let stanza_id = seen.stanza_id.clone().expect("Prosody assigns a stanza-id");
    // The rename away from an automatic nickname is in nobody's log (checked for Alice below).
    assert!(viewer
        .session()
        .room()
        .log()
        .iter()
        .all(|e| e.as_message().is_some()));

    // Moderation: Alice retracts it (XEP-0425, the form Prosody announces); both logs show a tombstone.
    alice
        .run_until("room info", WAIT, |s, _| {
            s.room().info().moderation_namespace.is_some()
        })
        .unwrap();
    alice
        .command(|s| s.retract(&stanza_id, Some("spam")))
        .unwrap();
    viewer
        .run_until("retraction", WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.stanza_id.as_deref() == Some(&stanza_id) && m.retracted.is_some())
        })
        .unwrap();
    let tomb = viewer
        .session()
        .room()
        .log()
        .messages()
        .find(|m| m.retracted.is_some())
        .unwrap()
        .clone();
    assert!(tomb.body.is_empty());
    assert_eq!(tomb.retracted.unwrap().reason.as_deref(), Some("spam"));
    alice
        .run_until("retract result", WAIT, |_, ev| {
            ev.iter()
                .any(|e| matches!(e, Event::CommandResult { error: None, .. }))
        })
        .unwrap();

    // A nickname conflict is an event the UI can answer.
    let mut intruder_config = Config::anonymous("anon.localhost", room.clone());
    intruder_config.nickname = Some("Camille".into());
    let mut intruder = NativeClient::connect(&prosody.ws_url(), intruder_config, 7).unwrap();
    intruder
        .run_until("conflict", WAIT, |_, ev| {
            ev.iter().any(|e| matches!(e, Event::NickConflict { .. }))
        })
        .unwrap();
    intruder
        .command(|s| s.change_nick("Dominique", now_ms()))
        .unwrap()
        .unwrap();
    joined(&mut intruder);
    assert_eq!(intruder.session().nick(), "Dominique");

    // Mute, then kick: the viewer learns it was removed.
    alice
        .run_until("sees Dominique", WAIT, |s, _| {
            s.room().occupant("Dominique").is_some()
        })
        .unwrap();
    alice.command(|s| s.mute("Camille", None)).unwrap();
    viewer
        .run_until("muted", WAIT, |s, _| {
            s.room()
                .me()
                .is_some_and(|me| me.role == xmpp_parsers::muc::user::Role::Visitor)
        })
        .unwrap();
    alice
        .run_until("mute result", WAIT, |_, ev| {
            ev.iter().any(|e| {
                matches!(
                    e,
                    Event::CommandResult {
                        command: livechat_core::event::Command::Mute { .. },
                        error: None
                    }
                )
            })
        })
        .unwrap();
    alice.command(|s| s.give_voice("Camille", None)).unwrap();
    viewer
        .run_until("voice again", WAIT, |s, _| {
            s.room()
                .me()
                .is_some_and(|me| me.role == xmpp_parsers::muc::user::Role::Participant)
        })
        .unwrap();
    alice.command(|s| s.kick("Camille", Some("bye"))).unwrap();
    viewer
        .run_until("kicked", WAIT, |_, ev| {
            ev.iter().any(|e| {
                matches!(
                    e,
                    Event::Removed {
                        removal: Removal::Kicked,
                        ..
                    }
                )
            })
        })
        .unwrap();
    assert_eq!(viewer.session().state(), SessionState::NotInRoom);
    let kicked = viewer
        .events()
        .iter()
        .find_map(|e| match e {
            Event::Removed { actor, reason, .. } => Some((actor.clone(), reason.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(kicked, (Some("Alice".into()), Some("bye".into())));

    write_fixture("viewer-session", &viewer);

    // Alice bans Dominique by the real JID only a moderator sees; Dominique is told so.
    assert!(alice
        .session()
        .room()
        .occupant("Dominique")
        .unwrap()
        .jid
        .is_some());
    assert!(
        viewer
            .session()
            .room()
            .named_occupants()
            .iter()
            .all(|o| o.jid.is_none()),
        "semi-anonymous room"
    );
    alice
        .command(|s| s.ban("Dominique", Some("troll")))
        .unwrap();
    intruder
        .run_until("banned", WAIT, |_, ev| {
            ev.iter().any(|e| {
                matches!(
                    e,
                    Event::Removed {
                        removal: Removal::Banned,
                        ..
                    }
                )
            })
        })
        .unwrap();
    alice
        .run_until("ban result", WAIT, |_, ev| {
            ev.iter().any(|e| {
                matches!(
                    e,
                    Event::CommandResult {
                        command: livechat_core::event::Command::Ban { .. },
                        error: None
                    }
                )
            })
        })
        .unwrap();
    // A viewer is not a moderator: the room refuses, and the refusal comes back as an event.
    let mut late = NativeClient::connect(
        &prosody.ws_url(),
        Config::anonymous("anon.localhost", room.clone()),
        9,
    )
    .unwrap();
    joined(&mut late);
    late.command(|s| s.kick("Alice", None)).unwrap();
    late.run_until("refused", WAIT, |_, ev| {
        ev.iter()
            .any(|e| matches!(e, Event::CommandResult { error: Some(_), .. }))
    })
    .unwrap();
    late.close().unwrap();

    // Alice, who opted in, saw join and leave lines, but never "Anonymous NNNNNN is now Camille".
    let notices = common::notices(alice.session());
    use livechat_core::log::NoticeKind;
    assert!(
        notices.contains(&NoticeKind::Joined { nick: nick.clone() }),
        "{notices:?}"
    );
    assert!(
        notices.contains(&NoticeKind::Left {
            nick: "Camille".into()
        }),
        "{notices:?}"
    );
    assert!(
        !notices
            .iter()
            .any(|n| matches!(n, NoticeKind::Renamed { .. })),
        "{notices:?}"
    );
    write_fixture("moderator-session", &alice);
    let kinds = sent_kinds(&viewer);
    viewer.close().unwrap();
    intruder.close().unwrap();
    alice.close().unwrap();

    // Exactly what a viewer needs on the wire, nothing else (no vCard, roster, carbons, chat
    // states, markers, PEP or probes).
    let expected: BTreeSet<String> = [
        "open",
        "auth",
        "iq[set] {urn:ietf:params:xml:ns:xmpp-bind}bind",
        "presence {http://jabber.org/protocol/muc}x",
        "iq[get] {http://jabber.org/protocol/disco#info}query",
        "presence",
        "message[groupchat] {jabber:client}body+{urn:xmpp:sid:0}origin-id",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(kinds, expected);
}

#[test]
fn refusals_become_typed_errors() {
    let prosody = Prosody::start(ProsodyOptions::default()).expect("start prosody");
    prosody.register("alice", "alicepass").unwrap();

    // A wrong password: SASL failure, the session closes.
    let mut config = moderator_config(&"typed@room.localhost".parse().unwrap());
    config.credentials = Credentials::Plain {
        jid: "alice@localhost".parse().unwrap(),
        password: "wrong".into(),
    };
    let mut client = NativeClient::connect(&prosody.ws_url(), config, 3).unwrap();
    client
        .run_until("closed", WAIT, |s, _| s.state() == SessionState::Closed)
        .unwrap();
    let auth = client.events().iter().find_map(|e| match e {
        Event::Error(livechat_core::SessionError::Auth { condition, .. }) => {
            Some(condition.clone())
        }
        _ => None,
    });
    assert_eq!(auth.as_deref(), Some("not-authorized"));

    // An anonymous viewer cannot create a room: a join error, the stream stays up.
    let config = Config::anonymous(
        "anon.localhost",
        "nosuchroom@room.localhost".parse().unwrap(),
    );
    let mut viewer = NativeClient::connect(&prosody.ws_url(), config, 4).unwrap();
    viewer
        .run_until("join refused", WAIT, |s, _| {
            s.state() == SessionState::NotInRoom
        })
        .unwrap();
    let join = viewer.events().iter().find_map(|e| match e {
        Event::Error(livechat_core::SessionError::Join { condition, .. }) => {
            Some(condition.clone())
        }
        _ => None,
    });
    assert_eq!(join.as_deref(), Some("not-allowed"));
    viewer.close().unwrap();
}

#[test]
fn a_lost_connection_loses_nothing_and_repeats_nothing() {
    let prosody = prosody_with_accounts();
    let room: BareJid = "resilient@room.localhost".parse().unwrap();
    // Prosody handles what it had read from the socket before it died.
    assert_eq!(
        scenarios::lost_connection(&prosody.ws_url(), moderator_config(&room)),
        InFlight::Delivered
    );
}

#[test]
fn a_registered_user_resumes_the_stream_without_rejoining() {
    let prosody = prosody_with_accounts();
    let room: BareJid = "resume@room.localhost".parse().unwrap();
    scenarios::resume(
        &prosody.ws_url(),
        moderator_config(&room),
        account("bob", "bobpass", "Bob", &room),
    );
}

#[test]
fn a_message_typed_while_the_history_arrives_goes_out_once() {
    let prosody = prosody_with_accounts();
    let room: BareJid = "once@room.localhost".parse().unwrap();
    scenarios::typed_during_history(
        &prosody.ws_url(),
        moderator_config(&room),
        account("bob", "bobpass", "Bob", &room),
    );
}
