//! What the bench measures against: Prosody on loopback, one room with its history and its
//! moderator (a native client, who floods it later), and the web build served beside the demo's
//! watch page.

use std::path::Path;
use std::time::{Duration, Instant};

use livechat_backend::{Prosody, ProsodyOptions, RoomOptions};
use livechat_chromium::{paths, ChatUrl, Fixed, ServeOptions, StaticServer};
use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials, SessionState};
use livechat_native::NativeClient;

use crate::{e2s, stop, Args};

/// Messages in the room before any browser comes: each cold join waits for all of them.
pub const HISTORY: usize = 20;

/// How long the moderator may take to join, and the room to echo a message.
const BOT_WAIT: Duration = Duration::from_secs(10);

/// The room's owner, who posts the history and the flood.
const MODERATOR: (&str, &str) = ("streamer", "streamer-password");

pub struct Bench {
    pub args: Args,
    pub site: StaticServer,
    pub room: BareJid,
    pub ws_url: String,
    pub anon: String,
    /// `None` while it floods from its own thread.
    pub moderator: Option<NativeClient>,
    // Last: Prosody stops after everything that talks to it.
    pub prosody: Prosody,
}

/// The two ways a viewer's browser starts the chat, and the first without the gzipped wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: the iframe and "open in a new window" page; its boot script opens the chat
    /// server's socket while the wasm loads.
    Standalone,
    /// `www/watch.html`: a host page that imports `livechat.js` and calls `mount()`, as the watch
    /// page beside the video does.
    Watch,
    /// The standalone page with the wasm's gzipped twin blocked in the browser: the loader falls
    /// back to the plain wasm, which this server (like PeerTube's nginx) sends uncompressed.
    PlainWasm,
}

impl Page {
    pub const ALL: [Page; 3] = [Page::Standalone, Page::Watch, Page::PlainWasm];

    pub fn label(self) -> &'static str {
        match self {
            Page::Standalone => "standalone page (index.html)",
            Page::Watch => "watch page (www/watch.html: livechat.js, mount())",
            Page::PlainWasm => "standalone page, the plain wasm (its .gz twin blocked)",
        }
    }
}

impl Bench {
    /// Starts Prosody, creates the room with its history and serves `dist`.
    pub fn start(args: &Args, dist: &Path) -> Result<Bench, String> {
        let prosody = Prosody::start(ProsodyOptions {
            // Archive every flood message: the default quota (10,000 per room) would make Prosody
            // rewrite the room's archive near the end of a 10,000-message flood, a server hiccup
            // that is not the page's.
            extra_global_config: "storage_archive_item_limit = 1000000".into(),
            ..ProsodyOptions::default()
        })
        .map_err(|e| format!("cannot start Prosody: {e}"))?;
        let (room, moderator) = room_with_history(&prosody)?;
        let site = StaticServer::start_with(
            dist,
            ServeOptions {
                fixed: host_page_files()?,
                ..ServeOptions::default()
            },
        )
        .map_err(|e| format!("cannot serve {}: {e}", dist.display()))?;
        Ok(Bench {
            args: args.clone(),
            site,
            room,
            ws_url: prosody.ws_url(),
            anon: prosody.anon_domain().to_owned(),
            moderator: Some(moderator),
            prosody,
        })
    }

    pub fn page_url(&self, page: Page) -> String {
        let base = match page {
            Page::Standalone | Page::PlainWasm => self.site.url(),
            Page::Watch => format!("{}www/watch.html", self.site.url()),
        };
        ChatUrl::new(base)
            .with("room", self.room.to_string())
            .with("ws", self.ws_url.clone())
            .with("anon", self.anon.clone())
            .build()
    }

    /// Keeps the moderator's socket read while the harness waits on the browser.
    pub fn pump_moderator(&mut self, wait: Duration) {
        if let Some(m) = &mut self.moderator {
            let _ = m.pump(wait);
            m.take_events();
        }
    }

    /// Sleeps, the moderator pumped, until `duration` passed or a stop was asked.
    pub fn sleep(&mut self, duration: Duration) {
        let until = Instant::now() + duration;
        while Instant::now() < until && !stop::stopping() {
            self.pump_moderator(Duration::from_millis(20));
        }
    }
}

/// The room `bench`, owned by a registered moderator who is in it and has posted [`HISTORY`]
/// messages, each echoed before the next.
fn room_with_history(prosody: &Prosody) -> Result<(BareJid, NativeClient), String> {
    let (user, password) = MODERATOR;
    prosody.register(user, password).map_err(e2s)?;
    let room = prosody
        .create_room(
            "bench",
            &RoomOptions {
                owners: vec![prosody.user_jid(user)],
                ..RoomOptions::default()
            },
        )
        .map_err(|e| format!("cannot create the room: {e}"))?;
    let room: BareJid = room.parse().map_err(|e| format!("room JID: {e}"))?;
    let jid = prosody.user_jid(user).parse().map_err(|e| format!("{e}"))?;
    let mut config = Config::new(
        Credentials::Plain {
            jid,
            password: password.into(),
        },
        room.clone(),
    );
    config.nickname = Some("Streamer".into());
    let mut bot = NativeClient::connect(&prosody.ws_url(), config, 1)
        .map_err(|e| format!("the moderator cannot connect: {e}"))?;
    bot.run_until("the moderator joined", BOT_WAIT, |s, _| {
        s.state() == SessionState::Joined && s.room().am_moderator()
    })
    .map_err(e2s)?;
    for i in 1..=HISTORY {
        let body = format!(
            "History message {i} of {HISTORY}: welcome to the live, questions at the end please"
        );
        bot.command(|s| s.send_message(&body)).map_err(e2s)?;
        bot.run_until("history echoed", BOT_WAIT, |s, _| {
            s.room().log().messages().count() >= i
        })
        .map_err(e2s)?;
    }
    Ok((room, bot))
}

/// The demo host page and its scripts, served under `/www/` beside the build (as `cargo xtask demo`
/// serves them).
fn host_page_files() -> Result<Vec<Fixed>, String> {
    let www = paths::workspace_root().join("www");
    ["watch.html", "watch.js", "host.js", "demo.css"]
        .iter()
        .map(|name| {
            let path = www.join(name);
            Ok(Fixed {
                path: format!("/www/{name}"),
                content_type: livechat_backend::http::content_type(&path).to_owned(),
                body: std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?,
            })
        })
        .collect()
}
