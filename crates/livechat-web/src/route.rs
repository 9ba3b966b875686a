//! Which server the session connects to, and as whom: the video's room may live on another
//! instance (`isRemoteChat`, a federated video), as the plugin's frontend decides it.
//!
//! - The instance's own room: this instance's WebSocket, logged in as [`login`] says.
//! - Another instance's room, for a viewer with an account here (a PeerTube user, an external
//!   login, the streamer's token):
//!   - the remote accepts this instance's users (`remoteAuthenticatedXMPPServer`): log in with the
//!     account on **this** instance's WebSocket and join the remote room; this instance's server
//!     reaches it server-to-server ([`Way::ThroughLocalServer`]);
//!   - else, when the remote lets anonymous viewers in (`remoteAnonymousXMPPServer`): join
//!     anonymously on the **remote's** WebSocket (`remoteAnonymousJID`,
//!     `remoteWebsocketServiceUrl`), under the account's nickname ([`Way::RemoteAnonymous`]).
//! - Another instance's room, for a viewer without an account (or whose account could not be
//!   fetched): anonymously on the remote's WebSocket, when the remote allows it.
//! - Otherwise there is no way in, and the chat says so (the PeerTube adapter's `initConverse`
//!   rejects with that text).
//!
//! Anonymous viewers never go server-to-server: the plugin's servers refuse it, so an anonymous
//! viewer of a remote video always talks to the remote's own server.

use std::borrow::Cow;

use livechat_core::Credentials;

use crate::i18n::Msg;
use crate::login::{self, Login};
use crate::params::{Params, RemoteChat};
use crate::platform;

/// How the room is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// The instance's own room, on its own server.
    Local,
    /// Another instance's room, with this instance's account, through this instance's server.
    ThroughLocalServer,
    /// Another instance's room, anonymously, on that instance's server.
    RemoteAnonymous,
}

/// Where the session connects and how it logs in.
#[derive(Clone, Debug)]
pub struct Route {
    pub websocket_url: String,
    pub login: Login,
    pub way: Way,
}

/// The WebSocket the session will use when it is known before any login is fetched (then the
/// socket can open while the account is fetched); `None` when it depends on the login, or when
/// there is no way in.
pub fn websocket_before_login(params: &Params) -> Option<&str> {
    let Some(remote) = &params.remote else {
        return Some(&params.websocket_url);
    };
    if refusal(params, remote).is_some() {
        return None;
    }
    match (remote.authenticated_server, remote_anonymous(remote)) {
        // Accounts go through this server, everyone else to the remote: it depends.
        (true, Some(_)) => None,
        (true, None) => Some(&params.websocket_url),
        (false, Some((_, url))) => Some(url),
        (false, None) => None,
    }
}

/// Decides the route; fetches the account when the parameters ask for it (see [`login::resolve`]).
pub async fn resolve(params: &Params) -> Result<Route, Msg> {
    let login = login::resolve(&*params_for_login(params)?).await?;
    choose(params, login)
}

/// The route after the viewer logged in or out with an external account (see [`login::switch`]).
pub async fn switch(params: &Params) -> Result<Route, Msg> {
    let login = login::switch(&*params_for_login(params)?).await?;
    choose(params, login)
}

/// The parameters [`login`] decides with: the page's for the instance's own room; for a remote
/// room, accounts are still this instance's but an anonymous viewer is one of the remote's (or
/// none, when the remote has no anonymous access). Fails, before anything is fetched, when nobody
/// from here can get in: the remote takes neither anonymous viewers nor this instance's users, or
/// only users and the page gives no account to use.
pub fn params_for_login(params: &Params) -> Result<Cow<'_, Params>, Msg> {
    let Some(remote) = &params.remote else {
        return Ok(Cow::Borrowed(params));
    };
    if let Some(why) = refusal(params, remote) {
        return Err(why);
    }
    Ok(Cow::Owned(Params {
        anonymous_domain: remote_anonymous(remote).map(|(domain, _)| domain.to_owned()),
        ..params.clone()
    }))
}

/// Why nobody from here can get into the remote room, as far as the parameters tell.
fn refusal(params: &Params, remote: &RemoteChat) -> Option<Msg> {
    if remote_anonymous(remote).is_some() {
        None
    } else if !remote.authenticated_server {
        Some(Msg::new("remote-closed"))
    } else if params.token.is_none() && params.authentication_url.is_none() {
        Some(Msg::new("remote-needs-account"))
    } else {
        None
    }
}

/// The route for `login`, which [`login`] decided with [`params_for_login`]'s parameters.
pub fn choose(params: &Params, login: Login) -> Result<Route, Msg> {
    match &params.remote {
        None => Ok(Route {
            websocket_url: params.websocket_url.clone(),
            login,
            way: Way::Local,
        }),
        Some(remote) => choose_remote(params, remote, login),
    }
}

/// The remote's anonymous access, when it offers one: its domain and its WebSocket.
fn remote_anonymous(remote: &RemoteChat) -> Option<(&str, &str)> {
    match (&remote.anonymous_domain, &remote.websocket_url) {
        (Some(domain), Some(url)) if remote.anonymous_server => Some((domain, url)),
        _ => None,
    }
}

/// The route to a remote room for `login`: an account of this instance, or an anonymous viewer
/// of the remote.
fn choose_remote(params: &Params, remote: &RemoteChat, login: Login) -> Result<Route, Msg> {
    if login.account && remote.authenticated_server {
        return Ok(Route {
            websocket_url: params.websocket_url.clone(),
            login,
            way: Way::ThroughLocalServer,
        });
    }
    let Some((domain, url)) = remote_anonymous(remote) else {
        return Err(Msg::new("remote-closed"));
    };
    let login = if login.account {
        // The remote does not take this instance's users: its anonymous access, under the
        // account's nickname (a read-only viewer is a `Viewer NNNNNN` there, as any anonymous one).
        let nickname = if params.read_only.is_read_only() {
            Some(platform::viewer_nick())
        } else {
            login.nickname
        };
        Login {
            credentials: Credentials::Anonymous {
                domain: domain.to_owned(),
            },
            nickname,
            account: false,
            external: false,
            notice: Some(Msg::new("remote-anonymous-with-nick")),
        }
    } else {
        login
    };
    Ok(Route {
        websocket_url: url.to_owned(),
        login,
        way: Way::RemoteAnonymous,
    })
}
