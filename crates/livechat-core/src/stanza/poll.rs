//! Polls (the PeerTube plugin's `mod_muc_poll`): the owner's form (iq get and set on the room,
//! `<query xmlns='…muc#x-poll'/>`), and the poll the room sends in a groupchat message,
//! `<x-poll xmlns='…muc#x-poll-message' id votes end [over]>` with its question and choices.

use crate::poll::{Poll, PollChoice, MAX_CHOICES};
use crate::text::{room_text, MAX_LINE_BYTES};
use crate::xml::Element;

use super::form;

/// The owner's poll form, and the room's disco feature.
pub const NS_POLL: &str = "http://jabber.org/protocol/muc#x-poll";
/// The poll carried by a groupchat message.
pub const NS_POLL_MESSAGE: &str = "http://jabber.org/protocol/muc#x-poll-message";

/// The plugin's form has five choice fields.
pub const FORM_CHOICES: usize = 5;

/// Asks the room for its poll form.
pub fn form_query() -> Element {
    Element::bare("query", NS_POLL)
}

/// A new poll (replacing any running one): the room's form, filled in. `choices` holds at most
/// [`FORM_CHOICES`] labels, in order.
pub fn create(question: &str, minutes: u32, anonymous: bool, choices: &[String]) -> Element {
    let choice_vars = [
        "muc#roompoll_choice1",
        "muc#roompoll_choice2",
        "muc#roompoll_choice3",
        "muc#roompoll_choice4",
        "muc#roompoll_choice5",
    ];
    let fields = [
        ("muc#roompoll_question", question.to_owned()),
        ("muc#roompoll_duration", minutes.to_string()),
        (
            "muc#roompoll_anonymous",
            if anonymous { "1" } else { "0" }.to_owned(),
        ),
    ]
    .into_iter()
    .chain(choice_vars.into_iter().zip(choices.iter().cloned()));
    Element::builder("query", NS_POLL)
        .append(form::submit(NS_POLL, fields))
        .build()
}

/// The poll a groupchat message from `author` carries, if it has a question and a choice (as the
/// plugin's own frontend requires). Its texts are bounded and made safe to show.
pub fn read(message: &Element, author: &str) -> Option<Poll> {
    let x = message.get_child("x-poll", NS_POLL_MESSAGE)?;
    let question = x.get_child("x-poll-question", NS_POLL_MESSAGE)?.text();
    let number = |e: &Element, name: &str| e.attr(name).and_then(|v| v.trim().parse::<u32>().ok());
    let choices: Vec<PollChoice> = x
        .children()
        .filter(|c| c.is("x-poll-choice", NS_POLL_MESSAGE))
        .filter_map(|c| {
            Some(PollChoice {
                number: number(c, "choice")?,
                label: room_text(c.text(), MAX_LINE_BYTES),
                votes: number(c, "votes").unwrap_or(0),
            })
        })
        .take(MAX_CHOICES)
        .collect();
    if choices.is_empty() {
        return None;
    }
    Some(Poll {
        id: x.attr("id").unwrap_or_default().to_owned(),
        author: author.to_owned(),
        question: room_text(question, MAX_LINE_BYTES),
        choices,
        votes: number(x, "votes").unwrap_or(0),
        ends_at_ms: x
            .attr("end")
            .and_then(|e| e.trim().parse::<i64>().ok())
            .and_then(|s| s.checked_mul(1000)),
        over: x.attr("over").is_some(),
        anonymous: None,
        my_vote: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(x: &str) -> Element {
        format!("<message xmlns='jabber:client' type='groupchat'>{x}</message>")
            .parse()
            .unwrap()
    }

    #[test]
    fn reads_the_poll_the_room_sends() {
        let update = message(
            "<x-poll xmlns='http://jabber.org/protocol/muc#x-poll-message' id='p1' votes='3' end='1790000000'>\
             <x-poll-question>Which map\u{202E}?</x-poll-question>\
             <x-poll-choice choice='1' votes='1'>Desert</x-poll-choice>\
             <x-poll-choice choice='2' votes='2'>Snow</x-poll-choice></x-poll>",
        );
        let poll = read(&update, "Alice").unwrap();
        assert_eq!(poll.id, "p1");
        assert_eq!(poll.question, "Which map\u{FFFD}?");
        assert_eq!((poll.votes, poll.over), (3, false));
        assert_eq!(poll.ends_at_ms, Some(1_790_000_000_000));
        assert_eq!(
            poll.choice(2).map(|c| (c.label.as_str(), c.votes)),
            Some(("Snow", 2))
        );
        let over = message(
            "<x-poll xmlns='http://jabber.org/protocol/muc#x-poll-message' id='p1' votes='0' end='1' over=''>\
             <x-poll-question>Q</x-poll-question><x-poll-choice choice='1' votes='0'>A</x-poll-choice></x-poll>",
        );
        assert!(read(&over, "Alice").unwrap().over);
    }

    #[test]
    fn a_poll_without_choices_or_in_another_namespace_is_none() {
        let empty = message(
            "<x-poll xmlns='http://jabber.org/protocol/muc#x-poll-message' id='p'><x-poll-question>Q</x-poll-question></x-poll>",
        );
        assert_eq!(read(&empty, "Alice"), None);
        let unqualified = message("<x-poll id='p'><x-poll-question>Q</x-poll-question><x-poll-choice choice='1'>A</x-poll-choice></x-poll>");
        assert_eq!(read(&unqualified, "Alice"), None);
        let many: String = (1..=50)
            .map(|n| format!("<x-poll-choice choice='{n}'>c</x-poll-choice>"))
            .collect();
        let many = message(&format!(
            "<x-poll xmlns='http://jabber.org/protocol/muc#x-poll-message' id='p'><x-poll-question>Q</x-poll-question>{many}</x-poll>"
        ));
        assert_eq!(read(&many, "Alice").unwrap().choices.len(), MAX_CHOICES);
    }

    #[test]
    fn fills_in_the_plugins_form() {
        let query = create("Best?", 5, true, &["A".into(), "B".into()]);
        assert_eq!(
            String::from(&query),
            "<query xmlns='http://jabber.org/protocol/muc#x-poll'><x xmlns='jabber:x:data' type='submit'>\
             <field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#x-poll</value></field>\
             <field var='muc#roompoll_question'><value>Best?</value></field>\
             <field var='muc#roompoll_duration'><value>5</value></field>\
             <field var='muc#roompoll_anonymous'><value>1</value></field>\
             <field var='muc#roompoll_choice1'><value>A</value></field>\
             <field var='muc#roompoll_choice2'><value>B</value></field></x></query>"
        );
    }
}
