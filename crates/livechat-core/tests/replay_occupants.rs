//! The room's presences on recorded frames and variations of them: counting, the lines a
//! moderator may see, renames, our own status codes, nickname conflicts.

use livechat_core::event::Removal;
use livechat_core::log::NoticeKind;
use livechat_core::{Config, Event, OutgoingState, Session, SessionState};

mod common;
use common::notices;
use common::recorded::{
    drain, frames, joined_viewer, moderator, replay_received, viewer, MODERATOR_SESSION, T0,
    VIEWER_SESSION,
};

#[test]
fn a_presence_burst_wakes_the_ui_once_and_is_counted() {
    let mut session = joined_viewer();
    drain(&mut session);
    for n in 0..5000 {
        let frame = format!(
            "<presence xmlns='jabber:client' from='live@room.localhost/Anonymous {}'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x></presence>",
            100_000 + n
        );
        session.handle_frame(&frame, T0);
    }
    let (_, events) = drain(&mut session);
    assert_eq!(events, [Event::OccupantsChanged]);
    // The viewer's own automatic nickname may be in that range too.
    let count = session.room().anonymous_count();
    assert!((5000..=5001).contains(&count), "{count}");
    assert_eq!(session.room().named_occupants().len(), 1);
}

#[test]
fn join_and_leave_lines_only_for_a_moderator_who_opted_in() {
    let mut opted_in = moderator(true);
    let events = replay_received(&mut opted_in, MODERATOR_SESSION);
    assert!(events.contains(&Event::Joined {
        nick: "Alice".into(),
        created: true,
        nick_assigned: false
    }));
    assert!(opted_in.room().am_moderator());
    let lines = notices(&opted_in);
    assert!(lines.iter().any(|n| matches!(n, NoticeKind::Joined { nick } if nick == "Camille" || nick.starts_with("Anonymous "))));
    assert!(lines.contains(&NoticeKind::Left {
        nick: "Camille".into()
    }));
    // The viewer's move from "Anonymous NNNNNN" to "Camille" never shows.
    assert!(
        !lines
            .iter()
            .any(|n| matches!(n, NoticeKind::Renamed { .. })),
        "{lines:?}"
    );

    let mut default = moderator(false);
    replay_received(&mut default, MODERATOR_SESSION);
    assert_eq!(notices(&default), []);
    // Same messages either way.
    let bodies = |s: &Session| {
        s.room()
            .log()
            .messages()
            .map(|m| m.body.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(bodies(&default), bodies(&opted_in));
}

#[test]
fn a_rename_between_chosen_nicknames_is_shown() {
    let mut session = joined_viewer();
    let presence = |nick: &str, extra: &str, type_: &str| {
        format!(
            "<presence xmlns='jabber:client' from='live@room.localhost/{nick}'{type_}>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'{extra}/>{}</x></presence>",
            if type_.is_empty() { "" } else { "<status code='303'/>" }
        )
    };
    session.handle_frame(&presence("Bob", "", ""), T0);
    session.handle_frame(
        &presence("Bob", " nick='Robert'", " type='unavailable'"),
        T0,
    );
    session.handle_frame(&presence("Robert", "", ""), T0);
    assert_eq!(
        notices(&session),
        [NoticeKind::Renamed {
            from: "Bob".into(),
            to: "Robert".into()
        }]
    );
    assert!(
        session.room().occupant("Bob").is_none() && session.room().occupant("Robert").is_some()
    );
}

#[test]
fn own_status_codes_become_events() {
    let mut session = joined_viewer();
    drain(&mut session);
    let me = session.nick().to_owned();
    let own = |codes: &[u16], type_: &str| {
        let codes: String = codes
            .iter()
            .map(|c| format!("<status code='{c}'/>"))
            .collect();
        format!(
            "<presence xmlns='jabber:client' from='live@room.localhost/{me}'{type_}>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'><actor nick='Alice'/><reason>r</reason></item>{codes}</x></presence>"
        )
    };
    for (code, removal) in [
        (307, Removal::Kicked),
        (301, Removal::Banned),
        (321, Removal::AffiliationChanged),
        (322, Removal::MembersOnly),
        (332, Removal::ServiceShutdown),
    ] {
        let mut s = joined_viewer();
        drain(&mut s);
        s.handle_frame(&own(&[110, code], " type='unavailable'"), T0);
        let events = drain(&mut s).1;
        assert!(
            events.contains(&Event::Removed {
                removal: removal.clone(),
                actor: Some("Alice".into()),
                reason: Some("r".into())
            }),
            "{code}: {events:?}"
        );
        assert_eq!(s.state(), SessionState::NotInRoom);
    }
    // 303 + 110: our own nickname changed; 210 on the new presence: the service chose it.
    session.handle_frame(
        &format!(
            "<presence xmlns='jabber:client' from='live@room.localhost/{me}' type='unavailable'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant' nick='Zoé'/><status code='303'/><status code='110'/></x></presence>"
        ),
        T0,
    );
    session.handle_frame(
        "<presence xmlns='jabber:client' from='live@room.localhost/Zoé'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/><status code='110'/><status code='210'/></x></presence>",
        T0,
    );
    assert!(drain(&mut session).1.contains(&Event::NickChanged {
        nick: "Zoé".into()
    }));
    assert_eq!(session.nick(), "Zoé");
}

#[test]
fn two_viewers_with_the_same_automatic_nickname_draw_again() {
    let mut session = viewer();
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        if session.state() == SessionState::Joining {
            break;
        }
    }
    drain(&mut session);
    let taken = session.nick().to_owned();
    session.handle_frame(
        &format!(
            "<presence xmlns='jabber:client' from='live@room.localhost/{taken}' type='error'>\
             <error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"
        ),
        T0,
    );
    let (sent, events) = drain(&mut session);
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::NickConflict { .. })),
        "nobody is asked: {events:?}"
    );
    assert_ne!(session.nick(), taken);
    assert!(session.room().is_automatic_nick(session.nick()));
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains(&format!("live@room.localhost/{}", session.nick())),
        "{sent:?}"
    );
}

/// A nickname asked for after a refused join sends a new join, whose wait for the room's answer
/// counts from when the command was given, not from the last frame; the wait for the history
/// after it, from the answer.
#[test]
fn a_new_join_waits_for_its_answer_from_the_commands_time() {
    let mut session = viewer();
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        if session.state() == SessionState::Joining {
            break;
        }
    }
    let refused = session.nick().to_owned();
    session.handle_frame(
        &format!(
            "<presence xmlns='jabber:client' from='live@room.localhost/{refused}' type='error'>\
             <error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"
        ),
        T0,
    );
    assert_eq!(session.state(), SessionState::NotInRoom);
    drain(&mut session);

    let later = T0 + 600_000;
    session.change_nick("Camille", later).unwrap();
    let (sent, _) = drain(&mut session);
    assert!(
        sent.iter()
            .any(|f| f.contains("live@room.localhost/Camille") && f.contains("<history")),
        "{sent:?}"
    );
    assert!(!session.replaying_history(), "not in the room yet");
    let answered = later + 19_999;
    session.handle_timeout(answered);
    let (sent, _) = drain(&mut session);
    assert!(
        !sent
            .iter()
            .any(|f| f.contains("to='live@room.localhost/Camille'")),
        "the wait for the answer counts from the command: {sent:?}"
    );
    session.handle_frame(&own_presence("Camille"), answered);
    assert_eq!(session.state(), SessionState::Joined);
    assert!(session.replaying_history());
    session.handle_timeout(answered + 4_999);
    assert!(
        session.replaying_history(),
        "the history's wait counts from the answer"
    );
    session.handle_timeout(answered + 5_000);
    assert!(!session.replaying_history());
}

/// The room lets us in as `nick` (status 110).
fn own_presence(nick: &str) -> String {
    format!(
        "<presence xmlns='jabber:client' from='live@room.localhost/{nick}'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/>\
         <status code='110'/></x></presence>"
    )
}

/// A chosen nickname taken while joining: the join is refused, so no history is coming. Until
/// the caller asks for another nickname, nothing typed meanwhile goes to a room we are not in,
/// and the log is not held back for a history that will not come.
#[test]
fn a_nickname_taken_while_joining_holds_what_was_typed_until_the_next_join() {
    let mut config = Config::anonymous("anon.localhost", "live@room.localhost".parse().unwrap());
    config.history = 2;
    config.nickname = Some("Camille".into());
    let mut session = Session::new(config, 42);
    session.start(T0);
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        if session.state() == SessionState::Joining {
            break;
        }
    }
    drain(&mut session);
    let typed = session.send_message("typed while joining").unwrap();
    session.handle_frame(
        "<presence xmlns='jabber:client' from='live@room.localhost/Camille' type='error'>\
         <error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>",
        T0 + 100,
    );
    let (_, events) = drain(&mut session);
    assert!(events.contains(&Event::NickConflict {
        nick: "Camille".into()
    }));
    assert!(!session.replaying_history());
    session.handle_timeout(T0 + 5_000);
    let (sent, _) = drain(&mut session);
    assert!(sent.iter().all(|f| !f.starts_with("<message")), "{sent:?}");
    assert!(session
        .outbox()
        .iter()
        .any(|o| o.origin_id == typed && o.state == OutgoingState::Queued));

    // The caller's next nickname joins again; what was typed goes out once the room let us in
    // and its history is in (here: no subject, so after the wait).
    session.change_nick("Camille 2", T0 + 200).unwrap();
    let (sent, _) = drain(&mut session);
    assert!(sent
        .iter()
        .any(|f| f.contains("live@room.localhost/Camille 2")));
    assert!(sent.iter().all(|f| !f.starts_with("<message")), "{sent:?}");
    session.handle_frame(&own_presence("Camille 2"), T0 + 300);
    assert!(session.replaying_history());
    session.handle_timeout(T0 + 5_300);
    let (sent, _) = drain(&mut session);
    let copies = sent.iter().filter(|f| f.contains(&typed)).count();
    assert_eq!(copies, 1, "{sent:?}");
}
