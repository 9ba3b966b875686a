//! The chat as the PeerTube livechat plugin loads it: the build's plugin layout
//! (`dist/peertube-plugin-livechat`) served by a host that plays the plugin
//! (`livechat_e2e::plugin_host`), in Chromium, against Prosody. One module per way the plugin
//! shows its chat:
//! - [`watch`]: beside the video (`peertube-video`): the spinner, the close button, another video
//!   on the same page, rooms that cannot be reached;
//! - [`full_page`]: PeerTube's page of the chat (`peertube-fullpage`), for a logged-in user;
//! - [`standalone`]: the plugin's standalone page (`chat-only`): read-only with the theme's
//!   colours, the OBS overlay with the streamer's token, a nickname remembered by the plugin's
//!   frontend;
//! - [`external_login`]: the plugin's external login buttons, its popup and `authenticationUrl`'s
//!   external token header, logging out;
//! - [`federation`]: a video of another instance (remote chat), two instances each with its
//!   plugin and its Prosody, federated on loopback (a stage of its own).
//!
//! One test binary: the modules share the stage below and link once.

mod external_login;
mod federation;
mod full_page;
mod standalone;
mod watch;

use livechat_e2e::plugin_host::{room_params, HostOptions, HostResponse, PluginHost, Route};
use livechat_e2e::{ChatPage, World, WorldOptions};
use serde_json::json;

/// The video whose chat is the world's room.
const VIDEO: &str = "0b5d8c1e-8f7a-4c3e-9d2b-1a2b3c4d5e6f";
/// What the room's moderator said before the viewers came.
const HISTORY: &str = "Welcome to the live!";

/// PeerTube's token of the logged-in user, as PeerTube keeps it in localStorage.
const PEERTUBE_TOKEN: (&str, &str) = ("Bearer", "peertube-access-token");
/// That user's chat account, which the plugin's `authenticationUrl` gives.
const ACCOUNT: (&str, &str, &str) = ("camille", "camille-password", "Camille");

/// A world (Prosody, a room with its moderator and history, Chromium) and the plugin's host.
struct Stage {
    world: World,
    host: PluginHost,
}

impl Stage {
    fn start() -> Stage {
        let world = World::start(WorldOptions {
            history: vec![HISTORY.to_owned()],
            ..WorldOptions::default()
        });
        let port = world.prosody.http_port();
        let host = PluginHost::start(HostOptions {
            layout: world.dist.join("peertube-plugin-livechat"),
            prosody_ws: (
                ([127, 0, 0, 1], port).into(),
                livechat_backend::WS_PATH.to_owned(),
            ),
            routes: Vec::new(),
        })
        .unwrap_or_else(|e| panic!("cannot start the plugin's host: {e}"));
        host.set_room(
            VIDEO,
            room_params(
                &world.room.to_string(),
                Some(&world.anonymous_domain),
                VIDEO,
            ),
        );
        Stage { world, host }
    }

    /// The page object on the world's browser, the moderator bot pumped.
    fn page(&mut self) -> ChatPage<'_> {
        self.world.page()
    }

    /// The plugin's `authenticationUrl` answers the logged-in user's account for PeerTube's
    /// token, and 403 otherwise (registers the account).
    fn serve_accounts(&self) {
        let (user, password, nickname) = ACCOUNT;
        self.world
            .prosody
            .register(user, password)
            .unwrap_or_else(|e| panic!("cannot register {user}: {e}"));
        let jid = self.world.prosody.user_jid(user);
        let expected = format!("{} {}", PEERTUBE_TOKEN.0, PEERTUBE_TOKEN.1);
        let path = room_params("", None, "")["authenticationUrl"]
            .as_str()
            .unwrap()
            .to_owned();
        self.host
            .add_route(Route::new("GET", &path, move |request| {
                if request.header("authorization") == Some(expected.as_str()) {
                    HostResponse::json(json!({
                        "jid": jid, "password": password, "nickname": nickname, "type": "peertube"
                    }))
                } else {
                    HostResponse::text(403, "not logged in\n")
                }
            }));
    }

    /// Logs PeerTube's user in (the token in the host's localStorage) or out.
    fn peertube_login(&mut self, logged_in: bool) {
        let script = if logged_in {
            format!(
                "localStorage.setItem('token_type', '{}'); localStorage.setItem('access_token', '{}');",
                PEERTUBE_TOKEN.0, PEERTUBE_TOKEN.1
            )
        } else {
            "localStorage.removeItem('token_type'); localStorage.removeItem('access_token');".into()
        };
        self.page().run(&script, vec![]);
    }
}

/// Whether the element matching `inner` lies within the one matching `outer` (1 px of rounding).
fn fits_inside(page: &ChatPage<'_>, inner: &str, outer: &str) -> bool {
    let fits = page.run(
        r#"const [a, b] = [document.querySelector(arguments[0]), document.querySelector(arguments[1])]
            .map(e => e.getBoundingClientRect());
           return a.width > 0 && a.height > 0 && a.left >= b.left - 1 && a.top >= b.top - 1
               && a.right <= b.right + 1 && a.bottom <= b.bottom + 1;"#,
        vec![json!(inner), json!(outer)],
    );
    fits == json!(true)
}

/// The page's `window.hostChat`: what the played plugin called, and how `initConverse` ended.
fn host_chat(page: &ChatPage<'_>) -> serde_json::Value {
    page.eval("window.hostChat")
}
