//! External logins in the browser: which header goes to `authenticationUrl` (with `fetch`
//! replaced by a recorder), and the buttons, the popup's callback and "Log out" (with
//! `window.open` replaced, so no window opens).

use futures::StreamExt;
use js_sys::{Array, Function, Reflect};
use leptos::prelude::*;
use livechat_core::Credentials;
use livechat_web::components::{ChatContext, ExternalLoginButtons, ExternalLogins, LogoutButton};
use livechat_web::login::{self, EXTERNAL_TOKEN_HEADER, EXTERNAL_TOKEN_KEY};
use livechat_web::params::Params;
use livechat_web::state::ChatState;
use livechat_web::transport::{Command, Commands};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn storage() -> web_sys::Storage {
    window().session_storage().unwrap().unwrap()
}

/// The plugin's parameters with `extra` fields (JSON members) added.
fn params(extra: &str) -> Params {
    let json = format!(
        r#"{{"room": "video@room.localhost", "localWebsocketServiceUrl": "ws://127.0.0.1:9/ws",
            "localAnonymousJID": "anon.localhost", "authenticationUrl": "/auth"{extra}}}"#
    );
    Params::from_js(js_sys::JSON::parse(&json).unwrap()).unwrap()
}

const OFFERED: &str = r#", "externalAuthOIDC": [{"type": "custom", "buttonLabel": "Keycloak", "url": "/oidc/custom/connect"}]"#;

/// Replaces `window.fetch` for one test: every request is recorded (its URL and the two headers
/// that say who asks) and answered `status` with `body`. Put back when dropped.
struct FetchRecorder {
    original: JsValue,
}

impl FetchRecorder {
    fn answer(status: u16, body: &str) -> Self {
        let original = Reflect::get(&window(), &"fetch".into()).unwrap();
        let body = js_sys::JSON::stringify(&body.into()).unwrap();
        let fake = Function::new_with_args(
            "request",
            &format!(
                "window.__requests.push({{url: request.url, authorization: request.headers.get('Authorization'),
                    token: request.headers.get('{EXTERNAL_TOKEN_HEADER}')}});
                 return Promise.resolve(new Response({body}, {{status: {status}, headers: {{'Content-Type': 'application/json'}}}}));",
                body = String::from(body)
            ),
        );
        Reflect::set(&window(), &"__requests".into(), &Array::new()).unwrap();
        Reflect::set(&window(), &"fetch".into(), &fake).unwrap();
        FetchRecorder { original }
    }

    /// `(authorization, token)` of each request so far.
    fn requests(&self) -> Vec<(Option<String>, Option<String>)> {
        let list: Array = Reflect::get(&window(), &"__requests".into())
            .unwrap()
            .unchecked_into();
        list.iter()
            .map(|r| {
                let field = |name: &str| Reflect::get(&r, &name.into()).unwrap().as_string();
                (field("authorization"), field("token"))
            })
            .collect()
    }
}

impl Drop for FetchRecorder {
    fn drop(&mut self) {
        Reflect::set(&window(), &"fetch".into(), &self.original).unwrap();
    }
}

const ACCOUNT: &str =
    r#"{"jid": "alice@localhost", "password": "temporary", "nickname": "Alice", "type": "oidc"}"#;

fn jid_of(login: &login::Login) -> Option<String> {
    match &login.credentials {
        Credentials::Plain { jid, .. } => Some(jid.to_string()),
        Credentials::Anonymous { .. } => None,
    }
}

#[wasm_bindgen_test]
async fn the_stored_token_goes_in_the_plugins_header_and_logs_in_an_external_account() {
    let fetch = FetchRecorder::answer(200, ACCOUNT);
    storage().set_item(EXTERNAL_TOKEN_KEY, "tok-1").unwrap();
    let login = login::resolve(&params(OFFERED)).await.unwrap();
    storage().remove_item(EXTERNAL_TOKEN_KEY).unwrap();
    assert_eq!(fetch.requests(), vec![(None, Some("tok-1".into()))]);
    assert_eq!(jid_of(&login).as_deref(), Some("alice@localhost"));
    assert_eq!(login.nickname.as_deref(), Some("Alice"));
    assert!(login.account && login.external, "{login:?}");
}

#[wasm_bindgen_test]
async fn without_a_token_an_offered_external_login_asks_for_no_account() {
    let fetch = FetchRecorder::answer(403, "");
    storage().remove_item(EXTERNAL_TOKEN_KEY).unwrap();
    let login = login::resolve(&params(OFFERED)).await.unwrap();
    assert!(fetch.requests().is_empty(), "{:?}", fetch.requests());
    assert!(!login.account && login.notice.is_none(), "{login:?}");

    // Without external logins offered, the request goes as before, without a header.
    let login = login::resolve(&params("")).await.unwrap();
    assert_eq!(fetch.requests(), vec![(None, None)]);
    assert!(!login.account && login.notice.is_some(), "{login:?}");
}

#[wasm_bindgen_test]
async fn a_peertube_user_is_asked_for_with_peertubes_header_only() {
    let fetch = FetchRecorder::answer(
        200,
        r#"{"jid": "bob@localhost", "password": "temporary", "nickname": "Bob"}"#,
    );
    storage().set_item(EXTERNAL_TOKEN_KEY, "tok-2").unwrap();
    let login = login::resolve(&params(&format!(
        r#"{OFFERED}, "authorizationHeader": "Bearer abc""#
    )))
    .await
    .unwrap();
    storage().remove_item(EXTERNAL_TOKEN_KEY).unwrap();
    assert_eq!(fetch.requests(), vec![(Some("Bearer abc".into()), None)]);
    assert!(
        login.account && !login.external,
        "type defaults to peertube: {login:?}"
    );
}

#[wasm_bindgen_test]
async fn a_refused_token_is_forgotten_and_the_viewer_reads_anonymously() {
    let fetch = FetchRecorder::answer(403, "");
    storage().set_item(EXTERNAL_TOKEN_KEY, "expired").unwrap();
    let login = login::resolve(&params(OFFERED)).await.unwrap();
    assert_eq!(fetch.requests().len(), 1);
    assert!(!login.account && login.notice.is_some(), "{login:?}");
    assert_eq!(storage().get_item(EXTERNAL_TOKEN_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
async fn switching_logs_in_with_the_token_or_goes_anonymous_and_never_falls_back() {
    let ok = FetchRecorder::answer(200, ACCOUNT);
    storage().set_item(EXTERNAL_TOKEN_KEY, "tok-3").unwrap();
    let login = login::switch(&params(OFFERED)).await.unwrap();
    assert_eq!(jid_of(&login).as_deref(), Some("alice@localhost"));
    storage().remove_item(EXTERNAL_TOKEN_KEY).unwrap();
    let login = login::switch(&params(OFFERED)).await.unwrap();
    assert!(!login.account, "logged out: anonymous");
    assert_eq!(ok.requests().len(), 1, "no request without a token");
    drop(ok);

    let _refused = FetchRecorder::answer(500, "");
    storage().set_item(EXTERNAL_TOKEN_KEY, "tok-4").unwrap();
    let why = login::switch(&params(OFFERED)).await.unwrap_err();
    storage().remove_item(EXTERNAL_TOKEN_KEY).unwrap();
    assert!(why.to_string().contains("500"), "{why}");
}

/// `window.open` replaced: records its arguments and returns a stand-in popup whose `close()` is
/// counted (or `null`, as a blocked popup). Put back when dropped.
struct PopupStub {
    original: JsValue,
}

impl PopupStub {
    fn install(blocked: bool) -> Self {
        let original = Reflect::get(&window(), &"open".into()).unwrap();
        let fake = Function::new_with_args(
            "url, name, features",
            &format!(
                "window.__opened = [url, name, features];
                 window.__closed = 0;
                 return {} ? null : {{ close() {{ window.__closed += 1; }} }};",
                blocked
            ),
        );
        Reflect::set(&window(), &"open".into(), &fake).unwrap();
        PopupStub { original }
    }

    fn opened(&self) -> Vec<String> {
        let args: Array = Reflect::get(&window(), &"__opened".into())
            .unwrap()
            .unchecked_into();
        args.iter().map(|a| a.as_string().unwrap()).collect()
    }

    fn closed(&self) -> f64 {
        Reflect::get(&window(), &"__closed".into())
            .unwrap()
            .as_f64()
            .unwrap()
    }

    /// What the popup page does: `window.opener.externalAuthGetResult(result)`.
    fn answer(&self, result: &str) {
        let callback: Function = Reflect::get(&window(), &"externalAuthGetResult".into())
            .unwrap()
            .dyn_into()
            .expect("the chat set window.externalAuthGetResult");
        let result = if result.is_empty() {
            JsValue::UNDEFINED
        } else {
            js_sys::JSON::parse(result).unwrap()
        };
        callback.call1(&JsValue::NULL, &result).unwrap();
    }
}

impl Drop for PopupStub {
    fn drop(&mut self) {
        Reflect::set(&window(), &"open".into(), &self.original).unwrap();
    }
}

fn callback_is_set() -> bool {
    Reflect::has(&window(), &"externalAuthGetResult".into()).unwrap()
}

fn mount(
    params: Params,
) -> (
    Element,
    ChatState,
    futures::channel::mpsc::UnboundedReceiver<Command>,
) {
    let document = window().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    let (commands, receiver) = Commands::channel();
    let state = ChatState::new();
    leptos::mount::mount_to(el.clone().unchecked_into(), move || {
        provide_context(ChatContext::new(state, commands));
        provide_context(ExternalLogins::new(&params));
        view! { <LogoutButton/> <ExternalLoginButtons/> }
    })
    .forget();
    (el, state, receiver)
}

fn texts(el: &Element, selector: &str) -> Vec<String> {
    let list = el.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap())
        .collect()
}

fn button(el: &Element, selector: &str) -> HtmlElement {
    el.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn buttons_show_their_labels_as_text_in_the_plugins_order_while_the_viewer_decides() {
    let (el, state, _receiver) = mount(params(
        r#", "externalAuthOIDC": [
            {"type": "google", "buttonLabel": "Google", "url": "/oidc/google/connect"},
            {"type": "custom", "buttonLabel": "<b>Our</b> accounts", "url": "/oidc/custom/connect"},
            {"type": "facebook", "buttonLabel": "Facebook", "url": "/oidc/facebook/connect"}]"#,
    ));
    leptos::task::tick().await;
    assert!(
        el.query_selector(".lc-external-login").unwrap().is_none(),
        "not before joining"
    );

    state.automatic_nick.set(true);
    leptos::task::tick().await;
    assert_eq!(
        texts(&el, ".lc-external-login-button"),
        ["<b>Our</b> accounts", "Facebook", "Google"],
        "custom first, then by label"
    );
    assert!(
        el.query_selector(".lc-external-login b").unwrap().is_none(),
        "never HTML"
    );
    let group = el
        .query_selector(".lc-external-login[role=group]")
        .unwrap()
        .unwrap();
    let label = el
        .query_selector(&format!(
            "#{}",
            group.get_attribute("aria-labelledby").unwrap()
        ))
        .unwrap()
        .expect("the group is labelled");
    assert_eq!(label.text_content().unwrap(), "Or log in with an account:");
    assert!(el.query_selector(".lc-logout").unwrap().is_none());

    // Logged in with an account: nothing to decide.
    state.account.set(true);
    leptos::task::tick().await;
    assert!(el.query_selector(".lc-external-login").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_popup_answers_through_the_callback_once() {
    storage().remove_item(EXTERNAL_TOKEN_KEY).unwrap();
    let popup = PopupStub::install(false);
    let (el, state, mut receiver) = mount(params(OFFERED));
    state.automatic_nick.set(true);
    leptos::task::tick().await;

    // A failure: its message, as text, where the viewer is.
    button(&el, ".lc-external-login-button").click();
    assert_eq!(
        popup.opened(),
        ["/oidc/custom/connect", "livechat-external-auth", "popup"]
    );
    popup.answer(r#"{"ok": false, "message": "<i>Account</i> disabled"}"#);
    assert!(!callback_is_set(), "each callback answers once");
    leptos::task::tick().await;
    let error = el
        .query_selector(".lc-external-login-error[role=alert]")
        .unwrap()
        .unwrap();
    assert_eq!(
        error.text_content().unwrap(),
        "The login did not succeed: <i>Account</i> disabled"
    );
    assert!(receiver.try_recv().is_err(), "nothing to switch to");

    // The popup closed by the chat when asked with nothing.
    button(&el, ".lc-external-login-button").click();
    popup.answer("");
    assert_eq!(popup.closed(), 1.0);
    assert!(!callback_is_set());

    // A token: kept for the tab, and the session switches to it.
    button(&el, ".lc-external-login-button").click();
    popup.answer(r#"{"ok": true, "token": "tok-5"}"#);
    assert!(!callback_is_set());
    assert_eq!(
        storage().get_item(EXTERNAL_TOKEN_KEY).unwrap().as_deref(),
        Some("tok-5")
    );
    assert_eq!(receiver.next().await, Some(Command::SwitchAccount));
    leptos::task::tick().await;
    assert!(el
        .query_selector(".lc-external-login-error")
        .unwrap()
        .is_none());
    storage().remove_item(EXTERNAL_TOKEN_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn a_blocked_popup_is_explained() {
    let _popup = PopupStub::install(true);
    let (el, state, _receiver) = mount(params(OFFERED));
    state.automatic_nick.set(true);
    leptos::task::tick().await;
    button(&el, ".lc-external-login-button").click();
    leptos::task::tick().await;
    let error = el
        .query_selector(".lc-external-login-error")
        .unwrap()
        .unwrap();
    assert!(error.text_content().unwrap().contains("allow pop-ups"));
    assert!(!callback_is_set());
}

#[wasm_bindgen_test]
async fn logging_out_forgets_the_token_and_switches_to_anonymous() {
    storage().set_item(EXTERNAL_TOKEN_KEY, "tok-6").unwrap();
    let (el, state, mut receiver) = mount(params(OFFERED));
    leptos::task::tick().await;
    assert!(
        el.query_selector(".lc-logout").unwrap().is_none(),
        "anonymous: no log out"
    );
    state.account.set(true);
    state.external_account.set(true);
    leptos::task::tick().await;
    let logout = button(&el, "button.lc-logout");
    assert_eq!(logout.text_content().unwrap(), "Log out");
    logout.click();
    assert_eq!(storage().get_item(EXTERNAL_TOKEN_KEY).unwrap(), None);
    assert_eq!(receiver.next().await, Some(Command::SwitchAccount));
}

#[wasm_bindgen_test]
async fn nothing_is_offered_without_an_authentication_url_or_to_a_read_only_chat() {
    for extra in [
        r#", "authenticationUrl": null"#,
        r#", "forceReadonly": true"#,
    ] {
        let (el, state, _receiver) = mount(params(&format!("{OFFERED}{extra}")));
        state.automatic_nick.set(true);
        leptos::task::tick().await;
        assert!(
            el.query_selector(".lc-external-login").unwrap().is_none(),
            "{extra}"
        );
    }
}
