//! Unit tests on frames recorded from real Prosody sessions (`tests/fixtures/*.xmpp`, written by
//! `live_prosody.rs` with `LIVECHAT_RECORD_FIXTURES=1`), and on variations of them.
//! The same seed and configuration give the same ids, so the recorded answers route as they did live.

use livechat_core::event::Removal;
use livechat_core::{Config, Event, Session, SessionError, SessionState};

mod recorded;
use recorded::{drain, frames, joined_viewer, viewer, T0, VIEWER_SESSION};

#[test]
fn the_recorded_join_replays_to_the_same_room() {
    let session = joined_viewer();
    let room = session.room();
    assert!(room.is_automatic_nick(session.nick()));
    assert_eq!(room.subject(), Some("Live Q&A"));
    let history: Vec<_> = room
        .log()
        .messages()
        .map(|m| (m.nick.as_str(), m.body.as_str(), m.delayed))
        .collect();
    assert_eq!(
        history,
        [("Alice", "history 2", true), ("Alice", "history 3", true)]
    );
    // Sent-at comes from the <delay> stamp, not from the replay clock.
    assert!(room.log().messages().all(|m| m.sent_at_ms < T0 as i64));
    assert_eq!(room.anonymous_count(), 1);
    assert_eq!(room.named_occupants().len(), 1);
}

#[test]
fn the_whole_recorded_session_replays() {
    let mut session = viewer();
    let mut events = Vec::new();
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        events.extend(drain(&mut session).1);
    }
    // The viewer was kicked at the end.
    assert_eq!(session.state(), SessionState::NotInRoom);
    assert!(events.iter().any(|e| matches!(
        e,
        Event::Removed {
            removal: Removal::Kicked,
            ..
        }
    )));
    // Its own message was retracted by the moderator: a tombstone without the body.
    let own = session
        .room()
        .log()
        .messages()
        .find(|m| m.nick == "Camille")
        .expect("own message");
    assert!(own.body.is_empty() && own.retracted.is_some());
    assert!(
        !events.iter().any(|e| matches!(e, Event::Error(_))),
        "{events:?}"
    );
}

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
fn a_malformed_frame_is_reported_and_the_session_goes_on() {
    let mut session = joined_viewer();
    drain(&mut session);
    session.handle_frame("<message xmlns='jabber:client'><body>unclosed", T0);
    session.handle_frame("\u{0}\u{1}not xml", T0);
    let (_, events) = drain(&mut session);
    assert_eq!(events.len(), 2);
    assert!(events
        .iter()
        .all(|e| matches!(e, Event::Error(SessionError::MalformedFrame { .. }))));
    assert_eq!(session.state(), SessionState::Joined);
    let live =
        "<message xmlns='jabber:client' from='live@room.localhost/Alice' type='groupchat' id='x1'>\
                <body>still here</body></message>";
    session.handle_frame(live, T0 + 5);
    let last = session.room().log().messages().last().unwrap();
    assert_eq!(
        (last.body.as_str(), last.sent_at_ms, last.delayed),
        ("still here", (T0 + 5) as i64, false)
    );
}

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

#[test]
fn keepalive_pings_the_room_and_times_out() {
    let mut session = joined_viewer();
    drain(&mut session);
    let interval = session.config().ping_interval_ms;
    assert_eq!(session.poll_timeout(), Some(T0 + interval));
    session.handle_timeout(T0 + interval);
    let (sent, _) = drain(&mut session);
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains("urn:xmpp:ping")
            && sent[0].contains(&format!("live@room.localhost/{}", session.nick()))
    );
    // Unanswered: the session reports a timeout and closes.
    let deadline = session.poll_timeout().unwrap();
    session.handle_timeout(deadline);
    let (_, events) = drain(&mut session);
    assert!(events.contains(&Event::Error(SessionError::Timeout)));
    assert_eq!(session.state(), SessionState::Closed);
}

const MODERATOR_SESSION: &str = include_str!("../../../tests/fixtures/moderator-session.xmpp");

fn moderator(show_presence_lines: bool) -> Session {
    let mut config = Config::new(
        livechat_core::Credentials::Plain {
            jid: "alice@localhost".parse().unwrap(),
            password: "alicepass".into(),
        },
        "live@room.localhost".parse().unwrap(),
    );
    config.nickname = Some("Alice".into());
    config.show_presence_lines = show_presence_lines;
    let mut session = Session::new(config, 1);
    session.start(T0);
    session
}

fn replay_received(session: &mut Session, fixture: &str) -> Vec<Event> {
    let mut events = Vec::new();
    for frame in frames(fixture).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        events.extend(drain(session).1);
    }
    events
}

fn notices(session: &Session) -> Vec<livechat_core::log::NoticeKind> {
    session
        .room()
        .log()
        .iter()
        .filter_map(|e| match e {
            livechat_core::LogEntry::Notice(n) => Some(n.kind.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn join_and_leave_lines_only_for_a_moderator_who_opted_in() {
    use livechat_core::log::NoticeKind;
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
        [livechat_core::log::NoticeKind::Renamed {
            from: "Bob".into(),
            to: "Robert".into()
        }]
    );
    assert!(
        session.room().occupant("Bob").is_none() && session.room().occupant("Robert").is_some()
    );
}

#[test]
fn room_features_come_from_disco_info() {
    let mut session = moderator(false);
    let recorded = frames(MODERATOR_SESSION)
        .find(|f| !f.sent && f.text.contains("muc#roominfo_occupants"))
        .unwrap()
        .text;
    // The plugin's slow mode and a moderated room, as the plugin's Prosody announces them.
    let with_slow_mode = recorded
        .replace(
            "</x></query>",
            "<field var='muc#roominfo_slow_mode_duration' type='text-single'><value>20</value></field></x></query>",
        )
        .replace("muc_unmoderated", "muc_moderated");
    for frame in frames(MODERATOR_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        if session.state() == SessionState::Joined {
            break;
        }
    }
    drain(&mut session);
    session.handle_frame(&with_slow_mode, T0);
    let info = session.room().info().clone();
    assert_eq!(info.slow_mode_seconds, Some(20));
    assert_eq!(info.occupants, Some(1));
    assert!(info.moderated);
    assert_eq!(
        info.moderation_namespace.as_deref(),
        Some("urn:xmpp:message-moderate:0")
    );
    assert!(drain(&mut session).1.contains(&Event::RoomInfoChanged));
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
fn a_stream_error_is_typed_and_ends_the_session() {
    let mut session = joined_viewer();
    drain(&mut session);
    session.handle_frame(
        "<stream:error xmlns:stream='http://etherx.jabber.org/streams'>\
         <system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>\
         <text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Server is shutting down</text></stream:error>",
        T0,
    );
    let (_, events) = drain(&mut session);
    let error = events.iter().find_map(|e| match e {
        Event::Error(e) => Some(e.clone()),
        _ => None,
    });
    let error = error.expect("a stream error event");
    assert_eq!(
        error,
        SessionError::Stream {
            condition: "system-shutdown".into(),
            text: Some("Server is shutting down".into())
        }
    );
    assert!(
        error.is_transient(),
        "a shutdown is worth reconnecting after"
    );
    assert_eq!(session.state(), SessionState::Closed);
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

#[test]
fn hostile_sizes_stay_bounded() {
    let mut session = joined_viewer();
    drain(&mut session);
    // A 1 MB body: kept cut, the session goes on.
    let huge = "x".repeat(1 << 20);
    session.handle_frame(
        &format!("<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat' id='big'><body>{huge}</body></message>"),
        T0,
    );
    let last = session.room().log().messages().last().unwrap();
    assert!(last.body.len() <= livechat_core::text::MAX_BODY_BYTES + 3);
    drain(&mut session);
    let presence = |nick: &str| {
        format!(
            "<presence xmlns='jabber:client' from='live@room.localhost/{}'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x></presence>",
            nick.replace('<', "&lt;").replace('>', "&gt;")
        )
    };
    // A 10,000-character nickname cannot be a JID resource (1,023 bytes at most): reported, ignored.
    session.handle_frame(&presence(&"N".repeat(10_000)), T0);
    let (_, events) = drain(&mut session);
    assert!(
        matches!(
            events[..],
            [Event::Error(SessionError::MalformedFrame { .. })]
        ),
        "{events:?}"
    );
    // The longest that can be, with markup in it: an occupant like any other, the markup kept as text.
    let nick = format!("<img src=x onerror=alert(1)>{}", "N".repeat(990));
    session.handle_frame(&presence(&nick), T0);
    assert!(session.room().occupant(&nick).is_some());
    assert_eq!(
        livechat_core::text::display_nick(&nick).chars().count(),
        livechat_core::text::MAX_NICK_CHARS + 1
    );
    assert_eq!(session.state(), SessionState::Joined);
    // Unknown stanza kinds and elements are ignored without a word.
    session.handle_frame("<unknown xmlns='urn:example:future'/>", T0);
    session.handle_frame("<iq xmlns='jabber:client' type='get' id='q1' from='live@room.localhost/Bob'><query xmlns='jabber:iq:version'/></iq>", T0);
    let (sent, events) = drain(&mut session);
    assert!(
        events.iter().all(|e| !matches!(e, Event::Error(_))),
        "{events:?}"
    );
    // An iq we do not serve gets an error back, as RFC 6120 wants.
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains("type='error'") && sent[0].contains("service-unavailable"),
        "{sent:?}"
    );
}

#[test]
fn text_xml_cannot_carry_never_stops_the_session() {
    let mut session = joined_viewer();
    drain(&mut session);
    assert_eq!(session.send_message("\u{0}"), None, "nothing left to send");
    session.send_message("red \u{1b}[31malert\u{FFFF}").unwrap();
    session.kick("Alice", Some("bye\u{0}"));
    session.retract("sid\u{7}", Some("\u{1}"));
    let (sent, _) = drain(&mut session);
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(sent[0].contains("<body>red [31malert</body>"), "{sent:?}");
    // A nickname the room could not have is refused as a command result, not sent.
    session.mute("bad\u{0}nick", None);
    let (sent, events) = drain(&mut session);
    assert!(sent.is_empty());
    assert!(
        matches!(events[..], [Event::CommandResult { error: Some(_), .. }]),
        "{events:?}"
    );
}

#[test]
fn a_closed_session_ignores_late_frames() {
    let mut session = joined_viewer();
    let own_presence = frames(VIEWER_SESSION)
        .find(|f| !f.sent && f.text.contains("<status code='110'/>"))
        .unwrap()
        .text;
    session.handle_closed();
    drain(&mut session);
    session.handle_frame(own_presence, T0);
    assert_eq!(session.state(), SessionState::Closed);
    assert_eq!(drain(&mut session), (vec![], vec![]));
}

/// XEP-0198: a `<resumed/>` we did not ask for replays nothing, and after a real resumption a
/// message retried before the drop and again while away goes out once (the room would show
/// every copy).
#[test]
fn a_resumption_sends_each_message_once() {
    let mut session = moderator(false);
    for frame in frames(MODERATOR_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        if session.room().subject().is_some() {
            break;
        }
    }
    assert_eq!(session.state(), SessionState::Joined);
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
    session.restart(T0 + 2_000);
    let mut asked = false;
    for frame in frames(MODERATOR_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0 + 2_000);
        if drain(&mut session)
            .0
            .iter()
            .any(|f| f.starts_with("<resume "))
        {
            asked = true;
            break;
        }
    }
    assert!(asked, "the session asks to resume");
    session.handle_frame(resumed, T0 + 2_000);
    let (sent, _) = drain(&mut session);
    let copies = sent.iter().filter(|f| f.contains(&id)).count();
    assert_eq!(copies, 1, "{sent:#?}");
    assert_eq!(session.state(), SessionState::Joined);
}

/// XEP-0305 pipelining: after `<success/>` a fresh session opens the new stream and binds in the
/// same turn, without waiting for the new stream's features, and binds only once when they come.
#[test]
fn login_binds_and_joins_without_waiting_for_the_server() {
    let mut session = viewer();
    let mut received = frames(VIEWER_SESSION).filter(|f| !f.sent).map(|f| f.text);
    // The first <open/> and features, then the server's <success/>.
    for frame in received.by_ref() {
        session.handle_frame(frame, T0);
        if frame.contains("<success") {
            break;
        }
    }
    let (sent, _) = drain(&mut session);
    let kinds: Vec<&str> = sent
        .iter()
        .map(|f| &f[..f.find(' ').unwrap_or(f.len())])
        .collect();
    assert_eq!(
        kinds[kinds.len() - 3..],
        ["<open", "<iq", "<presence"],
        "sent: {sent:?}"
    );
    assert!(sent[sent.len() - 2].contains("urn:ietf:params:xml:ns:xmpp-bind"));
    assert!(sent
        .last()
        .unwrap()
        .contains("http://jabber.org/protocol/muc"));
    assert_eq!(session.state(), SessionState::Joining);
    // The new stream's <open/> and features, then the bind result: nothing more to send (no
    // second bind, no second join).
    for frame in received.by_ref() {
        session.handle_frame(frame, T0);
        if frame.contains("<iq") && frame.contains("xmpp-bind") {
            break;
        }
    }
    let (sent, _) = drain(&mut session);
    assert!(sent.is_empty(), "bound or joined twice: {sent:?}");
    assert_eq!(session.state(), SessionState::Joining);
    // The room's answer joins.
    let joined = received.any(|frame| {
        session.handle_frame(frame, T0);
        session.state() == SessionState::Joined
    });
    assert!(joined, "never joined: {:?}", session.state());
}

/// The id of the last room disco#info query sent.
fn room_info_query(sent: &[String]) -> String {
    let query = sent
        .iter()
        .rev()
        .find(|f| f.contains("http://jabber.org/protocol/disco#info"))
        .unwrap_or_else(|| panic!("no room disco#info query in {sent:?}"));
    let start = query.find("id='").unwrap() + 4;
    query[start..start + query[start..].find('\'').unwrap()].to_owned()
}

fn room_info_answer(id: &str, occupants: u32) -> String {
    format!(
        "<iq xmlns='jabber:client' type='result' from='live@room.localhost' id='{id}'>\
         <query xmlns='http://jabber.org/protocol/disco#info'>\
         <identity category='conference' type='text' name='Live'/>\
         <feature var='http://jabber.org/protocol/muc'/>\
         <x xmlns='jabber:x:data' type='result'>\
         <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roominfo</value></field>\
         <field var='muc#roominfo_occupants'><value>{occupants}</value></field>\
         </x></query></iq>"
    )
}

/// A viewer joined to the recorded room, with the frames it sent on the way; keep-alive pings
/// an hour apart, so that only the room-info queries are due.
fn joined_for_room_info(interval: Option<u64>) -> (Session, Vec<String>) {
    let mut config = Config::anonymous("anon.localhost", "live@room.localhost".parse().unwrap());
    config.history = 2;
    config.room_info_interval_ms = interval;
    config.ping_interval_ms = 3_600_000;
    let mut session = Session::new(config, 42);
    session.start(T0);
    let mut sent = drain(&mut session).0;
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        sent.extend(drain(&mut session).0);
        if session.room().subject().is_some() {
            break;
        }
    }
    assert_eq!(session.state(), SessionState::Joined);
    (session, sent)
}

/// How long after the room's answer (counting `occupants`) the next query comes.
fn room_info_delay_after_count(occupants: u32, interval: u64) -> u64 {
    let (mut session, sent) = joined_for_room_info(Some(interval));
    session.handle_frame(&room_info_answer(&room_info_query(&sent), occupants), T0);
    assert_eq!(session.room().info().occupants, Some(occupants));
    let due = session.poll_timeout().unwrap();
    // Nothing before the timer says.
    session.handle_timeout(due - 1);
    assert!(drain(&mut session).0.is_empty());
    session.handle_timeout(due);
    room_info_query(&drain(&mut session).0);
    due - T0
}

#[test]
fn a_big_room_is_asked_for_its_count_less_often() {
    let interval = 60_000;
    // A small room: within the configured interval (its second half, at random).
    let small = room_info_delay_after_count(100, interval);
    assert!((interval / 2..interval).contains(&small), "{small} ms");
    // 2,000 occupants: every four intervals, so that the audience's polling stays linear in its
    // size (each query costs the server a walk over all occupants).
    let big = room_info_delay_after_count(2000, interval);
    assert!((2 * interval..4 * interval).contains(&big), "{big} ms");
}

#[test]
fn a_configuration_change_asks_the_room_again_soon() {
    for interval in [Some(60_000), None] {
        let (mut session, sent) = joined_for_room_info(interval);
        // The join-time query, answered: a room of 50.
        session.handle_frame(&room_info_answer(&room_info_query(&sent), 50), T0);
        drain(&mut session);
        // The slow mode was switched on: XEP-0045's status 104 from the room.
        let t = T0 + 1000;
        session.handle_frame(
            "<message xmlns='jabber:client' type='groupchat' from='live@room.localhost' id='c1'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><status code='104'/></x></message>",
            t,
        );
        let due = session.poll_timeout().unwrap();
        // Within a second for a room of 50 (10 ms per occupant, at least a second).
        assert!(due <= t + 1000, "{interval:?}: due {} ms later", due - t);
        session.handle_timeout(due);
        let (sent, _) = drain(&mut session);
        let id = room_info_query(&sent);
        session.handle_frame(&room_info_answer(&id, 51), due);
        assert_eq!(session.room().info().occupants, Some(51));
        // Then the periodic query, or, without one, nothing but the keep-alive.
        let next = session.poll_timeout().unwrap();
        match interval {
            Some(i) => assert!(next > due && next < due + i, "{interval:?}"),
            None => assert_eq!(next, due + 3_600_000, "{interval:?}"),
        }
    }
}

#[test]
fn the_history_ends_with_the_subject_or_after_a_wait() {
    // As recorded: the subject ends the history.
    let mut session = viewer();
    let mut replaying_seen = false;
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        session.handle_frame(frame.text, T0);
        replaying_seen |= session.replaying_history();
        if session.room().subject().is_some() {
            break;
        }
    }
    assert!(replaying_seen, "the history was being replayed");
    assert!(!session.replaying_history(), "the subject ends it");

    // A room that sends no subject: what came is the history, after a few seconds.
    let mut session = viewer();
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        if frame.text.contains("<subject") {
            break;
        }
        session.handle_frame(frame.text, T0);
    }
    assert_eq!(session.state(), SessionState::Joined);
    assert!(session.replaying_history());
    drain(&mut session);
    let due = session.poll_timeout().unwrap();
    assert!(due <= T0 + 5_000, "the wait is bounded: {} ms", due - T0);
    session.handle_timeout(due);
    assert!(!session.replaying_history());
    assert!(drain(&mut session).1.contains(&Event::LogChanged));
}
