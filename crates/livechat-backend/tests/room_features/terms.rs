//! Terms: the instance's and the room's, from the reserved nickname, to each joining session and
//! to everyone when the room's change; never in the history; never forged.

use livechat_backend::{FeatureSettings, RoomFeatures};
use xmpp_parsers::minidom::Element;

use crate::occupant::{body, error_of, refusal, says, show, Occupant, NS_CLIENT, SOON};
use crate::{room, start};

/// The kind of terms a message carries (`global` or `muc`), if it is a terms message.
fn terms_kind(message: &Element) -> Option<String> {
    let mark = message.get_child("x-livechat-terms", NS_CLIENT)?;
    mark.attr("type").map(str::to_owned)
}

fn is_terms<'a>(kind: &'a str, text: &'a str) -> impl Fn(&Element) -> bool + 'a {
    move |s| terms_kind(s).as_deref() == Some(kind) && body(s).as_deref() == Some(text)
}

fn with_global_terms(text: &str) -> FeatureSettings {
    FeatureSettings {
        global_terms: Some(text.into()),
        ..FeatureSettings::default()
    }
}

#[test]
fn terms_reach_each_joiner_and_new_room_terms_reach_everyone() {
    let prosody = start(with_global_terms("Instance rules"));
    let room = room(
        &prosody,
        "terms",
        RoomFeatures {
            terms: Some("Room rules".into()),
            ..RoomFeatures::default()
        },
    );
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    let global = alice.expect(
        "the global terms",
        SOON,
        is_terms("global", "Instance rules"),
    );
    alice.expect("the room's terms", SOON, is_terms("muc", "Room rules"));
    assert_eq!(global.attr("from"), Some(&*format!("{room}/Peertube")));
    assert_eq!(global.attr("type"), Some("groupchat"));
    assert!(
        global.get_child("delay", "urn:xmpp:delay").is_some(),
        "{}",
        show(&global)
    );
    for hint in ["no-copy", "no-store", "no-permanent-store"] {
        assert!(
            global.get_child(hint, "urn:xmpp:hints").is_some(),
            "{hint}: {}",
            show(&global)
        );
    }

    prosody
        .configure_room(
            &room,
            &RoomFeatures {
                terms: Some("New rules\nsecond line".into()),
                ..RoomFeatures::default()
            },
        )
        .unwrap();
    alice.expect(
        "the new terms",
        SOON,
        is_terms("muc", "New rules\nsecond line"),
    );

    // A later joiner gets each terms once: they are not kept in the room's history.
    let mut bob = Occupant::registered(&prosody, "bob", &room, "Bob");
    bob.sync();
    let terms = bob.take_all(|s| terms_kind(s).is_some());
    let texts: Vec<_> = terms.iter().map(|s| body(s).unwrap()).collect();
    assert_eq!(texts, ["Instance rules", "New rules\nsecond line"]);

    // Room terms taken away are not announced; newcomers then get the global ones only.
    let no_terms = RoomFeatures {
        terms: Some(String::new()),
        ..RoomFeatures::default()
    };
    prosody.configure_room(&room, &no_terms).unwrap();
    let mut viewer = Occupant::anonymous(&prosody, &room, "Viewer");
    viewer.sync();
    let kinds: Vec<_> = viewer
        .take_all(|s| terms_kind(s).is_some())
        .iter()
        .filter_map(terms_kind)
        .collect();
    assert_eq!(kinds, ["global"]);
    alice.sync();
    alice.expect_none("terms", std::time::Duration::ZERO, |s| {
        terms_kind(s).is_some()
    });
}

#[test]
fn nobody_joins_as_the_terms_nickname_or_forges_terms() {
    let prosody = start(FeatureSettings::default());
    let room = room(&prosody, "terms-forged", RoomFeatures::default());
    let mut alice = Occupant::registered(&prosody, "alice", &room, "Alice");
    alice.sync();
    alice.expect_none("terms", std::time::Duration::ZERO, |s| {
        terms_kind(s).is_some()
    });

    let mut impostor = Occupant::log_in(&prosody, Some("bob"), &room);
    let refused = impostor.join("Peertube");
    assert_eq!(
        error_of(&refused),
        refusal("cancel", "conflict"),
        "{}",
        show(&refused)
    );

    let mut bob = Occupant::registered(&prosody, "bob", &room, "Bob");
    bob.say_xml("<body>Official!</body><x-livechat-terms type='global'/>");
    let forged = alice.expect("Bob's message", SOON, |s| says(s, "Official!"));
    assert_eq!(terms_kind(&forged), None, "{}", show(&forged));
}
