//! Everything one end-to-end test needs, started in one call and stopped in the right order.
//!
//! [`World::start`] checks that the web build exists (and fails the test with what to do if it
//! does not), starts Prosody, registers a moderator account whose bot creates the room and posts
//! the history, serves the web build, and launches headless Chromium. Dropping the world closes
//! the browser first, then the bot, the file server and Prosody.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use livechat_backend::{FeatureSettings, Prosody, ProsodyOptions};
use livechat_chromium::{paths, ChatUrl, Chromium, ChromiumOptions, StaticServer};
use livechat_core::jid::BareJid;
use livechat_native::NativeClient;

use crate::bots::{self, OWNER};
use crate::chat_page::ChatPage;

/// What to set up.
#[derive(Clone, Debug)]
pub struct WorldOptions {
    /// The moderator's nickname in the room.
    pub moderator_nick: String,
    /// Messages the moderator posts before the browser arrives (the room's history).
    pub history: Vec<String>,
    pub chromium: ChromiumOptions,
    /// The plugin's room features, server-wide (how fast polls run, the instance's terms).
    pub room_features: FeatureSettings,
}

impl Default for WorldOptions {
    fn default() -> Self {
        WorldOptions {
            moderator_nick: "Streamer".into(),
            history: Vec::new(),
            chromium: ChromiumOptions::default(),
            room_features: FeatureSettings::default(),
        }
    }
}

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

        let prosody = Prosody::start(ProsodyOptions {
            room_features: options.room_features.clone(),
            ..ProsodyOptions::default()
        })
        .unwrap_or_else(|e| panic!("cannot start Prosody: {e}"));
        let room = unique_room(&prosody);
        let anonymous_domain = prosody.anon_domain().to_owned();

        let moderator =
            bots::moderator_bot(&prosody, &room, &options.moderator_nick, &options.history);
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

    /// The chat in the world's browser, its waits keeping the moderator bot's socket read (it
    /// answers pings and reads the room while the browser is watched).
    pub fn page(&mut self) -> ChatPage<'_> {
        ChatPage::new(&self.browser).pumping(&mut self.moderator)
    }

    /// The chat in another browser, the moderator bot pumped the same way.
    pub fn page_in<'a>(&'a mut self, browser: &'a Chromium) -> ChatPage<'a> {
        ChatPage::new(browser).pumping(&mut self.moderator)
    }

    pub fn ws_url(&self) -> String {
        self.prosody.ws_url()
    }

    /// The chat page's URL with `room`, `ws` and `anon` set for this world.
    pub fn chat_url(&self) -> ChatUrl {
        self.chat_url_on(&self.site.url())
    }

    /// The same parameters on another page (a host page, another server's copy of the build).
    pub fn chat_url_on(&self, base: &str) -> ChatUrl {
        ChatUrl::new(base)
            .with("room", self.room.to_string())
            .with("ws", self.ws_url())
            .with("anon", self.anonymous_domain.clone())
    }

    /// The chat page for the room's owner, logged in by the streamer's token in the hash (as the
    /// OBS dock opens it), under `nick`.
    pub fn owner_url(&self, nick: &str) -> String {
        format!(
            "{}#?j={}&p={}&n={nick}",
            self.chat_url().build(),
            self.prosody.user_jid(OWNER.0).replace('@', "%40"),
            OWNER.1
        )
    }

    /// The moderator posts `body` and waits until the room echoes it back.
    pub fn moderator_says(&mut self, body: &str) {
        bots::say(&mut self.moderator, body);
    }

    /// An anonymous viewer in the room: under `nick`, or an automatic nickname without one.
    pub fn anonymous_chatter(&self, nick: Option<&str>, seed: u64) -> NativeClient {
        bots::anonymous_chatter(
            &self.ws_url(),
            &self.anonymous_domain,
            &self.room,
            nick,
            seed,
        )
    }

    /// A registered user `user` in the room under `nick`.
    pub fn registered_chatter(&self, user: &str, nick: &str) -> NativeClient {
        bots::registered_chatter(&self.prosody, &self.room, user, nick)
    }

    /// Saves `target/screenshots/<name>.png`, reports where, and returns the path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        ChatPage::new(&self.browser).screenshot(name)
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
