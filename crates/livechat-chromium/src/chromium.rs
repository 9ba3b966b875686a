//! Headless Chromium under chromedriver, as a guard.
//!
//! [`Chromium::launch`] starts `chromedriver --port=<free port>` in a process group of its own,
//! waits for `/status` to say ready, and opens a WebDriver session on a fresh profile directory.
//! Chromium is started by chromedriver, so it lands in the same process group. On drop the guard
//! deletes the session, then ends the whole group (TERM, then KILL), then ends any process left
//! that still uses the guard's profile directory, and removes that directory. A test that panics
//! leaves no browser behind.
//!
//! Profile directories are named `livechat-chromium-<process id>-<n>` under the temp
//! directory; a launch also ends browsers left by an earlier process that was killed before
//! its guards could run (its process id is gone), and removes their directories.

use std::fs;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::webdriver::{DriverConnection, WebDriver, WebDriverError};

const PROFILE_PREFIX: &str = "livechat-chromium-";

/// How the browser is started.
#[derive(Clone, Debug)]
pub struct ChromiumOptions {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
    /// The page's viewport (and so the screenshots), in CSS pixels.
    pub width: u32,
    pub height: u32,
    /// How long chromedriver may take to answer `/status`, and Chromium to open the session.
    pub start_timeout: Duration,
    /// Page-load timeout for `navigate`.
    pub page_load_timeout: Duration,
    /// Extra command-line switches for Chromium.
    pub extra_args: Vec<String>,
    /// Switches chromedriver adds by default that this browser must not have, without the `--`
    /// (e.g. `disable-background-timer-throttling`, for a test of a background tab).
    pub exclude_switches: Vec<String>,
}

impl Default for ChromiumOptions {
    fn default() -> Self {
        ChromiumOptions {
            chromium: env_path("LIVECHAT_CHROMIUM", "/usr/bin/chromium"),
            chromedriver: env_path("LIVECHAT_CHROMEDRIVER", "/usr/bin/chromedriver"),
            width: 1280,
            height: 800,
            start_timeout: Duration::from_secs(20),
            page_load_timeout: Duration::from_secs(20),
            extra_args: Vec::new(),
            exclude_switches: Vec::new(),
        }
    }
}

impl ChromiumOptions {
    /// A browser whose hidden or background pages are throttled as in a real browser:
    /// chromedriver turns that throttling off by default.
    pub fn throttling_background_pages() -> Self {
        ChromiumOptions {
            exclude_switches: vec![
                "disable-background-timer-throttling".into(),
                "disable-backgrounding-occluded-windows".into(),
            ],
            ..ChromiumOptions::default()
        }
    }
}

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| default.into())
}

/// Whether this process runs as root (Chromium's sandbox refuses to start as root).
pub fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// The Chromium switches for a headless test browser with its profile in `profile`.
pub fn chromium_args(options: &ChromiumOptions, profile: &Path) -> Vec<String> {
    let mut args: Vec<String> = [
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        "--mute-audio",
        // The chat speaks the browser's language where the page does not say: the tests read
        // English whatever the machine's locale.
        "--lang=en-US",
        "--accept-lang=en-US",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    if running_as_root() {
        args.push("--no-sandbox".into());
    }
    args.push(format!(
        "--window-size={},{}",
        options.width, options.height
    ));
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(options.extra_args.iter().cloned());
    args
}

/// chromedriver, Chromium and one WebDriver session. Derefs to the [`WebDriver`].
pub struct Chromium {
    driver: Option<WebDriver>,
    chromedriver: Child,
    profile: PathBuf,
}

impl Chromium {
    pub fn launch() -> Result<Self, WebDriverError> {
        Self::launch_with(ChromiumOptions::default())
    }

    pub fn launch_with(options: ChromiumOptions) -> Result<Self, WebDriverError> {
        for (what, path) in [
            ("Chromium", &options.chromium),
            ("chromedriver", &options.chromedriver),
        ] {
            if !path.is_file() {
                return Err(WebDriverError::Io(std::io::Error::other(format!(
                    "{what} is not at {} (install Debian's `chromium` and `chromium-driver`, or set {})",
                    path.display(),
                    if what == "Chromium" { "LIVECHAT_CHROMIUM" } else { "LIVECHAT_CHROMEDRIVER" },
                ))));
            }
        }
        reap_orphans();
        let profile = new_profile_dir()?;
        let port = livechat_backend::free_port()
            .map_err(|e| WebDriverError::Io(std::io::Error::other(e.to_string())))?;
        let chromedriver = Command::new(&options.chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Chromium's crash handler leaves the process group (it forks twice and calls setsid);
            // with the config home inside the profile, its command line names the profile, so the
            // drop finds it. It also keeps the real ~/.config untouched.
            .env("XDG_CONFIG_HOME", profile.join("config"))
            .env("XDG_CACHE_HOME", profile.join("cache"))
            // Its own process group: Chromium and its helpers join it, and one kill ends them all.
            .process_group(0)
            .spawn()
            .map_err(|e| {
                let _ = fs::remove_dir_all(&profile);
                WebDriverError::Io(std::io::Error::other(format!(
                    "cannot start {}: {e}",
                    options.chromedriver.display()
                )))
            })?;
        // From here on, the guard's drop cleans up whatever happens.
        let mut guard = Chromium {
            driver: None,
            chromedriver,
            profile,
        };

        let connection = DriverConnection::new(format!("http://127.0.0.1:{port}"));
        let started = Instant::now();
        while !connection.is_ready() {
            if let Ok(Some(status)) = guard.chromedriver.try_wait() {
                return Err(WebDriverError::Io(std::io::Error::other(format!(
                    "chromedriver exited at start ({status})"
                ))));
            }
            if started.elapsed() > options.start_timeout {
                return Err(WebDriverError::Io(std::io::Error::other(format!(
                    "chromedriver did not report ready on port {port} within {:?}",
                    options.start_timeout
                ))));
            }
            std::thread::sleep(Duration::from_millis(50));
        }

        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": options.chromium,
                "args": chromium_args(&options, &guard.profile),
                "excludeSwitches": options.exclude_switches,
            },
            "goog:loggingPrefs": { "browser": "ALL" },
            "pageLoadStrategy": "normal",
        });
        let driver = connection.new_session(capabilities)?;
        driver.set_timeouts(options.page_load_timeout, Duration::from_secs(10))?;
        driver.set_viewport_size(options.width, options.height)?;
        guard.driver = Some(driver);
        Ok(guard)
    }

    /// The process group (and id) of chromedriver.
    pub fn process_group(&self) -> u32 {
        self.chromedriver.id()
    }

    /// The profile directory, unique to this browser.
    pub fn profile_dir(&self) -> &Path {
        &self.profile
    }
}

impl std::ops::Deref for Chromium {
    type Target = WebDriver;

    fn deref(&self) -> &WebDriver {
        self.driver
            .as_ref()
            .expect("the session exists once launch returned")
    }
}

impl std::ops::DerefMut for Chromium {
    fn deref_mut(&mut self) -> &mut WebDriver {
        self.driver
            .as_mut()
            .expect("the session exists once launch returned")
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // Politely first: chromedriver closes Chromium when the session ends.
        if let Some(mut driver) = self.driver.take() {
            let _ = driver.delete();
        }
        let group = self.chromedriver.id() as libc::pid_t;
        signal_group(group, libc::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline && group_alive(group) {
            let _ = self.chromedriver.try_wait();
            std::thread::sleep(Duration::from_millis(50));
        }
        signal_group(group, libc::SIGKILL);
        let _ = self.chromedriver.wait();
        // Anything that left the group (a helper that called setsid) still names our profile.
        kill_profile_users(&self.profile);
        let _ = fs::remove_dir_all(&self.profile);
    }
}

fn signal_group(group: libc::pid_t, signal: libc::c_int) {
    if group > 0 {
        // SAFETY: kill has no memory-safety preconditions; a negative pid names a process group.
        unsafe {
            libc::kill(-group, signal);
        }
    }
}

/// Whether a process of the group is still running. Zombies do not count: Chromium's helpers are
/// reparented to init once chromedriver is gone, and init reaps them in its own time.
pub fn group_alive(group: libc::pid_t) -> bool {
    group > 0
        && processes()
            .into_iter()
            .any(|p| p.pgid == group && p.state != 'Z')
}

fn new_profile_dir() -> std::io::Result<PathBuf> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("{PROFILE_PREFIX}{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A process as `/proc` shows it.
struct Process {
    pid: libc::pid_t,
    pgid: libc::pid_t,
    state: char,
    cmdline: String,
}

fn processes() -> Vec<Process> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid: libc::pid_t = entry.file_name().to_str()?.parse().ok()?;
            let stat = fs::read_to_string(entry.path().join("stat")).ok()?;
            // `pid (comm) state ppid pgrp …`: comm may contain spaces, so split after the last ')'.
            let rest = &stat[stat.rfind(')')? + 1..];
            let mut fields = rest.split_whitespace();
            let state = fields.next()?.chars().next()?;
            let _ppid = fields.next()?;
            let pgid = fields.next()?.parse().ok()?;
            let cmdline = fs::read(entry.path().join("cmdline"))
                .map(|raw| String::from_utf8_lossy(&raw).replace('\0', " "))
                .unwrap_or_default();
            Some(Process {
                pid,
                pgid,
                state,
                cmdline,
            })
        })
        .collect()
}

/// Ends (KILL) every process whose command line names `profile` (Chromium's `--user-data-dir`, a
/// crash handler's database in it). The directory name is unique to one guard.
fn kill_profile_users(profile: &Path) {
    let profile = profile.display().to_string();
    for p in processes() {
        if p.state != 'Z' && p.cmdline.contains(&profile) {
            // SAFETY: as above.
            unsafe {
                libc::kill(p.pid, libc::SIGKILL);
            }
        }
    }
}

/// Ends browsers (and removes profiles) left by earlier processes that no longer exist.
fn reap_orphans() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PROFILE_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<libc::pid_t>().ok())
        else {
            continue;
        };
        if Path::new(&format!("/proc/{owner}")).exists() {
            continue;
        }
        kill_profile_users(&entry.path());
        let _ = fs::remove_dir_all(entry.path());
    }
}
