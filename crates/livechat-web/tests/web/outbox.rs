//! Own messages not delivered yet: pending ones say so, refused ones offer Retry and Discard.

use futures::StreamExt;
use leptos::prelude::*;
use livechat_web::components::OutboxList;
use livechat_web::state::OutboxView;
use livechat_web::transport::{Command, Commands};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

#[wasm_bindgen_test]
async fn refused_messages_can_be_retried_or_discarded() {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    let (commands, mut receiver) = Commands::channel();
    let items = RwSignal::new(vec![
        OutboxView {
            origin_id: "m1".into(),
            body: "on its way".into(),
            failed: None,
        },
        OutboxView {
            origin_id: "m2".into(),
            body: "<i>too fast</i>".into(),
            failed: Some("Slow mode: wait a little before sending again.".into()),
        },
    ]);
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html_el, move || view! { <OutboxList items commands/> }).forget();
    leptos::task::tick().await;

    let pending = el
        .query_selector(".lc-outbox[data-state=pending]")
        .unwrap()
        .expect("a pending item");
    assert!(pending.text_content().unwrap().contains("Sending…"));
    assert!(pending.query_selector("button").unwrap().is_none());
    let failed = el
        .query_selector(".lc-outbox[data-state=failed]")
        .unwrap()
        .expect("a failed item");
    assert_eq!(
        failed.get_attribute("data-origin-id").as_deref(),
        Some("m2")
    );
    assert!(failed
        .text_content()
        .unwrap()
        .contains("Not sent: Slow mode"));
    assert!(
        failed.query_selector("i").unwrap().is_none(),
        "the body is text"
    );

    let button = |selector: &str| -> HtmlElement {
        failed
            .query_selector(selector)
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    button(".lc-retry").click();
    assert_eq!(receiver.next().await, Some(Command::Retry("m2".into())));
    button(".lc-discard").click();
    assert_eq!(receiver.next().await, Some(Command::Discard("m2".into())));

    items.set(Vec::new());
    leptos::task::tick().await;
    let list: HtmlElement = el
        .query_selector(".lc-outbox-list")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(list.hidden(), "an empty outbox takes no room");
}
