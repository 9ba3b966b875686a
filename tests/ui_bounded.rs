//! A long stream: after 1,000 messages the page holds exactly the log's capacity (100 entries,
//! the core's default, as the plugin prunes), the newest last.

use livechat_e2e::{hooks, World, WorldOptions, PAGE_WAIT};
use serde_json::json;

const MESSAGES: usize = 1_000;
const CAPACITY: usize = 100;
const BATCH: usize = 25;

fn body(i: usize) -> String {
    format!("flood {i:04}")
}

#[test]
fn after_a_thousand_messages_the_dom_holds_the_last_hundred() {
    let mut world = World::start(WorldOptions::default());
    let url = world.chat_url().build();
    world.page().open(&url).wait_joined();

    // The bot sends in batches, each echoed before the next, so the room is not flooded faster
    // than it relays.
    let mut sent = 0;
    while sent < MESSAGES {
        let end = (sent + BATCH).min(MESSAGES);
        world
            .moderator
            .command(|s| {
                for i in sent + 1..=end {
                    s.send_message(&body(i));
                }
            })
            .unwrap_or_else(|e| panic!("the bot cannot send: {e}"));
        let last = body(end);
        world
            .moderator
            .run_until("the batch echoed", PAGE_WAIT, |s, _| {
                s.room().log().messages().any(|m| m.body == last)
            })
            .unwrap_or_else(|e| panic!("{e}"));
        sent = end;
    }

    let newest = body(MESSAGES);
    let mut page = world.page();
    page.wait(
        "the newest message did not show",
        &format!(
            "(() => {{ const b = document.querySelectorAll('.lc-log li.lc-msg .lc-body'); \
             return b.length > 0 && b[b.length - 1].textContent === {}; }})()",
            json!(newest)
        ),
    );

    let bodies = page.bodies();
    let expected: Vec<String> = (MESSAGES - CAPACITY + 1..=MESSAGES).map(body).collect();
    assert_eq!(
        bodies.len(),
        CAPACITY,
        "the DOM holds exactly the log's capacity"
    );
    assert_eq!(bodies, expected, "the last {CAPACITY} messages, in order");
    let rows = page.eval("document.querySelectorAll('.lc-log > li').length");
    assert_eq!(
        rows.as_u64(),
        Some(CAPACITY as u64),
        "no other rows in the log"
    );

    // The newest is on screen: the list followed to the bottom.
    page.wait(
        "the newest message is not scrolled into view",
        "(() => { const log = document.querySelector('.lc-log'); \
             const last = log.querySelector('li.lc-msg:last-child').getBoundingClientRect(); \
             const box = log.getBoundingClientRect(); \
             return last.bottom <= box.bottom + 1 && last.top >= box.top - 1; })()",
    );
    assert!(
        !page.has(hooks::NEW_MESSAGES),
        "no 'new messages' button at the bottom"
    );

    page.screenshot("ui-bounded");
}
