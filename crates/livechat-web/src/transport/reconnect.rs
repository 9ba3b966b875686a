//! When the link is lost: whether to try again, when, and whether the account needs a new
//! password first.
//!
//! A transient loss (`SessionError::is_transient`: the socket dropped, the keep-alive timed out)
//! is retried after `Backoff::next_delay_ms`, jittered, and reset once joined again. A refusal
//! that retrying cannot fix (a bad password, a ban) ends the attempts. One exception: the
//! plugin's account passwords are temporary, so an account that joined once and is then refused
//! fetches a new one (at most once per join) and logs in again with it.

use futures::channel::oneshot;
use livechat_core::{Backoff, Event, SessionError};

use crate::i18n::Msg;
use crate::params::Params;
use crate::route::{self, Route};

/// Reconnection delays: from 0.5 s, doubling, to at most 4 s, each jittered over its upper half.
/// The cap keeps a page within 5 s of its server coming back however long the outage was (with
/// the core's default 30 s cap, a page was back 7 s after a 6 s restart); a crowd comes back
/// spread over 2 s.
const RECONNECT_BASE_MS: u64 = 500;
const RECONNECT_CAP_MS: u64 = 4_000;

/// What to do once the link is gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Open a new socket after this many milliseconds.
    RetryIn(u64),
    /// Fetch the account's new password first (see [`fetch_login`]).
    Relogin,
    /// Retrying cannot help: the last error says why.
    GiveUp,
}

/// What the reconnection policy learns from the session's events.
pub struct Reconnect {
    backoff: Backoff,
    /// The last error, to decide whether retrying can help.
    last_error: Option<SessionError>,
    /// The session has been in the room at least once.
    joined_once: bool,
    /// The account's password was fetched again after a refusal (at most once per join).
    refetched: bool,
}

impl Default for Reconnect {
    fn default() -> Self {
        Self::new()
    }
}

impl Reconnect {
    pub fn new() -> Self {
        Reconnect {
            backoff: Backoff::new(RECONNECT_BASE_MS, RECONNECT_CAP_MS),
            last_error: None,
            joined_once: false,
            refetched: false,
        }
    }

    /// Reads the events that matter to it: joining (a good connection again) and errors.
    pub fn observe(&mut self, event: &Event) {
        match event {
            Event::Joined { .. } => {
                self.joined_once = true;
                self.refetched = false;
                self.backoff.reset();
            }
            // A malformed frame is skipped; the session goes on.
            Event::Error(SessionError::MalformedFrame { .. }) => {}
            Event::Error(error) => self.last_error = Some(error.clone()),
            _ => {}
        }
    }

    /// The socket did not open.
    pub fn connect_failed(&mut self) {
        self.last_error = Some(SessionError::ConnectionLost);
    }

    /// The link is gone: what next. `can_relogin`: the account comes from `authenticationUrl`,
    /// which can give a new password.
    pub fn after_loss(&mut self, can_relogin: bool) -> Next {
        let error = self.last_error.take();
        if matches!(error, Some(SessionError::Auth { .. }))
            && can_relogin
            && self.joined_once
            && !self.refetched
        {
            self.refetched = true;
            return Next::Relogin;
        }
        if error.as_ref().is_some_and(|e| !e.is_transient()) {
            return Next::GiveUp;
        }
        Next::RetryIn(self.backoff.next_delay_ms(js_sys::Math::random()))
    }

    /// Attempts since the connection was last good.
    pub fn attempts(&self) -> u32 {
        self.backoff.attempts()
    }
}

/// Fetches a login in the background: the account's again (`route::resolve`), or, for a
/// `switch`, the one the viewer just logged in or out to (`route::switch`), with the WebSocket it
/// connects to. The answer arrives on the receiver.
pub fn fetch_login(params: &Params, switch: bool) -> oneshot::Receiver<Result<Route, Msg>> {
    let params = params.clone();
    let (sender, receiver) = oneshot::channel();
    leptos::task::spawn_local(async move {
        let login = if switch {
            route::switch(&params).await
        } else {
            route::resolve(&params).await
        };
        let _ = sender.send(login);
    });
    receiver
}
