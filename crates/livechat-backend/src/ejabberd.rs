//! A real ejabberd (Debian's `ejabberd` 23.01) on 127.0.0.1: the second XMPP server the client is
//! tested against, laid out like [`crate::Prosody`] (same domains, same WebSocket path).
//!
//! [`Ejabberd::start`] writes `ejabberd.yml` and `ejabberdctl.cfg` from `src/ejabberd.yml.in` and
//! `src/ejabberdctl.cfg.in` into a fresh run directory, with free loopback ports for the WebSocket
//! listener and for Erlang distribution (so no epmd is ever started), then runs
//! `ejabberdctl --config-dir RUN --spool RUN/spool --logs RUN/logs foreground` in its own process
//! group and waits until the WebSocket endpoint answers. As root, the server runs as the `ejabberd`
//! user (`spool/`, `logs/` and `run/` are given to it).
//!
//! Dropping the handle stops the server: SIGTERM to the Erlang VM (its pid is in
//! `RUN/run/ejabberd.pid`), then SIGKILL to the whole process group after a grace period. If this
//! process dies without running destructors (SIGKILL, abort), a small watchdog process notices that
//! its pipe from us closed and kills the group, so no `beam.smp` outlives the tests.
//!
//! ```no_run
//! use livechat_backend::{Ejabberd, EjabberdOptions};
//! let ejabberd = Ejabberd::start(EjabberdOptions::default())?;
//! ejabberd.register("alice", "secret")?;
//! println!("rooms on {} at {}", ejabberd.muc_domain(), ejabberd.ws_url());
//! # Ok::<(), livechat_backend::Error>(())
//! ```

use std::ffi::CString;
use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::{
    clean_run_dir, command_result, free_port, io_err, on_path, spawn_tied_to_process, target_dir,
    websocket_endpoint_answers, Error, StartFailure, ANON_DOMAIN, MUC_DOMAIN, USER_DOMAIN, WS_PATH,
};

const CONFIG_TEMPLATE: &str = include_str!("ejabberd.yml.in");
const CTL_CONFIG_TEMPLATE: &str = include_str!("ejabberdctl.cfg.in");
const CONFIG_FILE: &str = "ejabberd.yml";
const CTL_CONFIG_FILE: &str = "ejabberdctl.cfg";
/// Where Debian installs it; `/usr/sbin` is not on a normal user's `PATH`.
const EJABBERDCTL: &str = "/usr/sbin/ejabberdctl";
/// The system user Debian's `ejabberdctl` insists on running as.
const EJABBERD_USER: &str = "ejabberd";
const INETRC: &str = "/etc/ejabberd/inetrc";
/// What `/etc/ejabberd/inetrc` says, for when it is missing.
const DEFAULT_INETRC: &str = "{lookup,[\"file\",\"native\"]}.\n\
                              {host,{127,0,0,1}, [\"localhost\",\"hostalias\"]}.\n\
                              {file, resolv, \"/etc/resolv.conf\"}.\n";
const PORT_ATTEMPTS: usize = 5;
const LOG_FILES: &[&str] = &[
    "logs/ejabberd.log",
    "logs/error.log",
    "logs/crash.log",
    "stdout.log",
    "stderr.log",
];

/// How to start ejabberd. Build it with `EjabberdOptions { field: …, ..Default::default() }`.
#[derive(Clone, Debug)]
pub struct EjabberdOptions {
    /// A fresh run directory `<base_dir>/ejabberd-<pid>-<n>-<stamp>` is created here (default: `<target>/ejabberd`).
    pub base_dir: PathBuf,
    /// Use exactly this run directory instead (a previous run's content is removed first).
    pub run_dir: Option<PathBuf>,
    /// Keep the run directory (config, logs, Mnesia spool) after stopping. It is always kept when a thread panics.
    pub keep_run_dir: bool,
    /// HTTP/WebSocket port; `None` picks a free one.
    pub http_port: Option<u16>,
    /// Erlang distribution port (`ERL_DIST_PORT`, used by `ejabberdctl`); `None` picks a free one.
    pub dist_port: Option<u16>,
    /// `mod_muc` `history_size`: messages a joining occupant receives at most.
    pub history_length: u32,
    /// Archive rooms with `mod_mam` (room option `mam`), which makes every groupchat message carry a
    /// `<stanza-id by=room/>`, as Prosody's `muc_mam` does. The client needs it to deduplicate
    /// history after a reconnection and to point moderation at a message.
    pub room_archive: bool,
    /// `mod_muc` `max_users` and the rooms' default: how many occupants a room admits (ejabberd's
    /// default of 200 would turn away the load generator's crowds).
    pub max_users: u32,
    /// `loglevel`: none, emergency, alert, critical, error, warning, notice, info or debug.
    pub log_level: String,
    /// Extra arguments for the Erlang VM. The default stops idle schedulers from busy-waiting,
    /// which on a small machine would show up as CPU time of the server and slow the client tested
    /// beside it.
    pub erl_options: String,
    /// Raw YAML appended at the top level of `ejabberd.yml`.
    pub extra_config: String,
    /// Raw YAML entries appended to the module list of `localhost` (which also serves
    /// `room.localhost`), written at the indentation of a module name: `mod_foo: {}`.
    pub extra_localhost_modules: String,
    /// How long to wait for the WebSocket endpoint to answer.
    pub start_timeout: Duration,
    /// How long to wait after SIGTERM before SIGKILL.
    pub stop_timeout: Duration,
}

impl Default for EjabberdOptions {
    fn default() -> Self {
        EjabberdOptions {
            base_dir: target_dir().join("ejabberd"),
            run_dir: None,
            keep_run_dir: false,
            http_port: None,
            dist_port: None,
            history_length: 20,
            room_archive: true,
            max_users: 10_000,
            log_level: "info".into(),
            erl_options: "+sbwt none +sbwtdcpu none +sbwtdio none".into(),
            extra_config: String::new(),
            extra_localhost_modules: String::new(),
            start_timeout: Duration::from_secs(20),
            stop_timeout: Duration::from_secs(5),
        }
    }
}

/// Whose uid and gid the server runs with, when we are root.
#[derive(Clone, Copy, Debug)]
struct RunAs {
    uid: u32,
    gid: u32,
}

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
        let ctl = ejabberdctl()?;
        let run_as = run_as()?;
        let run_dir = prepare_run_dir(&opts)?;
        check_shell_safe(&run_dir)?;
        let mut last_error = None;
        let attempts = if opts.http_port.is_some() || opts.dist_port.is_some() {
            1
        } else {
            PORT_ATTEMPTS
        };
        for _ in 0..attempts {
            let http_port = match opts.http_port {
                Some(port) => port,
                None => free_port()?,
            };
            let dist_port = match opts.dist_port {
                Some(port) => port,
                None => loop {
                    let port = free_port()?;
                    if port != http_port {
                        break port;
                    }
                },
            };
            match Self::start_once(&opts, &ctl, run_as, &run_dir, http_port, dist_port) {
                Ok(ejabberd) => return Ok(ejabberd),
                Err(StartFailure::PortInUse(e)) => last_error = Some(e),
                Err(StartFailure::Other(e)) => return Err(e),
            }
        }
        Err(last_error.expect("at least one attempt"))
    }

    fn start_once(
        opts: &EjabberdOptions,
        ctl: &Path,
        run_as: Option<RunAs>,
        run_dir: &Path,
        http_port: u16,
        dist_port: u16,
    ) -> Result<Ejabberd, StartFailure> {
        // A failed attempt leaves its Mnesia spool and logs behind: start from scratch.
        for sub in ["spool", "logs", "run"] {
            let dir = run_dir.join(sub);
            if dir.exists() {
                fs::remove_dir_all(&dir).map_err(io_err(format!("clearing {}", dir.display())))?;
            }
            fs::create_dir_all(&dir).map_err(io_err(format!("creating {}", dir.display())))?;
            give_to(run_as, &dir)?;
        }
        for log in ["stdout.log", "stderr.log"] {
            let _ = fs::remove_file(run_dir.join(log));
        }
        let node = format!("livechat-{dist_port}@localhost");
        let inetrc = fs::read_to_string(INETRC).unwrap_or_else(|_| DEFAULT_INETRC.to_owned());
        let files = [
            (CONFIG_FILE, render_config(opts, http_port)),
            (
                CTL_CONFIG_FILE,
                render_ctl_config(opts, run_dir, &node, dist_port),
            ),
            ("inetrc", inetrc),
        ];
        for (name, text) in files {
            let path = run_dir.join(name);
            fs::write(&path, text).map_err(io_err(format!("writing {}", path.display())))?;
            // Read by the ejabberd user; nothing secret in them.
            fs::set_permissions(&path, fs::Permissions::from_mode(0o644))
                .map_err(io_err(format!("setting the mode of {}", path.display())))?;
        }
        write_cookie(run_as, &run_dir.join("spool"))?;

        let stdout =
            fs::File::create(run_dir.join("stdout.log")).map_err(io_err("creating stdout.log"))?;
        let stderr =
            fs::File::create(run_dir.join("stderr.log")).map_err(io_err("creating stderr.log"))?;
        let mut cmd = ctl_command(ctl, run_as, run_dir);
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
        let mut out = String::new();
        for name in LOG_FILES {
            let path = self.run_dir.join(name);
            let text = fs::read_to_string(&path).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                continue;
            }
            out.push_str(&format!("[{}]\n", path.display()));
            for line in &lines[lines.len().saturating_sub(20)..] {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }

    /// `ws://127.0.0.1:PORT/xmpp-websocket`.
    pub fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}{}", self.http_port, WS_PATH)
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
        self.run_dir.join(CONFIG_FILE)
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
        format!("{user}@{USER_DOMAIN}")
    }

    /// `local_part@room.localhost`.
    pub fn room_jid(&self, local_part: &str) -> String {
        format!("{local_part}@{MUC_DOMAIN}")
    }

    /// Whether the server has exited (and how), without waiting. Once it has, whatever is left
    /// of its process group is killed and the handle counts as stopped.
    pub fn try_wait(&mut self) -> Result<Option<ExitStatus>, Error> {
        let Some(child) = self.child.as_ref() else {
            return Err(Error::Io {
                context: "checking on ejabberd".into(),
                source: io::Error::other("already stopped"),
            });
        };
        if exited_unreaped(child).map_err(io_err("checking on ejabberd"))? {
            self.shutdown()
        } else {
            Ok(None)
        }
    }

    /// Registers `user@localhost` (`ejabberdctl register`). An existing account gets the new
    /// password (`ejabberdctl change_password`), as with [`crate::Prosody::register`].
    pub fn register(&self, user: &str, password: &str) -> Result<(), Error> {
        let shown = format!("ejabberdctl register {user} {USER_DOMAIN} ***");
        match self.run_ctl(&["register", user, USER_DOMAIN, password], &shown) {
            Ok(_) => Ok(()),
            Err(Error::Command { output, .. }) if output.contains("already registered") => self
                .run_ctl(
                    &["change_password", user, USER_DOMAIN, password],
                    &format!("ejabberdctl change_password {user} {USER_DOMAIN} ***"),
                )
                .map(drop),
            Err(e) => Err(e),
        }
    }

    /// Runs one `ejabberdctl` command against this server (each call starts a short-lived Erlang VM,
    /// about half a second) and returns what it printed.
    pub fn ctl(&self, args: &[&str]) -> Result<String, Error> {
        self.run_ctl(args, &format!("ejabberdctl {}", args.join(" ")))
    }

    fn run_ctl(&self, args: &[&str], shown: &str) -> Result<String, Error> {
        let ctl = ejabberdctl()?;
        let output = ctl_command(&ctl, self.run_as, &self.run_dir)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .map_err(io_err("running ejabberdctl"))?;
        command_result(&output, shown)
    }

    /// Stops the server (SIGTERM to the Erlang VM, then SIGKILL to the process group after the stop
    /// timeout) and waits for it. The status is `ejabberdctl`'s, which is the VM's.
    pub fn stop(mut self) -> Result<ExitStatus, Error> {
        let status = self.shutdown()?;
        self.cleanup();
        status.ok_or_else(|| Error::Io {
            context: "stopping ejabberd".into(),
            source: io::Error::other("already stopped"),
        })
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
        clean_run_dir("ejabberd", &self.run_dir, self.keep_run_dir);
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

fn ejabberdctl() -> Result<PathBuf, Error> {
    if Path::new(EJABBERDCTL).is_file() {
        return Ok(PathBuf::from(EJABBERDCTL));
    }
    if on_path("ejabberdctl") {
        return Ok(PathBuf::from("ejabberdctl"));
    }
    Err(Error::NotInstalled {
        what: "ejabberd".into(),
        hint: "`apt-get install ejabberd` (Debian bookworm: 23.01)".into(),
    })
}

/// Debian's `ejabberdctl` runs only as root (it then switches to the `ejabberd` user with `su`) or as
/// `ejabberd`. As root we switch ourselves, before `exec`: without `su` in between, the Erlang VM
/// stays in the process group we kill, and no PAM session is opened.
fn run_as() -> Result<Option<RunAs>, Error> {
    // SAFETY: geteuid has no preconditions.
    let euid = unsafe { libc::geteuid() };
    let user = lookup_user(EJABBERD_USER);
    if euid == 0 {
        return user.map(Some).ok_or_else(|| Error::NotInstalled {
            what: "the `ejabberd` system user".into(),
            hint: "`apt-get install ejabberd` creates it".into(),
        });
    }
    match user {
        Some(u) if u.uid == euid => Ok(None),
        _ => Err(Error::Start {
            reason: "ejabberdctl runs only as root or as the `ejabberd` user".into(),
            log_tail: String::new(),
        }),
    }
}

fn lookup_user(name: &str) -> Option<RunAs> {
    let name = CString::new(name).ok()?;
    let mut buf = vec![0u8; 16 * 1024];
    // SAFETY: an all-zero passwd is a valid value to be overwritten by getpwnam_r.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call and buf's length is passed.
    let rc = unsafe {
        libc::getpwnam_r(
            name.as_ptr(),
            &mut pwd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut result,
        )
    };
    (rc == 0 && !result.is_null()).then_some(RunAs {
        uid: pwd.pw_uid,
        gid: pwd.pw_gid,
    })
}

fn give_to(run_as: Option<RunAs>, path: &Path) -> Result<(), Error> {
    if let Some(RunAs { uid, gid }) = run_as {
        std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(io_err(format!(
            "giving {} to the ejabberd user",
            path.display()
        )))?;
    }
    Ok(())
}

/// The Erlang cookie, private to this run: `ejabberdctl` and the server find it in `$HOME`, which
/// is the spool, so `/var/lib/ejabberd/.erlang.cookie` is neither read nor created.
fn write_cookie(run_as: Option<RunAs>, spool: &Path) -> Result<(), Error> {
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
        ^ ((std::process::id() as u64) << 32);
    let mut cookie = String::new();
    for _ in 0..20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        cookie.push((b'A' + (seed >> 59) as u8 % 26) as char);
    }
    let path = spool.join(".erlang.cookie");
    fs::write(&path, cookie).map_err(io_err(format!("writing {}", path.display())))?;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400))
        .map_err(io_err(format!("setting the mode of {}", path.display())))?;
    give_to(run_as, &path)
}

/// `ejabberdctl --config-dir RUN --spool RUN/spool --logs RUN/logs`, as the ejabberd user.
fn ctl_command(ctl: &Path, run_as: Option<RunAs>, run_dir: &Path) -> Command {
    let spool = run_dir.join("spool");
    let mut cmd = Command::new(ctl);
    cmd.arg("--config-dir")
        .arg(run_dir)
        .arg("--spool")
        .arg(&spool)
        .arg("--logs")
        .arg(run_dir.join("logs"))
        .current_dir(&spool)
        .env("HOME", &spool)
        .stdin(Stdio::null());
    if let Some(RunAs { uid, gid }) = run_as {
        cmd.uid(uid).gid(gid);
    }
    cmd
}

/// A shell that waits on a pipe from us: when it reads end-of-file (this process is gone, however
/// it ended), it kills the server's process group. It has its own process group, so a Ctrl-C in
/// the terminal does not take it down before it has done its job.
fn spawn_watchdog(group: u32) -> io::Result<(Child, ChildStdin)> {
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
fn exited_unreaped(child: &Child) -> io::Result<bool> {
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

fn process_group_of(pid: u32) -> Option<u32> {
    proc_stat(pid)
        .filter(|f| f[0] != "Z")
        .and_then(|f| f[2].parse().ok())
}

/// Every live descendant of `pid`, with its start time (to recognise it later).
fn descendants(pid: u32) -> Vec<(u32, String)> {
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
fn reap_helpers(helpers: &[(u32, String)], timeout: Duration) {
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

fn prepare_run_dir(opts: &EjabberdOptions) -> Result<PathBuf, Error> {
    let dir = crate::prepare_run_dir(
        opts.run_dir.as_deref(),
        &opts.base_dir,
        "ejabberd",
        CONFIG_FILE,
    )?;
    // The ejabberd user reads the configuration from it.
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755))
        .map_err(io_err(format!("setting the mode of {}", dir.display())))?;
    Ok(dir)
}

/// `ejabberdctl` splits its paths on blanks and its config file is sourced by the shell.
fn check_shell_safe(dir: &Path) -> Result<(), Error> {
    let text = dir.to_string_lossy();
    let safe = text.chars().all(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ',' | ':' | '@')
    });
    if safe {
        Ok(())
    } else {
        Err(Error::Io {
            context: format!("using {text} as ejabberd's run directory"),
            source: io::Error::other(
                "ejabberdctl cannot handle blanks or shell characters in paths",
            ),
        })
    }
}

fn render_config(opts: &EjabberdOptions, http_port: u16) -> String {
    let indent = |text: &str, by: &str| -> String {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{by}{l}\n"))
            .collect()
    };
    let values: [(&str, String); 7] = [
        ("http_port", http_port.to_string()),
        ("log_level", opts.log_level.clone()),
        ("history_length", opts.history_length.to_string()),
        ("max_users", opts.max_users.to_string()),
        ("room_mam", opts.room_archive.to_string()),
        (
            "extra_localhost_modules",
            indent(&opts.extra_localhost_modules, "      "),
        ),
        ("extra_config", opts.extra_config.clone()),
    ];
    fill(CONFIG_TEMPLATE, &values)
}

fn render_ctl_config(opts: &EjabberdOptions, run_dir: &Path, node: &str, dist_port: u16) -> String {
    let values: [(&str, String); 4] = [
        ("node", node.to_owned()),
        ("dist_port", dist_port.to_string()),
        ("erl_options", opts.erl_options.replace('"', "")),
        ("run_dir", run_dir.to_string_lossy().into_owned()),
    ];
    fill(CTL_CONFIG_TEMPLATE, &values)
}

fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut text = template.to_owned();
    for (key, value) in values {
        text = text.replace(&format!("{{{{{key}}}}}"), value);
    }
    debug_assert!(
        !text.contains("{{"),
        "unfilled placeholder in an ejabberd template"
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_have_absolute_paths_and_no_placeholder_left() {
        let opts = EjabberdOptions {
            extra_localhost_modules: "mod_vcard: {}\n".into(),
            room_archive: false,
            ..Default::default()
        };
        let config = render_config(&opts, 5380);
        assert!(!config.contains("{{"));
        assert!(config.contains("    port: 5380\n"));
        assert!(config.contains("          mam: false\n"));
        assert!(config.contains("\n      mod_vcard: {}\n"));
        let ctl = render_ctl_config(
            &opts,
            Path::new("/tmp/run"),
            "livechat-5210@localhost",
            5210,
        );
        assert!(!ctl.contains("{{"));
        assert!(ctl.contains("\nERL_DIST_PORT=5210\n"));
        assert!(ctl.contains("\nEJABBERD_CONFIG_PATH=/tmp/run/ejabberd.yml\n"));
        assert!(ctl.contains("\nEJABBERD_PID_PATH=/tmp/run/run/ejabberd.pid\n"));
        assert!(ctl.contains("+sbwt none"));
    }

    #[test]
    fn run_directories_with_shell_characters_are_refused() {
        assert!(check_shell_safe(Path::new("/work/main/target/ejabberd/ejabberd-1-0-42")).is_ok());
        assert!(check_shell_safe(Path::new("/tmp/my dir")).is_err());
        assert!(check_shell_safe(Path::new("/tmp/$(x)")).is_err());
    }
}
