//! Emoji-only mode: the composer says so before anything is sent, a message of words is refused
//! and the refusal says why in the viewer's words, emojis go through; the notice goes when the
//! streamer turns the mode off.

use livechat_backend::RoomFeatures;
use livechat_e2e::axe::assert_no_axe_violations;
use livechat_e2e::{hooks, js, WorldOptions};
use serde_json::json;

#[test]
fn the_composer_says_only_emojis_go_through_and_explains_a_refusal() {
    let mut world = crate::start(
        RoomFeatures {
            emoji_only: Some(true),
            ..Default::default()
        },
        WorldOptions::default(),
    );
    let url = world.chat_url().build();
    crate::open_as(&mut world, &url, "Camille");
    let mut page = world.page();
    page.wait_present(".lc-emoji-only-notice");
    assert_eq!(
        page.text_of(".lc-emoji-only-notice"),
        json!("Only emojis can be sent in this chat at the moment.")
    );
    assert_eq!(
        page.eval(&format!(
            "{}.getAttribute('aria-describedby') === {}.id",
            js::element(hooks::INPUT),
            js::element(".lc-emoji-only-notice")
        )),
        json!(true),
        "read with the input"
    );

    page.send("hello everyone");
    page.wait_present(r#".lc-outbox[data-state="failed"]"#);
    assert_eq!(
        page.text_of(r#".lc-outbox[data-state="failed"] .lc-outbox-state"#),
        json!("Not sent: Only emojis are accepted in this chat at the moment.")
    );
    page.screenshot("room-features-emoji-only");
    assert_no_axe_violations(page.driver(), "emoji-only mode and its refusal");

    page.send("🎉👏");
    page.wait_message("🎉👏");

    // Off again: the room tells its occupants (status 104), the notice goes.
    world
        .prosody
        .configure_room(
            &world.room.to_string(),
            &RoomFeatures {
                emoji_only: Some(false),
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    world.page().wait_absent(".lc-emoji-only-notice");
}
