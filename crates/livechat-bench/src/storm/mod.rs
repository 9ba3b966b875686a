//! The join storm: N viewers join one room within a burst window, then one message fans out to
//! all of them. Bounded in clients and time; loopback only. One thread per viewer (`viewer`),
//! asleep in its socket's read between frames; what a run measured is a [`StormReport`]
//! (`report`).

mod report;
mod viewer;

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials, SessionState};
use livechat_native::NativeClient;

use crate::profile::Profile;
use crate::{proc_stats, socket_bytes};
pub use report::StormReport;
pub use viewer::is_inactive;

/// The most clients one run starts: a storm is a measurement, not an attack.
pub const MAX_CLIENTS: usize = 5_000;

/// How often the generator says how far the joins are.
const PROGRESS_EVERY: Duration = Duration::from_secs(10);

/// Where a viewer connects, and as whom.
#[derive(Clone, Debug)]
pub struct Endpoint {
    pub ws_url: String,
    pub login: Login,
}

#[derive(Clone, Debug)]
pub enum Login {
    /// Anonymously on this domain, as the plugin's viewers join.
    Anonymous { domain: String },
    /// Viewer `i` as the account `viewer{i}` of `domain`: users logged in on their own instance.
    Accounts { domain: String, password: String },
}

impl Login {
    /// What viewer `index` logs in with.
    pub fn credentials(&self, index: usize) -> Result<Credentials, String> {
        Ok(match self {
            Login::Anonymous { domain } => Credentials::Anonymous {
                domain: domain.clone(),
            },
            Login::Accounts { domain, password } => Credentials::Plain {
                jid: format!("{}@{domain}", account_name(index))
                    .parse()
                    .map_err(|e| format!("viewer {index}'s account: {e}"))?,
                password: password.clone(),
            },
        })
    }
}

/// The account of viewer `index` where viewers log in ([`Login::Accounts`]): this and the index.
pub const ACCOUNT_PREFIX: &str = "viewer";

fn account_name(index: usize) -> String {
    format!("{ACCOUNT_PREFIX}{index}")
}

#[derive(Clone, Debug)]
pub struct StormOptions {
    /// Viewer `i` connects to `endpoints[i % len]` (the nodes of a cluster, or two instances, in
    /// turn); the moderator to the first.
    pub endpoints: Vec<Endpoint>,
    pub room: BareJid,
    pub clients: usize,
    /// Joins are spread evenly over this window.
    pub burst: Duration,
    pub profile: Profile,
    /// Who sends the fan-out message (the room's owner).
    pub moderator: Config,
    /// The server's processes, for their CPU time and memory.
    pub server_pids: Vec<u32>,
    /// The ports of the server's WebSocket endpoints, for the bytes it sent on its clients' sockets.
    pub server_ports: Vec<u16>,
    /// Share of the viewers, in percent, that say they are inactive (XEP-0352) once joined.
    pub inactive_percent: u8,
    /// Longest wait for all joins, then for the traffic to settle, then for the fan-out.
    pub timeout: Duration,
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
    /// The old client's vCard requests sent so far, and the answers received.
    vcard_requests: AtomicU64,
    vcard_answers: AtomicU64,
}

pub fn run_storm(options: &StormOptions) -> StormReport {
    let clients = options.clients.min(MAX_CLIENTS);
    let started = Instant::now();
    let mut report = StormReport {
        profile: options.profile.name().into(),
        clients,
        ..StormReport::default()
    };
    let mut moderator =
        match NativeClient::connect(&options.endpoints[0].ws_url, options.moderator.clone(), 1) {
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
    let server_cpu = || -> Vec<Option<f64>> {
        options
            .server_pids
            .iter()
            .map(|&p| proc_stats::cpu_seconds(p))
            .collect()
    };
    let generator_cpu = || proc_stats::cpu_seconds(std::process::id());
    let (server_cpu_before, generator_cpu_before) = (server_cpu(), generator_cpu());

    let shared = Arc::new(Shared {
        stop: AtomicBool::new(false),
        joined: AtomicUsize::new(0),
        done: AtomicUsize::new(0),
        fanned_out: AtomicUsize::new(0),
        fanout: Mutex::new(None),
        frames: AtomicU64::new(0),
        vcard_requests: AtomicU64::new(0),
        vcard_answers: AtomicU64::new(0),
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
                    let result = viewer::run(i, &options, &shared);
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
    // its CPU and bytes are the whole cost and the fan-out is not stuck behind them. Every request
    // answered, not only a lull in the traffic: Prosody's backlog has lulls of a second or more.
    let quiet_deadline = Instant::now() + options.timeout * 5;
    while Instant::now() < quiet_deadline
        && (busy(&shared, &mut moderator, clients) || vcards_pending(&shared))
    {}

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
    report.server_cpu_each = server_cpu_before
        .into_iter()
        .zip(server_cpu())
        .map(|(before, after)| before.zip(after).map(|(before, after)| after - before))
        .collect();
    report.server_cpu_seconds = sum(report.server_cpu_each.iter().copied());
    report.generator_cpu_seconds = generator_cpu_before
        .zip(generator_cpu())
        .map(|(before, after)| after - before);
    report.server_peak_rss_bytes = sum(options
        .server_pids
        .iter()
        .map(|&p| proc_stats::peak_rss_bytes(p)));
    // Before anyone leaves: only open connections are counted.
    report.server_sent_bytes = socket_bytes::sent_from_ports(&options.server_ports);
    if options.profile == Profile::Legacy {
        eprintln!(
            "storm: {} vCard requests, {} answered when the bytes were counted",
            shared.vcard_requests.load(Ordering::SeqCst),
            shared.vcard_answers.load(Ordering::SeqCst)
        );
    }

    // The end: a last message wakes every viewer asleep in its socket's read.
    shared.stop.store(true, Ordering::SeqCst);
    let _ = moderator.command(|s| s.send_message("The storm is over."));
    for handle in handles {
        match handle.join() {
            Ok(r) => {
                report.joined += usize::from(r.join_ms.is_some());
                report.join_ms.extend(r.join_ms);
                report.fanout_ms.extend(r.fanout_ms);
                report::add(&mut report.traffic, r.traffic);
                if r.inactive {
                    report.inactive += 1;
                    report.told_inactive += usize::from(r.told_inactive);
                    report::add(&mut report.inactive_traffic, r.traffic);
                } else {
                    report.active_fanout_ms.extend(r.fanout_ms);
                }
                report.failures.extend(r.failure);
            }
            Err(_) => report.failures.push("a client thread panicked".into()),
        }
    }
    let _ = moderator.close();
    report.wall_seconds = started.elapsed().as_secs_f64();
    report
}

/// The sum of figures read from each of the server's processes; `None` if one is missing.
fn sum<T: std::iter::Sum<T>>(values: impl Iterator<Item = Option<T>>) -> Option<T> {
    values.sum()
}

/// Whether some of the old client's vCard requests are still unanswered.
fn vcards_pending(shared: &Shared) -> bool {
    shared.vcard_answers.load(Ordering::SeqCst) < shared.vcard_requests.load(Ordering::SeqCst)
}

/// Pumps the moderator for a second and says whether the clients still receive more than one
/// frame each per ten seconds: a backlog (the old client's vCards) rather than the keep-alive
/// pings every viewer exchanges once in 20 or 25 s, which never stop in a long run of many clients.
fn busy(shared: &Shared, moderator: &mut NativeClient, clients: usize) -> bool {
    let before = shared.frames.load(Ordering::SeqCst);
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        let _ = moderator.pump(Duration::from_millis(20));
    }
    let per_second = shared.frames.load(Ordering::SeqCst) - before;
    per_second as f64 > clients as f64 / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewers_log_in_anonymously_or_with_an_account_of_their_own() {
        let anonymous = Login::Anonymous {
            domain: "anon.localhost".into(),
        };
        assert!(matches!(
            anonymous.credentials(7),
            Ok(Credentials::Anonymous { domain }) if domain == "anon.localhost"
        ));
        let accounts = Login::Accounts {
            domain: "b.localhost".into(),
            password: "pw".into(),
        };
        match accounts.credentials(7) {
            Ok(Credentials::Plain { jid, password }) => {
                assert_eq!(jid.as_str(), "viewer7@b.localhost");
                assert_eq!(password, "pw");
            }
            other => panic!("{other:?}"),
        }
        let bad = Login::Accounts {
            domain: "b localhost".into(),
            password: "pw".into(),
        };
        assert!(bad.credentials(1).unwrap_err().contains("viewer 1"));
    }
}
