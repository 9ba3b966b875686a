//! The join storm: N clients join one room within a burst window, then one message fans out to
//! all of them. Bounded in clients and time; loopback only.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use livechat_core::jid::BareJid;
use livechat_core::{Config, Event, SessionState};
use livechat_native::{NativeClient, Traffic};

use crate::markdown;
use crate::percentiles::percentile;
use crate::proc_stats;
use crate::profile::{LegacyExtras, Profile};

/// The most clients one run starts: a storm is a measurement, not an attack.
pub const MAX_CLIENTS: usize = 5_000;

/// How long a client thread waits for a frame before it looks at the shared state again.
const CLIENT_POLL: Duration = Duration::from_millis(500);

/// How often the generator says how far the joins are.
const PROGRESS_EVERY: Duration = Duration::from_secs(10);

#[derive(Clone, Debug)]
pub struct StormOptions {
    pub ws_url: String,
    pub anon_domain: String,
    pub room: BareJid,
    pub clients: usize,
    /// Joins are spread evenly over this window.
    pub burst: Duration,
    pub profile: Profile,
    /// Who creates the room and sends the fan-out message.
    pub moderator: Config,
    /// The server process, for its CPU time and memory.
    pub server_pid: Option<u32>,
    /// Longest wait for all joins, then for the traffic to settle, then for the fan-out.
    pub timeout: Duration,
    /// The room does not broadcast viewers' presences: clients read the count from disco#info.
    pub large_audience: bool,
}

#[derive(Clone, Debug, Default)]
pub struct StormReport {
    pub profile: String,
    pub clients: usize,
    pub joined: usize,
    pub failures: Vec<String>,
    /// Milliseconds from connecting to joined, per client.
    pub join_ms: Vec<f64>,
    /// Milliseconds from the moderator's send to each client's receipt.
    pub fanout_ms: Vec<f64>,
    /// Summed over all clients.
    pub traffic: Traffic,
    pub server_cpu_seconds: Option<f64>,
    pub server_peak_rss_bytes: Option<u64>,
    pub wall_seconds: f64,
}

impl StormReport {
    pub fn per_client(&self, value: u64) -> f64 {
        value as f64 / self.clients.max(1) as f64
    }

    pub fn join_p(&self, p: f64) -> Option<f64> {
        percentile(&self.join_ms, p)
    }

    pub fn fanout_p(&self, p: f64) -> Option<f64> {
        percentile(&self.fanout_ms, p)
    }

    /// The head of the table of runs: the columns that say which run (`run_columns`), then one
    /// per figure of [`StormReport::table_row`].
    pub fn table_head(run_columns: &[&str]) -> String {
        let figures = [
            "profile",
            "joined",
            "failures",
            "Prosody CPU",
            "peak RSS",
            "recv frames/client",
            "recv KB/client",
            "sent frames/client",
            "sent KB/client",
            "join p50",
            "join p99",
            "join max",
            "fan-out p50",
            "fan-out p99",
            "fan-out received",
            "wall",
        ];
        let columns: Vec<&str> = run_columns.iter().copied().chain(figures).collect();
        markdown::header(&columns)
    }

    /// One row of the table of runs: the cells that say which run, then the figures.
    pub fn table_row(&self, run_cells: &[&str]) -> String {
        let ms = |v: Option<f64>| {
            v.map(|v| format!("{v:.0} ms"))
                .unwrap_or_else(|| "-".into())
        };
        let figures = [
            self.profile.clone(),
            format!("{}/{}", self.joined, self.clients),
            self.failures.len().to_string(),
            self.server_cpu_seconds
                .map(|c| format!("{c:.2} s"))
                .unwrap_or_else(|| "-".into()),
            self.server_peak_rss_bytes
                .map(|b| format!("{:.1} MB", b as f64 / 1e6))
                .unwrap_or_else(|| "-".into()),
            format!("{:.0}", self.per_client(self.traffic.frames_received)),
            format!(
                "{:.1}",
                self.per_client(self.traffic.bytes_received) / 1000.0
            ),
            format!("{:.1}", self.per_client(self.traffic.frames_sent)),
            format!("{:.2}", self.per_client(self.traffic.bytes_sent) / 1000.0),
            ms(self.join_p(50.0)),
            ms(self.join_p(99.0)),
            ms(self.join_p(100.0)),
            ms(self.fanout_p(50.0)),
            ms(self.fanout_p(99.0)),
            self.fanout_ms.len().to_string(),
            format!("{:.1} s", self.wall_seconds),
        ];
        markdown::row(run_cells.iter().map(|c| c.to_string()).chain(figures))
    }
}

struct Shared {
    stop: AtomicBool,
    joined: AtomicUsize,
    done: AtomicUsize,
    /// Clients that received the fan-out message.
    fanned_out: AtomicUsize,
    /// Set when the fan-out message leaves, with its body.
    fanout: Mutex<Option<(Instant, String)>>,
    /// Frames received by all clients so far.
    frames: AtomicU64,
}

struct ClientResult {
    join_ms: Option<f64>,
    fanout_ms: Option<f64>,
    traffic: Traffic,
    failure: Option<String>,
}

pub fn run_storm(options: &StormOptions) -> StormReport {
    let clients = options.clients.min(MAX_CLIENTS);
    let started = Instant::now();
    let mut report = StormReport {
        profile: options.profile.name().into(),
        clients,
        ..StormReport::default()
    };
    let mut moderator = match NativeClient::connect(&options.ws_url, options.moderator.clone(), 1) {
        Ok(m) => m,
        Err(e) => {
            report.failures.push(format!("moderator: {e}"));
            return report;
        }
    };
    if let Err(e) = moderator.run_until("moderator joined", options.timeout, |s, _| {
        s.state() == SessionState::Joined
    }) {
        report.failures.push(format!("moderator: {e}"));
        return report;
    }
    let cpu_before = options.server_pid.and_then(proc_stats::cpu_seconds);

    let shared = Arc::new(Shared {
        stop: AtomicBool::new(false),
        joined: AtomicUsize::new(0),
        done: AtomicUsize::new(0),
        fanned_out: AtomicUsize::new(0),
        fanout: Mutex::new(None),
        frames: AtomicU64::new(0),
    });
    let handles: Vec<_> = (0..clients)
        .map(|i| {
            let shared = shared.clone();
            let options = options.clone();
            let delay = options.burst.mul_f64(i as f64 / clients.max(1) as f64);
            thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    thread::sleep(delay);
                    let result = run_client(i, &options, &shared);
                    shared.done.fetch_add(1, Ordering::SeqCst);
                    result
                })
                .expect("spawn a storm client")
        })
        .collect();

    // All joined (or failed), then the traffic settles (see `busy`): the presence flood is over.
    let deadline = Instant::now() + options.timeout;
    let mut progress_at = Instant::now() + PROGRESS_EVERY;
    while Instant::now() < deadline
        && shared.joined.load(Ordering::SeqCst) + shared.done.load(Ordering::SeqCst) < clients
    {
        let _ = moderator.pump(Duration::from_millis(20));
        if Instant::now() >= progress_at {
            progress_at += PROGRESS_EVERY;
            eprintln!(
                "storm: {:.0} s: {} joined, {} ended, of {clients}",
                started.elapsed().as_secs_f64(),
                shared.joined.load(Ordering::SeqCst),
                shared.done.load(Ordering::SeqCst)
            );
        }
    }
    // The old client's vCard requests go on long after the joins: wait them out (bounded), so that
    // its CPU figure is the whole cost and the fan-out is not stuck behind them.
    let quiet_deadline = Instant::now() + options.timeout * 5;
    while Instant::now() < quiet_deadline && busy(&shared, &mut moderator, clients) {}

    // The fan-out: one message from the moderator to everyone.
    let body = format!("fan-out {}", livechat_native::now_ms());
    *shared.fanout.lock().unwrap() = Some((Instant::now(), body.clone()));
    let _ = moderator.command(|s| s.send_message(&body));
    let fanout_deadline = Instant::now() + options.timeout.min(Duration::from_secs(30));
    // Every joined client has it (however long the server's backlog), then the traffic settles.
    while Instant::now() < fanout_deadline
        && shared.fanned_out.load(Ordering::SeqCst) < shared.joined.load(Ordering::SeqCst)
    {
        let _ = moderator.pump(Duration::from_millis(20));
    }
    while Instant::now() < fanout_deadline && busy(&shared, &mut moderator, clients) {}
    let cpu_after = options.server_pid.and_then(proc_stats::cpu_seconds);
    report.server_cpu_seconds = cpu_before.zip(cpu_after).map(|(a, b)| b - a);
    report.server_peak_rss_bytes = options.server_pid.and_then(proc_stats::peak_rss_bytes);

    shared.stop.store(true, Ordering::SeqCst);
    for handle in handles {
        match handle.join() {
            Ok(r) => {
                report.joined += usize::from(r.join_ms.is_some());
                report.join_ms.extend(r.join_ms);
                report.fanout_ms.extend(r.fanout_ms);
                add(&mut report.traffic, r.traffic);
                report.failures.extend(r.failure);
            }
            Err(_) => report.failures.push("a client thread panicked".into()),
        }
    }
    let _ = moderator.close();
    report.wall_seconds = started.elapsed().as_secs_f64();
    report
}

/// Pumps the moderator for a second and says whether the clients still receive more than one
/// frame each per ten seconds: a backlog (the old client's vCards) rather than the keep-alive
/// pings every viewer exchanges once in 45 s, which never stop in a long run of many clients.
fn busy(shared: &Shared, moderator: &mut NativeClient, clients: usize) -> bool {
    let before = shared.frames.load(Ordering::SeqCst);
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        let _ = moderator.pump(Duration::from_millis(20));
    }
    let per_second = shared.frames.load(Ordering::SeqCst) - before;
    per_second as f64 > clients as f64 / 10.0
}

fn add(total: &mut Traffic, t: Traffic) {
    total.frames_sent += t.frames_sent;
    total.bytes_sent += t.bytes_sent;
    total.frames_received += t.frames_received;
    total.bytes_received += t.bytes_received;
}

fn run_client(index: usize, options: &StormOptions, shared: &Shared) -> ClientResult {
    let mut result = ClientResult {
        join_ms: None,
        fanout_ms: None,
        traffic: Traffic::default(),
        failure: None,
    };
    let started = Instant::now();
    let config = options.profile.config(&options.anon_domain, &options.room);
    let mut client =
        match NativeClient::connect(&options.ws_url, config, 0x5eed_0000 + index as u64) {
            Ok(c) => c,
            Err(e) => {
                result.failure = Some(format!("client {index}: connect: {e}"));
                return result;
            }
        };
    let mut legacy = (options.profile == Profile::Legacy)
        .then(|| LegacyExtras::new(options.room.clone(), index));
    let mut last_frames = 0;
    let deadline = started + options.timeout * 8;
    while !shared.stop.load(Ordering::SeqCst) && Instant::now() < deadline {
        // A frame ends the wait at once; the interval only bounds how late a client sees `stop`.
        // (Short waits cost the generator a wake-up per client each time: at 2,000 clients it,
        // not the server, would be what is measured.)
        if let Err(e) = client.pump(CLIENT_POLL) {
            result.failure = Some(format!("client {index}: {e}"));
            break;
        }
        let traffic = client.traffic();
        if traffic.frames_received != last_frames {
            shared
                .frames
                .fetch_add(traffic.frames_received - last_frames, Ordering::SeqCst);
            last_frames = traffic.frames_received;
        }
        let events = client.take_events();
        if let Some(error) = events.iter().find_map(|e| match e {
            Event::Error(e) if !matches!(e, livechat_core::SessionError::MalformedFrame { .. }) => {
                Some(e.to_string())
            }
            _ => None,
        }) {
            result.failure = Some(format!("client {index}: {error}"));
            break;
        }
        if result.join_ms.is_none() && client.session().state() == SessionState::Joined {
            result.join_ms = Some(started.elapsed().as_secs_f64() * 1000.0);
            shared.joined.fetch_add(1, Ordering::SeqCst);
            if let Some(legacy) = &mut legacy {
                for frame in legacy.on_joined() {
                    let _ = client.send_raw(frame);
                }
            }
        }
        if let Some(legacy) = &mut legacy {
            if result.join_ms.is_some() && events.contains(&Event::OccupantsChanged) {
                let nicks: Vec<String> = client
                    .session()
                    .room()
                    .occupants()
                    .map(|o| o.nick.clone())
                    .collect();
                for frame in legacy.on_occupants(nicks.iter().map(String::as_str)) {
                    let _ = client.send_raw(frame);
                }
            }
        }
        if result.fanout_ms.is_none() && events.contains(&Event::LogChanged) {
            if let Some((sent_at, body)) = shared.fanout.lock().unwrap().clone() {
                if client
                    .session()
                    .room()
                    .log()
                    .messages()
                    .any(|m| m.body == body)
                {
                    result.fanout_ms = Some(sent_at.elapsed().as_secs_f64() * 1000.0);
                    shared.fanned_out.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
    }
    result.traffic = client.traffic();
    if result.join_ms.is_none() && result.failure.is_none() {
        result.failure = Some(format!("client {index}: not joined in time"));
    }
    let _ = client.close();
    result
}
