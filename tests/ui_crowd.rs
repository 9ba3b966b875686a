//! The participants panel counts anonymous viewers: 20 native clients join with automatic
//! nicknames, the count goes up by 20, and back down when they leave.

use livechat_e2e::{hooks, js, World, WorldOptions};

const CROWD: usize = 20;

#[test]
fn the_anonymous_count_follows_twenty_viewers_joining_and_leaving() {
    let mut world = World::start(WorldOptions::default());
    let url = world.chat_url().build();
    world.page().open(&url).wait_joined();

    // The panel is opened through its toggle.
    let mut page = world.page();
    page.open_participants();
    let baseline = page.anon_count().expect("a count");
    // The moderator is listed by name, not counted.
    page.wait(
        "the moderator is not listed",
        &js::element(&format!(
            r#"{}[data-role="moderator"]"#,
            hooks::occupant("Streamer")
        )),
    );

    let crowd: Vec<_> = (0..CROWD)
        .map(|i| world.anonymous_chatter(None, 1_000 + i as u64))
        .collect();
    let expected = baseline + CROWD as u64;
    let count_is = |n: u64| js::element(&format!(r#"{}[data-count="{n}"]"#, hooks::ANON_COUNT));
    let mut page = world.page();
    page.wait(
        &format!("the page does not count {CROWD} more anonymous viewers"),
        &count_is(expected),
    );
    let text = page.text_of(".lc-anon-count");
    assert_eq!(
        text.as_str().unwrap_or_default().trim(),
        format!("{expected} anonymous viewers")
    );
    // Anonymous viewers are counted, never listed.
    let listed = page.eval(
        "Array.from(document.querySelectorAll('.lc-participants li.lc-occupant')).filter(li => li.dataset.nick.startsWith('Anonymous ')).length",
    );
    assert_eq!(
        listed.as_u64(),
        Some(0),
        "anonymous viewers are not listed one by one"
    );
    page.screenshot("ui-crowd-full");

    for viewer in crowd {
        viewer
            .close()
            .unwrap_or_else(|e| panic!("a viewer could not leave: {e}"));
    }
    world.page().wait(
        &format!("the count did not go back to {baseline}"),
        &count_is(baseline),
    );
    world.screenshot("ui-crowd-after");
    eprintln!("anonymous count: {baseline} -> {expected} -> {baseline}");
}
