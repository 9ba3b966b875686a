//! Reliability and security of the client in Chromium: a server restart, a background tab with
//! throttled timers, a strict Content-Security-Policy header, invalid UTF-8 from the server,
//! secrets kept out of storage, the address bar and the log, and hostile message bodies.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use livechat_core::{Config, Credentials, SessionState};
use livechat_e2e::{
    Chromium, ChromiumOptions, Fixed, ServeOptions, StaticServer, WebDriver, World, WorldOptions,
};
use livechat_native::NativeClient;
use serde_json::{json, Value};

const PAGE_WAIT: Duration = Duration::from_secs(20);
const BOT_WAIT: Duration = Duration::from_secs(10);

const JOINED: &str = r#"document.querySelector('.lc-status[data-status="joined"]')"#;

/// Installed before the page's own scripts: records every status change (with the wall-clock
/// time, for figures measured against the test's clock), dialogs, calls of `__lcHit` (what a
/// hostile body would call if it ever ran), CSP violations and visibility changes.
const RECORDER_JS: &str = r#"
(() => {
    const rec = window.__lc = { status: [], dialogs: [], hits: [], csp: [], visibility: [] };
    let last = null;
    const check = () => {
        const el = document.querySelector('.lc-status');
        if (!el) return;
        const now = [el.getAttribute('data-status'), el.getAttribute('data-attempt')];
        if (now.join('/') !== last) {
            last = now.join('/');
            rec.status.push({ status: now[0], attempt: now[1], at: Date.now() });
        }
    };
    new MutationObserver(check).observe(document, {
        subtree: true, childList: true, attributes: true,
        attributeFilter: ['data-status', 'data-attempt'],
    });
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        window[name] = (...args) => { rec.dialogs.push(name + ': ' + args.join(' ')); };
    }
    window.__lcHit = what => { rec.hits.push(String(what)); };
    document.addEventListener('securitypolicyviolation', e => rec.csp.push({
        directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
    }));
    document.addEventListener('visibilitychange',
        () => rec.visibility.push({ state: document.visibilityState, at: Date.now() }));
})();
"#;

/// Installed before the page's scripts: counts the WebSockets the page opens and keeps the start
/// of every frame each way, with its time.
const WEBSOCKET_JS: &str = r#"
(() => {
    const Native = window.WebSocket;
    const ws = window.__lcWs = { opened: 0, closed: 0, frames: [], openedBy: [] };
    const keep = (dir, data) => {
        ws.frames.push({ dir, at: Date.now(), text: typeof data === 'string' ? data.slice(0, 300) : '[binary]' });
        if (ws.frames.length > 5000) ws.frames.shift();
    };
    window.WebSocket = class extends Native {
        constructor(url, protocols) {
            super(url, protocols);
            ws.opened += 1;
            // The script that opened it (the boot script, or the wasm's glue).
            ws.openedBy.push((new Error().stack.match(/[\w-]+\.js/g) || []).pop() || '?');
            this.addEventListener('message', e => keep('in', e.data));
            this.addEventListener('close', () => { ws.closed += 1; });
        }
        send(data) { keep('out', data); return super.send(data); }
    };
})();
"#;

/// Runs `source` in every document the tab loads from now on, before the page's own scripts.
fn before_every_page(browser: &WebDriver, source: &str) {
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        )
        .unwrap_or_else(|e| panic!("cannot install the page script: {e}"));
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The bodies of the messages shown, in order.
fn shown_bodies(browser: &WebDriver) -> Vec<String> {
    let value = browser
        .eval("Array.from(document.querySelectorAll('.lc-log li.lc-msg .lc-body')).map(b => b.textContent)")
        .unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_value(value).unwrap_or_default()
}

fn js_shows(body: &str) -> String {
    format!(
        "Array.from(document.querySelectorAll('.lc-log li.lc-msg .lc-body')).some(b => b.textContent === {})",
        json!(body)
    )
}

/// Types `text` into the message input and, with `send`, presses Enter.
fn type_in_input(browser: &WebDriver, text: &str, send: bool) {
    let input = browser
        .wait_for_selector(".lc-composer .lc-input:not([disabled])", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("no message input: {e}"));
    browser
        .send_keys(&input, text)
        .unwrap_or_else(|e| panic!("{e}"));
    if send {
        browser
            .send_keys(&input, "\u{E007}")
            .unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The console lines that say the module crashed.
fn crashes(console: &[String]) -> Vec<&String> {
    console
        .iter()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("internal error")
                || l.contains("panicked")
                || l.contains("unreachable")
                || l.contains("runtimeerror")
        })
        .collect()
}

/// A registered user of the room's server, in the room under `nick`.
fn bot(world: &World, user: &str, nick: &str) -> NativeClient {
    let password = format!("{user}-password");
    world
        .prosody
        .register(user, &password)
        .unwrap_or_else(|e| panic!("cannot register {user}: {e}"));
    let mut config = Config::new(
        Credentials::Plain {
            jid: world.prosody.user_jid(user).parse().expect("a valid JID"),
            password,
        },
        world.room.clone(),
    );
    config.nickname = Some(nick.to_owned());
    let mut bot = NativeClient::connect(&world.ws_url(), config, 7)
        .unwrap_or_else(|e| panic!("{user} cannot connect: {e}"));
    bot.run_until(&format!("{user} joined"), BOT_WAIT, |s, _| {
        s.state() == SessionState::Joined && s.room().me().is_some()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    bot
}

/// The bot posts `body` and waits for the room's echo.
fn say(bot: &mut NativeClient, body: &str) {
    bot.command(|s| s.send_message(body))
        .unwrap_or_else(|e| panic!("cannot send: {e}"));
    bot.run_until("the echo", BOT_WAIT, |s, _| {
        s.room().log().messages().any(|m| m.body == body)
    })
    .unwrap_or_else(|e| panic!("{e}"));
}

/// How long the server stays down in the restart test.
const OUTAGE_MS: u64 = 6_000;

/// a) Prosody is killed during a chat and started again on the same port with the same data:
/// the page says it is reconnecting, joins again within 5 s of the server answering, shows every
/// message exactly once (also one posted while it was away), and keeps the unsent draft.
#[test]
fn after_a_server_restart_the_page_rejoins_within_5_s_and_shows_every_message_once() {
    let mut world = World::start(WorldOptions {
        history: vec!["history one".into(), "history two".into()],
        ..WorldOptions::default()
    });
    // Prosody writes a room that a join created to disk at its first change (configuration,
    // affiliation) or at a clean shutdown, not before: a crash loses it (its archive stays; see
    // the next test). Saved now, as `create_room` does and as a configured room is.
    world
        .prosody
        .admin_shell(&format!("muc:room('{}'):save(true)", world.room))
        .unwrap_or_else(|e| panic!("cannot save the room: {e}"));
    before_every_page(&world.browser, RECORDER_JS);
    before_every_page(&world.browser, WEBSOCKET_JS);
    let url = world.chat_url().with("nick", "Viewer").build();
    world.open(
        &url,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="Viewer"]')"#,
        "the page did not join",
    );

    // A conversation before the restart.
    world.moderator_says("streamer before the restart");
    type_in_input(&world.browser, "viewer before the restart", true);
    world
        .moderator
        .run_until("the viewer's message", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == "viewer before the restart")
        })
        .unwrap_or_else(|e| panic!("the bot did not get the viewer's message: {e}"));
    world
        .wait_for_js(&js_shows("streamer before the restart"), PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    let draft = "a draft typed before the crash";
    type_in_input(&world.browser, draft, false);

    // The crash: no goodbye to anyone.
    let killed_at = now_ms();
    world
        .prosody
        .kill()
        .unwrap_or_else(|e| panic!("cannot kill Prosody: {e}"));
    world
        .browser
        .wait_for_js(
            r#"document.querySelector('.lc-status[data-status="reconnecting"]')"#,
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the page does not say it is reconnecting: {e}"));
    let noticed_ms = now_ms() - killed_at;
    // Down as long as a restart of the server takes in real life (a clean stop, then a start):
    // long enough for several attempts to fail and the backoff to grow.
    std::thread::sleep(Duration::from_millis(
        OUTAGE_MS.saturating_sub(now_ms() - killed_at),
    ));
    world
        .prosody
        .start_again()
        .unwrap_or_else(|e| panic!("cannot start Prosody again: {e}"));
    let back_at = now_ms();
    let down_ms = back_at - killed_at;
    // Someone writes while the viewer is still away (or just back: the page's next attempt is
    // whenever its backoff says).
    let mut relay = bot(&world, "relay", "Relay");
    say(&mut relay, "posted while the viewer was away");
    world.moderator = relay;

    let joined = world
        .wait_for_js(
            &format!("window.__lc.status.find(s => s.status === 'joined' && s.at >= {back_at})"),
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the page did not join again: {e}"));
    let rejoin_ms = joined["at"].as_u64().unwrap_or(u64::MAX) as i64 - back_at as i64;
    let statuses = world
        .browser
        .eval("window.__lc.status")
        .unwrap_or_else(|e| panic!("{e}"));
    let attempts = statuses
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["attempt"].as_str()?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    eprintln!(
        "server restart: the page said reconnecting {noticed_ms} ms after the kill; the server was \
         down {down_ms} ms; joined again {rejoin_ms} ms after it answered, after {attempts} attempts"
    );
    eprintln!("statuses: {statuses}");
    assert!(
        rejoin_ms < 5_000,
        "joined again {rejoin_ms} ms after the server was back (goal: < 5 s); statuses: {statuses}"
    );

    // The conversation goes on.
    world.moderator_says("relay after the restart");
    let draft_kept = world
        .browser
        .eval("document.querySelector('.lc-composer .lc-input').value")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(draft_kept, json!(draft), "the draft is kept");
    world
        .browser
        .execute(
            "const i = document.querySelector('.lc-composer .lc-input'); i.focus(); i.select();",
            vec![],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    type_in_input(&world.browser, "viewer after the restart", true);
    world
        .moderator
        .run_until(
            "the viewer's message after the restart",
            BOT_WAIT,
            |s, _| {
                s.room()
                    .log()
                    .messages()
                    .any(|m| m.body == "viewer after the restart")
            },
        )
        .unwrap_or_else(|e| panic!("the viewer cannot write after the restart: {e}"));

    let every = [
        "history one",
        "history two",
        "streamer before the restart",
        "viewer before the restart",
        "posted while the viewer was away",
        "relay after the restart",
        "viewer after the restart",
    ];
    world
        .wait_for_js(
            &format!(
                "{} && !document.querySelector('.lc-outbox')",
                every
                    .iter()
                    .map(|b| js_shows(b))
                    .collect::<Vec<_>>()
                    .join(" && ")
            ),
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("a message is missing: {e}"));
    // Late duplicates (history resent on the rejoin) would come right after the join: give them
    // a moment.
    std::thread::sleep(Duration::from_millis(500));
    let shown = shown_bodies(&world.browser);
    for body in every {
        let count = shown.iter().filter(|b| *b == body).count();
        assert_eq!(
            count, 1,
            "{body:?} is shown {count} times; shown: {shown:?}"
        );
    }
    assert_eq!(shown.len(), every.len(), "shown: {shown:?}");
    let away = world
        .browser
        .eval(
            "Array.from(document.querySelectorAll('.lc-log li.lc-msg')).find(li => \
             li.querySelector('.lc-body').textContent === 'posted while the viewer was away')\
             .classList.contains('lc-history')",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "the message posted during the outage came {}",
        if away == json!(true) {
            "with the rejoin's history"
        } else {
            "live (the page had joined first)"
        }
    );

    // The rejoin asked only for what the page had not shown.
    let joins = world
        .browser
        .eval(
            "window.__lcWs.frames.filter(f => f.dir === 'out' && f.text.includes('http://jabber.org/protocol/muc')\
             && f.text.startsWith('<presence')).map(f => f.text)",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let joins: Vec<String> = serde_json::from_value(joins).unwrap_or_default();
    assert!(joins.len() >= 2, "a join and a rejoin: {joins:?}");
    assert!(
        !joins[0].contains("since="),
        "the first join asks for the bounded history: {}",
        joins[0]
    );
    assert!(
        joins.last().is_some_and(|j| j.contains("since=")),
        "the rejoin asks only for newer history: {joins:?}"
    );
    let console = world.browser.console_log().unwrap_or_default();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
    world.screenshot("ui-reliability-restart");
}

/// A room that lived only in the server's memory (a join created it, nothing changed it since)
/// is gone after a crash, and viewers may not create rooms: back on the server, the page is
/// refused by the room and says so, rather than claiming to reconnect while nothing retries.
#[test]
fn a_room_lost_in_a_crash_is_reported_not_shown_as_reconnecting() {
    let mut world = World::start(WorldOptions::default());
    before_every_page(&world.browser, RECORDER_JS);
    world.open(&world.chat_url().build(), JOINED, "the page did not join");
    world
        .prosody
        .kill()
        .unwrap_or_else(|e| panic!("cannot kill Prosody: {e}"));
    world
        .browser
        .wait_for_js(
            r#"document.querySelector('.lc-status[data-status="reconnecting"]')"#,
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the page does not say it is reconnecting: {e}"));
    world
        .prosody
        .start_again()
        .unwrap_or_else(|e| panic!("cannot start Prosody again: {e}"));
    let alert = world
        .browser
        .wait_for_js(
            r#"document.querySelector('.lc-status[data-status="not-in-room"]')
                && (document.querySelector('.lc-alert') || {}).textContent"#,
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the refusal is not told: {e}"));
    eprintln!("lost room: the page says {alert}");
    // It stays so: no flapping back to "reconnecting".
    std::thread::sleep(Duration::from_secs(2));
    let statuses = world
        .browser
        .eval("window.__lc.status.map(s => s.status)")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        statuses.as_array().and_then(|s| s.last()),
        Some(&json!("not-in-room")),
        "statuses: {statuses}"
    );
    world.screenshot("ui-reliability-lost-room");
}

/// b) A background tab keeps its connection although the browser throttles its timers.
///
/// What is real: the chat tab is hidden (another tab is brought to the front, so
/// `document.visibilityState` is `hidden`), and Chromium throttles its timers as it does for any
/// background tab: aligned to whole seconds, and chained timers (a timer set from a timer, five
/// deep) to once a minute (intensive wake-up throttling, which Chromium starts after 5 minutes
/// hidden; the flag below starts it after 10 s so that the test lasts one minute, not six). A
/// probe in the page (a chained 250 ms timer) shows that the throttling is on. What is not: the
/// plugin's report is about 30 minutes, on a real proxy that drops idle WebSockets; this test
/// watches one keep-alive period (45 s) and checks that the keep-alive (the self-ping, or the
/// room-info poll of every minute when it comes first) goes out on time, is answered, and the same
/// socket carries a message afterwards, without a reconnection.
#[test]
fn a_background_tab_with_throttled_timers_keeps_its_connection() {
    let started = Instant::now();
    let mut world = World::start(WorldOptions {
        chromium: ChromiumOptions {
            extra_args: vec![
                "--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/10".into(),
            ],
            // chromedriver turns background throttling off by default; a browser does not.
            exclude_switches: vec![
                "disable-background-timer-throttling".into(),
                "disable-backgrounding-occluded-windows".into(),
            ],
            ..ChromiumOptions::default()
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
    world.open(&url, JOINED, "the page did not join");

    // Another tab in front: the chat's tab is in the background.
    let other = world
        .browser
        .cdp("Target.createTarget", json!({ "url": "about:blank" }))
        .unwrap_or_else(|e| panic!("cannot open a second tab: {e}"));
    let hidden = world
        .wait_for_js(
            "document.visibilityState === 'hidden' && Date.now()",
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the chat's tab is not hidden behind the other one: {e}"));
    let hidden_at = hidden.as_u64().unwrap_or(0);

    // Silence for longer than one keep-alive period (the bot keeps its own socket pumped).
    let idle = Duration::from_secs(58);
    let until = Instant::now() + idle;
    while Instant::now() < until {
        let _ = world.moderator.pump(Duration::from_millis(200));
    }
    let body = "said after a minute in the background";
    world.moderator_says(body);
    world
        .wait_for_js(&js_shows(body), PAGE_WAIT)
        .unwrap_or_else(|e| panic!("the background tab did not get the message: {e}"));
    let report = world
        .browser
        .eval(&format!(
            "({{ visibility: document.visibilityState, now: Date.now(), ticks: window.__lcTicks.filter(t => t >= {hidden_at}), \
             status: window.__lc.status, opened: window.__lcWs.opened, closed: window.__lcWs.closed, \
             visibility_changes: window.__lc.visibility.filter(v => v.at > {hidden_at}).map(v => v.state), \
             frames: window.__lcWs.frames.map(f => ({{ dir: f.dir, at: f.at, \
             probe: f.text.includes('urn:xmpp:ping') || f.text.includes('http://jabber.org/protocol/disco#info'), \
             iq: f.text.startsWith('<iq') ? [(f.text.match(/ id=['\"]([^'\"]*)/) || [])[1], \
             (f.text.match(/ type=['\"]([^'\"]*)/) || [])[1]] : null }})) }})"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
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
        // the ping waits for 45 s without any): a result from the room says the link and the
        // membership hold.
        let answered = frames
            .iter()
            .any(|f| f["dir"] == "in" && f["iq"] == json!([ping["iq"][0], "result"]));
        let late = at - last_in;
        eprintln!("keep-alive ping {late} ms after the last frame received; answered: {answered}");
        assert!(
            late <= 45_000 + 5_000,
            "the keep-alive went out {late} ms after the last traffic (interval 45 s): throttled"
        );
        assert!(answered, "the server answered the ping");
    }
    let console = world.browser.console_log().unwrap_or_default();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
    eprintln!("background tab test took {:.1?}", started.elapsed());
}

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
    let url = livechat_e2e::ChatUrl::new(site.url())
        .with("room", world.room.to_string())
        .with("ws", world.ws_url())
        .with("anon", world.anonymous_domain.clone())
        .with("nick", "Strict")
        .build();
    world.open(&url, JOINED, &format!("the page did not join under {csp}"));
    // One socket: the one the boot script opened while the wasm loaded, taken over by the chat.
    let sockets = world
        .browser
        .eval("[window.__lcWs.opened, window.__lcWs.closed, window.__lcWs.openedBy]")
        .unwrap_or_else(|e| panic!("{e}"));
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
    world
        .wait_for_js(&js_shows(body), PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    type_in_input(&world.browser, "typed under a strict policy", true);
    world
        .wait_for_js(
            &format!(
                "{} && !document.querySelector('.lc-outbox')",
                js_shows("typed under a strict policy")
            ),
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // Open and close the participants panel too (any style set on the way would be seen).
    if let Ok(Some(toggle)) = world.browser.find(".lc-participants-toggle") {
        let _ = world.browser.click(&toggle);
        let _ = world.browser.click(&toggle);
    }
    std::thread::sleep(Duration::from_millis(300));
    let violations = world
        .browser
        .eval("window.__lc.csp")
        .unwrap_or_else(|e| panic!("{e}"));
    let console = world.browser.console_log().unwrap_or_default();
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
    let data_urls = world
        .browser
        .eval(
            "Array.from(document.querySelectorAll('[src^=\"data:\"], [href^=\"data:\"]'))\
             .map(e => e.tagName.toLowerCase() + '.' + e.className)",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        kinds.is_empty() && console_csp.is_empty(),
        "the page breaks `{csp}`: {kinds:?}; elements with data: URLs: {data_urls}; \
         console: {console_csp:#?}"
    );
    assert!(crashes(&console).is_empty(), "console: {console:#?}");

    // The header is in force (what the page's own meta policy allows, it forbids): a request to
    // another origin is refused and reported.
    world
        .browser
        .execute(
            "fetch('http://127.0.0.1:9/').catch(() => {}); return true;",
            vec![],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let refused = world
        .wait_for_js(
            "window.__lc.csp.find(v => v.directive === 'connect-src')",
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the policy header is not in force: {e}"));
    eprintln!("policy in force: {refused}");
    world.screenshot("ui-reliability-csp");
}

/// The raw WebSocket server of the invalid-UTF-8 test: what it saw, per connection.
#[derive(Debug, Default)]
struct RawLog {
    /// Connection number and the first frame the page sent on it.
    opened: Vec<(usize, String)>,
    /// Connection number and when the page closed it.
    closed: Vec<(usize, Instant)>,
}

/// A WebSocket server that speaks `xmpp` just enough to be connected to, and answers the page's
/// `<open/>` on its first connection with a text frame that is not UTF-8, on the second with a
/// binary frame that is not either, and on later ones with nothing.
struct RawServer {
    port: u16,
    log: Arc<Mutex<RawLog>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// A stream header with bytes that are not UTF-8 in its attributes: sent as a text frame.
const NOT_UTF8_TEXT: &[u8] =
    b"<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='\xff\xfe\xc3' id='\xed\xa0\x80' version='1.0'/>";
/// Not UTF-8 and not XML either: sent as a binary frame.
const NOT_UTF8_BINARY: &[u8] = b"\xc0\xaf<\xff\xfe lc-garbage \xed\xa0\x80";

impl RawServer {
    fn start() -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("an address").port();
        let log = Arc::new(Mutex::new(RawLog::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (log, stop) = (log.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut handlers = Vec::new();
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            n += 1;
                            let (log, stop) = (log.clone(), stop.clone());
                            handlers.push(std::thread::spawn(move || {
                                serve_raw(stream, n, &log, &stop)
                            }));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(20)),
                    }
                }
                for h in handlers {
                    let _ = h.join();
                }
            })
        };
        RawServer {
            port,
            log,
            stop,
            thread: Some(thread),
        }
    }

    fn log(&self) -> std::sync::MutexGuard<'_, RawLog> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve_raw(stream: TcpStream, n: usize, log: &Mutex<RawLog>, stop: &AtomicBool) {
    use tungstenite::handshake::server::{Request, Response};
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    // The callback's error type is tungstenite's, large or not.
    #[allow(clippy::result_large_err)]
    let with_protocol = |_: &Request, mut response: Response| {
        response.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            tungstenite::http::HeaderValue::from_static("xmpp"),
        );
        Ok(response)
    };
    let Ok(mut socket) = tungstenite::accept_hdr(stream, with_protocol) else {
        return;
    };
    // The page's `<open/>`.
    let first = loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match socket.read() {
            Ok(tungstenite::Message::Text(text)) => break text.as_str().to_owned(),
            Ok(_) => continue,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue
            }
            Err(_) => return,
        }
    };
    log.lock()
        .unwrap_or_else(|e| e.into_inner())
        .opened
        .push((n, first));
    // Written by hand: tungstenite only sends valid UTF-8 as text. A server frame is unmasked;
    // both payloads are shorter than 126 bytes, so the length fits in the second byte.
    let frame = match n {
        1 => Some((0x81u8, NOT_UTF8_TEXT)),   // FIN + text
        2 => Some((0x82u8, NOT_UTF8_BINARY)), // FIN + binary
        _ => None,
    };
    if let Some((opcode, payload)) = frame {
        let mut frame = vec![opcode, payload.len() as u8];
        frame.extend_from_slice(payload);
        let raw = socket.get_mut();
        if raw.write_all(&frame).and_then(|()| raw.flush()).is_err() {
            return;
        }
    }
    // Hold the connection until the page closes it (or the test ends).
    let raw = socket.get_mut();
    let mut buf = [0u8; 4096];
    while !stop.load(Ordering::Relaxed) {
        match raw.read(&mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break,
        }
    }
    if !stop.load(Ordering::Relaxed) {
        log.lock()
            .unwrap_or_else(|e| e.into_inner())
            .closed
            .push((n, Instant::now()));
    }
}

/// d) A server that sends bytes that are not UTF-8. As a text frame: the browser fails the
/// socket before the module sees anything, the page says it is reconnecting and tries again. As
/// a binary frame (which the transport accepts leniently): the replacement characters make no
/// XML, the session reports a malformed frame in the console and goes on on the same socket.
/// Nothing runs, nothing crashes.
#[test]
fn invalid_utf8_from_the_server_costs_a_reconnection_not_the_page() {
    let dist = livechat_e2e::paths::dist_dir();
    let site = StaticServer::start(&dist).unwrap_or_else(|e| panic!("cannot serve the build: {e}"));
    let raw = RawServer::start();
    let browser = Chromium::launch().unwrap_or_else(|e| panic!("cannot launch Chromium: {e}"));
    before_every_page(&browser, RECORDER_JS);
    let url = livechat_e2e::ChatUrl::new(site.url())
        .with("room", "live@room.localhost")
        .with("ws", format!("ws://127.0.0.1:{}/xmpp-websocket", raw.port))
        .with("anon", "anon.localhost")
        .build();
    browser.navigate(&url).unwrap_or_else(|e| panic!("{e}"));

    // The first socket fails on the text frame: the page retries.
    browser
        .wait_for_js(
            r#"document.querySelector('.lc-status[data-status="reconnecting"][data-attempt="1"]')"#,
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the page does not say it is reconnecting: {e}"));
    browser
        .wait_until("a second connection", PAGE_WAIT, || {
            Ok((raw.log().opened.len() >= 2, Value::Null))
        })
        .unwrap_or_else(|e| panic!("the page did not try again: {e}"));
    // The binary frame on the second socket: reported, and the session stays on that socket.
    let warned = browser
        .wait_until("the malformed frame reported", PAGE_WAIT, || {
            let mut console = browser.console_log()?;
            console.retain(|l| !l.contains("/favicon.ico"));
            let seen = console.iter().any(|l| l.contains("livechat:"));
            Ok((seen, json!(console)))
        })
        .unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_secs(2));
    let (opened, closed) = {
        let log = raw.log();
        (log.opened.clone(), log.closed.clone())
    };
    eprintln!("raw server: opened {opened:?}, closed {closed:?}; console: {warned:#}");
    assert!(
        opened
            .iter()
            .all(|(_, first)| first.starts_with("<open") && first.contains("xmpp-framing")),
        "each connection started with the page's <open/>: {opened:?}"
    );
    assert!(
        closed.iter().any(|(n, _)| *n == 1),
        "the page closed the socket that sent invalid UTF-8 as text: {closed:?}"
    );
    assert!(
        !closed.iter().any(|(n, _)| *n == 2) && opened.len() == 2,
        "the binary frame cost no reconnection: opened {opened:?}, closed {closed:?}"
    );

    let page = browser
        .eval(
            "({ status: document.querySelector('.lc-status').getAttribute('data-status'), \
             statuses: window.__lc.status.map(s => s.status), chat: !!document.querySelector('.lc-chat'), \
             alert: (document.querySelector('.lc-alert') || {}).textContent || null, \
             dialogs: window.__lc.dialogs, hits: window.__lc.hits })",
        )
        .unwrap_or_else(|e| panic!("the page does not answer: {e}"));
    eprintln!("page: {page}");
    assert_eq!(page["chat"], true, "the chat is still on the page");
    assert!(
        !page["statuses"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| s == "disconnected"),
        "the page never gave up: {page}"
    );
    assert_eq!(page["dialogs"], json!([]));
    assert_eq!(page["hits"], json!([]));
    let console: Vec<String> = serde_json::from_value(warned).unwrap_or_default();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
    // Nothing of the bad frames made it into the page.
    let html = browser
        .eval("document.documentElement.outerHTML")
        .unwrap_or_else(|e| panic!("{e}"));
    let html = html.as_str().unwrap_or_default();
    assert!(
        !html.contains("xmpp-framing")
            && !html.contains("lc-garbage")
            && !html.contains('\u{FFFD}'),
        "the frames are not shown"
    );
}

/// Every place a secret must not be after the page read it: storage, address bar, session
/// history (the page's and the browser's), cookies, the DOM. The test's passwords have no
/// character that an encoding would change, so their plain text finds them in every form.
fn assert_secret_nowhere(browser: &WebDriver, secret: &str, what: &str) {
    let places = browser
        .eval(
            "(() => {
                const dump = s => Array.from({ length: s.length }, (_, i) => s.key(i) + '=' + s.getItem(s.key(i))).join('\\n');
                return {
                    localStorage: dump(localStorage),
                    sessionStorage: dump(sessionStorage),
                    href: location.href,
                    historyState: JSON.stringify(history.state),
                    navigation: window.navigation ? navigation.entries().map(e => e.url).join('\\n') : '',
                    cookies: document.cookie,
                    html: document.documentElement.outerHTML,
                    title: document.title,
                };
            })()",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // The tab's history as the browser keeps it (back, forward, reload, session restore). Each
    // entry also remembers the address as typed or pasted (`userTypedURL`, token included): the
    // browser's own record, which no page can change, so it is not checked.
    let history = browser
        .cdp("Page.getNavigationHistory", json!({}))
        .unwrap_or_else(|e| panic!("{e}"));
    let entries: Vec<Value> = history["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| json!([e["url"], e["title"]]))
        .collect();
    for (place, value) in places
        .as_object()
        .expect("an object")
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_string()))
        .chain([("the browser's session history", json!(entries).to_string())])
    {
        assert!(
            !value.contains(secret),
            "{what}: the password is in {place}: {}",
            value.chars().take(2000).collect::<String>()
        );
    }
}

/// e) The streamer's token in the address (`#?j=&p=&n=`) and a PeerTube account's password from
/// `authenticationUrl`: after the join, neither password is in storage, the address bar, the
/// session history, the console or the DOM.
#[test]
fn passwords_stay_out_of_storage_the_address_bar_history_and_the_log() {
    let mut world = World::start(WorldOptions::default());
    let (token_user, token_password) = ("obsdock", "Tok3n-S3cret-in-the-hash");
    let (account_user, account_password) = ("peertubeuser", "Acc0unt-S3cret-from-auth-url");
    world
        .prosody
        .register(token_user, token_password)
        .unwrap_or_else(|e| panic!("{e}"));
    world
        .prosody
        .register(account_user, account_password)
        .unwrap_or_else(|e| panic!("{e}"));
    let auth_path = "/plugins/livechat/router/api/auth";
    let site = StaticServer::start_with(
        &world.dist,
        ServeOptions {
            fixed: vec![Fixed {
                path: auth_path.into(),
                content_type: "application/json".into(),
                body: json!({
                    "jid": world.prosody.user_jid(account_user),
                    "password": account_password,
                    "nickname": "Peertube User",
                })
                .to_string()
                .into_bytes(),
            }],
            ..ServeOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The console is read at every level (see `Chromium`'s logging preferences).
    let base = livechat_e2e::ChatUrl::new(site.url())
        .with("room", world.room.to_string())
        .with("ws", world.ws_url());
    let mut console = Vec::new();

    // The OBS dock's address: the token in the hash.
    let token_url = format!(
        "{}#?j={}&p={}&n=Dock",
        base.build(),
        world.prosody.user_jid(token_user).replace('@', "%40"),
        token_password
    );
    world.open(
        &token_url,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="Dock"]')"#,
        "the token page did not join",
    );
    world.moderator_says("hello dock");
    world
        .wait_for_js(&js_shows("hello dock"), PAGE_WAIT)
        .unwrap_or_else(|e| panic!("{e}"));
    let href = world
        .browser
        .current_url()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !href.contains('#') && href == base.build(),
        "the token is out of the address bar: {href}"
    );
    assert_secret_nowhere(&world.browser, token_password, "token");
    console.extend(world.browser.console_log().unwrap_or_default());

    // A PeerTube user: the password comes from authenticationUrl.
    let account_url = base
        .clone()
        .with(
            "authenticationUrl",
            format!("{}{}", site.url().trim_end_matches('/'), auth_path),
        )
        .build();
    world.open(
        &account_url,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="Peertube User"]')"#,
        "the account page did not join",
    );
    type_in_input(&world.browser, "hello from an account", true);
    world
        .moderator
        .run_until("the account's message", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == "hello from an account")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        site.served().iter().any(|s| s.path.starts_with(auth_path)),
        "the page asked authenticationUrl"
    );
    assert_secret_nowhere(&world.browser, account_password, "account");
    assert_secret_nowhere(&world.browser, token_password, "token, after another page");
    console.extend(world.browser.console_log().unwrap_or_default());

    eprintln!("console ({} lines): {console:#?}", console.len());
    for secret in [token_password, account_password] {
        let leaks: Vec<&String> = console.iter().filter(|l| l.contains(secret)).collect();
        assert!(leaks.is_empty(), "the console shows a password: {leaks:#?}");
    }
}

/// f) Hostile bodies are shown as the text they are: no link but http(s), no markup, nothing runs.
#[test]
fn hostile_bodies_show_as_text_and_only_http_links_are_clickable() {
    let mut world = World::start(WorldOptions::default());
    before_every_page(&world.browser, RECORDER_JS);
    world.open(&world.chat_url().build(), JOINED, "the page did not join");
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
    world
        .wait_for_js(
            &bodies
                .iter()
                .map(|b| js_shows(b))
                .collect::<Vec<_>>()
                .join(" && "),
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("a body is not shown literally: {e}"));
    let page = world
        .browser
        .eval(
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
        )
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!("{page:#}");
    assert_eq!(page["hits"], json!([]), "a hostile body ran");
    assert_eq!(page["dialogs"], json!([]), "a dialog was opened");
    assert_eq!(page["markup"], json!([]), "markup from a body was rendered");
    assert_eq!(page["handlers"], json!([]), "an event handler attribute");
    assert_eq!(page["images"], json!([]));
    assert_eq!(page["avatars"], json!([]));
    assert_eq!(page["frames"], json!(0));
    let links = page["links"].as_array().cloned().unwrap_or_default();
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
    let console = world.browser.console_log().unwrap_or_default();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
    world.screenshot("ui-reliability-hostile");
}
