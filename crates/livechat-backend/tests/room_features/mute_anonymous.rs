//! Mute anonymous: anonymous viewers join as visitors while it is on, get their voice back when
//! it is turned off, except in a moderated (large-audience) room.

use std::time::Duration;

use livechat_backend::{Prosody, RoomFeatures, RoomOptions};
use xmpp_parsers::minidom::Element;

use crate::occupant::{refusal, role, show, Occupant, SOON};
use crate::{has_feature, is_config_change, start};

const FEATURE: &str = "x_peertubelivechat_mute_anonymous";

fn mute(on: bool) -> RoomFeatures {
    RoomFeatures {
        mute_anonymous: Some(on),
        ..RoomFeatures::default()
    }
}

fn muted_room(prosody: &Prosody, local_part: &str, moderated: bool) -> String {
    let options = RoomOptions {
        owners: vec![prosody.user_jid("owner")],
        extra_lua: moderated.then(|| "room:set_moderated(true)".to_owned()),
        features: mute(true),
        ..RoomOptions::default()
    };
    prosody.create_room(local_part, &options).unwrap()
}

/// Joins as `nick` (anonymous without `user`) and returns the session and its role.
fn join(prosody: &Prosody, user: Option<&str>, room: &str, nick: &str) -> (Occupant, String) {
    let mut occupant = Occupant::log_in(prosody, user, room);
    let own = occupant.join(nick);
    let role = role(&own).unwrap_or_else(|| panic!("{}", show(&own)));
    (occupant, role)
}

fn is_own_role(role_wanted: &'static str) -> impl Fn(&Element) -> bool {
    move |s| {
        s.name() == "presence"
            && crate::occupant::has_status(s, "110")
            && role(s).as_deref() == Some(role_wanted)
    }
}

#[test]
fn anonymous_viewers_join_muted_and_speak_once_it_is_turned_off() {
    let prosody = start(Default::default());
    let room = muted_room(&prosody, "muted", false);
    let (mut viewer, viewer_role) = join(&prosody, None, &room, "Viewer");
    let (mut alice, alice_role) = join(&prosody, Some("alice"), &room, "Alice");
    assert_eq!(
        (viewer_role.as_str(), alice_role.as_str()),
        ("visitor", "participant")
    );
    assert!(has_feature(&viewer.disco_info(), FEATURE));
    assert_eq!(
        viewer.try_say("Can I talk?").err(),
        refusal("auth", "forbidden")
    );

    prosody.configure_room(&room, &mute(false)).unwrap();
    viewer.expect("the change notice", SOON, is_config_change);
    viewer.expect("the voice back", SOON, is_own_role("participant"));
    assert!(!has_feature(&viewer.disco_info(), FEATURE));
    assert!(viewer.try_say("Now I can").is_ok());

    prosody.configure_room(&room, &mute(true)).unwrap();
    alice.expect("the change notice", SOON, is_config_change);
    viewer.expect("the mute", SOON, is_own_role("visitor"));
}

#[test]
fn a_moderated_room_keeps_anonymous_viewers_muted_either_way() {
    let prosody = start(Default::default());
    let room = muted_room(&prosody, "muted-moderated", true);
    let (mut viewer, viewer_role) = join(&prosody, None, &room, "Viewer");
    let (_alice, alice_role) = join(&prosody, Some("alice"), &room, "Alice");
    assert_eq!(
        (viewer_role.as_str(), alice_role.as_str()),
        ("visitor", "visitor")
    );

    prosody.configure_room(&room, &mute(false)).unwrap();
    viewer.expect("the change notice", SOON, is_config_change);
    viewer.sync();
    viewer.expect_none("a voice", Duration::ZERO, is_own_role("participant"));
}
