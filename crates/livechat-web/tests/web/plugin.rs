//! The PeerTube plugin's entry points: what each mode changes, and the promise `initConverse`
//! returns when the room cannot be reached (the chat then leaves the plugin's page). The modes end
//! to end, with the plugin's pages around them: `tests/ui_plugin` (livechat-e2e).

use livechat_web::params::Params;
use livechat_web::plugin::{self, Mode};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const PARAMS: &str = r#"{"room": "video@room.localhost", "localWebsocketServiceUrl": "ws://127.0.0.1:1/xmpp-websocket",
    "localAnonymousJID": "anon.localhost", "forceReadonly": false, "autofocus": true, "forceDefaultHideMucParticipants": false}"#;

fn params() -> Params {
    Params::from_js(js_sys::JSON::parse(PARAMS).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn each_mode_sets_focus_and_the_participants_as_the_plugin_does() {
    assert_eq!(Mode::parse(None), Some(Mode::ChatOnly));
    assert_eq!(
        Mode::parse(Some("peertube-video")),
        Some(Mode::PeertubeVideo)
    );
    assert_eq!(
        Mode::parse(Some("peertube-fullpage")),
        Some(Mode::PeertubeFullpage)
    );
    assert_eq!(Mode::parse(Some("fullscreen")), None);

    // (mode, in an iframe) → (autofocus, participants closed and embedded)
    for (mode, in_iframe, autofocus, hidden) in [
        (Mode::PeertubeVideo, false, false, true),
        (Mode::PeertubeFullpage, false, true, false),
        (Mode::ChatOnly, false, true, false),
        (Mode::ChatOnly, true, false, true),
        (Mode::PeertubeFullpage, true, true, true),
    ] {
        let mut p = params();
        // The plugin's own autofocus is replaced by the mode's.
        p.autofocus = !autofocus;
        mode.apply(&mut p, in_iframe);
        let case = format!("{mode:?} in an iframe: {in_iframe}");
        assert_eq!(p.autofocus, autofocus, "{case}");
        assert_eq!(
            (p.hide_participants, p.embedded),
            (hidden, hidden),
            "{case}"
        );
    }
    // The plugin's `forceDefaultHideMucParticipants` still closes them where the mode would not.
    let mut p = params();
    p.hide_participants = true;
    Mode::PeertubeFullpage.apply(&mut p, false);
    assert!(p.hide_participants && !p.embedded);
}

/// A `<converse-root>` in the page, and the plugin's spinner before it.
fn plugin_container() -> (web_sys::Element, web_sys::Element) {
    let document = web_sys::window().unwrap().document().unwrap();
    let container = document.create_element("div").unwrap();
    container.set_inner_html(
        r#"<div id="livechat-loading-spinner" class="livechat-spinner"><div></div></div><converse-root class="theme-peertube"></converse-root>"#,
    );
    document.body().unwrap().append_child(&container).unwrap();
    let root = container.query_selector("converse-root").unwrap().unwrap();
    (container, root)
}

#[wasm_bindgen_test]
async fn an_unusable_room_rejects_and_the_chat_leaves_the_plugins_page() {
    let (container, root) = plugin_container();
    let object = js_sys::JSON::parse(PARAMS).unwrap();
    js_sys::Reflect::set(
        &object,
        &"localWebsocketServiceUrl".into(),
        &"http://nope".into(),
    )
    .unwrap();
    let promise =
        plugin::init_converse(object, "peertube-video".into(), wasm_bindgen::JsValue::NULL);
    let error = JsFuture::from(promise)
        .await
        .expect_err("a WebSocket address that is none rejects");
    let message: String = error.unchecked_into::<js_sys::Error>().message().into();
    assert!(message.contains("localWebsocketServiceUrl"), "{message}");
    // Taken out of the page (the plugin shows its error instead), after the promise settled.
    gloo_timers::future::TimeoutFuture::new(20).await;
    assert_eq!(root.child_element_count(), 0, "{}", root.inner_html());
    // The spinner is the plugin's to remove when it fails.
    assert!(container
        .query_selector(".livechat-spinner")
        .unwrap()
        .is_some());
    container.remove();

    // An unknown mode is refused before anything is mounted.
    let promise = plugin::init_converse(
        js_sys::JSON::parse(PARAMS).unwrap(),
        "theatre".into(),
        wasm_bindgen::JsValue::NULL,
    );
    let error = JsFuture::from(promise).await.expect_err("an unknown mode");
    let message: String = error.unchecked_into::<js_sys::Error>().message().into();
    assert!(message.contains("theatre"), "{message}");
}

#[wasm_bindgen_test]
async fn a_chat_that_cannot_start_says_so_through_ready() {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    let mut chat = livechat_web::mount(
        element.clone(),
        js_sys::JSON::parse(r#"{"room": "x"}"#).unwrap(),
    );
    let error = JsFuture::from(chat.ready())
        .await
        .expect_err("no WebSocket, no room");
    let message: String = error.unchecked_into::<js_sys::Error>().message().into();
    assert!(message.contains("`localWebsocketServiceUrl`"), "{message}");
    // Asked again later: the same answer.
    assert!(JsFuture::from(chat.ready()).await.is_err());
    chat.unmount();
    element.remove();
}
