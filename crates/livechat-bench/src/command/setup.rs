//! What one run measures besides the client's profile: which server, how its room is configured,
//! what the room's archive holds before the storm, and how many viewers look away.

/// The server a run starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ServerKind {
    /// Debian's Prosody configured like the livechat plugin's.
    Prosody,
    /// Debian's ejabberd, one node.
    Ejabberd,
    /// Two ejabberd nodes clustered on loopback; viewers connect to both, one after the other.
    EjabberdCluster,
    /// Two Prosody instances federated on loopback, as two PeerTube instances: the room is on the
    /// first; every other viewer is a user of the second, logged in there, who reaches the room
    /// server-to-server (the plugin's remote chat for logged-in users); the others join the
    /// room's instance anonymously, as the plugin's anonymous viewers of a remote video do.
    ProsodyFederation,
}

impl ServerKind {
    pub fn name(self) -> &'static str {
        match self {
            ServerKind::Prosody => "prosody",
            ServerKind::Ejabberd => "ejabberd",
            ServerKind::EjabberdCluster => "ejabberd-cluster",
            ServerKind::ProsodyFederation => "prosody-federation",
        }
    }

    pub fn parse(name: &str) -> Result<ServerKind, String> {
        [
            ServerKind::Prosody,
            ServerKind::Ejabberd,
            ServerKind::EjabberdCluster,
            ServerKind::ProsodyFederation,
        ]
        .into_iter()
        .find(|s| s.name() == name)
        .ok_or_else(|| {
            format!(
                "unknown server {name} (prosody, ejabberd, ejabberd-cluster, prosody-federation)"
            )
        })
    }

    /// How the server's CPU time is counted, for the tables.
    pub fn cpu_source(self) -> &'static str {
        match self {
            ServerKind::Prosody => "the prosody process",
            ServerKind::Ejabberd => "its Erlang VM (beam.smp)",
            ServerKind::EjabberdCluster => "both nodes' Erlang VMs (beam.smp), summed",
            ServerKind::ProsodyFederation => "both instances' prosody processes, summed",
        }
    }
}

/// The room's and the server's set-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The livechat plugin's room and server configuration.
    Default,
    /// The room settings of the large-audience mode on the plugin's server configuration:
    /// presences of moderators and participants only, anonymous viewers join as visitors.
    LargeAudienceRoom,
    /// Those room settings and the server settings that go with them: Lua 5.4's generational
    /// garbage collector (the incremental one spent most of Prosody's time on short-lived login
    /// and stanza objects), no joins and leaves in the room archive, an anonymous host without
    /// the modules viewers never use (PEP, vCards, stream management, version, uptime), and the
    /// project's `mod_livechat_large_audience` (a join builds no presence for the viewers).
    LargeAudience,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Default => "default",
            Mode::LargeAudienceRoom => "large-audience room settings only (plugin server)",
            Mode::LargeAudience => "large-audience",
        }
    }

    /// The room hides viewers' presences: clients read the count from disco#info.
    pub fn room_settings(self) -> bool {
        self != Mode::Default
    }
}

/// Everything a run sets up but the profile: rows of the tables are one setup and one profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Setup {
    pub server: ServerKind,
    pub mode: Mode,
    /// Messages archived in the room before the storm.
    pub archive: u32,
    /// Share of the viewers, in percent, that say they are inactive (XEP-0352) once joined.
    pub inactive_percent: u8,
}

impl Setup {
    /// The setup in a few words, for table cells and headline figures.
    pub fn label(&self) -> String {
        let mut label = format!("{}, {} mode", self.server.name(), self.mode.name());
        if self.archive > 0 {
            label.push_str(&format!(", {} archived", self.archive));
        }
        if self.inactive_percent > 0 {
            label.push_str(&format!(", {} % inactive", self.inactive_percent));
        }
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_are_named_as_on_the_command_line() {
        for kind in [
            ServerKind::Prosody,
            ServerKind::Ejabberd,
            ServerKind::EjabberdCluster,
            ServerKind::ProsodyFederation,
        ] {
            assert_eq!(ServerKind::parse(kind.name()), Ok(kind));
        }
        assert!(ServerKind::parse("openfire")
            .unwrap_err()
            .contains("openfire"));
    }

    #[test]
    fn a_setup_says_what_differs_from_the_plain_storm() {
        let plain = Setup {
            server: ServerKind::Prosody,
            mode: Mode::Default,
            archive: 0,
            inactive_percent: 0,
        };
        assert_eq!(plain.label(), "prosody, default mode");
        let busy = Setup {
            server: ServerKind::EjabberdCluster,
            archive: 1000,
            inactive_percent: 80,
            ..plain
        };
        assert_eq!(
            busy.label(),
            "ejabberd-cluster, default mode, 1000 archived, 80 % inactive"
        );
    }
}
