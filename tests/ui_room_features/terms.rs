//! Terms: the instance's and the room's shown above the messages on joining, with their line
//! breaks and links, never as a line of the log; a viewer hides the room's, which stay hidden on
//! the next visit, until the streamer changes them.

use livechat_backend::{FeatureSettings, RoomFeatures};
use livechat_e2e::axe::assert_no_axe_violations;
use livechat_e2e::{hooks, js, WorldOptions};
use serde_json::json;

const GLOBAL: &str = ".lc-terms[data-scope=\"global\"]";
const ROOM: &str = ".lc-terms[data-scope=\"room\"]";
const GLOBAL_TERMS: &str = "Be kind to each other.\nThe rules: https://example.org/rules";

/// The text of the terms `css` shows, as laid out (line breaks included), or null.
fn shown(css: &str) -> String {
    format!(
        "({} || {{}}).innerText",
        js::element(&format!("{css} .lc-terms-text"))
    )
}

#[test]
fn terms_show_on_joining_hide_for_good_and_show_again_when_they_change() {
    let mut world = crate::start(
        RoomFeatures {
            terms: Some("No spoilers, please.".into()),
            ..Default::default()
        },
        WorldOptions {
            room_features: FeatureSettings {
                global_terms: Some(GLOBAL_TERMS.into()),
                ..FeatureSettings::default()
            },
            ..WorldOptions::default()
        },
    );
    let url = world.chat_url().build();
    let mut page = world.page();
    page.open(&url)
        .wait_joined()
        .wait_present(GLOBAL)
        .wait_present(ROOM);
    assert_eq!(
        page.eval(&shown(GLOBAL)),
        json!(GLOBAL_TERMS),
        "line breaks kept"
    );
    assert_eq!(
        page.eval(&format!(
            "({} || {{}}).href",
            js::element(&format!("{GLOBAL} a.lc-link"))
        )),
        json!("https://example.org/rules"),
        "the address is a link"
    );
    assert_eq!(page.eval(&shown(ROOM)), json!("No spoilers, please."));
    assert_eq!(
        page.eval(&js::log_contains("No spoilers")),
        json!(false),
        "terms are not a line of the log"
    );
    page.screenshot("room-features-terms");
    assert_no_axe_violations(&world.browser, "the terms");

    // Hidden: gone, the keyboard goes on from the messages; still hidden after a reload.
    let mut page = world.page();
    page.click(&format!("{ROOM} .lc-terms-hide"));
    page.wait_absent(ROOM);
    assert_eq!(
        page.eval("document.activeElement.classList.contains('lc-log')"),
        json!(true)
    );
    page.open(&url).wait_joined().wait_present(GLOBAL);
    page.wait_messages(0);
    assert!(
        !page.has(ROOM),
        "hidden terms stay hidden on the next visit"
    );

    // The streamer changes them: shown again, live.
    world
        .prosody
        .configure_room(
            &world.room.to_string(),
            &RoomFeatures {
                terms: Some("No spoilers.\nNo links to other streams.".into()),
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("cannot change the terms: {e}"));
    let mut page = world.page();
    page.wait_present(ROOM);
    assert_eq!(
        page.eval(&shown(ROOM)),
        json!("No spoilers.\nNo links to other streams.")
    );
    assert!(page.has(hooks::JOINED));
}
