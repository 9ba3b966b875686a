//! A test host that plays the PeerTube livechat plugin around our frontend, written from what the
//! plugin is documented to do (docs/peertube.md, PEERTUBE.md §1–2): it serves the build's plugin
//! layout under `/plugins/livechat/<version>/static/…`, relays the plugin's WebSocket path to
//! Prosody, answers the plugin's routes and serves PeerTube-like pages.
//!
//! Routes it plays (the plugin's, at the same paths):
//! - `GET /plugins/livechat/<version>/static/<dir>/…`: the files of `dist/peertube-plugin-livechat`
//!   (`static` → `dist/client/static`, `conversejs` → `dist/client/conversejs`, as the plugin's
//!   `package.json` maps them); another version is not found, as in PeerTube;
//! - `/plugins/livechat/<version>/ws/xmpp-websocket`: the WebSocket, relayed to Prosody;
//! - `GET /plugins/livechat/router/api/configuration/room/<roomKey>`: the room's parameters
//!   (`InitConverseJSParams`, the WebSocket given as a path), `{isError, code, message}` for an
//!   unknown room;
//! - `GET /plugins/livechat/router/webchat/room/<roomKey>`: the standalone page (see [`pages`]).
//!
//! And PeerTube's pages: `/w/<roomKey>` (a watch page, the chat beside the video),
//! `/p/livechat/room?room=<roomKey>` (the plugin's full page).
//!
//! Other modules add routes ([`Route`]): they are tried before the built-in ones, in the order
//! added, so a test can also replace one. Every request is logged ([`Logged`]), with the header
//! that says who asks.

pub mod pages;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use serde_json::{json, Value};

use livechat_backend::http::{HttpServer, Outcome};
pub use livechat_backend::http::{Request as HostRequest, Response as HostResponse};

/// A query value, form-encoded (`application/x-www-form-urlencoded`).
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The plugin version the host plays: its static files and WebSocket live under it.
pub const PLUGIN_VERSION: &str = "14.0.4";
/// The plugin's router (unversioned, as the plugin's client calls it).
pub const ROUTER: &str = "/plugins/livechat/router";

/// What a route does with a request.
pub type Handler = Arc<dyn Fn(&HostRequest) -> HostResponse + Send + Sync>;

/// A route another module adds: `method` and a path prefix.
#[derive(Clone)]
pub struct Route {
    pub method: String,
    pub prefix: String,
    pub handler: Handler,
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.prefix)
    }
}

impl Route {
    pub fn new(
        method: &str,
        prefix: &str,
        handler: impl Fn(&HostRequest) -> HostResponse + Send + Sync + 'static,
    ) -> Self {
        Route {
            method: method.to_owned(),
            prefix: prefix.to_owned(),
            handler: Arc::new(handler),
        }
    }

    fn matches(&self, request: &HostRequest) -> bool {
        self.method.eq_ignore_ascii_case(&request.method) && request.path.starts_with(&self.prefix)
    }
}

/// One request the host answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub method: String,
    pub path: String,
    pub query: String,
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
    pub status: u16,
}

/// Where the host finds its parts.
#[derive(Clone)]
pub struct HostOptions {
    /// The build's plugin layout (`<dist>/peertube-plugin-livechat`).
    pub layout: PathBuf,
    /// Prosody's WebSocket: address and path (`127.0.0.1:PORT`, `/xmpp-websocket`).
    pub prosody_ws: (SocketAddr, String),
    /// Routes tried before the built-in ones.
    pub routes: Vec<Route>,
}

struct Shared {
    layout: PathBuf,
    prosody_ws: (SocketAddr, String),
    routes: RwLock<Vec<Route>>,
    /// The parameters the configuration route gives, by room key.
    rooms: Mutex<HashMap<String, Value>>,
    log: Mutex<Vec<Logged>>,
    websockets: AtomicUsize,
}

/// The running host; stops when dropped.
pub struct PluginHost {
    shared: Arc<Shared>,
    server: HttpServer,
}

impl PluginHost {
    pub fn start(options: HostOptions) -> std::io::Result<Self> {
        if !options
            .layout
            .join("dist/client/conversejs/converse.min.js")
            .is_file()
        {
            return Err(std::io::Error::other(format!(
                "{} has no dist/client/conversejs/converse.min.js: build first (cargo xtask build)",
                options.layout.display()
            )));
        }
        let shared = Arc::new(Shared {
            layout: options.layout,
            prosody_ws: options.prosody_ws,
            routes: RwLock::new(options.routes),
            rooms: Mutex::new(HashMap::new()),
            log: Mutex::new(Vec::new()),
            websockets: AtomicUsize::new(0),
        });
        let server = {
            let shared = Arc::clone(&shared);
            HttpServer::start(move |request| shared.answer(request))?
        };
        Ok(PluginHost { shared, server })
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn origin(&self) -> String {
        format!("http://{}", self.server.addr())
    }

    /// `http://127.0.0.1:PORT<path>`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin())
    }

    /// Adds a route, tried after those added before it and before the built-in ones.
    pub fn add_route(&self, route: Route) {
        self.shared
            .routes
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push(route);
    }

    /// Makes `key` a room whose configuration route answers `params` (see [`room_params`]).
    pub fn set_room(&self, key: &str, params: Value) {
        self.shared.rooms().insert(key.to_owned(), params);
    }

    /// Changes one field of room `key`'s parameters.
    pub fn set_room_field(&self, key: &str, field: &str, value: Value) {
        let mut rooms = self.shared.rooms();
        let params = rooms
            .get_mut(key)
            .unwrap_or_else(|| panic!("no room {key} on the host"));
        params[field] = value;
    }

    /// Every request so far, in order.
    pub fn log(&self) -> Vec<Logged> {
        self.shared
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The requests whose path starts with `prefix`.
    pub fn requests_to(&self, prefix: &str) -> Vec<Logged> {
        self.log()
            .into_iter()
            .filter(|l| l.path.starts_with(prefix))
            .collect()
    }

    /// WebSockets relayed to Prosody so far.
    pub fn websockets_opened(&self) -> usize {
        self.shared.websockets.load(Ordering::SeqCst)
    }

    /// The plugin's static base, `/plugins/livechat/<version>/static/`.
    pub fn static_base() -> String {
        format!("/plugins/livechat/{PLUGIN_VERSION}/static/")
    }

    /// The WebSocket path the plugin gives (relative, as it does).
    pub fn websocket_path() -> String {
        format!("/plugins/livechat/{PLUGIN_VERSION}/ws/xmpp-websocket")
    }
}

/// The parameters the plugin's configuration route gives for a local room (`InitConverseJSParams`,
/// shared/lib/types.ts), with the WebSocket as a path on the host.
pub fn room_params(room: &str, anonymous_domain: Option<&str>, video_uuid: &str) -> Value {
    let base = PluginHost::static_base();
    json!({
        "peertubeVideoOriginalUrl": format!("/w/{video_uuid}"),
        "peertubeVideoUUID": video_uuid,
        "staticBaseUrl": base,
        "assetsPath": format!("{base}conversejs/"),
        "isRemoteChat": false,
        "localAnonymousJID": anonymous_domain,
        "remoteAnonymousJID": null,
        "remoteAnonymousXMPPServer": false,
        "remoteAuthenticatedXMPPServer": false,
        "room": room,
        "localBoshServiceUrl": format!("/plugins/livechat/{PLUGIN_VERSION}/router/http-bind"),
        "localWebsocketServiceUrl": PluginHost::websocket_path(),
        "remoteBoshServiceUrl": null,
        "remoteWebsocketServiceUrl": null,
        "authenticationUrl": format!("/plugins/livechat/{PLUGIN_VERSION}/router/api/auth"),
        "autoViewerMode": true,
        "theme": "peertube",
        "forceReadonly": false,
        "transparent": false,
        "forceDefaultHideMucParticipants": false,
    })
}

impl Shared {
    fn rooms(&self) -> std::sync::MutexGuard<'_, HashMap<String, Value>> {
        self.rooms.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn answer(&self, request: &HostRequest) -> Outcome {
        let outcome = self.route(request);
        let status = match &outcome {
            Outcome::Respond(response) => response.status,
            Outcome::Relay { .. } => 101,
        };
        self.log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Logged {
                method: request.method.clone(),
                path: request.path.clone(),
                query: request.query.clone(),
                authorization: request.header("authorization").map(str::to_owned),
                status,
            });
        outcome
    }

    fn route(&self, request: &HostRequest) -> Outcome {
        let added = self
            .routes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|r| r.matches(request))
            .cloned();
        if let Some(route) = added {
            return Outcome::Respond((route.handler)(request));
        }
        let path = request.path.as_str();
        if path == PluginHost::websocket_path() && request.is_websocket_upgrade() {
            self.websockets.fetch_add(1, Ordering::SeqCst);
            let (to, path) = self.prosody_ws.clone();
            return Outcome::Relay { to, path };
        }
        if request.method != "GET" {
            return Outcome::Respond(HostResponse::text(405, "GET only\n"));
        }
        let response = if let Some(rest) = path.strip_prefix(&PluginHost::static_base()) {
            self.static_file(rest, path)
        } else if let Some(key) = path.strip_prefix(&format!("{ROUTER}/api/configuration/room/")) {
            self.configuration(key)
        } else if let Some(key) = path.strip_prefix(&format!("{ROUTER}/webchat/room/")) {
            match self.rooms().get(key).cloned() {
                Some(params) => pages::standalone(request, params),
                None => HostResponse::not_found(path),
            }
        } else if let Some(key) = path.strip_prefix("/w/") {
            HostResponse::html(pages::watch_page(key))
        } else if path == "/p/livechat/room" {
            HostResponse::html(pages::full_page())
        } else if path == pages::CLIENT_SCRIPT {
            HostResponse::new(200, "text/javascript; charset=utf-8", pages::CLIENT_JS)
        } else {
            HostResponse::not_found(path)
        };
        Outcome::Respond(response)
    }

    /// `GET …/api/configuration/room/<key>`: the room's parameters, or the plugin's error object.
    fn configuration(&self, key: &str) -> HostResponse {
        match self.rooms().get(key) {
            Some(params) => HostResponse::json(params),
            None => {
                let mut response = HostResponse::json(json!({
                    "isError": true, "code": 404, "message": "Not found"
                }));
                response.status = 404;
                response
            }
        }
    }

    /// A file of the plugin's static dirs.
    fn static_file(&self, rest: &str, path: &str) -> HostResponse {
        let Some((dir, file)) = rest.split_once('/') else {
            return HostResponse::not_found(path);
        };
        let folder = match dir {
            "static" => "dist/client/static",
            "conversejs" => "dist/client/conversejs",
            _ => return HostResponse::not_found(path),
        };
        if file.split('/').any(|part| part.is_empty() || part == "..") {
            return HostResponse::not_found(path);
        }
        let full = self.layout.join(folder).join(file);
        HostResponse::file(&full).unwrap_or_else(|_| HostResponse::not_found(path))
    }
}
