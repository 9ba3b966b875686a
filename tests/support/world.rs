//! Everything one end-to-end test needs, started in one call and stopped in the right order.
//!
//! [`World::start`] checks that the web build exists (and fails the test with what to do if it
//! does not), starts Prosody, registers a moderator account whose bot creates the room and posts
//! the history, serves the web build, and launches headless Chromium. Dropping the world closes
//! the browser first, then the bot, the file server and Prosody.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use livechat_backend::{Prosody, ProsodyOptions};
use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials, Event, SessionState};
use livechat_native::NativeClient;
use serde_json::Value;

use livechat_chromium::webdriver::is_truthy;
use livechat_chromium::{paths, ChatUrl, Chromium, ChromiumOptions, StaticServer};
use livechat_chromium::{WebDriver, WebDriverError};

/// How long the harness waits for the bot (join, echo of its own messages).
pub const BOT_WAIT: Duration = Duration::from_secs(10);

/// What to set up.
#[derive(Clone, Debug)]
pub struct WorldOptions {
    /// The moderator's nickname in the room.
    pub moderator_nick: String,
    /// Messages the moderator posts before the browser arrives (the room's history).
    pub history: Vec<String>,
    pub chromium: ChromiumOptions,
}

impl Default for WorldOptions {
    fn default() -> Self {
        WorldOptions {
            moderator_nick: "Streamer".into(),
            history: Vec::new(),
            chromium: ChromiumOptions::default(),
        }
    }
}

/// How long [`World::open`] waits for a page.
const OPEN_WAIT: Duration = Duration::from_secs(20);

/// A running Prosody with one room, its moderator bot, the web build on loopback and a browser.
///
/// Fields drop in declaration order: the browser leaves first, Prosody stops last.
pub struct World {
    pub browser: Chromium,
    /// The registered moderator who created the room (a [`NativeClient`]).
    pub moderator: NativeClient,
    pub site: StaticServer,
    pub room: BareJid,
    pub anonymous_domain: String,
    pub dist: PathBuf,
    pub prosody: Prosody,
}

impl World {
    /// Starts everything; panics with a clear message if something cannot start.
    pub fn start(options: WorldOptions) -> World {
        let started = Instant::now();
        // First, before starting anything: without a build there is nothing to test.
        let dist = paths::dist_dir();

        let prosody = Prosody::start(ProsodyOptions::default())
            .unwrap_or_else(|e| panic!("cannot start Prosody: {e}"));
        let room = unique_room(&prosody);
        let anonymous_domain = prosody.anon_domain().to_owned();

        let moderator = moderator_bot(&prosody, &room, &options.moderator_nick, &options.history);
        let site = StaticServer::start(&dist)
            .unwrap_or_else(|e| panic!("cannot serve {}: {e}", dist.display()));
        let browser = Chromium::launch_with(options.chromium)
            .unwrap_or_else(|e| panic!("cannot launch Chromium: {e}"));
        eprintln!(
            "e2e world ready in {:.1?}: room {room}, ws {}, site {}",
            started.elapsed(),
            prosody.ws_url(),
            site.url()
        );
        World {
            browser,
            moderator,
            site,
            room,
            anonymous_domain,
            dist,
            prosody,
        }
    }

    pub fn ws_url(&self) -> String {
        self.prosody.ws_url()
    }

    /// The chat page's URL with `room`, `ws` and `anon` set for this world.
    pub fn chat_url(&self) -> ChatUrl {
        ChatUrl::new(self.site.url())
            .with("room", self.room.to_string())
            .with("ws", self.ws_url())
            .with("anon", self.anonymous_domain.clone())
    }

    /// The moderator posts `body` and waits until the room echoes it back.
    pub fn moderator_says(&mut self, body: &str) {
        let before = self
            .moderator
            .session()
            .room()
            .log()
            .messages()
            .filter(|m| m.body == body)
            .count();
        self.moderator
            .command(|s| s.send_message(body))
            .unwrap_or_else(|e| panic!("the moderator cannot send: {e}"));
        self.moderator
            .run_until("the moderator's message echoed", BOT_WAIT, |s, _| {
                s.room().log().messages().filter(|m| m.body == body).count() > before
            })
            .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Like [`WebDriver::wait_for_js`], keeping the bot's socket pumped meanwhile (it answers
    /// pings and reads the room while the browser is watched).
    pub fn wait_for_js(
        &mut self,
        expression: &str,
        timeout: Duration,
    ) -> Result<Value, WebDriverError> {
        let World {
            browser, moderator, ..
        } = self;
        let driver: &WebDriver = browser;
        driver.wait_until(&format!("`{expression}`"), timeout, || {
            let _ = moderator.pump(Duration::from_millis(10));
            let value = match driver.eval(expression) {
                Ok(value) => value,
                Err(WebDriverError::Driver { .. }) => Value::Null,
                Err(e) => return Err(e),
            };
            Ok((is_truthy(&value), value))
        })
    }

    /// Opens `url` in the world's browser and waits (20 s at most, the bot pumped) until
    /// `until`, a JavaScript expression, holds; panics with `what` and the page's state if not.
    pub fn open(&mut self, url: &str, until: &str, what: &str) {
        self.browser.navigate(url).unwrap_or_else(|e| panic!("{e}"));
        self.wait_for_js(until, OPEN_WAIT)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
    }

    /// Saves `target/screenshots/<name>.png`, reports where, and returns the path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let path = self
            .browser
            .screenshot(name)
            .unwrap_or_else(|e| panic!("cannot take the screenshot {name}: {e}"));
        eprintln!("screenshot: {}", path.display());
        path
    }
}

/// A room name no other test of this run uses.
fn unique_room(prosody: &Prosody) -> BareJid {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    prosody
        .room_jid(&format!("e2e-{}-{n}", std::process::id()))
        .parse()
        .expect("a valid room JID")
}

/// Registers a moderator account, joins (which creates the room: anonymous users may not) and
/// posts `history`, each message echoed before the next.
pub fn moderator_bot(
    prosody: &Prosody,
    room: &BareJid,
    nick: &str,
    history: &[String],
) -> NativeClient {
    let user = "streamer";
    let password = "streamer-password";
    prosody
        .register(user, password)
        .unwrap_or_else(|e| panic!("cannot register {user}: {e}"));
    let mut config = Config::new(
        Credentials::Plain {
            jid: prosody.user_jid(user).parse().expect("a valid JID"),
            password: password.into(),
        },
        room.clone(),
    );
    config.nickname = Some(nick.to_owned());
    let mut bot = NativeClient::connect(&prosody.ws_url(), config, 1).unwrap_or_else(|e| {
        panic!(
            "the moderator bot cannot connect to {}: {e}",
            prosody.ws_url()
        )
    });
    bot.run_until("the moderator joined", BOT_WAIT, |s, _| {
        s.state() == SessionState::Joined && s.room().me().is_some()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let created = bot
        .events()
        .iter()
        .any(|e| matches!(e, Event::Joined { created: true, .. }));
    assert!(
        created && bot.session().room().am_moderator(),
        "the bot should have created {room} and moderate it; events: {:?}",
        bot.events()
    );
    for (i, body) in history.iter().enumerate() {
        bot.command(|s| s.send_message(body))
            .unwrap_or_else(|e| panic!("{e}"));
        bot.run_until("history echoed", BOT_WAIT, |s, _| {
            s.room().log().messages().count() > i
        })
        .unwrap_or_else(|e| panic!("{e}"));
    }
    bot
}
