//! Who the session logs in as: the streamer's token, a PeerTube account (the plugin's
//! `authenticationUrl`), or an anonymous viewer, in that order of preference.
//!
//! A PeerTube user's temporary XMPP password comes from `GET authenticationUrl` with the
//! `Authorization` header the host page passes; the answer is `{jid, password, nickname}`. When
//! that fails and anonymous chat is on, the viewer still gets the chat, anonymously, and is told.

use livechat_core::jid::BareJid;
use livechat_core::Credentials;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Msg;
use crate::params::Params;
use crate::{platform, prefs};

/// How the session will log in.
#[derive(Clone, Debug)]
pub struct Login {
    pub credentials: Credentials,
    /// The nickname to join with; `None` is an automatic `Anonymous NNNNNN`.
    pub nickname: Option<String>,
    /// Logged in with an account (token or PeerTube user): the nickname is the account's and
    /// there is nothing to choose.
    pub account: bool,
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
            notice: None,
        });
    }
    let mut notice = None;
    if let Some(url) = &params.authentication_url {
        let header = params.authorization_header.as_ref().map(|h| h.0.as_str());
        match fetch_account(url, header).await {
            Ok(account) => {
                let nickname = account
                    .nickname
                    .filter(|n| !n.trim().is_empty())
                    .or_else(|| account.jid.node().map(|n| n.to_string()));
                return Ok(Login {
                    credentials: Credentials::Plain {
                        jid: account.jid,
                        password: account.password,
                    },
                    nickname,
                    account: true,
                    notice: None,
                });
            }
            Err(why) if params.anonymous_domain.is_some() => {
                notice = Some(Msg::new("login-fallback").arg("why", why));
            }
            Err(why) => return Err(Msg::new("login-failed").arg("why", why)),
        }
    }
    let Some(domain) = params.anonymous_domain.clone() else {
        return Err(Msg::new("login-needs-account"));
    };
    // An overlay only reads: it never takes the viewer's remembered nickname.
    let nickname = params.nickname.clone().or_else(|| {
        (!params.read_only.is_read_only())
            .then(prefs::local_storage)
            .flatten()
            .and_then(|s| prefs::recall_nick(&s, platform::now_ms() as f64))
    });
    Ok(Login {
        credentials: Credentials::Anonymous { domain },
        nickname,
        account: false,
        notice,
    })
}

/// What `authenticationUrl` answers for a logged-in user: `{jid, password, nickname}`.
struct Account {
    jid: BareJid,
    password: String,
    nickname: Option<String>,
}

/// `GET url` with the `Authorization` header; the reason for a failure, in a few words, never
/// with the header or the password.
async fn fetch_account(url: &str, authorization: Option<&str>) -> Result<Account, Msg> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    // Same-origin cookies only: the header is how PeerTube says who the user is.
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(|_| Msg::new("login-bad-request"))?;
    let _ = headers.set("Accept", "application/json");
    if let Some(authorization) = authorization {
        headers
            .set("Authorization", authorization)
            .map_err(|_| Msg::new("login-bad-header"))?;
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
            })
        }
        _ => Err(Msg::new("login-bad-answer")),
    }
}
