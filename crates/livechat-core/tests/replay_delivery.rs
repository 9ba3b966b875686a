//! What the user typed reaches the room once: across a stream resumption (XEP-0198) and across
//! a new session after a new login.

use livechat_core::xml::Element;
use livechat_core::{OutgoingState, Session, SessionState};

mod common;
use common::recorded::{
    drain, frames, joined_moderator, joined_viewer, restart_until_resume, T0, VIEWER_SESSION,
};

/// XEP-0198: a `<resumed/>` we did not ask for replays nothing, and after a real resumption a
/// message retried before the drop and again while away goes out once (the room would show
/// every copy).
#[test]
fn a_resumption_sends_each_message_once() {
    let mut session = joined_moderator();
    drain(&mut session);
    let id = session.send_message("typed before the drop").unwrap();
    assert_eq!(drain(&mut session).0.len(), 1);
    // No echo came: the viewer sends it again (two copies now wait for an acknowledgement).
    session.retry(&id);
    assert_eq!(drain(&mut session).0.len(), 1);

    let resumed = "<resumed xmlns='urn:xmpp:sm:3' h='3' previd='4EXinxABeAa9'/>";
    session.handle_frame(resumed, T0);
    assert_eq!(drain(&mut session).0, Vec::<String>::new(), "out of turn");

    session.handle_closed();
    session.retry(&id);
    restart_until_resume(&mut session, T0 + 2_000);
    session.handle_frame(resumed, T0 + 2_000);
    let (sent, _) = drain(&mut session);
    let copies = sent.iter().filter(|f| f.contains(&id)).count();
    assert_eq!(copies, 1, "{sent:#?}");
    assert_eq!(session.state(), SessionState::Joined);
}

/// The room's echo of a groupchat message we sent, with the stanza-id it stamps.
fn room_echo(sent: &str, nick: &str, stanza_id: &str, delay: Option<&str>) -> String {
    let message: Element = sent.parse().unwrap();
    let origin_id = message
        .get_child("origin-id", "urn:xmpp:sid:0")
        .and_then(|o| o.attr("id"))
        .unwrap();
    let body = message.get_child("body", "jabber:client").unwrap().text();
    let delay = delay.map_or(String::new(), |stamp| {
        format!("<delay xmlns='urn:xmpp:delay' from='live@room.localhost' stamp='{stamp}'/>")
    });
    format!(
        "<message xmlns='jabber:client' from='live@room.localhost/{nick}' type='groupchat' id='{origin_id}'>\
         <body>{body}</body><origin-id xmlns='urn:xmpp:sid:0' id='{origin_id}'/>\
         <stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='{stanza_id}'/>{delay}</message>"
    )
}

/// The web client's new login: the old session lost its socket, and a successor rejoins under
/// the same nickname, through the recorded login and join. `history` is what the room replays
/// before its subject ends the history. Returns the successor, joined, and what it sent.
fn successor_after_new_login(
    old: &mut Session,
    history: &[String],
    t1: u64,
) -> (Session, Vec<String>) {
    old.handle_closed();
    let mut config = old.config().clone();
    config.nickname = Some(old.nick().to_owned());
    let mut next = old.successor(config, 43);
    next.start(t1);
    let mut sent = drain(&mut next).0;
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        if frame.text.contains("<subject") {
            for message in history {
                next.handle_frame(message, t1);
            }
        }
        next.handle_frame(frame.text, t1);
        sent.extend(drain(&mut next).0);
        if next.room().subject().is_some() {
            break;
        }
    }
    assert_eq!(next.state(), SessionState::Joined);
    assert!(!next.replaying_history());
    (next, sent)
}

/// What the room echoes live of the messages among `sent`.
fn echo_live(session: &mut Session, sent: &[String], now_ms: u64) {
    let nick = session.nick().to_owned();
    for (n, frame) in sent
        .iter()
        .filter(|f| f.starts_with("<message"))
        .enumerate()
    {
        let echo = room_echo(frame, &nick, &format!("s-live-{n}"), None);
        session.handle_frame(&echo, now_ms);
    }
}

fn times_shown(session: &Session, body: &str) -> usize {
    session
        .room()
        .log()
        .messages()
        .filter(|m| m.body == body)
        .count()
}

/// A new login (a fresh password after the old one expired, a setting read only at the start)
/// replaces the session by its successor. A message sent just before, whose echo had not come
/// back, may well have reached the room: the successor's join then gets it in the room's
/// history, under the origin-id it was sent with. It shows once, and does not go out again.
#[test]
fn a_message_sent_before_a_new_login_shows_once_when_the_history_replays_it() {
    let body = "sent just before the new login";
    let mut old = joined_viewer();
    drain(&mut old);
    old.send_message(body).unwrap();
    let (sent_before, _) = drain(&mut old);
    assert_eq!(sent_before.len(), 1);

    let nick = old.nick().to_owned();
    let in_history = room_echo(
        &sent_before[0],
        &nick,
        "s-history",
        Some("2030-03-17T17:46:40Z"),
    );
    let t1 = T0 + 60_000;
    let (mut next, sent) = successor_after_new_login(&mut old, &[in_history], t1);
    echo_live(&mut next, &sent, t1 + 1);

    let shown = times_shown(&next, body);
    assert_eq!(shown, 1, "shown {shown} times");
    let copies = sent.iter().filter(|f| f.contains(body)).count();
    assert_eq!(copies, 0, "sent again: {sent:#?}");
    assert!(next.outbox().is_empty(), "{:?}", next.outbox());
}

/// The other side: a message the room never got goes out once after the successor's history,
/// under the origin-id it had; one the room refused waits for the user, refused.
#[test]
fn a_new_login_sends_what_the_room_never_got_once_and_keeps_refusals() {
    let mut old = joined_viewer();
    drain(&mut old);
    let lost = old.send_message("lost with the old socket").unwrap();
    let refused = old.send_message("refused by the room").unwrap();
    old.handle_frame(
        &format!(
            "<message xmlns='jabber:client' from='live@room.localhost' type='error' id='{refused}'>\
             <error type='wait'><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"
        ),
        T0,
    );
    drain(&mut old);

    let t1 = T0 + 60_000;
    let (mut next, sent) = successor_after_new_login(&mut old, &[], t1);
    let messages: Vec<&String> = sent.iter().filter(|f| f.starts_with("<message")).collect();
    assert_eq!(messages.len(), 1, "{sent:#?}");
    assert!(messages[0].contains(&format!("<origin-id xmlns='urn:xmpp:sid:0' id='{lost}'/>")));
    echo_live(&mut next, &sent, t1 + 1);

    assert_eq!(times_shown(&next, "lost with the old socket"), 1);
    assert_eq!(times_shown(&next, "refused by the room"), 0);
    let waiting: Vec<_> = next.outbox().iter().collect();
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0].origin_id, refused);
    assert!(matches!(waiting[0].state, OutgoingState::Failed { .. }));
}
