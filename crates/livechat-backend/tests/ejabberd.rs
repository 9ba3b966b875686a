//! Starts the real ejabberd and talks to it over its WebSocket endpoint.

use std::fs;
use std::time::{Duration, Instant};

use livechat_backend::{Ejabberd, EjabberdOptions, ANON_DOMAIN, USER_DOMAIN};

#[allow(dead_code)] // the federation test's helpers
mod common;
use common::Xmpp;

/// `/proc/PID/stat` after the command name: state, ppid, pgrp, …
fn stat(pid: u32) -> Option<Vec<String>> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &text[text.rfind(')')? + 2..];
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

/// Running, not a zombie waiting to be reaped.
fn alive(pid: u32) -> bool {
    stat(pid).is_some_and(|f| f[0] != "Z")
}

fn all_pids() -> Vec<u32> {
    fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

fn comm(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// Live processes of a process group.
fn group_members(group: u32) -> Vec<u32> {
    all_pids()
        .into_iter()
        .filter(|p| stat(*p).is_some_and(|f| f[0] != "Z" && f[2] == group.to_string()))
        .collect()
}

/// Live descendants of `pid`.
fn descendants(pid: u32) -> Vec<u32> {
    let all: Vec<(u32, u32)> = all_pids()
        .into_iter()
        .filter_map(|p| {
            let f = stat(p)?;
            (f[0] != "Z").then(|| (p, f[1].parse().unwrap_or(0)))
        })
        .collect();
    let mut out = Vec::new();
    let mut todo = vec![pid];
    while let Some(parent) = todo.pop() {
        for (p, pp) in &all {
            if *pp == parent {
                out.push(*p);
                todo.push(*p);
            }
        }
    }
    out
}

/// Everything the server is made of: its process group and the VM's helpers in other sessions.
fn server_processes(ejabberd: &Ejabberd) -> Vec<u32> {
    let mut pids = group_members(ejabberd.process_group());
    pids.extend(descendants(ejabberd.pid()));
    pids.sort_unstable();
    pids.dedup();
    pids
}

/// Processes die a moment after their parent noticed: allow a short grace.
fn assert_all_gone(pids: &[u32], what: &str) {
    let deadline = Instant::now() + Duration::from_secs(3);
    while pids.iter().any(|p| alive(*p)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let left: Vec<String> = pids
        .iter()
        .filter(|p| alive(**p))
        .map(|p| format!("{p} {}", comm(*p)))
        .collect();
    assert!(left.is_empty(), "{what}: still running: {left:?}");
}

/// Loopback listening sockets (`/proc/net/tcp`, state 0A) on this port.
fn listens_on_loopback(port: u16) -> bool {
    let table = fs::read_to_string("/proc/net/tcp").unwrap();
    table.lines().any(|l| {
        l.contains(&format!(" 0100007F:{port:04X} ")) && l.split_whitespace().nth(3) == Some("0A")
    })
}

fn listens_anywhere_else(port: u16) -> bool {
    let v4 = fs::read_to_string("/proc/net/tcp").unwrap();
    let v6 = fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    v4.lines().chain(v6.lines()).any(|l| {
        let local = l.split_whitespace().nth(1).unwrap_or("");
        local.ends_with(&format!(":{port:04X}"))
            && !local.starts_with("0100007F:")
            && l.split_whitespace().nth(3) == Some("0A")
    })
}

#[test]
fn starts_answers_registers_and_stops_without_leftovers() {
    let started = Instant::now();
    let ejabberd = Ejabberd::start(EjabberdOptions::default()).unwrap();
    eprintln!("ejabberd up in {:?}", started.elapsed());
    assert!(ejabberd.ws_url().starts_with("ws://127.0.0.1:"));
    assert!(ejabberd.ws_url().ends_with("/xmpp-websocket"));
    let run_dir = ejabberd.run_dir().to_owned();
    assert!(run_dir.is_absolute());
    assert!(run_dir.starts_with(livechat_backend::target_dir().join("ejabberd")));
    let config = fs::read_to_string(ejabberd.config_path()).unwrap();
    assert!(config.contains(&format!("port: {}", ejabberd.http_port())));
    let ctl_config = fs::read_to_string(run_dir.join("ejabberdctl.cfg")).unwrap();
    assert!(ctl_config.contains(&format!("ERL_DIST_PORT={}", ejabberd.dist_port())));
    assert!(ctl_config.contains(&format!(
        "EJABBERD_PID_PATH={}/run/ejabberd.pid",
        run_dir.display()
    )));
    assert!(run_dir.join("inetrc").is_file());

    // The pid is the Erlang VM's, for CPU measurements; both ports on loopback only; no epmd.
    assert_eq!(comm(ejabberd.pid()), "beam.smp");
    for port in [ejabberd.http_port(), ejabberd.dist_port()] {
        assert!(listens_on_loopback(port), "port {port}");
        assert!(!listens_anywhere_else(port), "port {port}");
    }
    let processes = server_processes(&ejabberd);
    assert!(
        processes.iter().all(|p| comm(*p) != "epmd"),
        "{:?}",
        processes.iter().map(|p| comm(*p)).collect::<Vec<_>>()
    );
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        use std::os::unix::fs::MetadataExt;
        let owner = fs::metadata(run_dir.join("spool")).unwrap().uid();
        assert_ne!(owner, 0, "the spool belongs to the ejabberd user");
        for sub in ["logs", "run", "spool/.erlang.cookie"] {
            assert_eq!(
                fs::metadata(run_dir.join(sub)).unwrap().uid(),
                owner,
                "{sub}"
            );
        }
        let beam_uid = fs::read_to_string(format!("/proc/{}/status", ejabberd.pid()))
            .unwrap()
            .lines()
            .find(|l| l.starts_with("Uid:"))
            .map(|l| l.split_whitespace().nth(1).unwrap().parse::<u32>().unwrap())
            .unwrap();
        assert_eq!(beam_uid, owner, "the server does not run as root");
    }

    // Anonymous viewers: SASL ANONYMOUS on anon.localhost.
    let mut xmpp = Xmpp::connect(&ejabberd.ws_url(), ejabberd.http_port());
    let features = xmpp.open(ANON_DOMAIN);
    assert!(
        features.contains("<mechanism>ANONYMOUS</mechanism>"),
        "{features}"
    );
    xmpp.send("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
    assert!(xmpp.recv().starts_with("<close"));

    // Registered users: a wrong password is refused, the registered one accepted.
    let registered = Instant::now();
    ejabberd.register("alice", "wonder land").unwrap();
    eprintln!("registered in {:?}", registered.elapsed());
    let mut xmpp = Xmpp::connect(&ejabberd.ws_url(), ejabberd.http_port());
    let features = xmpp.open(USER_DOMAIN);
    assert!(
        features.contains("<mechanism>PLAIN</mechanism>"),
        "{features}"
    );
    assert!(!features.contains("ANONYMOUS"), "{features}");
    assert!(xmpp.auth_plain("alice", "wrong").contains("<failure"));
    let mut xmpp = Xmpp::connect(&ejabberd.ws_url(), ejabberd.http_port());
    xmpp.open(USER_DOMAIN);
    let verdict = xmpp.auth_plain("alice", "wonder land");
    assert!(verdict.contains("<success"), "{verdict}");
    let features = xmpp.open(USER_DOMAIN);
    assert!(
        features.contains("urn:ietf:params:xml:ns:xmpp-bind"),
        "{features}"
    );
    assert!(
        features.contains("urn:xmpp:sm:3"),
        "stream management is enabled: {features}"
    );

    // Registering again changes the password, as with Prosody.
    ejabberd.register("alice", "second").unwrap();
    let mut xmpp = Xmpp::connect(&ejabberd.ws_url(), ejabberd.http_port());
    xmpp.open(USER_DOMAIN);
    assert!(xmpp.auth_plain("alice", "second").contains("<success"));
    let users = ejabberd.ctl(&["registered_users", "localhost"]).unwrap();
    assert_eq!(users.trim(), "alice");
    // mod_muc_admin: rooms can be made without a client.
    ejabberd
        .ctl(&["create_room", "demo", "room.localhost", "localhost"])
        .unwrap();
    let rooms = ejabberd.ctl(&["muc_online_rooms", "global"]).unwrap();
    assert_eq!(rooms.trim(), "demo@room.localhost");
    let err = ejabberd.ctl(&["no_such_command"]).unwrap_err();
    assert!(err.to_string().contains("no_such_command"), "{err}");

    // Stop: SIGTERM is enough, and nothing is left.
    let pid = ejabberd.pid();
    let stopping = Instant::now();
    let status = ejabberd.stop().unwrap();
    eprintln!("stopped in {:?}", stopping.elapsed());
    assert!(status.success(), "{status}");
    assert!(
        stopping.elapsed() < Duration::from_secs(4),
        "{:?}",
        stopping.elapsed()
    );
    assert!(!alive(pid));
    assert_all_gone(&processes, "after stop");
    assert!(!run_dir.exists(), "the run directory is removed");
}

#[test]
fn a_panic_stops_ejabberd_and_keeps_its_logs() {
    let (tx, rx) = std::sync::mpsc::channel();
    let result = std::thread::spawn(move || {
        let ejabberd = Ejabberd::start(EjabberdOptions::default()).unwrap();
        tx.send((
            ejabberd.pid(),
            server_processes(&ejabberd),
            ejabberd.run_dir().to_owned(),
        ))
        .unwrap();
        panic!("a failing test");
    })
    .join();
    assert!(result.is_err());
    let (pid, processes, run_dir) = rx.recv().unwrap();
    assert!(processes.contains(&pid));
    assert!(
        processes.len() >= 2,
        "the shell and the VM at least: {processes:?}"
    );
    assert!(!alive(pid), "beam {pid} survived a panic");
    assert_all_gone(&processes, "after a panic");
    assert!(
        run_dir.join("logs/ejabberd.log").is_file(),
        "a panic keeps the logs"
    );
    let log = fs::read_to_string(run_dir.join("logs/ejabberd.log")).unwrap();
    assert!(log.contains("is stopped"), "a clean shutdown: {log}");
    fs::remove_dir_all(run_dir).unwrap();
}

#[test]
fn a_busy_fixed_port_is_reported_with_the_log() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    // A failed start keeps its run directory for inspection: give it one to remove afterwards.
    let base_dir = livechat_backend::target_dir()
        .join("ejabberd")
        .join(format!("busy-port-{}", std::process::id()));
    let started = Instant::now();
    let err = Ejabberd::start(EjabberdOptions {
        http_port: Some(port),
        base_dir: base_dir.clone(),
        ..Default::default()
    })
    .unwrap_err();
    eprintln!("refused in {:?}: {err}", started.elapsed());
    let message = err.to_string();
    assert!(message.contains("eaddrinuse"), "{message}");
    assert!(message.contains(&port.to_string()), "{message}");
    // Nothing of it is left running.
    let run_dir = fs::read_dir(&base_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let cmdline_mentions = |pid: u32| {
        fs::read(format!("/proc/{pid}/cmdline"))
            .map(|c| String::from_utf8_lossy(&c).contains(run_dir.to_str().unwrap()))
            .unwrap_or(false)
    };
    assert!(!all_pids()
        .into_iter()
        .any(|p| alive(p) && cmdline_mentions(p)));
    fs::remove_dir_all(base_dir).unwrap();
}

/// Run by `a_killed_owner_takes_ejabberd_along` in a child process (a no-op otherwise): starts
/// ejabberd, says where it is, and waits to be killed.
#[test]
fn killed_owner_helper() {
    let Some(report) = std::env::var_os("LIVECHAT_EJABBERD_OWNER_REPORT") else {
        return;
    };
    let ejabberd = Ejabberd::start(EjabberdOptions::default()).unwrap();
    let line = format!(
        "{} {} {}",
        ejabberd.pid(),
        ejabberd.process_group(),
        ejabberd.run_dir().display()
    );
    fs::write(report, line).unwrap();
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn a_killed_owner_takes_ejabberd_along() {
    // A process killed outright runs no destructor: the watchdog must stop the server.
    let report = std::env::temp_dir().join(format!("livechat-owner-{}", std::process::id()));
    let _ = fs::remove_file(&report);
    let mut owner = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "killed_owner_helper",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("LIVECHAT_EJABBERD_OWNER_REPORT", &report)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let line = loop {
        if let Ok(line) = fs::read_to_string(&report) {
            if !line.is_empty() {
                break line;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the owner did not start ejabberd"
        );
        assert!(owner.try_wait().unwrap().is_none(), "the owner died early");
        std::thread::sleep(Duration::from_millis(20));
    };
    fs::remove_file(&report).unwrap();
    let mut fields = line.split(' ');
    let pid: u32 = fields.next().unwrap().parse().unwrap();
    let group: u32 = fields.next().unwrap().parse().unwrap();
    let run_dir = std::path::PathBuf::from(fields.next().unwrap());
    let mut processes = group_members(group);
    processes.extend(descendants(pid));
    assert!(processes.contains(&pid), "{processes:?}");

    owner.kill().unwrap(); // SIGKILL
    owner.wait().unwrap();
    assert_all_gone(&processes, "after the owner was killed");
    assert!(group_members(group).is_empty());
    fs::remove_dir_all(run_dir).unwrap();
}
