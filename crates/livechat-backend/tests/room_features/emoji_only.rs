//! Emoji-only mode: participants' messages must be emojis (the room's custom `:shortnames:`
//! included); moderators write freely.

use livechat_backend::RoomFeatures;

use crate::occupant::{refusal, says, Occupant, SOON};
use crate::{has_feature, room, start};

#[test]
fn participants_send_emojis_only_and_moderators_anything() {
    let prosody = start(Default::default());
    let features = RoomFeatures {
        emoji_only: Some(true),
        custom_emojis: Some(vec![":party:".into(), ":cat_wave:".into()]),
        ..RoomFeatures::default()
    };
    let room = room(&prosody, "emoji-only", features);
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    assert!(has_feature(
        &alice.disco_info(),
        "x_peertubelivechat_emoji_only_mode"
    ));

    let accepted = [
        "👍",
        " 👍🏽 😀 ",
        "👨‍👩‍👧",
        "🇫🇷",
        "1️⃣",
        "❤️",
        ":party: 🎉",
        ":cat_wave::party:",
    ];
    for text in accepted {
        assert!(alice.try_say(text).is_ok(), "{text:?} refused");
        owner.expect("the emojis", SOON, |s| says(s, text));
    }
    let refused = ["hello", "👍 hi", ":unknown:", "1", "😀 :)", "party"];
    for text in refused {
        assert_eq!(
            alice.try_say(text).err(),
            refusal("modify", "policy-violation"),
            "{text:?}"
        );
    }
    assert!(owner.try_say("Moderators write words").is_ok());
    alice.expect("the moderator's words", SOON, |s| {
        says(s, "Moderators write words")
    });
    owner.sync();
    owner.expect_none("a refused message", std::time::Duration::ZERO, |s| {
        says(s, "hello")
    });
}
