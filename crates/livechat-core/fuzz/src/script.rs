//! The script the `session` target decodes from its input: the setup, then steps (a frame, a
//! timer, the socket, a command of the UI). Its shape is the corpus's encoding: changing it
//! changes what every corpus file means.

use arbitrary::{Arbitrary, Unstructured};
use livechat_core::Config;

use crate::frames::FrameSource;
use crate::recorded::{moderator_config, viewer_config, MODERATOR_SEED, VIEWER_SEED};

/// How the session is configured: one of the two recorded logins, with a few bounds changed.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The moderator's PLAIN login (stream management, commands) instead of the anonymous viewer.
    pub moderator: bool,
    /// `None` keeps the default (100); `Some(n)` makes pruning happen early (0 included).
    pub log_capacity: Option<u8>,
    /// Poll the room's disco#info at this interval (seconds) as well as on join.
    pub room_info_interval_s: Option<u8>,
    pub show_presence_lines: bool,
}

impl Setup {
    pub fn config(&self) -> (Config, u64) {
        let (mut config, seed) = if self.moderator {
            (moderator_config(), MODERATOR_SEED)
        } else {
            (viewer_config(), VIEWER_SEED)
        };
        if let Some(n) = self.log_capacity {
            config.log_capacity = n as usize;
        }
        config.room_info_interval_ms = self.room_info_interval_s.map(|s| s as u64 * 1000);
        config.show_presence_lines = self.show_presence_lines;
        (config, seed)
    }
}

/// Whom a moderator command aims at.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The n-th occupant by nickname.
    Occupant(u8),
    /// Ourselves.
    Own,
    Nick(String),
}

/// Which message a retraction aims at.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum MessageTarget {
    /// The stanza-id (else origin-id, else id) of the n-th message of the log.
    Log(u8),
    Id(String),
}

/// One step of the script: a frame, a timer, the socket, or a command of the UI.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Frame(FrameSource),
    /// The clock moves on and the timer fires.
    Timeout { advance_ms: u32 },
    /// The timer fires at the deadline the session asked for (or now, if that is past).
    FireDeadline,
    /// The socket closed.
    Closed,
    /// A new socket, after `advance_ms`.
    Restart { advance_ms: u16 },
    /// The UI leaves: unavailable presence and `<close/>`.
    Close,
    SendMessage(String),
    /// Retries the n-th outbox item.
    Retry(u8),
    /// Discards the n-th outbox item.
    Discard(u8),
    ChangeNick(String),
    Kick { target: Target, reason: Option<String> },
    Mute { target: Target, reason: Option<String> },
    Voice { target: Target, reason: Option<String> },
    Ban { target: Target, reason: Option<String> },
    Retract { target: MessageTarget, reason: Option<String> },
    SetSubject(String),
}

/// A whole input of the `session` target: the setup, then up to [`MAX_STEPS`] steps until the
/// bytes run out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    pub setup: Setup,
    pub steps: Vec<Step>,
}

pub const MAX_STEPS: usize = 512;

impl<'a> Arbitrary<'a> for Script {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let setup = Setup::arbitrary(u)?;
        let mut steps = Vec::new();
        while !u.is_empty() && steps.len() < MAX_STEPS {
            match Step::arbitrary(u) {
                Ok(step) => steps.push(step),
                Err(_) => break,
            }
        }
        Ok(Script { setup, steps })
    }

    fn arbitrary_take_rest(mut u: Unstructured<'a>) -> arbitrary::Result<Self> {
        Self::arbitrary(&mut u)
    }
}
