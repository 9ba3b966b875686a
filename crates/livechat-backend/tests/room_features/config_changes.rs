//! Changing the features: through the owner's room configuration form or live from the test
//! server; occupants get status code 104 when a change shows to them, and disco#info tells the
//! new state.

use std::time::Duration;

use livechat_backend::RoomFeatures;

use crate::occupant::{show, Occupant, SOON};
use crate::{has_feature, info_field, is_config_change, room, start, submitted_form};

const NS_OWNER: &str = "http://jabber.org/protocol/muc#owner";

#[test]
fn the_owner_sets_the_features_in_the_room_form_and_occupants_are_told() {
    let prosody = start(Default::default());
    let room = room(&prosody, "form", RoomFeatures::default());
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    let info = alice.disco_info();
    assert_eq!(
        info_field(&info, "muc#roominfo_slow_mode_duration").as_deref(),
        Some("0")
    );
    assert_eq!(
        info_field(&info, "muc#roominfo_moderation_delay").as_deref(),
        Some("")
    );
    assert!(!has_feature(&info, "x_peertubelivechat_emoji_only_mode"));

    let form = owner.iq("get", &room, &format!("<query xmlns='{NS_OWNER}'/>"));
    let all = RoomFeatures {
        slow_mode: Some(0),
        moderation_delay: Some(0),
        emoji_only: Some(false),
        custom_emojis: Some(Vec::new()),
        mute_anonymous: Some(false),
        terms: Some(String::new()),
    };
    for (var, _) in all.form_fields() {
        assert!(
            String::from(&form).contains(&format!("var='{var}'")),
            "{var}: {}",
            show(&form)
        );
    }

    let features = RoomFeatures {
        slow_mode: Some(5),
        emoji_only: Some(true),
        ..RoomFeatures::default()
    };
    let form = submitted_form(
        "http://jabber.org/protocol/muc#roomconfig",
        &features.form_fields(),
    );
    let reply = owner.iq(
        "set",
        &room,
        &format!("<query xmlns='{NS_OWNER}'>{form}</query>"),
    );
    assert_eq!(reply.attr("type"), Some("result"), "{}", show(&reply));
    let notice = alice.expect("the change notice", SOON, is_config_change);
    assert_eq!(notice.attr("from"), Some(room.as_str()));
    let info = alice.disco_info();
    assert_eq!(
        info_field(&info, "muc#roominfo_slow_mode_duration").as_deref(),
        Some("5")
    );
    assert!(has_feature(&info, "x_peertubelivechat_emoji_only_mode"));
}

#[test]
fn a_live_change_is_announced_when_occupants_see_it() {
    let prosody = start(Default::default());
    let room = room(&prosody, "live", RoomFeatures::default());
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    let change = |features: RoomFeatures, announced: bool, alice: &mut Occupant| {
        prosody.configure_room(&room, &features).unwrap();
        if announced {
            alice.expect("the change notice", SOON, is_config_change);
        } else {
            alice.sync();
            alice.expect_none("a change notice", Duration::ZERO, is_config_change);
        }
    };
    let slow = |seconds| RoomFeatures {
        slow_mode: Some(seconds),
        ..RoomFeatures::default()
    };
    let delay = |seconds| RoomFeatures {
        moderation_delay: Some(seconds),
        ..RoomFeatures::default()
    };
    change(slow(3), true, &mut alice);
    change(slow(3), false, &mut alice);
    change(
        RoomFeatures {
            emoji_only: Some(true),
            ..RoomFeatures::default()
        },
        true,
        &mut alice,
    );
    // Only moderators see the moderation delay: as on the plugin's server, no notice.
    change(delay(4), false, &mut alice);
    // The form takes 0 to 60 seconds: more changes nothing.
    change(delay(100), false, &mut alice);
    let info = alice.disco_info();
    assert_eq!(
        info_field(&info, "muc#roominfo_moderation_delay").as_deref(),
        Some("4")
    );
    assert_eq!(
        info_field(&info, "muc#roominfo_slow_mode_duration").as_deref(),
        Some("3")
    );
    change(slow(0), true, &mut alice);
    let info = alice.disco_info();
    assert_eq!(
        info_field(&info, "muc#roominfo_slow_mode_duration").as_deref(),
        Some("0")
    );
}
