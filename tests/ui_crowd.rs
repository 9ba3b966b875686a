//! The participants panel counts anonymous viewers: 20 native clients join with automatic
//! nicknames, the count goes up by 20, and back down when they leave.

use std::time::Duration;

use livechat_core::{Config, SessionState};
use livechat_e2e::{World, WorldOptions};
use livechat_native::NativeClient;

const PAGE_WAIT: Duration = Duration::from_secs(20);
const CROWD: usize = 20;

fn anon_count(world: &World) -> Option<u64> {
    world
        .browser
        .eval("(document.querySelector('.lc-participants .lc-anon-count') || {dataset:{}}).dataset.count")
        .ok()
        .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
}

#[test]
fn the_anonymous_count_follows_twenty_viewers_joining_and_leaving() {
    let mut world = World::start(WorldOptions::default());
    world.open(
        &world.chat_url().build(),
        r#"document.querySelector('.lc-status[data-status="joined"]')"#,
        "the page did not join",
    );

    // The panel is opened through its toggle.
    let toggle = world
        .browser
        .wait_for_selector(".lc-participants-toggle", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("no participants toggle: {e}"));
    // On a wide page the panel starts open: the toggle closes it first, then opens it again.
    let open_at_start = world
        .browser
        .attribute(&toggle, "aria-expanded")
        .unwrap_or_else(|e| panic!("{e}"));
    if open_at_start.as_deref() == Some("true") {
        world
            .browser
            .click(&toggle)
            .unwrap_or_else(|e| panic!("{e}"));
        world
            .wait_for_js(
                r#"document.querySelector('.lc-participants-toggle[aria-expanded="false"]')
                    && !document.querySelector('.lc-participants')"#,
                PAGE_WAIT,
            )
            .unwrap_or_else(|e| panic!("the toggle did not close the panel: {e}"));
    }
    world
        .browser
        .click(&toggle)
        .unwrap_or_else(|e| panic!("{e}"));
    world
        .wait_for_js(
            r#"document.querySelector('.lc-participants-toggle[aria-expanded="true"]')
                && document.querySelector('.lc-participants .lc-anon-count[data-count]')"#,
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the panel did not open: {e}"));
    let baseline = anon_count(&world).expect("a count");
    // The moderator is listed by name, not counted.
    world
        .wait_for_js(r#"document.querySelector('.lc-participants li.lc-occupant[data-nick="Streamer"][data-role="moderator"]')"#, PAGE_WAIT)
        .unwrap_or_else(|e| panic!("the moderator is not listed: {e}"));

    let mut crowd = Vec::new();
    for i in 0..CROWD {
        let config = Config::anonymous(&world.anonymous_domain, world.room.clone());
        let mut viewer = NativeClient::connect(&world.ws_url(), config, 1_000 + i as u64)
            .unwrap_or_else(|e| panic!("viewer {i} cannot connect: {e}"));
        viewer
            .run_until("an anonymous viewer joined", PAGE_WAIT, |s, _| {
                s.state() == SessionState::Joined && s.room().me().is_some()
            })
            .unwrap_or_else(|e| panic!("viewer {i} did not join: {e}"));
        crowd.push(viewer);
    }
    let expected = baseline + CROWD as u64;
    world
        .wait_for_js(
            &format!("document.querySelector('.lc-participants .lc-anon-count[data-count=\"{expected}\"]')"),
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the page does not count {CROWD} more anonymous viewers: {e}"));
    let text = world
        .browser
        .eval("document.querySelector('.lc-anon-count').textContent")
        .unwrap();
    assert_eq!(
        text.as_str().unwrap_or_default().trim(),
        format!("{expected} anonymous viewers")
    );
    // Anonymous viewers are counted, never listed.
    let listed = world
        .browser
        .eval("Array.from(document.querySelectorAll('.lc-participants li.lc-occupant')).filter(li => li.dataset.nick.startsWith('Anonymous ')).length")
        .unwrap();
    assert_eq!(
        listed.as_u64(),
        Some(0),
        "anonymous viewers are not listed one by one"
    );
    world.screenshot("ui-crowd-full");

    for viewer in crowd {
        viewer
            .close()
            .unwrap_or_else(|e| panic!("a viewer could not leave: {e}"));
    }
    world
        .wait_for_js(
            &format!("document.querySelector('.lc-participants .lc-anon-count[data-count=\"{baseline}\"]')"),
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the count did not go back to {baseline}: {e}"));
    world.screenshot("ui-crowd-after");
    eprintln!("anonymous count: {baseline} -> {expected} -> {baseline}");
}
