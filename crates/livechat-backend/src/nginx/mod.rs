//! Debian's nginx (`/usr/sbin/nginx`) between the browser and the XMPP server, as PeerTube's nginx
//! is in front of the livechat plugin's Prosody: the plugin's WebSocket path ([`PEERTUBE_WS_PATH`])
//! proxied to the server's WebSocket endpoint with the upgrade headers and the 30 s timeouts the
//! plugin's configuration assumes on that path. (PeerTube's Node process, which proxies it once
//! more in a real deployment, is not played: it adds no timeout of its own.)
//!
//! [`Nginx::start`] renders `nginx.conf.in` (`config`, from the [`NginxOptions`] of `options`)
//! into a fresh run directory, starts nginx in the foreground in one process, tied to this process
//! like the XMPP servers, on a free port of 127.0.0.1, and waits until it listens. Everything it
//! writes (pid, logs, temporary files) stays in the run directory, so it runs as root or not.
//! Dropping the handle stops it. [`Nginx::access_log`] reads what went through it.
//!
//! ```no_run
//! use livechat_backend::{Nginx, NginxOptions, Prosody, ProsodyOptions};
//! let prosody = Prosody::start(ProsodyOptions::default())?;
//! let nginx = Nginx::start(&prosody.ws_url(), NginxOptions::default())?;
//! println!("the chat connects to {}", nginx.ws_url());
//! # Ok::<(), livechat_backend::Error>(())
//! ```

mod access_log;
mod config;
mod options;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

pub use access_log::AccessLogEntry;
pub use options::{NginxOptions, PEERTUBE_PROXY_TIMEOUT, PEERTUBE_WS_PATH};

use crate::error::{io_err, other_err, Error};
use crate::host::on_path;
use crate::ports::given_or_free;
use crate::process::{spawn_tied_to_process, stop_tied};
use crate::start::{with_port_retries, StartFailure};
use crate::{logs, run_dir};

/// Debian installs nginx out of a normal user's `PATH`.
const NGINX: &str = "/usr/sbin/nginx";
/// What nginx writes into its run directory; `stderr.log` catches what it says before it has
/// read its configuration.
const ERROR_LOG: &str = "error.log";
const ACCESS_LOG: &str = "access.log";
const STDERR_LOG: &str = "stderr.log";
const PID_FILE: &str = "nginx.pid";

/// A running nginx. Dropping it stops nginx.
#[derive(Debug)]
pub struct Nginx {
    child: Option<Child>,
    /// Keeps alive the thread that spawned nginx: on Linux nginx dies with that thread.
    guard: Option<mpsc::Sender<()>>,
    pid: u32,
    port: u16,
    ws_path: String,
    run_dir: PathBuf,
    config_path: PathBuf,
    keep_run_dir: bool,
    stop_timeout: Duration,
}

impl Nginx {
    /// Writes a configuration that proxies `opts.ws_path` to the WebSocket at `upstream_ws_url`
    /// (`ws://…`, e.g. [`crate::Prosody::ws_url`]) into a fresh run directory, starts nginx and
    /// waits until it listens.
    pub fn start(upstream_ws_url: &str, opts: NginxOptions) -> Result<Nginx, Error> {
        if !on_path(NGINX) {
            return Err(Error::NotInstalled {
                what: "nginx".into(),
                hint: "run `cargo xtask setup`, or `apt-get install nginx`".into(),
            });
        }
        let upstream = config::upstream_url(upstream_ws_url)?;
        let run_dir = run_dir::prepare(
            opts.run_dir.as_deref(),
            &opts.base_dir,
            "nginx",
            config::CONFIG_FILE,
        )?;
        with_port_retries(opts.port.is_some(), || {
            let port = given_or_free(opts.port, &[])?;
            Self::start_once(&opts, &run_dir, &upstream, port)
        })
    }

    fn start_once(
        opts: &NginxOptions,
        run_dir: &Path,
        upstream: &str,
        port: u16,
    ) -> Result<Nginx, StartFailure> {
        for file in [ERROR_LOG, ACCESS_LOG, STDERR_LOG, PID_FILE] {
            let _ = fs::remove_file(run_dir.join(file));
        }
        // nginx creates its temporary directories, not their parent.
        fs::create_dir_all(run_dir.join("temp"))
            .map_err(io_err(format!("creating {}", run_dir.display())))?;
        let config_path = run_dir.join(config::CONFIG_FILE);
        fs::write(&config_path, config::render(opts, run_dir, port, upstream))
            .map_err(io_err(format!("writing {}", config_path.display())))?;

        let (child, guard) = spawn_nginx(&config_path, run_dir)?;
        let mut nginx = Nginx {
            pid: child.id(),
            child: Some(child),
            guard: Some(guard),
            port,
            ws_path: opts.ws_path.clone(),
            run_dir: run_dir.to_path_buf(),
            config_path,
            keep_run_dir: true, // until it is up: a failed start keeps its logs
            stop_timeout: opts.stop_timeout,
        };
        nginx.wait_ready(opts.start_timeout)?;
        nginx.keep_run_dir = opts.keep_run_dir;
        Ok(nginx)
    }

    /// nginx writes its pid file once its port is bound: a pid file with our child's pid says
    /// that the port is ours.
    fn wait_ready(&mut self, timeout: Duration) -> Result<(), StartFailure> {
        let deadline = Instant::now() + timeout;
        loop {
            let exited = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten());
            if let Some(status) = exited {
                let _ = self.shutdown();
                let log_tail = self.log_tail();
                let reason = format!("nginx exited early ({status})");
                let failure = Error::Start { reason, log_tail };
                return Err(if self.port_taken() {
                    StartFailure::PortInUse(failure)
                } else {
                    StartFailure::Other(failure)
                });
            }
            let pid = fs::read_to_string(self.run_dir.join(PID_FILE)).unwrap_or_default();
            if pid.trim() == self.pid.to_string() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let _ = self.shutdown();
                return Err(StartFailure::Other(Error::Start {
                    reason: format!(
                        "nginx did not listen on 127.0.0.1:{} within {:.1} s (run directory {})",
                        self.port,
                        timeout.as_secs_f64(),
                        self.run_dir.display()
                    ),
                    log_tail: self.log_tail(),
                }));
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn port_taken(&self) -> bool {
        [ERROR_LOG, STDERR_LOG].iter().any(|log| {
            fs::read_to_string(self.run_dir.join(log))
                .is_ok_and(|text| text.contains("Address already in use"))
        })
    }

    /// `ws://127.0.0.1:PORT/plugins/livechat/14.0.4/ws/xmpp-websocket`: the server's WebSocket
    /// through nginx.
    pub fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}{}", self.port, self.ws_path)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The process id of nginx.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Where the configuration and the logs (`error.log`, `access.log`) are.
    pub fn run_dir(&self) -> &Path {
        &self.run_dir
    }

    pub fn config_path(&self) -> &Path {
        &self.config_path
    }

    /// Every request that has ended, oldest first: a WebSocket appears once its connection is
    /// closed (by either side, or by nginx's timeouts), with its duration.
    pub fn access_log(&self) -> Result<Vec<AccessLogEntry>, Error> {
        let path = self.run_dir.join(ACCESS_LOG);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io_err(format!("reading {}", path.display()))(e)),
        };
        access_log::parse(&text).map_err(|e| other_err(format!("reading {}", path.display()), e))
    }

    /// The last lines of nginx's error log, its access log and its stderr, for error messages.
    pub fn log_tail(&self) -> String {
        logs::tail(&self.run_dir, &[ERROR_LOG, ACCESS_LOG, STDERR_LOG])
    }

    /// Stops nginx (SIGTERM, then SIGKILL after the stop timeout) and waits for it.
    pub fn stop(mut self) -> Result<ExitStatus, Error> {
        let status = self.shutdown()?;
        run_dir::clean("nginx", &self.run_dir, self.keep_run_dir);
        status.ok_or_else(|| other_err("stopping nginx", "already stopped"))
    }

    fn shutdown(&mut self) -> Result<Option<ExitStatus>, Error> {
        let what = format!("nginx (pid {})", self.pid);
        stop_tied(&mut self.child, &mut self.guard, self.stop_timeout, &what)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        if let Err(e) = self.shutdown() {
            eprintln!("livechat-backend: {e}");
        }
        run_dir::clean("nginx", &self.run_dir, self.keep_run_dir);
    }
}

/// Starts `nginx -p RUN_DIR -c CONFIG -e RUN_DIR/error.log` (`-e`: the log of its start, before
/// the configuration names one: Debian's default is in /var/log/nginx).
fn spawn_nginx(config_path: &Path, run_dir: &Path) -> Result<(Child, mpsc::Sender<()>), Error> {
    let stderr = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(run_dir.join(STDERR_LOG))
        .map_err(io_err(format!("opening {STDERR_LOG}")))?;
    let mut cmd = Command::new(NGINX);
    cmd.arg("-p")
        .arg(run_dir)
        .arg("-c")
        .arg(config_path)
        .arg("-e")
        .arg(run_dir.join(ERROR_LOG))
        .current_dir(run_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    spawn_tied_to_process(cmd).map_err(io_err("starting nginx"))
}
