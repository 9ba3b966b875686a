//! Slow mode: a participant waits the room's number of seconds between two messages; moderators
//! never wait.

use std::thread::sleep;
use std::time::{Duration, Instant};

use livechat_backend::RoomFeatures;

use crate::occupant::{refusal, says, Occupant, SOON};
use crate::{info_field, room, start};

#[test]
fn participants_wait_between_two_messages_and_moderators_do_not() {
    let prosody = start(Default::default());
    let features = RoomFeatures {
        slow_mode: Some(2),
        ..RoomFeatures::default()
    };
    let room = room(&prosody, "slow", features);
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    let info = alice.disco_info();
    assert_eq!(
        info_field(&info, "muc#roominfo_slow_mode_duration").as_deref(),
        Some("2")
    );

    let first = Instant::now();
    assert!(alice.try_say("One").is_ok());
    assert_eq!(
        alice.try_say("Two").err(),
        refusal("wait", "policy-violation")
    );
    owner.sync();
    owner.expect_none("the refused message", Duration::ZERO, |s| says(s, "Two"));
    sleep(Duration::from_millis(2100).saturating_sub(first.elapsed()));
    assert!(alice.try_say("Three").is_ok());
    owner.expect("the message after the wait", SOON, |s| says(s, "Three"));

    for text in ["Quick", "quicker", "quickest"] {
        assert!(owner.try_say(text).is_ok(), "{text}");
        alice.expect("the moderator's message", SOON, |s| says(s, text));
    }
}
