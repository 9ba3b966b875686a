//! What can go wrong while starting, driving or stopping a server.

use std::fmt;
use std::io;

/// What went wrong while starting, driving or stopping Prosody, ejabberd or nginx.
#[derive(Debug)]
pub enum Error {
    /// A file or process operation failed.
    Io { context: String, source: io::Error },
    /// A package this crate needs is not installed.
    NotInstalled { what: String, hint: String },
    /// The server exited early, did not open its port in time, or could not bind it.
    Start { reason: String, log_tail: String },
    /// The server's command-line tool (`prosodyctl`, `ejabberdctl`) failed.
    Command {
        command: String,
        status: Option<i32>,
        output: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { context, source } => write!(f, "{context}: {source}"),
            Error::NotInstalled { what, hint } => write!(f, "{what} is not installed ({hint})"),
            Error::Start { reason, log_tail } => {
                write!(f, "the server did not start: {reason}")?;
                if !log_tail.is_empty() {
                    write!(f, "\n--- end of the server logs ---\n{log_tail}")?;
                }
                Ok(())
            }
            Error::Command {
                command,
                status,
                output,
            } => {
                match status {
                    Some(code) => write!(f, "`{command}` failed with exit code {code}")?,
                    None => write!(f, "`{command}` was killed by a signal")?,
                }
                if !output.trim().is_empty() {
                    write!(f, ":\n{}", output.trim_end())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Wraps an I/O error with what was being done, for `map_err`.
pub(crate) fn io_err(context: impl Into<String>) -> impl FnOnce(io::Error) -> Error {
    move |source| Error::Io {
        context: context.into(),
        source,
    }
}

/// An [`Error::Io`] whose cause is ours to say rather than the system's ("already stopped").
pub(crate) fn other_err(context: impl Into<String>, state: impl Into<String>) -> Error {
    Error::Io {
        context: context.into(),
        source: io::Error::other(state.into()),
    }
}
