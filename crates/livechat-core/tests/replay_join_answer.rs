//! A join the room does not answer, on recorded frames: once the answer is late the session asks
//! the room whether it has the join (XEP-0410 self-ping, which the room answers in turn after the
//! join), sends the same join presence again when the room's answer shows its own was lost, and
//! after three joins without an answer tells the viewer. An answer that comes late anyway counts,
//! once; a new stream, a resumed one and a close each leave the wait as they should. What the
//! viewer types meanwhile goes out once the room has answered and replayed its history, or is
//! reported not delivered when the join fails.

use livechat_core::xml::Element;
use livechat_core::{Config, Event, OutgoingState, Refusal, Session, SessionError, SessionState};

mod common;
use common::recorded::{
    drain, frames, moderator, restart_until_resume, MODERATOR_SESSION, T0, VIEWER_SESSION,
};

/// The recorded viewer's occupant JID (its automatic nickname comes from the seed).
const ME: &str = "live@room.localhost/Anonymous 939842";
/// How long a join's answer may take before the room is asked about it.
const ANSWER_WAIT_MS: u64 = 20_000;
/// How long after the room's answer its history may take when no subject ends it.
const HISTORY_WAIT_MS: u64 = 5_000;

/// The recorded viewer, logged in, its join presence out and the room silent so far. Keep-alive
/// pings an hour apart, so that only the join's deadlines fall due. Returns the join presence.
fn joining_viewer(now: u64) -> (Session, String) {
    let mut config = Config::anonymous("anon.localhost", "live@room.localhost".parse().unwrap());
    config.history = 2;
    config.ping_interval_ms = 3_600_000;
    let mut session = Session::new(config, 42);
    session.start(now);
    let sent = log_in(&mut session, VIEWER_SESSION, now);
    let joins = joins(&sent);
    assert_eq!(joins.len(), 1, "{sent:?}");
    (session, joins[0].clone())
}

/// Replays the server's side of `fixture` up to the room's first presence; what was sent.
fn log_in(session: &mut Session, fixture: &str, now: u64) -> Vec<String> {
    let mut sent = drain(session).0;
    for frame in frames(fixture).filter(|f| !f.sent) {
        if frame.text.starts_with("<presence") {
            break;
        }
        session.handle_frame(frame.text, now);
        sent.extend(drain(session).0);
    }
    assert_eq!(session.state(), SessionState::Joining);
    sent
}

/// The join presences among `sent`.
fn joins(sent: &[String]) -> Vec<String> {
    sent.iter()
        .filter(|f| f.starts_with("<presence") && f.contains("'http://jabber.org/protocol/muc'"))
        .cloned()
        .collect()
}

/// The id of the self-ping (XEP-0410) among `sent`, if one went out.
fn self_ping(sent: &[String]) -> Option<String> {
    sent.iter()
        .map(|f| f.parse::<Element>().unwrap())
        .find(|iq| {
            iq.name() == "iq"
                && iq.attr("to") == Some(ME)
                && iq.children().any(|c| c.is("ping", "urn:xmpp:ping"))
        })
        .map(|iq| iq.attr("id").unwrap().to_owned())
}

/// The room's answer to a self-ping from someone who is not in it.
fn not_an_occupant(id: &str) -> String {
    format!(
        "<iq xmlns='jabber:client' type='error' id='{id}' from='{ME}'>\
         <error type='cancel'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\
         </error></iq>"
    )
}

/// The room's answer to a self-ping from an occupant.
fn an_occupant(id: &str) -> String {
    format!("<iq xmlns='jabber:client' type='result' id='{id}' from='{ME}'/>")
}

/// The room's recorded answer to the viewer's join: the occupants' presences, ours (status 110),
/// the history and the subject.
fn room_answer() -> Vec<&'static str> {
    let mut answer = Vec::new();
    for frame in frames(VIEWER_SESSION).filter(|f| !f.sent) {
        if frame.text.starts_with("<presence") || !answer.is_empty() {
            answer.push(frame.text);
        }
        if frame.text.contains("<subject") {
            break;
        }
    }
    answer
}

/// Hands `frames` to the session at `now`; what it sent and said on the way.
fn receive(session: &mut Session, frames: &[&str], now: u64) -> (Vec<String>, Vec<Event>) {
    let (mut sent, mut events) = (Vec::new(), Vec::new());
    for frame in frames {
        session.handle_frame(frame, now);
        let (s, e) = drain(session);
        sent.extend(s);
        events.extend(e);
    }
    (sent, events)
}

/// Runs the caller's timer up to `until`, as a shell does: each deadline the session asks for, in
/// turn. What it sent and said on the way.
fn wait_until(session: &mut Session, until: u64) -> (Vec<String>, Vec<Event>) {
    let (mut sent, mut events) = (Vec::new(), Vec::new());
    for _ in 0..100 {
        match session.poll_timeout() {
            Some(due) if due <= until => session.handle_timeout(due),
            _ => return (sent, events),
        }
        let (s, e) = drain(session);
        sent.extend(s);
        events.extend(e);
    }
    panic!(
        "a deadline that does not move: {:?}",
        session.poll_timeout()
    );
}

fn joined_events(events: &[Event]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, Event::Joined { .. }))
        .count()
}

fn errors(events: &[Event]) -> Vec<&SessionError> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Error(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// The groupchat messages among `sent`.
fn messages(sent: &[String]) -> Vec<&String> {
    sent.iter().filter(|f| f.starts_with("<message")).collect()
}

/// How many of the messages among `sent` carry this origin-id.
fn copies(sent: &[String], origin_id: &str) -> usize {
    let origin_id = format!("<origin-id xmlns='urn:xmpp:sid:0' id='{origin_id}'/>");
    messages(sent)
        .into_iter()
        .filter(|f| f.contains(&origin_id))
        .count()
}

fn bodies(session: &Session) -> Vec<&str> {
    let log = session.room().log();
    log.messages().map(|m| m.body.as_str()).collect()
}

/// At the deadline the session asks the room, and sends its join again only on the room's word
/// that it does not have it: the same presence, so the same nickname and the same history.
#[test]
fn an_unanswered_join_is_asked_about_then_sent_again() {
    let (mut session, join) = joining_viewer(T0);
    let (sent, _) = wait_until(&mut session, T0 + ANSWER_WAIT_MS - 1);
    assert!(
        self_ping(&sent).is_none() && joins(&sent).is_empty(),
        "{sent:?}"
    );

    let (sent, events) = wait_until(&mut session, T0 + ANSWER_WAIT_MS);
    let probe = self_ping(&sent).expect("the room asked at the deadline");
    assert!(
        joins(&sent).is_empty(),
        "not sent again before the room says"
    );
    assert!(errors(&events).is_empty(), "{events:?}");

    let now = T0 + ANSWER_WAIT_MS + 40;
    session.handle_frame(&not_an_occupant(&probe), now);
    assert_eq!(joins(&drain(&mut session).0), [join]);
    assert_eq!(session.state(), SessionState::Joining);

    let (_, events) = receive(&mut session, &room_answer(), now + 60);
    assert_eq!(joined_events(&events), 1, "{events:?}");
    assert_eq!(session.state(), SessionState::Joined);
    assert_eq!(bodies(&session), ["history 2", "history 3"]);
    // In the room: nothing of the join is due any more.
    let (sent, events) = wait_until(&mut session, now + 10 * ANSWER_WAIT_MS);
    assert!(
        self_ping(&sent).is_none() && joins(&sent).is_empty(),
        "{sent:?}"
    );
    assert!(errors(&events).is_empty(), "{events:?}");
}

/// The first join's answer arrives after the second join went out, then the second's: the room
/// replays the same presences, history and subject. One joined event, each message once.
#[test]
fn a_late_answer_and_the_answer_to_the_join_sent_again_join_once() {
    let (mut session, _) = joining_viewer(T0);
    let (sent, _) = wait_until(&mut session, T0 + ANSWER_WAIT_MS);
    let now = T0 + ANSWER_WAIT_MS + 40;
    session.handle_frame(&not_an_occupant(&self_ping(&sent).unwrap()), now);
    assert_eq!(joins(&drain(&mut session).0).len(), 1);

    let (_, mut events) = receive(&mut session, &room_answer(), now + 1_000);
    events.extend(receive(&mut session, &room_answer(), now + 1_100).1);
    assert_eq!(joined_events(&events), 1, "{events:?}");
    assert!(!events.contains(&Event::OwnRoleChanged), "{events:?}");
    assert_eq!(bodies(&session), ["history 2", "history 3"]);
    assert_eq!(session.room().occupant_count(), 2);
    assert_eq!(session.state(), SessionState::Joined);
}

/// A room that is only slow (a server busy with a storm of joins) answers the self-ping after the
/// join, in turn: the join is never sent twice, which would give that server a second join to
/// handle, and nothing else is asked while the first question waits.
#[test]
fn a_slow_room_is_not_sent_the_join_again() {
    let (mut session, _) = joining_viewer(T0);
    let (sent, _) = wait_until(&mut session, T0 + ANSWER_WAIT_MS);
    let probe = self_ping(&sent).unwrap();
    // Well past a minute (Prosody answers the last of 450 joins after about one): still waiting,
    // and the viewer is not told to reload, which would add a join to the storm.
    let (sent, events) = wait_until(&mut session, T0 + 6 * ANSWER_WAIT_MS);
    assert!(sent.is_empty(), "{sent:?}");
    assert!(errors(&events).is_empty(), "{events:?}");
    assert_eq!(session.state(), SessionState::Joining);

    let now = T0 + 6 * ANSWER_WAIT_MS + 500;
    let (_, events) = receive(&mut session, &room_answer(), now);
    session.handle_frame(&an_occupant(&probe), now);
    let (sent, _) = drain(&mut session);
    assert!(joins(&sent).is_empty(), "{sent:?}");
    assert_eq!(joined_events(&events), 1);
    assert_eq!(session.state(), SessionState::Joined);
}

/// A room that answers neither the join nor the ping about it is waited for five minutes (15
/// deadlines after the first), then the viewer is told; its answer after that still joins.
#[test]
fn a_room_silent_for_five_minutes_fails() {
    let (mut session, _) = joining_viewer(T0);
    let (sent, _) = wait_until(&mut session, T0 + ANSWER_WAIT_MS);
    assert!(self_ping(&sent).is_some());
    let last = T0 + 16 * ANSWER_WAIT_MS;
    let (sent, events) = wait_until(&mut session, last - 1);
    assert!(sent.is_empty(), "{sent:?}");
    assert!(errors(&events).is_empty(), "{events:?}");
    let (sent, events) = wait_until(&mut session, last);
    assert!(sent.is_empty(), "{sent:?}");
    assert_eq!(
        errors(&events),
        [&SessionError::JoinUnanswered],
        "{events:?}"
    );
    assert_eq!(session.state(), SessionState::NotInRoom);

    let (_, events) = receive(&mut session, &room_answer(), last + 1_000);
    assert_eq!(joined_events(&events), 1, "{events:?}");
    assert_eq!(session.state(), SessionState::Joined);
}

/// Three joins, none answered: each asked about and sent again, then the failure the viewer
/// reads, the session out of the room; returns it with the time and the events.
fn never_answered() -> (Session, u64, Vec<Event>) {
    let (mut session, join) = joining_viewer(T0);
    let (now, events) = give_up(&mut session, join);
    (session, now, events)
}

/// The room answers neither `join` (sent at `T0`) nor the two sent again after it; nothing typed
/// meanwhile goes out. Returns the time the viewer is told, and the events from the last deadline.
fn give_up(session: &mut Session, join: String) -> (u64, Vec<Event>) {
    let mut sent_joins = vec![join.clone()];
    let mut now = T0;
    for _ in 0..2 {
        let (sent, events) = wait_until(session, now + ANSWER_WAIT_MS);
        assert!(errors(&events).is_empty(), "{events:?}");
        assert!(messages(&sent).is_empty(), "{sent:?}");
        now += ANSWER_WAIT_MS + 40;
        session.handle_frame(&not_an_occupant(&self_ping(&sent).unwrap()), now);
        sent_joins.extend(joins(&drain(session).0));
    }
    assert_eq!(sent_joins, [join.clone(), join.clone(), join]);
    assert_eq!(session.state(), SessionState::Joining);

    let (sent, events) = wait_until(session, now + ANSWER_WAIT_MS);
    assert!(
        self_ping(&sent).is_none() && joins(&sent).is_empty() && messages(&sent).is_empty(),
        "{sent:?}"
    );
    assert_eq!(
        errors(&events),
        [&SessionError::JoinUnanswered],
        "{events:?}"
    );
    assert!(events.contains(&Event::State(SessionState::NotInRoom)));
    assert_eq!(session.state(), SessionState::NotInRoom);
    (now + ANSWER_WAIT_MS, events)
}

#[test]
fn a_join_never_answered_fails_after_three_joins() {
    let (mut session, now, _) = never_answered();
    // Nothing of the join is due any more.
    let (sent, events) = wait_until(&mut session, now + 10 * ANSWER_WAIT_MS);
    assert!(sent.is_empty(), "{sent:?}");
    assert!(events.is_empty(), "{events:?}");
    let next = session.poll_timeout().unwrap();
    assert!(
        next > now + 3_000_000,
        "only the keep-alive, an hour on: {next}"
    );
}

/// Giving up tells the viewer; it does not stop the room from answering. An answer after the
/// failure joins (else the room would count a viewer who sees nothing of it), and what was typed
/// meanwhile goes out once its history is in.
#[test]
fn an_answer_after_the_failure_still_joins() {
    let (mut session, now, _) = never_answered();
    let typed = session.send_message("still there?").unwrap();
    assert!(
        drain(&mut session).0.is_empty(),
        "not sent to a room we are not in"
    );

    let (sent, events) = receive(&mut session, &room_answer(), now + 5_000);
    assert_eq!(joined_events(&events), 1, "{events:?}");
    assert_eq!(session.state(), SessionState::Joined);
    assert_eq!(bodies(&session), ["history 2", "history 3"]);
    assert!(
        !session.replaying_history(),
        "the subject ended the history"
    );
    assert_eq!(copies(&sent, &typed), 1, "{sent:?}");
}

/// Under load a room answers late (Prosody's join takes 6 to 12 s at p50 in a storm of 450
/// joins). What the viewer typed meanwhile waits for the answer and the history after it, then
/// goes out once: sent earlier, it would reach a room we are not in, and come back refused.
#[test]
fn what_is_typed_during_a_slow_join_waits_for_the_answer_and_its_history() {
    let (mut session, _) = joining_viewer(T0);
    wait_until(&mut session, T0 + 1_000);
    let typed = session.send_message("typed while joining").unwrap();
    let (sent, _) = drain(&mut session);
    let (sent_later, events) = wait_until(&mut session, T0 + 8_000);
    assert!(
        messages(&sent).is_empty() && messages(&sent_later).is_empty(),
        "{sent_later:?}"
    );
    assert!(errors(&events).is_empty(), "{events:?}");

    let answer = room_answer();
    let (subject, presences_and_history) = answer.split_last().unwrap();
    let (sent, events) = receive(&mut session, presences_and_history, T0 + 8_000);
    assert_eq!(joined_events(&events), 1, "{events:?}");
    assert_eq!(bodies(&session), ["history 2", "history 3"]);
    assert!(
        messages(&sent).is_empty(),
        "not before the history: {sent:?}"
    );
    let (sent, _) = receive(&mut session, &[subject], T0 + 8_050);
    assert_eq!(copies(&sent, &typed), 1, "{sent:?}");

    let (sent, events) = wait_until(&mut session, T0 + 10 * ANSWER_WAIT_MS);
    assert!(messages(&sent).is_empty(), "once: {sent:?}");
    assert!(
        !events.iter().any(|e| matches!(e, Event::SendFailed { .. })),
        "{events:?}"
    );
    let waiting: Vec<_> = session.outbox().iter().collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(
        waiting[0].state,
        OutgoingState::Sent,
        "waiting for its echo"
    );
}

/// A join answered at once keeps its timing: what was typed goes out when the subject ends the
/// history, or, from a room that sends neither history nor subject, 5 s after its answer.
#[test]
fn what_is_typed_during_a_fast_join_goes_out_after_its_history() {
    let (mut session, _) = joining_viewer(T0);
    let typed = session.send_message("typed while joining").unwrap();
    let answer = room_answer();
    let (subject, presences_and_history) = answer.split_last().unwrap();
    let (sent, _) = receive(&mut session, presences_and_history, T0 + 100);
    assert!(messages(&sent).is_empty(), "{sent:?}");
    let (sent, _) = receive(&mut session, &[subject], T0 + 150);
    assert_eq!(copies(&sent, &typed), 1, "{sent:?}");

    let (mut session, _) = joining_viewer(T0);
    let typed = session.send_message("typed while joining").unwrap();
    let presences: Vec<&str> = answer
        .into_iter()
        .filter(|f| f.starts_with("<presence"))
        .collect();
    receive(&mut session, &presences, T0 + 100);
    assert!(session.replaying_history());
    let answered = T0 + 100;
    let (sent, _) = wait_until(&mut session, answered + HISTORY_WAIT_MS - 1);
    assert!(
        messages(&sent).is_empty(),
        "the wait counts from the answer: {sent:?}"
    );
    let (sent, _) = wait_until(&mut session, answered + HISTORY_WAIT_MS);
    assert_eq!(copies(&sent, &typed), 1, "{sent:?}");
    assert!(!session.replaying_history());
}

/// A join the room refuses (a full room, here) or never answers: what was typed will not go out.
/// It stays in the outbox marked as not delivered, for the viewer to retry or discard.
#[test]
fn what_is_typed_during_a_failed_join_is_reported_not_delivered() {
    let (mut session, _) = joining_viewer(T0);
    let typed = session.send_message("typed while joining").unwrap();
    let full = format!(
        "<presence xmlns='jabber:client' from='{ME}' type='error'><error type='wait'>\
         <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>"
    );
    let (sent, events) = receive(&mut session, &[&full], T0 + 100);
    assert!(sent.is_empty(), "{sent:?}");
    assert_eq!(session.state(), SessionState::NotInRoom);
    assert_not_delivered(&session, &events, &typed, "service-unavailable");
    let (sent, _) = wait_until(&mut session, T0 + 10 * ANSWER_WAIT_MS);
    assert!(messages(&sent).is_empty(), "{sent:?}");

    let (mut session, join) = joining_viewer(T0);
    let typed = session.send_message("typed while joining").unwrap();
    let (_, events) = give_up(&mut session, join);
    assert_not_delivered(&session, &events, &typed, "remote-server-timeout");
}

/// `origin_id` waits in the outbox, failed because we are not in the room, and `events` said so.
fn assert_not_delivered(session: &Session, events: &[Event], origin_id: &str, condition: &str) {
    let item = session.outbox().iter().find(|o| o.origin_id == origin_id);
    let item = item.expect("kept in the outbox");
    assert!(
        matches!(&item.state, OutgoingState::Failed { condition: c, .. } if c == condition),
        "{item:?}"
    );
    assert_eq!(item.refusal, Some(Refusal::NotInRoom));
    assert!(events.contains(&Event::OutboxChanged), "{events:?}");
    let reported = events.iter().any(|e| {
        matches!(e, Event::SendFailed { origin_id: id, refusal: Refusal::NotInRoom, .. }
            if id == origin_id)
    });
    assert!(reported, "{events:?}");
}

/// A new stream (an anonymous login cannot resume) joins anew: the old join's deadline does not
/// fall during the login, and the new join has a wait and three attempts of its own.
#[test]
fn a_new_stream_waits_for_its_own_join() {
    let (mut session, join) = joining_viewer(T0);
    let (sent, _) = wait_until(&mut session, T0 + ANSWER_WAIT_MS);
    assert!(self_ping(&sent).is_some());
    session.handle_closed();

    let now = T0 + ANSWER_WAIT_MS + 1_000;
    session.restart(now);
    assert_eq!(
        session.poll_timeout(),
        Some(now + 3_600_000),
        "nothing of the old join while logging in"
    );
    let sent = log_in(&mut session, VIEWER_SESSION, now);
    assert_eq!(joins(&sent).len(), 1, "{sent:?}");
    let (sent, _) = wait_until(&mut session, now + ANSWER_WAIT_MS - 1);
    assert!(self_ping(&sent).is_none(), "{sent:?}");
    let (sent, _) = wait_until(&mut session, now + ANSWER_WAIT_MS);
    let probe = self_ping(&sent).expect("the new join's own deadline");
    session.handle_frame(&not_an_occupant(&probe), now + ANSWER_WAIT_MS);
    assert_eq!(joins(&drain(&mut session).0), [join]);
}

/// XEP-0198: a stream resumed while the join's answer was on its way is still joining (the
/// server delivers what it had queued for us), and the wait counts from the resumption.
#[test]
fn a_stream_resumed_while_joining_keeps_waiting_for_the_answer() {
    let mut session = moderator(false);
    let mut received = frames(MODERATOR_SESSION)
        .filter(|f| !f.sent)
        .map(|f| f.text);
    for frame in received.by_ref() {
        session.handle_frame(frame, T0);
        if frame.starts_with("<enabled") {
            break;
        }
    }
    assert_eq!(session.state(), SessionState::Joining);
    assert!(session.can_resume());
    let own_presence = received
        .find(|f| f.starts_with("<presence") && f.contains("code='110'"))
        .unwrap();
    drain(&mut session);

    session.handle_closed();
    let now = T0 + 5_000;
    restart_until_resume(&mut session, now);
    session.handle_frame(
        "<resumed xmlns='urn:xmpp:sm:3' h='0' previd='4EXinxABeAa9'/>",
        now,
    );
    let (sent, _) = drain(&mut session);
    assert!(joins(&sent).is_empty(), "the old join stands: {sent:?}");
    assert_eq!(session.state(), SessionState::Joining);
    let deadlines = wait_until(&mut session, now + ANSWER_WAIT_MS - 1);
    assert!(errors(&deadlines.1).is_empty(), "{deadlines:?}");
    assert!(
        !deadlines.0.iter().any(|f| f.contains("urn:xmpp:ping")),
        "the wait counts from the resumption: {deadlines:?}"
    );

    let (_, events) = receive(&mut session, &[own_presence], now + 100);
    assert_eq!(joined_events(&events), 1, "{events:?}");
    assert_eq!(session.state(), SessionState::Joined);
}

/// Leaving ends the wait: a close while joining, and a nickname the room refused (it answered;
/// the caller's next nickname is a new join).
#[test]
fn closing_or_a_refusal_ends_the_wait() {
    let (mut session, _) = joining_viewer(T0);
    session.close();
    drain(&mut session);
    let (sent, events) = wait_until(&mut session, T0 + 4 * ANSWER_WAIT_MS);
    assert!(sent.is_empty(), "{sent:?}");
    assert!(errors(&events).is_empty(), "{events:?}");

    let (mut session, _) = joining_viewer(T0);
    session.handle_frame(
        &format!(
            "<presence xmlns='jabber:client' from='{ME}' type='error'>\
             <error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\
             </error></presence>"
        ),
        T0 + 100,
    );
    // An automatic nickname taken: drawn again and joined at once, with a wait of its own.
    let (sent, _) = drain(&mut session);
    assert_eq!(joins(&sent).len(), 1, "{sent:?}");
    let pinged = |sent: &[String]| sent.iter().any(|f| f.contains("urn:xmpp:ping"));
    let (sent, _) = wait_until(&mut session, T0 + 100 + ANSWER_WAIT_MS - 1);
    assert!(!pinged(&sent), "{sent:?}");
    let (sent, _) = wait_until(&mut session, T0 + 100 + ANSWER_WAIT_MS);
    assert!(pinged(&sent), "{sent:?}");

    let mut config = Config::anonymous("anon.localhost", "live@room.localhost".parse().unwrap());
    config.nickname = Some("Camille".into());
    config.ping_interval_ms = 3_600_000;
    let mut session = Session::new(config, 42);
    session.start(T0);
    log_in(&mut session, VIEWER_SESSION, T0);
    session.handle_frame(
        "<presence xmlns='jabber:client' from='live@room.localhost/Camille' type='error'>\
         <error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>",
        T0 + 100,
    );
    drain(&mut session);
    let (sent, events) = wait_until(&mut session, T0 + 4 * ANSWER_WAIT_MS);
    assert!(sent.is_empty(), "the room answered: {sent:?}");
    assert!(errors(&events).is_empty(), "{events:?}");
}
