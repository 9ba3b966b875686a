//! The cold join: a new Chromium on a fresh profile navigates to the chat, and the page-start
//! script ([`crate::scripts::ON_NEW_DOCUMENT_JS`]) notes when the page is joined with the room's
//! history in the DOM. The time is taken in the page; the harness only polls for the result.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use livechat_bench::markdown::{header, row};
use livechat_bench::percentiles::median;
use livechat_chromium::{Chromium, WebDriverError};
use serde_json::{json, Value};

use crate::figures::{ms, verdict, Summary};
use crate::launch::{launch_settled, Settled};
use crate::scripts::JOIN_RESULT_JS;
use crate::world::{Bench, Page, HISTORY};
use crate::{e2s, stop, Args};

/// The target for navigate → joined with the history shown.
const TARGET_JOIN_MS: f64 = 250.0;
/// The longest a page may take to join (a loaded machine is slow, not broken).
const JOIN_TIMEOUT: Duration = Duration::from_secs(60);
/// How often the harness asks the page whether it joined (the time is taken in the page).
const JOIN_POLL: Duration = Duration::from_millis(50);

/// The columns of [`JoinRun::row`].
const COLUMNS: [&str; 12] = [
    "page",
    "run",
    "navigate → joined with history",
    "document",
    "DOMContentLoaded",
    "wasm fetched",
    "app mounted",
    "joined",
    "history shown",
    "both",
    "browser",
    "server frames",
];

#[derive(Clone, Debug)]
pub struct JoinRun {
    /// From just before the navigate command to joined with the history in the DOM (page clock).
    pub total_ms: f64,
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

/// The head of the table of runs, with what its columns mean.
pub fn print_table_header() {
    println!(
        "Times in the page from its navigation start, but the first column (from just before the \
         navigate command); server frames are the chat server's socket until the join, `out` sent \
         and `in` received, in ms from navigation start.\n"
    );
    println!("{}", header(&COLUMNS));
}

impl JoinRun {
    /// One row of the table of runs.
    pub fn row(&self, page: Page, run: &str) -> String {
        let settled = self
            .settled
            .map(|s| s.to_string())
            .unwrap_or_else(|| "navigated right after launch".into());
        row([
            page.label().to_owned(),
            run.to_owned(),
            format!("{:.0} ms", self.total_ms),
            ms(self.response_end_ms),
            ms(self.dom_content_loaded_ms),
            ms(self.wasm_loaded_ms),
            ms(self.mounted_ms),
            ms(self.joined_ms),
            ms(self.history_ms),
            format!("{:.0} ms", self.from_nav_start_ms),
            settled,
            self.frames_cell(),
        ])
    }

    /// The socket's frames as turns: `out ×2 205–206 → in ×3 230–241 → …`.
    fn frames_cell(&self) -> String {
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

    fn from_page(
        r: &Value,
        navigated_at_ms: f64,
        settled: Option<Settled>,
    ) -> Result<Self, String> {
        let f = |k: &str| r[k].as_f64();
        let done_epoch = f("doneEpoch").ok_or("no doneEpoch")?;
        Ok(JoinRun {
            total_ms: done_epoch - navigated_at_ms,
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
        })
    }
}

/// Wall-clock milliseconds since the epoch, with the sub-millisecond part (the page's `Date.now()`
/// reads the same clock).
fn wall_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// Navigates `browser` to the chat and waits until the page-start observer saw it joined with the
/// history; the time is measured in the page.
pub fn join(
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
        stop::check_stop()?;
        match browser.execute(JOIN_RESULT_JS, vec![]) {
            Ok(Value::Null) | Err(WebDriverError::Driver { .. }) => {}
            Ok(r) => return JoinRun::from_page(&r, before, settled),
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

/// The cold joins of every page, alternating (standalone, watch, plain wasm, standalone, …) so
/// that the machine's drift falls on all alike.
pub fn cold_joins(bench: &mut Bench) -> Vec<(Page, Vec<Result<JoinRun, String>>)> {
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
    println!("\n## Cold join\n");
    println!("{runs} run(s) of each page, each a new Chromium on a fresh profile, {when}; room with {HISTORY} history messages; {network}.\n");
    print_table_header();
    let mut results: Vec<(Page, Vec<_>)> = Page::ALL.iter().map(|&p| (p, Vec::new())).collect();
    for i in 0..runs {
        for (page, page_results) in &mut results {
            if stop::stopping() {
                return results;
            }
            let page = *page;
            let result = launch_settled(bench).and_then(|(browser, settled)| {
                let run = join(bench, &browser, page, settled);
                drop(browser); // ends chromedriver, Chromium and the profile before the next run
                run
            });
            match &result {
                Ok(run) => println!("{}", run.row(page, &(i + 1).to_string())),
                Err(e) => {
                    let first = e.lines().next().unwrap_or("");
                    println!(
                        "{}",
                        row([
                            page.label(),
                            &(i + 1).to_string(),
                            &format!("failed: {first}")
                        ])
                    );
                    eprintln!("{} run {}: {e}", page.label(), i + 1);
                }
            }
            page_results.push(result);
            // Let the room see the viewer leave before the next one comes.
            bench.sleep(Duration::from_millis(500));
        }
    }
    results
}

/// Prints one page's cold joins and adds its row to the summary.
pub fn report_joins(
    page: Page,
    runs: &[Result<JoinRun, String>],
    args: &Args,
    summary: &mut Summary,
) {
    let ok: Vec<&JoinRun> = runs.iter().filter_map(|r| r.as_ref().ok()).collect();
    let totals: Vec<f64> = ok.iter().map(|r| r.total_ms).collect();
    let median_total = median(&totals);
    let pick = |f: fn(&JoinRun) -> Option<f64>| {
        median(&ok.iter().filter_map(|r| f(r)).collect::<Vec<_>>())
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
        verdict(median_total.is_some_and(|m| m <= TARGET_JOIN_MS))
    };
    println!("\n### Cold join, {}\n", page.label());
    println!(
        "- navigate → joined with {HISTORY} history messages in the DOM: median {} over {} run(s) [{list}]{failed}   (target ≤ {TARGET_JOIN_MS:.0} ms: {meets})",
        ms(median_total),
        ok.len(),
    );
    println!(
        "- medians in the page from navigation start: document {}, wasm fetched {}, app mounted {}, joined {}, history shown {}; wasm {:.0} KB over the wire",
        ms(pick(|r| r.response_end_ms)),
        ms(pick(|r| r.wasm_loaded_ms)),
        ms(pick(|r| r.mounted_ms)),
        ms(pick(|r| r.joined_ms)),
        ms(pick(|r| r.history_ms)),
        pick(|r| r.wasm_bytes).unwrap_or(f64::NAN) / 1000.0,
    );
    summary.row([
        format!(
            "cold join, {}: navigate → joined, {HISTORY} history messages in the DOM (median of {}{})",
            page.label(),
            ok.len(),
            if args.no_settle { ", right after launch" } else { ", browser settled" },
        ),
        format!(
            "{} (runs: {list} ms; app mounted at {}, joined at {})",
            ms(median_total),
            ms(pick(|r| r.mounted_ms)),
            ms(pick(|r| r.joined_ms)),
        ),
        format!("≤ {TARGET_JOIN_MS:.0} ms: {meets}"),
    ]);
}
