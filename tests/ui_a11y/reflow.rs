//! Small screens and zoom: at 320 CSS px wide (WCAG reflow), in French (longer words) and at
//! 200 % nothing scrolls sideways or is cut off; on a touch screen nothing focuses the input but a
//! tap on it.

use std::time::Duration;

use livechat_e2e::{hooks, ChatPage, WebDriver, World, WorldOptions, PAGE_WAIT};
use serde_json::json;

use crate::{cdp, history, pump_for, HostSite};

/// Whatever is wider than the viewport or cut off sideways: the page scrolling horizontally, a
/// visible element reaching out of the viewport, a box clipping its own text, an avatar wrapped
/// apart from its nickname, a message list too short to read.
const REFLOW_JS: &str = r#"
    const vw = document.documentElement.clientWidth;
    const problems = [];
    const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    if (document.documentElement.scrollWidth > vw + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    for (const el of document.querySelectorAll('.lc-chat, .lc-chat *')) {
        if (el.closest('.lc-visually-hidden, .lc-announcer')) continue;
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        if (r.left < -1 || r.right > vw + 1) problems.push(`${name(el)} sticks out: ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
        const cs = getComputedStyle(el);
        if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX !== 'visible') problems.push(`${name(el)} cuts its content: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    // An avatar stays on the line of its nickname's start (a message row, a participant).
    for (const avatar of document.querySelectorAll('.lc-chat .lc-avatar')) {
        const nick = avatar.parentElement.querySelector('.lc-nick, .lc-occupant-nick');
        if (!nick) continue;
        const a = avatar.getBoundingClientRect(), first = nick.getClientRects()[0];
        if (first && (a.bottom <= first.top || a.top >= first.bottom)) problems.push(`an avatar on a line of its own, apart from ${nick.textContent}`);
    }
    const log = document.querySelector('.lc-log');
    if (log && log.clientHeight < 60) problems.push(`the message list is ${log.clientHeight} px high`);
    return { width: vw, height: document.documentElement.clientHeight, problems };
"#;

/// Nothing sticks out or is cut off (panics with the problems [`REFLOW_JS`] found); then the
/// screenshot `shot`, to look at.
fn assert_reflows(world: &World, what: &str, shot: &str) {
    let page = ChatPage::new(&world.browser);
    let result = page.run(REFLOW_JS, vec![]);
    eprintln!("reflow {what}: {result}");
    assert_eq!(result["problems"], json!([]), "{what}: {result}");
    page.screenshot(shot);
}

fn metrics(driver: &WebDriver, width: u32, height: u32, scale: f64, mobile: bool) {
    cdp(
        driver,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile }),
    );
}

#[test]
fn at_320_px_and_at_200_percent_nothing_scrolls_sideways_and_taps_do_not_focus_the_input() {
    let mut world = World::start(WorldOptions {
        history: history(2),
        ..WorldOptions::default()
    });
    // The worst case: the longest nickname allowed, a long link and a long word.
    let mut long =
        world.anonymous_chatter(Some("Maximiliane-Alexandrine von Langenname-Schmidt"), 7);
    long.command(|s| {
        s.send_message(
            "See https://example.org/a/very/long/path/without/any/break/in/it/at/all/index.html and Donaudampfschifffahrtsgesellschaftskapitänsmütze",
        )
    })
    .unwrap();
    long.run_until("echo", PAGE_WAIT, |s, _| {
        s.room().log().messages().any(|m| m.own)
    })
    .unwrap();
    let site = HostSite::start(&world.dist);
    let url = world.chat_url().build();

    // 320 CSS px wide (WCAG reflow: 1280 px at 400 %).
    metrics(&world.browser, 320, 640, 1.0, false);
    world
        .page()
        .open(&url)
        .wait_joined()
        .wait_log_contains("Donaudampf");
    assert_reflows(&world, "320 px", "a11y-320-chat");
    world
        .page()
        .click(hooks::CHOOSE_NICK)
        .element(hooks::NICK_INPUT);
    assert_reflows(&world, "320 px, nickname prompt", "a11y-320-prompt");
    let mut page = world.page();
    page.click(hooks::NICK_CANCEL)
        .click(hooks::PARTICIPANTS_TOGGLE);
    page.wait_present(hooks::OCCUPANT);
    assert_reflows(&world, "320 px, participants", "a11y-320-participants");
    let watch = site.page(&world, "watch.html").build();
    world.page().open(&watch).wait_joined();
    assert_reflows(&world, "320 px, watch page", "a11y-320-watch");

    // In French (longer words), with one more viewer under an automatic nickname: the page and
    // this viewer make the plural of "N anonymous".
    let automatic = world.anonymous_chatter(None, 11);
    let french_url = world.chat_url().with("lang", "fr").build();
    let mut page = world.page();
    page.open(&french_url)
        .wait_joined()
        .wait_log_contains("Donaudampf");
    let french = page.eval("[document.documentElement.lang, document.title, document.querySelector('.lc-status').textContent, document.querySelector('.lc-choose-nick').textContent]");
    assert_eq!(french[0], json!("fr"), "the page says its language");
    assert_eq!(french[1], json!("Chat en direct"), "{french}");
    assert!(
        french[2]
            .as_str()
            .is_some_and(|s| s.starts_with("Dans le salon en tant que Anonymous ")),
        "{french}"
    );
    assert_eq!(french[3], json!("Choisir un pseudonyme pour discuter"));
    assert_reflows(&world, "320 px, in French", "a11y-320-fr-chat");
    let participants_say = |text: &str| {
        format!(
            "document.querySelector('.lc-participants').textContent.includes({})",
            json!(text)
        )
    };
    let mut page = world.page();
    page.click(hooks::PARTICIPANTS_TOGGLE);
    page.wait("no plural", &participants_say("2 spectateurs anonymes"));
    assert_reflows(
        &world,
        "320 px, participants in French",
        "a11y-320-fr-participants",
    );
    automatic
        .close()
        .unwrap_or_else(|e| panic!("the anonymous viewer could not leave: {e}"));
    world
        .page()
        .wait("no singular", &participants_say("1 spectateur anonyme"));

    // 200 %: a 1280x800 window zoomed twice is 640x400 CSS px at 2 device pixels each.
    metrics(&world.browser, 640, 400, 2.0, false);
    world
        .page()
        .open(&url)
        .wait_joined()
        .wait_log_contains("Donaudampf");
    assert_reflows(&world, "200 %", "a11y-200-chat");
    let zoom = world.page().eval("[window.devicePixelRatio, innerWidth, getComputedStyle(document.querySelector('.lc-body')).fontSize]");
    assert_eq!(
        zoom,
        json!([2, 640, "15px"]),
        "2 device pixels per CSS pixel, text at its size"
    );
    let mut page = world.page();
    page.click(hooks::PARTICIPANTS_TOGGLE);
    page.wait_present(hooks::OCCUPANT);
    assert_reflows(&world, "200 %, participants", "a11y-200-participants");
    world
        .page()
        .click(hooks::CHOOSE_NICK)
        .element(hooks::NICK_INPUT);
    assert_reflows(&world, "200 %, nickname prompt", "a11y-200-prompt");

    touch_screen(&mut world);
}

/// Desktop: `autofocus` puts the focus in the input once it can be used. A touch screen: never
/// on its own, and a tap anywhere but the input leaves it alone.
fn touch_screen(world: &mut World) {
    // Desktop: `autofocus` puts the focus in the input once it can be used.
    metrics(&world.browser, 1280, 800, 1.0, false);
    let autofocus = world
        .chat_url()
        .with("nick", "Thumb")
        .with("autofocus", "true")
        .build();
    world.page().open(&autofocus).wait(
        "autofocus did not focus the input",
        "document.activeElement && document.activeElement.classList.contains('lc-input')",
    );

    // A touch screen.
    cdp(
        &world.browser,
        "Emulation.setTouchEmulationEnabled",
        json!({ "enabled": true, "maxTouchPoints": 5 }),
    );
    metrics(&world.browser, 360, 640, 2.0, true);
    let mut page = world.page();
    page.open(&autofocus)
        .wait_joined_as("Thumb")
        .wait_present(hooks::ENABLED_INPUT)
        .wait_log_contains("Donaudampf");
    let coarse = page.eval("matchMedia('(pointer: coarse)').matches");
    assert_eq!(coarse, json!(true), "the page sees a touch screen");
    pump_for(world, Duration::from_millis(500));
    let on_input = "document.activeElement === document.querySelector('.lc-input')";
    assert_eq!(
        world.browser.eval(on_input).unwrap(),
        json!(false),
        "no autofocus on a touch screen"
    );
    let tap = |world: &World, css: &str| {
        let centre = world
            .browser
            .eval(&format!("(r => [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)])(document.querySelector({}).getBoundingClientRect())", json!(css)))
            .unwrap();
        world
            .browser
            .perform_actions(json!([{ "type": "pointer", "id": "finger", "parameters": { "pointerType": "touch" }, "actions": [
                { "type": "pointerMove", "x": centre[0], "y": centre[1], "origin": "viewport" },
                { "type": "pointerDown", "button": 0 },
                { "type": "pause", "duration": 50 },
                { "type": "pointerUp", "button": 0 },
            ] }]))
            .unwrap_or_else(|e| panic!("tap on {css}: {e}"));
        std::thread::sleep(Duration::from_millis(300));
    };
    for css in [
        ".lc-log",
        ".lc-log li.lc-msg .lc-body",
        ".lc-status",
        ".lc-send",
    ] {
        tap(&*world, css);
        assert_eq!(
            world.browser.eval(on_input).unwrap(),
            json!(false),
            "a tap on {css} does not focus the input"
        );
    }
    tap(&*world, ".lc-input");
    assert_eq!(
        world.browser.eval(on_input).unwrap(),
        json!(true),
        "a tap on the input focuses it"
    );
    tap(&*world, ".lc-log");
    assert_eq!(
        world.browser.eval(on_input).unwrap(),
        json!(false),
        "a tap elsewhere leaves it"
    );
    world.screenshot("a11y-touch");
    world.browser.release_actions().unwrap();
}
