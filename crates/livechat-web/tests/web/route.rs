//! Which server a remote (federated) room is reached through, for each login, as the plugin's
//! frontend decides it.

use livechat_core::jid::BareJid;
use livechat_core::Credentials;
use livechat_web::login::Login;
use livechat_web::params::Params;
use livechat_web::route::{self, Way};
use wasm_bindgen_test::*;

const LOCAL_WS: &str = "ws://b.example/plugins/livechat/14.0.4/ws/xmpp-websocket";
const REMOTE_WS: &str = "wss://a.example/plugins/livechat/14.0.4/ws/xmpp-websocket";

/// The parameters instance B's plugin gives for a video of instance A; `anonymous` and
/// `authenticated` are A's `remoteAnonymousXMPPServer` and `remoteAuthenticatedXMPPServer`.
fn remote_params(anonymous: bool, authenticated: bool, extra: &str) -> Params {
    let json = format!(
        r#"{{
        "room": "video@room.a.example", "isRemoteChat": true,
        "localWebsocketServiceUrl": "{LOCAL_WS}", "localAnonymousJID": "anon.b.example",
        "remoteAnonymousJID": "anon.a.example", "remoteWebsocketServiceUrl": "{REMOTE_WS}",
        "remoteAnonymousXMPPServer": {anonymous}, "remoteAuthenticatedXMPPServer": {authenticated},
        "authenticationUrl": "/plugins/livechat/router/api/auth"{extra}
    }}"#
    );
    Params::from_js(js_sys::JSON::parse(&json).unwrap()).unwrap()
}

/// What `authenticationUrl` gives a user of instance B.
fn account() -> Login {
    Login {
        credentials: Credentials::Plain {
            jid: "bob@b.example".parse::<BareJid>().unwrap(),
            password: "temporary".into(),
        },
        nickname: Some("Bob".into()),
        account: true,
        external: false,
        notice: None,
    }
}

fn anonymous(domain: &str) -> Login {
    Login {
        credentials: Credentials::Anonymous {
            domain: domain.into(),
        },
        nickname: None,
        account: false,
        external: false,
        notice: None,
    }
}

fn anonymous_domain(login: &Login) -> Option<&str> {
    match &login.credentials {
        Credentials::Anonymous { domain } => Some(domain),
        _ => None,
    }
}

#[wasm_bindgen_test]
fn the_instances_own_room_is_on_its_own_server() {
    let p = Params::from_js(
        js_sys::JSON::parse(&format!(
            r#"{{"room": "v@room.b.example", "localWebsocketServiceUrl": "{LOCAL_WS}",
                "localAnonymousJID": "anon.b.example", "isRemoteChat": false}}"#
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(route::websocket_before_login(&p), Some(LOCAL_WS));
    let for_login = route::params_for_login(&p).unwrap();
    assert_eq!(
        for_login.anonymous_domain.as_deref(),
        Some("anon.b.example")
    );
    let r = route::choose(&p, anonymous("anon.b.example")).unwrap();
    assert_eq!((r.way, r.websocket_url.as_str()), (Way::Local, LOCAL_WS));
}

#[wasm_bindgen_test]
fn an_account_joins_a_remote_room_through_its_own_server() {
    let p = remote_params(true, true, "");
    // Which server depends on whether there is an account: nothing opens before the login.
    assert_eq!(route::websocket_before_login(&p), None);
    let r = route::choose(&p, account()).unwrap();
    assert_eq!(r.way, Way::ThroughLocalServer);
    assert_eq!(r.websocket_url, LOCAL_WS);
    assert!(r.login.account);
    assert!(
        matches!(&r.login.credentials, Credentials::Plain { jid, .. } if jid.to_string() == "bob@b.example")
    );
    assert_eq!(r.login.nickname.as_deref(), Some("Bob"));
}

#[wasm_bindgen_test]
fn an_anonymous_viewer_joins_a_remote_room_on_the_remote() {
    let p = remote_params(true, true, "");
    // The login's anonymous viewer is one of the remote's, never of this instance.
    let for_login = route::params_for_login(&p).unwrap();
    assert_eq!(
        for_login.anonymous_domain.as_deref(),
        Some("anon.a.example")
    );
    assert_eq!(for_login.authentication_url, p.authentication_url);
    let r = route::choose(&p, anonymous("anon.a.example")).unwrap();
    assert_eq!(r.way, Way::RemoteAnonymous);
    assert_eq!(r.websocket_url, REMOTE_WS);
    assert_eq!(anonymous_domain(&r.login), Some("anon.a.example"));

    // The remote takes no accounts from here: the remote's WebSocket for everyone, known at once.
    assert_eq!(
        route::websocket_before_login(&remote_params(true, false, "")),
        Some(REMOTE_WS)
    );
}

#[wasm_bindgen_test]
fn an_account_the_remote_does_not_take_joins_anonymously_under_its_nickname() {
    let p = remote_params(true, false, "");
    let r = route::choose(&p, account()).unwrap();
    assert_eq!(r.way, Way::RemoteAnonymous);
    assert_eq!(r.websocket_url, REMOTE_WS);
    assert_eq!(anonymous_domain(&r.login), Some("anon.a.example"));
    assert_eq!(r.login.nickname.as_deref(), Some("Bob"));
    assert!(!r.login.account, "not logged in on the remote");
    assert_eq!(
        r.login.notice.as_ref().map(|n| n.key),
        Some("remote-anonymous-with-nick")
    );

    // A read-only viewer (OBS) is a `Viewer NNNNNN` there, as the plugin names anonymous ones.
    let p = remote_params(true, false, r#", "forceReadonly": true"#);
    let nick = route::choose(&p, account())
        .unwrap()
        .login
        .nickname
        .unwrap();
    assert!(nick.starts_with("Viewer "), "{nick}");
}

#[wasm_bindgen_test]
fn without_a_way_in_the_chat_says_why_before_fetching_anything() {
    // The remote takes nobody from here.
    let p = remote_params(false, false, "");
    let e = route::params_for_login(&p).unwrap_err();
    assert_eq!(e.key, "remote-closed");
    assert!(e.to_string().contains("another instance"), "{e}");
    assert_eq!(route::websocket_before_login(&p), None, "nothing to open");

    // Only accounts, and the page gives no way to get one.
    let p = Params::from_js(
        js_sys::JSON::parse(
            r#"{"room": "video@room.a.example", "isRemoteChat": true,
                "localWebsocketServiceUrl": "ws://b.example/ws", "localAnonymousJID": "anon.b.example",
                "remoteAuthenticatedXMPPServer": true}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let e = route::params_for_login(&p).unwrap_err();
    assert_eq!(e.key, "remote-needs-account");
    assert_eq!(route::websocket_before_login(&p), None, "nothing to open");

    // Only accounts: an account goes through this server (known at once); an anonymous login has
    // no domain to use, and a login that turned out anonymous cannot go anywhere.
    let p = remote_params(false, true, "");
    assert_eq!(route::websocket_before_login(&p), Some(LOCAL_WS));
    assert_eq!(route::params_for_login(&p).unwrap().anonymous_domain, None);
    assert_eq!(
        route::choose(&p, anonymous("anon.b.example"))
            .unwrap_err()
            .key,
        "remote-closed"
    );

    // Anonymous access announced without the remote's WebSocket is no access.
    let p = remote_params(true, false, r#", "remoteWebsocketServiceUrl": null"#);
    assert_eq!(
        route::params_for_login(&p).unwrap_err().key,
        "remote-closed"
    );
}
