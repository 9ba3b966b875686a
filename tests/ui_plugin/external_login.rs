//! External logins, as the plugin offers them to a viewer who is not logged in to PeerTube: its
//! parameters carry `externalAuthOIDC` buttons, and the host plays its login routes: the popup's
//! `…/oidc/<type>/connect` (which goes to the provider and back to `…/cb`, here at once) and
//! `authenticationUrl`, which accepts the external token header and answers for a real registered
//! Prosody account.
//!
//! Beside the video the viewer clicks a button, the popup answers through
//! `window.opener.externalAuthGetResult`, and the chat joins under the account without reloading;
//! the standalone page, later in the same tab, logs in with the kept token at once; "Log out" goes
//! back to anonymous; a refused login shows the provider's message.

use std::sync::{Arc, Mutex};

use livechat_e2e::axe;
use livechat_e2e::bots::BOT_WAIT;
use livechat_e2e::plugin_host::{room_params, HostRequest, HostResponse, Route, ROUTER};
use livechat_e2e::{hooks, js, ChatPage};
use serde_json::{json, Value};

use crate::{Stage, VIDEO};

/// The plugin's login popups (under the unversioned router, as the plugin gives them).
const OIDC_PREFIX: &str = "/plugins/livechat/router/oidc/";
const TOKEN_HEADER: &str = "X-Peertube-Plugin-Livechat-External-Auth-OIDC-Token";
const TOKEN_KEY: &str = "peertube-plugin-livechat-external-auth-oidc-token";

const LOGIN_BUTTON: &str = ".lc-external-login-button";
const LOGIN_ERROR: &str = ".lc-external-login-error";
const LOGOUT: &str = "button.lc-logout";
/// The chat beside the video.
const BESIDE_VIDEO: &str = "#peertube-plugin-livechat-container converse-root .lc-chat";

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

/// Registers the account and adds the plugin's login routes to the host; returns the account and
/// the log of the requests to `authenticationUrl`.
fn serve_external_logins(stage: &Stage) -> (Arc<Account>, Arc<Mutex<Vec<AuthRequest>>>) {
    let account = Arc::new(Account {
        jid: stage.world.prosody.user_jid("oidc-alice"),
        password: "oidc-alice-temporary".into(),
        nickname: "Alice Oidc".into(),
        token: format!("opaque-token-{}", std::process::id()),
    });
    stage
        .world
        .prosody
        .register("oidc-alice", &account.password)
        .unwrap_or_else(|e| panic!("{e}"));
    let log = Arc::new(Mutex::new(Vec::new()));
    let auth_path = room_params("", None, "")["authenticationUrl"]
        .as_str()
        .unwrap()
        .to_owned();
    let (known, asked) = (Arc::clone(&account), Arc::clone(&log));
    // The plugin's `api/auth`: nobody is logged in to PeerTube here, so only a token it issued.
    stage
        .host
        .add_route(Route::new("GET", &auth_path, move |request| {
            let request = AuthRequest {
                authorization: request.header("authorization").map(str::to_owned),
                token: request.header(TOKEN_HEADER).map(str::to_owned),
            };
            let accepted = request.token.as_deref() == Some(known.token.as_str());
            asked.lock().unwrap().push(request);
            if accepted {
                HostResponse::json(json!({"jid": known.jid, "password": known.password,
                                       "nickname": known.nickname, "type": "oidc"}))
            } else {
                HostResponse::text(403, "Forbidden\n")
            }
        }));
    let issued = Arc::clone(&account);
    stage
        .host
        .add_route(Route::new("GET", OIDC_PREFIX, move |request| {
            login_popup(request, &issued.token)
        }));
    stage.host.set_room_field(
        VIDEO,
        "externalAuthOIDC",
        json!([
            {"type": "google", "buttonLabel": "Log in with Google",
             "url": stage.host.url(&format!("{OIDC_PREFIX}google/connect"))},
            {"type": "custom", "buttonLabel": "Log in with <em>Keycloak</em>",
             "url": stage.host.url(&format!("{OIDC_PREFIX}custom/connect"))},
        ]),
    );
    (account, log)
}

/// `…/oidc/<type>/connect` goes to the provider and back to `…/oidc/<type>/cb`, at once; the
/// callback hands the result to the chat that opened the popup, then closes it. `custom` logs in,
/// `google` is refused.
fn login_popup(request: &HostRequest, token: &str) -> HostResponse {
    let rest = request.path.strip_prefix(OIDC_PREFIX).unwrap_or_default();
    if let Some(kind) = rest.strip_suffix("/connect") {
        let back = format!("{OIDC_PREFIX}{kind}/cb?code=granted");
        return HostResponse::new(302, "text/plain", "").with_header("Location", &back);
    }
    let result = match rest {
        "custom/cb" => json!({"ok": true, "token": token}),
        "google/cb" => json!({"ok": false,
                              "message": "Your <b>Google</b> account is not allowed here"}),
        _ => return HostResponse::not_found(&request.path),
    };
    HostResponse::html(format!(
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
    ))
}

#[test]
fn a_viewer_logs_in_with_an_external_account_keeps_it_in_the_tab_and_logs_out() {
    let mut stage = Stage::start();
    let (account, auth_log) = serve_external_logins(&stage);
    let requests = || auth_log.lock().unwrap().clone();
    let watch = stage.host.url(&format!("/w/{VIDEO}"));
    let standalone = stage.host.url(&format!("{ROUTER}/webchat/room/{VIDEO}"));

    // Beside the video, anonymous: no token, so no account is asked for; the buttons, custom
    // first, as text.
    let mut page = stage.page();
    page.open(&watch)
        .wait_present(&format!("{BESIDE_VIDEO} {}", hooks::JOINED));
    assert!(nick_of(&page).starts_with("Anonymous "));
    let labels = page.eval(&format!(
        "Array.from(document.querySelectorAll({})).map(b => b.textContent)",
        json!(LOGIN_BUTTON)
    ));
    assert_eq!(
        labels,
        json!(["Log in with <em>Keycloak</em>", "Log in with Google"])
    );
    assert!(requests().is_empty(), "{:?}", requests());
    page.screenshot("plugin-external-login-anonymous");
    axe::assert_no_axe_violations(page.driver(), "external login buttons");

    // A refused login: the provider's message, as text, beside the buttons; still anonymous.
    click_login(&page, "Log in with Google");
    page.wait_present(LOGIN_ERROR);
    assert_eq!(
        page.text_of(LOGIN_ERROR),
        json!("The login did not succeed: Your <b>Google</b> account is not allowed here")
    );
    assert_eq!(stored_token(&page), Value::Null);
    assert!(!callback_set(&page), "the callback answered once");
    assert!(requests().is_empty());
    page.screenshot("plugin-external-login-refused");
    axe::assert_no_axe_violations(page.driver(), "external login refused");

    // The login succeeds: the token is kept, sent in the plugin's header, and the chat joins under
    // the account in the same page.
    page.run("window.__samePage = true", vec![]);
    click_login(&page, "Log in with <em>Keycloak</em>");
    page.wait_joined_as(&account.nickname).wait_present(LOGOUT);
    assert_eq!(stored_token(&page), json!(account.token));
    let by_token = AuthRequest {
        authorization: None,
        token: Some(account.token.clone()),
    };
    assert_eq!(requests(), std::slice::from_ref(&by_token));
    assert_eq!(page.eval("window.__samePage === true"), json!(true));
    assert!(!callback_set(&page));
    assert!(!page.has(LOGIN_BUTTON), "no buttons for an account");
    // The focus went from the button the viewer used to the control that took its place.
    assert_eq!(
        page.eval("document.activeElement.classList.contains('lc-logout')"),
        json!(true)
    );
    // The token is the plugin's to keep; the account's password stays in memory only.
    let kept = page.eval(
        "document.documentElement.outerHTML + JSON.stringify(sessionStorage) + JSON.stringify(localStorage)",
    );
    assert!(!kept.to_string().contains(&account.password), "{kept}");
    page.send("hello from an external account");
    let nickname = account.nickname.clone();
    stage
        .world
        .moderator
        .run_until("the account's message", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.nick == nickname && m.body == "hello from an external account")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let mut page = stage.page();
    page.screenshot("plugin-external-login-logged-in");
    axe::assert_no_axe_violations(page.driver(), "logged in with an external account");

    // The standalone page, later in the same tab: the kept token logs in at once.
    page.open(&standalone).wait_joined_as(&account.nickname);
    assert_eq!(requests(), [by_token.clone(), by_token]);
    page.screenshot("plugin-external-login-standalone");

    // Log out: the token is forgotten, and the chat is anonymous again, in the same page.
    page.run("window.__samePage = true", vec![]);
    page.click(LOGOUT);
    page.wait(
        "the chat did not join anonymously again",
        &format!(
            "{} && document.querySelector({}).dataset.nick.startsWith('Anonymous ')",
            js::element(hooks::JOINED),
            json!(hooks::STATUS)
        ),
    );
    page.wait_present(LOGIN_BUTTON);
    assert_eq!(stored_token(&page), Value::Null);
    assert_eq!(page.eval("window.__samePage === true"), json!(true));
    assert!(!page.has(LOGOUT));
    assert_eq!(
        page.eval(&format!(
            "document.activeElement === document.querySelector({})",
            json!(LOGIN_BUTTON)
        )),
        json!(true),
        "the focus is on the first login button"
    );
    page.screenshot("plugin-external-login-logged-out");

    // And beside the video again, anonymous, without asking for an account.
    page.open(&watch)
        .wait_present(&format!("{BESIDE_VIDEO} {}", hooks::JOINED));
    assert!(nick_of(&page).starts_with("Anonymous "));
    assert_eq!(requests().len(), 2);
}

fn nick_of(page: &ChatPage<'_>) -> String {
    page.eval(&format!(
        "document.querySelector({}).dataset.nick",
        json!(hooks::STATUS)
    ))
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

fn stored_token(page: &ChatPage<'_>) -> Value {
    page.eval(&format!("sessionStorage.getItem({})", json!(TOKEN_KEY)))
}

fn callback_set(page: &ChatPage<'_>) -> bool {
    page.eval("'externalAuthGetResult' in window") == json!(true)
}

/// Clicks the login button labelled `label` (a real click: the popup needs one).
fn click_login(page: &ChatPage<'_>, label: &str) {
    let driver = page.driver();
    let button = driver
        .find_all(LOGIN_BUTTON)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .find(|b| driver.text(b).is_ok_and(|t| t == label))
        .unwrap_or_else(|| panic!("no login button {label:?}"));
    driver.click(&button).unwrap_or_else(|e| panic!("{e}"));
}
