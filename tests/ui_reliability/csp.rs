//! A strict Content-Security-Policy header: the standalone page loads, joins and chats without
//! one violation.

use std::time::Duration;

use livechat_e2e::{hooks, js, StaticServer, World, WorldOptions};
use serde_json::json;

use crate::{before_every_page, crashes, RECORDER_JS, WEBSOCKET_JS};

/// c) The standalone page loads and joins when the server sends the strict policy of the issue
/// as a header: no inline script or style, the WebSocket only to its server.
#[test]
fn the_standalone_page_joins_under_a_strict_csp_header() {
    let mut world = World::start(WorldOptions::default());
    let ws_origin = format!("ws://127.0.0.1:{}", world.prosody.http_port());
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         connect-src 'self' {ws_origin}"
    );
    let site =
        StaticServer::start_with_headers(&world.dist, &[("Content-Security-Policy", csp.as_str())])
            .unwrap_or_else(|e| panic!("cannot serve the build: {e}"));
    before_every_page(&world.browser, RECORDER_JS);
    before_every_page(&world.browser, WEBSOCKET_JS);
    let url = world
        .chat_url_on(&site.url())
        .with("nick", "Strict")
        .build();
    let mut page = world.page();
    page.open(&url).wait(
        &format!("the page did not join under {csp}"),
        &js::element(hooks::JOINED),
    );
    // One socket: the one the boot script opened while the wasm loaded, taken over by the chat.
    let sockets = page.eval("[window.__lcWs.opened, window.__lcWs.closed, window.__lcWs.openedBy]");
    assert_eq!(
        (&sockets[0], &sockets[1]),
        (&json!(1), &json!(0)),
        "sockets opened, closed: {sockets}"
    );
    assert!(
        sockets[2][0]
            .as_str()
            .is_some_and(|s| s.starts_with("boot-")),
        "the socket was not the boot script's: {sockets}"
    );
    // A message with what a message can show: avatar, coloured nickname, link.
    let body = "under a strict policy, see https://example.org/csp";
    world.moderator_says(body);
    let mut page = world.page();
    page.wait_message(body).send("typed under a strict policy");
    page.wait_message("typed under a strict policy")
        .wait_absent(hooks::OUTBOX);
    // Open and close the participants panel too (any style set on the way would be seen).
    if let Some(toggle) = page.find(hooks::PARTICIPANTS_TOGGLE) {
        let _ = world.browser.click(&toggle);
        let _ = world.browser.click(&toggle);
    }
    std::thread::sleep(Duration::from_millis(300));
    let page = world.page();
    let violations = page.eval("window.__lc.csp");
    let console = page.console();
    let console_csp: Vec<String> = console
        .iter()
        .filter(|l| l.contains("Content Security Policy"))
        .map(|l| {
            let message = l.split_once(" - ").map_or(l.as_str(), |(_, m)| m);
            message.chars().take(160).collect()
        })
        .collect();
    // One line per kind of violation, and the elements that load from `data:` URLs (which
    // `default-src 'self'` refuses), to name the culprit.
    let mut kinds: Vec<String> = violations
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| format!("{} refused {}", v["directive"], v["blocked"]))
        .collect();
    kinds.dedup();
    let data_urls = page.eval(
        "Array.from(document.querySelectorAll('[src^=\"data:\"], [href^=\"data:\"]'))\
         .map(e => e.tagName.toLowerCase() + '.' + e.className)",
    );
    assert!(
        kinds.is_empty() && console_csp.is_empty(),
        "the page breaks `{csp}`: {kinds:?}; elements with data: URLs: {data_urls}; \
         console: {console_csp:#?}"
    );
    assert!(crashes(&console).is_empty(), "console: {console:#?}");

    // The header is in force (what the page's own meta policy allows, it forbids): a request to
    // another origin is refused and reported.
    page.run(
        "fetch('http://127.0.0.1:9/').catch(() => {}); return true;",
        vec![],
    );
    let mut page = world.page();
    let refused = page.wait(
        "the policy header is not in force",
        "window.__lc.csp.find(v => v.directive === 'connect-src')",
    );
    eprintln!("policy in force: {refused}");
    page.screenshot("ui-reliability-csp");
}
