//! The moderation delay: a moderator sees a participant's message at once, with how long the room
//! still holds it back from the others ("Visible to viewers in N s", counting down); a viewer
//! gets it that much later, with nothing to tell. The moderator's menu on a message quotes it.

use std::time::{Duration, Instant};

use livechat_backend::RoomFeatures;
use livechat_e2e::axe::assert_no_axe_violations;
use livechat_e2e::{js, WorldOptions};

const DELAY_SECONDS: u32 = 4;
const BODY: &str = "is this held back?";

#[test]
fn a_moderator_sees_the_wait_and_a_viewer_gets_the_message_later() {
    let mut world = crate::start(
        RoomFeatures {
            moderation_delay: Some(DELAY_SECONDS),
            ..Default::default()
        },
        WorldOptions::default(),
    );
    // The viewer in the world's browser, the streamer (a moderator) in the dock's.
    let dock = crate::viewer_and_streamer(&mut world, "Camille", "Host");
    let mut dominique = world.anonymous_chatter(Some("Dominique"), 43);
    dominique
        .command(|s| s.send_message(BODY))
        .unwrap_or_else(|e| panic!("{e}"));
    let sent = Instant::now();
    let _ = dominique.run_for(Duration::from_millis(100));

    let mut streamer = world.page_in(&dock);
    streamer.wait_message(BODY);
    let held = ".lc-log li.lc-msg .lc-held[data-remaining]";
    streamer.wait_present(held);
    let remaining: u32 = streamer
        .eval(&format!("Number({}.dataset.remaining)", js::element(held)))
        .as_u64()
        .expect("seconds") as u32;
    assert!(
        (1..=DELAY_SECONDS).contains(&remaining),
        "{remaining} s left"
    );
    assert!(streamer
        .text_of(held)
        .as_str()
        .is_some_and(|t| t.starts_with("Visible to viewers in ")));
    streamer.screenshot("room-features-moderation-delay");
    assert_no_axe_violations(&dock, "a held message, as a moderator sees it");
    assert!(
        !world.page().bodies().contains(&BODY.to_owned()),
        "the viewer does not have it yet"
    );

    // The viewer gets it once the delay is over; the moderator's note goes.
    world.page().wait_message(BODY);
    let waited = sent.elapsed();
    assert!(
        waited >= Duration::from_secs(u64::from(DELAY_SECONDS) - 1),
        "the viewer got it after {waited:?}"
    );
    assert!(
        !world.page().has(".lc-held"),
        "a viewer is told nothing of the delay"
    );
    let mut streamer = world.page_in(&dock);
    streamer.wait_absent(".lc-held");

    // A moderator quotes from the same menu as they moderate: one menu per message.
    assert!(!streamer.has(".lc-msg-actions"), "no second menu");
    streamer.click(".lc-log li.lc-msg .lc-nick-button");
    streamer.click(".lc-mod-menu .lc-quote");
    streamer.wait(
        "the quote does not reach the input",
        "document.activeElement === document.querySelector('.lc-input')",
    );
    assert_eq!(streamer.input_value(), format!("> {BODY}\n"));
}
