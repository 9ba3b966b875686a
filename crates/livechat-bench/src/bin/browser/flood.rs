//! The flood: one Chromium joined to the room while the moderator bot sends N messages on a fixed
//! schedule, each body carrying its send time. The page's observer
//! ([`crate::scripts::FLOOD_OBSERVER_JS`]) takes the send → in-the-DOM delay of each; every second
//! the bench samples DevTools metrics, the page's DOM and wasm memory, and Prosody's and the
//! machine's CPU from /proc.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use livechat_bench::markdown::{header, row};
use livechat_bench::proc_stats;
use livechat_chromium::WebDriver;
use livechat_native::NativeClient;
use serde_json::{json, Value};

use crate::cold_join::{self, join, JoinRun};
use crate::devtools::{collect_garbage, metric, metrics, Metrics};
use crate::e2s;
use crate::figures::mb;
use crate::launch::launch_settled;
use crate::scripts::{FLOOD_OBSERVER_JS, FLOOD_RESULT_JS, PAGE_SAMPLE_JS};
use crate::stop::{self, check_stop, StopOnPanic};
use crate::world::{Bench, Page};

const SAMPLE_EVERY: Duration = Duration::from_secs(1);
/// After the last message went out: how long the page may go without showing a new one.
const DRAIN_IDLE: Duration = Duration::from_secs(5);

#[derive(Clone, Debug)]
pub struct Sample {
    pub secs: f64,
    pub sent: usize,
    pub delivered: usize,
    pub li: usize,
    /// Every node in the document (elements, text, comments), counted in the page.
    pub nodes: usize,
    pub wasm: Option<f64>,
    pub m: Metrics,
    /// The machine's CPU clock ticks so far: (busy, total).
    pub machine: Option<(u64, u64)>,
    /// Prosody's CPU seconds so far.
    pub server_cpu: Option<f64>,
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
        machine: proc_stats::machine_ticks(),
        server_cpu: proc_stats::cpu_seconds(server_pid),
    })
}

/// What happened between two samples, in percent of the interval (a CPU-bound thread is 100 %).
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// The page's main thread inside tasks (wall time: includes waiting for a CPU).
    pub tasks: f64,
    /// The page's main thread on a CPU.
    pub main_cpu: f64,
    /// The renderer process on a CPU (all its threads).
    pub renderer_cpu: f64,
    /// Prosody on a CPU.
    pub server_cpu: f64,
    /// The whole machine's CPUs busy (100 % = every core).
    pub machine: f64,
}

pub fn window(a: &Sample, b: &Sample) -> Window {
    let wall = metric(&b.m, "Timestamp") - metric(&a.m, "Timestamp");
    let pct = |name: &str| (metric(&b.m, name) - metric(&a.m, name)) / wall * 100.0;
    let server = a
        .server_cpu
        .zip(b.server_cpu)
        .map_or(f64::NAN, |(x, y)| (y - x) / (b.secs - a.secs) * 100.0);
    let machine = a
        .machine
        .zip(b.machine)
        .map_or(f64::NAN, |(x, y)| proc_stats::busy_share(x, y) * 100.0);
    Window {
        tasks: pct("TaskDuration"),
        main_cpu: pct("ThreadTime"),
        renderer_cpu: pct("ProcessTime"),
        server_cpu: server,
        machine,
    }
}

/// The columns of [`Sample::row`]: the page at the sample, then what happened since the one before
/// in percent of the interval (a CPU-bound thread is 100 %).
const SAMPLE_COLUMNS: [&str; 16] = [
    "s",
    "sent",
    "shown",
    "li.lc-msg",
    "DOM nodes",
    "CDP Nodes",
    "Documents",
    "JS heap",
    "wasm",
    "listeners",
    "main thread",
    "main thread CPU",
    "renderer CPU",
    "Prosody",
    "machine",
    "note",
];

impl Sample {
    /// One row of the table of samples; `previous` gives the CPU columns.
    fn row(&self, previous: Option<&Sample>, note: &str) -> String {
        let pct = |v: f64| format!("{v:.0} %");
        let cpu = previous.map(|p| window(p, self)).map_or_else(
            || vec!["-".to_owned(); 5],
            |w| {
                [w.tasks, w.main_cpu, w.renderer_cpu, w.server_cpu, w.machine]
                    .map(pct)
                    .to_vec()
            },
        );
        let page = [
            format!("{:.1}", self.secs),
            self.sent.to_string(),
            self.delivered.to_string(),
            self.li.to_string(),
            self.nodes.to_string(),
            format!("{:.0}", metric(&self.m, "Nodes")),
            format!("{:.0}", metric(&self.m, "Documents")),
            mb(metric(&self.m, "JSHeapUsedSize")),
            self.wasm.map_or_else(|| "-".into(), mb),
            format!("{:.0}", metric(&self.m, "JSEventListeners")),
        ];
        row(page.into_iter().chain(cpu).chain([note.to_owned()]))
    }
}

#[derive(Debug, Default)]
pub struct SenderStats {
    pub sent: usize,
    pub seconds: f64,
    /// How far behind its schedule the sender ever was.
    pub max_late_ms: f64,
    pub error: Option<String>,
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

pub struct FloodReport {
    pub n: usize,
    pub rate: f64,
    pub sender: SenderStats,
    /// The flood page's own (cold) join.
    pub join: JoinRun,
    pub delays: Vec<f64>,
    pub dupes: usize,
    /// Page clock: first and last message shown.
    pub shown_span_s: f64,
    pub samples: Vec<Sample>,
    pub base: Metrics,
    /// Raw, at the end (before the forced collection).
    pub end: Metrics,
    /// The sample at message ≥ `steady_from`, after a forced collection.
    pub steady: Option<Sample>,
    pub steady_from: usize,
    /// At the end, after a forced collection.
    pub end_gc: Sample,
    pub end_raw: Sample,
}

pub fn flood(bench: &mut Bench) -> Result<FloodReport, String> {
    let n = bench.args.messages;
    let rate = bench.args.rate;
    let server_pid = bench.prosody.pid();
    let steady_from = 500.min(n / 2).max(1);
    println!("\n## Flood\n");
    println!(
        "{n} messages at {rate} per second from the moderator bot; one Chromium in the room.\n"
    );
    let (browser, settled) = launch_settled(bench)?;
    let join = join(bench, &browser, Page::Standalone, settled)?;
    println!("The flood page's own join:\n");
    cold_join::print_table_header();
    println!("{}", join.row(Page::Standalone, "flood"));
    // Let the page settle (first layout, fonts, history scroll) before the baseline.
    bench.sleep(Duration::from_secs(2));
    let installed = browser
        .execute(FLOOD_OBSERVER_JS, vec![json!(n)])
        .map_err(e2s)?;
    if installed != json!(true) {
        return Err("no .lc-log in the page to observe".into());
    }

    let _stop = StopOnPanic;
    let sent = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let base_sample = sample(&browser, started, 0, server_pid)?;
    let base = base_sample.m.clone();
    println!("\nSamples, every second; the CPU columns are the share of the second before.\n");
    println!("{}", header(&SAMPLE_COLUMNS));
    println!("{}", base_sample.row(None, "before the flood"));
    let bot = bench.moderator.take().ok_or("the moderator is busy")?;
    let sender = spawn_sender(bot, n, rate, sent.clone());

    let schedule = Duration::from_secs_f64(n as f64 / rate);
    let hard_deadline = started + schedule * 2 + Duration::from_secs(120);
    let mut samples = vec![base_sample];
    let mut steady: Option<Sample> = None;
    let mut last_progress = (0usize, Instant::now());
    let mut next = started + SAMPLE_EVERY;
    let mut gave_up = None;
    let outcome = (|| -> Result<(), String> {
        loop {
            let now = Instant::now();
            if now < next {
                std::thread::sleep(next - now);
            }
            next += SAMPLE_EVERY;
            let s = sample(&browser, started, sent.load(Ordering::SeqCst), server_pid)?;
            println!("{}", s.row(samples.last(), ""));
            if s.delivered != last_progress.0 {
                last_progress = (s.delivered, Instant::now());
            }
            if steady.is_none() && s.delivered >= steady_from {
                collect_garbage(&browser)?;
                let mut gc = sample(&browser, started, sent.load(Ordering::SeqCst), server_pid)?;
                gc.secs = s.secs;
                println!("{}", gc.row(None, "the reference: after a forced GC"));
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
                gave_up = Some(started.elapsed());
                return Ok(());
            }
            check_stop()?;
        }
    })();
    if let Some(after) = gave_up {
        println!("\nGave up waiting for the page after {after:?}.");
    }
    // The sender ends by itself (or on a stop); take the bot back either way.
    if outcome.is_err() {
        stop::request_stop();
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
    let page = browser.execute(FLOOD_RESULT_JS, vec![]).map_err(e2s)?;
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
