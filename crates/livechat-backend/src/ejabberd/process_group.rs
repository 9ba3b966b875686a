//! ejabberd's processes: `ejabberdctl`'s shell, the Erlang VM in its process group, and the VM's
//! helpers in sessions of their own. How to tell whether they are alive without reaping them, how
//! to find them in `/proc`, and the watchdog that kills the group if this process dies first.

use std::fs;
use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// A shell that waits on a pipe from us: when it reads end-of-file (this process is gone, however
/// it ended), it kills the server's process group. It has its own process group, so a Ctrl-C in
/// the terminal does not take it down before it has done its job.
pub(crate) fn spawn_watchdog(group: u32) -> io::Result<(Child, ChildStdin)> {
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        // No `--`: dash's kill takes "-PGID" as a process group, but not `--`.
        .arg("read -r _ignored; kill -KILL \"-$0\" 2>/dev/null")
        .arg(group.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()?;
    let stdin = child.stdin.take().expect("piped stdin");
    Ok((child, stdin))
}

/// Whether the child has exited, leaving it unreaped (its pid, hence its group id, stays taken).
pub(crate) fn exited_unreaped(child: &Child) -> io::Result<bool> {
    // SAFETY: an all-zero siginfo_t is valid; waitid writes it.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: waitid on our own child with a valid siginfo pointer; WNOWAIT leaves it unreaped.
    let rc = unsafe {
        libc::waitid(
            libc::P_PID,
            child.id() as libc::id_t,
            &mut info,
            libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: si_pid is set by waitid (0 when the child has not changed state).
    Ok(unsafe { info.si_pid() } != 0)
}

/// Fields of `/proc/PID/stat` after the command name: state is field 0, ppid 1, pgrp 2, starttime 19.
fn proc_stat(pid: u32) -> Option<Vec<String>> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

/// The process group of a live (not zombie) process.
pub(crate) fn process_group_of(pid: u32) -> Option<u32> {
    proc_stat(pid)
        .filter(|f| f[0] != "Z")
        .and_then(|f| f[2].parse().ok())
}

/// Every live descendant of `pid`, with its start time (to recognise it later).
pub(crate) fn descendants(pid: u32) -> Vec<(u32, String)> {
    let mut parents = vec![pid];
    let mut found = Vec::new();
    let all: Vec<(u32, Vec<String>)> = fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| Some((p, proc_stat(p)?)))
        .collect();
    while let Some(parent) = parents.pop() {
        for (p, fields) in &all {
            if fields[1].parse::<u32>().ok() == Some(parent) {
                parents.push(*p);
                found.push((*p, fields[19].clone()));
            }
        }
    }
    found
}

/// Waits for the VM's helpers to go (they leave when the VM's end closes their pipes), then kills
/// any that stayed. A helper is recognised by its pid and start time, never by name.
pub(crate) fn reap_helpers(helpers: &[(u32, String)], timeout: Duration) {
    let alive = |(pid, start): &&(u32, String)| {
        proc_stat(*pid).is_some_and(|f| f[0] != "Z" && &f[19] == start)
    };
    let deadline = Instant::now() + timeout;
    while helpers.iter().any(|h| alive(&h)) {
        if Instant::now() >= deadline {
            for (pid, _) in helpers.iter().filter(alive) {
                // SAFETY: kill(2) on a pid whose start time matches the helper we noted.
                unsafe { libc::kill(*pid as libc::pid_t, libc::SIGKILL) };
            }
            return;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_is_seen_exited_yet_stays_unreaped_and_its_descendants_are_found() {
        let mut child = Command::new("/bin/sh")
            .args(["-c", "sleep 30 & read -r _; kill $!"])
            .stdin(Stdio::piped())
            .process_group(0)
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut found = descendants(child.id());
        while found.is_empty() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
            found = descendants(child.id());
        }
        assert_eq!(found.len(), 1, "the shell's sleep: {found:?}");
        assert_eq!(process_group_of(found[0].0), Some(child.id()));
        assert!(!exited_unreaped(&child).unwrap());

        drop(child.stdin.take()); // the shell kills its sleep and exits
        while !exited_unreaped(&child).unwrap() {
            assert!(Instant::now() < deadline, "the shell did not exit");
            thread::sleep(Duration::from_millis(10));
        }
        assert!(
            exited_unreaped(&child).unwrap(),
            "still unreaped: asked twice"
        );
        assert_eq!(
            process_group_of(child.id()),
            None,
            "a zombie has no live group"
        );
        reap_helpers(&found, Duration::from_secs(2));
        assert!(proc_stat(found[0].0).is_none_or(|f| f[0] == "Z" || f[19] != found[0].1));
        child.wait().unwrap();
    }
}
