//! Hostile message bodies are shown as the text they are: no link but http(s), no markup,
//! nothing runs.

use livechat_e2e::{js, World, WorldOptions};
use serde_json::json;

use crate::{before_every_page, crashes, RECORDER_JS};

/// f) Hostile bodies are shown as the text they are: no link but http(s), no markup, nothing runs.
#[test]
fn hostile_bodies_show_as_text_and_only_http_links_are_clickable() {
    let mut world = World::start(WorldOptions::default());
    before_every_page(&world.browser, RECORDER_JS);
    let url = world.chat_url().build();
    world.page().open(&url).wait_joined();
    let bodies = [
        "javascript:window.__lcHit('javascript')",
        "click JaVaScRiPt:window.__lcHit('mixed-case') now",
        "data:text/html,<script>window.__lcHit('data')</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "<a href=\"javascript:window.__lcHit('anchor')\">click me</a>",
        "<img src=x onerror=\"window.__lcHit('img')\">",
        "<script>window.__lcHit('script')</script>",
        "<svg onload=\"window.__lcHit('svg')\"></svg>",
        "<iframe src=\"javascript:window.__lcHit('iframe')\"></iframe>",
        "see https://example.org/\"onmouseover=\"window.__lcHit('attr') and http://ok.example/path.",
        "http://x.example/a<script>window.__lcHit('after-link')</script>",
        "vbscript:msgbox(1) file:///etc/passwd about:blank blob:https://example.org/x",
        "https://javascript:alert(1)@example.org/",
        "&lt;b&gt;entities stay&lt;/b&gt; &amp; <b>tags too</b>",
    ];
    for body in bodies {
        world.moderator_says(body);
    }
    let mut page = world.page();
    page.wait(
        "a body is not shown literally",
        &bodies
            .iter()
            .map(|b| js::message_shown(b))
            .collect::<Vec<_>>()
            .join(" && "),
    );
    let found = page.eval(
            "({
                links: Array.from(document.querySelectorAll('a[href]')).map(a => ({
                    href: a.getAttribute('href'), protocol: a.protocol, text: a.textContent,
                    inLog: !!a.closest('.lc-log'), rel: a.getAttribute('rel'), target: a.getAttribute('target') })),
                markup: Array.from(document.querySelectorAll('.lc-log .lc-body *'))
                    .filter(e => !e.matches('a.lc-link')).map(e => e.outerHTML),
                handlers: Array.from(document.querySelectorAll('.lc-log *')).flatMap(e =>
                    Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => a.name)),
                images: Array.from(document.querySelectorAll('.lc-log img')).map(i => i.outerHTML),
                avatars: Array.from(document.querySelectorAll('.lc-log svg.lc-avatar *'))
                    .filter(e => !['circle', 'path'].includes(e.localName) || e.hasAttribute('href'))
                    .map(e => e.outerHTML),
                frames: document.querySelectorAll('iframe, frame, object, embed, svg script').length,
                dialogs: window.__lc.dialogs,
                hits: window.__lc.hits,
                windows: window.length,
            })",
    );
    eprintln!("{found:#}");
    assert_eq!(found["hits"], json!([]), "a hostile body ran");
    assert_eq!(found["dialogs"], json!([]), "a dialog was opened");
    assert_eq!(
        found["markup"],
        json!([]),
        "markup from a body was rendered"
    );
    assert_eq!(found["handlers"], json!([]), "an event handler attribute");
    assert_eq!(found["images"], json!([]));
    assert_eq!(found["avatars"], json!([]));
    assert_eq!(found["frames"], json!(0));
    let links = found["links"].as_array().cloned().unwrap_or_default();
    for link in &links {
        assert!(
            link["protocol"] == "http:" || link["protocol"] == "https:",
            "a link that is not http(s): {link}"
        );
        if link["inLog"] == true {
            assert_eq!(link["href"], link["text"], "a link goes where it says");
            assert_eq!(link["target"], "_blank");
            assert!(
                link["rel"].as_str().is_some_and(|r| r.contains("noopener")),
                "{link}"
            );
        }
    }
    let hrefs: Vec<&str> = links
        .iter()
        .filter(|l| l["inLog"] == true)
        .filter_map(|l| l["href"].as_str())
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://example.org/",
            "http://ok.example/path",
            "http://x.example/a",
            // `blob:` stays text; the https address after it is an https link like any other.
            "https://example.org/x",
            "https://javascript:alert(1)@example.org/",
        ],
        "the only links are the http(s) addresses, cut where the address ends"
    );
    let console = page.console();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
    page.screenshot("ui-reliability-hostile");
}
