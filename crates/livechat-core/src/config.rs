//! What a session is told before it starts: who logs in, which room, and the bounds it keeps.

use crate::jid::BareJid;

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
            Credentials::Plain { jid, .. } => jid.domain(),
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
    /// What the automatic nicknames look like: they are counted, not listed.
    pub automatic_nicks: AutomaticNicks,
    /// Moderators may opt in to join and leave lines.
    pub show_presence_lines: bool,
    /// Ask the room's disco#info once joined (slow mode, moderation, occupant count).
    pub room_info_on_join: bool,
    /// Ask the room's disco#info again at this interval (milliseconds), for the occupant count of
    /// rooms that do not broadcast every presence; `None` asks once after joining. A minute by
    /// default: one small iq per viewer per minute, where a room that hides its viewers would
    /// otherwise show the count of the moment we joined for as long as we stay.
    pub room_info_interval_ms: Option<u64>,
}

impl Config {
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
            automatic_nicks: AutomaticNicks::default(),
            show_presence_lines: false,
            room_info_on_join: true,
            room_info_interval_ms: Some(60_000),
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

/// The automatic nicknames: a fixed prefix, then a number of exactly `digits` digits with no
/// leading zero (the plugin's `Anonymous 123456`). A prefix and a length, not a regular expression:
/// a regex engine was 19 KB of the browser's download (gzip) for this one test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutomaticNicks {
    pub prefix: String,
    /// 1 to 18 (more is taken as 18).
    pub digits: u32,
}

impl Default for AutomaticNicks {
    fn default() -> Self {
        AutomaticNicks {
            prefix: "Anonymous ".into(),
            digits: 6,
        }
    }
}

impl AutomaticNicks {
    /// Whether `nick` is one of these nicknames.
    pub fn matches(&self, nick: &str) -> bool {
        nick.strip_prefix(self.prefix.as_str()).is_some_and(|n| {
            n.len() == self.digits() as usize
                && n.bytes().all(|b| b.is_ascii_digit())
                && !n.starts_with('0')
        })
    }

    /// The nickname that `random` picks among these.
    pub fn draw(&self, random: u64) -> String {
        let low = 10u64.pow(self.digits() - 1);
        format!("{}{}", self.prefix, low + random % (low * 9))
    }

    fn digits(&self) -> u32 {
        self.digits.clamp(1, 18)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automatic_nicknames_are_the_plugins() {
        let nicks = AutomaticNicks::default();
        for random in [0, 1, 899_999, 900_000, u64::MAX] {
            let nick = nicks.draw(random);
            assert!(nicks.matches(&nick), "{nick}");
        }
        assert_eq!(nicks.draw(0), "Anonymous 100000");
        assert_eq!(nicks.draw(899_999), "Anonymous 999999");
        for other in [
            "Anonymous 12345",
            "Anonymous 1234567",
            "Anonymous 012345",
            "Anonymous 12345a",
            "anonymous 123456",
            "Anonymous 123456 ",
            "Anonymous １２３４５６",
            "Camille",
        ] {
            assert!(!nicks.matches(other), "{other}");
        }
        let short = AutomaticNicks {
            prefix: "Viewer-".into(),
            digits: 1,
        };
        assert!(short.matches(&short.draw(7)) && short.matches("Viewer-9"));
    }
}
