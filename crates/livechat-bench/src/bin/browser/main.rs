//! `browser [--messages N] [--rate R] [--runs K] …`: the real web client in headless Chromium,
//! joined to a room on a real Prosody, measured over the DevTools protocol. Run it with
//! `cargo xtask bench browser`, which builds the client and sets `LIVECHAT_DIST`.
//!
//! **Cold join** (`--runs K`, default 5, of each page). Three pages start the chat: the standalone
//! page (`index.html`, the iframe and "new window" page), the demo watch page (`www/watch.html`,
//! which imports `livechat.js` and calls `mount()` as the watch page beside the video does), and
//! the standalone page again with the wasm's gzipped twin blocked (the loader falls back to the
//! plain wasm); their runs alternate. The room holds 20 history messages. Each run launches a
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
//! the targets, as Markdown (headings, lists and tables, ending with the summary table); the bench
//! never fails because the machine is slow, only when it cannot run.
//!
//! Modules: [`world`] (Prosody, the room, the site), [`launch`] (a fresh Chromium, settled),
//! [`cold_join`], [`flood`] and [`flood_report`], with [`scripts`] (what runs in the page),
//! [`devtools`] (metrics, garbage collection), [`figures`] and [`stop`] (Ctrl-C).

mod cold_join;
mod devtools;
mod figures;
mod flood;
mod flood_report;
mod launch;
mod scripts;
mod stop;
mod world;

use std::process::ExitCode;
use std::time::Instant;

use livechat_chromium::paths;

use crate::cold_join::JoinRun;
use crate::figures::Summary;
use crate::world::{Bench, HISTORY};

const USAGE: &str = "usage: browser [--messages N] [--rate R] [--runs K] [--no-settle] [--trace DIR] [--network KBIT,RTT_MS]
  --messages N   messages in the flood (default 10000, 0 skips the flood, at most 100000)
  --rate R       flood messages per second (default 200, at most 2000)
  --runs K       cold joins, each on a fresh browser profile (default 5, 0 skips them, at most 50)
  --no-settle    navigate as soon as Chromium is launched, without waiting for its own start to end
  --trace DIR    Chromium writes a trace of its first seconds (every process and thread) into DIR,
                 one JSON file per launch, for chrome://tracing or ui.perfetto.dev
  --network KBIT,RTT_MS
                 the cold joins over a network DevTools emulates: kbit/s each way, round trip in ms";

const MAX_MESSAGES: usize = 100_000;
const MAX_RATE: f64 = 2_000.0;
const MAX_RUNS: usize = 50;

#[derive(Clone, Debug)]
pub struct Args {
    pub messages: usize,
    pub rate: f64,
    pub runs: usize,
    /// Navigate as soon as Chromium is launched, while it still starts its own pages (`--no-settle`).
    pub no_settle: bool,
    /// Where each launched Chromium writes its start-up trace (`--trace DIR`).
    pub trace: Option<std::path::PathBuf>,
    /// The cold joins over an emulated network (`--network KBIT,RTT_MS`): kbit/s each way and
    /// round-trip time, as DevTools throttles it.
    pub network: Option<(f64, f64)>,
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

/// Any error as the bench's `String` errors.
pub fn e2s(e: impl std::fmt::Display) -> String {
    e.to_string()
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
    println!("# Browser bench\n");
    println!(
        "Web build {}; {cores} cores, load average {load}.",
        dist.display()
    );

    let started = Instant::now();
    let mut bench = Bench::start(&args, &dist)?;
    println!(
        "Prosody (pid {}) at {}, room {} with {HISTORY} messages, site {}; ready in {:.1?}.",
        bench.prosody.pid(),
        bench.ws_url,
        bench.room,
        bench.site.url(),
        started.elapsed()
    );
    if let Some(dir) = &args.trace {
        println!(
            "Chromium traces: {} (one per launch).",
            dir.join("chromium-<launch>.json").display()
        );
    }

    let joins = if args.runs > 0 {
        cold_join::cold_joins(&mut bench)
    } else {
        Vec::new()
    };
    stop::check_stop()?;
    let flood = (args.messages > 0).then(|| flood::flood(&mut bench));
    let version = launch::browser_version().unwrap_or_else(|| "Chromium".to_owned());

    let mut summary = Summary::new(format!(
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
    println!("\n## Results");
    for (page, runs) in &joins {
        cold_join::report_joins(*page, runs, &args, &mut summary);
    }
    match &flood {
        Some(Ok(r)) => flood_report::report_flood(r, &mut summary),
        Some(Err(e)) => {
            println!("\n### Flood\n\nCould not run: {e}");
            summary.row(["flood", &format!("could not run: {}", first_line(e)), ""]);
        }
        None => {}
    }
    println!();
    summary.print();
    drop(bench); // the moderator, the site, then Prosody

    let all_failed =
        |runs: &Vec<Result<JoinRun, String>>| !runs.is_empty() && runs.iter().all(|r| r.is_err());
    if let Some((page, _)) = joins.iter().find(|(_, runs)| all_failed(runs)) {
        return Err(format!("no cold join of the {} succeeded", page.label()));
    }
    if let Some(Err(e)) = flood {
        return Err(format!("the flood could not run: {}", first_line(&e)));
    }
    Ok(())
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

fn main() -> ExitCode {
    stop::stop_on_signals();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn arguments_are_bounded_and_checked() {
        let a = args(&["--messages", "500", "--runs", "1", "--network", "10000,40"]).unwrap();
        assert_eq!((a.messages, a.runs, a.rate), (500, 1, 200.0));
        assert_eq!(a.network, Some((10_000.0, 40.0)));
        assert!(args(&["--messages", "100001"]).is_err());
        assert!(args(&["--rate", "0"]).is_err());
        assert!(args(&["--runs", "51"]).is_err());
        assert!(args(&["--network", "fast"]).is_err());
        assert!(args(&["--runs"]).is_err());
        assert_eq!(args(&["--help"]).unwrap_err(), "");
    }
}
