//! The typed errors a session reports: each one says what failed and whether to retry.

use std::fmt;

/// Why a session could not go on (or why one stanza was refused).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionError {
    /// A frame that is not well-formed XML, or a stanza that does not parse. The session goes on.
    MalformedFrame { reason: String },
    /// The server ended the stream with `<stream:error>`.
    Stream {
        condition: String,
        text: Option<String>,
    },
    /// SASL failed: bad credentials, mechanism not offered, …
    Auth {
        condition: String,
        text: Option<String>,
    },
    /// The server offered nothing we can log in with.
    NoUsableMechanism { offered: Vec<String> },
    /// Resource binding was refused.
    Bind { condition: String },
    /// The room refused the join (other than a nickname conflict, which is an event of its own).
    Join {
        condition: String,
        text: Option<String>,
    },
    /// The room answered none of our join presences, each asked about and sent again: we are
    /// not in it (an answer that comes after all still joins).
    JoinUnanswered,
    /// The configured nickname or anonymous pattern is unusable.
    Config { reason: String },
    /// A ping went unanswered: the connection is gone even if the socket looks open.
    Timeout,
    /// The socket closed without a `<close/>` from the server.
    ConnectionLost,
}

impl SessionError {
    /// Whether reconnecting could help (a bad password will not get better by retrying).
    pub fn is_transient(&self) -> bool {
        match self {
            SessionError::Timeout | SessionError::ConnectionLost => true,
            SessionError::Stream { condition, .. } => matches!(
                condition.as_str(),
                "system-shutdown"
                    | "connection-timeout"
                    | "reset"
                    | "internal-server-error"
                    | "remote-connection-failed"
                    | "see-other-host"
            ),
            _ => false,
        }
    }
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = |t: &Option<String>| t.as_ref().map(|t| format!(": {t}")).unwrap_or_default();
        match self {
            SessionError::MalformedFrame { reason } => {
                write!(f, "malformed frame ignored: {reason}")
            }
            SessionError::Stream { condition, text: t } => {
                write!(f, "stream error {condition}{}", text(t))
            }
            SessionError::Auth { condition, text: t } => {
                write!(f, "login failed ({condition}){}", text(t))
            }
            SessionError::NoUsableMechanism { offered } => {
                write!(
                    f,
                    "the server offers no usable login method (offered: {})",
                    offered.join(", ")
                )
            }
            SessionError::Bind { condition } => write!(f, "resource binding failed ({condition})"),
            SessionError::Join { condition, text: t } => {
                write!(f, "cannot join the room ({condition}){}", text(t))
            }
            SessionError::JoinUnanswered => write!(f, "the room did not answer the join"),
            SessionError::Config { reason } => write!(f, "invalid configuration: {reason}"),
            SessionError::Timeout => write!(f, "the server stopped answering"),
            SessionError::ConnectionLost => write!(f, "the connection was lost"),
        }
    }
}

impl std::error::Error for SessionError {}
