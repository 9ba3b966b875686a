//! The PeerTube plugin's room features against a real Prosody running the project's modules of
//! them (`livechat-backend`): polls (form, creation, anonymous and open votes, the end, a
//! newcomer), terms, announcements allowed and refused, the moderation delay, emoji-only mode,
//! slow mode with votes, and our own messages mentioned, corrected and taken back.

use std::time::Duration;

use livechat_backend::{FeatureSettings, Prosody, ProsodyOptions, RoomFeatures, RoomOptions};
use livechat_core::event::Event;
use livechat_core::log::AnnouncementKind;
use livechat_core::terms::TermsScope;
use livechat_core::{Config, MessageKind, Refusal};
use livechat_native::NativeClient;

mod common;
use common::{account, bodies, joined, last_message, wait_for_body, wait_for_message, WAIT};

const PASSWORD: &str = "secret";

/// A Prosody whose poll minutes last a second and whose counts go out twice a second, with the
/// owner Alice and the participant Bob.
fn prosody(global_terms: Option<&str>) -> Prosody {
    let prosody = Prosody::start(ProsodyOptions {
        room_features: FeatureSettings {
            global_terms: global_terms.map(str::to_owned),
            poll_minute: Duration::from_secs(1),
            poll_update_interval: Duration::from_millis(500),
        },
        ..ProsodyOptions::default()
    })
    .expect("start prosody");
    for user in ["alice", "bob"] {
        prosody.register(user, PASSWORD).unwrap();
    }
    prosody
}

/// The room `name`, owned by Alice, with `features`.
fn room(prosody: &Prosody, name: &str, features: RoomFeatures) -> String {
    let options = RoomOptions {
        owners: vec![prosody.user_jid("alice")],
        features,
        ..RoomOptions::default()
    };
    prosody.create_room(name, &options).unwrap()
}

fn join(prosody: &Prosody, user: &str, nick: &str, room: &str, seed: u64) -> NativeClient {
    let config = account(user, PASSWORD, nick, &room.parse().unwrap());
    let mut client = NativeClient::connect(&prosody.ws_url(), config, seed).unwrap();
    joined_with_info(&mut client);
    client
}

fn viewer(prosody: &Prosody, room: &str, seed: u64) -> NativeClient {
    let config = Config::anonymous("anon.localhost", room.parse().unwrap());
    let mut client = NativeClient::connect(&prosody.ws_url(), config, seed).unwrap();
    joined_with_info(&mut client);
    client
}

/// Joined, and the room's disco#info read (the plugin's modes and features).
fn joined_with_info(client: &mut NativeClient) {
    joined(client);
    client
        .run_until("room info", WAIT, |_, events| {
            events.contains(&Event::RoomInfoChanged)
        })
        .unwrap();
}

/// Runs the client until a message of its outbox is refused so.
fn refused(client: &mut NativeClient, refusal: Refusal) {
    client
        .run_until("a refusal", WAIT, |s, _| {
            s.outbox().iter().any(|o| o.refusal == Some(refusal))
        })
        .unwrap();
}

fn saw(client: &mut NativeClient, what: &str, mut seen: impl FnMut(&Event) -> bool) {
    client
        .run_until(what, WAIT, |_, events| events.iter().any(&mut seen))
        .unwrap_or_else(|e| panic!("{what}: {e}"));
}

#[test]
fn polls_against_prosody() {
    let prosody = prosody(None);
    let room = room(
        &prosody,
        "polls",
        RoomFeatures {
            slow_mode: Some(30),
            ..Default::default()
        },
    );
    let mut alice = join(&prosody, "alice", "Alice", &room, 1);
    let mut viewer = viewer(&prosody, &room, 2);
    assert!(alice.session().room().info().polls && alice.session().room().am_admin());

    // A viewer may not have the form; the owner may.
    viewer.command(|s| s.poll_form()).unwrap();
    saw(&mut viewer, "refused form", |e| {
        matches!(e, Event::PollForm(Err(_)))
    });
    alice.command(|s| s.poll_form()).unwrap();
    saw(
        &mut alice,
        "the form",
        |e| matches!(e, Event::PollForm(Ok(form)) if form.field("muc#roompoll_question").is_some()),
    );

    // An anonymous poll of five "minutes" (seconds here).
    alice
        .command(|s| s.create_poll("Which map?", 5, true, &["Desert", "Snow"]))
        .unwrap();
    saw(&mut alice, "created", |e| *e == Event::PollCreated(Ok(())));
    viewer
        .run_until("the poll", WAIT, |s, _| s.room().poll().is_some())
        .unwrap();
    let poll = viewer.session().room().poll().unwrap().clone();
    assert_eq!(poll.question, "Which map?");
    assert_eq!(
        poll.choices
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>(),
        ["Desert", "Snow"]
    );
    assert_eq!(alice.session().room().poll().unwrap().anonymous, Some(true));
    let poll_lines = |client: &NativeClient| {
        let log = client.session().room().log();
        log.messages()
            .filter(|m| matches!(m.kind, MessageKind::Poll(_)))
            .count()
    };
    assert_eq!(poll_lines(&viewer), 1, "the start is one line");

    // Slow mode holds the viewer after a message, but a vote goes through all the same.
    viewer.command(|s| s.send_message("hello")).unwrap();
    wait_for_body(&mut viewer, "hello");
    assert!(
        viewer.session().room().vote_in("!2").is_some(),
        "no countdown for a vote"
    );
    viewer.take_events();
    viewer.command(|s| s.send_message("!2")).unwrap();
    saw(&mut viewer, "vote counted", |e| {
        *e == Event::VoteResult {
            choice: 2,
            result: Ok(()),
        }
    });
    assert!(viewer.session().outbox().is_empty());
    let mine = viewer.session().room().poll().unwrap();
    assert_eq!((mine.my_vote, mine.anonymous), (Some(2), Some(true)));
    alice
        .run_until("the count", WAIT, |s, _| {
            s.room().poll().is_some_and(|p| p.votes == 1)
        })
        .unwrap();
    assert!(
        !alice
            .session()
            .room()
            .log()
            .messages()
            .any(|m| m.body == "!2"),
        "nobody sees an anonymous vote"
    );

    // A newcomer gets the running poll.
    let mut bob = join(&prosody, "bob", "Bob", &room, 3);
    bob.run_until("the running poll", WAIT, |s, _| {
        s.room().poll().is_some_and(|p| p.votes == 1)
    })
    .unwrap();

    // The end: over, with its result, in the banner and one more line.
    viewer
        .run_until("the end", Duration::from_secs(15), |s, _| {
            s.room().poll().is_some_and(|p| p.over)
        })
        .unwrap();
    let over = viewer.session().room().poll().unwrap();
    assert_eq!(over.choice(2).unwrap().votes, 1);
    assert_eq!(poll_lines(&viewer), 2);
    viewer.take_events();
    viewer.command(|s| s.vote(1)).unwrap();
    saw(&mut viewer, "over", |e| {
        *e == Event::VoteResult {
            choice: 1,
            result: Err(Refusal::PollOver),
        }
    });

    // An open poll shows the votes.
    alice
        .command(|s| s.create_poll("Again?", 5, false, &["Yes", "No"]))
        .unwrap();
    bob.run_until("the new poll", WAIT, |s, _| {
        s.room()
            .poll()
            .is_some_and(|p| p.question == "Again?" && !p.over)
    })
    .unwrap();
    bob.command(|s| s.vote(1)).unwrap();
    saw(&mut bob, "vote echoed", |e| {
        *e == Event::VoteResult {
            choice: 1,
            result: Ok(()),
        }
    });
    assert_eq!(bob.session().room().poll().unwrap().anonymous, Some(false));
    wait_for_message(&mut alice, "Bob's vote line", |m| {
        m.nick == "Bob" && m.kind == MessageKind::Vote { choice: 1 }
    });
    for client in [alice, bob, viewer] {
        client.close().unwrap();
    }
}

#[test]
fn terms_and_announcements_against_prosody() {
    let prosody = prosody(Some("Be kind.\nNo spam."));
    let terms = RoomFeatures {
        terms: Some("Room rules".into()),
        ..Default::default()
    };
    let room = room(&prosody, "texts", terms);
    let mut alice = join(&prosody, "alice", "Alice", &room, 4);
    let mut viewer = viewer(&prosody, &room, 5);
    viewer
        .run_until("both terms", WAIT, |s, _| {
            s.room().terms().global.is_some() && s.room().terms().room.is_some()
        })
        .unwrap();
    let got = viewer.session().room().terms();
    assert_eq!(
        got.get(TermsScope::Global).unwrap().text,
        "Be kind.\nNo spam."
    );
    assert_eq!(got.get(TermsScope::Room).unwrap().text, "Room rules");
    assert!(viewer
        .session()
        .room()
        .log()
        .messages()
        .all(|m| m.nick != "Peertube"));

    // New room terms reach everyone present.
    viewer.take_events();
    let new_terms = RoomFeatures {
        terms: Some("New rules".into()),
        ..Default::default()
    };
    prosody.configure_room(&room, &new_terms).unwrap();
    saw(&mut viewer, "terms changed", |e| *e == Event::TermsChanged);
    assert_eq!(
        viewer.session().room().terms().room.as_ref().unwrap().text,
        "New rules"
    );

    // The owner announces; a viewer may not.
    alice
        .command(|s| {
            s.send_announcement(AnnouncementKind::Warning, "* Warning *\nStream ends soon")
        })
        .unwrap();
    wait_for_message(&mut viewer, "the announcement", |m| {
        m.kind == MessageKind::Announcement(AnnouncementKind::Warning)
            && m.body == "* Warning *\nStream ends soon"
    });
    viewer
        .command(|s| s.send_announcement(AnnouncementKind::Highlight, "me too"))
        .unwrap();
    refused(&mut viewer, Refusal::AnnouncementNotAllowed);
    alice.close().unwrap();
    viewer.close().unwrap();
}

#[test]
fn moderation_delay_and_emoji_only_against_prosody() {
    let prosody = prosody(None);
    let features = RoomFeatures {
        moderation_delay: Some(3),
        emoji_only: Some(true),
        ..Default::default()
    };
    let room = room(&prosody, "modes", features);
    let mut alice = join(&prosody, "alice", "Alice", &room, 6);
    let mut bob = join(&prosody, "bob", "Bob", &room, 7);
    let mut viewer = viewer(&prosody, &room, 8);
    let info = bob.session().room().info().clone();
    assert!(info.emoji_only);
    assert_eq!(info.moderation_delay_seconds, Some(3));

    bob.command(|s| s.send_message("words")).unwrap();
    refused(&mut bob, Refusal::EmojiOnly);
    bob.command(|s| s.send_message("🎉")).unwrap();
    wait_for_body(&mut alice, "🎉");
    let held = last_message(&alice).held_until_ms;
    assert!(held.is_some(), "a moderator sees how long it waits");
    assert!(
        !bodies(&viewer).contains(&"🎉".to_owned()),
        "the others get it later"
    );
    wait_for_body(&mut viewer, "🎉");
    assert_eq!(last_message(&viewer).held_until_ms, None);

    // Mute anonymous switched on: the viewer's room info says so after the change.
    let mute = RoomFeatures {
        mute_anonymous: Some(true),
        ..Default::default()
    };
    prosody.configure_room(&room, &mute).unwrap();
    viewer
        .run_until("muted anonymous", WAIT, |s, _| {
            s.room().info().mute_anonymous
        })
        .unwrap();
    for client in [alice, bob, viewer] {
        client.close().unwrap();
    }
}

#[test]
fn own_messages_mentioned_corrected_and_taken_back_against_prosody() {
    let prosody = prosody(None);
    let room = room(&prosody, "own", RoomFeatures::default());
    let mut alice = join(&prosody, "alice", "Alice", &room, 9);
    let mut bob = join(&prosody, "bob", "Bob", &room, 10);

    bob.command(|s| s.send_message("helo @Alice")).unwrap();
    wait_for_body(&mut alice, "helo @Alice");
    let line = last_message(&alice);
    assert!(line.mentions_me);
    assert_eq!((line.mentions[0].begin, line.mentions[0].end), (6, 11));
    assert!(alice.events().contains(&Event::Mentioned { key: line.key }));

    wait_for_body(&mut bob, "helo @Alice");
    bob.command(|s| s.correct_last("hello @Alice"))
        .unwrap()
        .unwrap();
    for client in [&mut alice, &mut bob] {
        wait_for_message(client, "corrected", |m| {
            m.body == "hello @Alice" && m.corrected
        });
    }
    assert_eq!(
        alice
            .session()
            .room()
            .log()
            .messages()
            .filter(|m| m.nick == "Bob")
            .count(),
        1
    );
    assert!(bob.session().outbox().is_empty());

    let key = bob.session().room().log().last_own().unwrap().key;
    assert!(bob.command(|s| s.retract_own(key)).unwrap());
    for client in [&mut alice, &mut bob] {
        wait_for_message(client, "taken back", |m| {
            m.nick == "Bob" && m.retracted.is_some()
        });
    }
    // A newcomer's history shows it taken back too.
    let mut late = viewer(&prosody, &room, 11);
    late.run_until("history", WAIT, |s, _| !s.replaying_history())
        .unwrap();
    let bobs: Vec<_> = late
        .session()
        .room()
        .log()
        .messages()
        .filter(|m| m.nick == "Bob")
        .collect();
    assert!(
        !bobs.is_empty() && bobs.iter().all(|m| m.retracted.is_some()),
        "{bobs:?}"
    );
    for client in [alice, bob, late] {
        client.close().unwrap();
    }
}
