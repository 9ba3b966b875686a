//! `livechat-bench storm --clients N [--profiles floor,lean,legacy] [--burst-ms MS] [--repeat R]
//! [--large-audience [--reference]]`
//!
//! Starts a fresh Prosody on 127.0.0.1 for every run, replays the join storm with each profile side
//! by side, and prints the figures and their ratios (medians over the repeats) as Markdown tables,
//! which `cargo xtask bench storm` keeps in docs/results/storm.md. It exits with a failure when a
//! run could not run at all (no figures for it); clients that failed are counted in the figures.
//!
//! `--large-audience` runs the profiles in the large-audience mode ([`Mode::LargeAudience`]);
//! `--reference` adds, in the same run, a bare join in the default mode and one with the room
//! settings alone, and prints the ratios to the default mode's floor.

use std::process::ExitCode;
use std::time::Duration;

use livechat_backend::{Prosody, ProsodyOptions, Role, RoomOptions};
use livechat_bench::markdown;
use livechat_bench::percentiles::median;
use livechat_bench::{run_storm, Profile, StormOptions, StormReport};
use livechat_core::{Config, Credentials};

const USAGE: &str = "usage: livechat-bench storm --clients N [--profiles floor,lean,legacy] [--burst-ms MS] [--repeat R] [--large-audience [--reference]]";

/// The room's and the server's set-up for one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// The livechat plugin's room and server configuration.
    Default,
    /// The room settings of the large-audience mode on the plugin's server configuration:
    /// presences of moderators and participants only, anonymous viewers join as visitors.
    LargeAudienceRoom,
    /// Those room settings and the server settings that go with them: Lua 5.4's generational
    /// garbage collector (the incremental one spent most of Prosody's time on short-lived login
    /// and stanza objects), no joins and leaves in the room archive, and an anonymous host without
    /// the modules viewers never use (PEP, vCards, stream management, version, uptime).
    LargeAudience,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Default => "default",
            Mode::LargeAudienceRoom => "large-audience room settings only (plugin server)",
            Mode::LargeAudience => "large-audience",
        }
    }

    fn room_settings(self) -> bool {
        self != Mode::Default
    }
}

struct Args {
    clients: usize,
    profiles: Vec<Profile>,
    burst: Duration,
    repeat: usize,
    large_audience: bool,
    reference: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        clients: 450,
        profiles: Profile::all().to_vec(),
        burst: Duration::from_secs(5),
        repeat: 1,
        large_audience: false,
        reference: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--clients" => {
                parsed.clients = value()?.parse().map_err(|e| format!("--clients: {e}"))?
            }
            "--burst-ms" => {
                parsed.burst =
                    Duration::from_millis(value()?.parse().map_err(|e| format!("--burst-ms: {e}"))?)
            }
            "--repeat" => {
                parsed.repeat = value()?
                    .parse::<usize>()
                    .map_err(|e| format!("--repeat: {e}"))?
                    .max(1)
            }
            "--large-audience" => parsed.large_audience = true,
            "--reference" => parsed.reference = true,
            "--profiles" => {
                parsed.profiles = value()?
                    .split(',')
                    .map(|p| match p {
                        "floor" => Ok(Profile::Floor),
                        "lean" => Ok(Profile::Lean),
                        "legacy" => Ok(Profile::Legacy),
                        other => Err(format!("unknown profile {other}")),
                    })
                    .collect::<Result<_, _>>()?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if parsed.reference && !parsed.large_audience {
        return Err("--reference goes with --large-audience".into());
    }
    if parsed.clients == 0 || parsed.clients > livechat_bench::storm::MAX_CLIENTS {
        return Err(format!(
            "--clients must be 1..={}",
            livechat_bench::storm::MAX_CLIENTS
        ));
    }
    Ok(parsed)
}

/// One storm on a fresh Prosody: the room exists before the storm, owned by the moderator.
fn one_run(profile: Profile, mode: Mode, args: &Args) -> Result<StormReport, String> {
    // Thousands of viewers connect within seconds: a deep accept queue, as a real deployment has.
    let mut server = ProsodyOptions {
        extra_global_config: "network_settings = { tcp_backlog = 4096 }\n".into(),
        ..ProsodyOptions::default()
    };
    if mode == Mode::LargeAudience {
        server
            .extra_global_config
            .push_str("gc = { mode = \"generational\" }\n");
        server.log_presences = false;
        server.anonymous_modules_disabled.extend(
            [
                "pep",
                "vcard4",
                "vcard_legacy",
                "smacks",
                "version",
                "uptime",
            ]
            .map(String::from),
        );
    }
    let prosody = Prosody::start(server).map_err(|e| e.to_string())?;
    prosody
        .register("streamer", "streamerpass")
        .map_err(|e| e.to_string())?;
    let mut room_options = RoomOptions {
        owners: vec![prosody.user_jid("streamer")],
        ..RoomOptions::default()
    };
    if mode.room_settings() {
        // Presences of moderators and participants only; anonymous viewers join as visitors.
        room_options.presence_broadcast = Some(vec![Role::Moderator, Role::Participant]);
        room_options.extra_lua = Some("room:set_moderated(true)".into());
    }
    let room = prosody
        .create_room("storm", &room_options)
        .map_err(|e| e.to_string())?;
    let room = room.parse().map_err(|e| format!("{e}"))?;
    let mut moderator = Config::new(
        Credentials::Plain {
            jid: prosody
                .user_jid("streamer")
                .parse()
                .map_err(|e| format!("{e}"))?,
            password: "streamerpass".into(),
        },
        room,
    );
    moderator.nickname = Some("Streamer".into());
    let options = StormOptions {
        ws_url: prosody.ws_url(),
        anon_domain: prosody.anon_domain().into(),
        room: moderator.room.clone(),
        clients: args.clients,
        burst: args.burst,
        profile,
        moderator,
        server_pid: Some(prosody.pid()),
        timeout: Duration::from_secs(120),
        large_audience: mode.room_settings(),
    };
    let report = run_storm(&options);
    drop(prosody);
    Ok(report)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) != Some("storm") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let args = match parse(&argv[1..]) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mode = if args.large_audience {
        Mode::LargeAudience
    } else {
        Mode::Default
    };
    println!("# Join storm\n");
    println!(
        "{} clients joining within {} ms, {} run(s) per profile, {} mode, {} cores.\n",
        args.clients,
        args.burst.as_millis(),
        args.repeat,
        mode.name(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    // Every (profile, mode) measured, the references first.
    let mut runs: Vec<(Profile, Mode)> = Vec::new();
    if args.reference {
        runs.push((Profile::Floor, Mode::Default));
        runs.push((Profile::Floor, Mode::LargeAudienceRoom));
    }
    runs.extend(args.profiles.iter().map(|&p| (p, mode)));
    let mut cpu: Vec<((Profile, Mode), Vec<f64>)> = Vec::new();
    let mut failures = 0;
    // The first failures of each run, listed under the table so that its rows stay together.
    let mut failure_notes = Vec::new();
    let mut could_not_run = false;
    println!("{}", StormReport::table_head(&["run", "mode"]));
    // Runs interleaved within each repeat, so a noisy moment hits all of them alike.
    for round in 0..args.repeat {
        for &(profile, mode) in &runs {
            let label = format!("[{}] {}, {} mode", round + 1, profile.name(), mode.name());
            match one_run(profile, mode, &args) {
                Ok(report) => {
                    let round = (round + 1).to_string();
                    println!("{}", report.table_row(&[&round, mode.name()]));
                    for failure in report.failures.iter().take(5) {
                        failure_notes.push(format!("{label}: {failure}"));
                    }
                    failures += report.failures.len();
                    let entry = match cpu.iter_mut().find(|(k, _)| *k == (profile, mode)) {
                        Some(e) => e,
                        None => {
                            cpu.push(((profile, mode), Vec::new()));
                            cpu.last_mut().unwrap()
                        }
                    };
                    entry.1.extend(report.server_cpu_seconds);
                }
                Err(e) => {
                    failure_notes.push(format!("{label}: could not run: {e}"));
                    failures += 1;
                    could_not_run = true;
                }
            }
        }
    }
    if !failure_notes.is_empty() {
        println!("\nFirst failures of each run:\n");
        for note in &failure_notes {
            println!("- {}", note.replace('\n', " "));
        }
    }
    let med = |p: Profile, m: Mode| {
        cpu.iter()
            .find(|(k, _)| *k == (p, m))
            .and_then(|(_, v)| median(v))
    };
    println!("\n### Prosody CPU, median over the runs\n");
    println!(
        "{}",
        markdown::header(&["profile", "mode", "Prosody CPU", "runs"])
    );
    for ((profile, mode), values) in &cpu {
        if let Some(m) = median(values) {
            let (cpu, runs) = (format!("{m:.2} s"), values.len().to_string());
            println!(
                "{}",
                markdown::row([profile.name(), mode.name(), &cpu, &runs])
            );
        }
    }
    let mut ratios = Vec::new();
    if let (Some(legacy), Some(lean)) = (med(Profile::Legacy, mode), med(Profile::Lean, mode)) {
        ratios.push(("legacy/lean".to_owned(), legacy / lean));
    }
    if let (Some(lean), Some(floor)) = (med(Profile::Lean, mode), med(Profile::Floor, mode)) {
        ratios.push(("lean/floor".to_owned(), lean / floor));
    }
    if let Some(default_floor) = med(Profile::Floor, Mode::Default).filter(|_| args.reference) {
        for (profile, mode) in runs.iter().filter(|(_, m)| *m != Mode::Default) {
            if let Some(v) = med(*profile, *mode) {
                let name = format!(
                    "{} ({} mode) / floor (default mode)",
                    profile.name(),
                    mode.name()
                );
                ratios.push((name, v / default_floor));
            }
        }
    }
    if !ratios.is_empty() {
        println!(
            "\n{}",
            markdown::header(&["ratio of medians", "Prosody CPU"])
        );
        for (name, ratio) in &ratios {
            println!("{}", markdown::row([name.as_str(), &format!("{ratio:.2}")]));
        }
    }
    println!("\nFailures: {failures}.");
    // The figures the README quotes (`cargo xtask bench` copies this table there).
    println!("\n## Headline\n");
    println!("{}", markdown::header(&["figure", "value"]));
    let context = format!(
        "{} clients, {} mode, median of {}",
        args.clients,
        mode.name(),
        args.repeat
    );
    for (name, ratio) in &ratios {
        let figure = format!("Prosody CPU, {name} ({context})");
        println!("{}", markdown::row([figure.as_str(), &format!("{ratio:.2}")]));
    }
    if could_not_run {
        // A profile without figures: the run is incomplete, and must not stand as a result.
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
