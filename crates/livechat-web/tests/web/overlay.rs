//! The OBS overlay: messages only, and each one leaves the page after the fade time (the core's
//! log keeps it).

use std::time::Duration;

use leptos::prelude::*;
use livechat_core::log::ChatMessage;
use livechat_core::MessageLog;
use livechat_web::components::MessageList;
use livechat_web::log_view::LogProjection;
use livechat_web::params::Params;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

use crate::page::Stylesheet;

/// A container, and the real stylesheet for as long as the test keeps it: the overlay's look
/// is its CSS.
fn container() -> (Element, Stylesheet) {
    let stylesheet = Stylesheet::load();
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    el.set_attribute("style", "width: 400px; height: 300px")
        .unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    (el, stylesheet)
}

fn push(log: &mut MessageLog, body: &str) {
    let key = log.next_key();
    log.push_message(ChatMessage {
        key,
        id: None,
        stanza_id: Some(format!("sid{key}")),
        origin_id: None,
        nick: "Streamer".into(),
        occupant_id: None,
        body: body.into(),
        sent_at_ms: 1_700_000_000_000,
        delayed: false,
        corrected: false,
        retracted: None,
        own: false,
        revision: 0,
        ..Default::default()
    });
}

fn bodies(el: &Element) -> Vec<String> {
    let list = el.query_selector_all(".lc-msg .lc-body").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn messages_leave_the_page_after_the_fade_time() {
    let mut log = MessageLog::new(100);
    push(&mut log, "one");
    push(&mut log, "two");
    let mut projection = LogProjection::default();
    let entries = RwSignal::new(projection.project(&log));
    let (el, _stylesheet) = container();
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(
        html_el,
        move || view! { <MessageList entries always_follow=true fade_ms=400/> },
    )
    .forget();
    leptos::task::tick().await;
    assert_eq!(bodies(&el), ["one", "two"]);
    let list: HtmlElement = el
        .query_selector(".lc-log")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(list.class_list().contains("lc-fade"));
    // The CSS fade ends when the entry leaves: it starts at 0 ms and lasts the 400 ms.
    assert_eq!(
        list.style().get_property_value("--lc-fade-delay").unwrap(),
        "0ms"
    );
    assert_eq!(
        list.style()
            .get_property_value("--lc-fade-duration")
            .unwrap(),
        "400ms"
    );

    gloo_timers::future::sleep(Duration::from_millis(250)).await;
    push(&mut log, "three");
    entries.set(projection.project(&log));
    leptos::task::tick().await;
    assert_eq!(bodies(&el), ["one", "two", "three"]);

    gloo_timers::future::sleep(Duration::from_millis(250)).await;
    leptos::task::tick().await;
    assert_eq!(
        bodies(&el),
        ["three"],
        "the first two faded out, the third has time left"
    );
    assert_eq!(log.len(), 3, "the log keeps them");

    gloo_timers::future::sleep(Duration::from_millis(300)).await;
    leptos::task::tick().await;
    assert!(bodies(&el).is_empty());
    assert_eq!(
        el.query_selector_all("li").unwrap().length(),
        0,
        "nothing left in the DOM"
    );
}

#[wasm_bindgen_test]
async fn the_overlay_has_no_input_no_panels_no_header() {
    let (el, _stylesheet) = container();
    let params = Params::from_query(
        "?room=a@room.localhost&ws=ws://127.0.0.1:9/xmpp-websocket&anon=anon.localhost&_readonly=noscroll&_transparent=true&overlayFadeSeconds=5",
    )
    .unwrap();
    assert!(params.is_overlay());
    assert_eq!(params.overlay_fade_seconds, 5);
    let mut chat = livechat_web::mount_with(el.clone(), Ok(params));
    leptos::task::tick().await;
    let root = el.query_selector(".lc-chat").unwrap().unwrap();
    for class in ["lc-overlay", "lc-transparent", "lc-noscroll"] {
        assert!(root.class_list().contains(class), "{class}");
    }
    for absent in [
        ".lc-header",
        ".lc-composer",
        ".lc-input",
        ".lc-footer",
        ".lc-participants",
        ".lc-participants-toggle",
        ".lc-toast-region",
    ] {
        assert!(
            el.query_selector(absent).unwrap().is_none(),
            "{absent} in the overlay"
        );
    }
    // Still a status for tests and assistive technology, but not on screen.
    let status: HtmlElement = el
        .query_selector(".lc-status")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(status.class_list().contains("lc-visually-hidden"));
    let list: HtmlElement = el
        .query_selector(".lc-log")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(list.class_list().contains("lc-fade"));
    let computed = |el: &Element, property: &str| {
        let style = web_sys::window()
            .unwrap()
            .get_computed_style(el)
            .unwrap()
            .unwrap();
        style.get_property_value(property).unwrap()
    };
    // No scrollbar, a transparent background, large outlined text.
    assert_eq!(computed(&list, "overflow-y"), "hidden");
    assert_eq!(computed(&root, "background-color"), "rgba(0, 0, 0, 0)");
    let size: f64 = computed(&root, "font-size")
        .trim_end_matches("px")
        .parse()
        .unwrap();
    assert!(size >= 20.0, "overlay text is large: {size}px");
    chat.unmount();
}
