//! Two browsers in the same room: the second picks a nickname through the nickname prompt and
//! writes; the first sees the message under that nickname.

use std::time::Duration;

use livechat_e2e::{Chromium, World, WorldOptions};
use serde_json::{json, Value};

const PAGE_WAIT: Duration = Duration::from_secs(20);

const JOINED: &str = r#"document.querySelector('.lc-status[data-status="joined"]')"#;

/// Waits on `browser` (not the world's) while keeping the moderator bot pumped.
fn wait_on(world: &mut World, browser: &Chromium, expression: &str) -> Value {
    let moderator = &mut world.moderator;
    browser
        .wait_until(&format!("`{expression}`"), PAGE_WAIT, || {
            let _ = moderator.pump(Duration::from_millis(10));
            let value = browser.eval(expression).unwrap_or(Value::Null);
            Ok((livechat_e2e::webdriver::is_truthy(&value), value))
        })
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_viewer_picks_a_nickname_in_the_prompt_and_the_other_browser_sees_it() {
    let mut world = World::start(WorldOptions::default());
    let second =
        Chromium::launch().unwrap_or_else(|e| panic!("cannot launch a second Chromium: {e}"));
    let url = world.chat_url().build();

    world.open(&url, JOINED, "the first page did not join");
    second.navigate(&url).unwrap_or_else(|e| panic!("{e}"));
    wait_on(&mut world, &second, JOINED);

    // The second viewer has an automatic nickname, so no input: a button opens the prompt.
    assert_eq!(
        second.find(".lc-composer .lc-input").unwrap(),
        None,
        "no input before a nickname"
    );
    let choose = second
        .wait_for_selector(".lc-choose-nick", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("no 'choose a nickname' button: {e}"));
    second.click(&choose).unwrap_or_else(|e| panic!("{e}"));
    let field = second
        .wait_for_selector(".lc-nick-prompt .lc-nick-input", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("the nickname prompt did not open: {e}"));
    second
        .send_keys(&field, "Alice Liddell")
        .unwrap_or_else(|e| panic!("{e}"));
    let submit = second
        .find(".lc-nick-prompt .lc-nick-submit")
        .unwrap()
        .expect("a submit button");
    second.click(&submit).unwrap_or_else(|e| panic!("{e}"));

    // The room accepted the nickname: status says so, the prompt closed, the input is there.
    wait_on(
        &mut world,
        &second,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="Alice Liddell"]')
            && !document.querySelector('.lc-nick-prompt')
            && document.querySelector('.lc-composer .lc-input:not([disabled])')"#,
    );
    world
        .moderator
        .run_until("Alice in the room", PAGE_WAIT, |s, _| {
            s.room().occupant("Alice Liddell").is_some()
        })
        .unwrap_or_else(|e| panic!("the bot does not see Alice: {e}"));

    let body = "Hi from the second browser!";
    let input = second
        .find(".lc-composer .lc-input")
        .unwrap()
        .expect("the input");
    second
        .send_keys(&input, body)
        .unwrap_or_else(|e| panic!("{e}"));
    second
        .send_keys(&input, "\u{E007}")
        .unwrap_or_else(|e| panic!("{e}"));

    // The first browser shows it under the chosen nickname, not as its own.
    let shown = world
        .wait_for_js(
            &format!(
                "Array.from(document.querySelectorAll('.lc-log li.lc-msg')).filter(li => \
                 li.querySelector('.lc-body').textContent === {}).map(li => ({{ \
                 nick: li.querySelector('.lc-nick').textContent, own: li.classList.contains('lc-own') }}))[0]",
                json!(body)
            ),
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the first browser does not show the message: {e}"));
    assert_eq!(shown, json!({ "nick": "Alice Liddell", "own": false }));
    // And the sender shows it as its own.
    wait_on(
        &mut world,
        &second,
        &format!(
            "Array.from(document.querySelectorAll('.lc-log li.lc-msg.lc-own .lc-body')).some(b => b.textContent === {})",
            json!(body)
        ),
    );

    world.screenshot("ui-chat-first");
    let shot = second
        .screenshot("ui-chat-second")
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!("screenshot: {}", shot.display());
}
