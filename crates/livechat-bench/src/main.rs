//! `livechat-bench storm --clients N [--profiles floor,lean,legacy] [--burst-ms MS] [--repeat R] [--large-audience]`
//!
//! Starts a fresh Prosody on 127.0.0.1 for every run, replays the join storm with each profile side
//! by side, and prints the figures and their ratios (medians over the repeats).

use std::process::ExitCode;
use std::time::Duration;

use livechat_backend::{Prosody, ProsodyOptions, Role, RoomOptions};
use livechat_bench::percentiles::median;
use livechat_bench::{run_storm, Profile, StormOptions, StormReport};
use livechat_core::{Config, Credentials};

const USAGE: &str = "usage: livechat-bench storm --clients N [--profiles floor,lean,legacy] [--burst-ms MS] [--repeat R] [--large-audience]";

struct Args {
    clients: usize,
    profiles: Vec<Profile>,
    burst: Duration,
    repeat: usize,
    large_audience: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        clients: 450,
        profiles: Profile::all().to_vec(),
        burst: Duration::from_secs(5),
        repeat: 1,
        large_audience: false,
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
    if parsed.clients == 0 || parsed.clients > livechat_bench::storm::MAX_CLIENTS {
        return Err(format!(
            "--clients must be 1..={}",
            livechat_bench::storm::MAX_CLIENTS
        ));
    }
    Ok(parsed)
}

/// One storm on a fresh Prosody: the room exists before the storm, owned by the moderator.
fn one_run(profile: Profile, args: &Args) -> Result<StormReport, String> {
    let prosody = Prosody::start(ProsodyOptions {
        // Thousands of viewers connect within seconds: a deep accept queue, as a real deployment has.
        extra_global_config: "network_settings = { tcp_backlog = 4096 }".into(),
        ..ProsodyOptions::default()
    })
    .map_err(|e| e.to_string())?;
    prosody
        .register("streamer", "streamerpass")
        .map_err(|e| e.to_string())?;
    let mut room_options = RoomOptions {
        owners: vec![prosody.user_jid("streamer")],
        ..RoomOptions::default()
    };
    if args.large_audience {
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
        large_audience: args.large_audience,
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
    println!(
        "storm: {} clients, burst {} ms, {} run(s) per profile, {} room, {} cores",
        args.clients,
        args.burst.as_millis(),
        args.repeat,
        if args.large_audience {
            "large-audience"
        } else {
            "default"
        },
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let mut cpu: Vec<(Profile, Vec<f64>)> = Vec::new();
    let mut failures = 0;
    // Profiles interleaved within each repeat, so a noisy moment hits all of them alike.
    for round in 0..args.repeat {
        for &profile in &args.profiles {
            match one_run(profile, &args) {
                Ok(report) => {
                    println!("[{}] {}", round + 1, report.summary());
                    for failure in report.failures.iter().take(5) {
                        println!("    {failure}");
                    }
                    failures += report.failures.len();
                    let entry = match cpu.iter_mut().find(|(p, _)| *p == profile) {
                        Some(e) => e,
                        None => {
                            cpu.push((profile, Vec::new()));
                            cpu.last_mut().unwrap()
                        }
                    };
                    entry.1.extend(report.server_cpu_seconds);
                }
                Err(e) => {
                    println!("[{}] {}: could not run: {e}", round + 1, profile.name());
                    failures += 1;
                }
            }
        }
    }
    let med = |p: Profile| {
        cpu.iter()
            .find(|(q, _)| *q == p)
            .and_then(|(_, v)| median(v))
    };
    for (profile, values) in &cpu {
        if let Some(m) = median(values) {
            println!(
                "median Prosody CPU, {}: {m:.2} s over {} run(s)",
                profile.name(),
                values.len()
            );
        }
    }
    if let (Some(legacy), Some(lean)) = (med(Profile::Legacy), med(Profile::Lean)) {
        println!("legacy/lean Prosody CPU: {:.2}", legacy / lean);
    }
    if let (Some(lean), Some(floor)) = (med(Profile::Lean), med(Profile::Floor)) {
        println!("lean/floor Prosody CPU: {:.2}", lean / floor);
    }
    println!("failures: {failures}");
    ExitCode::SUCCESS
}
