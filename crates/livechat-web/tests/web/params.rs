//! Reading the chat's parameters from the standalone page's URL and from the embedding object.

use livechat_web::params::{
    absolute_websocket_url, form_decode, ExternalLogin, Params, ReadOnly, RemoteChat, MAX_HISTORY,
};
use wasm_bindgen_test::*;

const GOOD: &str = "?room=0b5d8c1e-video%40room.localhost&ws=ws%3A%2F%2F127.0.0.1%3A52800%2Fxmpp-websocket&anon=anon.localhost";

#[wasm_bindgen_test]
fn reads_the_standalone_query() {
    let p = Params::from_query(GOOD).unwrap();
    assert_eq!(p.room.to_string(), "0b5d8c1e-video@room.localhost");
    assert_eq!(p.websocket_url, "ws://127.0.0.1:52800/xmpp-websocket");
    assert_eq!(p.anonymous_domain.as_deref(), Some("anon.localhost"));
    assert_eq!(
        (p.nickname, p.history, p.read_only, p.transparent),
        (None, None, ReadOnly::No, false)
    );

    let p = Params::from_query(&format!(
        "{GOOD}&nick=Cam+ill%C3%A9&history=5&_readonly=noscroll&_transparent=true"
    ))
    .unwrap();
    assert_eq!(p.nickname.as_deref(), Some("Cam illé"));
    assert_eq!(p.history, Some(5));
    assert_eq!(p.read_only, ReadOnly::NoScroll);
    assert!(p.transparent);
    assert_eq!(p.session_config().history, 5);
    assert_eq!(p.session_config().nickname.as_deref(), Some("Cam illé"));

    // The plugin's OBS URLs say `_readonly=true`.
    assert_eq!(
        Params::from_query(&format!("{GOOD}&_readonly=true"))
            .unwrap()
            .read_only,
        ReadOnly::Yes
    );
}

#[wasm_bindgen_test]
fn addresses_are_lower_cased_as_the_server_prepares_them() {
    // Beyond ASCII too: the server's stanzas come from the prepared, lower-case address, and the
    // room must be recognised in them.
    let p = Params::from_query(
        "?room=%C3%89MILE.Salon%40Room.Example&ws=wss%3A%2F%2Fexample.org%2Fws&anon=AN%C3%96N.Example",
    )
    .unwrap();
    assert_eq!(p.room.to_string(), "émile.salon@room.example");
    assert_eq!(p.anonymous_domain.as_deref(), Some("anön.example"));
}

#[wasm_bindgen_test]
fn names_every_missing_parameter() {
    let e = Params::from_query("").unwrap_err();
    assert_eq!(e.problems.len(), 3, "{e}");
    for name in ["`room`", "`ws`", "`anon`"] {
        assert!(e.to_string().contains(name), "{name} in {e}");
    }
    // Empty values count as missing.
    let e = Params::from_query("?room=&ws=%20&anon=anon.localhost").unwrap_err();
    assert_eq!(e.problems.len(), 2, "{e}");
}

#[wasm_bindgen_test]
fn refuses_invalid_values() {
    let cases = [
        (
            "?room=no-node.localhost&ws=ws://h/x&anon=anon.localhost",
            "`room`",
        ),
        (
            "?room=a@room.localhost&ws=http://h/x&anon=anon.localhost",
            "`ws`",
        ),
        (
            "?room=a@room.localhost&ws=wss://&anon=anon.localhost",
            "`ws`",
        ),
        (
            "?room=a@room.localhost&ws=ws://h/x&anon=someone@anon.localhost",
            "`anon`",
        ),
        (&format!("{GOOD}&history={}", MAX_HISTORY + 1), "`history`"),
        (&format!("{GOOD}&history=-1"), "`history`"),
        (&format!("{GOOD}&_readonly=maybe"), "`_readonly`"),
        (&format!("{GOOD}&_transparent=yes"), "`_transparent`"),
    ];
    for (query, name) in cases {
        let e = Params::from_query(query).unwrap_err();
        assert_eq!(e.problems.len(), 1, "{query}: {e}");
        assert!(e.problems[0].to_string().contains(name), "{query}: {e}");
    }
}

#[wasm_bindgen_test]
fn reads_the_plugin_object() {
    let object = js_sys::JSON::parse(
        r#"{"room": "channel.1@room.localhost", "localWebsocketServiceUrl": "wss://example.org/plugins/livechat/router/ws/xmpp-websocket",
            "localAnonymousJID": "anon.example.org", "forceReadonly": "noscroll", "transparent": true,
            "localBoshServiceUrl": null, "authenticationUrl": "https://example.org/auth", "theme": "peertube"}"#,
    )
    .unwrap();
    let p = Params::from_js(object).unwrap();
    assert_eq!(p.room.to_string(), "channel.1@room.localhost");
    assert_eq!(p.anonymous_domain.as_deref(), Some("anon.example.org"));
    assert_eq!(p.read_only, ReadOnly::NoScroll);
    assert!(p.transparent);

    // The plugin sends `null` when anonymous chat is disabled: reported under the plugin's name.
    let object = js_sys::JSON::parse(
        r#"{"room": "a@room.localhost", "localWebsocketServiceUrl": "wss://e.org/ws", "localAnonymousJID": null, "forceReadonly": false}"#,
    )
    .unwrap();
    let e = Params::from_js(object).unwrap_err();
    assert!(e.to_string().contains("`localAnonymousJID`"), "{e}");

    let e = Params::from_js(wasm_bindgen::JsValue::from_str("room=a")).unwrap_err();
    assert_eq!(e.problems.len(), 1, "{e}");
}

#[wasm_bindgen_test]
fn decodes_form_encoding() {
    assert_eq!(form_decode("a+b%20c"), "a b c");
    assert_eq!(form_decode("%e2%9C%93"), "✓");
    assert_eq!(form_decode("100%"), "100%");
    assert_eq!(form_decode("%zz%4"), "%zz%4");
    assert_eq!(form_decode("%ff"), "\u{fffd}");
}

#[wasm_bindgen_test]
fn reads_the_streamer_token_from_the_hash() {
    use livechat_core::Credentials;
    use livechat_web::params_from_page;
    use livechat_web::token::parse_token_hash;

    // No hash, an anchor, or a hash without the token: no token.
    for hash in ["", "#", "#top", "#?x=1"] {
        assert_eq!(parse_token_hash(hash), Ok(None), "{hash}");
    }
    let t = parse_token_hash("#?j=streamer%40example.org&p=s3cr%26t%2Bx&n=The+Streamer")
        .unwrap()
        .unwrap();
    assert_eq!(t.jid.to_string(), "streamer@example.org");
    assert_eq!(t.password, "s3cr&t+x");
    assert_eq!(t.nickname.as_deref(), Some("The Streamer"));
    // The password never shows in debug output.
    let debug = format!("{t:?}");
    assert!(!debug.contains("s3cr"), "{debug}");
    // Without `n`, the account's name.
    let t = parse_token_hash("#?j=streamer@example.org&p=x")
        .unwrap()
        .unwrap();
    assert_eq!(t.nickname(), "streamer");

    // A broken token is an error that names the part, never its value.
    for (hash, part) in [
        ("#?j=not a jid&p=hunter2", "`j`"),
        ("#?j=example.org&p=hunter2", "`j`"),
        ("#?j=a@example.org&p=", "`p`"),
        ("#?p=hunter2", "`j`"),
    ] {
        let e = parse_token_hash(hash).unwrap_err().to_string();
        assert!(e.contains(part), "{hash}: {e}");
        assert!(!e.contains("hunter2"), "{e}");
    }

    // On the page: the token logs in with PLAIN and its nickname, without `anon`.
    let p = params_from_page(
        "?room=demo@room.localhost&ws=ws%3A%2F%2F127.0.0.1%3A52800%2Fxmpp-websocket",
        "#?j=moderator%40localhost&p=moderator-demo&n=Streamer",
    )
    .unwrap();
    let config = p.session_config();
    assert!(
        matches!(&config.credentials, Credentials::Plain { jid, password }
        if jid.to_string() == "moderator@localhost" && password == "moderator-demo")
    );
    assert_eq!(config.nickname.as_deref(), Some("Streamer"));
    assert!(!format!("{config:?}").contains("moderator-demo"));
    // A broken token is reported with the other problems.
    let e = params_from_page("?room=demo@room.localhost&ws=ws://h/x", "#?j=a@b&p=").unwrap_err();
    assert_eq!(e.problems.len(), 1, "{e}");
    assert!(e.problems[0].to_string().contains("`p`"), "{e}");
}

#[wasm_bindgen_test]
fn reads_the_new_plugin_fields_and_checks_them() {
    let object = js_sys::JSON::parse(
        r#"{"room": "a@room.localhost", "localWebsocketServiceUrl": "wss://e.org/ws", "localAnonymousJID": null,
            "authenticationUrl": "https://e.org/plugins/livechat/router/api/auth", "authorizationHeader": "Bearer abc",
            "theme": "cyberpunk", "autoViewerMode": false, "forceDefaultHideMucParticipants": true,
            "participantsForModeratorsOnly": "true", "overlayFadeSeconds": 12, "autofocus": true}"#,
    )
    .unwrap();
    let p = Params::from_js(object).unwrap();
    assert_eq!(p.anonymous_domain, None, "an account is enough");
    assert_eq!(
        p.authentication_url.as_deref(),
        Some("https://e.org/plugins/livechat/router/api/auth")
    );
    assert_eq!(
        p.authorization_header.as_ref().map(|h| h.0.as_str()),
        Some("Bearer abc")
    );
    assert!(
        !format!("{p:?}").contains("Bearer abc"),
        "the header never shows in debug output"
    );
    assert_eq!(p.theme, livechat_web::params::Theme::Cyberpunk);
    assert!(
        !p.auto_viewer_mode
            && p.hide_participants
            && p.participants_for_moderators_only
            && p.autofocus
    );
    assert_eq!(p.overlay_fade_seconds, 12);

    let object = js_sys::JSON::parse(
        r#"{"room": "a@room.localhost", "localWebsocketServiceUrl": "wss://e.org/ws", "localAnonymousJID": "anon.e.org",
            "theme": "neon", "overlayFadeSeconds": -1, "authenticationUrl": "javascript:alert(1)"}"#,
    )
    .unwrap();
    let e = Params::from_js(object).unwrap_err();
    assert_eq!(e.problems.len(), 3, "{e}");
    for name in ["`theme`", "`overlayFadeSeconds`", "`authenticationUrl`"] {
        assert!(e.to_string().contains(name), "{name} in {e}");
    }

    // The plugin's API error object is shown as it is.
    let object =
        js_sys::JSON::parse(r#"{"isError": true, "code": 404, "message": "Room not found"}"#)
            .unwrap();
    let e = Params::from_js(object).unwrap_err();
    assert_eq!(
        e.problems[0].to_string(),
        "The chat is not available: Room not found (404)."
    );
    assert_eq!(e.problems.len(), 1);
}

#[wasm_bindgen_test]
fn reads_the_custom_element_attributes() {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("livechat-room").unwrap();
    for (name, value) in [
        ("room", "a@room.localhost"),
        (
            "local-websocket-service-url",
            "ws://127.0.0.1:5280/xmpp-websocket",
        ),
        ("local-anonymous-jid", "anon.localhost"),
        ("force-readonly", "noscroll"),
        ("transparent", ""),
        ("overlay-fade-seconds", "10"),
    ] {
        el.set_attribute(name, value).unwrap();
    }
    let p = Params::from_element(&el).unwrap();
    assert_eq!(p.read_only, ReadOnly::NoScroll);
    assert!(p.transparent, "a boolean attribute without a value is true");
    assert_eq!(p.overlay_fade_seconds, 10);
    assert!(p.is_overlay());

    el.remove_attribute("room").unwrap();
    el.set_attribute("theme", "purple").unwrap();
    let e = Params::from_element(&el).unwrap_err();
    assert!(e.to_string().contains("`room` is missing"), "{e}");
    assert!(e.to_string().contains("`theme`"), "{e}");
}

/// The parameters as the plugin's configuration route gives them for a video of this instance.
const PLUGIN_LOCAL: &str = r#"{
    "peertubeVideoOriginalUrl": "https://e.org/w/abc", "peertubeVideoUUID": "0b5d8c1e-8f7a-4c3e-9d2b-1a2b3c4d5e6f",
    "staticBaseUrl": "/plugins/livechat/14.0.4/static/", "assetsPath": "/plugins/livechat/14.0.4/static/images/",
    "isRemoteChat": false, "localAnonymousJID": "anon.e.org", "remoteAnonymousJID": null,
    "remoteAnonymousXMPPServer": false, "remoteAuthenticatedXMPPServer": false,
    "room": "0b5d8c1e-8f7a-4c3e-9d2b-1a2b3c4d5e6f@room.e.org",
    "localBoshServiceUrl": "/plugins/livechat/14.0.4/router/http-bind",
    "localWebsocketServiceUrl": "/plugins/livechat/14.0.4/ws/xmpp-websocket",
    "remoteBoshServiceUrl": null, "remoteWebsocketServiceUrl": null,
    "authenticationUrl": "/plugins/livechat/router/api/auth", "autoViewerMode": true, "forceReadonly": false,
    "theme": "peertube", "transparent": false, "forceDefaultHideMucParticipants": false, "autofocus": false,
    "externalAuthOIDC": [{"type": "google", "buttonLabel": "Google", "url": "/plugins/livechat/router/oidc/google/connect"}],
    "customEmojisUrl": "/plugins/livechat/router/emojis/channel/1/definition"
}"#;

#[wasm_bindgen_test]
fn reads_everything_the_plugin_gives() {
    let p = Params::from_js(js_sys::JSON::parse(PLUGIN_LOCAL).unwrap()).unwrap();
    // The WebSocket comes as a path: it goes to the page's host, `ws://` from this `http:` page.
    let host = web_sys::window().unwrap().location().host().unwrap();
    assert_eq!(
        p.websocket_url,
        format!("ws://{host}/plugins/livechat/14.0.4/ws/xmpp-websocket")
    );
    assert_eq!(p.remote, None, "not a remote chat");
    assert_eq!(
        p.video_uuid.as_deref(),
        Some("0b5d8c1e-8f7a-4c3e-9d2b-1a2b3c4d5e6f")
    );
    assert_eq!(p.video_original_url.as_deref(), Some("https://e.org/w/abc"));
    assert_eq!(
        p.static_base_url.as_deref(),
        Some("/plugins/livechat/14.0.4/static/")
    );
    assert_eq!(
        p.assets_path.as_deref(),
        Some("/plugins/livechat/14.0.4/static/images/")
    );
    assert_eq!(
        p.custom_emojis_url.as_deref(),
        Some("/plugins/livechat/router/emojis/channel/1/definition")
    );
    assert_eq!(
        p.external_logins,
        vec![ExternalLogin {
            protocol: "oidc".into(),
            provider: "google".into(),
            button_label: "Google".into(),
            url: "/plugins/livechat/router/oidc/google/connect".into(),
        }]
    );
}

#[wasm_bindgen_test]
fn makes_a_websocket_path_absolute_as_the_plugin_does() {
    assert_eq!(
        absolute_websocket_url("/ws/xmpp", "https:", "e.org:8443"),
        "wss://e.org:8443/ws/xmpp"
    );
    assert_eq!(
        absolute_websocket_url("/ws", "http:", "localhost:9000"),
        "ws://localhost:9000/ws"
    );
    // Absolute URLs, and a host-relative `//…`, are left to the check (which refuses the latter).
    assert_eq!(
        absolute_websocket_url("wss://x.org/ws", "http:", "h"),
        "wss://x.org/ws"
    );
    assert_eq!(
        absolute_websocket_url("//x.org/ws", "https:", "h"),
        "//x.org/ws"
    );
    let e =
        Params::from_query("?room=a@room.localhost&ws=//x.org/ws&anon=anon.localhost").unwrap_err();
    assert!(e.to_string().contains("`ws`"), "{e}");
}

#[wasm_bindgen_test]
fn reads_a_remote_chat() {
    let object = js_sys::JSON::parse(PLUGIN_LOCAL).unwrap();
    let set = |name: &str, value: wasm_bindgen::JsValue| {
        js_sys::Reflect::set(&object, &name.into(), &value).unwrap();
    };
    set("isRemoteChat", true.into());
    set("room", "abc@room.other.example".into());
    set("remoteAnonymousJID", "anon.other.example".into());
    set("remoteAnonymousXMPPServer", true.into());
    set("remoteAuthenticatedXMPPServer", true.into());
    set(
        "remoteWebsocketServiceUrl",
        "wss://other.example/plugins/livechat/14.0.4/ws/xmpp-websocket".into(),
    );
    set(
        "remoteBoshServiceUrl",
        "https://other.example/http-bind".into(),
    );
    let p = Params::from_js(object.clone()).unwrap();
    assert_eq!(
        p.remote,
        Some(RemoteChat {
            anonymous_domain: Some("anon.other.example".into()),
            anonymous_server: true,
            authenticated_server: true,
            websocket_url: Some(
                "wss://other.example/plugins/livechat/14.0.4/ws/xmpp-websocket".into()
            ),
        })
    );

    // The remote's anonymous access is enough without this instance's.
    set("localAnonymousJID", wasm_bindgen::JsValue::NULL);
    set("authenticationUrl", wasm_bindgen::JsValue::NULL);
    assert!(Params::from_js(object.clone()).is_ok());
    set("remoteAnonymousXMPPServer", false.into());
    let e = Params::from_js(object.clone()).unwrap_err();
    assert!(e.to_string().contains("`localAnonymousJID`"), "{e}");

    // Bad remote values are named as the plugin names them.
    set("remoteAnonymousJID", "someone@anon.other.example".into());
    set(
        "remoteWebsocketServiceUrl",
        "https://other.example/ws".into(),
    );
    set("isRemoteChat", "perhaps".into());
    let e = Params::from_js(object).unwrap_err();
    for name in [
        "`remoteAnonymousJID`",
        "`remoteWebsocketServiceUrl`",
        "`isRemoteChat`",
    ] {
        assert!(e.to_string().contains(name), "{name} in {e}");
    }
}

#[wasm_bindgen_test]
fn reads_both_shapes_of_external_logins() {
    let object = js_sys::JSON::parse(PLUGIN_LOCAL).unwrap();
    let newer = js_sys::JSON::parse(
        r#"[{"type": "oauth", "provider": "github", "buttonLabel": " GitHub ", "url": "https://e.org/oauth/github"},
            {"type": "oidc", "provider": "google", "buttonLabel": "Google", "url": "/plugins/livechat/router/oidc/google/connect"}]"#,
    )
    .unwrap();
    js_sys::Reflect::set(&object, &"externalAuth".into(), &newer).unwrap();
    let p = Params::from_js(object.clone()).unwrap();
    let seen: Vec<_> = p
        .external_logins
        .iter()
        .map(|l| {
            (
                l.protocol.as_str(),
                l.provider.as_str(),
                l.button_label.as_str(),
            )
        })
        .collect();
    // The newer list first; the older list's Google button is the same one (same `url`).
    assert_eq!(
        seen,
        [("oauth", "github", "GitHub"), ("oidc", "google", "Google")]
    );

    // An entry without a label, a `javascript:` URL or a list that is no list: named, nothing shown.
    for bad in [
        r#"[{"type": "custom", "url": "/x"}]"#,
        r#"[{"type": "custom", "buttonLabel": "X", "url": "javascript:alert(1)"}]"#,
        r#"{"type": "custom"}"#,
        r#""custom""#,
    ] {
        js_sys::Reflect::set(
            &object,
            &"externalAuthOIDC".into(),
            &js_sys::JSON::parse(bad).unwrap(),
        )
        .unwrap();
        let e = Params::from_js(object.clone()).unwrap_err();
        assert_eq!(e.problems.len(), 1, "{bad}: {e}");
        assert!(e.to_string().contains("`externalAuthOIDC`"), "{bad}: {e}");
    }

    // The element takes the list as JSON text in its kebab-case attribute.
    let el = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("livechat-room")
        .unwrap();
    for (name, value) in [
        ("room", "a@room.localhost"),
        (
            "local-websocket-service-url",
            "ws://127.0.0.1:5280/xmpp-websocket",
        ),
        ("local-anonymous-jid", "anon.localhost"),
        (
            "external-auth-oidc",
            r#"[{"type":"custom","buttonLabel":"Our SSO","url":"https://sso.example/"}]"#,
        ),
    ] {
        el.set_attribute(name, value).unwrap();
    }
    let p = Params::from_element(&el).unwrap();
    assert_eq!(p.external_logins[0].provider, "custom");
    assert_eq!(p.external_logins[0].button_label, "Our SSO");
}
