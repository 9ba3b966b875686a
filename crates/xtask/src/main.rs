//! `cargo xtask setup | build | demo | test`: set-up, demo and tests of the lean PeerTube live chat.

mod bench;
mod bundle;
mod catalog_files;
mod doc_figures;
mod emoji_json;
mod emoji_picker;
mod files;
mod floor;
mod gzip_twin;
mod markdown;
mod plugin_layout;
mod results;
mod serve;
mod setup;
mod twiggy;
mod wasm_pipeline;
mod wasm_split;

use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use livechat_backend::{Prosody, ProsodyOptions, RoomOptions, ANON_DOMAIN};

pub const USAGE: &str = "\
usage: cargo xtask <command>

  setup   install what is missing (Rust wasm target, trunk, wasm-bindgen-cli, wasm-opt, Debian packages)
  build   setup, then build the web client into dist/ (trunk build --release) and report its size
  demo    setup, start Prosody with a demo room, build the web client and serve it on 127.0.0.1
          options: --no-build (serve the existing dist/), --port N (web server port, default 8000)
  test    setup, build the web client, run the native tests (with end-to-end) and the wasm tests
  bench size [--twiggy] [--floor]
          setup, build the web client, print every file a first visit downloads (raw, gzip -9, brotli,
          and from a server that compresses nothing) and what a reading viewer downloads before the
          first message shows;
          --twiggy: also what the wasm is made of, its largest items and bytes by crate (installs twiggy);
          --floor: also the smallest leptos page's wasm and glue, built the same way (crates/livechat-floor)
  bench storm --clients N [--profiles floor,lean,legacy] [--burst-ms MS] [--repeat R]
          [--server prosody,ejabberd,ejabberd-cluster,prosody-federation] [--archive 0,1000] [--vcards]
          [--inactive 0,80] [--large-audience [--reference]] [--timeout S] [--name NAME]
          the join storm against a fresh server per run, side by side: archived history, vCards with
          photos, inactive viewers, ejabberd alone and clustered, two Prosody instances federated;
          medians and spread over --repeat
          (`cargo xtask bench storm --help`: every option; see crates/livechat-bench)
  bench browser [--messages N] [--rate R] [--runs K] [--network KBIT,RTT_MS]
          setup, build the web client, then headless Chromium on a real Prosody: K cold joins (default 5)
          and a flood of N messages (default 10000) at R per second (default 200)
          (see crates/livechat-bench/src/bin/browser)
          Each bench that succeeds replaces its figures in docs/results/<bench>.md (size, storm, browser;
          storm --name NAME: storm-NAME.md, one file per configuration), then the README's figures and
          docs/performance.md's, which quote those files.
  bench figures
          the README's and docs/performance.md's figures again from docs/results/, without a run
  gzip-twin [DIR]
          write <name>.wasm.gz (Zopfli) beside each .wasm of DIR, which the loaders fetch
          (default $TRUNK_STAGING_DIR, release builds only)
  post-build [DIR]
          Trunk's post-build hook: the wasm split and optimised, the build's names into
          livechat.js and terser (node), the wasm's twin, then the PeerTube plugin's frontend
          in DIR/peertube-plugin-livechat/ (default $TRUNK_STAGING_DIR)";

const DEMO_USER: &str = "moderator";
const DEMO_PASSWORD: &str = "moderator-demo";
const DEMO_ROOM: &str = "demo";
const DEMO_PAGES: &[&str] = &["watch.html", "embed.html", "obs.html"];

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<livechat_backend::Error> for Error {
    fn from(e: livechat_backend::Error) -> Self {
        Error(e.to_string())
    }
}

pub fn fail(message: impl Into<String>) -> Error {
    Error(message.into())
}

fn main() -> ExitCode {
    setup::prepare_env();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::setup(),
        Some("build") => setup::setup().and_then(|()| build_web()).map(drop),
        Some("demo") => demo(&args[1..]),
        Some("test") => test(),
        Some("bench") => bench::bench(&args[1..]),
        Some("gzip-twin") => gzip_twin::run(&args[1..]),
        Some("post-build") => plugin_layout::post_build(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root.
pub fn root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir
        .parent()
        .and_then(Path::parent)
        .expect("crates/xtask inside the workspace")
        .to_path_buf()
}

/// Where project-local tools (wasm-opt from npm) are installed.
pub fn tools_dir() -> PathBuf {
    livechat_backend::target_dir().join("tools")
}

pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// The cargo that runs us, in the workspace root.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Runs a command with inherited output; fails unless it exits with 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .map_err(|e| fail(format!("cannot run {cmd:?}: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(fail(format!("{cmd:?} failed ({status})")))
    }
}

/// `trunk build --release` in the workspace root into `dist_dir()`; prints and returns what the
/// browser downloads.
pub fn build_web() -> Result<bundle::BundleReport> {
    let started = Instant::now();
    println!("build: trunk build --release");
    // The wasm split after linking (see wasm_split): cargo keeps the relocations and compiles the
    // split points, and the post-build hook splits.
    run(Command::new("trunk")
        .args(["build", "--release"])
        .env(wasm_split::RUSTFLAGS_ENV, wasm_split::RUSTFLAGS)
        .env(wasm_split::SPLIT_ENV, "1")
        .current_dir(root()))?;
    let dist = dist_dir();
    let report = bundle::bundle_report(&dist)
        .map_err(|e| fail(format!("reading {}: {e}", dist.display())))?;
    println!(
        "build: {} built in {:.1} s; what the browser downloads:",
        dist.display(),
        started.elapsed().as_secs_f64()
    );
    println!("{report}");
    Ok(report)
}

// ---------------------------------------------------------------------------------------------
// demo

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

fn stop_on_signals() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(
                signal,
                on_stop_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
            )
        };
    }
}

/// The query string of the chat page. The parameter names are those livechat-web reads.
pub fn chat_query(room: &str, ws_url: &str, anon_domain: &str) -> String {
    format!(
        "room={}&ws={}&anon={}",
        query_escape(room),
        query_escape(ws_url),
        query_escape(anon_domain)
    )
}

/// The standalone chat page served from dist/.
pub fn chat_page_url(base: &str, room: &str, ws_url: &str, anon_domain: &str) -> String {
    format!("{base}/?{}", chat_query(room, ws_url, anon_domain))
}

/// Percent-encodes what cannot stand in a query value; keeps `:`, `/` and `@` readable.
fn query_escape(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b':'
            | b'/'
            | b'@' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `preferred` if it is free on 127.0.0.1, else any free port.
fn port_or_free(preferred: u16) -> Result<u16> {
    if TcpListener::bind((Ipv4Addr::LOCALHOST, preferred)).is_ok() {
        return Ok(preferred);
    }
    Ok(livechat_backend::free_port()?)
}

fn demo(args: &[String]) -> Result<()> {
    let mut build = true;
    let mut web_port = 8000;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--port" => {
                web_port = args
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or_else(|| fail("--port needs a number"))?
            }
            other => return Err(fail(format!("unknown demo option {other}\n{USAGE}"))),
        }
    }
    setup::setup()?;
    stop_on_signals();

    let started = Instant::now();
    let mut prosody = Prosody::start(ProsodyOptions {
        run_dir: Some(livechat_backend::target_dir().join("demo/prosody")),
        keep_run_dir: true,
        http_port: Some(port_or_free(52800)?),
        ..ProsodyOptions::default()
    })?;
    println!(
        "demo: Prosody ready in {} ms (pid {}) at {}; logs in {}",
        started.elapsed().as_millis(),
        prosody.pid(),
        prosody.ws_url(),
        prosody.run_dir().display()
    );
    prosody.register(DEMO_USER, DEMO_PASSWORD)?;
    let room = prosody.create_room(
        DEMO_ROOM,
        &RoomOptions {
            owners: vec![prosody.user_jid(DEMO_USER)],
            name: Some("Demo live".into()),
            subject: Some("Welcome to the demo live chat".into()),
            ..RoomOptions::default()
        },
    )?;
    println!(
        "demo: room {room} created, owned by {} (password: {DEMO_PASSWORD})",
        prosody.user_jid(DEMO_USER)
    );

    if build && !STOP.load(Ordering::SeqCst) {
        if let Err(e) = build_web() {
            if STOP.load(Ordering::SeqCst) {
                return stop_demo(prosody, None);
            }
            return Err(e);
        }
    }
    if STOP.load(Ordering::SeqCst) {
        return stop_demo(prosody, None);
    }

    let site = serve::Site {
        dist: dist_dir(),
        www: root().join("www"),
    };
    let server = livechat_backend::web_listener(web_port)
        .or_else(|_| livechat_backend::web_listener(0))
        .and_then(|listener| serve::serve(listener, site))
        .map_err(|e| fail(format!("cannot serve on 127.0.0.1: {e}")))?;
    let port = server.addr().port();

    let base = format!("http://127.0.0.1:{port}");
    let query = chat_query(&room, &prosody.ws_url(), ANON_DOMAIN);
    println!();
    println!(
        "Chat page:       {}",
        chat_page_url(&base, &room, &prosody.ws_url(), ANON_DOMAIN)
    );
    for page in DEMO_PAGES {
        println!("Host page:       {base}/www/{page}?{query}");
    }
    println!(
        "Moderator login: {} / {DEMO_PASSWORD}",
        prosody.user_jid(DEMO_USER)
    );
    // The streamer's dock, as the plugin's long-term token link gives it (the page removes the
    // token from the address bar once read).
    println!(
        "Streamer dock:   {}#?j={}&p={}&n=Streamer",
        chat_page_url(&base, &room, &prosody.ws_url(), ANON_DOMAIN),
        query_escape(&prosody.user_jid(DEMO_USER)),
        query_escape(DEMO_PASSWORD)
    );
    println!("Viewers join anonymously through {ANON_DOMAIN}.");
    println!("Press Ctrl-C to stop.");

    while !STOP.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
        if let Some(status) = prosody.try_wait()? {
            STOP.store(true, Ordering::SeqCst);
            drop(server);
            return Err(fail(format!(
                "Prosody exited unexpectedly ({status})\n{}",
                prosody.log_tail()
            )));
        }
    }
    stop_demo(prosody, Some(server))
}

fn stop_demo(prosody: Prosody, server: Option<livechat_backend::http::HttpServer>) -> Result<()> {
    STOP.store(true, Ordering::SeqCst);
    println!("\ndemo: stopping");
    drop(server);
    let pid = prosody.pid();
    let status = prosody.stop()?;
    println!("demo: web server stopped; Prosody (pid {pid}) stopped ({status})");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// test

struct Outcome {
    name: &'static str,
    ok: bool,
    summary: String,
    seconds: f64,
    passed: u32,
    failed: u32,
}

#[derive(Default, Debug, PartialEq)]
struct Counts {
    runs: u32,
    passed: u32,
    failed: u32,
    ignored: u32,
}

impl Counts {
    /// Adds a libtest / wasm-bindgen-test-runner line `test result: ok. 7 passed; 0 failed; 1 ignored; …`.
    fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        self.runs += 1;
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            let (Some(n), Some(what)) = (
                words.next().and_then(|n| n.parse::<u32>().ok()),
                words.next(),
            ) else {
                continue;
            };
            match what {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "ignored" => self.ignored += n,
                _ => {}
            }
        }
    }
}

/// Runs a test command, echoing its output, and sums up its `test result:` lines.
fn test_step(name: &'static str, cmd: &mut Command) -> Outcome {
    println!("test: {name}: {cmd:?}");
    let started = Instant::now();
    let mut counts = Counts::default();
    let status = cmd.stdout(Stdio::piped()).spawn().and_then(|mut child| {
        let stdout = child.stdout.take().expect("piped stdout");
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            println!("{line}");
            counts.add_line(&line);
        }
        child.wait()
    });
    let seconds = started.elapsed().as_secs_f64();
    let (ok, summary) = match status {
        Err(e) => (false, format!("could not run: {e}")),
        Ok(status) => {
            let ok = status.success() && counts.failed == 0;
            let verdict = if ok { "ok" } else { "FAILED" };
            let summary = if counts.runs == 0 && ok {
                "ok: no tests".to_owned()
            } else if counts.runs == 0 {
                format!("FAILED ({status}) before any test ran")
            } else {
                format!(
                    "{verdict}: {} passed, {} failed, {} ignored ({} test binaries)",
                    counts.passed, counts.failed, counts.ignored, counts.runs
                )
            };
            (ok, summary)
        }
    };
    println!("test: {name}: {summary} in {seconds:.1} s");
    Outcome {
        name,
        ok,
        summary,
        seconds,
        passed: counts.passed,
        failed: counts.failed,
    }
}

fn test() -> Result<()> {
    setup::setup()?;
    let mut outcomes = Vec::new();

    let started = Instant::now();
    let build = build_web();
    let summary = match &build {
        Ok(r) => format!(
            "ok: {} files, {} bytes gzip -9",
            r.files.len(),
            r.total_gzip()
        ),
        Err(e) => format!("FAILED: {e}"),
    };
    println!("test: web client build: {summary}");
    outcomes.push(Outcome {
        name: "web client build",
        ok: build.is_ok(),
        summary,
        seconds: started.elapsed().as_secs_f64(),
        passed: 0,
        failed: 0,
    });

    // The end-to-end tests serve the build from LIVECHAT_DIST.
    outcomes.push(test_step(
        "native tests",
        cargo()
            // livechat-floor is a wasm page measured by `bench size --floor`, with nothing to test.
            .args([
                "test",
                "--workspace",
                "--exclude",
                "livechat-web",
                "--exclude",
                "livechat-floor",
            ])
            .env("LIVECHAT_DIST", dist_dir()),
    ));
    outcomes.push(test_step(
        "wasm tests",
        cargo()
            .args(["test", "-p", "livechat-web", "--target", setup::WASM_TARGET])
            // A test binary's whole run must end within this; the memory test floods the list
            // twice in a debug build, near the runner's default 20 s on a busy 2-core machine.
            .env("WASM_BINDGEN_TEST_TIMEOUT", "90"),
    ));

    println!("\ntest summary:");
    for o in &outcomes {
        println!("  {:<17} {:>7.1} s  {}", o.name, o.seconds, o.summary);
    }
    let passed: u32 = outcomes.iter().map(|o| o.passed).sum();
    let failed_tests: u32 = outcomes.iter().map(|o| o.failed).sum();
    println!("total: {passed} passed, {failed_tests} failed");
    let failed: Vec<&str> = outcomes.iter().filter(|o| !o.ok).map(|o| o.name).collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(fail(format!("failed: {}", failed.join(", "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_libtest_and_wasm_runner_summaries() {
        let mut counts = Counts::default();
        counts.add_line("test result: ok. 7 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 2.00s");
        counts.add_line(
            "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 filtered out; finished in 0.51s",
        );
        counts.add_line("test foo ... ok");
        assert_eq!(
            counts,
            Counts {
                runs: 2,
                passed: 10,
                failed: 2,
                ignored: 1
            }
        );
    }

    #[test]
    fn chat_page_url_carries_room_server_and_anonymous_domain() {
        let url = chat_page_url(
            "http://127.0.0.1:8000",
            "demo@room.localhost",
            "ws://127.0.0.1:52800/xmpp-websocket",
            "anon.localhost",
        );
        assert_eq!(
            url,
            "http://127.0.0.1:8000/?room=demo@room.localhost&ws=ws://127.0.0.1:52800/xmpp-websocket&anon=anon.localhost"
        );
        assert_eq!(query_escape("a b&c=d"), "a%20b%26c%3Dd");
    }
}
