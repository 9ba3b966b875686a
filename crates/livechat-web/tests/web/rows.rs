//! What a message row shows beyond its text: an announcement's title line, the nicknames it
//! mentions (and that it mentions the viewer), a poll's start and end in a line (votes not at
//! all), its line breaks, a long body folded with a toggle (none in the overlay), and to
//! moderators how long the room still holds it back.

use leptos::prelude::*;
use livechat_core::log::{AnnouncementKind, ChatMessage, MessageKind};
use livechat_core::mention::Mention;
use livechat_core::poll::{Poll, PollChoice};
use livechat_core::MessageLog;
use livechat_web::components::{ChatContext, MessageList};
use livechat_web::log_view::{EntryView, LogProjection};
use livechat_web::state::ChatState;
use livechat_web::transport::Commands;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

use crate::page::Stylesheet;

fn message(log: &mut MessageLog, nick: &str, body: &str) -> ChatMessage {
    let key = log.next_key();
    ChatMessage {
        key,
        id: Some(format!("id{key}")),
        stanza_id: Some(format!("sid{key}")),
        origin_id: Some(format!("oid{key}")),
        nick: nick.into(),
        occupant_id: Some(format!("occ-{nick}")),
        body: body.into(),
        sent_at_ms: 1_700_000_000_000,
        ..Default::default()
    }
}

fn poll(over: bool) -> Poll {
    Poll {
        id: "p1".into(),
        author: "Streamer".into(),
        question: "Which game next?".into(),
        choices: vec![
            PollChoice {
                number: 1,
                label: "Chess".into(),
                votes: 3,
            },
            PollChoice {
                number: 2,
                label: "Go".into(),
                votes: 2,
            },
        ],
        votes: 5,
        ends_at_ms: None,
        over,
        anonymous: None,
        my_vote: None,
    }
}

/// The list in a container with the stylesheet, as the chat mounts it; `moderator` and `overlay`
/// as the viewer is.
fn mount(
    entries: RwSignal<Vec<EntryView>>,
    moderator: bool,
    overlay: bool,
) -> (Element, ChatState, Stylesheet) {
    let stylesheet = Stylesheet::load();
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    el.set_attribute("style", "width: 320px; height: 600px")
        .unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    let state = ChatState::new();
    state.am_moderator.set(moderator);
    state.nick.set(Some("Me".into()));
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html_el, move || {
        provide_context(ChatContext::new(state, Commands::channel().0));
        view! { <div class="lc-chat"><MessageList entries overlay read_only=overlay/></div> }
    })
    .forget();
    (el, state, stylesheet)
}

fn rows(el: &Element) -> Vec<Element> {
    let list = el.query_selector_all("li.lc-msg").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn height(el: &Element) -> f64 {
    f64::from(el.unchecked_ref::<HtmlElement>().offset_height())
}

fn text(row: &Element, css: &str) -> Option<String> {
    row.query_selector(css)
        .unwrap()
        .map(|e| e.text_content().unwrap())
}

#[wasm_bindgen_test]
async fn announcements_polls_and_mentions_are_told_in_words() {
    let mut log = MessageLog::new(20);
    let mut m = message(
        &mut log,
        "Streamer",
        "* Warning *\nNo spoilers, @Me, please",
    );
    m.kind = MessageKind::Announcement(AnnouncementKind::Warning);
    // "Me": code points 26..28 of the body as sent, title line included.
    m.mentions = vec![Mention {
        begin: 26,
        end: 28,
        nick: "Me".into(),
    }];
    m.mentions_me = true;
    log.push_message(m);
    let mut m = message(
        &mut log,
        "Streamer",
        "Poll: Which game next?\n!1 Chess\n!2 Go",
    );
    m.kind = MessageKind::Poll(Box::new(poll(false)));
    log.push_message(m);
    let mut m = message(&mut log, "Camille", "!1");
    m.kind = MessageKind::Vote { choice: 1 };
    log.push_message(m);
    let mut m = message(&mut log, "Streamer", "Results…");
    m.kind = MessageKind::Poll(Box::new(poll(true)));
    log.push_message(m);
    let mut m = message(&mut log, "Camille", "hi @Bob");
    m.mentions = vec![Mention {
        begin: 4,
        end: 7,
        nick: "Bob".into(),
    }];
    log.push_message(m);

    let entries = RwSignal::new(LogProjection::default().project(&log));
    let (el, _state, _css) = mount(entries, false, false);
    leptos::task::tick().await;
    let rows = rows(&el);
    assert_eq!(rows.len(), 4, "the vote is not drawn");

    let warning = &rows[0];
    assert_eq!(
        warning.get_attribute("data-style").as_deref(),
        Some("warning")
    );
    assert_eq!(text(warning, ".lc-title").as_deref(), Some("Warning"));
    assert_eq!(
        text(warning, ".lc-body").as_deref(),
        Some("No spoilers, @Me, please"),
        "the sender's own title line is not drawn twice"
    );
    assert_eq!(text(warning, ".lc-mention").as_deref(), Some("Me"));
    assert!(warning.class_list().contains("lc-mentions-me"));
    assert!(text(warning, ".lc-visually-hidden")
        .unwrap()
        .contains("mentions you"));
    let frame = web_sys::window()
        .unwrap()
        .get_computed_style(warning)
        .unwrap()
        .unwrap();
    assert_eq!(
        frame.get_property_value("border-top-style").unwrap(),
        "solid"
    );

    assert_eq!(rows[1].get_attribute("data-style").as_deref(), Some("poll"));
    assert_eq!(text(&rows[1], ".lc-title").as_deref(), Some("Poll:"));
    assert_eq!(
        text(&rows[1], ".lc-body").as_deref(),
        Some("Which game next?")
    );
    assert_eq!(
        rows[2].get_attribute("data-style").as_deref(),
        Some("poll-ended")
    );
    assert_eq!(
        text(&rows[2], ".lc-poll-result").as_deref(),
        Some("Chess: 3 · Go: 2")
    );

    assert!(!rows[3].class_list().contains("lc-mentions-me"));
    assert_eq!(text(&rows[3], ".lc-mention").as_deref(), Some("Bob"));
    assert_eq!(text(&rows[3], ".lc-body").as_deref(), Some("hi @Bob"));
}

#[wasm_bindgen_test]
async fn line_breaks_are_kept_as_text() {
    let mut log = MessageLog::new(10);
    let m = message(&mut log, "Camille", "first\nsecond\n<b>third</b>");
    log.push_message(m);
    let entries = RwSignal::new(LogProjection::default().project(&log));
    let (el, _state, _css) = mount(entries, false, false);
    leptos::task::tick().await;
    let body = el.query_selector(".lc-body").unwrap().unwrap();
    assert_eq!(body.text_content().unwrap(), "first\nsecond\n<b>third</b>");
    assert!(
        body.query_selector("b, br").unwrap().is_none(),
        "text nodes only"
    );
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&body)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("white-space").unwrap(), "pre-wrap");
    // Three lines high.
    let line = el.query_selector(".lc-time").unwrap().unwrap();
    assert!(height(&body) > 2.5 * height(&line), "drawn on three lines");
}

#[wasm_bindgen_test]
async fn a_long_message_folds_and_unfolds() {
    let mut log = MessageLog::new(10);
    let long: String = (1..=60).map(|n| format!("line {n}\n")).collect();
    let m = message(&mut log, "Camille", &long);
    log.push_message(m);
    let entries = RwSignal::new(LogProjection::default().project(&log));
    let (el, _state, _css) = mount(entries, false, false);
    leptos::task::tick().await;
    let row = rows(&el).remove(0);
    assert_eq!(
        text(&row, ".lc-body").as_deref(),
        Some("line 1\nline 2\nline 3\nline 4…")
    );
    let toggle: HtmlElement = row
        .query_selector("button.lc-fold-toggle")
        .unwrap()
        .expect("a toggle")
        .unchecked_into();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(toggle.text_content().unwrap(), "Show more");
    let folded_height = height(&row);

    toggle.click();
    leptos::task::tick().await;
    assert_eq!(text(&row, ".lc-body").as_deref(), Some(long.as_str()));
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(toggle.text_content().unwrap(), "Show less");
    assert!(height(&row) > 5.0 * folded_height);

    toggle.click();
    leptos::task::tick().await;
    assert!(text(&row, ".lc-body").unwrap().ends_with('…'));
}

#[wasm_bindgen_test]
async fn the_overlay_folds_for_good() {
    let mut log = MessageLog::new(10);
    let m = message(&mut log, "Camille", &"spam ".repeat(1_000));
    log.push_message(m);
    let entries = RwSignal::new(LogProjection::default().project(&log));
    let (el, _state, _css) = mount(entries, false, true);
    leptos::task::tick().await;
    let row = rows(&el).remove(0);
    let body = text(&row, ".lc-body").unwrap();
    assert!(body.ends_with('…') && body.len() < 300, "{body:?}");
    assert!(
        row.query_selector("button").unwrap().is_none(),
        "nothing to click"
    );
}

#[wasm_bindgen_test]
async fn moderators_see_how_long_a_message_is_held() {
    let mut log = MessageLog::new(10);
    let mut m = message(&mut log, "Camille", "held back");
    m.held_until_ms = Some(js_sys::Date::now() as i64 + 2_500);
    log.push_message(m);
    let entries = RwSignal::new(LogProjection::default().project(&log));
    let (el, _state, _css) = mount(entries, true, false);
    leptos::task::tick().await;
    let held = el.query_selector(".lc-held").unwrap().expect("the wait");
    assert_eq!(held.get_attribute("data-remaining").as_deref(), Some("3"));
    assert_eq!(held.text_content().unwrap(), "Visible to viewers in 3 s");
    gloo_timers::future::sleep(std::time::Duration::from_millis(1_000)).await;
    leptos::task::tick().await;
    let held = el
        .query_selector(".lc-held")
        .unwrap()
        .expect("still waiting");
    assert_eq!(held.get_attribute("data-remaining").as_deref(), Some("2"));
    gloo_timers::future::sleep(std::time::Duration::from_millis(1_600)).await;
    leptos::task::tick().await;
    assert!(
        el.query_selector(".lc-held").unwrap().is_none(),
        "the others have it now"
    );
}
