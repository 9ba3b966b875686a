//! `browser_bench [--messages N] [--rate R] [--runs K]`: the real web client in headless Chromium,
//! joined to a room on a real Prosody, measured over the DevTools protocol. Run it with
//! `cargo xtask bench browser`, which builds the client and sets `LIVECHAT_DIST`.
//!
//! **Cold join** (`--runs K`, default 5, of each page). Two pages start the chat: the standalone
//! page (`index.html`, the iframe and "new window" page) and the demo watch page
//! (`www/watch.html`, which imports `livechat.js` and calls `mount()` as the watch page beside the
//! video does); their runs alternate. The room holds 20 history messages. Each run launches a
//! new Chromium on a fresh profile (empty HTTP, code and wasm caches) and, unless `--no-settle`,
//! waits until the machine is quiet: a new Chromium first spends a second or two starting its own
//! internal pages, which would take the cores the chat needs (a person opens the chat in a browser
//! that has started; the caches stay cold). Before navigating, a script
//! is registered with `Page.addScriptToEvaluateOnNewDocument`: it runs in the chat page's document
//! before any of the page's own scripts and installs a `MutationObserver` on the whole document.
//! On every batch of mutations it checks `.lc-status[data-status=joined]` and the number of
//! `.lc-log li.lc-msg`; the first time both hold (joined, and the 20 history messages in the DOM)
//! it records `performance.now()` (milliseconds since the navigation started: the document's time
//! origin) and `Date.now()`. The bench notes the wall clock just before it sends the WebDriver
//! navigate command; "navigate → joined with history" is the page's `Date.now()` minus that (both
//! read the same system clock). The observer also notes when the app mounted (`.lc-status`
//! appeared) and when each of the two conditions first held, for a breakdown. The harness polls
//! for the result, but the polling does not bound the figure: the time is taken in the page.
//!
//! **Flood** (`--messages N` at `--rate R` per second, defaults 10,000 at 200/s). One Chromium
//! joined to the room; the moderator bot (a native client) sends N messages on a fixed schedule,
//! each body carrying its send time: `flood <i> t=<wall-clock ms>`. A `MutationObserver` on
//! `.lc-log` (child list, subtree) takes every newly added `.lc-body`, parses it, and stores
//! `Date.now() - t` (send to in-the-DOM delay: the observer runs right after the task that
//! inserted the row, before layout and paint) in a preallocated `Float64Array(N)`, each message
//! once. Every second the bench reads `Performance.getMetrics` (Nodes, JSHeapUsedSize,
//! ScriptDuration, TaskDuration, ThreadTime, ProcessTime, …; `Performance.enable` first), and in
//! the page the number of `li.lc-msg`, the nodes of the document (a TreeWalker) and the size of
//! the wasm memory (the page-start script keeps a reference to the instance's memory when
//! wasm-bindgen instantiates it); it also notes Prosody's and the machine's CPU time from /proc,
//! to tell the page's own work from a busy machine. At the first sample at or after message 500
//! it forces a garbage collection (`HeapProfiler.collectGarbage`, twice) and takes the reference
//! figures; at the end it takes them raw and again after a forced collection. Main-thread time
//! per message is the change of the DevTools durations over the flood divided by the messages
//! shown.
//!
//! Prosody is the test server of `livechat-backend`, with the archive quota raised so that a
//! 10,000-message flood does not make it rewrite the room's archive mid-run.
//!
//! Loopback only; the number of messages and the rate are bounded. The figures are printed beside
//! the targets; the bench never fails because the machine is slow, only when it cannot run.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use livechat_backend::{Prosody, ProsodyOptions};
use livechat_core::jid::BareJid;
use livechat_e2e::bots::moderator_bot;
use livechat_e2e::{
    paths, ChatUrl, Chromium, ChromiumOptions, Fixed, ServeOptions, StaticServer, WebDriver,
};
use livechat_native::NativeClient;
use serde_json::{json, Value};

const USAGE: &str = "usage: browser_bench [--messages N] [--rate R] [--runs K] [--no-settle] [--network KBIT,RTT_MS]
  --messages N   messages in the flood (default 10000, 0 skips the flood, at most 100000)
  --rate R       flood messages per second (default 200, at most 2000)
  --runs K       cold joins, each on a fresh browser profile (default 5, 0 skips them, at most 50)
  --no-settle    navigate as soon as Chromium is launched, without waiting for its own start to end
  --trace DIR    Chromium writes a trace of its first seconds (every process and thread) into DIR,
                 one JSON file per launch, for chrome://tracing or ui.perfetto.dev
  --network KBIT,RTT_MS
                 the cold joins over a network DevTools emulates: kbit/s each way, round trip in ms";

const HISTORY: usize = 20;
const MAX_MESSAGES: usize = 100_000;
const MAX_RATE: f64 = 2_000.0;
const MAX_RUNS: usize = 50;

/// The issue's targets, printed beside the figures.
const TARGET_JOIN_MS: f64 = 250.0;
const TARGET_P99_MS: f64 = 100.0;
const TARGET_DOM_PCT: f64 = 5.0;
const TARGET_HEAP_GROWTH: f64 = 2.0 * 1024.0 * 1024.0;

/// The longest a page may take to join (a loaded machine is slow, not broken).
const JOIN_TIMEOUT: Duration = Duration::from_secs(60);
/// How often the harness asks the page whether it joined (the time is taken in the page).
const JOIN_POLL: Duration = Duration::from_millis(50);
/// A launched Chromium is quiet enough to navigate when the machine is under this share busy over
/// `QUIET_WINDOWS` windows in a row (see [`settle`]); it waits at most `SETTLE_MAX`.
const QUIET_BUSY: f64 = 0.15;
const QUIET_WINDOW: Duration = Duration::from_millis(100);
const QUIET_WINDOWS: usize = 3;
const SETTLE_MAX: Duration = Duration::from_secs(10);
const SAMPLE_EVERY: Duration = Duration::from_secs(1);
/// After the last message went out: how long the page may go without showing a new one.
const DRAIN_IDLE: Duration = Duration::from_secs(5);

// ---------------------------------------------------------------------------------------------
// Page-side scripts

/// Runs in every new document before its own scripts (`Page.addScriptToEvaluateOnNewDocument`).
/// `__HISTORY__` is replaced with the number of history messages to wait for.
const ON_NEW_DOCUMENT_JS: &str = r#"
(() => {
  if (!/^https?:$/.test(location.protocol)) return;
  const HISTORY = __HISTORY__;
  // The app's wasm memory, to read its size later (wasm-bindgen instantiates through one of these).
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
        if (instance && instance.exports.memory instanceof WebAssembly.Memory) {
          window.__lcWasmMemory = instance.exports.memory;
        }
        return result;
      });
    };
  }
  const b = window.__lcBench = { mounted: null, joined: null, history: null, done: null, doneEpoch: null, frames: [] };
  // The chat server's frames until the join is done, each with its time: what the page waited for
  // (the server, or its own turn) and what it did between two answers. gloo-net listens with
  // addEventListener; this listener comes first, so it sees the frame when its task starts.
  const wsAdd = EventTarget.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (type, listener, options) {
    if (type === 'message' && !this.__lcTimed) {
      this.__lcTimed = true;
      wsAdd.call(this, 'message', () => { if (b.done === null) b.frames.push([performance.now(), 1]); });
    }
    return wsAdd.call(this, type, listener, options);
  };
  const wsSend = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (b.done === null) b.frames.push([performance.now(), 0]);
    return wsSend.call(this, data);
  };
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (b.mounted === null && document.querySelector('.lc-status')) b.mounted = now;
    const joined = document.querySelector('.lc-status[data-status="joined"]') !== null;
    if (joined && b.joined === null) b.joined = now;
    const shown = document.querySelectorAll('.lc-log li.lc-msg').length >= HISTORY;
    if (shown && b.history === null) b.history = now;
    if (joined && shown) {
      b.done = now;
      b.doneEpoch = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-status'] });
})();
"#;

/// What the cold-join observer found, with the navigation timing: `null` until done.
const JOIN_RESULT_JS: &str = r#"
  const b = window.__lcBench;
  if (!b || b.done === null) return null;
  const nav = performance.getEntriesByType('navigation')[0];
  // The last: with its .gz twin blocked, the loader falls back to the plain wasm after it.
  const wasm = performance.getEntriesByType('resource').filter((r) => /\.wasm(\.gz)?$/.test(r.name)).at(-1);
  return {
    mounted: b.mounted, joined: b.joined, history: b.history, done: b.done, doneEpoch: b.doneEpoch,
    timeOrigin: performance.timeOrigin,
    responseEnd: nav ? nav.responseEnd : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    wasmResponseEnd: wasm ? wasm.responseEnd : null,
    wasmBytes: wasm ? wasm.encodedBodySize : null,
    frames: b.frames,
  };
"#;

/// Installs the flood observer; `arguments[0]` is the number of messages.
const FLOOD_OBSERVER_JS: &str = r#"
  const N = arguments[0];
  const log = document.querySelector('.lc-log');
  if (!log) return false;
  const f = window.__lcFlood = { delays: new Float64Array(N), seen: new Uint8Array(N), count: 0, dupes: 0, firstAt: 0, lastAt: 0 };
  const re = /^flood (\d+) t=(\d+)$/;
  const take = (body, now) => {
    const m = re.exec(body.textContent);
    if (!m) return;
    const i = +m[1];
    if (i >= N) return;
    if (f.seen[i]) { f.dupes++; return; }
    f.seen[i] = 1;
    f.delays[f.count++] = now - +m[2];
    if (f.firstAt === 0) f.firstAt = now;
    f.lastAt = now;
  };
  window.__lcFloodObserver = new MutationObserver((records) => {
    const now = Date.now();
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1) {
          if (n.matches('.lc-body')) take(n, now);
          else for (const body of n.querySelectorAll('.lc-body')) take(body, now);
        } else if (n.nodeType === 3 && n.parentElement) {
          const body = n.parentElement.closest('.lc-body');
          if (body) take(body, now);
        }
      }
    }
  });
  window.__lcFloodObserver.observe(log, { childList: true, subtree: true });
  return true;
"#;

/// The page's side of a sample.
const PAGE_SAMPLE_JS: &str = r#"
  const f = window.__lcFlood, mem = window.__lcWasmMemory;
  return {
    delivered: f ? f.count : 0,
    dupes: f ? f.dupes : 0,
    li: document.querySelectorAll('li.lc-msg').length,
    nodes: (() => { let n = 1; const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; })(),
    wasm: mem ? mem.buffer.byteLength : null,
    firstAt: f ? f.firstAt : 0,
    lastAt: f ? f.lastAt : 0,
  };
"#;

// ---------------------------------------------------------------------------------------------
// Arguments, signals, small helpers

#[derive(Clone, Debug)]
struct Args {
    messages: usize,
    rate: f64,
    runs: usize,
    /// Navigate as soon as Chromium is launched, while it still starts its own pages (`--no-settle`).
    no_settle: bool,
    /// Where each launched Chromium writes its start-up trace (`--trace DIR`).
    trace: Option<std::path::PathBuf>,
    /// The cold joins over an emulated network (`--network KBIT,RTT_MS`): kbit/s each way and
    /// round-trip time, as DevTools throttles it.
    network: Option<(f64, f64)>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        messages: 10_000,
        rate: 200.0,
        runs: 5,
        no_settle: false,
        trace: None,
        network: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--messages" => {
                parsed.messages = value()?.parse().map_err(|e| format!("--messages: {e}"))?
            }
            "--rate" => parsed.rate = value()?.parse().map_err(|e| format!("--rate: {e}"))?,
            "--runs" => parsed.runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--no-settle" => parsed.no_settle = true,
            "--trace" => parsed.trace = Some(value()?.into()),
            "--network" => {
                let v = value()?;
                let parsed_pair = v
                    .split_once(',')
                    .and_then(|(k, r)| Some((k.parse::<f64>().ok()?, r.parse::<f64>().ok()?)))
                    .filter(|&(k, r)| k > 0.0 && r >= 0.0);
                parsed.network = Some(parsed_pair.ok_or_else(|| {
                    format!("--network: {v:?} is not KBIT,RTT_MS (like 10000,40)")
                })?);
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if parsed.messages > MAX_MESSAGES {
        return Err(format!("--messages must be at most {MAX_MESSAGES}"));
    }
    if !(parsed.rate > 0.0 && parsed.rate <= MAX_RATE) {
        return Err(format!("--rate must be above 0 and at most {MAX_RATE}"));
    }
    if parsed.runs > MAX_RUNS {
        return Err(format!("--runs must be at most {MAX_RUNS}"));
    }
    Ok(parsed)
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// Ctrl-C ends the bench through its guards (browser, Prosody), not in the middle of them.
fn stop_on_signals() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(
                signal,
                on_stop_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
            )
        };
    }
}

fn check_stop() -> Result<(), String> {
    if STOP.load(Ordering::SeqCst) {
        Err("interrupted".into())
    } else {
        Ok(())
    }
}

/// Wall-clock milliseconds since the epoch, with the sub-millisecond part.
fn wall_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// The `p`-th percentile (0–100), nearest rank, as livechat-bench computes it.
fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn mb(bytes: f64) -> String {
    format!("{:.2} MB", bytes / (1024.0 * 1024.0))
}

fn signed_mb(bytes: f64) -> String {
    format!("{:+.2} MB", bytes / (1024.0 * 1024.0))
}

fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.0} ms"))
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "meets"
    } else {
        "MISSES"
    }
}

fn e2s(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// `Performance.getMetrics` as name → value.
type Metrics = HashMap<String, f64>;

fn metrics(driver: &WebDriver) -> Result<Metrics, String> {
    let value = driver
        .cdp("Performance.getMetrics", json!({}))
        .map_err(e2s)?;
    Ok(value["metrics"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|m| Some((m["name"].as_str()?.to_owned(), m["value"].as_f64()?)))
                .collect()
        })
        .unwrap_or_default())
}

fn metric(m: &Metrics, name: &str) -> f64 {
    m.get(name).copied().unwrap_or(f64::NAN)
}

/// A full garbage collection in the page, so that heap and node figures count live objects only.
fn collect_garbage(driver: &WebDriver) -> Result<(), String> {
    collect_garbage_once(driver)?;
    // A second pass frees what the first one only unlinked (DOM wrappers, then their nodes).
    collect_garbage_once(driver)
}

fn collect_garbage_once(driver: &WebDriver) -> Result<(), String> {
    if driver
        .cdp("HeapProfiler.collectGarbage", json!({}))
        .is_err()
    {
        driver.cdp("HeapProfiler.enable", json!({})).map_err(e2s)?;
        driver
            .cdp("HeapProfiler.collectGarbage", json!({}))
            .map_err(e2s)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The world: Prosody, the room with its history and moderator, the web build on loopback

struct Bench {
    args: Args,
    site: StaticServer,
    room: BareJid,
    ws_url: String,
    anon: String,
    /// `None` while it floods from its own thread.
    moderator: Option<NativeClient>,
    // Last: Prosody stops after everything that talks to it.
    prosody: Prosody,
}

/// The two ways a viewer's browser starts the chat, and the first without the gzipped wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    /// `index.html`: the iframe and "open in a new window" page; its boot script opens the chat
    /// server's socket while the wasm loads.
    Standalone,
    /// `www/watch.html`: a host page that imports `livechat.js` and calls `mount()`, as the watch
    /// page beside the video does.
    Watch,
    /// The standalone page with the wasm's gzipped twin blocked in the browser: the loader falls
    /// back to the plain wasm, which this server (like PeerTube's nginx) sends uncompressed.
    PlainWasm,
}

impl Page {
    const ALL: [Page; 3] = [Page::Standalone, Page::Watch, Page::PlainWasm];

    fn label(self) -> &'static str {
        match self {
            Page::Standalone => "standalone page (index.html)",
            Page::Watch => "watch page (www/watch.html: livechat.js, mount())",
            Page::PlainWasm => "standalone page, the plain wasm (its .gz twin blocked)",
        }
    }
}

/// The demo host page and its scripts, served under `/www/` beside the build (as `cargo xtask demo`
/// serves them).
fn host_page_files() -> Result<Vec<Fixed>, String> {
    let www = paths::workspace_root().join("www");
    ["watch.html", "watch.js", "host.js", "demo.css"]
        .iter()
        .map(|name| {
            let path = www.join(name);
            Ok(Fixed {
                path: format!("/www/{name}"),
                content_type: livechat_e2e::static_server::content_type(&path).to_owned(),
                body: std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?,
            })
        })
        .collect()
}

impl Bench {
    fn page_url(&self, page: Page) -> String {
        let base = match page {
            Page::Standalone | Page::PlainWasm => self.site.url(),
            Page::Watch => format!("{}www/watch.html", self.site.url()),
        };
        ChatUrl::new(base)
            .with("room", self.room.to_string())
            .with("ws", self.ws_url.clone())
            .with("anon", self.anon.clone())
            .build()
    }

    /// Keeps the moderator's socket read while the harness waits on the browser.
    fn pump_moderator(&mut self, wait: Duration) {
        if let Some(m) = &mut self.moderator {
            let _ = m.pump(wait);
            m.take_events();
        }
    }

    fn sleep(&mut self, duration: Duration) {
        let until = Instant::now() + duration;
        while Instant::now() < until && !STOP.load(Ordering::SeqCst) {
            self.pump_moderator(Duration::from_millis(20));
        }
    }
}

/// Chromium's start-up trace: the categories that show the page's tasks, scripts, layout, network
/// and WebSocket frames; long enough for the settling, the navigation and the join.
const TRACE_CATEGORIES: &str = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,loading,toplevel,v8,net";
const TRACE_SECONDS: u32 = 15;

/// The launch options; with `trace`, the trace of launch number `launch` goes into that directory.
fn browser_options(trace: Option<&std::path::Path>, launch: usize) -> ChromiumOptions {
    let trace_args = trace.map(|dir| {
        [
            format!("--trace-startup={TRACE_CATEGORIES}"),
            format!(
                "--trace-startup-file={}",
                dir.join(format!("chromium-{launch}.json")).display()
            ),
            format!("--trace-startup-duration={TRACE_SECONDS}"),
            "--trace-startup-format=json".to_owned(),
        ]
    });
    ChromiumOptions {
        // A loaded machine starts and loads slowly; that is a figure, not a failure.
        start_timeout: Duration::from_secs(60),
        page_load_timeout: Duration::from_secs(60),
        // Keep timers and rendering at full speed whatever the browser thinks of its visibility.
        extra_args: [
            "--disable-background-timer-throttling",
            "--disable-renderer-backgrounding",
            "--disable-backgrounding-occluded-windows",
        ]
        .map(String::from)
        .into_iter()
        .chain(trace_args.into_iter().flatten())
        .collect(),
        ..ChromiumOptions::default()
    }
}

/// `HeadlessChrome/<version>`, from the first browser launched.
static BROWSER_VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// A fresh browser (new profile) with the page-start script registered and metrics enabled.
fn launch_browser(trace: Option<&std::path::Path>) -> Result<Chromium, String> {
    static LAUNCHES: AtomicUsize = AtomicUsize::new(0);
    let launch = LAUNCHES.fetch_add(1, Ordering::SeqCst) + 1;
    if let Some(dir) = trace {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        println!(
            "  Chromium launch {launch}: trace in {}",
            dir.join(format!("chromium-{launch}.json")).display()
        );
    }
    let browser = Chromium::launch_with(browser_options(trace, launch))
        .map_err(|e| format!("cannot launch Chromium: {e}"))?;
    let source = ON_NEW_DOCUMENT_JS.replace("__HISTORY__", &HISTORY.to_string());
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        )
        .map_err(|e| format!("cannot register the page-start script: {e}"))?;
    browser
        .cdp("Performance.enable", json!({}))
        .map_err(|e| format!("cannot enable DevTools metrics: {e}"))?;
    if BROWSER_VERSION.get().is_none() {
        if let Ok(v) = browser.cdp("Browser.getVersion", json!({})) {
            if let Some(product) = v["product"].as_str() {
                let _ = BROWSER_VERSION.set(product.to_owned());
            }
        }
    }
    Ok(browser)
}

/// How long a launched Chromium took to become quiet, and how busy the machine was at the end.
#[derive(Clone, Copy, Debug)]
struct Settled {
    waited: Duration,
    busy: f64,
    quiet: bool,
}

impl std::fmt::Display for Settled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = if self.quiet { "quiet" } else { "still busy" };
        write!(
            f,
            "navigated {:.1} s after launch, machine {state} ({:.0} % busy)",
            self.waited.as_secs_f64(),
            self.busy * 100.0
        )
    }
}

/// Waits until the machine is quiet after a launch. A new Chromium spends its first second or two
/// starting its own pages (the omnibox popup, the new-tab page: hundreds of internal files), which
/// on a small machine takes the cores the chat page needs; a person opens the chat in a browser
/// that has started. The profile and its caches stay cold.
fn settle(bench: &mut Bench) -> Settled {
    let started = Instant::now();
    let mut quiet_windows = 0;
    let mut busy = f64::NAN;
    while started.elapsed() < SETTLE_MAX && !STOP.load(Ordering::SeqCst) {
        let before = machine_ticks();
        bench.sleep(QUIET_WINDOW);
        if let (Some(a), Some(b)) = (before, machine_ticks()) {
            busy = (b.0 - a.0) as f64 / (b.1 - a.1).max(1) as f64;
        }
        quiet_windows = if busy < QUIET_BUSY {
            quiet_windows + 1
        } else {
            0
        };
        if quiet_windows >= QUIET_WINDOWS {
            break;
        }
    }
    Settled {
        waited: started.elapsed(),
        busy,
        quiet: quiet_windows >= QUIET_WINDOWS,
    }
}

/// A fresh browser, settled unless `--no-settle`.
fn launch_settled(bench: &mut Bench) -> Result<(Chromium, Option<Settled>), String> {
    let browser = launch_browser(bench.args.trace.as_deref())?;
    let settled = (!bench.args.no_settle).then(|| settle(bench));
    Ok((browser, settled))
}

// ---------------------------------------------------------------------------------------------
// Cold join

#[derive(Clone, Debug)]
struct JoinRun {
    /// From just before the navigate command to joined with the history in the DOM (page clock).
    total_ms: f64,
    /// The same, from the document's navigation start (`performance.now()`).
    from_nav_start_ms: f64,
    response_end_ms: Option<f64>,
    wasm_loaded_ms: Option<f64>,
    dom_content_loaded_ms: Option<f64>,
    mounted_ms: Option<f64>,
    joined_ms: Option<f64>,
    history_ms: Option<f64>,
    wasm_bytes: Option<f64>,
    /// The server socket's frames until done: (page clock ms, received).
    frames: Vec<(f64, bool)>,
    settled: Option<Settled>,
}

impl JoinRun {
    fn line(&self) -> String {
        let settled = self
            .settled
            .map(|s| format!("; {s}"))
            .unwrap_or_else(|| "; navigated right after launch".into());
        format!(
            "{:.0} ms (in the page from navigation start: document {}, DOMContentLoaded {}, wasm fetched {}, \
             app mounted {}, joined {}, history shown {}, both {:.0} ms{settled})",
            self.total_ms,
            ms(self.response_end_ms),
            ms(self.dom_content_loaded_ms),
            ms(self.wasm_loaded_ms),
            ms(self.mounted_ms),
            ms(self.joined_ms),
            ms(self.history_ms),
            self.from_nav_start_ms,
        )
    }

    /// The socket's frames as turns: `sent 2 at 205–206 ms`, `received 3 at 230–241 ms`, …
    fn frames_line(&self) -> String {
        let mut turns: Vec<(bool, usize, f64, f64)> = Vec::new();
        for &(at, received) in &self.frames {
            match turns.last_mut() {
                Some(t) if t.0 == received => {
                    t.1 += 1;
                    t.3 = at;
                }
                _ => turns.push((received, 1, at, at)),
            }
        }
        turns
            .iter()
            .map(|&(received, n, first, last)| {
                let what = if received { "in" } else { "out" };
                if n == 1 {
                    format!("{what} {first:.0}")
                } else {
                    format!("{what} ×{n} {first:.0}–{last:.0}")
                }
            })
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

/// Navigates `browser` to the chat and waits until the page-start observer saw it joined with the
/// history; the time is measured in the page.
fn join(
    bench: &mut Bench,
    browser: &Chromium,
    page: Page,
    settled: Option<Settled>,
) -> Result<JoinRun, String> {
    let url = bench.page_url(page);
    if bench.args.network.is_some() || page == Page::PlainWasm {
        browser.cdp("Network.enable", json!({})).map_err(e2s)?;
    }
    if let Some((kbit, rtt_ms)) = bench.args.network {
        let bytes_per_s = kbit * 1000.0 / 8.0;
        browser
            .cdp(
                "Network.emulateNetworkConditions",
                json!({ "offline": false, "latency": rtt_ms, "downloadThroughput": bytes_per_s, "uploadThroughput": bytes_per_s }),
            )
            .map_err(e2s)?;
    }
    if page == Page::PlainWasm {
        browser
            .cdp("Network.setBlockedURLs", json!({ "urls": ["*.wasm.gz"] }))
            .map_err(e2s)?;
    }
    let before = wall_ms();
    browser.navigate(&url).map_err(e2s)?;
    let started = Instant::now();
    loop {
        check_stop()?;
        match browser.execute(JOIN_RESULT_JS, vec![]) {
            Ok(Value::Null) | Err(livechat_e2e::WebDriverError::Driver { .. }) => {}
            Ok(r) => {
                let f = |k: &str| r[k].as_f64();
                let done_epoch = f("doneEpoch").ok_or("no doneEpoch")?;
                return Ok(JoinRun {
                    total_ms: done_epoch - before,
                    from_nav_start_ms: f("done").unwrap_or(f64::NAN),
                    response_end_ms: f("responseEnd"),
                    wasm_loaded_ms: f("wasmResponseEnd"),
                    dom_content_loaded_ms: f("domContentLoaded"),
                    mounted_ms: f("mounted"),
                    joined_ms: f("joined"),
                    history_ms: f("history"),
                    wasm_bytes: f("wasmBytes"),
                    frames: r["frames"]
                        .as_array()
                        .map(|frames| {
                            frames
                                .iter()
                                .filter_map(|f| Some((f[0].as_f64()?, f[1].as_u64()? == 1)))
                                .collect()
                        })
                        .unwrap_or_default(),
                    settled,
                });
            }
            Err(e) => return Err(e.to_string()),
        }
        if started.elapsed() > JOIN_TIMEOUT {
            return Err(format!(
                "not joined with the history within {JOIN_TIMEOUT:?}\n{}",
                browser.describe_page()
            ));
        }
        bench.pump_moderator(JOIN_POLL);
    }
}

/// The cold joins of both pages, alternating (standalone, watch, standalone, …) so that the
/// machine's drift falls on both alike.
fn cold_joins(bench: &mut Bench) -> Vec<(Page, Vec<Result<JoinRun, String>>)> {
    let runs = bench.args.runs;
    let when = if bench.args.no_settle {
        "navigating right after launch"
    } else {
        "navigating once the machine is quiet"
    };
    let network = bench.args.network.map_or_else(
        || "loopback".to_owned(),
        |(kbit, rtt)| {
            format!("a network emulated by DevTools at {kbit} kbit/s, {rtt} ms round trip")
        },
    );
    println!("\ncold join: {runs} run(s) of each page, each a new Chromium on a fresh profile, {when}; room with {HISTORY} history messages; {network}");
    let mut results: Vec<(Page, Vec<_>)> = Page::ALL.iter().map(|&p| (p, Vec::new())).collect();
    for i in 0..runs {
        for (page, page_results) in &mut results {
            if STOP.load(Ordering::SeqCst) {
                return results;
            }
            let page = *page;
            let result = launch_settled(bench).and_then(|(browser, settled)| {
                let run = join(bench, &browser, page, settled);
                drop(browser); // ends chromedriver, Chromium and the profile before the next run
                run
            });
            match &result {
                Ok(run) => println!(
                    "  {} run {}: navigate → joined with history {}\n         server frames (ms from navigation start): {}",
                    page.label(),
                    i + 1,
                    run.line(),
                    run.frames_line()
                ),
                Err(e) => println!("  {} run {}: failed: {e}", page.label(), i + 1),
            }
            page_results.push(result);
            // Let the room see the viewer leave before the next one comes.
            bench.sleep(Duration::from_millis(500));
        }
    }
    results
}

// ---------------------------------------------------------------------------------------------
// Flood

#[derive(Clone, Debug)]
struct Sample {
    secs: f64,
    sent: usize,
    delivered: usize,
    li: usize,
    /// Every node in the document (elements, text, comments), counted in the page.
    nodes: usize,
    wasm: Option<f64>,
    m: Metrics,
    /// The machine's CPU clock ticks so far: (busy, total).
    machine: Option<(u64, u64)>,
    /// Prosody's CPU seconds so far.
    server_cpu: Option<f64>,
}

/// The machine's CPU time so far, in clock ticks: (busy, total), from the first line of /proc/stat.
fn machine_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    let total: u64 = fields.iter().take(8).sum();
    let idle = fields.get(3)? + fields.get(4).copied().unwrap_or(0);
    Some((total - idle, total))
}

/// CPU seconds (user + system) a process has used, from /proc/<pid>/stat.
fn process_cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the command: state is field 3, utime field 14 and stime field 15 (1-based).
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    Some((utime + stime) / ticks.max(1) as f64)
}

fn sample(
    driver: &WebDriver,
    started: Instant,
    sent: usize,
    server_pid: u32,
) -> Result<Sample, String> {
    let m = metrics(driver)?;
    let page = driver.execute(PAGE_SAMPLE_JS, vec![]).map_err(e2s)?;
    let n = |k: &str| page[k].as_u64().unwrap_or(0) as usize;
    Ok(Sample {
        secs: started.elapsed().as_secs_f64(),
        sent,
        delivered: n("delivered"),
        li: n("li"),
        nodes: n("nodes"),
        wasm: page["wasm"].as_f64(),
        m,
        machine: machine_ticks(),
        server_cpu: process_cpu_seconds(server_pid),
    })
}

/// What happened between two samples, in percent of the interval (a CPU-bound thread is 100 %).
#[derive(Clone, Copy, Debug)]
struct Window {
    /// The page's main thread inside tasks (wall time: includes waiting for a CPU).
    tasks: f64,
    /// The page's main thread on a CPU.
    main_cpu: f64,
    /// The renderer process on a CPU (all its threads).
    renderer_cpu: f64,
    /// Prosody on a CPU.
    server_cpu: f64,
    /// The whole machine's CPUs busy (100 % = every core).
    machine: f64,
}

fn window(a: &Sample, b: &Sample) -> Window {
    let wall = metric(&b.m, "Timestamp") - metric(&a.m, "Timestamp");
    let pct = |name: &str| (metric(&b.m, name) - metric(&a.m, name)) / wall * 100.0;
    let server = a
        .server_cpu
        .zip(b.server_cpu)
        .map_or(f64::NAN, |(x, y)| (y - x) / (b.secs - a.secs) * 100.0);
    let machine = a.machine.zip(b.machine).map_or(f64::NAN, |(x, y)| {
        (y.0 - x.0) as f64 / (y.1 - x.1).max(1) as f64 * 100.0
    });
    Window {
        tasks: pct("TaskDuration"),
        main_cpu: pct("ThreadTime"),
        renderer_cpu: pct("ProcessTime"),
        server_cpu: server,
        machine,
    }
}

impl Sample {
    fn line(&self, previous: Option<&Sample>) -> String {
        let mut line = format!(
            "  {:>5.1} s  sent {:>6}  shown {:>6}  li.lc-msg {:>4}  DOM nodes {:>5}  CDP Nodes {:>6.0}  Documents {:>2.0}  JS heap {}  wasm {}  listeners {:.0}",
            self.secs,
            self.sent,
            self.delivered,
            self.li,
            self.nodes,
            metric(&self.m, "Nodes"),
            metric(&self.m, "Documents"),
            mb(metric(&self.m, "JSHeapUsedSize")),
            self.wasm.map_or_else(|| "-".into(), mb),
            metric(&self.m, "JSEventListeners"),
        );
        if let Some(previous) = previous {
            let w = window(previous, self);
            line.push_str(&format!(
                "  | main thread {:.0} % (CPU {:.0} %), renderer CPU {:.0} %, Prosody {:.0} %, machine {:.0} %",
                w.tasks, w.main_cpu, w.renderer_cpu, w.server_cpu, w.machine
            ));
        }
        line
    }
}

#[derive(Debug, Default)]
struct SenderStats {
    sent: usize,
    seconds: f64,
    /// How far behind its schedule the sender ever was.
    max_late_ms: f64,
    error: Option<String>,
}

/// Sends `n` messages at `rate` per second on a fixed schedule (no drift), reading the room's
/// echoes in between so that nothing piles up in the socket.
fn spawn_sender(
    mut bot: NativeClient,
    n: usize,
    rate: f64,
    sent: Arc<AtomicUsize>,
) -> JoinHandle<(NativeClient, SenderStats)> {
    std::thread::Builder::new()
        .name("flood-sender".into())
        .spawn(move || {
            let mut stats = SenderStats::default();
            let interval = Duration::from_secs_f64(1.0 / rate);
            let started = Instant::now();
            let result = (|| -> Result<(), String> {
                for i in 0..n {
                    check_stop()?;
                    let due = started + interval.mul_f64(i as f64);
                    loop {
                        let now = Instant::now();
                        if now >= due {
                            stats.max_late_ms =
                                stats.max_late_ms.max((now - due).as_secs_f64() * 1000.0);
                            break;
                        }
                        bot.pump((due - now).min(Duration::from_millis(20)))
                            .map_err(e2s)?;
                    }
                    let body = format!("flood {i} t={}", livechat_native::now_ms());
                    bot.command(|s| s.send_message(&body)).map_err(e2s)?;
                    stats.sent += 1;
                    sent.store(stats.sent, Ordering::SeqCst);
                    if i % 256 == 0 {
                        bot.take_events();
                    }
                }
                Ok(())
            })();
            stats.seconds = started.elapsed().as_secs_f64();
            stats.error = result.err();
            // Read the last echoes.
            let _ = bot.run_for(Duration::from_millis(500));
            bot.take_events();
            (bot, stats)
        })
        .expect("spawn the flood sender")
}

/// Stops the sender if the harness panics while it runs (errors and Ctrl-C set `STOP` directly).
struct StopOnDrop;

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        if std::thread::panicking() {
            STOP.store(true, Ordering::SeqCst);
        }
    }
}

struct FloodReport {
    n: usize,
    rate: f64,
    sender: SenderStats,
    /// The flood page's own (cold) join.
    join: JoinRun,
    delays: Vec<f64>,
    dupes: usize,
    /// Page clock: first and last message shown.
    shown_span_s: f64,
    samples: Vec<Sample>,
    base: Metrics,
    /// Raw, at the end (before the forced collection).
    end: Metrics,
    /// The sample at message ≥ `steady_from`, after a forced collection.
    steady: Option<Sample>,
    steady_from: usize,
    /// At the end, after a forced collection.
    end_gc: Sample,
    end_raw: Sample,
}

fn flood(bench: &mut Bench) -> Result<FloodReport, String> {
    let n = bench.args.messages;
    let rate = bench.args.rate;
    let server_pid = bench.prosody.pid();
    let steady_from = 500.min(n / 2).max(1);
    println!(
        "\nflood: {n} messages at {rate} per second from the moderator bot; one Chromium in the room"
    );
    let (browser, settled) = launch_settled(bench)?;
    let join = join(bench, &browser, Page::Standalone, settled)?;
    println!("  joined: {}", join.line());
    // Let the page settle (first layout, fonts, history scroll) before the baseline.
    bench.sleep(Duration::from_secs(2));
    let installed = browser
        .execute(FLOOD_OBSERVER_JS, vec![json!(n)])
        .map_err(e2s)?;
    if installed != json!(true) {
        return Err("no .lc-log in the page to observe".into());
    }

    let _stop = StopOnDrop;
    let sent = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let base_sample = sample(&browser, started, 0, server_pid)?;
    let base = base_sample.m.clone();
    println!("{}", base_sample.line(None));
    let bot = bench.moderator.take().ok_or("the moderator is busy")?;
    let sender = spawn_sender(bot, n, rate, sent.clone());

    let schedule = Duration::from_secs_f64(n as f64 / rate);
    let hard_deadline = started + schedule * 2 + Duration::from_secs(120);
    let mut samples = vec![base_sample];
    let mut steady: Option<Sample> = None;
    let mut last_progress = (0usize, Instant::now());
    let mut next = started + SAMPLE_EVERY;
    let outcome = (|| -> Result<(), String> {
        loop {
            let now = Instant::now();
            if now < next {
                std::thread::sleep(next - now);
            }
            next += SAMPLE_EVERY;
            let s = sample(&browser, started, sent.load(Ordering::SeqCst), server_pid)?;
            println!("{}", s.line(samples.last()));
            if s.delivered != last_progress.0 {
                last_progress = (s.delivered, Instant::now());
            }
            if steady.is_none() && s.delivered >= steady_from {
                collect_garbage(&browser)?;
                let mut gc = sample(&browser, started, sent.load(Ordering::SeqCst), server_pid)?;
                gc.secs = s.secs;
                println!(
                    "  reference at message {} (after a forced GC): Nodes {:.0}, JS heap {}",
                    gc.delivered,
                    metric(&gc.m, "Nodes"),
                    mb(metric(&gc.m, "JSHeapUsedSize"))
                );
                steady = Some(gc);
            }
            samples.push(s);
            let last = samples.last().expect("just pushed");
            let sender_done = sender.is_finished();
            if sender_done && last.delivered >= n {
                return Ok(());
            }
            if sender_done && last_progress.1.elapsed() > DRAIN_IDLE {
                return Ok(());
            }
            if Instant::now() > hard_deadline {
                println!("  giving up waiting after {:?}", started.elapsed());
                return Ok(());
            }
            check_stop()?;
        }
    })();
    // The sender ends by itself (or on STOP); take the bot back either way.
    if outcome.is_err() {
        STOP.store(true, Ordering::SeqCst);
    }
    let (bot, sender_stats) = sender
        .join()
        .map_err(|_| "the flood sender panicked".to_owned())?;
    bench.moderator = Some(bot);
    outcome?;

    let end_raw = sample(&browser, started, sender_stats.sent, server_pid)?;
    let end = end_raw.m.clone();
    collect_garbage(&browser)?;
    let end_gc = sample(&browser, started, sender_stats.sent, server_pid)?;
    let page = browser
        .execute(
            "const f = window.__lcFlood; return { delays: Array.from(f.delays.subarray(0, f.count)), dupes: f.dupes, span: (f.lastAt - f.firstAt) / 1000 };",
            vec![],
        )
        .map_err(e2s)?;
    let delays: Vec<f64> = page["delays"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    drop(browser);
    Ok(FloodReport {
        n,
        rate,
        sender: sender_stats,
        join,
        delays,
        dupes: page["dupes"].as_u64().unwrap_or(0) as usize,
        shown_span_s: page["span"].as_f64().unwrap_or(0.0),
        samples,
        base,
        end,
        steady,
        steady_from,
        end_gc,
        end_raw,
    })
}

// ---------------------------------------------------------------------------------------------
// Report

struct Lines(Vec<String>);

impl Lines {
    fn push(&mut self, line: impl Into<String>) {
        self.0.push(line.into());
    }
}

fn report_flood(r: &FloodReport, summary: &mut Lines) {
    let delivered = r.delays.len();
    let d = |name: &str| metric(&r.end, name) - metric(&r.base, name);
    let per_msg_ms = |name: &str| d(name) * 1000.0 / delivered.max(1) as f64;
    let wall = d("Timestamp");
    let p50 = percentile(&r.delays, 50.0);
    let p99 = percentile(&r.delays, 99.0);
    let max = percentile(&r.delays, 100.0);

    println!("\nflood results");
    println!(
        "  the flood page joined {:.0} ms after navigating (a cold profile too; not in the median)",
        r.join.total_ms
    );
    println!(
        "  sender: {} of {} sent in {:.1} s ({:.0}/s, target {}/s), at most {:.1} ms behind schedule{}",
        r.sender.sent,
        r.n,
        r.sender.seconds,
        r.sender.sent as f64 / r.sender.seconds.max(1e-9),
        r.rate,
        r.sender.max_late_ms,
        r.sender
            .error
            .as_ref()
            .map_or_else(String::new, |e| format!("; stopped: {e}")),
    );
    println!(
        "  delivered to the page: {delivered} of {} ({} shown twice, {} missing); first to last shown {:.1} s ({:.0}/s)",
        r.sender.sent,
        r.dupes,
        r.sender.sent.saturating_sub(delivered),
        r.shown_span_s,
        delivered as f64 / r.shown_span_s.max(1e-9),
    );
    println!(
        "  send → in the DOM: p50 {} p99 {} max {}   (target p99 < {TARGET_P99_MS:.0} ms: {})",
        ms(p50),
        ms(p99),
        ms(max),
        verdict(p99.is_some_and(|p| p < TARGET_P99_MS))
    );
    println!(
        "  main thread over {:.1} s: script {:.3} ms/message, all tasks {:.3} ms/message \
         (layout {:.3}, style {:.3}; the main thread's CPU time {:.3}); in tasks {:.0} % of the time, \
         {:.0} % in script; {:.0} layouts, {:.0} style recalcs",
        wall,
        per_msg_ms("ScriptDuration"),
        per_msg_ms("TaskDuration"),
        per_msg_ms("LayoutDuration"),
        per_msg_ms("RecalcStyleDuration"),
        per_msg_ms("ThreadTime"),
        d("TaskDuration") / wall * 100.0,
        d("ScriptDuration") / wall * 100.0,
        d("LayoutCount"),
        d("RecalcStyleCount"),
    );

    let mut durations: Vec<(&String, f64)> = r
        .base
        .keys()
        .filter(|k| k.ends_with("Duration") || k.ends_with("Time"))
        .map(|k| (k, d(k) * 1000.0 / delivered.max(1) as f64))
        .collect();
    durations.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!(
        "  DevTools durations per message: {}",
        durations
            .iter()
            .map(|(k, v)| format!("{k} {v:.3} ms"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // DOM and heap, from the reference point on.
    let Some(steady) = &r.steady else {
        println!(
            "  fewer than {} messages shown: no steady-state figures",
            r.steady_from
        );
        summary.push(format!(
            "| flood: send → in the DOM p50 / p99 / max | {} / {} / {} | p99 < {TARGET_P99_MS:.0} ms |",
            ms(p50), ms(p99), ms(max)
        ));
        return;
    };
    let after: Vec<&Sample> = r
        .samples
        .iter()
        .filter(|s| s.secs >= steady.secs)
        .chain([&r.end_raw, &r.end_gc])
        .collect();
    let dev = |value: f64, reference: f64| (value - reference).abs() / reference * 100.0;
    let max_dev = |f: &dyn Fn(&Sample) -> f64| {
        let reference = f(steady);
        after
            .iter()
            .map(|s| dev(f(s), reference))
            .fold(0.0, f64::max)
    };
    let dom_dev = max_dev(&|s| s.nodes as f64);
    let li_dev = max_dev(&|s| s.li as f64);
    let raw_nodes_dev = max_dev(&|s| metric(&s.m, "Nodes"));
    let ref_nodes = metric(&steady.m, "Nodes");
    let end_nodes = metric(&r.end_gc.m, "Nodes");
    let end_nodes_dev = (end_nodes - ref_nodes) / ref_nodes * 100.0;
    // Flat: the document's own nodes stay within the band, and no detached nodes pile up (after a
    // collection the renderer holds no more nodes than at the reference; fewer is fine: the
    // reference, taken mid-flood, also counts the rows in flight).
    let dom_ok = dom_dev <= TARGET_DOM_PCT && end_nodes_dev <= TARGET_DOM_PCT;
    println!(
        "  DOM nodes in the document: {} at message {} → {} at the end, max deviation from there on {dom_dev:.1} % \
         (li.lc-msg {} → {}, max deviation {li_dev:.1} %)",
        steady.nodes, steady.delivered, r.end_raw.nodes, steady.li, r.end_raw.li,
    );
    println!(
        "  CDP Nodes (every live node object in the renderer, detached ones too): {ref_nodes:.0} at message {} (after GC) \
         → {end_nodes:.0} at the end after GC ({end_nodes_dev:+.1} %); between collections the samples reach +{raw_nodes_dev:.0} % \
         (removed rows awaiting GC)   (target flat within {TARGET_DOM_PCT:.0} %: {})",
        steady.delivered,
        verdict(dom_ok),
    );
    let heap_ref = metric(&steady.m, "JSHeapUsedSize");
    let heap_end = metric(&r.end_raw.m, "JSHeapUsedSize");
    let heap_end_gc = metric(&r.end_gc.m, "JSHeapUsedSize");
    let heap_max = after
        .iter()
        .map(|s| metric(&s.m, "JSHeapUsedSize"))
        .fold(0.0, f64::max);
    let growth = heap_end_gc - heap_ref;
    println!(
        "  JS heap used: {} at message {} (after GC) → {} at the end, {} after GC: growth {}; highest sample {}   (target growth < {}: {})",
        mb(heap_ref),
        steady.delivered,
        mb(heap_end),
        mb(heap_end_gc),
        signed_mb(growth),
        mb(heap_max),
        mb(TARGET_HEAP_GROWTH),
        verdict(growth < TARGET_HEAP_GROWTH),
    );
    let wasm_growth = steady.wasm.zip(r.end_gc.wasm).map(|(a, b)| b - a);
    let messages_since = r.end_gc.delivered.saturating_sub(steady.delivered).max(1) as f64;
    let both_growth = growth + wasm_growth.unwrap_or(0.0);
    println!(
        "  wasm memory (the Rust heap's high-water mark; it never shrinks): {} → {} ({}, {} bytes per message); \
         JS heap + wasm memory growth {}   (target growth < {}: {}); JS event listeners {:.0} → {:.0}",
        steady.wasm.map_or_else(|| "-".into(), mb),
        r.end_gc.wasm.map_or_else(|| "-".into(), mb),
        wasm_growth.map_or_else(|| "-".into(), signed_mb),
        wasm_growth.map_or_else(|| "-".into(), |g| format!("{:.0}", g / messages_since)),
        signed_mb(both_growth),
        mb(TARGET_HEAP_GROWTH),
        verdict(both_growth < TARGET_HEAP_GROWTH),
        metric(&steady.m, "JSEventListeners"),
        metric(&r.end_gc.m, "JSEventListeners"),
    );
    let behind = r.sender.sent.saturating_sub(delivered);
    let max_lag = r
        .samples
        .iter()
        .map(|s| s.sent.saturating_sub(s.delivered))
        .max()
        .unwrap_or(0);
    let slow = r.delays.iter().filter(|&&d| d >= TARGET_P99_MS).count();
    let whole = r.samples.first().map(|first| window(first, &r.end_raw));
    if let Some(w) = whole {
        println!(
            "  CPU over the flood: page main thread in tasks {:.0} % of the time (on a CPU {:.0} %), \
             renderer process {:.0} % of a core, Prosody {:.0} % of a core, whole machine {:.0} % busy",
            w.tasks, w.main_cpu, w.renderer_cpu, w.server_cpu, w.machine
        );
    }
    if behind > 0 || slow > 0 {
        // The seconds with the longest delays, and what the page and the machine did then.
        let mut worst: Vec<(f64, usize, usize, Window, f64)> = r
            .samples
            .windows(2)
            .filter_map(|pair| {
                let lo = pair[0].delivered.min(delivered);
                let hi = pair[1].delivered.min(delivered);
                let max = r.delays[lo..hi].iter().copied().fold(f64::NAN, f64::max);
                (hi > lo).then(|| (max, lo, hi, window(&pair[0], &pair[1]), pair[1].secs))
            })
            .collect();
        worst.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!(
            "  {slow} message(s) took {TARGET_P99_MS:.0} ms or more; at most {max_lag} sent but not yet shown at a sample. \
             The seconds with the longest delays:"
        );
        for (max, lo, hi, w, at) in worst.iter().take(3) {
            let gc = (steady.secs - at).abs() < 1.5;
            println!(
                "    up to {at:.0} s: max {max:.0} ms over messages {lo}..{hi}; page main thread in tasks {:.0} % (on a CPU {:.0} %), \
                 renderer {:.0} %, Prosody {:.0} %, machine {:.0} % busy{}",
                w.tasks,
                w.main_cpu,
                w.renderer_cpu,
                w.server_cpu,
                w.machine,
                if gc { " (the forced GC at the reference fell here)" } else { "" },
            );
        }
        let saturated = worst.iter().take(3).any(|(_, _, _, w, _)| w.tasks >= 85.0);
        if saturated {
            println!(
                "  the page's main thread was saturated: script {:.2} ms, layout {:.2} ms, style {:.2} ms and other \
                 task work {:.2} ms per message",
                per_msg_ms("ScriptDuration"),
                per_msg_ms("LayoutDuration"),
                per_msg_ms("RecalcStyleDuration"),
                per_msg_ms("TaskOtherDuration"),
            );
        } else {
            println!(
                "  the page's main thread had spare time in those seconds: the delay came from outside its own work \
                 (waiting for a CPU on a busy machine, or the server); the sender was at most {:.0} ms behind its schedule",
                r.sender.max_late_ms
            );
        }
    } else {
        println!(
            "  the page kept up: at most {max_lag} messages sent but not yet shown at a sample, none took {TARGET_P99_MS:.0} ms"
        );
    }

    summary.push(format!(
        "| flood: messages delivered to the page | {delivered} / {} sent ({:.0}/s asked, {:.0}/s sent) | all |",
        r.sender.sent,
        r.rate,
        r.sender.sent as f64 / r.sender.seconds.max(1e-9)
    ));
    summary.push(format!(
        "| flood: send → in the DOM p50 / p99 / max | {} / {} / {} | p99 < {TARGET_P99_MS:.0} ms: {} |",
        ms(p50),
        ms(p99),
        ms(max),
        verdict(p99.is_some_and(|p| p < TARGET_P99_MS))
    ));
    summary.push(format!(
        "| flood: DOM nodes at msg {} → end: in the document (max deviation); CDP Nodes after GC | {} → {} ({dom_dev:.1} %); {ref_nodes:.0} → {end_nodes:.0} ({end_nodes_dev:+.1} %) | flat within {TARGET_DOM_PCT:.0} %: {} |",
        steady.delivered,
        steady.nodes,
        r.end_raw.nodes,
        verdict(dom_ok),
    ));
    summary.push(format!(
        "| flood: JS heap at msg {} → end (after GC); growth | {} → {}; {} | < {}: {} |",
        steady.delivered,
        mb(heap_ref),
        mb(heap_end_gc),
        signed_mb(growth),
        mb(TARGET_HEAP_GROWTH),
        verdict(growth < TARGET_HEAP_GROWTH),
    ));
    summary.push(format!(
        "| flood: wasm memory (Rust heap) at msg {} → end; JS + wasm growth | {} → {} ({} bytes/message); {} | < {}: {} |",
        steady.delivered,
        steady.wasm.map_or_else(|| "-".into(), mb),
        r.end_gc.wasm.map_or_else(|| "-".into(), mb),
        wasm_growth.map_or_else(|| "-".into(), |g| format!("{:.0}", g / messages_since)),
        signed_mb(both_growth),
        mb(TARGET_HEAP_GROWTH),
        verdict(both_growth < TARGET_HEAP_GROWTH),
    ));
    if let Some(w) = whole {
        summary.push(format!(
            "| flood: CPU: page main thread in tasks / renderer / Prosody / whole machine | {:.0} % / {:.0} % / {:.0} % / {:.0} % | — |",
            w.tasks, w.renderer_cpu, w.server_cpu, w.machine
        ));
    }
    summary.push(format!(
        "| flood: main thread per message: script / all tasks (its CPU time) | {:.3} ms / {:.3} ms ({:.3} ms); in tasks {:.0} % of the time | — |",
        per_msg_ms("ScriptDuration"),
        per_msg_ms("TaskDuration"),
        per_msg_ms("ThreadTime"),
        d("TaskDuration") / wall * 100.0,
    ));
}

/// Prints one page's cold joins and adds its row to the summary.
fn report_joins(page: Page, runs: &[Result<JoinRun, String>], args: &Args, summary: &mut Lines) {
    let ok: Vec<&JoinRun> = runs.iter().filter_map(|r| r.as_ref().ok()).collect();
    let totals: Vec<f64> = ok.iter().map(|r| r.total_ms).collect();
    let median = percentile(&totals, 50.0);
    let pick = |f: fn(&JoinRun) -> Option<f64>| {
        percentile(&ok.iter().filter_map(|r| f(r)).collect::<Vec<_>>(), 50.0)
    };
    let list = totals
        .iter()
        .map(|t| format!("{t:.0}"))
        .collect::<Vec<_>>()
        .join(", ");
    let failed = if ok.len() < runs.len() {
        format!("; {} failed", runs.len() - ok.len())
    } else {
        String::new()
    };
    // The target is for the page served on loopback: an emulated network adds its own time.
    let meets = if args.network.is_some() {
        "not the target's conditions (emulated network)"
    } else {
        verdict(median.is_some_and(|m| m <= TARGET_JOIN_MS))
    };
    println!(
        "\ncold join, {}: navigate → joined with {HISTORY} history messages in the DOM: median {} over {} run(s) [{list}]{failed}   (target ≤ {TARGET_JOIN_MS:.0} ms: {meets})",
        page.label(),
        ms(median),
        ok.len(),
    );
    println!(
        "  medians in the page from navigation start: document {}, wasm fetched {}, app mounted {}, joined {}, history shown {}; wasm {:.0} KB over the wire",
        ms(pick(|r| r.response_end_ms)),
        ms(pick(|r| r.wasm_loaded_ms)),
        ms(pick(|r| r.mounted_ms)),
        ms(pick(|r| r.joined_ms)),
        ms(pick(|r| r.history_ms)),
        pick(|r| r.wasm_bytes).unwrap_or(f64::NAN) / 1000.0,
    );
    summary.push(format!(
        "| cold join, {}: navigate → joined, {HISTORY} history messages in the DOM (median of {}{}) | {} (runs: {list} ms; app mounted at {}, joined at {}) | ≤ {TARGET_JOIN_MS:.0} ms: {meets} |",
        page.label(),
        ok.len(),
        if args.no_settle { ", right after launch" } else { ", browser settled" },
        ms(median),
        ms(pick(|r| r.mounted_ms)),
        ms(pick(|r| r.joined_ms)),
    ));
}

fn run(args: Args) -> Result<(), String> {
    let dist = paths::dist_dir_checked().map_err(|e| {
        format!("{e}\nFor this bench: `cargo xtask bench browser` builds the client and runs it.")
    })?;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into());
    println!(
        "browser bench: web build {}; {cores} cores, load average {load}",
        dist.display()
    );

    let started = Instant::now();
    let prosody = Prosody::start(ProsodyOptions {
        // Archive every flood message: the default quota (10,000 per room) would make Prosody
        // rewrite the room's archive near the end of a 10,000-message flood, a server hiccup
        // that is not the page's.
        extra_global_config: "storage_archive_item_limit = 1000000".into(),
        ..ProsodyOptions::default()
    })
    .map_err(|e| format!("cannot start Prosody: {e}"))?;
    let room: BareJid = prosody
        .room_jid("bench")
        .parse()
        .map_err(|e| format!("room JID: {e}"))?;
    let history: Vec<String> = (1..=HISTORY)
        .map(|i| format!("History message {i} of {HISTORY}: welcome to the live, questions at the end please"))
        .collect();
    let moderator = moderator_bot(&prosody, &room, "Streamer", &history);
    let site = StaticServer::start_with(
        &dist,
        ServeOptions {
            fixed: host_page_files()?,
            ..ServeOptions::default()
        },
    )
    .map_err(|e| format!("cannot serve {}: {e}", dist.display()))?;
    let mut bench = Bench {
        args: args.clone(),
        site,
        room,
        ws_url: prosody.ws_url(),
        anon: prosody.anon_domain().to_owned(),
        moderator: Some(moderator),
        prosody,
    };
    println!(
        "Prosody (pid {}) at {}, room {} with {HISTORY} messages, site {}; ready in {:.1?}",
        bench.prosody.pid(),
        bench.ws_url,
        bench.room,
        bench.site.url(),
        started.elapsed()
    );

    let mut version = String::from("Chromium");
    let joins = if args.runs > 0 {
        cold_joins(&mut bench)
    } else {
        Vec::new()
    };
    check_stop()?;
    let flood = if args.messages > 0 {
        Some(flood(&mut bench))
    } else {
        None
    };
    if let Some(v) = BROWSER_VERSION.get() {
        version = v.clone();
    }

    let mut summary = Lines(Vec::new());
    summary.push(format!(
        "Browser bench: {version} headless, {cores} cores (load average {load} at the start), Prosody 0.12 on loopback{}; \
         `cargo xtask bench browser --messages {} --rate {} --runs {}{}{}`",
        args.network.map_or_else(String::new, |(kbit, rtt)| format!(
            ", the cold joins over a network DevTools emulates at {kbit} kbit/s and {rtt} ms round trip"
        )),
        args.messages,
        args.rate,
        args.runs,
        if args.no_settle { " --no-settle" } else { "" },
        args.network.map_or_else(String::new, |(kbit, rtt)| format!(" --network {kbit},{rtt}")),
    ));
    summary.push(String::new());
    summary.push("| figure | measured | target |".to_owned());
    summary.push("|---|---|---|".to_owned());

    for (page, runs) in &joins {
        report_joins(*page, runs, &args, &mut summary);
    }
    match &flood {
        Some(Ok(r)) => report_flood(r, &mut summary),
        Some(Err(e)) => {
            println!("\nflood: could not run: {e}");
            summary.push(format!(
                "| flood | could not run: {} | |",
                e.lines().next().unwrap_or("")
            ));
        }
        None => {}
    }

    println!("\n---- summary (for the README) ----");
    for line in &summary.0 {
        println!("{line}");
    }
    println!("----");
    drop(bench); // the moderator, the site, then Prosody
    let all_failed =
        |runs: &Vec<Result<JoinRun, String>>| !runs.is_empty() && runs.iter().all(|r| r.is_err());
    if let Some((page, _)) = joins.iter().find(|(_, runs)| all_failed(runs)) {
        return Err(format!("no cold join of the {} succeeded", page.label()));
    }
    if let Some(Err(e)) = flood {
        return Err(format!(
            "the flood could not run: {}",
            e.lines().next().unwrap_or("")
        ));
    }
    Ok(())
}

fn main() -> ExitCode {
    stop_on_signals();
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&argv) {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("{e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("browser bench: {e}");
            ExitCode::FAILURE
        }
    }
}
