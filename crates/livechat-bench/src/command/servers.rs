//! The server of one run, fresh every time: Prosody configured like the plugin's (with the
//! large-audience settings when asked), ejabberd, two ejabberd nodes in a cluster, or two Prosody
//! instances federated. Each has the storm's room, owned by the streamer, whose account the
//! moderator logs in with.

use livechat_backend::{
    Domains, Ejabberd, EjabberdCluster, EjabberdOptions, Federation, Prosody, ProsodyOptions, Role,
    RoomOptions,
};
use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials};

use super::setup::{Mode, ServerKind, Setup};
use crate::storm::{Endpoint, Login, ACCOUNT_PREFIX};

const STREAMER: &str = "streamer";
const STREAMER_PASSWORD: &str = "streamerpass";
const ROOM: &str = "storm";
/// The password of the second instance's users in a federated run.
const VIEWER_PASSWORD: &str = "viewerpass";
/// The second instance's domains in a federated run.
const SECOND_INSTANCE: &str = "b.localhost";

/// A running server and what the storm needs to know of it. Dropping it stops the server.
pub struct RunServer {
    /// Viewer `i` connects to `endpoints[i % len]`; the moderator to the first.
    pub endpoints: Vec<Endpoint>,
    /// The listening port of each WebSocket endpoint (the server's side of its clients' sockets).
    pub ws_ports: Vec<u16>,
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
    // Boxed: two servers' handles.
    Federation(Box<Federation>),
}

impl Running {
    /// The ejabberd nodes; none for Prosody.
    fn ejabberd_nodes(&self) -> &[Ejabberd] {
        match self {
            Running::Prosody(_) | Running::Federation(_) => &[],
            Running::Ejabberd(node) => std::slice::from_ref(node),
            Running::Cluster(cluster) => &cluster.nodes,
        }
    }
}

/// Starts the server of `setup` for `clients` viewers; `vcards`: Prosody answers anonymous
/// viewers' vCards with a photo.
pub fn start(setup: &Setup, vcards: bool, clients: usize) -> Result<RunServer, String> {
    let running = match setup.server {
        ServerKind::Prosody => Running::Prosody(start_prosody(setup.mode, vcards)?),
        ServerKind::ProsodyFederation => {
            Running::Federation(Box::new(start_federation(setup.mode, vcards, clients)?))
        }
        ServerKind::Ejabberd => Running::Ejabberd(
            Ejabberd::start(EjabberdOptions::default()).map_err(|e| e.to_string())?,
        ),
        ServerKind::EjabberdCluster => Running::Cluster(
            EjabberdCluster::start(2, EjabberdOptions::default()).map_err(|e| e.to_string())?,
        ),
    };
    let anonymous = |domain: &str| Login::Anonymous {
        domain: domain.to_owned(),
    };
    let (endpoints, pids, user, room) = match &running {
        Running::Prosody(prosody) => (
            vec![(
                prosody.ws_url(),
                prosody.http_port(),
                anonymous(prosody.anon_domain()),
            )],
            vec![prosody.pid()],
            prosody.user_jid(STREAMER),
            prosody.room_jid(ROOM),
        ),
        Running::Federation(federation) => {
            let Federation { a, b } = &**federation;
            (
                vec![
                    (a.ws_url(), a.http_port(), anonymous(a.anon_domain())),
                    (
                        b.ws_url(),
                        b.http_port(),
                        Login::Accounts {
                            domain: b.user_domain().to_owned(),
                            password: VIEWER_PASSWORD.into(),
                        },
                    ),
                ],
                vec![a.pid(), b.pid()],
                a.user_jid(STREAMER),
                a.room_jid(ROOM),
            )
        }
        ejabberd => {
            let nodes = ejabberd.ejabberd_nodes();
            // The accounts table is shared by a cluster's nodes.
            nodes[0]
                .register(STREAMER, STREAMER_PASSWORD)
                .map_err(|e| e.to_string())?;
            (
                nodes
                    .iter()
                    .map(|n| (n.ws_url(), n.http_port(), anonymous(n.anon_domain())))
                    .collect(),
                nodes.iter().map(Ejabberd::pid).collect(),
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
        ws_ports: endpoints.iter().map(|&(_, port, _)| port).collect(),
        endpoints: endpoints
            .into_iter()
            .map(|(ws_url, _, login)| Endpoint { ws_url, login })
            .collect(),
        moderator,
        pids,
        _server: running,
    })
}

/// Prosody with the storm's room made before any client joins (only registered users may
/// create one there).
fn start_prosody(mode: Mode, vcards: bool) -> Result<Prosody, String> {
    let prosody = Prosody::start(prosody_options(mode, vcards)).map_err(|e| e.to_string())?;
    set_up_room(&prosody, mode)?;
    Ok(prosody)
}

/// The room's instance as [`start_prosody`] starts it, and a second instance whose users are the
/// viewers that [`Login::Accounts`] logs in (one account per viewer, though half of them use it).
fn start_federation(mode: Mode, vcards: bool, clients: usize) -> Result<Federation, String> {
    let second = ProsodyOptions {
        domains: Domains::under(SECOND_INSTANCE),
        ..prosody_options(mode, false)
    };
    let federation =
        Federation::start(prosody_options(mode, vcards), second).map_err(|e| e.to_string())?;
    set_up_room(&federation.a, mode)?;
    // Every account in one line of the admin shell: `prosodyctl register` takes about a second
    // per account.
    let line = format!(
        ">local users = require 'core.usermanager'; for i = 0, {} do \
         assert(users.create_user('{ACCOUNT_PREFIX}' .. i, '{VIEWER_PASSWORD}', '{}')) end",
        clients.saturating_sub(1),
        federation.b.user_domain()
    );
    federation
        .b
        .admin_shell(&line)
        .map_err(|e| format!("the second instance's accounts: {e}"))?;
    Ok(federation)
}

/// The plugin's Prosody configuration, with the large-audience settings in that mode.
fn prosody_options(mode: Mode, vcards: bool) -> ProsodyOptions {
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
        options.large_audience = true;
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
    options
}

/// The streamer's account and the storm's room, owned by the streamer.
fn set_up_room(prosody: &Prosody, mode: Mode) -> Result<(), String> {
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
        .map(drop)
        .map_err(|e| e.to_string())
}
