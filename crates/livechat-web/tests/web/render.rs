//! What the page shows: a visible error instead of a blank frame, and untrusted text as text.

use std::time::Duration;

use leptos::prelude::*;
use livechat_core::log::{ChatMessage, LogEntry, Notice, NoticeKind};
use livechat_core::MessageLog;
use livechat_web::components::MessageList;
use livechat_web::log_view::LogProjection;
use livechat_web::params::Params;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    el.set_attribute("style", "width: 320px; height: 400px")
        .unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

fn visible_alert(el: &Element) -> String {
    let alert = el
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an element with role=alert");
    let html: HtmlElement = alert.dyn_into().unwrap();
    assert!(
        html.offset_height() > 0 && html.offset_width() > 0,
        "the alert takes up space"
    );
    html.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn missing_parameters_show_a_visible_error() {
    let el = container();
    let mut chat =
        livechat_web::mount_with(el.clone(), Params::from_query("?room=abc@room.localhost"));
    leptos::task::tick().await;
    let text = visible_alert(&el);
    assert!(text.contains("The chat cannot start"), "{text}");
    assert!(text.contains("`ws` is missing"), "{text}");
    assert!(text.contains("`anon` is missing"), "{text}");
    assert!(!text.contains("`room`"), "{text}");
    chat.unmount();
}

#[wasm_bindgen_test]
async fn mount_without_an_options_object_shows_a_visible_error() {
    let el = container();
    let mut chat = livechat_web::mount(el.clone(), wasm_bindgen::JsValue::UNDEFINED);
    leptos::task::tick().await;
    let text = visible_alert(&el);
    assert!(text.contains("must be an object"), "{text}");
    chat.unmount();
}

#[wasm_bindgen_test]
async fn an_unreachable_server_shows_a_visible_error_and_keeps_trying() {
    let el = container();
    // Port 9 (discard) on loopback: nothing listens there.
    let params = Params::from_query(
        "?room=a@room.localhost&ws=ws://127.0.0.1:9/xmpp-websocket&anon=anon.localhost&nick=Camille",
    );
    let mut chat = livechat_web::mount_with(el.clone(), params);
    leptos::task::tick().await;
    let status = el.query_selector(".lc-status").unwrap().unwrap();
    assert_eq!(
        status.get_attribute("data-status").as_deref(),
        Some("connecting")
    );
    for _ in 0..50 {
        if el.query_selector("[role=alert]").unwrap().is_some() {
            break;
        }
        gloo_timers::future::sleep(Duration::from_millis(100)).await;
    }
    let text = visible_alert(&el);
    assert!(text.contains("Cannot connect to the chat server"), "{text}");
    // A connection refused may be a server restarting: the page tries again, and says so.
    assert_eq!(
        status.get_attribute("data-status").as_deref(),
        Some("reconnecting")
    );
    assert!(
        status.text_content().unwrap().contains("attempt 1"),
        "{:?}",
        status.text_content()
    );
    // Never joined: no way to type yet.
    let input = el.query_selector(".lc-input").unwrap().unwrap();
    assert!(input.has_attribute("disabled"));
    chat.unmount();
}

fn message(log: &mut MessageLog, nick: &str, body: &str) -> LogEntry {
    LogEntry::Message(ChatMessage {
        key: log.next_key(),
        id: None,
        stanza_id: None,
        origin_id: None,
        nick: nick.into(),
        occupant_id: None,
        body: body.into(),
        sent_at_ms: 1_700_000_000_000,
        delayed: false,
        corrected: false,
        retracted: None,
        own: false,
        revision: 0,
        ..Default::default()
    })
}

#[wasm_bindgen_test]
async fn nicknames_and_bodies_are_text_never_markup() {
    let mut log = MessageLog::new(100);
    let hostile = r#"<img src=x onerror="document.title='pwned'"><b>bold</b>"#;
    let entry = message(&mut log, "<i>Mallory</i>", hostile);
    log.push(entry);
    let key = log.next_key();
    log.push(LogEntry::Notice(Notice {
        key,
        kind: NoticeKind::Left {
            nick: "<u>x</u>".into(),
        },
        at_ms: 0,
    }));
    let entries = RwSignal::new(LogProjection::default().project(&log));

    let el = container();
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html_el, move || view! { <MessageList entries/> }).forget();
    leptos::task::tick().await;

    let body = el.query_selector(".lc-msg .lc-body").unwrap().unwrap();
    assert_eq!(body.text_content().unwrap(), hostile);
    assert_eq!(body.child_element_count(), 0, "the body is one text node");
    let nick = el.query_selector(".lc-nick").unwrap().unwrap();
    assert_eq!(nick.text_content().unwrap(), "<i>Mallory</i>");
    assert_eq!(nick.child_element_count(), 0);
    // No image at all: the generated avatar is inline SVG, a disc and a path.
    assert_eq!(
        el.inner_html().matches("<img").count(),
        0,
        "{}",
        el.inner_html()
    );
    let avatar = el.query_selector("svg.lc-avatar").unwrap().unwrap();
    assert_eq!(avatar.get_attribute("aria-hidden").as_deref(), Some("true"));
    let shapes: Vec<String> = (0..avatar.children().length())
        .map(|i| avatar.children().item(i).unwrap().tag_name())
        .collect();
    assert_eq!(shapes, ["circle", "path"]);
    assert!(avatar
        .query_selector("circle")
        .unwrap()
        .unwrap()
        .get_attribute("fill")
        .unwrap()
        .starts_with('#'));
    // The nickname has its XEP-0392 colour.
    let style = nick.get_attribute("style").unwrap_or_default();
    assert!(style.contains("color"), "{style}");
    let notice = el.query_selector(".lc-notice .lc-body").unwrap().unwrap();
    assert_eq!(notice.text_content().unwrap(), "<u>x</u> left");
    assert_eq!(notice.child_element_count(), 0);
}
