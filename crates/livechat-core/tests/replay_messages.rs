//! Groupchat messages on recorded frames and variations of them: duplicates, chat states,
//! corrections, retractions and moderation.

use livechat_core::Event;

mod common;
use common::recorded::{drain, frames, joined_viewer, T0, VIEWER_SESSION};

#[test]
fn replaying_a_history_stanza_twice_shows_it_once() {
    let mut session = joined_viewer();
    let history_frame = frames(VIEWER_SESSION)
        .find(|f| !f.sent && f.text.contains("history 3"))
        .unwrap()
        .text;
    let before = session.room().log().len();
    session.handle_frame(history_frame, T0);
    assert_eq!(session.room().log().len(), before);
    assert!(!drain(&mut session).1.contains(&Event::LogChanged));
}

#[test]
fn incoming_chat_states_create_no_event() {
    let mut session = joined_viewer();
    drain(&mut session);
    let typing =
        "<message xmlns='jabber:client' from='live@room.localhost/Alice' type='groupchat'>\
                  <composing xmlns='http://jabber.org/protocol/chatstates'/></message>";
    for _ in 0..1000 {
        session.handle_frame(typing, T0);
    }
    assert_eq!(drain(&mut session), (vec![], vec![]));
}

#[test]
fn corrections_and_retractions_follow_their_author() {
    let mut session = joined_viewer();
    let msg = |id: &str, occ: &str, extra: &str| {
        format!(
            "<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat' id='{id}'>\
             <body>text {id}</body><occupant-id xmlns='urn:xmpp:occupant-id:0' id='{occ}'/>\
             <stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='sid-{id}'/>{extra}</message>"
        )
    };
    session.handle_frame(&msg("b1", "bob", ""), T0);
    // XEP-0308 by someone else under the same nick: ignored.
    session.handle_frame(
        &msg(
            "b2",
            "mallory",
            "<replace xmlns='urn:xmpp:message-correct:0' id='b1'/>",
        ),
        T0,
    );
    assert_eq!(
        session.room().log().messages().last().unwrap().body,
        "text b1"
    );
    // By the author: applied in place.
    session.handle_frame(
        &msg(
            "b3",
            "bob",
            "<replace xmlns='urn:xmpp:message-correct:0' id='b1'/>",
        ),
        T0,
    );
    let last = session.room().log().messages().last().unwrap();
    assert_eq!((last.body.as_str(), last.corrected), ("text b3", true));
    // XEP-0424 (current form) by the author.
    session.handle_frame(
        "<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat' id='r1'>\
         <retract xmlns='urn:xmpp:message-retract:1' id='sid-b1'/><occupant-id xmlns='urn:xmpp:occupant-id:0' id='bob'/></message>",
        T0,
    );
    let last = session.room().log().messages().last().unwrap();
    assert!(last
        .retracted
        .as_ref()
        .is_some_and(|r| r.moderator.is_none()));
}

#[test]
fn moderation_in_the_current_form_and_from_the_room_only() {
    let mut session = joined_viewer();
    let target = session
        .room()
        .log()
        .messages()
        .last()
        .unwrap()
        .stanza_id
        .clone()
        .unwrap();
    // An occupant cannot pretend to be the room.
    let forged = format!(
        "<message xmlns='jabber:client' from='live@room.localhost/Mallory' type='groupchat' id='f'>\
         <retract xmlns='urn:xmpp:message-retract:1' id='{target}'><moderated xmlns='urn:xmpp:message-moderate:1' by='live@room.localhost/Mallory'/></retract></message>"
    );
    session.handle_frame(&forged, T0);
    assert!(session
        .room()
        .log()
        .messages()
        .last()
        .unwrap()
        .retracted
        .is_none());
    let real = format!(
        "<message xmlns='jabber:client' from='live@room.localhost' type='groupchat' id='m'>\
         <retract xmlns='urn:xmpp:message-retract:1' id='{target}'><moderated xmlns='urn:xmpp:message-moderate:1' by='live@room.localhost/Alice'/>\
         <reason>off topic</reason></retract></message>"
    );
    session.handle_frame(&real, T0);
    let r = session
        .room()
        .log()
        .messages()
        .last()
        .unwrap()
        .retracted
        .clone()
        .unwrap();
    assert_eq!(
        (r.moderator.as_deref(), r.reason.as_deref()),
        (Some("Alice"), Some("off topic"))
    );
}

#[test]
fn a_retraction_aimed_at_a_pruned_message_is_ignored() {
    let mut session = joined_viewer();
    let first = session
        .room()
        .log()
        .messages()
        .next()
        .unwrap()
        .stanza_id
        .clone()
        .unwrap();
    for n in 0..200 {
        let frame = format!(
            "<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat' id='p{n}'>\
             <body>{n}</body><stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='ps{n}'/></message>"
        );
        session.handle_frame(&frame, T0);
    }
    assert_eq!(session.room().log().len(), 100);
    drain(&mut session);
    let frame = format!(
        "<message xmlns='jabber:client' from='live@room.localhost' type='groupchat'>\
         <apply-to xmlns='urn:xmpp:fasten:0' id='{first}'><moderated xmlns='urn:xmpp:message-moderate:0' by='live@room.localhost/Alice'>\
         <retract xmlns='urn:xmpp:message-retract:0'/></moderated></apply-to></message>"
    );
    session.handle_frame(&frame, T0);
    assert_eq!(drain(&mut session).1, []);
    assert_eq!(session.room().log().len(), 100);
}
