//! External logins end to end: a host page mounts the chat with the plugin's `externalAuthOIDC`
//! buttons; the host plays the plugin's login routes: the popup's `…/oidc/<type>/connect` (which
//! goes to the provider and back to `…/cb`, here at once) and `authenticationUrl`, which accepts
//! the external token header and answers for a real registered Prosody account.
//!
//! The viewer clicks a button, the popup answers through `window.opener.externalAuthGetResult`,
//! and the chat joins under the account without reloading; a reload joins as the account at once;
//! "Log out" goes back to anonymous; a refused login shows the provider's message.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use livechat_e2e::axe;
use livechat_e2e::bots::BOT_WAIT;
use livechat_e2e::{hooks, js, static_server, World, WorldOptions};
use serde_json::{json, Value};
use tiny_http::{Header, Request, Response, Server};

/// The plugin's paths, as it gives them (`authenticationUrl` under the versioned router, the
/// login popups under the unversioned one).
const AUTH_PATH: &str = "/plugins/livechat/14.0.4/router/api/auth";
const OIDC_PREFIX: &str = "/plugins/livechat/router/oidc/";
const TOKEN_HEADER: &str = "X-Peertube-Plugin-Livechat-External-Auth-OIDC-Token";
const TOKEN_KEY: &str = "peertube-plugin-livechat-external-auth-oidc-token";

const LOGIN_BUTTON: &str = ".lc-external-login-button";
const LOGIN_ERROR: &str = ".lc-external-login-error";
const LOGOUT: &str = "button.lc-logout";

/// The registered account the external login stands for.
struct Account {
    jid: String,
    password: String,
    nickname: String,
    /// What the popup hands over and `authenticationUrl` accepts.
    token: String,
}

/// One request to `authenticationUrl`: the two headers that say who asks.
#[derive(Clone, Debug, PartialEq, Eq)]
struct AuthRequest {
    authorization: Option<String>,
    token: Option<String>,
}

#[test]
fn a_viewer_logs_in_with_an_external_account_stays_logged_in_on_reload_and_logs_out() {
    let mut world = World::start(WorldOptions::default());
    let account = Account {
        jid: world.prosody.user_jid("oidc-alice"),
        password: "oidc-alice-temporary".into(),
        nickname: "Alice Oidc".into(),
        token: format!("opaque-token-{}", std::process::id()),
    };
    world
        .prosody
        .register("oidc-alice", &account.password)
        .unwrap_or_else(|e| panic!("{e}"));
    let host = LoginHost::start(&world.dist, account);
    let params = json!({
        "room": world.room.to_string(),
        "localWebsocketServiceUrl": world.ws_url(),
        "localAnonymousJID": world.anonymous_domain,
        "authenticationUrl": host.url(AUTH_PATH),
        "externalAuthOIDC": [
            {"type": "google", "buttonLabel": "Log in with Google",
             "url": host.url(&format!("{OIDC_PREFIX}google/connect"))},
            {"type": "custom", "buttonLabel": "Log in with <em>Keycloak</em>",
             "url": host.url(&format!("{OIDC_PREFIX}custom/connect"))},
        ],
    });
    host.set_page(&params);
    let page_url = host.url("/watch.html");

    // Anonymous: no token, so no account is asked for; the buttons, custom first, as text.
    world.page().open(&page_url).wait_joined();
    assert!(nick_of(&mut world).starts_with("Anonymous "));
    let labels = world.page().eval(&format!(
        "Array.from(document.querySelectorAll({})).map(b => b.textContent)",
        json!(LOGIN_BUTTON)
    ));
    assert_eq!(
        labels,
        json!(["Log in with <em>Keycloak</em>", "Log in with Google"])
    );
    assert!(
        host.auth_requests().is_empty(),
        "{:?}",
        host.auth_requests()
    );
    world.screenshot("external-login-anonymous");
    axe::assert_no_axe_violations(&world.browser, "external login buttons");

    // A refused login: the provider's message, as text, beside the buttons; still anonymous.
    click_login(&mut world, "Log in with Google");
    world.page().wait_present(LOGIN_ERROR);
    assert_eq!(
        world.page().text_of(LOGIN_ERROR),
        json!("The login did not succeed: Your <b>Google</b> account is not allowed here")
    );
    assert_eq!(stored_token(&mut world), Value::Null);
    assert!(!callback_set(&mut world), "the callback answered once");
    assert!(host.auth_requests().is_empty());
    world.screenshot("external-login-refused");
    axe::assert_no_axe_violations(&world.browser, "external login refused");

    // The login succeeds: the token is kept, sent in the plugin's header, and the chat joins
    // under the account without reloading the page.
    world.page().run("window.__samePage = true", Vec::new());
    click_login(&mut world, "Log in with <em>Keycloak</em>");
    let nickname = host.account.nickname.clone();
    world.page().wait_joined_as(&nickname).wait_present(LOGOUT);
    assert_eq!(stored_token(&mut world), json!(host.account.token));
    assert_eq!(
        host.auth_requests(),
        [AuthRequest {
            authorization: None,
            token: Some(host.account.token.clone())
        }]
    );
    assert_eq!(world.page().eval("window.__samePage === true"), json!(true));
    assert!(!callback_set(&mut world));
    assert!(!world.page().has(LOGIN_BUTTON), "no buttons for an account");
    // The token is the plugin's to keep; the account's password stays in memory only.
    let kept = world.page().eval(
        "document.documentElement.outerHTML + JSON.stringify(sessionStorage) + JSON.stringify(localStorage)",
    );
    assert!(!kept.to_string().contains(&host.account.password), "{kept}");
    // The focus went from the button the viewer used to the control that took its place.
    assert_eq!(
        world
            .page()
            .eval("document.activeElement.classList.contains('lc-logout')"),
        json!(true)
    );
    world.page().send("hello from an external account");
    world
        .moderator
        .run_until("the account's message", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.nick == nickname && m.body == "hello from an external account")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    world.screenshot("external-login-logged-in");
    axe::assert_no_axe_violations(&world.browser, "logged in with an external account");

    // A reload in the same tab: the stored token logs in at once.
    world.page().open(&page_url).wait_joined_as(&nickname);
    assert_eq!(host.auth_requests().len(), 2);
    assert_eq!(
        host.auth_requests()[1].token.as_deref(),
        Some(host.account.token.as_str())
    );

    // Log out: the token is forgotten, and the chat is anonymous again, in the same page.
    world.page().run("window.__samePage = true", Vec::new());
    world.page().click(LOGOUT);
    world.page().wait(
        "the chat did not join anonymously again",
        &format!(
            "{} && document.querySelector({}).dataset.nick.startsWith('Anonymous ')",
            js::element(hooks::JOINED),
            json!(hooks::STATUS)
        ),
    );
    world.page().wait_present(LOGIN_BUTTON);
    assert_eq!(stored_token(&mut world), Value::Null);
    assert_eq!(world.page().eval("window.__samePage === true"), json!(true));
    assert!(!world.page().has(LOGOUT));
    assert_eq!(
        world.page().eval(&format!(
            "document.activeElement === document.querySelector({})",
            json!(LOGIN_BUTTON)
        )),
        json!(true),
        "the focus is on the first login button"
    );
    world.screenshot("external-login-logged-out");

    // And it stays anonymous on the next visit, without asking for an account.
    world.page().open(&page_url).wait_joined();
    assert!(nick_of(&mut world).starts_with("Anonymous "));
    assert_eq!(host.auth_requests().len(), 2);
}

fn nick_of(world: &mut World) -> String {
    world
        .page()
        .eval(&format!(
            "document.querySelector({}).dataset.nick",
            json!(hooks::STATUS)
        ))
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn stored_token(world: &mut World) -> Value {
    world
        .page()
        .eval(&format!("sessionStorage.getItem({})", json!(TOKEN_KEY)))
}

fn callback_set(world: &mut World) -> bool {
    world.page().eval("'externalAuthGetResult' in window") == json!(true)
}

/// Clicks the login button labelled `label` (a real click: the popup needs one).
fn click_login(world: &mut World, label: &str) {
    let buttons = world
        .browser
        .find_all(LOGIN_BUTTON)
        .unwrap_or_else(|e| panic!("{e}"));
    let button = buttons
        .into_iter()
        .find(|b| world.browser.text(b).is_ok_and(|t| t == label))
        .unwrap_or_else(|| panic!("no login button {label:?}"));
    world
        .browser
        .click(&button)
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The host page, the web build, and the plugin's login routes, on `127.0.0.1:0`; stopped when
/// dropped.
struct LoginHost {
    server: Arc<Server>,
    addr: std::net::SocketAddr,
    page: Arc<Mutex<String>>,
    auth_log: Arc<Mutex<Vec<AuthRequest>>>,
    account: Arc<Account>,
    thread: Option<JoinHandle<()>>,
}

impl LoginHost {
    fn start(dist: &Path, account: Account) -> LoginHost {
        let server = Arc::new(Server::http("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}")));
        let addr = server.server_addr().to_ip().expect("a TCP address");
        let (page, auth_log, account) = (
            Arc::new(Mutex::new(String::new())),
            Arc::new(Mutex::new(Vec::new())),
            Arc::new(account),
        );
        let thread = {
            let (server, dist) = (Arc::clone(&server), dist.to_path_buf());
            let (page, auth_log, account) = (
                Arc::clone(&page),
                Arc::clone(&auth_log),
                Arc::clone(&account),
            );
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    answer(request, &dist, &page, &auth_log, &account);
                }
            })
        };
        LoginHost {
            server,
            addr,
            page,
            auth_log,
            account,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `/watch.html`: a page that mounts the chat with `params`.
    fn set_page(&self, params: &Value) {
        *self.page.lock().unwrap() = format!(
            r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A live video</title></head>
<body><main><h1>A live video</h1><div id="chat" style="height: 560px"></div></main>
<script type="module">
  import {{ mount }} from '/livechat.js';
  window.chat = mount(document.getElementById('chat'), {params});
</script></body></html>"#
        );
    }

    fn auth_requests(&self) -> Vec<AuthRequest> {
        self.auth_log.lock().unwrap().clone()
    }
}

impl Drop for LoginHost {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(
    request: Request,
    dist: &Path,
    page: &Mutex<String>,
    auth_log: &Mutex<Vec<AuthRequest>>,
    account: &Account,
) {
    let path = request.url().split('?').next().unwrap_or("").to_owned();
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let (status, content_type, body, location) = if path == "/watch.html" {
        let page = page.lock().unwrap().clone();
        (200, "text/html; charset=utf-8", page.into_bytes(), None)
    } else if path == AUTH_PATH {
        // The plugin's `api/auth`: no PeerTube user here, so only an external token it issued.
        let asked = AuthRequest {
            authorization: header("Authorization"),
            token: header(TOKEN_HEADER),
        };
        let known = asked.token.as_deref() == Some(account.token.as_str());
        auth_log.lock().unwrap().push(asked);
        if known {
            let body = json!({"jid": account.jid, "password": account.password,
                              "nickname": account.nickname, "type": "oidc"});
            (200, "application/json", body.to_string().into_bytes(), None)
        } else {
            (403, "text/plain", b"Forbidden".to_vec(), None)
        }
    } else if let Some(kind) = path
        .strip_prefix(OIDC_PREFIX)
        .and_then(|rest| rest.strip_suffix("/connect"))
    {
        // The provider's round trip, at once: back to the plugin's callback page.
        let back = format!("{OIDC_PREFIX}{kind}/cb?code=granted");
        (302, "text/plain", Vec::new(), Some(back))
    } else if path == format!("{OIDC_PREFIX}custom/cb") {
        let result = json!({"ok": true, "token": account.token});
        (
            200,
            "text/html; charset=utf-8",
            popup_page(&result).into_bytes(),
            None,
        )
    } else if path == format!("{OIDC_PREFIX}google/cb") {
        let result = json!({"ok": false,
                            "message": "Your <b>Google</b> account is not allowed here"});
        (
            200,
            "text/html; charset=utf-8",
            popup_page(&result).into_bytes(),
            None,
        )
    } else {
        match file_in(dist, &path).and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
            Some((file, bytes)) => (200, static_server::content_type(&file), bytes, None),
            None => (404, "text/plain", b"not found".to_vec(), None),
        }
    };
    let mut response = Response::from_data(body)
        .with_status_code(status)
        .with_header(Header::from_bytes("Content-Type", content_type).unwrap())
        .with_header(Header::from_bytes("Cache-Control", "no-store").unwrap());
    if let Some(location) = location {
        response.add_header(Header::from_bytes("Location", location).unwrap());
    }
    let _ = request.respond(response);
}

/// The page the plugin's login callback serves in the popup: it hands `result` to the chat that
/// opened it, then closes.
fn popup_page(result: &Value) -> String {
    format!(
        r#"<!DOCTYPE html><html><body><script>
  try {{
    const data = {result};
    if (!window.opener || !window.opener.externalAuthGetResult) {{
      throw new Error("Can't find parent window callback handler.");
    }}
    window.opener.externalAuthGetResult(data);
    window.close();
  }} catch (err) {{
    document.body.innerText = 'Error: ' + err;
  }}
</script></body></html>"#
    )
}

/// A file of the web build, never outside it.
fn file_in(dist: &Path, path: &str) -> Option<PathBuf> {
    let name = path.strip_prefix('/')?;
    (!name.is_empty() && !name.contains('/') && !name.starts_with('.')).then(|| dist.join(name))
}
