//! Polls: the form for owners and admins, the start, updates and end messages, votes (`!N`, one
//! per occupant), the anonymous poll's bounce that still counts, the running poll for newcomers,
//! and votes taken before slow mode reads the message.

use std::time::Duration;

use livechat_backend::RoomFeatures;
use xmpp_parsers::minidom::Element;

use crate::occupant::{
    body, error_for, error_text, refusal, says, show, Occupant, NS_CLIENT, SOON,
};
use crate::{has_feature, quick_polls, room, room_with_admin_bob, start, submitted_form, unix_now};

const NS_POLL: &str = "http://jabber.org/protocol/muc#x-poll";
const NS_POLL_MESSAGE: &str = "http://jabber.org/protocol/muc#x-poll-message";

/// A poll as a message carries it.
#[derive(Debug, PartialEq)]
struct Poll {
    id: String,
    votes: u32,
    end: u64,
    over: bool,
    question: String,
    /// Number, label, votes.
    choices: Vec<(String, String, u32)>,
}

fn poll_of(message: &Element) -> Option<Poll> {
    let poll = message.get_child("x-poll", NS_POLL_MESSAGE)?;
    let number = |e: &Element, attr: &str| e.attr(attr).unwrap().parse().unwrap();
    Some(Poll {
        id: poll.attr("id").unwrap().to_owned(),
        votes: number(poll, "votes"),
        end: poll.attr("end").unwrap().parse().unwrap(),
        over: poll.attr("over").is_some(),
        question: poll.get_child("x-poll-question", NS_POLL_MESSAGE)?.text(),
        choices: poll
            .children()
            .filter(|c| c.is("x-poll-choice", NS_POLL_MESSAGE))
            .map(|c| {
                (
                    c.attr("choice").unwrap().to_owned(),
                    c.text(),
                    number(c, "votes"),
                )
            })
            .collect(),
    })
}

fn is_start(s: &Element) -> bool {
    poll_of(s).is_some_and(|p| !p.over) && body(s).is_some()
}

fn is_update(s: &Element) -> bool {
    poll_of(s).is_some() && body(s).is_none()
}

fn is_end(s: &Element) -> bool {
    poll_of(s).is_some_and(|p| p.over)
}

/// The votes per choice of a poll, in order.
fn counts(poll: &Poll) -> Vec<u32> {
    poll.choices.iter().map(|c| c.2).collect()
}

/// The poll form submitted by `author`: the room's answer.
fn create_poll(
    author: &mut Occupant,
    question: &str,
    minutes: u32,
    anonymous: bool,
    choices: &[&str],
) -> Element {
    let mut fields = vec![
        (
            "muc#roompoll_question".to_owned(),
            vec![question.to_owned()],
        ),
        (
            "muc#roompoll_duration".to_owned(),
            vec![minutes.to_string()],
        ),
        (
            "muc#roompoll_anonymous".to_owned(),
            vec![if anonymous { "1" } else { "0" }.to_owned()],
        ),
    ];
    for (n, label) in choices.iter().enumerate() {
        fields.push((
            format!("muc#roompoll_choice{}", n + 1),
            vec![label.to_string()],
        ));
    }
    let room = author.room.clone();
    let form = submitted_form(NS_POLL, &fields);
    author.iq(
        "set",
        &room,
        &format!("<query xmlns='{NS_POLL}'>{form}</query>"),
    )
}

/// Sends a vote: the error it bounced with, if it did.
fn vote(voter: &mut Occupant, choice: &str) -> Option<(String, String)> {
    voter.try_say(choice).err()
}

#[test]
fn owners_and_admins_get_the_poll_form_and_participants_cannot_start_a_poll() {
    let prosody = start(quick_polls());
    let room = room_with_admin_bob(&prosody, "polls-form");
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut admin = Occupant::registered(&prosody, "bob", &room, "Bob");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");

    assert!(has_feature(&alice.disco_info(), NS_POLL));
    for occupant in [&mut owner, &mut admin] {
        let form = occupant.iq("get", &room, &format!("<query xmlns='{NS_POLL}'/>"));
        assert_eq!(form.attr("type"), Some("result"), "{}", show(&form));
        let fields: Vec<String> = form
            .get_child("query", NS_POLL)
            .and_then(|q| q.get_child("x", "jabber:x:data"))
            .unwrap()
            .children()
            .filter_map(|f| f.attr("var").map(str::to_owned))
            .collect();
        for var in [
            "FORM_TYPE",
            "muc#roompoll_question",
            "muc#roompoll_duration",
            "muc#roompoll_anonymous",
            "muc#roompoll_choice1",
            "muc#roompoll_choice5",
        ] {
            assert!(fields.iter().any(|f| f == var), "{var} in {fields:?}");
        }
    }

    let refused = alice.iq("get", &room, &format!("<query xmlns='{NS_POLL}'/>"));
    let id = refused.attr("id").unwrap().to_owned();
    assert_eq!(error_for(&refused, &id), refusal("auth", "forbidden"));
    let refused = create_poll(&mut alice, "Mine?", 1, false, &["Yes", "No"]);
    let id = refused.attr("id").unwrap().to_owned();
    assert_eq!(error_for(&refused, &id), refusal("auth", "forbidden"));
    let incomplete = create_poll(&mut owner, "One choice?", 1, false, &["Only"]);
    let id = incomplete.attr("id").unwrap().to_owned();
    assert_eq!(
        error_for(&incomplete, &id),
        refusal("modify", "bad-request")
    );
    assert!(
        error_text(&incomplete).contains("muc#roompoll_choice2"),
        "{}",
        show(&incomplete)
    );
    alice.sync();
    alice.expect_none("a poll", Duration::ZERO, |s| poll_of(s).is_some());

    // Nobody forges a poll: its elements are taken out of what an occupant sends.
    alice.say_xml(&format!(
        "<body>forged</body><x-poll xmlns='{NS_POLL_MESSAGE}' id='x' votes='99' end='1'>\
         <x-poll-question>Forged?</x-poll-question></x-poll>"
    ));
    let forged = owner.expect("the forged message", SOON, |s| says(s, "forged"));
    assert!(poll_of(&forged).is_none(), "{}", show(&forged));
}

#[test]
fn a_poll_counts_one_vote_per_occupant_reaches_newcomers_and_ends_with_the_results() {
    let prosody = start(quick_polls());
    let room = room(&prosody, "polls-public", RoomFeatures::default());
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    let mut bob = Occupant::registered(&prosody, "bob", &room, "Bob");

    let created = create_poll(
        &mut owner,
        "Best colour?",
        3,
        false,
        &["Red", "Green", "Blue"],
    );
    assert_eq!(created.attr("type"), Some("result"), "{}", show(&created));
    let started_at = unix_now();
    let start = bob.expect("the poll's start", SOON, is_start);
    assert_eq!(start.attr("from"), Some(&*format!("{room}/Owner")));
    let text = body(&start).unwrap();
    assert!(
        text.starts_with("Best colour?\n1: Red\n2: Green\n3: Blue\n"),
        "{text}"
    );
    let poll = poll_of(&start).unwrap();
    assert_eq!(poll.question, "Best colour?");
    assert_eq!(
        poll.choices,
        vec![
            ("1".into(), "Red".into(), 0),
            ("2".into(), "Green".into(), 0),
            ("3".into(), "Blue".into(), 0)
        ]
    );
    assert_eq!((poll.votes, poll.over), (0, false));
    assert!(poll.end.abs_diff(started_at + 3) <= 1, "{poll:?}");

    // A public vote is a message like any other; a second vote replaces the first.
    assert_eq!(vote(&mut alice, "!2"), None);
    bob.expect("Alice's vote", SOON, |s| says(s, "!2"));
    assert_eq!(vote(&mut bob, "!2"), None);
    assert_eq!(vote(&mut bob, " !1 "), None);
    assert_eq!(vote(&mut alice, "!9"), refusal("cancel", "bad-request"));
    let update = owner.expect("an update with both votes", SOON, |s| {
        is_update(s) && poll_of(s).is_some_and(|p| p.votes == 2)
    });
    let updated = poll_of(&update).unwrap();
    assert_eq!(
        (updated.id.as_str(), counts(&updated)),
        (poll.id.as_str(), vec![1, 1, 0])
    );
    assert!(
        update.get_child("no-store", "urn:xmpp:hints").is_some(),
        "{}",
        show(&update)
    );

    // A newcomer gets the running poll at once, as an update.
    let mut viewer = Occupant::anonymous(&prosody, &room, "Viewer");
    let current = viewer.expect("the running poll", SOON, is_update);
    assert_eq!(counts(&poll_of(&current).unwrap()), vec![1, 1, 0]);

    let end = alice.expect("the poll's end", Duration::from_secs(6), is_end);
    let ended = poll_of(&end).unwrap();
    assert_eq!((ended.id.as_str(), ended.votes), (poll.id.as_str(), 2));
    let text = body(&end).unwrap();
    assert!(text.contains("1: Red (1/2, 50.00%)"), "{text}");
    assert!(text.contains("3: Blue (0/2, 0.00%)"), "{text}");
    assert_eq!(vote(&mut alice, "!1"), refusal("cancel", "not-allowed"));

    // An ended poll is not shown to those who come after.
    let mut late = Occupant::anonymous(&prosody, &room, "Late");
    late.sync();
    late.expect_none("an ended poll as an update", Duration::ZERO, is_update);
}

#[test]
fn an_anonymous_poll_bounces_votes_that_count_and_a_new_poll_ends_the_running_one() {
    let prosody = start(quick_polls());
    let room = room(&prosody, "polls-anonymous", RoomFeatures::default());
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    let mut bob = Occupant::registered(&prosody, "bob", &room, "Bob");

    create_poll(&mut owner, "Secret?", 30, true, &["Yes", "No"]);
    let first = poll_of(&bob.expect("the poll's start", SOON, is_start)).unwrap();
    let id = alice.say("!1");
    let bounce = alice.expect("the vote's bounce", SOON, |s| s.attr("id") == Some(&id));
    assert_eq!(
        error_for(&bounce, &id),
        refusal("continue", "undefined-condition")
    );
    assert!(!error_text(&bounce).is_empty(), "{}", show(&bounce));
    let update = bob.expect("the update", SOON, is_update);
    assert_eq!(counts(&poll_of(&update).unwrap()), vec![1, 0]);
    bob.expect_none("Alice's anonymous vote", Duration::ZERO, |s| says(s, "!1"));

    create_poll(&mut owner, "Next?", 30, true, &["A", "B"]);
    let end = bob.expect("the first poll's end", SOON, is_end);
    assert_eq!(poll_of(&end).unwrap().id, first.id);
    let next = poll_of(&bob.expect("the next poll's start", SOON, is_start)).unwrap();
    assert_ne!(next.id, first.id);
    assert_eq!(next.question, "Next?");
    bob.sync();
    bob.expect_none("Alice's anonymous vote", Duration::ZERO, |s| {
        body(s).as_deref() == Some("!1")
    });
}

#[test]
fn a_vote_is_counted_before_slow_mode_reads_the_message() {
    let prosody = start(quick_polls());
    let slow = RoomFeatures {
        slow_mode: Some(30),
        ..RoomFeatures::default()
    };
    let room = room(&prosody, "polls-slow", slow);
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");

    // Anonymous poll: the vote stops at the poll, so slow mode never sees it.
    create_poll(&mut owner, "Anonymous?", 30, true, &["Yes", "No"]);
    owner.expect("the poll's start", SOON, is_start);
    assert_eq!(vote(&mut alice, "Hello"), None);
    assert_eq!(
        vote(&mut alice, "!1"),
        refusal("continue", "undefined-condition")
    );
    let update = owner.expect("the update", SOON, is_update);
    assert_eq!(counts(&poll_of(&update).unwrap()), vec![1, 0]);

    // Public poll: the vote counts, then goes on as a message, which slow mode can refuse (as
    // on the plugin's server).
    create_poll(&mut owner, "Public?", 30, false, &["Yes", "No"]);
    owner.expect("the public poll's start", SOON, |s| {
        is_start(s) && poll_of(s).is_some_and(|p| p.question == "Public?")
    });
    assert_eq!(vote(&mut alice, "!2"), refusal("wait", "policy-violation"));
    let update = owner.expect("the public poll's update", SOON, |s| {
        is_update(s) && poll_of(s).is_some_and(|p| p.question == "Public?")
    });
    assert_eq!(counts(&poll_of(&update).unwrap()), vec![0, 1]);
    assert!(update.get_child("body", NS_CLIENT).is_none());
}
