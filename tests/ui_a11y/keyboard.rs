//! The keyboard alone: every action in a sensible Tab order, with a visible focus ring, and the
//! focus put back where it was after each action.

use std::time::Duration;

use livechat_e2e::keys::{ENTER, ESCAPE, HOME, SHIFT, TAB};
use livechat_e2e::{hooks, ChatPage, WebDriver, World, WorldOptions, PAGE_WAIT};
use serde_json::{json, Value};

use crate::{history, open_chat, run_with_contrast};

/// Presses each key in turn (down, then up): real key events through WebDriver's input actions.
fn press(driver: &WebDriver, keys: &[&str]) {
    let actions: Vec<Value> = keys
        .iter()
        .flat_map(|k| {
            [
                json!({ "type": "keyDown", "value": k }),
                json!({ "type": "keyUp", "value": k }),
            ]
        })
        .collect();
    driver
        .perform_actions(json!([{ "type": "key", "id": "keyboard", "actions": actions }]))
        .unwrap_or_else(|e| panic!("keys {keys:?}: {e}"));
}

/// Shift+Tab.
fn back_tab(driver: &WebDriver) {
    driver
        .perform_actions(json!([{ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": SHIFT },
            { "type": "keyDown", "value": TAB },
            { "type": "keyUp", "value": TAB },
            { "type": "keyUp", "value": SHIFT },
        ] }]))
        .unwrap_or_else(|e| panic!("shift+tab: {e}"));
}

/// Types `text` key by key.
fn type_text(driver: &WebDriver, text: &str) {
    let keys: Vec<String> = text.chars().map(String::from).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    press(driver, &keys);
}

/// The focused element: its classes, whether it shows a focus ring (`:focus-visible`, a solid
/// outline of 2 px or more with 3:1 against the chat's background) and whether it is on screen.
const FOCUSED_JS: &str = r#"
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
        cls: typeof el.className === 'string' ? el.className : el.tagName,
        ring: el.matches(':focus-visible') && cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2
            && ratio(parse(cs.outlineColor), bgOf(el.parentElement || el)) >= 3,
        onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
        key: (el.closest('li[data-key]') || { dataset: {} }).dataset.key || null,
        nick: (el.closest('li[data-nick]') || { dataset: {} }).dataset.nick || null,
    };
"#;

fn focused(driver: &WebDriver) -> Value {
    run_with_contrast(driver, FOCUSED_JS)
}

/// Asserts the focus is on an element with class `class`, visibly; returns its description.
fn assert_focus(driver: &WebDriver, class: &str, what: &str) -> Value {
    // Focus moves made by the page happen in the next frame.
    let mut now = focused(driver);
    for _ in 0..20 {
        if now["cls"]
            .as_str()
            .is_some_and(|c| c.split(' ').any(|c| c == class))
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        now = focused(driver);
    }
    assert!(
        now["cls"]
            .as_str()
            .is_some_and(|c| c.split(' ').any(|c| c == class)),
        "{what}: the focus should be on .{class}, it is on {now}"
    );
    assert_eq!(
        now["ring"],
        json!(true),
        "{what}: no visible focus ring on {now}"
    );
    assert_eq!(
        now["onScreen"],
        json!(true),
        "{what}: the focused element is off screen: {now}"
    );
    now
}

/// Presses Tab (or Shift+Tab) until the focus is on `.class`, at most `max` times; returns how
/// many presses it took.
fn tab_to(driver: &WebDriver, class: &str, backwards: bool, max: usize) -> usize {
    for n in 1..=max {
        if backwards {
            back_tab(driver);
        } else {
            press(driver, &[TAB]);
        }
        let now = focused(driver);
        if now["cls"]
            .as_str()
            .is_some_and(|c| c.split(' ').any(|c| c == class))
        {
            return n;
        }
    }
    panic!(
        "no .{class} within {max} presses of {}Tab; focus on {}",
        if backwards { "Shift+" } else { "" },
        focused(driver)
    );
}

fn log_scroll(driver: &WebDriver) -> Value {
    ChatPage::new(driver).eval("(l => ({ top: l.scrollTop, gap: l.scrollHeight - l.scrollTop - l.clientHeight }))(document.querySelector('.lc-log'))")
}

#[test]
fn every_action_is_reachable_from_the_keyboard_with_a_visible_focus() {
    let mut world = World::start(WorldOptions {
        history: history(3),
        ..WorldOptions::default()
    });
    open_chat(&mut world, 3);
    let driver: &WebDriver = &world.browser;

    // From the top of the page: the toolbar, the messages, writing, then the participants panel.
    let mut order = Vec::new();
    for _ in 0..4 {
        press(driver, &[TAB]);
        let now = focused(driver);
        assert_eq!(now["ring"], json!(true), "no visible focus on {now}");
        order.push(now["cls"].as_str().unwrap_or_default().to_owned());
    }
    eprintln!("keyboard: Tab order from the top: {order:?}");
    let expected = [
        "lc-participants-toggle",
        "lc-log",
        "lc-choose-nick",
        "lc-participants-close",
    ];
    for (got, want) in order.iter().zip(expected) {
        assert!(
            got.split(' ').any(|c| c == want),
            "Tab order {order:?}, expected {expected:?}"
        );
    }

    // Choose a nickname: the button, the prompt, Enter; the focus lands in the message input.
    back_tab(driver);
    assert_focus(driver, "lc-choose-nick", "back to the nickname button");
    press(driver, &[ENTER]);
    assert_focus(driver, "lc-nick-input", "the prompt opened");
    type_text(driver, "Kay Board");
    press(driver, &[ENTER]);
    world
        .page()
        .wait_joined_as("Kay Board")
        .wait_present(hooks::ENABLED_INPUT);
    let driver: &WebDriver = &world.browser;
    assert_focus(driver, "lc-input", "after choosing a nickname");

    // Write: type and Enter.
    let body = "Typed with the keyboard only";
    type_text(driver, body);
    press(driver, &[ENTER]);
    world
        .moderator
        .run_until("the keyboard message", PAGE_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == body && m.nick == "Kay Board")
        })
        .unwrap_or_else(|e| panic!("the room never got the message typed with keys: {e}"));
    let driver: &WebDriver = &world.browser;
    assert_focus(driver, "lc-input", "after sending");

    // The participants panel: back to its toggle; Enter closes it, Space opens it and moves the
    // focus into it, Escape closes it and gives the focus back to the toggle.
    tab_to(driver, "lc-participants-toggle", true, 6);
    assert_focus(driver, "lc-participants-toggle", "the participants toggle");
    press(driver, &[ENTER]);
    world
        .page()
        .wait_absent(hooks::PARTICIPANTS)
        .wait_present(r#".lc-participants-toggle[aria-expanded="false"]"#);
    let driver: &WebDriver = &world.browser;
    press(driver, &[" "]);
    world
        .page()
        .wait_present(&hooks::occupant("Kay Board"))
        .wait_present(r#".lc-participants-toggle[aria-expanded="true"]"#);
    let driver: &WebDriver = &world.browser;
    assert_focus(driver, "lc-participants", "the panel, once opened");
    press(driver, &[ESCAPE]);
    world.page().wait_absent(hooks::PARTICIPANTS);
    let driver: &WebDriver = &world.browser;
    assert_focus(driver, "lc-participants-toggle", "the toggle, after Escape");

    // Read: the message list takes the focus and scrolls with the keys; "new messages" brings the
    // newest back and hands the focus back to the list.
    press(driver, &[TAB]);
    assert_focus(driver, "lc-log", "the message list");
    for i in 0..40 {
        world.moderator_says(&format!("Filler message {i} so that the list scrolls"));
    }
    world.page().wait_log_contains("Filler message 39");
    let driver: &WebDriver = &world.browser;
    std::thread::sleep(Duration::from_millis(300));
    let before = log_scroll(driver);
    press(driver, &[HOME]);
    std::thread::sleep(Duration::from_millis(300));
    let after = log_scroll(driver);
    eprintln!("keyboard: Home in the list: {before} -> {after}");
    assert!(
        before["top"].as_f64().unwrap() > 100.0 && after["top"].as_f64().unwrap() < 1.0,
        "Home scrolls the focused list to the oldest message: {before} -> {after}"
    );
    world.moderator_says("The newest message, below the fold");
    world.page().wait_present(hooks::NEW_MESSAGES);
    let driver: &WebDriver = &world.browser;
    // Just before the list, whatever buttons its rows hold.
    back_tab(driver);
    assert_focus(driver, "lc-new-messages", "the new-messages button");
    press(driver, &[ENTER]);
    world.page().wait_absent(hooks::NEW_MESSAGES);
    let driver: &WebDriver = &world.browser;
    let bottom = log_scroll(driver);
    assert!(
        bottom["gap"].as_f64().unwrap() < 48.0,
        "at the newest: {bottom}"
    );
    assert_focus(driver, "lc-log", "after jumping to the newest");
    world.screenshot("a11y-keyboard-viewer");

    // A moderator, keys only: the menu of the newest message removes it; the menu of an occupant
    // mutes them.
    let _target = world.anonymous_chatter(Some("Target"), 7);
    let owner = world.owner_url("StreamerDock");
    // (A new document: the same address with only a hash would not load the page again.)
    world
        .page()
        .open("about:blank")
        .open(&owner)
        .wait_joined_as("StreamerDock")
        .wait_present(&format!(
            "{} {}",
            hooks::occupant("Target"),
            hooks::OCCUPANT_MENU_TOGGLE
        ));
    let doomed = "Remove me with the keyboard";
    world.moderator_says(doomed);
    world.page().wait_log_contains(doomed);
    let driver: &WebDriver = &world.browser;
    let presses = tab_to(driver, "lc-input", false, 60);
    eprintln!("keyboard (moderator): {presses} Tab presses from the top to the input");
    // The newest message's nickname is just before the input.
    tab_to(driver, "lc-nick-button", true, 3);
    let opener = assert_focus(driver, "lc-nick-button", "the newest message's menu button");
    let key = opener["key"].as_str().expect("a message row").to_owned();
    let row_text =
        ChatPage::new(driver).text_of(&format!(r#".lc-log li[data-key="{key}"] .lc-body"#));
    assert_eq!(
        row_text,
        json!(doomed),
        "Shift+Tab from the input reaches the newest message"
    );
    press(driver, &[ENTER]);
    assert_focus(driver, "lc-mod-retract", "the message menu, opened");
    press(driver, &[ENTER]);
    world
        .page()
        .wait_present(&format!(r#".lc-log li.lc-removed[data-key="{key}"]"#));
    world
        .moderator
        .run_until("the retraction", PAGE_WAIT, |s, _| {
            s.room().log().messages().any(|m| m.retracted.is_some())
        })
        .unwrap_or_else(|e| panic!("the room did not remove the message: {e}"));
    let driver: &WebDriver = &world.browser;
    let back = assert_focus(driver, "lc-nick-button", "after removing the message");
    assert_eq!(
        back["key"],
        json!(key),
        "the focus is back on the same row: {back}"
    );

    let presses = tab_to(driver, "lc-occupant-menu-toggle", false, 40);
    if focused(driver)["nick"] != json!("Target") {
        tab_to(driver, "lc-occupant-menu-toggle", false, 5);
    }
    eprintln!(
        "keyboard (moderator): {presses}+ Tab presses from the message to an occupant's menu"
    );
    assert_eq!(focused(driver)["nick"], json!("Target"));
    press(driver, &[ENTER]);
    assert_focus(driver, "lc-mod-mute", "the occupant menu, opened");
    world.screenshot("a11y-keyboard-occupant-menu");
    let driver: &WebDriver = &world.browser;
    press(driver, &[ENTER]);
    world.page().wait_present(&format!(
        r#"{}[data-role="visitor"]"#,
        hooks::occupant("Target")
    ));
    let driver: &WebDriver = &world.browser;
    let back = assert_focus(driver, "lc-occupant-menu-toggle", "after muting");
    assert_eq!(
        back["nick"],
        json!("Target"),
        "the focus is back on the occupant: {back}"
    );
    // Escape closes a menu without doing anything, and without closing the panel.
    press(driver, &[ENTER]);
    assert_focus(driver, "lc-mod-voice", "the menu of a muted occupant");
    press(driver, &[ESCAPE]);
    world
        .page()
        .wait_absent(hooks::MOD_MENU)
        .wait_present(hooks::PARTICIPANTS);
    let driver: &WebDriver = &world.browser;
    assert_focus(
        driver,
        "lc-occupant-menu-toggle",
        "after Escape in the menu",
    );
    driver.release_actions().unwrap();
}
