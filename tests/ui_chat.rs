//! Two browsers in the same room: the second picks a nickname through the nickname prompt and
//! writes; the first sees the message under that nickname.

use livechat_e2e::{hooks, js, Chromium, World, WorldOptions};
use serde_json::json;

#[test]
fn a_viewer_picks_a_nickname_in_the_prompt_and_the_other_browser_sees_it() {
    let mut world = World::start(WorldOptions::default());
    let second =
        Chromium::launch().unwrap_or_else(|e| panic!("cannot launch a second Chromium: {e}"));
    let url = world.chat_url().build();

    world.page().open(&url).wait_joined();
    world.page_in(&second).open(&url).wait_joined();

    // The second viewer has an automatic nickname, so no input: a button opens the prompt.
    let mut page = world.page_in(&second);
    assert!(!page.has(hooks::INPUT), "no input before a nickname");
    page.choose_nick("Alice Liddell");

    // The room accepted the nickname: status says so, the prompt closed, the input is there.
    page.wait(
        "the prompt did not give way to the input",
        &format!(
            "{} && {}",
            js::absent(hooks::NICK_PROMPT),
            js::element(hooks::ENABLED_INPUT)
        ),
    );
    world
        .moderator
        .run_until("Alice in the room", livechat_e2e::PAGE_WAIT, |s, _| {
            s.room().occupant("Alice Liddell").is_some()
        })
        .unwrap_or_else(|e| panic!("the bot does not see Alice: {e}"));

    let body = "Hi from the second browser!";
    world.page_in(&second).send(body);

    // The first browser shows it under the chosen nickname, not as its own.
    let mut first = world.page();
    first.wait_message(body);
    let shown: Vec<_> = first
        .messages()
        .into_iter()
        .filter(|m| m.body == body)
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(
        (shown[0].nick.as_str(), shown[0].own),
        ("Alice Liddell", false)
    );
    // And the sender shows it as its own.
    world.page_in(&second).wait(
        "the sender does not show its message as its own",
        &format!(
            "Array.from(document.querySelectorAll('.lc-log li.lc-msg.lc-own .lc-body')).some(b => b.textContent === {})",
            json!(body)
        ),
    );

    world.screenshot("ui-chat-first");
    world.page_in(&second).screenshot("ui-chat-second");
}
