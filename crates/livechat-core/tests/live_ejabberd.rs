//! The session against a real ejabberd on loopback, the second XMPP server: the same viewer and
//! moderator journeys as against Prosody (`live_prosody.rs`), with what ejabberd does differently
//! spelled out where it matters (no occupant-id, a presence from the bare room JID, no XEP-0425
//! moderation in 23.01, anyone may create a room).
//!
//! One ejabberd serves every test of this file that runs at the same time (each test has its own
//! room), so the file costs about one server start.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use livechat_backend::{Ejabberd, EjabberdOptions};
use livechat_core::event::{Command, Removal};
use livechat_core::jid::BareJid;
use livechat_core::log::NoticeKind;
use livechat_core::{Config, Credentials, Event, SessionError, SessionState};
use livechat_native::{now_ms, Direction, NativeClient};
use xmpp_parsers::muc::user::Role;

mod common;
use common::{
    account, close_cleanly, errors, joined, joined_with_history, scenarios, stanza_kind, WAIT,
};

const USERS: &[(&str, &str)] = &[("alice", "alicepass"), ("bob", "bobpass")];

/// The ejabberd shared by the tests running now; started (and its users registered) by the first.
fn ejabberd() -> Arc<Ejabberd> {
    static SHARED: Mutex<Weak<Ejabberd>> = Mutex::new(Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(server) = shared.upgrade() {
        return server;
    }
    let server = Arc::new(Ejabberd::start(EjabberdOptions::default()).expect("start ejabberd"));
    for (user, password) in USERS {
        server.register(user, password).expect("register");
    }
    *shared = Arc::downgrade(&server);
    server
}

fn registered(user: &str, nick: &str, room: &BareJid) -> Config {
    let password = USERS
        .iter()
        .find(|(u, _)| *u == user)
        .expect("a registered user")
        .1;
    account(user, password, nick, room)
}

#[test]
fn a_viewer_session_against_ejabberd() {
    let server = ejabberd();
    let room: BareJid = "live@room.localhost".parse().unwrap();

    // The moderator creates the room (201 and 110 on her own presence), sets a subject and posts
    // before the viewer arrives.
    let mut config = registered("alice", "Alice", &room);
    config.show_presence_lines = true;
    let mut alice = NativeClient::connect_recording(&server.ws_url(), config, 1).unwrap();
    joined_with_history(&mut alice);
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
            s.room().log().len() == 3 && s.outbox().is_empty()
        })
        .unwrap();
    assert!(alice
        .session()
        .room()
        .log()
        .messages()
        .all(|m| m.own && m.stanza_id.is_some()));

    // The viewer: anonymous, history of 2, records everything.
    let mut config = Config::anonymous("anon.localhost", room.clone());
    config.history = 2;
    let mut viewer = NativeClient::connect_recording(&server.ws_url(), config, 42).unwrap();
    viewer
        .run_until("history and subject", WAIT, |s, _| {
            s.state() == SessionState::Joined && s.room().subject().is_some()
        })
        .unwrap();
    let nick = viewer.session().nick().to_owned();
    assert!(viewer.session().room().is_automatic_nick(&nick), "{nick}");
    assert!(viewer.events().contains(&Event::Joined {
        nick: nick.clone(),
        created: false,
        nick_assigned: false
    }));
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
    assert!(
        viewer
            .session()
            .room()
            .log()
            .messages()
            .all(|m| m.stanza_id.is_some()),
        "mod_mam on the room gives history a stanza-id too"
    );
    // ejabberd greets a joiner with a presence from the bare room JID (entity capabilities): it is
    // not an occupant. Counted, not listed: the viewer itself; named: Alice, a moderator.
    assert!(viewer
        .recorded()
        .iter()
        .any(|(d, f)| *d == Direction::Received
            && f.starts_with("<presence")
            && f.contains("from='live@room.localhost' ")));
    let room_view = viewer.session().room();
    assert_eq!(room_view.occupant_count(), 2);
    assert_eq!(room_view.anonymous_count(), 1);
    let named: Vec<_> = room_view
        .named_occupants()
        .iter()
        .map(|o| (o.nick.clone(), o.is_moderator()))
        .collect();
    assert_eq!(named, [("Alice".to_owned(), true)]);
    assert!(
        room_view.occupants().all(|o| o.occupant_id.is_none()),
        "ejabberd 23.01 has no XEP-0421"
    );
    viewer
        .run_until("room info", WAIT, |s, _| {
            s.room().info().occupants.is_some()
        })
        .unwrap();
    assert_eq!(viewer.session().room().info().occupants, Some(2));
    assert_eq!(viewer.session().room().anonymous_count(), 1);

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
    assert!(viewer.events().contains(&Event::NickChanged {
        nick: "Camille".into()
    }));
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
    let stanza_id = seen.stanza_id.clone().expect("mod_mam assigns a stanza-id");
    viewer
        .run_until("own echo", WAIT, |s, _| s.outbox().is_empty())
        .unwrap();
    let echo = viewer
        .session()
        .room()
        .log()
        .messages()
        .last()
        .unwrap()
        .clone();
    assert!(echo.own && echo.stanza_id.as_deref() == Some(stanza_id.as_str()));
    assert!(viewer
        .session()
        .room()
        .log()
        .iter()
        .all(|e| e.as_message().is_some()));

    // ejabberd 23.01 announces no XEP-0425: the form the core falls back to is refused, and the
    // refusal is an event (no tombstone anywhere).
    alice
        .run_until("room info", WAIT, |s, _| {
            s.room().info().occupants.is_some()
        })
        .unwrap();
    assert_eq!(alice.session().room().info().moderation_namespace, None);
    alice
        .command(|s| s.retract(&stanza_id, Some("spam")))
        .unwrap();
    alice
        .run_until("retract refused", WAIT, |_, ev| {
            ev.iter().any(|e| {
                matches!(
                    e,
                    Event::CommandResult {
                        command: Command::Retract { .. },
                        error: Some(_)
                    }
                )
            })
        })
        .unwrap();
    viewer.run_for(Duration::from_millis(100)).unwrap();
    assert!(viewer
        .session()
        .room()
        .log()
        .messages()
        .all(|m| m.retracted.is_none()));

    // A nickname conflict is an event the UI can answer.
    let mut intruder_config = Config::anonymous("anon.localhost", room.clone());
    intruder_config.nickname = Some("Camille".into());
    let mut intruder = NativeClient::connect(&server.ws_url(), intruder_config, 7).unwrap();
    intruder
        .run_until("conflict", WAIT, |_, ev| {
            ev.iter().any(|e| matches!(e, Event::NickConflict { .. }))
        })
        .unwrap();
    assert_eq!(intruder.session().state(), SessionState::Joining);
    intruder
        .command(|s| s.change_nick("Dominique", now_ms()))
        .unwrap()
        .unwrap();
    joined(&mut intruder);
    assert_eq!(intruder.session().nick(), "Dominique");
    let named: Vec<_> = intruder
        .session()
        .room()
        .named_occupants()
        .iter()
        .map(|o| o.nick.clone())
        .collect();
    assert_eq!(named, ["Alice", "Camille", "Dominique"]);
    assert_eq!(intruder.session().room().anonymous_count(), 0);

    // Mute, voice, then kick: the viewer learns it was removed, by whom and why.
    alice
        .run_until("sees Dominique", WAIT, |s, _| {
            s.room().occupant("Dominique").is_some()
        })
        .unwrap();
    alice.command(|s| s.mute("Camille", None)).unwrap();
    viewer
        .run_until("muted", WAIT, |s, _| {
            s.room().me().is_some_and(|me| me.role == Role::Visitor)
        })
        .unwrap();
    assert!(viewer.events().contains(&Event::OwnRoleChanged));
    alice
        .run_until("mute result", WAIT, |_, ev| {
            ev.iter().any(|e| {
                matches!(
                    e,
                    Event::CommandResult {
                        command: Command::Mute { .. },
                        error: None
                    }
                )
            })
        })
        .unwrap();
    alice.command(|s| s.give_voice("Camille", None)).unwrap();
    viewer
        .run_until("voice again", WAIT, |s, _| {
            s.room().me().is_some_and(|me| me.role == Role::Participant)
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
    assert_eq!(viewer.session().room().occupant_count(), 0);

    // Alice bans Dominique by the real JID only a moderator sees; Dominique is told so.
    assert!(alice
        .session()
        .room()
        .occupant("Dominique")
        .unwrap()
        .jid
        .is_some());
    // Semi-anonymous room: a viewer sees no real JID but its own (ejabberd puts it in our own
    // presence, Prosody does not).
    let others_jids: Vec<_> = intruder
        .session()
        .room()
        .occupants()
        .filter(|o| o.nick != "Dominique")
        .map(|o| o.jid.clone())
        .collect();
    assert_eq!(others_jids, [None, None], "Alice and Camille");
    assert!(intruder
        .session()
        .room()
        .me()
        .unwrap()
        .jid
        .as_deref()
        .is_some_and(|j| j.contains("@anon.localhost/")));
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
                        command: Command::Ban { .. },
                        error: None
                    }
                )
            })
        })
        .unwrap();

    // A viewer is not a moderator: the room refuses, and the refusal comes back as an event. Its
    // keep-alive (XEP-0410 self-ping to its own occupant JID) is answered and keeps it in the room.
    let mut config = Config::anonymous("anon.localhost", room.clone());
    config.ping_interval_ms = 200;
    let mut late = NativeClient::connect_recording(&server.ws_url(), config, 9).unwrap();
    joined(&mut late);
    let late_nick = late.session().nick().to_owned();
    alice
        .run_until("sees the late viewer", WAIT, |s, _| {
            s.room().occupant(&late_nick).is_some()
        })
        .unwrap();
    late.command(|s| s.kick("Alice", None)).unwrap();
    late.run_until("refused", WAIT, |_, ev| {
        ev.iter()
            .any(|e| matches!(e, Event::CommandResult { error: Some(_), .. }))
    })
    .unwrap();
    late.run_for(Duration::from_millis(700)).unwrap();
    let pings = late
        .recorded()
        .iter()
        .filter(|(d, f)| {
            *d == Direction::Sent
                && f.contains("urn:xmpp:ping")
                && f.contains("to='live@room.localhost/")
        })
        .count();
    assert!(pings >= 2, "{pings} self-pings");
    assert_eq!(late.session().state(), SessionState::Joined);
    assert!(errors(&late).is_empty(), "{:?}", late.events());
    close_cleanly(late, "late viewer");

    // Alice, who opted in, saw join and leave lines, but never "Anonymous NNNNNN is now Camille".
    alice
        .run_until("late viewer left", WAIT, |s, _| {
            s.room().occupant(&late_nick).is_none()
        })
        .unwrap();
    let notices = common::notices(alice.session());
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
        notices.contains(&NoticeKind::Left {
            nick: late_nick.clone()
        }),
        "{notices:?}"
    );
    assert!(
        !notices
            .iter()
            .any(|n| matches!(n, NoticeKind::Renamed { .. })),
        "{notices:?}"
    );
    // The bare room JID never became an occupant for anybody.
    assert!(alice
        .session()
        .room()
        .occupants()
        .all(|o| !o.nick.is_empty()));
    assert_eq!(alice.session().room().occupant_count(), 1);

    // Exactly what a viewer needs on the wire, nothing else: the same set as against Prosody.
    let kinds: BTreeSet<String> = viewer
        .recorded()
        .iter()
        .filter(|(d, _)| *d == Direction::Sent)
        .map(|(_, f)| stanza_kind(f))
        .collect();
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

    // Close is clean for everyone, kicked and banned ones included.
    close_cleanly(viewer, "kicked viewer");
    close_cleanly(intruder, "banned viewer");
    close_cleanly(alice, "moderator");
}

#[test]
fn refusals_and_what_ejabberd_allows() {
    let server = ejabberd();

    // A wrong password: SASL failure, the session closes.
    let mut config = registered("alice", "Alice", &"typed@room.localhost".parse().unwrap());
    config.credentials = Credentials::Plain {
        jid: "alice@localhost".parse().unwrap(),
        password: "wrong".into(),
    };
    let mut client = NativeClient::connect(&server.ws_url(), config, 3).unwrap();
    client
        .run_until("closed", WAIT, |s, _| s.state() == SessionState::Closed)
        .unwrap();
    let auth = client.events().iter().find_map(|e| match e {
        Event::Error(SessionError::Auth { condition, .. }) => Some(condition.clone()),
        _ => None,
    });
    assert_eq!(auth.as_deref(), Some("not-authorized"));

    // Unlike the plugin's Prosody (restrict_room_creation), ejabberd lets an anonymous viewer
    // create a room, as its reference configuration does: the viewer joins as its owner.
    let config = Config::anonymous(
        "anon.localhost",
        "nosuchroom@room.localhost".parse().unwrap(),
    );
    let mut viewer = NativeClient::connect(&server.ws_url(), config, 4).unwrap();
    joined(&mut viewer);
    let nick = viewer.session().nick().to_owned();
    assert!(viewer.events().contains(&Event::Joined {
        nick,
        created: true,
        nick_assigned: false
    }));
    assert!(viewer.session().room().am_moderator());
    close_cleanly(viewer, "room creator");
}

#[test]
fn a_lost_connection_loses_nothing_and_repeats_nothing() {
    let server = ejabberd();
    let room: BareJid = "resilient@room.localhost".parse().unwrap();
    // Without stream management, ejabberd drops what it had not read yet from the dead socket
    // (Prosody still delivers it): then "in flight" only comes with the outbox's second attempt.
    scenarios::lost_connection(&server.ws_url(), registered("alice", "Alice", &room));
}

#[test]
fn a_registered_user_resumes_the_stream_without_rejoining() {
    let server = ejabberd();
    let room: BareJid = "resume@room.localhost".parse().unwrap();
    scenarios::resume(
        &server.ws_url(),
        registered("alice", "Alice", &room),
        registered("bob", "Bob", &room),
    );
}

#[test]
fn a_message_typed_while_the_history_arrives_goes_out_once() {
    let server = ejabberd();
    let room: BareJid = "once@room.localhost".parse().unwrap();
    scenarios::typed_during_history(
        &server.ws_url(),
        registered("alice", "Alice", &room),
        registered("bob", "Bob", &room),
    );
}
