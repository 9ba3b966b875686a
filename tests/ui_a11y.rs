//! Accessibility of the three uses, in real Chromium against real Prosody:
//! - axe-core finds nothing on the standalone chat (light, dark, cyberpunk), the nickname prompt,
//!   the moderator's menus, the PeerTube-like watch page, the third-party iframe and the OBS
//!   overlay;
//! - every action can be done from the keyboard alone, in a sensible order, with a visible focus;
//! - a screen reader hears new messages (never the history) with their author, and the anonymous
//!   count and the connection state at a bounded rate;
//! - at 320 px wide and at 200 % zoom nothing scrolls sideways or is cut off; on a touch screen a
//!   tap outside the input does not focus it;
//! - reduced motion and the dark scheme are followed, and nickname colours are readable on the
//!   background they are drawn on.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use livechat_core::{Config, Credentials, SessionState};
use livechat_e2e::axe::{self, Violation};
use livechat_e2e::{ChatUrl, StaticServer, WebDriver, World, WorldOptions};
use livechat_native::NativeClient;
use serde_json::{json, Value};

const PAGE_WAIT: Duration = Duration::from_secs(20);

const JOINED: &str = r#"document.querySelector('.lc-status[data-status="joined"]')"#;

/// The account the world's bot registered (and that owns the room): see `world::moderator_bot`.
const OWNER: (&str, &str) = ("streamer", "streamer-password");

// WebDriver key codes.
const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const SHIFT: &str = "\u{E008}";
const HOME: &str = "\u{E011}";

fn history(n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| format!("History message {i}: welcome to the stream"))
        .collect()
}

/// The demo host pages next to the web build, as `cargo xtask demo` serves them: `dist/` at `/`
/// and `www/` at `/www/`. A copy in a directory of its own, removed on drop.
struct HostSite {
    server: Option<StaticServer>,
    dir: PathBuf,
}

impl HostSite {
    fn start(dist: &Path) -> HostSite {
        // The tests of this file run in parallel threads of one process: a directory each.
        static SITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("livechat-e2e-a11y-site-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(dist, &dir);
        copy_dir(
            &livechat_e2e::paths::workspace_root().join("www"),
            &dir.join("www"),
        );
        let server = StaticServer::start(&dir)
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", dir.display()));
        HostSite {
            server: Some(server),
            dir,
        }
    }

    /// `www/<page>` with the world's room, WebSocket and anonymous domain in the query.
    fn page(&self, world: &World, page: &str) -> ChatUrl {
        let base = format!("{}www/{page}", self.server.as_ref().unwrap().url());
        ChatUrl::new(base)
            .with("room", world.room.to_string())
            .with("ws", world.ws_url())
            .with("anon", world.anonymous_domain.clone())
    }
}

impl Drop for HostSite {
    fn drop(&mut self) {
        drop(self.server.take());
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    }
}

fn wait(world: &mut World, expression: &str) -> Value {
    world
        .wait_for_js(expression, PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The bot's socket answered for a while (the browser keeps going on its own meanwhile).
fn pump_for(world: &mut World, how_long: Duration) {
    let until = Instant::now() + how_long;
    while Instant::now() < until {
        let _ = world.moderator.pump(Duration::from_millis(50));
    }
}

fn cdp(driver: &WebDriver, command: &str, params: Value) {
    driver
        .cdp(command, params)
        .unwrap_or_else(|e| panic!("{command}: {e}"));
}

fn emulate_media(driver: &WebDriver, features: &[(&str, &str)]) {
    let features: Vec<Value> = features
        .iter()
        .map(|(name, value)| json!({ "name": name, "value": value }))
        .collect();
    cdp(
        driver,
        "Emulation.setEmulatedMedia",
        json!({ "features": features }),
    );
}

/// The moderator's page: the room owner's account from the streamer's token in the hash.
fn owner_url(world: &World, nick: &str) -> String {
    format!(
        "{}#?j={}&p={}&n={nick}",
        world.chat_url().build(),
        world.prosody.user_jid(OWNER.0).replace('@', "%40"),
        OWNER.1
    )
}

/// A native anonymous viewer who chose `nick` and is in the room.
fn anonymous_chatter(world: &mut World, nick: &str) -> NativeClient {
    let mut config = Config::new(
        Credentials::Anonymous {
            domain: world.anonymous_domain.clone(),
        },
        world.room.clone(),
    );
    config.nickname = Some(nick.to_owned());
    let mut client = NativeClient::connect(&world.ws_url(), config, 7)
        .unwrap_or_else(|e| panic!("{nick} cannot connect: {e}"));
    client
        .run_until("joined", PAGE_WAIT, |s, _| {
            s.state() == SessionState::Joined
        })
        .unwrap_or_else(|e| panic!("{nick} did not join: {e}"));
    client
}

/// Runs axe and keeps the report for the end of the test (every page is checked even when one
/// fails).
fn check(results: &mut Vec<(String, Vec<Violation>)>, driver: &WebDriver, page: &str) {
    let violations =
        axe::run(driver).unwrap_or_else(|e| panic!("axe could not run on {page}: {e}"));
    eprint!("{}", axe::report(page, &violations));
    results.push((page.to_owned(), violations));
}

fn assert_all_clean(results: &[(String, Vec<Violation>)]) {
    let failing: Vec<String> = results
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(page, v)| axe::report(page, v))
        .collect();
    let summary: Vec<String> = results
        .iter()
        .map(|(page, v)| format!("{page}: {}", v.len()))
        .collect();
    eprintln!("axe summary: {}", summary.join("; "));
    assert!(failing.is_empty(), "{}", failing.join("\n"));
}

#[test]
fn axe_finds_nothing_on_the_three_uses_the_prompt_and_the_moderator_menus() {
    let mut world = World::start(WorldOptions {
        history: history(3),
        ..WorldOptions::default()
    });
    let site = HostSite::start(&world.dist);
    let mut results = Vec::new();

    // The standalone page, as an anonymous viewer: messages, participants panel open.
    world
        .browser
        .navigate(&world.chat_url().build())
        .unwrap_or_else(|e| panic!("{e}"));
    wait(&mut world, JOINED);
    wait(&mut world, "document.querySelectorAll('.lc-log li.lc-msg').length >= 3 && document.querySelector('.lc-participants')");
    world.moderator_says("A live message with a link: https://example.org/schedule");
    wait(
        &mut world,
        "document.querySelectorAll('.lc-log li.lc-msg').length >= 4",
    );
    check(&mut results, &world.browser, "chat page (light)");

    // The nickname prompt, and its error.
    let choose = world
        .browser
        .wait_for_selector(".lc-choose-nick", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    world.browser.click(&choose).unwrap();
    let field = world
        .browser
        .wait_for_selector(".lc-nick-input", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    check(&mut results, &world.browser, "nickname prompt");
    world
        .browser
        .send_keys(&field, &format!("Anonymous 123456{ENTER}"))
        .unwrap();
    wait(&mut world, "document.querySelector('.lc-nick-error')");
    check(
        &mut results,
        &world.browser,
        "nickname prompt with an error",
    );

    // Dark scheme, and the cyberpunk theme.
    emulate_media(&world.browser, &[("prefers-color-scheme", "dark")]);
    world
        .browser
        .navigate(&world.chat_url().build())
        .unwrap_or_else(|e| panic!("{e}"));
    wait(&mut world, JOINED);
    wait(
        &mut world,
        "document.querySelectorAll('.lc-log li.lc-msg').length >= 4",
    );
    check(&mut results, &world.browser, "chat page (dark)");
    emulate_media(&world.browser, &[]);
    world
        .browser
        .navigate(&world.chat_url().with("theme", "cyberpunk").build())
        .unwrap_or_else(|e| panic!("{e}"));
    wait(&mut world, JOINED);
    wait(
        &mut world,
        "document.querySelectorAll('.lc-log li.lc-msg').length >= 4",
    );
    check(&mut results, &world.browser, "chat page (cyberpunk)");

    // The moderator: the menu of a message, and the menu of an occupant.
    let _viewer = anonymous_chatter(&mut world, "Camille");
    world
        .browser
        .navigate(&owner_url(&world, "StreamerDock"))
        .unwrap_or_else(|e| panic!("{e}"));
    wait(
        &mut world,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="StreamerDock"]')
            && document.querySelector('.lc-occupant[data-nick="Camille"] .lc-occupant-menu-toggle')"#,
    );
    let nick_button = world
        .browser
        .wait_for_selector(".lc-log li.lc-msg .lc-nick-button", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    world.browser.click(&nick_button).unwrap();
    wait(&mut world, "document.querySelector('.lc-log .lc-mod-menu')");
    check(&mut results, &world.browser, "moderator: message menu");
    let toggle = world
        .browser
        .find(r#".lc-occupant[data-nick="Camille"] .lc-occupant-menu-toggle"#)
        .unwrap()
        .expect("the occupant's menu toggle");
    world.browser.click(&toggle).unwrap();
    wait(
        &mut world,
        "document.querySelector('.lc-participants .lc-mod-menu')",
    );
    check(&mut results, &world.browser, "moderator: occupant menu");

    // The PeerTube-like watch page (mount()).
    world
        .browser
        .navigate(&site.page(&world, "watch.html").build())
        .unwrap_or_else(|e| panic!("{e}"));
    wait(&mut world, JOINED);
    wait(
        &mut world,
        "document.querySelectorAll('.lc-log li.lc-msg').length >= 4",
    );
    check(&mut results, &world.browser, "www/watch.html");
    // The embedding loader (livechat.js) asked for the build's files by the names the build wrote
    // into it, not after reading index.html, and for the wasm's gzipped twin alone.
    let fetched = world
        .browser
        .eval("performance.getEntriesByType('resource').map((r) => r.name)")
        .unwrap_or_else(|e| panic!("{e}"));
    let fetched: Vec<&str> = fetched
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let wasm: Vec<&str> = fetched
        .iter()
        .copied()
        .filter(|n| n.contains(".wasm"))
        .collect();
    assert!(
        matches!(wasm.as_slice(), [name] if name.ends_with("_bg.wasm.gz")),
        "the watch page fetched {wasm:?}, not the wasm's gzipped twin alone"
    );
    assert!(
        fetched.iter().any(|n| n.contains("/livechat.js"))
            && !fetched.iter().any(|n| n.ends_with("/index.html")),
        "livechat.js read index.html (or was not loaded): {fetched:?}"
    );

    // The same in the host's dark theme, with the participants panel open over the messages.
    world
        .browser
        .navigate(&site.page(&world, "watch.html").with("dark", "1").build())
        .unwrap_or_else(|e| panic!("{e}"));
    wait(&mut world, JOINED);
    click_css(&world, ".lc-participants-toggle");
    wait(
        &mut world,
        "document.querySelector('.lc-participants .lc-occupant') && document.querySelectorAll('.lc-log li.lc-msg').length >= 4",
    );
    check(
        &mut results,
        &world.browser,
        "www/watch.html?dark=1, participants open",
    );

    // The third-party page with the chat in an iframe: axe checks inside the frame too.
    world
        .browser
        .navigate(&site.page(&world, "embed.html").build())
        .unwrap_or_else(|e| panic!("{e}"));
    let frame = world
        .browser
        .wait_for_selector("#chat-frame", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    world.browser.switch_to_frame(&frame).unwrap();
    wait(&mut world, JOINED);
    wait(
        &mut world,
        "document.querySelectorAll('.lc-log li.lc-msg').length >= 4",
    );
    world.browser.switch_to_top().unwrap();
    axe::inject_into_frame(&world.browser, &frame).unwrap_or_else(|e| panic!("{e}"));
    check(
        &mut results,
        &world.browser,
        "www/embed.html (with its iframe)",
    );

    // The OBS overlay.
    world
        .browser
        .navigate(&site.page(&world, "obs.html").build())
        .unwrap_or_else(|e| panic!("{e}"));
    wait(&mut world, JOINED);
    world.moderator_says("Hello OBS");
    wait(
        &mut world,
        "document.querySelectorAll('.lc-log li.lc-msg').length >= 1",
    );
    check(&mut results, &world.browser, "www/obs.html (overlay)");

    // The page given unusable parameters: the error instead of the chat.
    world
        .browser
        .navigate(&world.chat_url().without("room").build())
        .unwrap_or_else(|e| panic!("{e}"));
    world
        .browser
        .wait_for_selector(".lc-params-error", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    check(
        &mut results,
        &world.browser,
        "chat page, parameters missing",
    );

    assert_all_clean(&results);
}

// ---- Keyboard ----------------------------------------------------------------------------------

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
    const parse = s => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const bgOf = e => { for (; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0.5) return c; } return [255, 255, 255]; };
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
    driver
        .execute(FOCUSED_JS, vec![])
        .unwrap_or_else(|e| panic!("{e}"))
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
    driver
        .eval("(l => ({ top: l.scrollTop, gap: l.scrollHeight - l.scrollTop - l.clientHeight }))(document.querySelector('.lc-log'))")
        .unwrap()
}

#[test]
fn every_action_is_reachable_from_the_keyboard_with_a_visible_focus() {
    let mut world = World::start(WorldOptions {
        history: history(3),
        ..WorldOptions::default()
    });
    let url = world.chat_url().build();
    world.browser.navigate(&url).unwrap();
    wait(&mut world, JOINED);
    wait(&mut world, "document.querySelectorAll('.lc-log li.lc-msg').length >= 3 && document.querySelector('.lc-participants')");
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
    wait(
        &mut world,
        r#"document.querySelector('.lc-status[data-nick="Kay Board"]') && document.querySelector('.lc-input:not([disabled])')"#,
    );
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
    wait(
        &mut world,
        r#"!document.querySelector('.lc-participants') && document.querySelector('.lc-participants-toggle[aria-expanded="false"]')"#,
    );
    let driver: &WebDriver = &world.browser;
    press(driver, &[" "]);
    wait(
        &mut world,
        r#"document.querySelector('.lc-participants .lc-occupant[data-nick="Kay Board"]') && document.querySelector('.lc-participants-toggle[aria-expanded="true"]')"#,
    );
    let driver: &WebDriver = &world.browser;
    assert_focus(driver, "lc-participants", "the panel, once opened");
    press(driver, &[ESCAPE]);
    wait(&mut world, "!document.querySelector('.lc-participants')");
    let driver: &WebDriver = &world.browser;
    assert_focus(driver, "lc-participants-toggle", "the toggle, after Escape");

    // Read: the message list takes the focus and scrolls with the keys; "new messages" brings the
    // newest back and hands the focus back to the list.
    press(driver, &[TAB]);
    assert_focus(driver, "lc-log", "the message list");
    for i in 0..40 {
        world.moderator_says(&format!("Filler message {i} so that the list scrolls"));
    }
    let filled = "document.querySelector('.lc-log').textContent.includes('Filler message 39')";
    wait(&mut world, filled);
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
    wait(&mut world, "document.querySelector('.lc-new-messages')");
    let driver: &WebDriver = &world.browser;
    press(driver, &[TAB]);
    assert_focus(driver, "lc-new-messages", "the new-messages button");
    press(driver, &[ENTER]);
    wait(&mut world, "!document.querySelector('.lc-new-messages')");
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
    let _target = anonymous_chatter(&mut world, "Target");
    // (A new document: the same address with only a hash would not load the page again.)
    world.browser.navigate("about:blank").unwrap();
    world
        .browser
        .navigate(&owner_url(&world, "StreamerDock"))
        .unwrap();
    wait(
        &mut world,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="StreamerDock"]')
            && document.querySelector('.lc-occupant[data-nick="Target"] .lc-occupant-menu-toggle')"#,
    );
    let doomed = "Remove me with the keyboard";
    world.moderator_says(doomed);
    wait(
        &mut world,
        &format!(
            "document.querySelector('.lc-log').textContent.includes({})",
            json!(doomed)
        ),
    );
    let driver: &WebDriver = &world.browser;
    let presses = tab_to(driver, "lc-input", false, 60);
    eprintln!("keyboard (moderator): {presses} Tab presses from the top to the input");
    // The newest message's nickname is just before the input.
    tab_to(driver, "lc-nick-button", true, 3);
    let opener = assert_focus(driver, "lc-nick-button", "the newest message's menu button");
    let key = opener["key"].as_str().expect("a message row").to_owned();
    let row_text = driver
        .eval(&format!(
            "document.querySelector('.lc-log li[data-key=\"{key}\"] .lc-body').textContent"
        ))
        .unwrap();
    assert_eq!(
        row_text,
        json!(doomed),
        "Shift+Tab from the input reaches the newest message"
    );
    press(driver, &[ENTER]);
    assert_focus(driver, "lc-mod-retract", "the message menu, opened");
    press(driver, &[ENTER]);
    wait(
        &mut world,
        &format!("document.querySelector('.lc-log li.lc-removed[data-key=\"{key}\"]')"),
    );
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
    wait(
        &mut world,
        r#"document.querySelector('.lc-occupant[data-nick="Target"][data-role="visitor"]')"#,
    );
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
    wait(
        &mut world,
        "!document.querySelector('.lc-mod-menu') && document.querySelector('.lc-participants')",
    );
    let driver: &WebDriver = &world.browser;
    assert_focus(
        driver,
        "lc-occupant-menu-toggle",
        "after Escape in the menu",
    );
    driver.release_actions().unwrap();
}

// ---- Screen readers ----------------------------------------------------------------------------

/// Every live region of the page: what a screen reader reads out on its own.
const LIVE_REGIONS_JS: &str = r#"
    return Array.from(document.querySelectorAll('[aria-live], [role=log], [role=status], [role=alert], [role=marquee], [role=timer], output'))
        .map(el => ({ cls: el.className, live: el.getAttribute('aria-live'), role: el.getAttribute('role') }));
"#;

/// Records what is added to the two announcer regions, and the visible count's changes.
const LISTEN_JS: &str = r#"
    const heard = { messages: [], status: [], countChanges: 0 };
    window.__lcHeard = heard;
    const t0 = performance.now();
    const watch = (sel, list) => new MutationObserver(records => {
        for (const r of records) for (const n of r.addedNodes) list.push({ at: Math.round(performance.now() - t0), text: n.textContent });
    }).observe(document.querySelector(sel), { childList: true });
    watch('.lc-announce-messages', heard.messages);
    watch('.lc-announce-status', heard.status);
    new MutationObserver(() => heard.countChanges++).observe(document.querySelector('.lc-header'), { subtree: true, characterData: true, childList: true, attributes: true, attributeFilter: ['data-count'] });
"#;

#[test]
fn screen_readers_hear_new_messages_only_and_a_bounded_rate_of_status_news() {
    let mut world = World::start(WorldOptions {
        history: history(5),
        ..WorldOptions::default()
    });
    world
        .browser
        .navigate(&world.chat_url().with("nick", "Reader").build())
        .unwrap();
    wait(
        &mut world,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="Reader"]')"#,
    );
    wait(
        &mut world,
        "document.querySelectorAll('.lc-log li.lc-msg').length >= 5",
    );

    // The page and the chat: a title, a main landmark, the chat's labelled region.
    let page = world
        .browser
        .eval("({ title: document.title, main: !!document.querySelector('main'), chat: document.querySelector('section.lc-chat').getAttribute('aria-label'), log: document.querySelector('.lc-log').getAttribute('aria-label') })")
        .unwrap();
    assert_eq!(
        page,
        json!({ "title": "Live chat", "main": true, "chat": "Live chat", "log": "Messages" })
    );

    // One polite region for messages; the list itself is not live, nor inside a live region.
    let regions = world.browser.execute(LIVE_REGIONS_JS, vec![]).unwrap();
    eprintln!("live regions: {regions}");
    let in_live = world
        .browser
        .eval("!!document.querySelector('.lc-log').closest('[aria-live], [role=log], [role=status], [role=alert]')")
        .unwrap();
    assert_eq!(
        in_live,
        json!(false),
        "the message list is not a live region"
    );
    let message_regions: Vec<&Value> = regions
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["cls"]
                .as_str()
                .unwrap_or_default()
                .contains("lc-announce-messages")
        })
        .collect();
    assert_eq!(message_regions.len(), 1, "{regions}");
    assert_eq!(message_regions[0]["live"], json!("polite"));

    // The history replayed on join was not announced.
    let announced = world
        .browser
        .eval("document.querySelector('.lc-announce-messages').children.length")
        .unwrap();
    assert_eq!(announced, json!(0), "the history is not read out");

    world.browser.execute(LISTEN_JS, vec![]).unwrap();
    world.moderator_says("Hello, screen readers");
    wait(&mut world, "window.__lcHeard.messages.length >= 1");
    // Our own message is in the list, not read back to us.
    let input = world.browser.find(".lc-input").unwrap().expect("the input");
    world
        .browser
        .send_keys(&input, &format!("My own words{ENTER}"))
        .unwrap();
    wait(&mut world, "document.querySelector('.lc-log li.lc-own')");
    world.moderator_says("Second live message");
    wait(&mut world, "window.__lcHeard.messages.length >= 2");
    pump_for(&mut world, Duration::from_millis(500));
    let heard = world
        .browser
        .eval("window.__lcHeard.messages.map(m => m.text)")
        .unwrap();
    eprintln!("announced messages: {heard}");
    assert_eq!(
        heard,
        json!([
            "Streamer: Hello, screen readers",
            "Streamer: Second live message"
        ]),
        "new messages from others, each with its author, and nothing else"
    );

    // Twenty anonymous viewers arrive in a few seconds: the visible count follows each one, the
    // announcements are rate-limited, and the last word is the final count.
    let started = Instant::now();
    let mut crowd = Vec::new();
    for i in 0..20u64 {
        let config = Config::anonymous(&world.anonymous_domain, world.room.clone());
        let mut viewer = NativeClient::connect(&world.ws_url(), config, 2_000 + i)
            .unwrap_or_else(|e| panic!("viewer {i} cannot connect: {e}"));
        viewer
            .run_until("joined", PAGE_WAIT, |s, _| {
                s.state() == SessionState::Joined && s.room().me().is_some()
            })
            .unwrap_or_else(|e| panic!("viewer {i} did not join: {e}"));
        crowd.push(viewer);
    }
    let joins_took = started.elapsed();
    wait(
        &mut world,
        r#"document.querySelector('.lc-count[data-count="22"]')"#,
    );
    // The trailing announcement comes at most 15 s after the first.
    wait(
        &mut world,
        "window.__lcHeard.status.some(s => s.text === '20 anonymous viewers')",
    );
    pump_for(&mut world, Duration::from_secs(2));
    let heard = world.browser.eval("window.__lcHeard").unwrap();
    let counts: Vec<&Value> = heard["status"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["text"].as_str().unwrap_or_default().contains("anonymous"))
        .collect();
    eprintln!(
        "20 joins in {joins_took:.1?}: the visible count changed {} times; announced: {counts:?}",
        heard["countChanges"]
    );
    assert!(
        heard["countChanges"].as_u64().unwrap() >= 10,
        "the visible count follows the joins: {heard}"
    );
    assert!(
        counts.len() <= 2,
        "at most one announcement now and one after the interval: {counts:?}"
    );
    assert_eq!(
        counts.last().unwrap()["text"],
        json!("20 anonymous viewers"),
        "the last value wins"
    );
    if let [first, last] = counts[..] {
        let gap = last["at"].as_f64().unwrap() - first["at"].as_f64().unwrap();
        assert!(gap >= 14_900.0, "announcements 15 s apart, not {gap} ms");
    }

    // The connection state: removed from the room, the viewer hears it at once (the last status
    // news was long ago).
    world
        .moderator
        .command(|s| s.kick("Reader", Some("test")))
        .unwrap();
    wait(
        &mut world,
        r#"window.__lcHeard.status.some(s => !s.text.includes('anonymous'))"#,
    );
    let heard = world.browser.eval("window.__lcHeard.status").unwrap();
    eprintln!("status announcements: {heard}");
    let status_text = world
        .browser
        .eval("document.querySelector('.lc-status').textContent")
        .unwrap();
    assert!(
        heard
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["text"] == status_text),
        "the new connection state {status_text} is announced: {heard}"
    );
    let kept = world
        .browser
        .eval("[document.querySelector('.lc-announce-messages').children.length, document.querySelector('.lc-announce-status').children.length]")
        .unwrap();
    assert!(
        kept[0].as_u64().unwrap() <= 5 && kept[1].as_u64().unwrap() <= 5,
        "the regions stay small: {kept}"
    );
    for viewer in crowd {
        let _ = viewer.close();
    }
}

// ---- Small screens, zoom, touch -----------------------------------------------------------------

/// Whatever is wider than the viewport or cut off sideways: the page scrolling horizontally, a
/// visible element reaching out of the viewport, a box clipping its own text, a message list too
/// short to read.
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
    const log = document.querySelector('.lc-log');
    if (log && log.clientHeight < 60) problems.push(`the message list is ${log.clientHeight} px high`);
    return { width: vw, height: document.documentElement.clientHeight, problems };
"#;

fn reflow(world: &World, what: &str) -> Value {
    let result = world.browser.execute(REFLOW_JS, vec![]).unwrap();
    eprintln!("reflow {what}: {result}");
    result
}

fn assert_reflows(world: &World, what: &str) {
    let result = reflow(world, what);
    assert_eq!(result["problems"], json!([]), "{what}: {result}");
}

fn metrics(driver: &WebDriver, width: u32, height: u32, scale: f64, mobile: bool) {
    cdp(
        driver,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile }),
    );
}

fn click_css(world: &World, css: &str) {
    let el = world
        .browser
        .wait_for_selector(css, PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    world
        .browser
        .click(&el)
        .unwrap_or_else(|e| panic!("{css}: {e}"));
}

#[test]
fn at_320_px_and_at_200_percent_nothing_scrolls_sideways_and_taps_do_not_focus_the_input() {
    let mut world = World::start(WorldOptions {
        history: history(2),
        ..WorldOptions::default()
    });
    // The worst case: the longest nickname allowed, a long link and a long word.
    let mut long = anonymous_chatter(&mut world, "Maximiliane-Alexandrine von Langenname-Schmidt");
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
    world.browser.navigate(&url).unwrap();
    wait(&mut world, JOINED);
    wait(
        &mut world,
        "document.querySelector('.lc-log').textContent.includes('Donaudampf')",
    );
    assert_reflows(&world, "320 px");
    world.screenshot("a11y-320-chat");
    click_css(&world, ".lc-choose-nick");
    wait(&mut world, "document.querySelector('.lc-nick-input')");
    assert_reflows(&world, "320 px, nickname prompt");
    world.screenshot("a11y-320-prompt");
    click_css(&world, ".lc-nick-cancel");
    click_css(&world, ".lc-participants-toggle");
    wait(
        &mut world,
        "document.querySelector('.lc-participants .lc-occupant')",
    );
    assert_reflows(&world, "320 px, participants");
    world.screenshot("a11y-320-participants");
    world
        .browser
        .navigate(&site.page(&world, "watch.html").build())
        .unwrap();
    wait(&mut world, JOINED);
    assert_reflows(&world, "320 px, watch page");
    world.screenshot("a11y-320-watch");

    // In French (longer words), with one more viewer under an automatic nickname: the page and
    // this viewer make the plural of "N anonymous".
    let config = Config::anonymous(&world.anonymous_domain, world.room.clone());
    let mut automatic = NativeClient::connect(&world.ws_url(), config, 11)
        .unwrap_or_else(|e| panic!("an anonymous viewer cannot connect: {e}"));
    automatic
        .run_until("joined", PAGE_WAIT, |s, _| {
            s.state() == SessionState::Joined
        })
        .unwrap_or_else(|e| panic!("an anonymous viewer did not join: {e}"));
    world
        .browser
        .navigate(&world.chat_url().with("lang", "fr").build())
        .unwrap();
    wait(&mut world, JOINED);
    wait(
        &mut world,
        "document.querySelector('.lc-log').textContent.includes('Donaudampf')",
    );
    let french = world
        .browser
        .eval("[document.documentElement.lang, document.title, document.querySelector('.lc-status').textContent, document.querySelector('.lc-choose-nick').textContent]")
        .unwrap();
    assert_eq!(french[0], json!("fr"), "the page says its language");
    assert_eq!(french[1], json!("Chat en direct"), "{french}");
    assert!(
        french[2]
            .as_str()
            .is_some_and(|s| s.starts_with("Dans le salon en tant que Anonymous ")),
        "{french}"
    );
    assert_eq!(french[3], json!("Choisir un pseudonyme pour discuter"));
    assert_reflows(&world, "320 px, in French");
    world.screenshot("a11y-320-fr-chat");
    click_css(&world, ".lc-participants-toggle");
    wait(
        &mut world,
        "document.querySelector('.lc-participants').textContent.includes('2 spectateurs anonymes')",
    );
    assert_reflows(&world, "320 px, participants in French");
    world.screenshot("a11y-320-fr-participants");
    automatic
        .close()
        .unwrap_or_else(|e| panic!("the anonymous viewer could not leave: {e}"));
    wait(
        &mut world,
        "document.querySelector('.lc-participants').textContent.includes('1 spectateur anonyme')",
    );

    // 200 %: a 1280x800 window zoomed twice is 640x400 CSS px at 2 device pixels each.
    metrics(&world.browser, 640, 400, 2.0, false);
    world.browser.navigate(&url).unwrap();
    wait(&mut world, JOINED);
    wait(
        &mut world,
        "document.querySelector('.lc-log').textContent.includes('Donaudampf')",
    );
    assert_reflows(&world, "200 %");
    let zoom = world
        .browser
        .eval("[window.devicePixelRatio, innerWidth, getComputedStyle(document.querySelector('.lc-body')).fontSize]")
        .unwrap();
    assert_eq!(
        zoom,
        json!([2, 640, "15px"]),
        "2 device pixels per CSS pixel, text at its size"
    );
    world.screenshot("a11y-200-chat");
    click_css(&world, ".lc-participants-toggle");
    wait(
        &mut world,
        "document.querySelector('.lc-participants .lc-occupant')",
    );
    assert_reflows(&world, "200 %, participants");
    world.screenshot("a11y-200-participants");
    click_css(&world, ".lc-choose-nick");
    wait(&mut world, "document.querySelector('.lc-nick-input')");
    assert_reflows(&world, "200 %, nickname prompt");
    world.screenshot("a11y-200-prompt");

    // Desktop: `autofocus` puts the focus in the input once it can be used.
    metrics(&world.browser, 1280, 800, 1.0, false);
    let autofocus = world
        .chat_url()
        .with("nick", "Thumb")
        .with("autofocus", "true")
        .build();
    world.browser.navigate(&autofocus).unwrap();
    wait(
        &mut world,
        "document.activeElement && document.activeElement.classList.contains('lc-input')",
    );

    // A touch screen: never on its own, and a tap anywhere but the input leaves it alone.
    cdp(
        &world.browser,
        "Emulation.setTouchEmulationEnabled",
        json!({ "enabled": true, "maxTouchPoints": 5 }),
    );
    metrics(&world.browser, 360, 640, 2.0, true);
    world.browser.navigate(&autofocus).unwrap();
    wait(
        &mut world,
        r#"document.querySelector('.lc-status[data-nick="Thumb"]') && document.querySelector('.lc-input:not([disabled])')"#,
    );
    wait(
        &mut world,
        "document.querySelector('.lc-log').textContent.includes('Donaudampf')",
    );
    let coarse = world
        .browser
        .eval("matchMedia('(pointer: coarse)').matches")
        .unwrap();
    assert_eq!(coarse, json!(true), "the page sees a touch screen");
    pump_for(&mut world, Duration::from_millis(500));
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
        tap(&world, css);
        assert_eq!(
            world.browser.eval(on_input).unwrap(),
            json!(false),
            "a tap on {css} does not focus the input"
        );
    }
    tap(&world, ".lc-input");
    assert_eq!(
        world.browser.eval(on_input).unwrap(),
        json!(true),
        "a tap on the input focuses it"
    );
    tap(&world, ".lc-log");
    assert_eq!(
        world.browser.eval(on_input).unwrap(),
        json!(false),
        "a tap elsewhere leaves it"
    );
    world.screenshot("a11y-touch");
    world.browser.release_actions().unwrap();
}

// ---- Motion and colours ------------------------------------------------------------------------

/// The lowest WCAG contrast of a nickname against the background it is drawn on.
const NICK_CONTRAST_JS: &str = r#"
    const parse = s => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const bgOf = e => { for (; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0.5) return c; } return [255, 255, 255]; };
    let worst = null;
    const nicks = document.querySelectorAll('.lc-nick, .lc-occupant-nick');
    for (const el of nicks) {
        const r = ratio(parse(getComputedStyle(el).color), bgOf(el));
        if (!worst || r < worst.ratio) worst = { ratio: Math.round(r * 100) / 100, nick: el.textContent, color: getComputedStyle(el).color, background: bgOf(el) };
    }
    return { count: nicks.length, background: getComputedStyle(document.querySelector('.lc-chat')).backgroundColor, worst };
"#;

fn nick_contrast(world: &World, what: &str) -> Value {
    let result = world.browser.execute(NICK_CONTRAST_JS, vec![]).unwrap();
    eprintln!("nickname contrast, {what}: {result}");
    assert!(result["count"].as_u64().unwrap() >= 3, "{what}: {result}");
    assert!(
        result["worst"]["ratio"].as_f64().unwrap() >= 4.5,
        "{what}: a nickname below 4.5:1: {result}"
    );
    result
}

/// What is checked, the media features emulated, the page, and the chat's expected background.
type SchemeCase<'a> = (&'a str, &'a [(&'a str, &'a str)], String, &'a str);

/// Watches the message whose body is `arguments[0]`: when it showed, its lowest opacity while
/// shown, and when it left.
const WATCH_FADE_JS: &str = r#"
    const body = arguments[0];
    const log = document.querySelector('.lc-log');
    const state = { added: null, removed: null, minOpacity: 1, animation: null };
    window.__lcFade = state;
    const row = () => Array.from(log.querySelectorAll('li.lc-msg')).find(li => (li.querySelector('.lc-body') || {}).textContent === body);
    const timer = setInterval(() => {
        const li = row();
        if (li) {
            if (state.added === null) { state.added = performance.now(); state.animation = getComputedStyle(li).animationName; }
            state.minOpacity = Math.min(state.minOpacity, parseFloat(getComputedStyle(li).opacity));
        } else if (state.added !== null) { state.removed = performance.now(); clearInterval(timer); }
    }, 20);
"#;

#[test]
fn reduced_motion_and_colour_schemes_are_followed_with_readable_nicknames() {
    let mut world = World::start(WorldOptions {
        history: history(3),
        ..WorldOptions::default()
    });
    let _camille = anonymous_chatter(&mut world, "Camille");
    let site = HostSite::start(&world.dist);

    // Reduced motion: the overlay removes messages on time, without fading them.
    emulate_media(&world.browser, &[("prefers-reduced-motion", "reduce")]);
    let overlay = world
        .chat_url()
        .with("_readonly", "true")
        .with("_transparent", "true")
        .with("overlayFadeSeconds", "2")
        .build();
    world.browser.navigate(&overlay).unwrap();
    wait(
        &mut world,
        r#"document.querySelector('.lc-chat.lc-overlay .lc-status[data-status="joined"]')"#,
    );
    let body = "Gone in two seconds, without a fade";
    world
        .browser
        .execute(WATCH_FADE_JS, vec![json!(body)])
        .unwrap();
    world.moderator_says(body);
    let fade = wait(
        &mut world,
        "window.__lcFade.removed !== null && window.__lcFade",
    );
    let shown = fade["removed"].as_f64().unwrap() - fade["added"].as_f64().unwrap();
    eprintln!("reduced motion: {fade}, on screen {shown:.0} ms");
    assert_eq!(fade["animation"], json!("none"), "no fade animation");
    assert_eq!(
        fade["minOpacity"].as_f64(),
        Some(1.0),
        "fully opaque until removed"
    );
    assert!(
        (1_750.0..6_000.0).contains(&shown),
        "removed after about 2 s, not {shown} ms"
    );

    // The colour scheme: the default theme follows the system; a theme the host forces stays.
    world.moderator_says("A message for the colour checks");
    let chat = world.chat_url().build();
    let cases: [SchemeCase; 5] = [
        (
            "light",
            &[("prefers-color-scheme", "light")],
            chat.clone(),
            "rgb(255, 255, 255)",
        ),
        (
            "dark",
            &[("prefers-color-scheme", "dark")],
            chat.clone(),
            "rgb(24, 24, 27)",
        ),
        (
            "dark system, theme=light forced",
            &[("prefers-color-scheme", "dark")],
            world.chat_url().with("theme", "light").build(),
            "rgb(255, 255, 255)",
        ),
        (
            "cyberpunk",
            &[],
            world.chat_url().with("theme", "cyberpunk").build(),
            "rgb(13, 2, 33)",
        ),
        (
            "watch page, host in dark",
            &[],
            site.page(&world, "watch.html").with("dark", "1").build(),
            "rgb(26, 26, 28)",
        ),
    ];
    for (what, media, url, background) in cases {
        emulate_media(&world.browser, media);
        world.browser.navigate(&url).unwrap();
        wait(&mut world, JOINED);
        wait(&mut world, "document.querySelector('.lc-log').textContent.includes('colour checks') && document.querySelectorAll('.lc-nick').length >= 3");
        if world.browser.find(".lc-participants").unwrap().is_none() {
            click_css(&world, ".lc-participants-toggle");
            wait(
                &mut world,
                "document.querySelector('.lc-participants .lc-occupant')",
            );
        }
        // Colours are computed a frame after the theme applies.
        pump_for(&mut world, Duration::from_millis(300));
        let result = nick_contrast(&world, what);
        assert_eq!(result["background"], json!(background), "{what}");
        let slug: String = what
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        world.screenshot(&format!("a11y-scheme-{slug}"));
    }

    // A theme switched after mount: colours are made readable on the new background.
    emulate_media(&world.browser, &[]);
    world
        .browser
        .navigate(&site.page(&world, "watch.html").build())
        .unwrap();
    wait(&mut world, JOINED);
    wait(
        &mut world,
        "document.querySelectorAll('.lc-nick').length >= 3",
    );
    world
        .browser
        .eval("window.livechat.setTheme('dark')")
        .unwrap();
    wait(&mut world, "getComputedStyle(document.querySelector('.lc-chat')).backgroundColor === 'rgb(24, 24, 27)'");
    pump_for(&mut world, Duration::from_millis(500));
    nick_contrast(&world, "watch page after setTheme('dark')");
}
