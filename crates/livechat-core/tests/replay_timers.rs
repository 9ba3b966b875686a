//! The session's timers on recorded frames: the keep-alive and its timeout, and the room-info
//! poll (what it reads, how often a room is asked, and again after a configuration change).

use livechat_core::{Config, Event, Session, SessionError, SessionState};

mod common;
use common::recorded::{
    drain, frames, joined_viewer, moderator, MODERATOR_SESSION, T0, VIEWER_SESSION,
};

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
