//! Polls: the streamer starts one through the room's poll form with the keyboard alone; a viewer
//! sees it live (question, counts, time left ticking), votes with a button and with `!N` typed in
//! the input (an anonymous poll's bounce counts, the page hears `livechat-poll-vote`, slow mode's
//! countdown does not start), a newcomer and the OBS overlay see the running poll, and the end
//! shows the result until the viewer closes it.

use std::time::Duration;

use livechat_backend::RoomFeatures;
use livechat_e2e::axe::assert_no_axe_violations;
use livechat_e2e::{hooks, js, keys, ChatPage, WorldOptions};
use serde_json::json;

const POLL: &str = ".lc-poll";
const QUESTION: &str = "Which map next?";
/// Poll "minutes" last a second on the test server.
const MINUTES: &str = "25";

/// The number a `data-*` attribute of the first `css` holds (`null` without one).
fn number_at(css: &str, attribute: &str) -> String {
    format!(
        "(e => e ? Number(e.getAttribute({})) : null)({})",
        json!(attribute),
        js::element(css)
    )
}

fn choice(n: u32) -> String {
    format!(r#"{POLL} li.lc-poll-choice[data-choice="{n}"]"#)
}

/// Counts `livechat-poll-vote` events reaching the document, and where they were fired.
const LISTEN_JS: &str = "window.__lcVotes = []; document.addEventListener('livechat-poll-vote', \
     e => window.__lcVotes.push(e.target.classList.contains('lc-chat') && e.bubbles));";

#[test]
fn the_streamer_starts_a_poll_viewers_vote_and_everyone_sees_the_result() {
    let mut world = crate::start(
        RoomFeatures {
            slow_mode: Some(30),
            ..Default::default()
        },
        WorldOptions::default(),
    );
    // The viewer, with a nickname; the streamer, with the token of the OBS dock.
    let dock = crate::viewer_and_streamer(&mut world, "Camille", "Host");
    let url = world.chat_url().build();
    assert!(
        !world.page().has(".lc-poll-create"),
        "a viewer has no poll form"
    );
    let mut owner = world.page_in(&dock);

    // The keyboard alone: the toolbar button, the form's fields in order, Enter to start.
    owner.wait_present(".lc-poll-create");
    owner.run("document.querySelector('.lc-poll-create').focus()", vec![]);
    owner.press(&[keys::ENTER]);
    owner.wait(
        "the question field does not take the focus",
        "document.activeElement && document.activeElement.name === 'muc#roompoll_question'",
    );
    owner.screenshot("room-features-poll-form");
    assert_no_axe_violations(&dock, "the poll form");
    owner
        .type_keys(QUESTION)
        .press(&[keys::TAB])
        .type_keys(MINUTES);
    owner.press(&[keys::TAB]);
    assert_eq!(
        owner.eval("document.activeElement.type === 'checkbox' && document.activeElement.checked"),
        json!(true),
        "anonymous votes, as the room's form says by default"
    );
    for label in ["Desert", "Snow", "Forest"] {
        owner.press(&[keys::TAB]).type_keys(label);
    }
    owner.press(&[keys::ENTER]);
    owner.wait_absent(".lc-poll-form");
    owner.wait(
        "the focus does not go back to the toolbar button",
        "document.activeElement && document.activeElement.classList.contains('lc-poll-create')",
    );
    owner.wait_present(&choice(3));

    // The viewer sees it live: the question, three choices, no votes yet, the time ticking down.
    let mut viewer = world.page();
    viewer.wait(
        "the viewer does not show the poll",
        &format!(
            "({}||{{}}).textContent?.includes({}) && {} === 3",
            js::element(".lc-poll-question"),
            json!(QUESTION),
            js::count(".lc-poll-vote")
        ),
    );
    assert_eq!(
        viewer.eval(&number_at(".lc-poll-total", "data-votes")),
        json!(0)
    );
    let left = |page: &ChatPage| page.eval(&number_at(".lc-poll-time", "data-remaining"));
    let before = left(&viewer).as_i64().expect("time left");
    assert!((5..=25).contains(&before), "time left: {before} s");
    viewer.wait(
        "the time left does not tick",
        &format!(
            "{} < {before}",
            number_at(".lc-poll-time", "data-remaining")
        ),
    );

    // A vote with a button: counted (the anonymous poll's bounce), marked, and told to the page.
    viewer.run(LISTEN_JS, vec![]);
    viewer.click(&format!("{} .lc-poll-vote", choice(2)));
    viewer.wait_present(&format!("{}.lc-poll-mine", choice(2)));
    viewer.wait(
        "the count does not come",
        &format!(
            "{} === 1",
            number_at(&format!("{} .lc-poll-count", choice(2)), "data-votes")
        ),
    );
    assert_eq!(
        viewer.eval("window.__lcVotes"),
        json!([true]),
        "one bubbling event from the chat's root"
    );
    viewer.screenshot("room-features-poll-voted");
    assert_no_axe_violations(&world.browser, "the poll banner");

    // `!1` typed in the input is a vote too: it moves the viewer's vote and starts no countdown.
    let mut viewer = world.page();
    viewer.send("!1");
    viewer.wait_present(&format!("{}.lc-poll-mine", choice(1)));
    viewer.wait(
        "the second vote is not told",
        "window.__lcVotes.length === 2",
    );
    viewer.wait(
        "the vote does not move",
        &format!(
            "{} === 1 && {} === 0",
            number_at(&format!("{} .lc-poll-count", choice(1)), "data-votes"),
            number_at(&format!("{} .lc-poll-count", choice(2)), "data-votes")
        ),
    );
    assert!(
        !viewer.has(".lc-slowmode"),
        "a vote does not start slow mode's countdown"
    );
    assert!(
        viewer.has(hooks::ENABLED_INPUT),
        "the input stays usable after a vote"
    );
    // A message still does.
    viewer.send("gg");
    viewer.wait_present(".lc-slowmode");

    // The streamer sees the count too.
    world.page_in(&dock).wait(
        "the streamer does not see the vote",
        &format!(
            "{} === 1",
            number_at(&format!("{} .lc-poll-count", choice(1)), "data-votes")
        ),
    );

    // The OBS overlay (the dock's browser now): a compact banner without buttons, `!N` to type.
    let overlay = world
        .chat_url()
        .with("_readonly", "true")
        .with("_transparent", "true")
        .build();
    let mut obs = world.page_in(&dock);
    obs.open(&overlay).wait_joined().wait_present(&choice(3));
    assert_eq!(
        obs.eval(&js::count(".lc-poll-vote")),
        json!(0),
        "the overlay does not vote"
    );
    let label = obs.text_of(&format!("{} .lc-poll-label", choice(2)));
    assert_eq!(label, json!("!2 Snow"), "the overlay says what to type");
    obs.screenshot("room-features-poll-overlay");

    // A newcomer (the viewer's page loaded again) sees the running poll and its counts.
    let mut newcomer = world.page();
    newcomer.open(&url).wait_joined().wait_present(&choice(3));
    newcomer.wait(
        "the newcomer does not see the counts",
        &format!("{} === 1", number_at(".lc-poll-total", "data-votes")),
    );

    // The end: the result, without buttons, until the viewer closes it.
    let ended = format!("{POLL}.lc-poll-over");
    newcomer
        .try_wait(&js::element(&ended), Duration::from_secs(40))
        .unwrap_or_else(|e| panic!("the poll does not end: {e}"));
    assert_eq!(newcomer.eval(&js::count(".lc-poll-vote")), json!(0));
    assert_eq!(
        newcomer.eval(&number_at(
            &format!("{} .lc-poll-count", choice(1)),
            "data-votes"
        )),
        json!(1),
        "the result keeps the final counts"
    );
    assert!(!newcomer.has(".lc-poll-time"), "no time left once over");
    newcomer.screenshot("room-features-poll-ended");
    assert_no_axe_violations(&world.browser, "the poll's result");
    let mut newcomer = world.page();
    newcomer.click(".lc-poll-dismiss");
    newcomer.wait_absent(POLL);
    assert_eq!(
        newcomer.eval("document.activeElement.classList.contains('lc-log')"),
        json!(true),
        "the keyboard goes on from the messages"
    );
}
