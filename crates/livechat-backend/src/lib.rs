//! A real Prosody (Debian's `/usr/bin/prosody`) on 127.0.0.1 for the demo, the tests and the benchmarks.
//!
//! [`Prosody::start`] writes a configuration from `src/prosody.cfg.lua.in` into a fresh run directory,
//! starts `prosody -F` as a child process and waits until its WebSocket endpoint answers. Dropping the
//! handle stops the server (SIGTERM, then SIGKILL after a grace period). On Linux the server is also
//! tied to the life of this process: if the process dies without running destructors (SIGKILL, abort),
//! the kernel kills Prosody too. [`Prosody::kill`] and [`Prosody::start_again`] crash it and bring
//! it back on the same port with the same data, for the reconnection tests.
//!
//! ```no_run
//! use livechat_backend::{Prosody, ProsodyOptions, RoomOptions};
//! let prosody = Prosody::start(ProsodyOptions::default())?;
//! prosody.register("alice", "secret")?;
//! let room = prosody.create_room("demo", &RoomOptions {
//!     owners: vec![prosody.user_jid("alice")],
//!     subject: Some("Welcome".into()),
//!     ..RoomOptions::default()
//! })?;
//! println!("{} on {}", room, prosody.ws_url());
//! # Ok::<(), livechat_backend::Error>(())
//! ```

use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub mod ejabberd;
pub use ejabberd::{Ejabberd, EjabberdOptions};

/// The virtual host of registered users (SASL PLAIN / SCRAM, `internal_hashed`).
pub const USER_DOMAIN: &str = "localhost";
/// The virtual host of anonymous viewers (SASL ANONYMOUS).
pub const ANON_DOMAIN: &str = "anon.localhost";
/// The MUC component.
pub const MUC_DOMAIN: &str = "room.localhost";
/// The path of the WebSocket endpoint (RFC 7395, subprotocol `xmpp`).
pub const WS_PATH: &str = "/xmpp-websocket";

const CONFIG_TEMPLATE: &str = include_str!("prosody.cfg.lua.in");
const CONFIG_FILE: &str = "prosody.cfg.lua";
/// Where Debian and Prosody's own installer put core modules and `prosody-modules`.
const MODULE_DIRS: &[&str] = &[
    "/usr/lib/prosody/modules",
    "/usr/local/lib/prosody/modules",
    "/usr/share/prosody-modules",
    "/usr/local/share/prosody-modules",
];
/// Longest unix socket path the kernel accepts, minus the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;
const PORT_ATTEMPTS: usize = 5;

/// What went wrong while starting, driving or stopping Prosody.
#[derive(Debug)]
pub enum Error {
    /// A file or process operation failed.
    Io { context: String, source: io::Error },
    /// A package this crate needs is not installed.
    NotInstalled { what: String, hint: String },
    /// Prosody exited early, did not open its port in time, or could not bind it.
    Start { reason: String, log_tail: String },
    /// `prosodyctl` (register, admin shell) failed.
    Command {
        command: String,
        status: Option<i32>,
        output: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { context, source } => write!(f, "{context}: {source}"),
            Error::NotInstalled { what, hint } => write!(f, "{what} is not installed ({hint})"),
            Error::Start { reason, log_tail } => {
                write!(f, "the XMPP server did not start: {reason}")?;
                if !log_tail.is_empty() {
                    write!(f, "\n--- end of the server logs ---\n{log_tail}")?;
                }
                Ok(())
            }
            Error::Command {
                command,
                status,
                output,
            } => {
                match status {
                    Some(code) => write!(f, "`{command}` failed with exit code {code}")?,
                    None => write!(f, "`{command}` was killed by a signal")?,
                }
                if !output.trim().is_empty() {
                    write!(f, ":\n{}", output.trim_end())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn io_err(context: impl Into<String>) -> impl FnOnce(io::Error) -> Error {
    move |source| Error::Io {
        context: context.into(),
        source,
    }
}

/// A MUC role, as used by per-role presence broadcast (`muc#roomconfig_presencebroadcast`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Visitor,
    Participant,
    Moderator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Visitor => "visitor",
            Role::Participant => "participant",
            Role::Moderator => "moderator",
        }
    }
}

fn lua_role_set(roles: &[Role]) -> String {
    let items: Vec<String> = roles
        .iter()
        .map(|r| format!("{} = true", r.as_str()))
        .collect();
    format!("{{ {} }}", items.join("; "))
}

/// How to start Prosody. Build it with `ProsodyOptions { field: …, ..Default::default() }`.
#[derive(Clone, Debug)]
pub struct ProsodyOptions {
    /// A fresh run directory `<base_dir>/prosody-<pid>-<n>` is created here (default: `<target>/prosody`).
    pub base_dir: PathBuf,
    /// Use exactly this run directory instead (a previous run's content is removed first).
    pub run_dir: Option<PathBuf>,
    /// Keep the run directory (config, logs, data) after stopping. It is always kept when a thread panics.
    pub keep_run_dir: bool,
    /// HTTP/WebSocket port; `None` picks a free one.
    pub http_port: Option<u16>,
    /// `muc_room_default_history_length`: messages a joining occupant receives by default.
    pub history_length: u32,
    /// `muc_room_default_presence_broadcast`: roles whose presence is broadcast (`None`: all roles).
    pub presence_broadcast: Option<Vec<Role>>,
    /// Minimum level written to `prosody.log`: "debug", "info", "warn" or "error".
    pub log_level: String,
    /// `muc_log_presences`: joins and leaves go to the room archive too (the plugin's setting).
    pub log_presences: bool,
    /// Modules the anonymous host turns off (the plugin turns off carbons).
    pub anonymous_modules_disabled: Vec<String>,
    /// Raw Lua appended to the global section of the configuration.
    pub extra_global_config: String,
    /// Raw Lua appended to the `room.localhost` component section.
    pub extra_muc_config: String,
    /// How long to wait for the WebSocket endpoint to answer.
    pub start_timeout: Duration,
    /// How long to wait after SIGTERM before SIGKILL.
    pub stop_timeout: Duration,
}

impl Default for ProsodyOptions {
    fn default() -> Self {
        ProsodyOptions {
            base_dir: target_dir().join("prosody"),
            run_dir: None,
            keep_run_dir: false,
            http_port: None,
            history_length: 20,
            presence_broadcast: None,
            log_level: "info".into(),
            log_presences: true,
            anonymous_modules_disabled: vec!["carbons".into()],
            extra_global_config: String::new(),
            extra_muc_config: String::new(),
            start_timeout: Duration::from_secs(15),
            stop_timeout: Duration::from_secs(5),
        }
    }
}

/// How [`Prosody::create_room`] sets up a room. Unset fields keep the server defaults.
#[derive(Clone, Debug)]
pub struct RoomOptions {
    /// Keep the room when it is empty (default: true).
    pub persistent: bool,
    /// Bare JIDs given the `owner` affiliation (they join as moderators).
    pub owners: Vec<String>,
    /// Bare JIDs given the `admin` affiliation (they join as moderators).
    pub admins: Vec<String>,
    /// The room's subject, set as if by the room itself.
    pub subject: Option<String>,
    /// The room's human-readable name.
    pub name: Option<String>,
    /// Messages sent to a joining occupant.
    pub history_length: Option<u32>,
    /// Roles whose presence is broadcast.
    pub presence_broadcast: Option<Vec<Role>>,
    /// Raw Lua run in the admin shell after the above, with `room` in scope.
    pub extra_lua: Option<String>,
}

impl Default for RoomOptions {
    fn default() -> Self {
        RoomOptions {
            persistent: true,
            owners: Vec::new(),
            admins: Vec::new(),
            subject: None,
            name: None,
            history_length: None,
            presence_broadcast: None,
            extra_lua: None,
        }
    }
}

/// The workspace's target directory (`CARGO_TARGET_DIR` if set).
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(crate_dir)
        .join("target")
}

/// The directory holding `mod_muc_moderation` from Debian's `prosody-modules`, if installed.
pub fn find_prosody_modules_dir() -> Option<PathBuf> {
    let has_moderation = |dir: &Path| {
        dir.join("mod_muc_moderation/mod_muc_moderation.lua")
            .is_file()
            || dir.join("mod_muc_moderation.lua").is_file()
    };
    if let Some(dir) = MODULE_DIRS
        .iter()
        .map(Path::new)
        .find(|d| has_moderation(d))
    {
        return Some(dir.to_path_buf());
    }
    let listing = Command::new("dpkg")
        .args(["-L", "prosody-modules"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&listing.stdout)
        .lines()
        .find(|l| l.ends_with("/mod_muc_moderation.lua"))
        .and_then(|l| {
            let file = Path::new(l);
            let dir = file.parent()?;
            Some(
                if dir.ends_with("mod_muc_moderation") {
                    dir.parent()?
                } else {
                    dir
                }
                .to_path_buf(),
            )
        })
}

/// Whether `program` is an executable file on `PATH` (or an existing path).
pub fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let is_exe = |p: &Path| {
        p.metadata()
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    };
    if program.contains('/') {
        return is_exe(Path::new(program));
    }
    std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| is_exe(&dir.join(program))))
        .unwrap_or(false)
}

/// A running Prosody. Dropping it stops the server.
#[derive(Debug)]
pub struct Prosody {
    child: Option<Child>,
    /// Keeps alive the thread that spawned Prosody: on Linux the server dies with that thread.
    guard: Option<mpsc::Sender<()>>,
    pid: u32,
    http_port: u16,
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
        let modules_dir = find_prosody_modules_dir().ok_or_else(|| Error::NotInstalled {
            what: "prosody-modules (mod_muc_moderation)".into(),
            hint: "run `cargo xtask setup`, or `apt-get install prosody-modules`".into(),
        })?;
        let run_dir = prepare_run_dir(
            opts.run_dir.as_deref(),
            &opts.base_dir,
            "prosody",
            CONFIG_FILE,
        )?;
        let mut last_error = None;
        let attempts = if opts.http_port.is_some() {
            1
        } else {
            PORT_ATTEMPTS
        };
        for _ in 0..attempts {
            let port = match opts.http_port {
                Some(port) => port,
                None => free_port()?,
            };
            match Self::start_once(&opts, &run_dir, &modules_dir, port) {
                Ok(prosody) => return Ok(prosody),
                Err(StartFailure::PortInUse(e)) => last_error = Some(e),
                Err(StartFailure::Other(e)) => return Err(e),
            }
        }
        Err(last_error.expect("at least one attempt"))
    }

    fn start_once(
        opts: &ProsodyOptions,
        run_dir: &Path,
        modules_dir: &Path,
        http_port: u16,
    ) -> Result<Prosody, StartFailure> {
        for sub in ["data", "certs"] {
            fs::create_dir_all(run_dir.join(sub))
                .map_err(io_err(format!("creating {}", run_dir.display())))?;
        }
        for log in ["prosody.log", "prosody.err", "stdout.log", "stderr.log"] {
            let _ = fs::remove_file(run_dir.join(log));
        }
        let config_path = run_dir.join(CONFIG_FILE);
        let config = render_config(opts, run_dir, modules_dir, http_port);
        fs::write(&config_path, config)
            .map_err(io_err(format!("writing {}", config_path.display())))?;

        let (child, guard) = spawn_prosody(&config_path, run_dir)?;
        let mut prosody = Prosody {
            pid: child.id(),
            child: Some(child),
            guard: Some(guard),
            http_port,
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
        let mut child = self.child.take().ok_or_else(|| Error::Io {
            context: "killing prosody".into(),
            source: io::Error::other("not running"),
        })?;
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
                return Err(Error::Io {
                    context: "starting prosody again".into(),
                    source: io::Error::other(format!("still running (pid {})", self.pid)),
                });
            }
        }
        let (child, guard) = spawn_prosody(&self.config_path, &self.run_dir)?;
        self.pid = child.id();
        self.child = Some(child);
        self.guard = Some(guard);
        let keep = std::mem::replace(&mut self.keep_run_dir, true);
        self.wait_ready(self.start_timeout).map_err(|e| match e {
            StartFailure::PortInUse(e) | StartFailure::Other(e) => e,
        })?;
        self.keep_run_dir = keep;
        Ok(())
    }

    fn wait_ready(&mut self, timeout: Duration) -> Result<(), StartFailure> {
        let deadline = Instant::now() + timeout;
        let socket = admin_socket_path(&self.run_dir);
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
        let mut out = String::new();
        for name in ["prosody.log", "prosody.err", "stderr.log"] {
            let text = fs::read_to_string(self.run_dir.join(name)).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                continue;
            }
            out.push_str(&format!("[{}]\n", self.run_dir.join(name).display()));
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

    /// `localhost`: registered users.
    pub fn user_domain(&self) -> &'static str {
        USER_DOMAIN
    }

    /// `anon.localhost`: anonymous viewers.
    pub fn anon_domain(&self) -> &'static str {
        ANON_DOMAIN
    }

    /// `room.localhost`: the MUC component.
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

    /// Whether the server process has exited (and how), without waiting.
    pub fn try_wait(&mut self) -> Result<Option<ExitStatus>, Error> {
        match self.child.as_mut() {
            Some(child) => child.try_wait().map_err(io_err("checking on prosody")),
            None => Err(Error::Io {
                context: "checking on prosody".into(),
                source: io::Error::other("already stopped"),
            }),
        }
    }

    /// Registers `user@localhost` (`prosodyctl register`). An existing account gets the new password.
    pub fn register(&self, user: &str, password: &str) -> Result<(), Error> {
        self.prosodyctl(
            &["register", user, USER_DOMAIN, password],
            &format!("prosodyctl register {user} {USER_DOMAIN} ***"),
        )
        .map(drop)
    }

    /// Runs one line in Prosody's admin shell (`prosodyctl shell LINE`) and returns what it printed.
    /// A line that returns `nil, "message"` or raises an error makes this fail.
    pub fn admin_shell(&self, line: &str) -> Result<String, Error> {
        self.prosodyctl(&["shell", line], &format!("prosodyctl shell {line}"))
    }

    /// Creates the room `local_part@room.localhost` through the admin shell (no XMPP client
    /// needed) and returns its JID. Fails if the room exists already.
    pub fn create_room(&self, local_part: &str, opts: &RoomOptions) -> Result<String, Error> {
        let jid = self.room_jid(local_part);
        let mut lua = vec![
            format!("local room, err = muc:create({})", lua_string(&jid)),
            "if not room then return nil, err end".to_owned(),
            format!("room:set_persistent({})", opts.persistent),
        ];
        if let Some(name) = &opts.name {
            lua.push(format!("room:set_name({})", lua_string(name)));
        }
        if let Some(length) = opts.history_length {
            lua.push(format!("room:set_historylength({length})"));
        }
        if let Some(roles) = &opts.presence_broadcast {
            lua.push(format!(
                "room:set_presence_broadcast({})",
                lua_role_set(roles)
            ));
        }
        let affiliations = opts
            .owners
            .iter()
            .map(|j| (j, "owner"))
            .chain(opts.admins.iter().map(|j| (j, "admin")));
        for (member, affiliation) in affiliations {
            let member = lua_string(member);
            lua.push(format!(
                "local ok, e1, e2 = room:set_affiliation(true, {member}, \"{affiliation}\") \
                 if not ok then return nil, \"{affiliation} \" .. {member} .. \": \" .. (e2 or e1 or \"refused\") end"
            ));
        }
        if let Some(subject) = &opts.subject {
            lua.push(format!(
                "room:set_subject(room.jid, {})",
                lua_string(subject)
            ));
        }
        if let Some(extra) = &opts.extra_lua {
            lua.push(format!("do {extra} end"));
        }
        lua.push("room:save(true)".to_owned());
        lua.push("return true, \"created \" .. room.jid".to_owned());
        self.admin_shell(&lua.join("; "))?;
        Ok(jid)
    }

    fn prosodyctl(&self, args: &[&str], shown: &str) -> Result<String, Error> {
        let output = Command::new("prosodyctl")
            .arg("--config")
            .arg(&self.config_path)
            .args(args)
            .current_dir(&self.run_dir)
            .stdin(Stdio::null())
            .output()
            .map_err(io_err("running prosodyctl"))?;
        command_result(&output, shown)
    }

    /// Stops the server (SIGTERM, then SIGKILL after the stop timeout) and waits for it.
    pub fn stop(mut self) -> Result<ExitStatus, Error> {
        let status = self.shutdown()?;
        self.cleanup();
        status.ok_or_else(|| Error::Io {
            context: "stopping prosody".into(),
            source: io::Error::other("already stopped"),
        })
    }

    fn shutdown(&mut self) -> Result<Option<ExitStatus>, Error> {
        let Some(mut child) = self.child.take() else {
            return Ok(None);
        };
        let result = terminate(&mut child, self.stop_timeout);
        // Only now release the spawning thread: its end would SIGKILL a server still running.
        self.guard.take();
        result
            .map(Some)
            .map_err(io_err(format!("stopping prosody (pid {})", self.pid)))
    }

    fn cleanup(&mut self) {
        clean_run_dir("Prosody", &self.run_dir, self.keep_run_dir);
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

/// Why one attempt to start a server failed: the port was taken (another port may do), or not.
pub(crate) enum StartFailure {
    PortInUse(Error),
    Other(Error),
}

impl From<Error> for StartFailure {
    fn from(e: Error) -> Self {
        StartFailure::Other(e)
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

/// SIGTERM, wait up to `timeout`, then SIGKILL.
fn terminate(child: &mut Child, timeout: Duration) -> io::Result<ExitStatus> {
    if let Some(status) = child.try_wait()? {
        return Ok(status);
    }
    // SAFETY: kill(2) on the pid of a child we have not reaped yet: it cannot name another process.
    if unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) } != 0 {
        return child.wait();
    }
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        thread::sleep(Duration::from_millis(10));
    }
    child.kill()?;
    child.wait()
}

/// Spawns `cmd` from a thread that lives until the returned sender is dropped. On Linux the
/// child gets SIGKILL when that thread ends, which also happens when the whole process dies.
fn spawn_tied_to_process(mut cmd: Command) -> io::Result<(Child, mpsc::Sender<()>)> {
    let (child_tx, child_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    thread::Builder::new()
        .name("prosody-guard".into())
        .spawn(move || {
            #[cfg(target_os = "linux")]
            {
                use std::os::unix::process::CommandExt;
                // SAFETY: getpid is async-signal-safe and has no preconditions.
                let parent = unsafe { libc::getpid() };
                // SAFETY: the closure only calls async-signal-safe functions (prctl, getppid, _exit, setpgid).
                unsafe {
                    cmd.pre_exec(move || {
                        if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0
                        {
                            return Err(io::Error::last_os_error());
                        }
                        if libc::getppid() != parent {
                            libc::_exit(1); // the parent died before prctl took effect
                        }
                        // Its own process group: a Ctrl-C in the terminal reaches the owner, which stops it.
                        if libc::setpgid(0, 0) != 0 {
                            return Err(io::Error::last_os_error());
                        }
                        Ok(())
                    });
                }
            }
            let spawned = cmd.spawn();
            let ok = spawned.is_ok();
            if child_tx.send(spawned).is_ok() && ok {
                let _ = release_rx.recv(); // returns once the sender is dropped
            }
        })?;
    let child = child_rx
        .recv()
        .map_err(|_| io::Error::other("the spawning thread died"))??;
    Ok((child, release_tx))
}

/// A stopped server's run directory goes, unless asked to keep it; after a failed test it stays,
/// with the server's logs, and says where it is.
pub(crate) fn clean_run_dir(server: &str, run_dir: &Path, keep: bool) {
    if thread::panicking() {
        eprintln!(
            "livechat-backend: {server}'s run directory kept for inspection: {}",
            run_dir.display()
        );
    } else if !keep {
        let _ = fs::remove_dir_all(run_dir);
    }
}

/// The run directory of one server: `run_dir` as given (cleared first, if it holds a previous run of
/// this server, recognised by its `config_file`), or a fresh `<base_dir>/<server>-<pid>-<n>-<stamp>`.
pub(crate) fn prepare_run_dir(
    run_dir: Option<&Path>,
    base_dir: &Path,
    server: &str,
    config_file: &str,
) -> Result<PathBuf, Error> {
    let dir = match run_dir {
        Some(dir) => {
            let dir = absolute(dir)?;
            if dir.exists() {
                let ours = dir.join(config_file).exists()
                    || fs::read_dir(&dir)
                        .map(|mut d| d.next().is_none())
                        .unwrap_or(false);
                if !ours {
                    return Err(Error::Io {
                        context: format!("using {} as {server}'s run directory", dir.display()),
                        source: io::Error::other(format!(
                            "it is not empty and holds no {config_file}"
                        )),
                    });
                }
                fs::remove_dir_all(&dir).map_err(io_err(format!("clearing {}", dir.display())))?;
            }
            dir
        }
        None => {
            static COUNTER: AtomicU32 = AtomicU32::new(0);
            let stamp = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() % 1_000_000)
                .unwrap_or(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            absolute(base_dir)?.join(format!("{server}-{}-{n}-{stamp}", std::process::id()))
        }
    };
    fs::create_dir_all(&dir).map_err(io_err(format!("creating {}", dir.display())))?;
    Ok(dir)
}

/// A finished tool's standard output, or an error carrying all it printed.
pub(crate) fn command_result(output: &std::process::Output, shown: &str) -> Result<String, Error> {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        Ok(stdout)
    } else {
        Err(Error::Command {
            command: shown.to_owned(),
            status: output.status.code(),
            output: format!("{stdout}{stderr}"),
        })
    }
}

pub(crate) fn absolute(path: &Path) -> Result<PathBuf, Error> {
    std::path::absolute(path).map_err(io_err(format!("resolving {}", path.display())))
}

fn admin_socket_path(run_dir: &Path) -> PathBuf {
    let path = run_dir.join("data/prosody.sock");
    if path.as_os_str().len() <= MAX_SOCKET_PATH {
        return path;
    }
    // Too long for a unix socket: fall back to a short name in the temp dir, unique to the run dir.
    let name = run_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    std::env::temp_dir().join(format!("livechat-{name}.sock"))
}

fn render_config(
    opts: &ProsodyOptions,
    run_dir: &Path,
    modules_dir: &Path,
    http_port: u16,
) -> String {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let presence = match &opts.presence_broadcast {
        Some(roles) => format!(
            "  muc_room_default_presence_broadcast = {}",
            lua_role_set(roles)
        ),
        None => String::new(),
    };
    let dir = run_dir.to_string_lossy();
    let anonymous_modules_disabled = opts
        .anonymous_modules_disabled
        .iter()
        .map(|m| lua_string(m))
        .collect::<Vec<_>>()
        .join("; ");
    let values: [(&str, String); 12] = [
        ("run_as_root", root.to_string()),
        ("run_dir", lua_escape(&dir)),
        (
            "admin_socket",
            lua_escape(&admin_socket_path(run_dir).to_string_lossy()),
        ),
        ("plugin_paths", lua_string(&modules_dir.to_string_lossy())),
        ("log_level", lua_escape(&opts.log_level)),
        ("http_port", http_port.to_string()),
        ("history_length", opts.history_length.to_string()),
        ("presence_broadcast", presence),
        ("log_presences", opts.log_presences.to_string()),
        ("anonymous_modules_disabled", anonymous_modules_disabled),
        ("extra_global", opts.extra_global_config.clone()),
        ("extra_muc", opts.extra_muc_config.clone()),
    ];
    let mut config = CONFIG_TEMPLATE.to_owned();
    for (key, value) in values {
        config = config.replace(&format!("{{{{{key}}}}}"), &value);
    }
    debug_assert!(
        !config.contains("{{"),
        "unfilled placeholder in prosody.cfg.lua.in"
    );
    config
}

/// The body of a Lua double-quoted string literal.
fn lua_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\{:03}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A Lua double-quoted string literal.
fn lua_string(s: &str) -> String {
    format!("\"{}\"", lua_escape(s))
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> Result<u16, Error> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(io_err("picking a free port on 127.0.0.1"))
}

/// A listener on 127.0.0.1:`port` (0: any free port) for a web server of the demo or the tests,
/// with Nagle's algorithm off on every connection it accepts (Linux copies the option from the
/// listener). With it on, a server that writes a response's head and body separately has the body
/// wait for the browser's delayed acknowledgement of the head, about 40 ms per file on loopback.
pub fn web_listener(port: u16) -> io::Result<TcpListener> {
    use std::os::fd::AsRawFd;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
    let on: libc::c_int = 1;
    // SAFETY: a valid socket descriptor, and a pointer to an int that outlives the call.
    let set = unsafe {
        libc::setsockopt(
            listener.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if set != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(listener)
}

/// Whether `GET /xmpp-websocket` answers with the server's WebSocket page, recognised by `marker`.
pub(crate) fn websocket_endpoint_answers(port: u16, marker: &str) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET {WS_PATH} HTTP/1.1\r\nHost: {USER_DOMAIN}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = Vec::new();
    let _ = stream.take(64 * 1024).read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    response.starts_with("HTTP/1.1 200") && response.contains(marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lua_strings_are_escaped() {
        assert_eq!(lua_string("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\001é\"");
    }

    #[test]
    fn config_has_no_placeholder_left() {
        let opts = ProsodyOptions {
            presence_broadcast: Some(vec![Role::Moderator]),
            ..Default::default()
        };
        let config = render_config(
            &opts,
            Path::new("/tmp/run"),
            Path::new("/usr/lib/prosody/modules"),
            5280,
        );
        assert!(!config.contains("{{"));
        assert!(config.contains("http_ports = { 5280 }"));
        assert!(config.contains("data_path = \"/tmp/run/data\""));
        assert!(config.contains("muc_room_default_presence_broadcast = { moderator = true }"));
    }

    #[test]
    fn a_web_listener_accepts_connections_without_nagle() {
        let listener = web_listener(0).unwrap();
        let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert!(accepted.nodelay().unwrap());
        assert_eq!(accepted.local_addr().unwrap().ip(), Ipv4Addr::LOCALHOST);
    }
}
