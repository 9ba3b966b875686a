//! A real Prosody (Debian's `/usr/bin/prosody`): its lifecycle. [`Prosody::start`] renders the
//! configuration (`config`, from the [`ProsodyOptions`] of `options`) into a fresh run directory,
//! starts `prosody -F` tied to this process and waits until its WebSocket endpoint answers; the
//! handle stops it when dropped. Accounts and the admin shell are in `ctl`, rooms in `rooms`, the
//! directories of extra modules in `modules`, two servers federated on loopback in `federation`,
//! the plugin's room features (polls, terms, slow mode, …) in `room_features`.

mod config;
mod ctl;
mod federation;
mod lua;
mod modules;
mod options;
mod room_features;
mod rooms;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

pub use federation::{Federation, Peer, S2s};
pub use modules::find_prosody_modules_dir;
pub use options::ProsodyOptions;
pub use room_features::{FeatureSettings, RoomFeatures};
pub use rooms::{Role, RoomOptions};

use crate::domains::{self, Domains};
use crate::error::{io_err, other_err, Error};
use crate::host::on_path;
use crate::ports::{given_or_free, websocket_endpoint_answers};
use crate::process::{spawn_tied_to_process, stop_tied};
use crate::start::{with_port_retries, StartFailure};
use crate::{logs, run_dir};

/// What Prosody writes into its run directory, removed before each start: the logs an error
/// shows are that start's.
const LOG_FILES: &[&str] = &["prosody.log", "prosody.err", "stdout.log", "stderr.log"];

/// A running Prosody. Dropping it stops the server.
#[derive(Debug)]
pub struct Prosody {
    child: Option<Child>,
    /// Keeps alive the thread that spawned Prosody: on Linux the server dies with that thread.
    guard: Option<mpsc::Sender<()>>,
    pid: u32,
    http_port: u16,
    domains: Domains,
    run_dir: PathBuf,
    config_path: PathBuf,
    keep_run_dir: bool,
    start_timeout: Duration,
    stop_timeout: Duration,
}

impl Prosody {
    /// Writes a configuration into a fresh run directory, starts Prosody and waits until its
    /// WebSocket endpoint answers.
    pub fn start(opts: ProsodyOptions) -> Result<Prosody, Error> {
        if !on_path("prosody") || !on_path("prosodyctl") {
            return Err(Error::NotInstalled {
                what: "Prosody".into(),
                hint: "run `cargo xtask setup`, or `apt-get install prosody prosody-modules`"
                    .into(),
            });
        }
        let plugin_paths = modules::plugin_paths()?;
        let run_dir = run_dir::prepare(
            opts.run_dir.as_deref(),
            &opts.base_dir,
            "prosody",
            config::CONFIG_FILE,
        )?;
        // The s2s ports are fixed before the start (the peers know them): HTTP takes another.
        let mut s2s_ports = Vec::new();
        if let Some(s2s) = &opts.s2s {
            s2s_ports.push(s2s.port);
            s2s_ports.extend(s2s.peers.iter().map(|p| p.s2s_port));
        }
        with_port_retries(opts.http_port.is_some(), || {
            let port = given_or_free(opts.http_port, &s2s_ports)?;
            Self::start_once(&opts, &run_dir, &plugin_paths, port)
        })
    }

    fn start_once(
        opts: &ProsodyOptions,
        run_dir: &Path,
        plugin_paths: &[PathBuf],
        http_port: u16,
    ) -> Result<Prosody, StartFailure> {
        for sub in ["data", "certs"] {
            fs::create_dir_all(run_dir.join(sub))
                .map_err(io_err(format!("creating {}", run_dir.display())))?;
        }
        for log in LOG_FILES {
            let _ = fs::remove_file(run_dir.join(log));
        }
        let config_path = run_dir.join(config::CONFIG_FILE);
        let config = config::render(opts, run_dir, plugin_paths, http_port);
        fs::write(&config_path, config)
            .map_err(io_err(format!("writing {}", config_path.display())))?;

        let (child, guard) = spawn_prosody(&config_path, run_dir)?;
        let mut prosody = Prosody {
            pid: child.id(),
            child: Some(child),
            guard: Some(guard),
            http_port,
            domains: opts.domains.clone(),
            run_dir: run_dir.to_path_buf(),
            config_path,
            keep_run_dir: true, // until it is up: a failed start keeps its logs
            start_timeout: opts.start_timeout,
            stop_timeout: opts.stop_timeout,
        };
        prosody.wait_ready(opts.start_timeout)?;
        prosody.keep_run_dir = opts.keep_run_dir;
        Ok(prosody)
    }

    /// Kills the server at once (SIGKILL), as a crash would: clients get no goodbye and nothing
    /// is saved on the way out. What was already on disk stays for [`Prosody::start_again`]:
    /// accounts, the room archive, and the rooms Prosody has saved (a room that a join created is
    /// saved at its first change of configuration or affiliation, not before).
    pub fn kill(&mut self) -> Result<ExitStatus, Error> {
        let mut child = self
            .child
            .take()
            .ok_or_else(|| other_err("killing prosody", "not running"))?;
        let context = format!("killing prosody (pid {})", self.pid);
        let _ = child.kill();
        let status = child.wait().map_err(io_err(context));
        self.guard.take();
        status
    }

    /// Starts the server again after [`Prosody::kill`] (or a crash): the same configuration, port
    /// and data directory. Returns once the WebSocket endpoint answers.
    pub fn start_again(&mut self) -> Result<(), Error> {
        if let Some(child) = self.child.as_mut() {
            if child
                .try_wait()
                .map_err(io_err("checking on prosody"))?
                .is_none()
            {
                return Err(other_err(
                    "starting prosody again",
                    format!("still running (pid {})", self.pid),
                ));
            }
        }
        let (child, guard) = spawn_prosody(&self.config_path, &self.run_dir)?;
        self.pid = child.id();
        self.child = Some(child);
        self.guard = Some(guard);
        let keep = std::mem::replace(&mut self.keep_run_dir, true);
        self.wait_ready(self.start_timeout)?;
        self.keep_run_dir = keep;
        Ok(())
    }

    fn wait_ready(&mut self, timeout: Duration) -> Result<(), StartFailure> {
        let deadline = Instant::now() + timeout;
        let socket = config::admin_socket_path(&self.run_dir);
        loop {
            let port_error = self.port_error();
            let exited = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten());
            if port_error.is_some() || exited.is_some() {
                let _ = self.shutdown();
                let log_tail = self.log_tail();
                return Err(match (port_error, exited) {
                    (Some(line), _) => StartFailure::PortInUse(Error::Start {
                        reason: line,
                        log_tail,
                    }),
                    (None, status) => StartFailure::Other(Error::Start {
                        reason: format!("prosody exited early ({})", status.expect("exited")),
                        log_tail,
                    }),
                });
            }
            if socket.exists() && websocket_endpoint_answers(self.http_port, "WebSocket") {
                // The port answered: make sure it is ours and not a port another process grabbed.
                if let Some(line) = self.port_error() {
                    let _ = self.shutdown();
                    return Err(StartFailure::PortInUse(Error::Start {
                        reason: line,
                        log_tail: self.log_tail(),
                    }));
                }
                return Ok(());
            }
            if Instant::now() >= deadline {
                let _ = self.shutdown();
                return Err(StartFailure::Other(Error::Start {
                    reason: format!(
                        "{}{} did not answer within {:.1} s (run directory {})",
                        self.ws_url(),
                        if socket.exists() {
                            ""
                        } else {
                            " and the admin socket"
                        },
                        timeout.as_secs_f64(),
                        self.run_dir.display()
                    ),
                    log_tail: self.log_tail(),
                }));
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// The line of the error log saying the HTTP port could not be opened, if any.
    fn port_error(&self) -> Option<String> {
        let errors = fs::read_to_string(self.run_dir.join("prosody.err")).unwrap_or_default();
        errors
            .lines()
            .find(|l| l.contains("Failed to open server port"))
            .map(str::to_owned)
    }

    /// The last lines of Prosody's logs and of its stderr, for error messages.
    pub fn log_tail(&self) -> String {
        logs::tail(&self.run_dir, &["prosody.log", "prosody.err", "stderr.log"])
    }

    /// `ws://127.0.0.1:PORT/xmpp-websocket`.
    pub fn ws_url(&self) -> String {
        domains::ws_url(self.http_port)
    }

    pub fn http_port(&self) -> u16 {
        self.http_port
    }

    /// The process id of the server.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Where the configuration, the logs (`prosody.log`, `prosody.err`) and the data live.
    pub fn run_dir(&self) -> &Path {
        &self.run_dir
    }

    pub fn config_path(&self) -> &Path {
        &self.config_path
    }

    /// Its three domains.
    pub fn domains(&self) -> &Domains {
        &self.domains
    }

    /// Registered users: `localhost` unless the options said otherwise.
    pub fn user_domain(&self) -> &str {
        &self.domains.user
    }

    /// Anonymous viewers: `anon.localhost` unless the options said otherwise.
    pub fn anon_domain(&self) -> &str {
        &self.domains.anonymous
    }

    /// The MUC component: `room.localhost` unless the options said otherwise.
    pub fn muc_domain(&self) -> &str {
        &self.domains.muc
    }

    /// `user@<user domain>`.
    pub fn user_jid(&self, user: &str) -> String {
        self.domains.user_jid(user)
    }

    /// `local_part@<muc domain>`.
    pub fn room_jid(&self, local_part: &str) -> String {
        self.domains.room_jid(local_part)
    }

    /// Whether the server process has exited (and how), without waiting.
    pub fn try_wait(&mut self) -> Result<Option<ExitStatus>, Error> {
        match self.child.as_mut() {
            Some(child) => child.try_wait().map_err(io_err("checking on prosody")),
            None => Err(other_err("checking on prosody", "already stopped")),
        }
    }

    /// Stops the server (SIGTERM, then SIGKILL after the stop timeout) and waits for it.
    pub fn stop(mut self) -> Result<ExitStatus, Error> {
        let status = self.shutdown()?;
        self.cleanup();
        status.ok_or_else(|| other_err("stopping prosody", "already stopped"))
    }

    fn shutdown(&mut self) -> Result<Option<ExitStatus>, Error> {
        let what = format!("prosody (pid {})", self.pid);
        stop_tied(&mut self.child, &mut self.guard, self.stop_timeout, &what)
    }

    fn cleanup(&mut self) {
        run_dir::clean("Prosody", &self.run_dir, self.keep_run_dir);
    }
}

impl Drop for Prosody {
    fn drop(&mut self) {
        if let Err(e) = self.shutdown() {
            eprintln!("livechat-backend: {e}");
        }
        self.cleanup();
    }
}

/// Starts `prosody -F` with `config_path` in `run_dir`, its output appended to the run
/// directory's `stdout.log` and `stderr.log`.
fn spawn_prosody(config_path: &Path, run_dir: &Path) -> Result<(Child, mpsc::Sender<()>), Error> {
    let log = |name: &str| {
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(run_dir.join(name))
            .map_err(io_err(format!("opening {name}")))
    };
    let mut cmd = Command::new("prosody");
    cmd.arg("--config")
        .arg(config_path)
        .arg("-F")
        .current_dir(run_dir)
        .stdin(Stdio::null())
        .stdout(log("stdout.log")?)
        .stderr(log("stderr.log")?);
    spawn_tied_to_process(cmd).map_err(io_err("starting prosody"))
}
