//! Announcements: the streamer picks a style and sends one through the announcement sender; a
//! viewer sees it in that style under a title of its own (the title line the sender writes for
//! other clients is not shown twice); a participant has no sender.

use livechat_backend::RoomFeatures;
use livechat_e2e::axe::assert_no_axe_violations;
use livechat_e2e::{js, WorldOptions};
use serde_json::json;

const BODY: &str = "The stream ends in five minutes.";

#[test]
fn the_streamer_sends_a_warning_and_viewers_see_it_in_its_style() {
    let mut world = crate::start(RoomFeatures::default(), WorldOptions::default());
    let dock = crate::viewer_and_streamer(&mut world, "Camille", "Host");
    assert!(
        !world.page().has(".lc-announce-open"),
        "a participant has no sender"
    );
    let mut owner = world.page_in(&dock);
    owner.click(".lc-announce-open");
    owner.wait(
        "the sender's first field does not take the focus",
        "document.activeElement && document.activeElement.classList.contains('lc-announce-style')",
    );
    owner.run(
        "const s = document.querySelector('.lc-announce-style'); s.value = 'warning'; \
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    );
    let body = owner.element(".lc-announce-body");
    dock.send_keys(&body, BODY)
        .unwrap_or_else(|e| panic!("{e}"));
    owner.screenshot("room-features-announcement-sender");
    assert_no_axe_violations(&dock, "the announcement sender");
    let mut owner = world.page_in(&dock);
    owner.click(".lc-announce-send");
    owner.wait_absent(".lc-announce");

    // The viewer: a warning row, the text once, no title line from the sender.
    let row = r#".lc-log li.lc-msg[data-style="warning"]"#;
    let mut viewer = world.page();
    viewer.wait_present(row);
    let text = viewer.text_of(&format!("{row} .lc-body"));
    assert_eq!(
        text,
        json!(BODY),
        "the body as written, without the sender's title line"
    );
    assert!(
        viewer
            .eval(&format!("{}.textContent", js::element(row)))
            .as_str()
            .is_some_and(|t| !t.contains("* ")),
        "the row's own title replaces the sender's"
    );
    viewer.screenshot("room-features-announcement");
}
