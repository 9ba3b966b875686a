//! What a session is told before it starts: who logs in, which room, and the bounds it keeps.

use xmpp_parsers::jid::BareJid;

/// How the session authenticates.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// SASL ANONYMOUS on the plugin's anonymous virtual host (`anon.<host>`).
    Anonymous { domain: String },
    /// SASL PLAIN with what the plugin's `authenticationUrl` or the OBS token hand out.
    Plain { jid: BareJid, password: String },
}

// The password must never reach a log line.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Anonymous { domain } => write!(f, "Anonymous({domain})"),
            Credentials::Plain { jid, .. } => write!(f, "Plain({jid}, <password hidden>)"),
        }
    }
}

impl Credentials {
    /// The domain the stream is opened to.
    pub fn domain(&self) -> &str {
        match self {
            Credentials::Anonymous { domain } => domain,
            Credentials::Plain { jid, .. } => jid.domain().as_str(),
        }
    }
}

/// Everything a [`crate::Session`] needs to know; `Config::new` fills the plugin's defaults.
#[derive(Clone, Debug)]
pub struct Config {
    pub credentials: Credentials,
    /// The MUC room, `<video-uuid>@room.<host>`.
    pub room: BareJid,
    /// The nickname to join with; `None` joins as an automatic `Anonymous NNNNNN`.
    pub nickname: Option<String>,
    /// The resource asked for at bind time; `None` lets the server choose.
    pub resource: Option<String>,
    /// `<history maxstanzas=N/>` asked for on join: never the whole archive.
    pub history: u32,
    /// Keep-alive interval (milliseconds) between pings while the stream is idle.
    pub ping_interval_ms: u64,
    /// How long a ping may go unanswered before the connection counts as lost.
    pub ping_timeout_ms: u64,
    /// How many entries the message log keeps (the plugin prunes at 100).
    pub log_capacity: usize,
    /// Nicknames that match this pattern are counted, not listed.
    pub anonymous_pattern: String,
    /// Moderators may opt in to join and leave lines.
    pub show_presence_lines: bool,
    /// Ask the room's disco#info once joined (slow mode, moderation, occupant count).
    pub room_info_on_join: bool,
    /// Ask the room's disco#info again at this interval (milliseconds), for the occupant count of
    /// rooms that do not broadcast every presence; `None` asks once after joining.
    pub room_info_interval_ms: Option<u64>,
}

impl Config {
    pub const DEFAULT_ANONYMOUS_PATTERN: &'static str = r"^Anonymous \d{6}$";

    pub fn new(credentials: Credentials, room: BareJid) -> Self {
        Config {
            credentials,
            room,
            nickname: None,
            resource: None,
            history: 20,
            ping_interval_ms: 25_000,
            ping_timeout_ms: 20_000,
            log_capacity: 100,
            anonymous_pattern: Self::DEFAULT_ANONYMOUS_PATTERN.to_owned(),
            show_presence_lines: false,
            room_info_on_join: true,
            room_info_interval_ms: None,
        }
    }

    pub fn anonymous(domain: &str, room: BareJid) -> Self {
        Self::new(
            Credentials::Anonymous {
                domain: domain.to_owned(),
            },
            room,
        )
    }
}
