//! The thin slice, end to end: the WASM client in headless Chromium, a real Prosody, and a
//! moderator bot (a native client) in the same room.
//!
//! Needs the web build: run with `cargo xtask test` (it builds `dist/` and sets LIVECHAT_DIST).

use std::time::{Duration, Instant};

use livechat_e2e::{
    hooks, paths, ChatPage, ChatUrl, Chromium, Element, Served, ShownMessage, StaticServer, World,
    WorldOptions, PAGE_WAIT,
};
use serde_json::json;

const HISTORY: [&str; 2] = ["Welcome to the live!", "Questions at the end, please."];

/// Text that a client rendering bodies as HTML would turn into markup and a script.
const HOSTILE: &str =
    "<b>bold</b> & <script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";

/// Notes in `window.__lcShownAt` the time (`Date.now()`) a message body `arguments[0]` appears.
const OBSERVE_BODY_JS: &str = r#"
    const body = arguments[0];
    const log = document.querySelector('.lc-log');
    window.__lcShownAt = undefined;
    const seen = () => Array.from(log.querySelectorAll('.lc-msg .lc-body')).some(b => b.textContent === body);
    const observer = new MutationObserver(() => {
        if (window.__lcShownAt === undefined && seen()) {
            window.__lcShownAt = Date.now();
            observer.disconnect();
        }
    });
    observer.observe(log, { childList: true, subtree: true, characterData: true });
"#;

/// `Anonymous` and six digits, as the core picks it.
fn is_automatic_nick(nick: &str) -> bool {
    nick.strip_prefix("Anonymous ")
        .is_some_and(|digits| digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn a_viewer_sees_the_history_joins_anonymously_and_reads_new_messages_as_text() {
    let mut world = World::start(WorldOptions {
        history: HISTORY.iter().map(|s| s.to_string()).collect(),
        ..WorldOptions::default()
    });

    // The page joins the room as an automatic "Anonymous NNNNNN".
    let url = world.chat_url().build();
    let opened = Instant::now();
    let mut page = world.page();
    page.open(&url).wait_joined();
    let time_to_joined = opened.elapsed();
    let status = page.status_text();
    let nick = status
        .strip_prefix("Joined as ")
        .unwrap_or_else(|| panic!("the status does not say who we joined as: {status:?}"))
        .to_owned();
    assert!(
        is_automatic_nick(&nick),
        "joined as {nick:?}, expected `Anonymous` and 6 digits"
    );
    // The room saw the same viewer join.
    world
        .moderator
        .run_until("the viewer in the room", Duration::from_secs(10), |s, _| {
            s.room().occupant(&nick).is_some()
        })
        .unwrap_or_else(|e| panic!("the moderator does not see {nick}: {e}"));

    // The history the moderator posted before, marked as history.
    let mut page = world.page();
    page.wait_messages(HISTORY.len());
    let expected_history: Vec<ShownMessage> = HISTORY
        .iter()
        .map(|body| ShownMessage {
            nick: "Streamer".into(),
            body: body.to_string(),
            own: false,
            history: true,
        })
        .collect();
    assert_eq!(page.messages(), expected_history);

    // A live message with HTML in it shows as the text it is. An observer in the page notes when
    // it appears, so the latency is measured, not bounded by the polling.
    page.run(OBSERVE_BODY_JS, vec![json!(HOSTILE)]);
    let sent_at_ms = livechat_native::now_ms();
    world.moderator_says(HOSTILE);
    let mut page = world.page();
    page.wait_message(HOSTILE);
    let shown_at_ms = page.eval("window.__lcShownAt");
    let fan_out_ms = shown_at_ms.as_f64().map(|t| t - sent_at_ms as f64);
    let last = page.messages().pop().expect("messages are shown");
    assert_eq!(
        last,
        ShownMessage {
            nick: "Streamer".into(),
            body: HOSTILE.into(),
            own: false,
            history: false,
        }
    );
    let markup = page.run(
        r#"
        const log = document.querySelector('.lc-log');
        return {
            b: log.querySelectorAll('b').length,
            script: log.querySelectorAll('script').length,
            img: log.querySelectorAll('img:not(.lc-avatar)').length,
            pwned: typeof window.pwned,
        };
        "#,
        vec![],
    );
    assert_eq!(
        markup,
        json!({ "b": 0, "script": 0, "img": 0, "pwned": "undefined" }),
        "a body became markup"
    );

    // An automatic nickname only reads: the viewer chooses one to talk (the plugin's rule).
    assert!(
        !page.has(hooks::INPUT),
        "no input before a nickname is chosen"
    );
    // Reading took the chat's main wasm module (and the participants panel's, open on this wide
    // page) but none of what only writers, moderators and owners draw.
    let read = world.site.served();
    assert_wasm_came_gzipped(&world.dist, &read);
    let others: Vec<_> = read
        .iter()
        .filter(|s| WRITERS_MODULES.iter().any(|m| s.path.starts_with(m)))
        .collect();
    assert!(others.is_empty(), "a reader fetched {others:?}");
    let mut page = world.page();
    page.choose_nick("Camille");
    let nick = "Camille".to_owned();

    // What the viewer writes reaches the room under its chosen nickname.
    let from_viewer = "Hello from the browser & <i>co</i>";
    page.send(from_viewer);
    world
        .moderator
        .run_until("the viewer's message", Duration::from_secs(10), |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.nick == nick && m.body == from_viewer)
        })
        .unwrap_or_else(|e| panic!("the room did not get the viewer's message: {e}"));
    let mut page = world.page();
    page.wait_message(from_viewer);
    let own = page.messages().pop().expect("messages are shown");
    assert!(
        own.own,
        "the viewer's own message is marked as its own: {own:?}"
    );
    assert_eq!(page.input_value(), "", "the input is cleared after sending");

    // Nothing went wrong on the way (a Rust panic in the page shows up here).
    let errors: Vec<String> = page
        .console()
        .into_iter()
        .filter(|line| line.starts_with("SEVERE"))
        .collect();
    assert!(errors.is_empty(), "the page logged errors: {errors:#?}");

    page.screenshot("thin-slice");
    let served = world.site.served();
    assert_wasm_came_gzipped(&world.dist, &served);
    assert!(
        served[read.len()..]
            .iter()
            .any(|s| s.path.starts_with("/lazy-writing-")),
        "no message form's module fetched for writing: {served:?}"
    );
    // Not even a favicon: every request the page made was answered.
    let missing: Vec<_> = served.iter().filter(|s| s.status >= 400).collect();
    assert!(missing.is_empty(), "requests that failed: {missing:?}");
    eprintln!(
        "thin slice: joined as {nick} {:.0?} after navigation; a live message in the DOM {} ms after \
         the bot sent it; {} requests, {} bytes served to the page",
        time_to_joined,
        fan_out_ms.map_or("?".to_owned(), |ms| format!("{ms:.0}")),
        served.len(),
        world.site.bytes_served(),
    );
}

/// The wasm modules of the views only writers, moderators and owners draw (see
/// crates/xtask/src/wasm_split.rs for the names).
const WRITERS_MODULES: &[&str] = &[
    "/lazy-writing-",
    "/lazy-emoji_picker-",
    "/lazy-moderation-",
    "/lazy-owner_tools-",
];

/// The page fetched the main wasm's gzipped twin and not the plain file, once: from this server,
/// which compresses nothing (as PeerTube's nginx does for application/wasm), the wasm crossed the
/// network at its gzip size; and every view's module it fetched, the same way.
fn assert_wasm_came_gzipped(dist: &std::path::Path, served: &[Served]) {
    let size = |name: &str| {
        std::fs::metadata(dist.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .len()
    };
    let (views, main): (Vec<_>, Vec<_>) = served
        .iter()
        .filter(|s| s.path.contains(".wasm"))
        .partition(|s| s.path.starts_with("/lazy-"));
    for view in views {
        assert!(
            view.path.ends_with(".wasm.gz") && view.status == 200,
            "the page fetched {view:?}, not a view module's gzipped twin"
        );
    }
    let [fetched] = main.as_slice() else {
        panic!("one request for the main wasm expected, got {main:?}");
    };
    let name = fetched.path.trim_start_matches('/');
    assert!(
        name.ends_with("_bg.wasm.gz"),
        "the page fetched {name}, not the gzipped twin"
    );
    assert_eq!(fetched.status, 200);
    let (packed, plain) = (size(name), size(name.trim_end_matches(".gz")));
    assert!(
        packed * 2 < plain,
        "the twin ({packed} bytes) is less than half the wasm ({plain} bytes)"
    );
}

/// Opens the chat page of `site` with `ws` and `anon` given but `room` forgotten (no chat server
/// is needed to tell), and waits for the error panel.
fn open_without_room(site: &StaticServer) -> (Chromium, Result<Element, String>) {
    let browser = Chromium::launch().unwrap_or_else(|e| panic!("cannot launch Chromium: {e}"));
    let url = ChatUrl::new(site.url())
        .with("ws", "ws://127.0.0.1:9/xmpp-websocket")
        .with("anon", "anon.localhost");
    ChatPage::new(&browser).open(&url.build());
    let panel = browser
        .wait_for_selector(hooks::PARAMS_ERROR, PAGE_WAIT)
        .map_err(|e| e.to_string());
    (browser, panel)
}

#[test]
fn a_missing_room_parameter_shows_a_clear_error() {
    let dist = paths::dist_dir();
    let site = StaticServer::start(&dist)
        .unwrap_or_else(|e| panic!("cannot serve {}: {e}", dist.display()));
    let (browser, panel) = open_without_room(&site);
    let panel = panel.unwrap_or_else(|e| panic!("no error panel for a missing `room`: {e}"));
    let text = browser.text(&panel).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("The chat cannot start"), "{text}");
    assert!(
        text.contains("`room` is missing"),
        "the error names the missing parameter: {text}"
    );
    assert!(
        !text.contains("`ws`") && !text.contains("`anon`"),
        "only the missing parameter is reported: {text}"
    );
    let page = ChatPage::new(&browser);
    assert!(!page.has(hooks::LOG), "no chat is shown next to the error");
    assert_eq!(
        browser
            .attribute(&panel, "role")
            .unwrap_or_else(|e| panic!("{e}"))
            .as_deref(),
        Some("alert"),
        "assistive technology announces the error"
    );
    page.screenshot("params-error");
    eprintln!("params error: {:?}", text.lines().collect::<Vec<_>>());
}

/// Serves a copy of the build whose `.wasm.gz` twin `twin` rewrites (`None`: no twin), opens the
/// page without `room` (its error panel says the wasm is running) and returns what was served.
fn start_with_twin(
    label: &str,
    twin: impl Fn(Vec<u8>) -> Option<Vec<u8>>,
) -> (Result<Element, String>, Vec<Served>) {
    let dist = paths::dist_dir();
    let copy = std::env::temp_dir().join(format!("livechat-e2e-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).unwrap_or_else(|e| panic!("{}: {e}", copy.display()));
    for entry in std::fs::read_dir(&dist).unwrap_or_else(|e| panic!("{}: {e}", dist.display())) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().unwrap().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let bytes = if name.ends_with(".wasm.gz") {
            twin(bytes)
        } else {
            Some(bytes)
        };
        if let Some(bytes) = bytes {
            std::fs::write(copy.join(&name), bytes).unwrap();
        }
    }
    let site = StaticServer::start(&copy)
        .unwrap_or_else(|e| panic!("cannot serve {}: {e}", copy.display()));
    let (browser, started) = open_without_room(&site);
    let served = site.served();
    drop(browser);
    drop(site);
    let _ = std::fs::remove_dir_all(&copy);
    (started, served)
}

fn plain_wasm_requests(served: &[Served]) -> usize {
    served
        .iter()
        .filter(|s| s.path.ends_with("_bg.wasm") && s.status == 200)
        .count()
}

#[test]
fn without_a_usable_gzipped_twin_the_page_loads_the_plain_wasm() {
    // A server with the build but not its `.wasm.gz` (a debug build has none either).
    let (started, served) = start_with_twin("no-twin", |_| None);
    started.unwrap_or_else(|e| panic!("the chat did not start without the twin: {e}"));
    assert_eq!(
        plain_wasm_requests(&served),
        1,
        "the plain wasm, once: {served:?}"
    );

    // A twin cut short (a download broken on the way): it does not unpack, the plain wasm follows.
    let (started, served) = start_with_twin("cut-twin", |mut bytes| {
        bytes.truncate(bytes.len() / 2);
        Some(bytes)
    });
    started.unwrap_or_else(|e| panic!("the chat did not start after a broken twin: {e}"));
    assert!(
        served
            .iter()
            .any(|s| s.path.ends_with(".wasm.gz") && s.status == 200),
        "the twin was tried first: {served:?}"
    );
    assert_eq!(
        plain_wasm_requests(&served),
        1,
        "then the plain wasm, once: {served:?}"
    );
}
