//! The message list: keyed on the log, corrections in place with an "edited" mark, tombstones for
//! removed messages, safe links, the hooks end-to-end tests use, readable nickname colours, and
//! the "new messages" button when the viewer scrolled up.

use leptos::prelude::*;
use livechat_core::log::{Author, ChatMessage, Retraction};
use livechat_core::{color, MessageLog};
use livechat_web::components::{ChatContext, MessageList};
use livechat_web::log_view::LogProjection;
use livechat_web::state::ChatState;
use livechat_web::transport::Commands;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

use crate::page::Stylesheet;

/// A container styled `style`, and the real stylesheet for as long as the test keeps it:
/// scrolling depends on it.
fn container(style: &str) -> (Element, Stylesheet) {
    let stylesheet = Stylesheet::load();
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    el.set_attribute("style", style).unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    (el, stylesheet)
}

fn message(log: &mut MessageLog, n: u32, nick: &str, body: &str) -> ChatMessage {
    ChatMessage {
        key: log.next_key(),
        id: Some(format!("id{n}")),
        stanza_id: Some(format!("sid{n}")),
        origin_id: Some(format!("oid{n}")),
        nick: nick.into(),
        occupant_id: Some(format!("occ-{nick}")),
        body: body.into(),
        sent_at_ms: 1_700_000_000_000 + i64::from(n) * 60_000,
        delayed: false,
        corrected: false,
        retracted: None,
        own: false,
        revision: 0,
        ..Default::default()
    }
}

fn mount_list(entries: RwSignal<Vec<livechat_web::log_view::EntryView>>, el: &Element) {
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html_el, move || view! { <MessageList entries/> }).forget();
}

fn rows(el: &Element) -> Vec<Element> {
    let list = el.query_selector_all("li.lc-msg").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn corrections_and_removals_change_rows_in_place() {
    let mut log = MessageLog::new(100);
    for (n, body) in ["first", "second", "third"].into_iter().enumerate() {
        let m = message(&mut log, n as u32, "Camille", body);
        log.push_message(m);
    }
    let mut projection = LogProjection::default();
    let entries = RwSignal::new(projection.project(&log));
    let (el, _stylesheet) = container("width: 320px; height: 400px");
    mount_list(entries, &el);
    leptos::task::tick().await;

    let before = rows(&el);
    assert_eq!(before.len(), 3);
    assert_eq!(
        before[0].get_attribute("data-stanza-id").as_deref(),
        Some("sid0")
    );
    let keys: Vec<String> = before
        .iter()
        .map(|r| r.get_attribute("data-key").unwrap())
        .collect();
    assert_eq!(keys.len(), 3);
    assert!(el.query_selector(".lc-edited").unwrap().is_none());

    // A correction of the second, a moderator's removal of the third, the author's of the first.
    let author = Author {
        nick: "Camille",
        occupant_id: Some("occ-Camille"),
    };
    assert!(log.correct("id1", &author, "second, fixed".into()));
    let by_moderator = Retraction {
        moderator: Some("Streamer".into()),
        reason: None,
    };
    assert!(log.retract("sid2", None, by_moderator));
    let by_author = Retraction {
        moderator: None,
        reason: None,
    };
    assert!(log.retract("sid0", Some(&author), by_author));
    entries.set(projection.project(&log));
    leptos::task::tick().await;

    let after = rows(&el);
    assert_eq!(after.len(), 3, "still one row per log entry");
    let after_keys: Vec<String> = after
        .iter()
        .map(|r| r.get_attribute("data-key").unwrap())
        .collect();
    assert_eq!(after_keys, keys, "same keys, same order");

    let body = |row: &Element| {
        row.query_selector(".lc-body")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(body(&after[1]), "second, fixed");
    let edited = after[1]
        .query_selector(".lc-edited")
        .unwrap()
        .expect("an edited mark");
    assert_eq!(edited.text_content().unwrap(), "edited");

    assert!(after[2].class_list().contains("lc-removed"));
    assert_eq!(body(&after[2]), "Message removed by a moderator");
    assert!(after[0].class_list().contains("lc-removed"));
    assert_eq!(body(&after[0]), "Message removed");
    assert!(
        !el.text_content().unwrap().contains("third"),
        "the removed body is gone"
    );
}

#[wasm_bindgen_test]
async fn links_are_safe_and_the_rest_stays_text() {
    let mut log = MessageLog::new(10);
    let body = "see https://example.org/a?b=1&c=<2> and javascript:alert(1) or data:text/html,<script>x</script> <b>x</b>";
    let m = message(&mut log, 1, "Mallory", body);
    log.push_message(m);
    let entries = RwSignal::new(LogProjection::default().project(&log));
    let (el, _stylesheet) = container("width: 320px; height: 400px");
    mount_list(entries, &el);
    leptos::task::tick().await;

    let body_el = el.query_selector(".lc-body").unwrap().unwrap();
    assert_eq!(
        body_el.text_content().unwrap(),
        body,
        "the text is unchanged"
    );
    let links = body_el.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 1, "{}", body_el.inner_html());
    let link: Element = links.item(0).unwrap().unchecked_into();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://example.org/a?b=1&c=")
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer nofollow")
    );
    for tag in ["script", "b"] {
        assert!(
            body_el.query_selector(tag).unwrap().is_none(),
            "no <{tag}> element"
        );
    }
}

#[wasm_bindgen_test]
async fn nickname_colours_are_readable_on_the_background() {
    let mut log = MessageLog::new(10);
    let m = message(&mut log, 1, "Camille", "hello");
    log.push_message(m);
    let dark = [24, 24, 27];
    let mut projection = LogProjection::new(dark);
    let entries = RwSignal::new(projection.project(&log));
    let (el, _stylesheet) = container("width: 320px; height: 200px");
    mount_list(entries, &el);
    leptos::task::tick().await;

    let nick: HtmlElement = el
        .query_selector(".lc-nick")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let expected = color::readable_rgb("occ-Camille", dark);
    let shown = nick.style().get_property_value("color").unwrap();
    assert_eq!(
        shown,
        format!("rgb({}, {}, {})", expected[0], expected[1], expected[2])
    );
    assert!(color::contrast(expected, dark) >= color::MIN_CONTRAST);

    // Another background (theme change): every row is coloured again.
    assert!(projection.set_background([255, 255, 255]));
    entries.set(projection.project(&log));
    leptos::task::tick().await;
    let nick: HtmlElement = el
        .query_selector(".lc-nick")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let light = color::readable_rgb("occ-Camille", [255, 255, 255]);
    assert_eq!(
        nick.style().get_property_value("color").unwrap(),
        format!("rgb({}, {}, {})", light[0], light[1], light[2])
    );
}

#[wasm_bindgen_test]
async fn scrolled_up_viewers_get_a_new_messages_button() {
    let mut log = MessageLog::new(100);
    for n in 0..40 {
        let m = message(&mut log, n, "Camille", &format!("message number {n}"));
        log.push_message(m);
    }
    let mut projection = LogProjection::default();
    let entries = RwSignal::new(projection.project(&log));
    let (el, _stylesheet) =
        container("width: 320px; height: 200px; display: flex; flex-direction: column");
    mount_list(entries, &el);
    leptos::task::tick().await;
    let frame = || gloo_timers::future::sleep(std::time::Duration::from_millis(50));
    frame().await;

    let list: HtmlElement = el
        .query_selector(".lc-log")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(
        list.scroll_height() > list.client_height(),
        "the list overflows"
    );
    let bottom = |l: &HtmlElement| l.scroll_height() - l.scroll_top() - l.client_height();
    assert!(bottom(&list) <= 1, "it starts at the newest message");

    // The viewer scrolls up to read; a message arrives: the list stays put, a button appears.
    list.set_scroll_top(0);
    list.dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    frame().await;
    let m = message(&mut log, 99, "Dominique", "a new one");
    log.push_message(m);
    entries.set(projection.project(&log));
    leptos::task::tick().await;
    frame().await;
    assert_eq!(list.scroll_top(), 0);
    let button: HtmlElement = el
        .query_selector(".lc-new-messages")
        .unwrap()
        .expect("a new-messages button")
        .unchecked_into();
    button.click();
    leptos::task::tick().await;
    frame().await;
    assert!(bottom(&list) <= 1, "the button jumps to the newest message");
    assert!(el.query_selector(".lc-new-messages").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn rows_follow_the_moderator_flag_and_open_their_own_menu() {
    let mut log = MessageLog::new(100);
    for (n, nick) in ["Camille", "Dominique", "Sacha"].iter().enumerate() {
        let m = message(&mut log, n as u32, nick, &format!("hello from {nick}"));
        log.push_message(m);
    }
    let entries = RwSignal::new(LogProjection::default().project(&log));
    let (el, _stylesheet) = container("width: 400px; height: 300px");
    let state = ChatState::new();
    let (commands, _receiver) = Commands::channel();
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html_el, move || {
        provide_context(ChatContext::new(state, commands));
        view! { <MessageList entries/> }
    })
    .forget();
    let settle = || async {
        leptos::task::tick().await;
        gloo_timers::future::sleep(std::time::Duration::from_millis(20)).await;
    };
    settle().await;
    let count = |selector: &str| el.query_selector_all(selector).unwrap().length();
    // The nickname button of `nick`'s row.
    let button = |nick: &str| {
        rows(&el)
            .into_iter()
            .find(|r| r.text_content().unwrap_or_default().contains(nick))
            .unwrap()
            .query_selector(".lc-nick-button")
            .unwrap()
    };
    let expanded = |nick: &str| button(nick).and_then(|b| b.get_attribute("aria-expanded"));

    // A viewer: plain nicknames.
    assert_eq!(count("li.lc-msg"), 3);
    assert_eq!(count("li.lc-msg span.lc-nick"), 3);
    assert_eq!(count("li.lc-msg button.lc-nick"), 0);

    // Made a moderator while the rows are shown: every nickname opens a menu.
    state.am_moderator.set(true);
    settle().await;
    assert_eq!(count("li.lc-msg button.lc-nick"), 3);
    assert_eq!(expanded("Dominique").as_deref(), Some("false"));

    // The menu opens in its own row only, and moves when another opens.
    let click = |nick: &str| {
        button(nick)
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .click()
    };
    click("Dominique");
    settle().await;
    assert_eq!(count(".lc-mod-menu"), 1);
    assert_eq!(expanded("Dominique").as_deref(), Some("true"));
    assert_eq!(expanded("Camille").as_deref(), Some("false"));
    click("Sacha");
    settle().await;
    assert_eq!(count(".lc-mod-menu"), 1);
    assert_eq!(expanded("Dominique").as_deref(), Some("false"));
    assert_eq!(expanded("Sacha").as_deref(), Some("true"));
    click("Sacha");
    settle().await;
    assert_eq!(count(".lc-mod-menu"), 0);
    assert_eq!(expanded("Sacha").as_deref(), Some("false"));

    // No longer a moderator: plain nicknames again, and no menu.
    click("Camille");
    settle().await;
    assert_eq!(count(".lc-mod-menu"), 1);
    state.am_moderator.set(false);
    settle().await;
    assert_eq!(count("li.lc-msg button.lc-nick"), 0);
    assert_eq!(count("li.lc-msg span.lc-nick"), 3);
    assert_eq!(count(".lc-mod-menu"), 0);

    // A moderator again: the menu left open before does not come back.
    state.am_moderator.set(true);
    settle().await;
    assert_eq!(count("li.lc-msg button.lc-nick"), 3);
    assert_eq!(count(".lc-mod-menu"), 0);
    assert_eq!(expanded("Camille").as_deref(), Some("false"));
}
