//! A background tab: its timers throttled as Chromium throttles any hidden tab, the chat keeps
//! its one connection alive and on time.

use std::time::{Duration, Instant};

use livechat_e2e::{ChatPage, ChromiumOptions, World, WorldOptions};
use serde_json::{json, Value};

use crate::{before_every_page, crashes, RECORDER_JS, WEBSOCKET_JS};

/// b) A background tab keeps its connection although the browser throttles its timers.
///
/// What is real: the chat tab is hidden (another tab is brought to the front, so
/// `document.visibilityState` is `hidden`), and Chromium throttles its timers as it does for any
/// background tab: aligned to whole seconds, and chained timers (a timer set from a timer, five
/// deep) to once a minute (intensive wake-up throttling, which Chromium starts after 5 minutes
/// hidden; the flag below starts it after 10 s so that the test lasts one minute, not six). A
/// probe in the page (a chained 250 ms timer) shows that the throttling is on. What is not: the
/// plugin's report is about 30 minutes, on a real proxy that drops idle WebSockets; this test
/// watches a minute (keep-alive periods of 20 s) and checks that the keep-alive (the self-ping,
/// or the room-info poll of every minute when it comes first) goes out on time, is answered, and
/// the same socket carries a message afterwards, without a reconnection.
#[test]
fn a_background_tab_with_throttled_timers_keeps_its_connection() {
    let started = Instant::now();
    let mut world = World::start(WorldOptions {
        chromium: ChromiumOptions {
            extra_args: vec![
                "--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/10".into(),
            ],
            ..ChromiumOptions::throttling_background_pages()
        },
        ..WorldOptions::default()
    });
    before_every_page(&world.browser, RECORDER_JS);
    before_every_page(&world.browser, WEBSOCKET_JS);
    before_every_page(
        &world.browser,
        "window.__lcTicks = []; (function tick() { window.__lcTicks.push(Date.now()); \
         if (window.__lcTicks.length > 5000) window.__lcTicks.shift(); setTimeout(tick, 250); })();",
    );
    let url = world.chat_url().with("nick", "Sleeper").build();
    world.page().open(&url).wait_joined();

    // Another tab in front: the chat's tab is in the background.
    let other = world
        .browser
        .cdp("Target.createTarget", json!({ "url": "about:blank" }))
        .unwrap_or_else(|e| panic!("cannot open a second tab: {e}"));
    let hidden = world.page().wait(
        "the chat's tab is not hidden behind the other one",
        "document.visibilityState === 'hidden' && Date.now()",
    );
    let hidden_at = hidden.as_u64().unwrap_or(0);

    // Silence for longer than one keep-alive period (the bot keeps its own socket pumped).
    let idle = Duration::from_secs(58);
    let until = Instant::now() + idle;
    while Instant::now() < until {
        let _ = world.moderator.pump(Duration::from_millis(200));
    }
    let body = "said after a minute in the background";
    world.moderator_says(body);
    let mut page = world.page();
    page.wait_message(body);
    let report = page.eval(&format!(
            "({{ visibility: document.visibilityState, now: Date.now(), ticks: window.__lcTicks.filter(t => t >= {hidden_at}), \
             status: window.__lc.status, opened: window.__lcWs.opened, closed: window.__lcWs.closed, \
             visibility_changes: window.__lc.visibility.filter(v => v.at > {hidden_at}).map(v => v.state), \
             frames: window.__lcWs.frames.map(f => ({{ dir: f.dir, at: f.at, \
             probe: f.text.includes('urn:xmpp:ping') || f.text.includes('http://jabber.org/protocol/disco#info'), \
             iq: f.text.startsWith('<iq') ? [(f.text.match(/ id=['\"]([^'\"]*)/) || [])[1], \
             (f.text.match(/ type=['\"]([^'\"]*)/) || [])[1]] : null }})) }})"
    ));
    let _ = world.browser.cdp(
        "Target.closeTarget",
        json!({ "targetId": other["targetId"] }),
    );
    assert_eq!(
        (&report["visibility"], &report["visibility_changes"]),
        (&json!("hidden"), &json!([])),
        "the tab stayed in the background"
    );

    // The throttling was on: the chained probe timer, due every 250 ms, was held back for
    // longer than the whole-second alignment of any hidden tab (intensive throttling).
    let mut ticks: Vec<u64> = serde_json::from_value(report["ticks"].clone()).unwrap_or_default();
    ticks.push(report["now"].as_u64().unwrap_or(0)); // the wait for the next one counts too
    let longest_gap = ticks.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
    eprintln!(
        "background: {} probe ticks in {:.0} s hidden, longest gap {longest_gap} ms",
        ticks.len(),
        idle.as_secs_f64()
    );
    assert!(
        longest_gap >= 20_000,
        "the browser did not throttle the hidden tab's chained timers (longest gap \
         {longest_gap} ms): the test would prove nothing"
    );

    // One socket all along, never a reconnection.
    assert_eq!(
        (report["opened"].as_u64(), report["closed"].as_u64()),
        (Some(1), Some(0)),
        "the page kept its one WebSocket"
    );
    let statuses: Vec<&str> = report["status"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["status"].as_str())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "joined").count(),
        1,
        "joined once and stayed: {statuses:?}"
    );
    assert!(
        !statuses.contains(&"reconnecting"),
        "never reconnecting: {statuses:?}"
    );

    // The keep-alive went out on time while hidden, and was answered.
    let frames = report["frames"].as_array().cloned().unwrap_or_default();
    let pings: Vec<&Value> = frames
        .iter()
        .filter(|f| f["dir"] == "out" && f["probe"] == true && f["at"].as_u64() > Some(hidden_at))
        .collect();
    assert!(
        !pings.is_empty(),
        "no keep-alive ping in {:.0} s of silence: {frames:#?}",
        idle.as_secs_f64()
    );
    for ping in &pings {
        let at = ping["at"].as_u64().unwrap_or(0);
        let last_in = frames
            .iter()
            .filter(|f| f["dir"] == "in" && f["at"].as_u64().is_some_and(|t| t <= at))
            .filter_map(|f| f["at"].as_u64())
            .max()
            .unwrap_or(0);
        // A XEP-0410 self-ping, or the room-info poll when it came first (it is traffic too, and
        // the ping waits for 20 s without any): a result from the room says the link and the
        // membership hold.
        let answered = frames
            .iter()
            .any(|f| f["dir"] == "in" && f["iq"] == json!([ping["iq"][0], "result"]));
        let late = at - last_in;
        eprintln!("keep-alive ping {late} ms after the last frame received; answered: {answered}");
        assert!(
            // Within the 30 s after which PeerTube's nginx drops a silent WebSocket.
            late <= 20_000 + 5_000,
            "the keep-alive went out {late} ms after the last traffic (interval 20 s): throttled"
        );
        assert!(answered, "the server answered the ping");
    }
    let console = ChatPage::new(&world.browser).console();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
    eprintln!("background tab test took {:.1?}", started.elapsed());
}
