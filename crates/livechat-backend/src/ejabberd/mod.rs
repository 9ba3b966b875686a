//! A real ejabberd (Debian's `ejabberd` 23.01) on 127.0.0.1: the second XMPP server the client is
//! tested against, laid out like [`crate::Prosody`] (same domains, same WebSocket path).
//!
//! [`Ejabberd::start`] writes `ejabberd.yml` and `ejabberdctl.cfg` from `src/ejabberd/ejabberd.yml.in`
//! and `src/ejabberd/ejabberdctl.cfg.in` into a fresh run directory (`config`), with free loopback
//! ports for the WebSocket listener and for Erlang distribution (so no epmd is ever started), then
//! runs `ejabberdctl --config-dir RUN --spool RUN/spool --logs RUN/logs foreground` (`ctl`) in its
//! own process group and waits until the WebSocket endpoint answers. As root, the server runs as the
//! `ejabberd` user (`run_as`; `spool/`, `logs/` and `run/` are given to it).
//!
//! Dropping the handle stops the server: SIGTERM to the Erlang VM (its pid is in
//! `RUN/run/ejabberd.pid`), then SIGKILL to the whole process group after a grace period. If this
//! process dies without running destructors (SIGKILL, abort), a small watchdog process notices that
//! its pipe from us closed and kills the group, so no `beam.smp` outlives the tests
//! (`process_group`).
//!
//! [`EjabberdCluster`] (`cluster`) starts several such servers as the nodes of one cluster on
//! loopback, found by each other through an epmd of the cluster's own.
//!
//! ```no_run
//! use livechat_backend::{Ejabberd, EjabberdOptions};
//! let ejabberd = Ejabberd::start(EjabberdOptions::default())?;
//! ejabberd.register("alice", "secret")?;
//! println!("rooms on {} at {}", ejabberd.muc_domain(), ejabberd.ws_url());
//! # Ok::<(), livechat_backend::Error>(())
//! ```

mod cluster;
mod config;
mod ctl;
mod options;
mod process_group;
mod run_as;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ExitStatus};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

pub use cluster::EjabberdCluster;
pub use options::{ClusterMember, EjabberdOptions};

use crate::domains::{self, ANON_DOMAIN, MUC_DOMAIN, USER_DOMAIN};
use crate::error::{io_err, other_err, Error};
use crate::ports::{given_or_free, websocket_endpoint_answers};
use crate::process::spawn_tied_to_process;
use crate::start::{with_port_retries, StartFailure};
use crate::{logs, run_dir};
use process_group::{descendants, exited_unreaped, process_group_of, reap_helpers, spawn_watchdog};
use run_as::RunAs;

/// ejabberd's logs and `ejabberdctl`'s output, relative to the run directory.
const LOG_FILES: &[&str] = &[
    "logs/ejabberd.log",
    "logs/error.log",
    "logs/crash.log",
    "stdout.log",
    "stderr.log",
];

/// A running ejabberd. Dropping it stops the server.
#[derive(Debug)]
pub struct Ejabberd {
    /// `ejabberdctl … foreground`: a shell that waits for the Erlang VM; its pid is the process group.
    child: Option<Child>,
    /// Keeps alive the thread that spawned `ejabberdctl`: on Linux that shell dies with that thread.
    guard: Option<mpsc::Sender<()>>,
    /// Kills the process group if this process dies before `Drop` runs.
    watchdog: Option<(Child, ChildStdin)>,
    /// The Erlang VM (`beam.smp`), from `RUN/run/ejabberd.pid`.
    beam_pid: u32,
    group: u32,
    http_port: u16,
    dist_port: u16,
    node: String,
    run_dir: PathBuf,
    run_as: Option<RunAs>,
    keep_run_dir: bool,
    stop_timeout: Duration,
}

impl Ejabberd {
    /// Writes the configuration into a fresh run directory, starts ejabberd and waits until its
    /// WebSocket endpoint answers.
    pub fn start(opts: EjabberdOptions) -> Result<Ejabberd, Error> {
        let ctl = ctl::ejabberdctl()?;
        let run_as = run_as::run_as()?;
        let run_dir = config::prepare_run_dir(&opts)?;
        let ports_given = opts.http_port.is_some() || opts.dist_port.is_some();
        with_port_retries(ports_given, || {
            let http_port = given_or_free(opts.http_port, &[])?;
            let mut taken = vec![http_port];
            taken.extend(opts.cluster.as_ref().map(|c| c.epmd_port));
            let dist_port = given_or_free(opts.dist_port, &taken)?;
            Self::start_once(&opts, &ctl, run_as, &run_dir, http_port, dist_port)
        })
    }

    fn start_once(
        opts: &EjabberdOptions,
        ctl: &Path,
        run_as: Option<RunAs>,
        run_dir: &Path,
        http_port: u16,
        dist_port: u16,
    ) -> Result<Ejabberd, StartFailure> {
        let node = format!("livechat-{dist_port}@localhost");
        config::write(opts, run_as, run_dir, &node, http_port, dist_port)?;

        let stdout =
            fs::File::create(run_dir.join("stdout.log")).map_err(io_err("creating stdout.log"))?;
        let stderr =
            fs::File::create(run_dir.join("stderr.log")).map_err(io_err("creating stderr.log"))?;
        let mut cmd = ctl::ctl_command(ctl, run_as, run_dir);
        cmd.arg("foreground").stdout(stdout).stderr(stderr);
        let (child, guard) = spawn_tied_to_process(cmd).map_err(io_err("starting ejabberdctl"))?;
        let group = child.id();
        let watchdog = spawn_watchdog(group);
        let mut ejabberd = Ejabberd {
            child: Some(child),
            guard: Some(guard),
            watchdog: None,
            beam_pid: 0,
            group,
            http_port,
            dist_port,
            node,
            run_dir: run_dir.to_path_buf(),
            run_as,
            keep_run_dir: true, // until it is up: a failed start keeps its logs
            stop_timeout: opts.stop_timeout,
        };
        match watchdog {
            Ok(w) => ejabberd.watchdog = Some(w),
            Err(e) => {
                let _ = ejabberd.shutdown();
                return Err(StartFailure::Other(Error::Io {
                    context: "starting the watchdog of ejabberd (/bin/sh)".into(),
                    source: e,
                }));
            }
        }
        ejabberd.wait_ready(opts.start_timeout)?;
        ejabberd.keep_run_dir = opts.keep_run_dir;
        Ok(ejabberd)
    }

    fn wait_ready(&mut self, timeout: Duration) -> Result<(), StartFailure> {
        let deadline = Instant::now() + timeout;
        loop {
            let exited = self
                .child
                .as_ref()
                .is_some_and(|c| exited_unreaped(c).unwrap_or(true));
            if exited {
                let status = self.shutdown();
                let log_tail = self.log_tail();
                let status = match status {
                    Ok(Some(status)) => status.to_string(),
                    Ok(None) => "no status".into(),
                    Err(e) => e.to_string(),
                };
                let reason = match self.port_error() {
                    Some(line) => {
                        return Err(StartFailure::PortInUse(Error::Start {
                            reason: line,
                            log_tail,
                        }))
                    }
                    None => format!(
                        "ejabberd exited early ({status}; run directory {})",
                        self.run_dir.display()
                    ),
                };
                return Err(StartFailure::Other(Error::Start { reason, log_tail }));
            }
            if self.beam_pid == 0 {
                self.beam_pid = self.read_beam_pid().unwrap_or(0);
            }
            if self.beam_pid != 0 && websocket_endpoint_answers(self.http_port, "ejabberd_http_ws")
            {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let _ = self.shutdown();
                let log_tail = self.log_tail();
                let reason = format!(
                    "ejabberd: {} did not answer within {:.1} s (run directory {})",
                    self.ws_url(),
                    timeout.as_secs_f64(),
                    self.run_dir.display()
                );
                return Err(StartFailure::Other(Error::Start { reason, log_tail }));
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// The Erlang VM's pid, once ejabberd wrote it and if it is one of ours.
    fn read_beam_pid(&self) -> Option<u32> {
        let text = fs::read_to_string(self.run_dir.join("run/ejabberd.pid")).ok()?;
        let pid: u32 = text.trim().parse().ok()?;
        (process_group_of(pid) == Some(self.group)).then_some(pid)
    }

    /// The log line saying a port of ours was taken, if any.
    fn port_error(&self) -> Option<String> {
        LOG_FILES.iter().find_map(|name| {
            let text = fs::read_to_string(self.run_dir.join(name)).unwrap_or_default();
            text.lines()
                .find(|l| l.contains("eaddrinuse") || l.contains("address already in use"))
                .map(|l| format!("ejabberd: a port is in use: {}", l.trim()))
        })
    }

    /// The last lines of ejabberd's logs and of its stdout and stderr, for error messages.
    pub fn log_tail(&self) -> String {
        logs::tail(&self.run_dir, LOG_FILES)
    }

    /// `ws://127.0.0.1:PORT/xmpp-websocket`.
    pub fn ws_url(&self) -> String {
        domains::ws_url(self.http_port)
    }

    pub fn http_port(&self) -> u16 {
        self.http_port
    }

    /// The Erlang distribution port (`ERL_DIST_PORT`) `ejabberdctl` talks to.
    pub fn dist_port(&self) -> u16 {
        self.dist_port
    }

    /// The Erlang node name, `livechat-<dist port>@localhost`.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// The process id of the Erlang VM (`beam.smp`) that serves XMPP, for CPU and memory measurements.
    pub fn pid(&self) -> u32 {
        self.beam_pid
    }

    /// The process group of the server: `ejabberdctl`'s shell, the Erlang VM and its helpers.
    pub fn process_group(&self) -> u32 {
        self.group
    }

    /// Where the configuration, the logs (`logs/ejabberd.log`, `logs/error.log`) and the Mnesia spool live.
    pub fn run_dir(&self) -> &Path {
        &self.run_dir
    }

    pub fn config_path(&self) -> PathBuf {
        self.run_dir.join(config::CONFIG_FILE)
    }

    /// `localhost`: registered users.
    pub fn user_domain(&self) -> &'static str {
        USER_DOMAIN
    }

    /// `anon.localhost`: anonymous viewers.
    pub fn anon_domain(&self) -> &'static str {
        ANON_DOMAIN
    }

    /// `room.localhost`: the MUC service.
    pub fn muc_domain(&self) -> &'static str {
        MUC_DOMAIN
    }

    /// `user@localhost`.
    pub fn user_jid(&self, user: &str) -> String {
        domains::user_jid(user)
    }

    /// `local_part@room.localhost`.
    pub fn room_jid(&self, local_part: &str) -> String {
        domains::room_jid(local_part)
    }

    /// Whether the server has exited (and how), without waiting. Once it has, whatever is left
    /// of its process group is killed and the handle counts as stopped.
    pub fn try_wait(&mut self) -> Result<Option<ExitStatus>, Error> {
        let Some(child) = self.child.as_ref() else {
            return Err(other_err("checking on ejabberd", "already stopped"));
        };
        if exited_unreaped(child).map_err(io_err("checking on ejabberd"))? {
            self.shutdown()
        } else {
            Ok(None)
        }
    }

    /// Stops the server (SIGTERM to the Erlang VM, then SIGKILL to the process group after the stop
    /// timeout) and waits for it. The status is `ejabberdctl`'s, which is the VM's.
    pub fn stop(mut self) -> Result<ExitStatus, Error> {
        let status = self.shutdown()?;
        self.cleanup();
        status.ok_or_else(|| other_err("stopping ejabberd", "already stopped"))
    }

    fn shutdown(&mut self) -> Result<Option<ExitStatus>, Error> {
        let Some(mut child) = self.child.take() else {
            return Ok(None);
        };
        let group = self.group;
        // Helpers of the VM (erl_child_setup and its port programs) live in sessions of their own:
        // note them now, to make sure they are gone at the end.
        let helpers = if self.beam_pid != 0 {
            descendants(self.beam_pid)
        } else {
            Vec::new()
        };
        let result = (|| -> io::Result<ExitStatus> {
            if !exited_unreaped(&child)? {
                // ejabberd shuts down cleanly on SIGTERM; the shell in front of it just waits.
                if self.beam_pid != 0 && process_group_of(self.beam_pid) == Some(group) {
                    // SAFETY: kill(2); the pid was checked to be in our unreaped child's group.
                    unsafe { libc::kill(self.beam_pid as libc::pid_t, libc::SIGTERM) };
                } else {
                    // No VM yet: nothing to shut down cleanly.
                    // SAFETY: killpg(2) on the group of a child we have not reaped: it cannot name another group.
                    unsafe { libc::killpg(group as libc::pid_t, libc::SIGTERM) };
                }
                let deadline = Instant::now() + self.stop_timeout;
                while Instant::now() < deadline && !exited_unreaped(&child)? {
                    thread::sleep(Duration::from_millis(10));
                }
            }
            // Whatever is left in the group (the VM after a timeout, or after the shell died alone).
            // The shell is not reaped yet, so the group id cannot have been reused.
            // SAFETY: as above.
            unsafe { libc::killpg(group as libc::pid_t, libc::SIGKILL) };
            child.wait()
        })();
        // The group is gone: the watchdog has nothing left to guard.
        if let Some((mut watchdog, stdin)) = self.watchdog.take() {
            let _ = watchdog.kill();
            let _ = watchdog.wait();
            drop(stdin);
        }
        // Only now release the spawning thread: its end would SIGKILL a shell still running.
        self.guard.take();
        reap_helpers(&helpers, Duration::from_secs(2));
        result
            .map(Some)
            .map_err(io_err(format!("stopping ejabberd (process group {group})")))
    }

    fn cleanup(&mut self) {
        run_dir::clean("ejabberd", &self.run_dir, self.keep_run_dir);
    }
}

impl Drop for Ejabberd {
    fn drop(&mut self) {
        if let Err(e) = self.shutdown() {
            eprintln!("livechat-backend: {e}");
        }
        self.cleanup();
    }
}
