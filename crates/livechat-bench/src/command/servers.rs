//! The server of one run, fresh every time: Prosody configured like the plugin's (with the
//! large-audience settings when asked), ejabberd, or two ejabberd nodes in a cluster. Each has the
//! storm's room, owned by the streamer, whose account the moderator logs in with.

use livechat_backend::{
    Ejabberd, EjabberdCluster, EjabberdOptions, Prosody, ProsodyOptions, Role, RoomOptions,
};
use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials};

use super::setup::{Mode, ServerKind, Setup};

const STREAMER: &str = "streamer";
const STREAMER_PASSWORD: &str = "streamerpass";
const ROOM: &str = "storm";

/// A running server and what the storm needs to know of it. Dropping it stops the server.
pub struct RunServer {
    /// Viewer `i` connects to `ws_urls[i % len]`; the moderator to the first.
    pub ws_urls: Vec<String>,
    /// The listening port of each WebSocket endpoint (the server's side of its clients' sockets).
    pub ws_ports: Vec<u16>,
    pub anon_domain: String,
    /// The streamer, owner of the room (created by the streamer's join where joining creates
    /// it), who sends the fan-out message.
    pub moderator: Config,
    /// The processes whose CPU time and memory are the server's.
    pub pids: Vec<u32>,
    _server: Running,
}

/// The server itself, held until the run ends.
enum Running {
    Prosody(Prosody),
    Ejabberd(Ejabberd),
    Cluster(EjabberdCluster),
}

impl Running {
    /// The ejabberd nodes; none for Prosody.
    fn ejabberd_nodes(&self) -> &[Ejabberd] {
        match self {
            Running::Prosody(_) => &[],
            Running::Ejabberd(node) => std::slice::from_ref(node),
            Running::Cluster(cluster) => &cluster.nodes,
        }
    }
}

/// Starts the server of `setup`; `vcards`: Prosody answers anonymous viewers' vCards with a photo.
pub fn start(setup: &Setup, vcards: bool) -> Result<RunServer, String> {
    let running = match setup.server {
        ServerKind::Prosody => Running::Prosody(start_prosody(setup.mode, vcards)?),
        ServerKind::Ejabberd => Running::Ejabberd(
            Ejabberd::start(EjabberdOptions::default()).map_err(|e| e.to_string())?,
        ),
        ServerKind::EjabberdCluster => Running::Cluster(
            EjabberdCluster::start(2, EjabberdOptions::default()).map_err(|e| e.to_string())?,
        ),
    };
    let (endpoints, pids, anon_domain, user, room) = match &running {
        Running::Prosody(prosody) => (
            vec![(prosody.ws_url(), prosody.http_port())],
            vec![prosody.pid()],
            prosody.anon_domain().to_owned(),
            prosody.user_jid(STREAMER),
            prosody.room_jid(ROOM),
        ),
        ejabberd => {
            let nodes = ejabberd.ejabberd_nodes();
            // The accounts table is shared by a cluster's nodes.
            nodes[0]
                .register(STREAMER, STREAMER_PASSWORD)
                .map_err(|e| e.to_string())?;
            (
                nodes.iter().map(|n| (n.ws_url(), n.http_port())).collect(),
                nodes.iter().map(Ejabberd::pid).collect(),
                nodes[0].anon_domain().to_owned(),
                nodes[0].user_jid(STREAMER),
                nodes[0].room_jid(ROOM),
            )
        }
    };
    let room: BareJid = room.parse().map_err(|e| format!("{e}"))?;
    let mut moderator = Config::new(
        Credentials::Plain {
            jid: user.parse().map_err(|e| format!("{e}"))?,
            password: STREAMER_PASSWORD.into(),
        },
        room,
    );
    moderator.nickname = Some("Streamer".into());
    Ok(RunServer {
        ws_urls: endpoints.iter().map(|(url, _)| url.clone()).collect(),
        ws_ports: endpoints.iter().map(|&(_, port)| port).collect(),
        anon_domain,
        moderator,
        pids,
        _server: running,
    })
}

/// Prosody with the storm's room made before any client joins (only registered users may
/// create one there).
fn start_prosody(mode: Mode, vcards: bool) -> Result<Prosody, String> {
    // Thousands of viewers connect within seconds: a deep accept queue, as a real deployment has.
    let mut options = ProsodyOptions {
        extra_global_config: "network_settings = { tcp_backlog = 4096 }\n".into(),
        anonymous_vcard_photos: vcards,
        ..ProsodyOptions::default()
    };
    if mode == Mode::LargeAudience {
        options
            .extra_global_config
            .push_str("gc = { mode = \"generational\" }\n");
        options.log_presences = false;
        options.anonymous_modules_disabled.extend(
            [
                "pep",
                "vcard4",
                "vcard_legacy",
                "smacks",
                "version",
                "uptime",
            ]
            .map(String::from),
        );
    }
    let prosody = Prosody::start(options).map_err(|e| e.to_string())?;
    prosody
        .register(STREAMER, STREAMER_PASSWORD)
        .map_err(|e| e.to_string())?;
    let mut room_options = RoomOptions {
        owners: vec![prosody.user_jid(STREAMER)],
        ..RoomOptions::default()
    };
    if mode.room_settings() {
        // Presences of moderators and participants only; anonymous viewers join as visitors.
        room_options.presence_broadcast = Some(vec![Role::Moderator, Role::Participant]);
        room_options.extra_lua = Some("room:set_moderated(true)".into());
    }
    prosody
        .create_room(ROOM, &room_options)
        .map_err(|e| e.to_string())?;
    Ok(prosody)
}
