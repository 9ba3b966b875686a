//! The OBS overlay (`_readonly=true&_transparent=true&overlayFadeSeconds=2`): no input, a
//! transparent page, and each message fades out and leaves the DOM about two seconds after it
//! showed.

use livechat_e2e::{hooks, js, World, WorldOptions};
use serde_json::json;

const FADE_SECONDS: u64 = 2;

/// Watches the log for the message whose body is `arguments[0]`: when it was added, its lowest
/// opacity while shown (sampled), and when it was removed, in `window.__lcFade`.
const WATCH_JS: &str = r#"
    const body = arguments[0];
    const log = document.querySelector('.lc-log');
    const state = { added: null, removed: null, minOpacity: 1, samples: 0 };
    window.__lcFade = state;
    const row = () => Array.from(log.querySelectorAll('li.lc-msg'))
        .find(li => (li.querySelector('.lc-body') || {}).textContent === body);
    const check = () => {
        const li = row();
        if (li && state.added === null) state.added = performance.now();
        if (!li && state.added !== null && state.removed === null) state.removed = performance.now();
    };
    new MutationObserver(check).observe(log, { childList: true, subtree: true });
    const timer = setInterval(() => {
        const li = row();
        if (li) {
            state.samples += 1;
            state.minOpacity = Math.min(state.minOpacity, parseFloat(getComputedStyle(li).opacity));
        } else if (state.removed !== null) {
            clearInterval(timer);
        }
    }, 25);
"#;

#[test]
fn the_overlay_is_transparent_read_only_and_fades_messages_out_of_the_dom() {
    let mut world = World::start(WorldOptions::default());
    let url = world
        .chat_url()
        .with("_readonly", "true")
        .with("_transparent", "true")
        .with("overlayFadeSeconds", FADE_SECONDS.to_string())
        .build();
    // Let the screenshot show the transparency (headless Chromium paints white by default).
    world
        .browser
        .cdp(
            "Emulation.setDefaultBackgroundColorOverride",
            json!({ "color": { "r": 0, "g": 0, "b": 0, "a": 0 } }),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut page = world.page();
    page.open(&url).wait(
        "the overlay did not join",
        &js::element(&format!(".lc-chat.lc-overlay {}", hooks::JOINED)),
    );

    // No way to write, no header, and a transparent page.
    let shown = page.run(
        r#"
            const bg = el => getComputedStyle(el).backgroundColor;
            const chat = document.querySelector('.lc-chat');
            return {
                input: document.querySelectorAll('input, textarea, .lc-composer, .lc-choose-nick').length,
                header: document.querySelectorAll('.lc-header, .lc-participants-toggle').length,
                readOnly: chat.classList.contains('lc-read-only'),
                transparentClass: chat.classList.contains('lc-transparent'),
                html: bg(document.documentElement),
                body: bg(document.body),
                chat: bg(chat),
                log: bg(document.querySelector('.lc-log')),
                fade: document.querySelector('.lc-log').classList.contains('lc-fade'),
            };
            "#,
        vec![],
    );
    let clear = "rgba(0, 0, 0, 0)";
    assert_eq!(
        shown,
        json!({
            "input": 0, "header": 0, "readOnly": true, "transparentClass": true,
            "html": clear, "body": clear, "chat": clear, "log": clear, "fade": true,
        })
    );

    let body = "Thanks for watching! (this fades)";
    page.run(WATCH_JS, vec![json!(body)]);
    world.moderator_says(body);
    let mut page = world.page();
    page.wait("the message did not show", "window.__lcFade.added !== null");
    let animation = page.eval(&format!(
        "(li => ({{ name: getComputedStyle(li).animationName, delay: getComputedStyle(li).animationDelay, \
         duration: getComputedStyle(li).animationDuration }}))(Array.from(document.querySelectorAll('.lc-log li.lc-msg')).find(li => li.querySelector('.lc-body').textContent === {}))",
        json!(body)
    ));
    assert_eq!(
        animation,
        json!({ "name": "lc-fade-out", "delay": "1s", "duration": "1s" }),
        "a 1 s fade-out at the end of the 2 s on screen"
    );
    page.screenshot("ui-overlay-shown");

    let fade = page.wait(
        "the message never left the DOM",
        "window.__lcFade.removed !== null && window.__lcFade",
    );
    let shown_ms = fade["removed"].as_f64().unwrap() - fade["added"].as_f64().unwrap();
    let min_opacity = fade["minOpacity"].as_f64().unwrap();
    eprintln!(
        "overlay: on screen {shown_ms:.0} ms, lowest opacity seen {min_opacity:.2} over {} samples",
        fade["samples"]
    );
    assert!(
        (FADE_SECONDS as f64 * 1000.0 - 250.0..10_000.0).contains(&shown_ms),
        "removed {shown_ms:.0} ms after it showed, expected about {FADE_SECONDS} s"
    );
    assert!(
        min_opacity < 1.0,
        "the message faded before it left (lowest opacity {min_opacity})"
    );
    assert_eq!(
        page.eval(&js::log_contains(body)),
        json!(false),
        "nothing of the message is left in the DOM"
    );
    page.screenshot("ui-overlay-faded");
}
