//! Moderation delay: moderators see a message at once, marked with how long it waits; its writer
//! gets it back at once; the other participants get it after the delay, unless a moderator
//! retracts it meanwhile.

use std::time::{Duration, Instant};

use livechat_backend::RoomFeatures;

use crate::occupant::{says, show, Occupant, NS_CLIENT, SOON};
use crate::{info_field, room, start, unix_now};

const DELAY: u32 = 2;

fn delayed_room(prosody: &livechat_backend::Prosody, local_part: &str) -> String {
    let features = RoomFeatures {
        moderation_delay: Some(DELAY),
        ..RoomFeatures::default()
    };
    room(prosody, local_part, features)
}

#[test]
fn moderators_see_a_message_at_once_and_participants_after_the_delay() {
    let prosody = start(Default::default());
    let room = delayed_room(&prosody, "delay");
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    let mut bob = Occupant::registered(&prosody, "bob", &room, "Bob");
    let info = bob.disco_info();
    assert_eq!(
        info_field(&info, "muc#roominfo_moderation_delay").as_deref(),
        Some("2")
    );

    let sent = Instant::now();
    let sent_unix = unix_now();
    let echo = alice.try_say("Held a while").unwrap();
    assert!(
        echo.get_child("moderation-delay", NS_CLIENT).is_none(),
        "{}",
        show(&echo)
    );
    let seen = owner.expect("the message, at once", Duration::from_secs(1), |s| {
        says(s, "Held a while")
    });
    let mark = seen
        .get_child("moderation-delay", NS_CLIENT)
        .unwrap_or_else(|| panic!("{}", show(&seen)));
    assert_eq!(mark.attr("delay"), Some("2"));
    let waiting: u64 = mark.attr("waiting").unwrap().parse().unwrap();
    assert!(
        waiting.abs_diff(sent_unix + u64::from(DELAY)) <= 1,
        "{}",
        show(&seen)
    );

    let early = Duration::from_millis(1500).saturating_sub(sent.elapsed());
    bob.expect_none("the message before its time", early, |s| {
        says(s, "Held a while")
    });
    let late = bob.expect("the message, after the delay", SOON, |s| {
        says(s, "Held a while")
    });
    assert!(
        sent.elapsed() >= Duration::from_millis(1800),
        "{:?}",
        sent.elapsed()
    );
    assert!(
        late.get_child("moderation-delay", NS_CLIENT).is_none(),
        "{}",
        show(&late)
    );
}

#[test]
fn a_message_retracted_while_held_never_reaches_participants() {
    let prosody = start(Default::default());
    let room = delayed_room(&prosody, "delay-retracted");
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    let mut bob = Occupant::registered(&prosody, "bob", &room, "Bob");

    alice.say("Something to retract");
    let seen = owner.expect("the held message", SOON, |s| {
        says(s, "Something to retract")
    });
    let stanza_id = seen
        .get_child("stanza-id", "urn:xmpp:sid:0")
        .and_then(|s| s.attr("id"))
        .unwrap_or_else(|| panic!("{}", show(&seen)))
        .to_owned();
    let retracted = owner.iq(
        "set",
        &room,
        &format!(
            "<apply-to xmlns='urn:xmpp:fasten:0' id='{stanza_id}'>\
             <moderate xmlns='urn:xmpp:message-moderate:0'>\
             <retract xmlns='urn:xmpp:message-retract:0'/><reason>Spam</reason></moderate></apply-to>"
        ),
    );
    assert_eq!(
        retracted.attr("type"),
        Some("result"),
        "{}",
        show(&retracted)
    );
    bob.expect("the retraction", SOON, |s| {
        s.get_child("apply-to", "urn:xmpp:fasten:0")
            .is_some_and(|a| a.attr("id") == Some(&stanza_id))
    });
    bob.expect_none(
        "the retracted message",
        Duration::from_secs(u64::from(DELAY) + 1),
        |s| says(s, "Something to retract"),
    );
}
