//! Who the session logs in as: the streamer's token, an account (the plugin's
//! `authenticationUrl`), or an anonymous viewer, in that order of preference.
//!
//! An account's temporary XMPP password comes from `GET authenticationUrl`, which answers
//! `{jid, password, nickname, type}`. Who is asking is said by a header:
//! - PeerTube's `Authorization` header, when the host page passes one (a PeerTube user);
//! - else, when the page offers external logins (`externalAuthOIDC`, `externalAuth`), the token
//!   the external login's popup gave, kept in `sessionStorage` for the tab, in
//!   [`EXTERNAL_TOKEN_HEADER`]; without a token there is no account to ask for, as in the plugin;
//! - else no header at all (the host's own cookies say who, if anyone).
//!
//! When that fails and anonymous chat is on, the viewer still gets the chat, anonymously, and is
//! told. [`switch`] is the stricter variant for a viewer who just logged in or out with an
//! external account: it fails rather than falling back, and the session in place stays.

use livechat_core::jid::BareJid;
use livechat_core::Credentials;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Msg;
use crate::params::Params;
use crate::{platform, prefs};

/// Where the external login's token is kept: the plugin's `sessionStorage` key, so a viewer
/// logged in before the switch to this client stays logged in.
pub const EXTERNAL_TOKEN_KEY: &str = "peertube-plugin-livechat-external-auth-oidc-token";
/// The header that carries it to `authenticationUrl` (the plugin's name).
pub const EXTERNAL_TOKEN_HEADER: &str = "X-Peertube-Plugin-Livechat-External-Auth-OIDC-Token";
/// The account type `authenticationUrl` gives a PeerTube user (and by default); any other is an
/// external account, which can log out.
const PEERTUBE_ACCOUNT_TYPE: &str = "peertube";

/// How the session will log in.
#[derive(Clone, Debug)]
pub struct Login {
    pub credentials: Credentials,
    /// The nickname to join with; `None` is an automatic `Anonymous NNNNNN`.
    pub nickname: Option<String>,
    /// Logged in with an account (token or PeerTube user): the nickname is the account's and
    /// there is nothing to choose.
    pub account: bool,
    /// The account is an external one (the plugin's `type` other than `peertube`): the viewer can
    /// log out of it.
    pub external: bool,
    /// Something the viewer should know about how they were logged in.
    pub notice: Option<Msg>,
}

/// Decides how to log in; fetches the account when the parameters ask for it.
pub async fn resolve(params: &Params) -> Result<Login, Msg> {
    if let Some(token) = &params.token {
        return Ok(Login {
            credentials: Credentials::Plain {
                jid: token.jid.clone(),
                password: token.password.clone(),
            },
            nickname: Some(token.nickname()),
            account: true,
            external: false,
            notice: None,
        });
    }
    let mut notice = None;
    if let Some((url, asker)) = account_request(params) {
        match fetch_account(url, &asker).await {
            Ok(account) => return Ok(account.into_login()),
            Err(why) if params.anonymous_domain.is_some() => {
                notice = Some(Msg::new("login-fallback").arg("why", why));
            }
            Err(why) => return Err(Msg::new("login-failed").arg("why", why)),
        }
    }
    let mut login = anonymous(params)?;
    login.notice = notice;
    Ok(login)
}

/// The login after the viewer logged in or out with an external account: the account the stored
/// token gives, or anonymous without a token. Never falls back: a failure leaves the session in
/// place and says why.
pub async fn switch(params: &Params) -> Result<Login, Msg> {
    let url = params.authentication_url.as_deref();
    match (url, stored_external_token()) {
        (Some(url), Some(token)) => fetch_account(url, &Asker::External(token))
            .await
            .map(Account::into_login)
            .map_err(|why| Msg::new("login-failed").arg("why", why)),
        _ => anonymous(params),
    }
}

/// An anonymous viewer, under the nickname the page gives or the one remembered.
fn anonymous(params: &Params) -> Result<Login, Msg> {
    let Some(domain) = params.anonymous_domain.clone() else {
        return Err(Msg::new("login-needs-account"));
    };
    // A read-only viewer (OBS) joins as `Viewer NNNNNN`, as in the plugin, and never takes the
    // viewer's remembered nickname.
    let nickname = match params.nickname.clone() {
        Some(nickname) => Some(nickname),
        None if params.read_only.is_read_only() => Some(platform::viewer_nick()),
        None => {
            prefs::local_storage().and_then(|s| prefs::recall_nick(&s, platform::now_ms() as f64))
        }
    };
    Ok(Login {
        credentials: Credentials::Anonymous { domain },
        nickname,
        account: false,
        external: false,
        notice: None,
    })
}

/// Who asks `authenticationUrl` for an account.
enum Asker {
    /// PeerTube's `Authorization` header, as the host page passed it.
    Peertube(String),
    /// The external login's token.
    External(String),
    /// No header: the host's cookies, if anything, say who.
    Nobody,
}

/// Whether to ask `authenticationUrl` for an account, and with which header (see the module docs).
fn account_request(params: &Params) -> Option<(&str, Asker)> {
    let url = params.authentication_url.as_deref()?;
    let asker = match &params.authorization_header {
        Some(header) => Asker::Peertube(header.0.clone()),
        None if params.external_logins.is_empty() => Asker::Nobody,
        None => Asker::External(stored_external_token()?),
    };
    Some((url, asker))
}

/// The external login's token kept for this tab, if any.
pub fn stored_external_token() -> Option<String> {
    session_storage()?
        .get_item(EXTERNAL_TOKEN_KEY)
        .ok()
        .flatten()
        .filter(|token| !token.is_empty())
}

/// Keeps the external login's token for this tab; `false` when the browser refuses storage.
pub fn store_external_token(token: &str) -> bool {
    session_storage().is_some_and(|s| s.set_item(EXTERNAL_TOKEN_KEY, token).is_ok())
}

/// Forgets the external login's token (logging out, or the server refused it).
pub fn forget_external_token() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(EXTERNAL_TOKEN_KEY);
    }
}

/// The tab's `sessionStorage`, when the browser lets us use it (external logins need it).
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// What `authenticationUrl` answers for a logged-in user: `{jid, password, nickname, type}`.
struct Account {
    jid: BareJid,
    password: String,
    nickname: Option<String>,
    /// `type`: `peertube` (the default) or an external account's (`oidc`, …).
    kind: Option<String>,
}

impl Account {
    fn into_login(self) -> Login {
        let nickname = self
            .nickname
            .filter(|n| !n.trim().is_empty())
            .or_else(|| self.jid.node().map(|n| n.to_string()));
        Login {
            credentials: Credentials::Plain {
                jid: self.jid,
                password: self.password,
            },
            nickname,
            account: true,
            external: self.kind.is_some_and(|kind| kind != PEERTUBE_ACCOUNT_TYPE),
            notice: None,
        }
    }
}

/// `GET url` with the asker's header; the reason for a failure, in a few words, never with the
/// header, the token or the password. An external token the server refuses is forgotten: the
/// next visit starts anonymous instead of failing again.
async fn fetch_account(url: &str, asker: &Asker) -> Result<Account, Msg> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    // Same-origin cookies only: the header is how PeerTube says who the user is.
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(|_| Msg::new("login-bad-request"))?;
    let _ = headers.set("Accept", "application/json");
    match asker {
        Asker::Peertube(authorization) => headers
            .set("Authorization", authorization)
            .map_err(|_| Msg::new("login-bad-header"))?,
        Asker::External(token) => headers
            .set(EXTERNAL_TOKEN_HEADER, token)
            .map_err(|_| Msg::new("login-bad-token"))?,
        Asker::Nobody => {}
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init)
        .map_err(|_| Msg::new("login-bad-url"))?;
    let window = web_sys::window().ok_or_else(|| Msg::new("login-bad-request"))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| Msg::new("login-unreachable"))?
        .unchecked_into();
    if !response.ok() {
        if matches!(asker, Asker::External(_)) && matches!(response.status(), 401 | 403) {
            forget_external_token();
        }
        return Err(Msg::new("login-http-status").arg("status", response.status().to_string()));
    }
    let json = JsFuture::from(response.json().map_err(|_| Msg::new("login-bad-answer"))?)
        .await
        .map_err(|_| Msg::new("login-bad-answer"))?;
    let text = |name: &str| {
        js_sys::Reflect::get(&json, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let (jid, password) = (text("jid"), text("password"));
    match (jid.as_deref().map(str::parse::<BareJid>), password) {
        (Some(Ok(jid)), Some(password)) if jid.node().is_some() && !password.is_empty() => {
            Ok(Account {
                jid,
                password,
                nickname: text("nickname"),
                kind: text("type"),
            })
        }
        _ => Err(Msg::new("login-bad-answer")),
    }
}
