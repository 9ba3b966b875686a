//! One's own messages: ↑ in the empty input brings the last one back to correct (XEP-0308; a
//! notice says so, Escape gives up) and everyone sees the correction; a message of one's own is
//! deleted for everyone from its menu (a second press confirms, XEP-0424); any message is quoted
//! into the input (`> ` before each line). All from the keyboard. Slow mode counts down after a
//! message and after a correction, not after a vote.

use livechat_backend::RoomFeatures;
use livechat_e2e::axe::assert_no_axe_violations;
use livechat_e2e::bots::BOT_WAIT;
use livechat_e2e::{js, keys, ChatPage, WorldOptions};
use serde_json::json;

/// Slow mode in this room: long enough to see, short enough to wait out.
const SLOW_SECONDS: u32 = 2;
/// WebDriver's ↑ key.
const ARROW_UP: &str = "\u{E013}";

fn row_of(body: &str) -> String {
    format!(
        "Array.from(document.querySelectorAll('.lc-log li.lc-msg'))\
         .find(li => li.querySelector('.lc-body').textContent === {})",
        json!(body)
    )
}

/// Focuses the "…" button of the row showing `body` and opens its menu with Enter.
fn open_actions(page: &mut ChatPage, body: &str) {
    page.run(
        &format!("{}.querySelector('.lc-msg-actions').focus()", row_of(body)),
        vec![],
    );
    page.press(&[keys::ENTER]);
    page.wait(
        "the menu does not take the focus",
        "document.activeElement && document.activeElement.closest('.lc-msg-menu')",
    );
}

/// Waits until the input is usable again after slow mode.
fn wait_slow_mode_over(page: &mut ChatPage) {
    page.wait_absent(".lc-slowmode");
    page.wait_present(livechat_e2e::hooks::ENABLED_INPUT);
}

fn focus_input(page: &mut ChatPage) {
    page.run("document.querySelector('.lc-input').focus()", vec![]);
}

#[test]
fn the_last_message_is_corrected_deleted_and_others_quoted_from_the_keyboard() {
    let mut world = crate::start(
        RoomFeatures {
            slow_mode: Some(SLOW_SECONDS),
            ..Default::default()
        },
        WorldOptions::default(),
    );
    let url = world.chat_url().build();
    crate::open_as(&mut world, &url, "Camille");
    let mut page = world.page();

    // A message: slow mode counts down.
    focus_input(&mut page);
    page.type_keys("helo wrold").press(&[keys::ENTER]);
    page.wait_message("helo wrold");
    page.wait_present(".lc-slowmode[data-remaining]");
    wait_slow_mode_over(&mut page);

    // ↑ brings it back; Escape gives up.
    focus_input(&mut page);
    page.press(&[ARROW_UP]);
    page.wait_present(".lc-editing");
    assert_eq!(page.input_value(), "helo wrold");
    page.press(&[keys::ESCAPE]);
    page.wait_absent(".lc-editing");
    assert_eq!(page.input_value(), "");

    // Again, corrected and sent: the row changes in place, marked edited, for everyone.
    page.press(&[ARROW_UP]);
    page.wait_present(".lc-editing");
    page.screenshot("room-features-correcting");
    assert_no_axe_violations(page.driver(), "the correction notice");
    page.run("document.querySelector('.lc-input').select()", vec![]);
    page.type_keys("hello world").press(&[keys::ENTER]);
    page.wait_absent(".lc-editing");
    page.wait_message("hello world");
    assert!(!page.bodies().contains(&"helo wrold".to_owned()));
    assert!(page.has(".lc-log li.lc-msg.lc-own .lc-edited"));
    page.wait_present(".lc-slowmode");
    world
        .moderator
        .run_until("the correction", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == "hello world" && m.corrected)
        })
        .unwrap_or_else(|e| panic!("the others do not see the correction: {e}"));
    let mut page = world.page();
    wait_slow_mode_over(&mut page);

    // Deleted for everyone from its menu: the first press asks, the second confirms.
    open_actions(&mut page, "hello world");
    assert!(page.has(".lc-msg-menu .lc-quote"));
    page.screenshot("room-features-message-menu");
    assert_no_axe_violations(page.driver(), "the menu of one's own message");
    page.press(&[keys::TAB]);
    assert_eq!(
        page.eval("document.activeElement.className"),
        json!("lc-delete")
    );
    page.press(&[keys::ENTER]);
    page.wait_present(".lc-msg-menu .lc-delete.lc-confirm");
    page.press(&[keys::ENTER]);
    page.wait(
        "the row is not a tombstone",
        &js::log_contains("Message removed"),
    );
    assert!(page.has(".lc-log li.lc-msg.lc-own.lc-removed"));
    assert_eq!(
        page.eval("document.activeElement.classList.contains('lc-log')"),
        json!(true),
        "the focus stays in the list"
    );
    world
        .moderator
        .run_until("the retraction", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.nick == "Camille" && m.retracted.is_some())
        })
        .unwrap_or_else(|e| panic!("the others still see it: {e}"));

    // Quoting the streamer's two lines: into the input, then sent with an answer.
    world.moderator_says("first line\nsecond line");
    let mut page = world.page();
    page.wait_message("first line\nsecond line");
    open_actions(&mut page, "first line\nsecond line");
    page.press(&[keys::ENTER]);
    page.wait(
        "the quote does not reach the input",
        "document.activeElement === document.querySelector('.lc-input')",
    );
    assert_eq!(page.input_value(), "> first line\n> second line\n");
    page.type_keys("agreed").press(&[keys::ENTER]);
    page.wait_message("> first line\n> second line\nagreed");
    page.wait_present(".lc-slowmode");
    wait_slow_mode_over(&mut page);

    // A vote starts no wait: the room counts it before slow mode sees it.
    world
        .moderator
        .command(|s| s.create_poll("Coffee?", 30, true, &["Yes", "No"]))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut page = world.page();
    page.wait_present(".lc-poll");
    focus_input(&mut page);
    page.type_keys("!1").press(&[keys::ENTER]);
    page.wait_present(".lc-poll-mine");
    assert!(!page.has(".lc-slowmode"), "no countdown after a vote");
    assert!(page.has(livechat_e2e::hooks::ENABLED_INPUT));
}
