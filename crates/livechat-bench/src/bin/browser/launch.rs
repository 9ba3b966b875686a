//! A fresh Chromium for each measurement: a new profile (empty HTTP, code and wasm caches), the
//! page-start script registered, DevTools metrics on, and, unless `--no-settle`, the machine quiet
//! again before the bench navigates.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use livechat_bench::proc_stats;
use livechat_chromium::{Chromium, ChromiumOptions};
use serde_json::json;

use crate::scripts::ON_NEW_DOCUMENT_JS;
use crate::stop;
use crate::world::{Bench, HISTORY};

/// A launched Chromium is quiet enough to navigate when the machine is under this share busy over
/// `QUIET_WINDOWS` windows in a row (see [`settle`]); it waits at most `SETTLE_MAX`.
const QUIET_BUSY: f64 = 0.15;
const QUIET_WINDOW: Duration = Duration::from_millis(100);
const QUIET_WINDOWS: usize = 3;
const SETTLE_MAX: Duration = Duration::from_secs(10);

/// Chromium's start-up trace: the categories that show the page's tasks, scripts, layout, network
/// and WebSocket frames; long enough for the settling, the navigation and the join.
const TRACE_CATEGORIES: &str = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,loading,toplevel,v8,net";
const TRACE_SECONDS: u32 = 15;

/// The launch options; with `trace`, the trace of launch number `launch` goes into that directory.
fn browser_options(trace: Option<&Path>, launch: usize) -> ChromiumOptions {
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
static BROWSER_VERSION: OnceLock<String> = OnceLock::new();

/// The version of the browsers launched so far, if any answered.
pub fn browser_version() -> Option<String> {
    BROWSER_VERSION.get().cloned()
}

/// A fresh browser (new profile) with the page-start script registered and metrics enabled.
fn launch_browser(trace: Option<&Path>) -> Result<Chromium, String> {
    static LAUNCHES: AtomicUsize = AtomicUsize::new(0);
    let launch = LAUNCHES.fetch_add(1, Ordering::SeqCst) + 1;
    if let Some(dir) = trace {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
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
pub struct Settled {
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
    while started.elapsed() < SETTLE_MAX && !stop::stopping() {
        let before = proc_stats::machine_ticks();
        bench.sleep(QUIET_WINDOW);
        if let (Some(a), Some(b)) = (before, proc_stats::machine_ticks()) {
            busy = proc_stats::busy_share(a, b);
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
pub fn launch_settled(bench: &mut Bench) -> Result<(Chromium, Option<Settled>), String> {
    let browser = launch_browser(bench.args.trace.as_deref())?;
    let settled = (!bench.args.no_settle).then(|| settle(bench));
    Ok((browser, settled))
}
