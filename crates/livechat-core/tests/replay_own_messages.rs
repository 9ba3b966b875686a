//! Mentions (XEP-0372), nickname completion, and our own messages corrected (XEP-0308) and taken
//! back (XEP-0424) on a recorded session: what goes out, and the log once the room echoes it.

use livechat_core::event::Event;
use livechat_core::xml::Element;
use livechat_core::{OutgoingKind, OutgoingState, Session};

mod common;
use common::plugin::{message_from, presence, sent, ROOM};
use common::recorded::{drain, joined_moderator, joined_viewer, T0};

/// The room's echo of a message Alice sent, under her nickname and occupant-id.
fn echo(sent: &Element, stanza_id: &str) -> String {
    let mut frame =
        String::from(sent).replacen(&format!("to='{ROOM}'"), &format!("from='{ROOM}/Alice'"), 1);
    let close = frame.rfind("</message>").unwrap();
    frame.insert_str(
        close,
        &format!(
            "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='alice-occ'/>\
             <stanza-id xmlns='urn:xmpp:sid:0' by='{ROOM}' id='{stanza_id}'/>"
        ),
    );
    frame
}

/// Alice in her room, with her message "helo" echoed back.
fn alice_with_a_message() -> (Session, String) {
    let mut session = joined_moderator();
    drain(&mut session);
    let origin_id = session.send_message("helo").unwrap();
    let frame = sent(&mut session).remove(0);
    session.handle_frame(&echo(&frame, "s-helo"), T0);
    drain(&mut session);
    (session, origin_id)
}

#[test]
fn at_mentions_of_present_occupants_go_out_as_references() {
    let mut session = joined_moderator();
    session.handle_frame(&presence("Jean Zoé", "none", "participant"), T0);
    session.handle_frame(&presence("Camille", "none", "participant"), T0);
    drain(&mut session);
    session.send_message("@Jean Zoé and @camille, hi (not @Nobody)");
    let frame = sent(&mut session).remove(0);
    let references: Vec<(String, String, String)> = frame
        .children()
        .filter(|c| c.is("reference", "urn:xmpp:reference:0"))
        .map(|r| {
            assert_eq!(r.attr("type"), Some("mention"));
            let attr = |name| r.attr(name).unwrap().to_owned();
            (attr("begin"), attr("end"), attr("uri"))
        })
        .collect();
    let expected = [
        ("1", "9", "xmpp:live@room.localhost/Jean%20Zo%C3%A9"),
        ("15", "22", "xmpp:live@room.localhost/Camille"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(b, e, u)| (b.to_string(), e.to_string(), u.to_string()))
        .collect();
    assert_eq!(references, expected);
    assert_eq!(
        frame.get_child("body", "jabber:client").unwrap().text(),
        "@Jean Zoé and @camille, hi (not @Nobody)",
        "the text stays as typed"
    );
}

#[test]
fn a_message_that_mentions_us_is_marked_and_announced_once_live() {
    let mut session = joined_viewer();
    let me = session.nick().to_owned();
    drain(&mut session);
    session.handle_frame(
        &message_from("Alice", "n1", &format!("hey {}!", me.to_lowercase()), ""),
        T0,
    );
    let line = session.room().log().messages().last().unwrap().clone();
    assert!(line.mentions_me);
    assert!(drain(&mut session)
        .1
        .contains(&Event::Mentioned { key: line.key }));
    // By reference only (the text says something else).
    let reference = format!(
        "<reference xmlns='urn:xmpp:reference:0' begin='1' end='4' type='mention' uri='xmpp:{ROOM}/{}'/>",
        me.replace(' ', "%20")
    );
    session.handle_frame(&message_from("Alice", "n2", "@you, look", &reference), T0);
    let line = session.room().log().messages().last().unwrap().clone();
    assert!(line.mentions_me);
    assert_eq!(line.mentions[0].nick, me);
    assert!(drain(&mut session)
        .1
        .contains(&Event::Mentioned { key: line.key }));
    // From the history: marked, not announced.
    let delay = "<delay xmlns='urn:xmpp:delay' stamp='2030-03-17T17:00:00Z'/>";
    session.handle_frame(
        &message_from("Alice", "n3", &format!("bye {me}"), delay),
        T0,
    );
    assert!(session.room().log().messages().last().unwrap().mentions_me);
    assert!(!drain(&mut session)
        .1
        .iter()
        .any(|e| matches!(e, Event::Mentioned { .. })));
    // Not a mention: a word that contains the nickname.
    session.handle_frame(&message_from("Alice", "n4", "Alicea", ""), T0);
    assert!(!session.room().log().messages().last().unwrap().mentions_me);
}

#[test]
fn nicknames_complete_after_two_characters() {
    let mut session = joined_viewer();
    for nick in ["Alicia", "Anonymous 111111", "Bob"] {
        session.handle_frame(&presence(nick, "none", "participant"), T0);
    }
    assert_eq!(session.room().complete_nick("al"), ["Alice", "Alicia"]);
    assert_eq!(
        session.room().complete_nick("@An"),
        ["Anonymous 111111"],
        "never ourselves"
    );
    assert!(session.room().complete_nick("a").is_empty());
}

#[test]
fn the_last_own_message_is_corrected_once_the_room_echoes_it() {
    let (mut session, origin_id) = alice_with_a_message();
    assert_eq!(session.last_own_body(), Some("helo"));
    let correction_id = session.correct_last("hello").unwrap();
    let frame = sent(&mut session).remove(0);
    let replace = frame
        .get_child("replace", "urn:xmpp:message-correct:0")
        .unwrap();
    assert_eq!(
        replace.attr("id"),
        Some(origin_id.as_str()),
        "the original's id"
    );
    let waiting = session.outbox().iter().next().unwrap();
    assert_eq!(
        (waiting.origin_id.as_str(), &waiting.kind),
        (
            correction_id.as_str(),
            &OutgoingKind::Correction {
                target: origin_id.clone()
            }
        )
    );
    assert_eq!(
        session.room().log().messages().last().unwrap().body,
        "helo",
        "until the echo"
    );
    session.handle_frame(&echo(&frame, "s-fix"), T0);
    let line = session.room().log().messages().last().unwrap();
    assert_eq!((line.body.as_str(), line.corrected), ("hello", true));
    assert!(session.outbox().is_empty());
    assert_eq!(session.last_own_body(), Some("hello"));
    assert_eq!(
        session.correct_last("hello"),
        None,
        "nothing changed: nothing sent"
    );
    assert!(sent(&mut session).is_empty());
}

#[test]
fn a_message_still_waiting_to_go_out_is_rewritten_instead() {
    let (mut session, _) = alice_with_a_message();
    session.handle_closed();
    let queued = session.send_message("typo").unwrap();
    drain(&mut session);
    assert_eq!(session.last_own_body(), Some("typo"));
    assert_eq!(session.correct_last("fixed"), Some(queued));
    let item = session.outbox().iter().next().unwrap();
    assert_eq!(
        (item.body.as_str(), &item.state),
        ("fixed", &OutgoingState::Queued)
    );
    assert_eq!(session.outbox().len(), 1);
    assert!(session.correct_last("  ").is_none());
}

#[test]
fn an_own_message_is_taken_back_by_its_origin_id() {
    let (mut session, origin_id) = alice_with_a_message();
    let key = session.room().log().last_own().unwrap().key;
    assert!(session.retract_own(key));
    let frame = sent(&mut session).remove(0);
    let apply_to = frame.get_child("apply-to", "urn:xmpp:fasten:0").unwrap();
    assert_eq!(apply_to.attr("id"), Some(origin_id.as_str()));
    assert!(apply_to.has_child("retract", "urn:xmpp:message-retract:0"));
    assert!(frame.has_child("store", "urn:xmpp:hints"));
    assert!(
        frame.get_child("body", "jabber:client").is_none(),
        "no text for the room's checks"
    );
    session.handle_frame(&echo(&frame, "s-retract"), T0);
    let line = session.room().log().find_by_key(key).unwrap();
    assert!(line.retracted.is_some() && line.body.is_empty());
    assert_eq!(session.room().log().last_own(), None);
    // Someone else's message is not ours to take back.
    session.handle_frame(&message_from("Bob", "b1", "mine", ""), T0);
    let theirs = session.room().log().messages().last().unwrap().key;
    assert!(!session.retract_own(theirs));
    assert!(sent(&mut session).is_empty());
}
