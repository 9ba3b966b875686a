//! Announcements: a body with `x-livechat-announcement-type` from the room's owners and admins
//! goes to everyone as it is; anyone else's bounces.

use std::time::Duration;

use crate::occupant::{refusal, says, Occupant, NS_CLIENT, SOON};
use crate::{room_with_admin_bob, start};

fn announcement(kind: &str, text: &str) -> String {
    format!("<body x-livechat-announcement-type='{kind}'>{text}</body>")
}

/// The announcement type on a message's body, if any.
fn announcement_type(message: &xmpp_parsers::minidom::Element) -> Option<String> {
    let body = message.get_child("body", NS_CLIENT)?;
    body.attr("x-livechat-announcement-type").map(str::to_owned)
}

#[test]
fn owners_and_admins_send_announcements_and_participants_cannot() {
    let prosody = start(Default::default());
    let room = room_with_admin_bob(&prosody, "announcements");
    let mut owner = Occupant::registered(&prosody, "owner", &room, "Owner");
    let mut admin = Occupant::registered(&prosody, "bob", &room, "Bob");
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");

    owner.say_xml(&announcement("announcement", "Stream starts soon"));
    admin.say_xml(&announcement("warning", "Be kind"));
    let first = alice.expect("the owner's announcement", SOON, |s| {
        says(s, "Stream starts soon")
    });
    let second = alice.expect("the admin's warning", SOON, |s| says(s, "Be kind"));
    assert_eq!(announcement_type(&first).as_deref(), Some("announcement"));
    assert_eq!(announcement_type(&second).as_deref(), Some("warning"));

    let id = alice.say_xml(&announcement("highlight", "Look at me"));
    assert_eq!(
        alice.outcome(&id).err(),
        refusal("modify", "policy-violation")
    );
    owner.sync();
    owner.expect_none("Alice's announcement", Duration::ZERO, |s| {
        says(s, "Look at me")
    });
    assert!(alice.try_say("Look at me, plainly").is_ok());
}
