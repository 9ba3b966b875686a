//! Motion and colours: reduced motion is followed (the overlay removes messages without fading
//! them), the default theme follows the system's colour scheme while a theme the host forces
//! stays, and every nickname is readable (4.5:1) on the background it is drawn on.

use std::time::Duration;

use livechat_e2e::{hooks, World, WorldOptions};
use serde_json::{json, Value};

use crate::{emulate_media, history, pump_for, run_with_contrast, HostSite};

/// The lowest WCAG contrast of a nickname against the background it is drawn on.
const NICK_CONTRAST_JS: &str = r#"
    let worst = null;
    const nicks = document.querySelectorAll('.lc-nick, .lc-occupant-nick');
    for (const el of nicks) {
        const r = ratio(parse(getComputedStyle(el).color), bgOf(el));
        if (!worst || r < worst.ratio) worst = { ratio: Math.round(r * 100) / 100, nick: el.textContent, color: getComputedStyle(el).color, background: bgOf(el) };
    }
    return { count: nicks.length, background: getComputedStyle(document.querySelector('.lc-chat')).backgroundColor, worst };
"#;

fn nick_contrast(world: &World, what: &str) -> Value {
    let result = run_with_contrast(&world.browser, NICK_CONTRAST_JS);
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
    let _camille = world.anonymous_chatter(Some("Camille"), 7);
    let site = HostSite::start(&world.dist);

    // Reduced motion: the overlay removes messages on time, without fading them.
    emulate_media(&world.browser, &[("prefers-reduced-motion", "reduce")]);
    let overlay = world
        .chat_url()
        .with("_readonly", "true")
        .with("_transparent", "true")
        .with("overlayFadeSeconds", "2")
        .build();
    let mut page = world.page();
    page.open(&overlay)
        .wait_present(&format!(".lc-chat.lc-overlay {}", hooks::JOINED));
    let body = "Gone in two seconds, without a fade";
    page.run(WATCH_FADE_JS, vec![json!(body)]);
    world.moderator_says(body);
    let fade = world.page().wait(
        "the message never left",
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
        let mut page = world.page();
        page.open(&url)
            .wait_joined()
            .wait_log_contains("colour checks")
            .wait(
                "fewer than 3 nicknames",
                "document.querySelectorAll('.lc-nick').length >= 3",
            );
        if !page.has(hooks::PARTICIPANTS) {
            page.click(hooks::PARTICIPANTS_TOGGLE);
            page.wait_present(hooks::OCCUPANT);
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
    let watch = site.page(&world, "watch.html").build();
    let mut page = world.page();
    page.open(&watch).wait_joined().wait(
        "fewer than 3 nicknames",
        "document.querySelectorAll('.lc-nick').length >= 3",
    );
    page.eval("window.livechat.setTheme('dark')");
    page.wait(
        "setTheme('dark') did not apply",
        "getComputedStyle(document.querySelector('.lc-chat')).backgroundColor === 'rgb(24, 24, 27)'",
    );
    pump_for(&mut world, Duration::from_millis(500));
    nick_contrast(&world, "watch page after setTheme('dark')");
}
