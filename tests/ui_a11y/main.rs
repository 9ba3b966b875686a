//! Accessibility of the three uses, in real Chromium against real Prosody, one theme per module:
//! - [`axe`]: axe-core finds nothing on the standalone chat (light, dark, cyberpunk), the
//!   nickname prompt, the moderator's menus, the PeerTube-like watch page, the third-party iframe
//!   and the OBS overlay;
//! - [`keyboard`]: every action can be done from the keyboard alone, in a sensible order, with a
//!   visible focus;
//! - [`screen_reader`]: a screen reader hears new messages (never the history) with their author,
//!   and the anonymous count and the connection state at a bounded rate;
//! - [`reflow`]: at 320 px wide and at 200 % zoom nothing scrolls sideways or is cut off; on a
//!   touch screen a tap outside the input does not focus it;
//! - [`motion_and_colour`]: reduced motion and the dark scheme are followed, and nickname colours
//!   are readable on the background they are drawn on;
//! - [`languages`]: the chat speaks the viewer's language and says so, and the viewer downloads
//!   only that language's texts.
//!
//! One test binary: the modules share the helpers below and link once.

mod axe;
mod keyboard;
mod languages;
mod motion_and_colour;
mod reflow;
mod screen_reader;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use livechat_e2e::{hooks, paths, ChatUrl, StaticServer, WebDriver, World};
use serde_json::{json, Value};

/// `n` history messages for the room.
fn history(n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| format!("History message {i}: welcome to the stream"))
        .collect()
}

/// Opens the standalone chat as an anonymous viewer and waits until it joined, shows the
/// `history` messages and the participants panel (open by default on a wide page).
fn open_chat(world: &mut World, history: usize) {
    let url = world.chat_url().build();
    world
        .page()
        .open(&url)
        .wait_joined()
        .wait_messages(history)
        .wait_present(hooks::PARTICIPANTS);
}

/// The demo host pages next to the web build, as `cargo xtask demo` serves them: `dist/` at `/`
/// and `www/` at `/www/`. A copy in a directory of its own, removed on drop.
struct HostSite {
    server: Option<StaticServer>,
    dir: PathBuf,
}

impl HostSite {
    fn start(dist: &Path) -> HostSite {
        // The tests of this binary run in parallel threads of one process: a directory each.
        static SITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("livechat-e2e-a11y-site-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(dist, &dir);
        copy_dir(&paths::workspace_root().join("www"), &dir.join("www"));
        let server = StaticServer::start(&dir)
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", dir.display()));
        HostSite {
            server: Some(server),
            dir,
        }
    }

    /// `www/<page>` with the world's room, WebSocket and anonymous domain in the query.
    fn page(&self, world: &World, page: &str) -> ChatUrl {
        let server = self.server.as_ref().expect("serving until dropped");
        world.chat_url_on(&format!("{}www/{page}", server.url()))
    }
}

impl Drop for HostSite {
    fn drop(&mut self) {
        drop(self.server.take());
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    }
}

/// The bot's socket answered for a while (the browser keeps going on its own meanwhile).
fn pump_for(world: &mut World, how_long: Duration) {
    let until = Instant::now() + how_long;
    while Instant::now() < until {
        let _ = world.moderator.pump(Duration::from_millis(50));
    }
}

fn cdp(driver: &WebDriver, command: &str, params: Value) {
    driver
        .cdp(command, params)
        .unwrap_or_else(|e| panic!("{command}: {e}"));
}

/// Emulates CSS media features (`prefers-color-scheme`, `prefers-reduced-motion`); none resets.
fn emulate_media(driver: &WebDriver, features: &[(&str, &str)]) {
    let features: Vec<Value> = features
        .iter()
        .map(|(name, value)| json!({ "name": name, "value": value }))
        .collect();
    cdp(
        driver,
        "Emulation.setEmulatedMedia",
        json!({ "features": features }),
    );
}

/// JavaScript helpers for WCAG contrast, for the scripts that check it: `parse` (a CSS colour
/// into numbers), `ratio` (of two colours) and `bgOf` (the opaque background an element is drawn
/// on).
const CONTRAST_JS: &str = r#"
    const parse = s => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const bgOf = e => { for (; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0.5) return c; } return [255, 255, 255]; };
"#;

/// Runs `script` (a function body) with the [`CONTRAST_JS`] helpers in scope.
fn run_with_contrast(driver: &WebDriver, script: &str) -> Value {
    driver
        .execute(&format!("{CONTRAST_JS}\n{script}"), vec![])
        .unwrap_or_else(|e| panic!("{e}"))
}
