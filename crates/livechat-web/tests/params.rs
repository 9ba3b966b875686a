//! Reading the chat's parameters from the standalone page's URL and from the embedding object.

use livechat_web::params::{form_decode, Params, ReadOnly, MAX_HISTORY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const GOOD: &str = "?room=0b5d8c1e-video%40room.localhost&ws=ws%3A%2F%2F127.0.0.1%3A52800%2Fxmpp-websocket&anon=anon.localhost";

#[wasm_bindgen_test]
fn reads_the_standalone_query() {
    let p = Params::from_query(GOOD).unwrap();
    assert_eq!(p.room.to_string(), "0b5d8c1e-video@room.localhost");
    assert_eq!(p.websocket_url, "ws://127.0.0.1:52800/xmpp-websocket");
    assert_eq!(p.anonymous_domain, "anon.localhost");
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
        assert!(e.problems[0].contains(name), "{query}: {e}");
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
    assert_eq!(p.anonymous_domain, "anon.example.org");
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
