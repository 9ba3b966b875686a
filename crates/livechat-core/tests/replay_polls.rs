//! Polls (the plugin's `mod_muc_poll`) on a recorded session: the poll as room state, its lines in
//! the log, votes and what the room answers them, and the owner's form.

use livechat_core::event::Event;
use livechat_core::{MessageKind, Refusal, Session};

mod common;
use common::plugin::{refusal, room_info, sent, t0_s, PollFrame, POLL_FEATURE, ROOM};
use common::recorded::{drain, joined_moderator, joined_viewer, T0};

const START_BODY: &str = "Which map?\n1: Desert\n2: Snow\nSend a message with an exclamation mark \
                          followed by your choice number to vote. Example: !1\n";

fn poll(votes: [u32; 2], over: bool, body: Option<&'static str>) -> PollFrame<'static> {
    let choices: &'static [(&str, u32)] =
        Box::leak(Box::new([("Desert", votes[0]), ("Snow", votes[1])]));
    PollFrame {
        author: "Alice",
        id: "p1",
        question: "Which map?",
        choices,
        end_s: t0_s() + 600,
        over,
        body,
        delay: None,
    }
}

/// The recorded viewer, in a room that runs polls, with a poll started by Alice.
fn viewer_with_poll() -> (Session, u64) {
    let mut session = joined_viewer();
    let now = room_info(&mut session, T0, &[POLL_FEATURE], &[]);
    session.handle_frame(&poll([0, 0], false, Some(START_BODY)).frame(), now);
    drain(&mut session);
    (session, now)
}

#[test]
fn the_running_poll_is_room_state_and_its_start_one_short_line() {
    let mut session = joined_viewer();
    let now = room_info(&mut session, T0, &[POLL_FEATURE], &[]);
    drain(&mut session);
    let before = session.room().log().len();
    session.handle_frame(&poll([0, 0], false, Some(START_BODY)).frame(), now);
    let (_, events) = drain(&mut session);
    assert!(events.contains(&Event::PollChanged) && events.contains(&Event::LogChanged));
    let running = session.room().poll().unwrap().clone();
    assert_eq!(running.question, "Which map?");
    assert_eq!(running.author, "Alice");
    assert_eq!(running.ends_at_ms, Some((t0_s() + 600) * 1000));
    assert!(!running.over && running.anonymous.is_none());
    // The start is one log entry that knows it is a poll, its text kept for other renderings.
    let line = session.room().log().messages().last().unwrap().clone();
    assert_eq!(session.room().log().len(), before + 1);
    assert!(matches!(&line.kind, MessageKind::Poll(p) if p.question == "Which map?" && !p.over));
    assert!(
        line.body.contains("1: Desert\n2: Snow\n"),
        "line breaks kept: {:?}",
        line.body
    );

    // Updates (no body, no-store hints) change the counts, not the log.
    session.handle_frame(&poll([1, 2], false, None).frame(), now + 5_000);
    let (_, events) = drain(&mut session);
    assert_eq!(events, [Event::PollChanged]);
    assert_eq!(session.room().log().len(), before + 1);
    let counts: Vec<_> = session
        .room()
        .poll()
        .unwrap()
        .choices
        .iter()
        .map(|c| c.votes)
        .collect();
    assert_eq!(
        (counts, session.room().poll().unwrap().votes),
        (vec![1, 2], 3)
    );

    // The end: over, with the result in the banner and in the log.
    let end_body =
        "Which map?\nThis poll is now over.\n1: Desert (1/3 = 33.33%)\n2: Snow (2/3 = 66.67%)\n";
    session.handle_frame(&poll([1, 2], true, Some(end_body)).frame(), now + 9_000);
    assert!(session.room().poll().unwrap().over);
    let line = session.room().log().messages().last().unwrap();
    assert!(matches!(&line.kind, MessageKind::Poll(p) if p.over && p.votes == 3));
    // Once over, `!1` is a message like any other.
    assert_eq!(session.room().vote_in("!1"), None);
}

#[test]
fn an_old_poll_of_the_history_stays_in_the_log_and_a_newcomer_gets_the_running_one() {
    let mut session = joined_viewer();
    let now = room_info(&mut session, T0, &[POLL_FEATURE], &[]);
    let mut old = poll([0, 0], false, Some(START_BODY));
    old.id = "p0";
    old.delay = Some("2030-03-17T17:30:00Z"); // a quarter of an hour before T0
    session.handle_frame(&old.frame(), now);
    assert_eq!(
        session.room().poll(),
        None,
        "not the banner: it may be long over"
    );
    assert!(matches!(
        session.room().log().messages().last().unwrap().kind,
        MessageKind::Poll(_)
    ));
    // What the room sends a newcomer after the subject: the running poll, no body.
    session.handle_frame(&poll([4, 1], false, None).frame(), now);
    assert_eq!(session.room().poll().unwrap().votes, 5);
}

#[test]
fn an_anonymous_vote_bounces_with_a_warning_and_counts() {
    let (mut session, now) = viewer_with_poll();
    assert_eq!(
        session.room().vote_in(" !2 "),
        Some(2),
        "no slow-mode countdown for it"
    );
    let id = session.vote(2).unwrap();
    let frames = sent(&mut session);
    assert_eq!(frames.len(), 1);
    assert_eq!(
        frames[0].get_child("body", "jabber:client").unwrap().text(),
        "!2"
    );
    assert!(
        session.outbox().is_empty(),
        "a vote does not wait in the outbox"
    );
    let warning = "Your vote is taken into account. Votes are anonymous, they will not be shown to other participants.";
    session.handle_frame(
        &refusal(&id, "continue", "undefined-condition", warning),
        now,
    );
    let (_, events) = drain(&mut session);
    assert!(
        events.contains(&Event::VoteResult {
            choice: 2,
            result: Ok(())
        }),
        "{events:?}"
    );
    assert!(!events.iter().any(|e| matches!(e, Event::SendFailed { .. })));
    let running = session.room().poll().unwrap();
    assert_eq!((running.my_vote, running.anonymous), (Some(2), Some(true)));
    // The next update keeps what we learnt.
    session.handle_frame(&poll([0, 1], false, None).frame(), now);
    assert_eq!(session.room().poll().unwrap().my_vote, Some(2));
}

#[test]
fn an_open_vote_comes_back_as_a_vote_line() {
    let (mut session, now) = viewer_with_poll();
    // Typed in the composer, it is the same vote.
    let id = session.send_message("!1").unwrap();
    assert!(session.outbox().is_empty());
    let echo = format!(
        "<message xmlns='jabber:client' from='{ROOM}/Anonymous 939842' type='groupchat' id='{id}'>\
         <body>!1</body><origin-id xmlns='urn:xmpp:sid:0' id='{id}'/></message>"
    );
    drain(&mut session);
    session.handle_frame(&echo, now);
    let (_, events) = drain(&mut session);
    assert!(events.contains(&Event::VoteResult {
        choice: 1,
        result: Ok(())
    }));
    let line = session.room().log().messages().last().unwrap();
    assert_eq!(
        (line.kind.clone(), line.own),
        (MessageKind::Vote { choice: 1 }, true)
    );
    assert_eq!(session.room().poll().unwrap().anonymous, Some(false));
    // Another viewer's vote is a vote line too; a number the poll does not have is chat.
    let other = |id: &str, body: &str| {
        format!("<message xmlns='jabber:client' from='{ROOM}/Bob' type='groupchat' id='{id}'><body>{body}</body></message>")
    };
    session.handle_frame(&other("b1", "!2"), now);
    assert_eq!(
        session.room().log().messages().last().unwrap().kind,
        MessageKind::Vote { choice: 2 }
    );
    session.handle_frame(&other("b2", "!9"), now);
    assert_eq!(
        session.room().log().messages().last().unwrap().kind,
        MessageKind::Chat
    );
}

#[test]
fn votes_the_room_cannot_take_are_refused() {
    let (mut session, now) = viewer_with_poll();
    assert_eq!(session.vote(7), None);
    assert_eq!(sent(&mut session).len(), 0, "no such choice: nothing sent");
    assert!(
        session.poll_event()
            == Some(Event::VoteResult {
                choice: 7,
                result: Err(Refusal::InvalidChoice)
            })
    );
    // The room ended it before its end message came.
    let id = session.vote(1).unwrap();
    session.handle_frame(
        &refusal(&id, "cancel", "not-allowed", "This poll is now over."),
        now,
    );
    let (_, events) = drain(&mut session);
    assert!(events.contains(&Event::VoteResult {
        choice: 1,
        result: Err(Refusal::PollOver)
    }));
    // Over: refused at once.
    session.handle_frame(&poll([1, 0], true, Some("over")).frame(), now);
    drain(&mut session);
    assert_eq!(session.vote(1), None);
    let (sent, events) = drain(&mut session);
    assert!(sent.is_empty());
    assert_eq!(
        events,
        [Event::VoteResult {
            choice: 1,
            result: Err(Refusal::PollOver)
        }]
    );
    // `!1` after the end is a message of the outbox.
    session.send_message("!1").unwrap();
    assert_eq!(session.outbox().len(), 1);
}

#[test]
fn a_poll_mark_where_the_room_runs_no_polls_is_a_message() {
    let mut session = joined_viewer();
    let now = room_info(&mut session, T0, &[], &[]);
    session.handle_frame(&poll([0, 0], false, Some("fake poll")).frame(), now);
    assert_eq!(session.room().poll(), None);
    let line = session.room().log().messages().last().unwrap();
    assert_eq!(
        (line.body.as_str(), line.kind.clone()),
        ("fake poll", MessageKind::Chat)
    );
    // A room that stops running polls takes the banner away.
    let (mut session, now) = viewer_with_poll();
    room_info(&mut session, now, &[], &[]);
    assert_eq!(session.room().poll(), None);
    assert!(drain(&mut session).1.contains(&Event::PollChanged));
}

#[test]
fn an_owner_fetches_the_form_and_creates_a_poll() {
    let mut session = joined_moderator();
    let now = room_info(&mut session, T0, &[POLL_FEATURE], &[]);
    drain(&mut session);
    assert!(session.room().am_admin());
    session.poll_form();
    let get = sent(&mut session).remove(0);
    assert_eq!(get.attr("type"), Some("get"));
    assert!(get.get_child("query", POLL_FEATURE).is_some());
    let form = format!(
        "<iq xmlns='jabber:client' type='result' id='{}' from='{ROOM}'><query xmlns='{POLL_FEATURE}'>\
         <x xmlns='jabber:x:data' type='form'><title>New poll</title>\
         <field var='FORM_TYPE' type='hidden'><value>{POLL_FEATURE}</value></field>\
         <field var='muc#roompoll_question' type='text-single' label='Question'><required/></field>\
         <field var='muc#roompoll_anonymous' type='boolean' label='Anonymous results'><value>1</value></field>\
         </x></query></iq>",
        get.attr("id").unwrap()
    );
    session.handle_frame(&form, now);
    let Some(Event::PollForm(Ok(form))) = drain(&mut session).1.pop() else {
        panic!("the form")
    };
    assert_eq!(
        form.field("muc#roompoll_anonymous").unwrap().value(),
        Some("1")
    );
    assert!(form.field("muc#roompoll_question").unwrap().required);

    // Checked before it goes out.
    session.create_poll("Best?", 5, true, &["Only one", "  "]);
    assert!(sent(&mut session).is_empty());
    assert!(matches!(
        session.poll_event(),
        Some(Event::PollCreated(Err(_)))
    ));

    session.create_poll("Which map?", 10, true, &["Desert", "Snow", ""]);
    let set = sent(&mut session).remove(0);
    let fields: Vec<(String, String)> = set
        .get_child("query", POLL_FEATURE)
        .and_then(|q| q.get_child("x", "jabber:x:data"))
        .unwrap()
        .children()
        .map(|f| {
            (
                f.attr("var").unwrap().to_owned(),
                f.children().next().unwrap().text(),
            )
        })
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("FORM_TYPE", POLL_FEATURE),
            ("muc#roompoll_question", "Which map?"),
            ("muc#roompoll_duration", "10"),
            ("muc#roompoll_anonymous", "1"),
            ("muc#roompoll_choice1", "Desert"),
            ("muc#roompoll_choice2", "Snow"),
        ]
    );
    // The room starts it (under Alice's nickname), then answers the iq.
    session.handle_frame(&poll([0, 0], false, Some(START_BODY)).frame(), now);
    let result = format!(
        "<iq xmlns='jabber:client' type='result' id='{}' from='{ROOM}'/>",
        set.attr("id").unwrap()
    );
    session.handle_frame(&result, now);
    let (_, events) = drain(&mut session);
    assert!(events.contains(&Event::PollCreated(Ok(()))), "{events:?}");
    assert_eq!(
        session.room().poll().unwrap().anonymous,
        Some(true),
        "we made it so"
    );
}

#[test]
fn a_viewer_is_refused_the_form() {
    let mut session = joined_viewer();
    drain(&mut session);
    session.poll_form();
    let get = sent(&mut session).remove(0);
    let refused = format!(
        "<iq xmlns='jabber:client' type='error' id='{}' from='{ROOM}'><error type='auth'>\
         <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>",
        get.attr("id").unwrap()
    );
    session.handle_frame(&refused, T0);
    assert_eq!(
        drain(&mut session).1,
        [Event::PollForm(Err("forbidden".into()))]
    );
}
