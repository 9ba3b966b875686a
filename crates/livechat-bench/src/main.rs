//! `livechat-bench storm --clients N [--profiles floor,lean,legacy] [--server LIST]
//! [--archive LIST] [--vcards] [--inactive LIST] [--repeat R] [--large-audience [--reference]] …`
//! (`--help` lists every option).
//!
//! Starts a fresh server on 127.0.0.1 for every run (Prosody configured like the plugin's,
//! ejabberd, or two ejabberd nodes in a cluster), seeds the room's archive when asked, replays
//! the join storm with each profile side by side, and prints the figures of every run, then their
//! medians with the spread and the ratios, as Markdown tables, which `cargo xtask bench storm`
//! keeps in docs/results/storm.md (storm-NAME.md with its `--name NAME`). It exits with a failure when a run could not run at all (no
//! figures for it); clients that failed are counted in the figures.

use std::process::ExitCode;

use livechat_bench::command::args::{self, Args, Request, HELP, USAGE};
use livechat_bench::command::setup::Setup;
use livechat_bench::command::summary::{self, Kind};
use livechat_bench::command::{archive, servers};
use livechat_bench::{limits, run_storm, Profile, StormOptions, StormReport};

/// File descriptors besides the viewers' sockets: the server's files, pipes, the bench's own.
const SPARE_FILES: u64 = 1024;

/// One storm on a fresh server: the room exists (or is created by the moderator's join) and
/// holds its archive before the first viewer comes.
fn one_run(setup: &Setup, profile: Profile, args: &Args) -> Result<(StormReport, String), String> {
    let server = servers::start(setup, args.vcards, args.clients)?;
    let mut notes = String::new();
    if setup.archive > 0 {
        let took = archive::seed(
            &server.endpoints[0].ws_url,
            server.moderator.clone(),
            setup.archive,
            args.timeout,
        )?;
        notes = format!(
            "{} messages archived in {:.1} s",
            setup.archive,
            took.as_secs_f64()
        );
    }
    let files: Vec<String> = server
        .pids
        .iter()
        .filter_map(|&pid| limits::open_files_of(pid))
        .map(|n| n.to_string())
        .collect();
    notes.push_str(&format!(
        "{}server's open-files limit {}",
        if notes.is_empty() { "" } else { "; " },
        files.join(" and ")
    ));
    let options = StormOptions {
        endpoints: server.endpoints.clone(),
        room: server.moderator.room.clone(),
        clients: args.clients,
        burst: args.burst,
        profile,
        moderator: server.moderator.clone(),
        server_pids: server.pids.clone(),
        server_ports: server.ws_ports.clone(),
        inactive_percent: setup.inactive_percent,
        timeout: args.timeout,
    };
    let report = run_storm(&options);
    if report.server_cpu_each.len() > 1 {
        let each: Vec<String> = report
            .server_cpu_each
            .iter()
            .map(|cpu| cpu.map_or_else(|| "-".into(), |s| format!("{s:.2} s")))
            .collect();
        notes.push_str(&format!("; server CPU by process: {}", each.join(", ")));
    }
    if report.inactive > 0 {
        notes.push_str(&format!(
            "; {} of {} inactive viewers told the server so (XEP-0352)",
            report.told_inactive, report.inactive
        ));
    }
    drop(server);
    Ok((report, notes))
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) != Some("storm") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let args = match args::parse(&argv[1..]) {
        Ok(Request::Storm(a)) => a,
        Ok(Request::Help) => {
            println!("{HELP}\n\n{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let open_files = match limits::raise_open_files(args.clients as u64 + SPARE_FILES) {
        Ok(n) => n.to_string(),
        Err(e) => format!("not raised ({e})"),
    };
    println!("# Join storm\n");
    println!(
        "{} clients joining within {} ms, {} run(s) of each kind, {} mode{}, {} cores; open-files \
         limit {open_files} (the servers inherit it).\n",
        args.clients,
        args.burst.as_millis(),
        args.repeat,
        args.mode().name(),
        if args.vcards {
            ", anonymous viewers' vCards with a photo (Prosody)"
        } else {
            ""
        },
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let runs = args.runs();
    let mut kinds: Vec<Kind> = Vec::new();
    let mut failures = 0;
    // The first failures of each run, listed under the table so that its rows stay together.
    let mut notes = Vec::new();
    let mut could_not_run = false;
    println!("{}", StormReport::table_head(&["run", "setup"]));
    // Runs interleaved within each repeat, so a noisy moment hits all of them alike.
    for round in 1..=args.repeat {
        for (setup, profile) in &runs {
            let label = format!("[{round}] {}, {}", profile.name(), setup.label());
            match one_run(setup, *profile, &args) {
                Ok((report, note)) => {
                    println!(
                        "{}",
                        report.table_row(&[&round.to_string(), &setup.label()])
                    );
                    notes.push(format!("{label}: {note}"));
                    for failure in report.failures.iter().take(5) {
                        notes.push(format!("{label}: {failure}"));
                    }
                    failures += report.failures.len();
                    match kinds
                        .iter_mut()
                        .find(|k| k.setup == *setup && k.profile == *profile)
                    {
                        Some(kind) => kind.reports.push(report),
                        None => kinds.push(Kind {
                            setup: *setup,
                            profile: *profile,
                            reports: vec![report],
                        }),
                    }
                }
                Err(e) => {
                    notes.push(format!("{label}: could not run: {e}"));
                    failures += 1;
                    could_not_run = true;
                }
            }
        }
    }
    println!("\nServer CPU: {}.", cpu_sources(&runs));
    println!(
        "Server sent: the bytes its side of the viewers' and the moderator's sockets sent (TCP \
         payload: WebSocket frames and HTTP upgrades; the kernel's tcp_info, read with `ss` before \
         anyone leaves); recv KB: the WebSocket payload the viewers received.\n"
    );
    println!("Notes and first failures of each run:\n");
    for note in &notes {
        println!("- {}", note.replace('\n', " "));
    }
    summary::print(&kinds, args.clients);
    println!("\nFailures: {failures}.");
    if could_not_run {
        // A run without figures: the run is incomplete, and must not stand as a result.
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Where each server's CPU time comes from, for the servers that ran.
fn cpu_sources(runs: &[(Setup, Profile)]) -> String {
    let mut servers = Vec::new();
    for (setup, _) in runs {
        if !servers.contains(&setup.server) {
            servers.push(setup.server);
        }
    }
    servers
        .iter()
        .map(|s| format!("{}: {}", s.name(), s.cpu_source()))
        .collect::<Vec<_>>()
        .join("; ")
}
