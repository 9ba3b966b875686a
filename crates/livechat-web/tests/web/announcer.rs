//! What screen readers are told on their own: new messages from others (never the history, our
//! own, corrections or removals), each with its author, and the connection state and anonymous
//! count at a bounded rate.

use leptos::prelude::*;
use livechat_core::log::{AnnouncementKind, Author, ChatMessage, MessageKind, Retraction};
use livechat_core::MessageLog;
use livechat_web::components::{Announcer, NewMessages, Throttle};
use livechat_web::i18n::Lang;
use livechat_web::log_view::LogProjection;
use livechat_web::state::{ChatState, Status};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

fn message(log: &mut MessageLog, n: u32, nick: &str, body: &str, history: bool) -> ChatMessage {
    ChatMessage {
        key: log.next_key(),
        id: Some(format!("id{n}")),
        stanza_id: Some(format!("sid{n}")),
        origin_id: None,
        nick: nick.into(),
        occupant_id: None,
        body: body.into(),
        sent_at_ms: 1_700_000_000_000,
        delayed: history,
        corrected: false,
        retracted: None,
        own: false,
        revision: 0,
        ..Default::default()
    }
}

#[wasm_bindgen_test]
fn the_throttle_says_the_first_at_once_and_the_last_after_the_gap() {
    let mut t = Throttle::new(5_000.0);
    assert_eq!(t.offer(0.0, "a".into()).as_deref(), Some("a"));
    assert_eq!(t.due(), None);
    assert_eq!(t.offer(1_000.0, "b".into()), None, "too soon: waits");
    assert_eq!(t.offer(2_000.0, "c".into()), None);
    assert_eq!(t.due(), Some(5_000.0));
    assert_eq!(t.take(4_999.0), None);
    assert_eq!(t.take(5_000.0).as_deref(), Some("c"), "the last value wins");
    assert_eq!(t.take(20_000.0), None, "said once");
    // Back to what was said: nothing to tell.
    assert_eq!(t.offer(20_000.0, "c".into()), None);
    assert_eq!(t.due(), None);
    // A change that comes back before its time: dropped.
    assert_eq!(t.offer(21_000.0, "d".into()).as_deref(), Some("d"));
    assert_eq!(t.offer(22_000.0, "e".into()), None);
    assert_eq!(t.offer(23_000.0, "d".into()), None);
    assert_eq!(t.take(30_000.0), None);
    // A baseline is known, not news.
    let mut t = Throttle::new(5_000.0);
    t.baseline("12 viewers".into());
    assert_eq!(t.offer(0.0, "12 viewers".into()), None);
    assert_eq!(
        t.offer(0.0, "13 viewers".into()).as_deref(),
        Some("13 viewers")
    );
}

#[wasm_bindgen_test]
fn only_messages_from_others_that_arrive_live_are_announced() {
    let lang = Lang::ENGLISH;
    let mut log = MessageLog::new(100);
    let mut projection = LogProjection::default();
    let mut news = NewMessages::default();
    for n in 0..3 {
        let m = message(&mut log, n, "Streamer", &format!("history {n}"), true);
        log.push_message(m);
    }
    assert!(
        news.update(lang, &projection.project(&log)).is_empty(),
        "history"
    );

    let m = message(&mut log, 3, "Camille", "hello", false);
    log.push_message(m);
    let mut own = message(&mut log, 4, "Me", "my own", false);
    own.own = true;
    log.push_message(own);
    let long = "x".repeat(300);
    let m = message(&mut log, 5, "Dominique", &long, false);
    log.push_message(m);
    let said = news.update(lang, &projection.project(&log));
    assert_eq!(said.len(), 2, "{said:?}");
    assert_eq!(said[0], "Camille: hello");
    assert!(said[1].starts_with("Dominique: xxx") && said[1].ends_with('…'));
    assert!(said[1].chars().count() < 220, "cut: {}", said[1].len());

    // Corrections and removals change rows in place: nothing new to say.
    let author = Author {
        nick: "Camille",
        occupant_id: None,
    };
    assert!(log.correct("id3", &author, "hello again".into()));
    let removal = Retraction {
        moderator: Some("Streamer".into()),
        reason: None,
    };
    assert!(log.retract("sid5", None, removal));
    assert!(news.update(lang, &projection.project(&log)).is_empty());
    assert!(
        news.update(lang, &projection.project(&log)).is_empty(),
        "nothing twice"
    );

    // A new session after a reconnection: its log starts again (history first), then live.
    let mut log = MessageLog::new(100);
    projection.forget_rows();
    let m = message(&mut log, 10, "Camille", "hello again", true);
    log.push_message(m);
    assert!(news.update(lang, &projection.project(&log)).is_empty());
    let m = message(&mut log, 11, "Camille", "back", false);
    log.push_message(m);
    assert_eq!(
        news.update(lang, &projection.project(&log)),
        ["Camille: back"]
    );

    // French typography.
    let m = message(&mut log, 12, "Camille", "salut", false);
    log.push_message(m);
    let fr = Lang::negotiate(&["fr".to_owned()]).expect("a French catalog");
    fr.install(fr.catalog_file()).unwrap();
    assert_eq!(
        news.update(fr, &projection.project(&log)),
        ["Camille : salut"]
    );
}

#[wasm_bindgen_test]
fn mentions_announcements_and_long_messages_are_said_as_such() {
    let lang = Lang::ENGLISH;
    let mut log = MessageLog::new(100);
    let mut projection = LogProjection::default();
    let mut news = NewMessages::default();
    news.update(lang, &projection.project(&log));

    let mut m = message(&mut log, 1, "Camille", "@Me look", false);
    m.mentions_me = true;
    log.push_message(m);
    let mut m = message(&mut log, 2, "Streamer", "* Warning *\nBe nice", false);
    m.kind = MessageKind::Announcement(AnnouncementKind::Warning);
    log.push_message(m);
    let sixty: String = (1..=60).map(|n| format!("line {n}\n")).collect();
    let m = message(&mut log, 3, "Dominique", &sixty, false);
    log.push_message(m);
    let mut vote = message(&mut log, 4, "Dominique", "!1", false);
    vote.kind = MessageKind::Vote { choice: 1 };
    log.push_message(vote);
    let said = news.update(lang, &projection.project(&log));
    assert_eq!(
        said,
        [
            "Camille mentioned you: @Me look",
            "Warning from Streamer: Be nice",
            "Dominique: line 1\nline 2\nline 3\nline 4…",
        ],
        "a vote is not said"
    );
}

fn texts(el: &Element, selector: &str) -> Vec<String> {
    let list = el.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn the_announcer_reads_new_messages_and_rate_limits_status_news() {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    let state = ChatState::new();
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html_el, move || view! { <Announcer state/> }).forget();
    leptos::task::tick().await;

    let messages = ".lc-announce-messages p";
    let status = ".lc-announce-status p";
    let region = el.query_selector(".lc-announce-messages").unwrap().unwrap();
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(
        region.get_attribute("aria-relevant").as_deref(),
        Some("additions")
    );

    // Connecting and joining are moments: nothing until the chat is in the room.
    state.status.set(Status::Joining);
    leptos::task::tick().await;
    assert!(texts(&el, status).is_empty());
    state.anonymous_count.set(7);
    state.nick.set(Some("Reader".into()));
    state.status.set(Status::Joined);
    leptos::task::tick().await;
    assert_eq!(texts(&el, status), ["Joined as Reader"]);

    let mut log = MessageLog::new(100);
    let mut projection = LogProjection::default();
    for n in 0..3 {
        let m = message(&mut log, n, "Streamer", "history", true);
        log.push_message(m);
    }
    state.entries.set(projection.project(&log));
    leptos::task::tick().await;
    assert!(texts(&el, messages).is_empty(), "the history is not read");
    for n in 3..10 {
        let m = message(&mut log, n, "Camille", &format!("live {n}"), false);
        log.push_message(m);
        state.entries.set(projection.project(&log));
        leptos::task::tick().await;
    }
    assert_eq!(
        texts(&el, messages),
        [
            "Camille: live 5",
            "Camille: live 6",
            "Camille: live 7",
            "Camille: live 8",
            "Camille: live 9"
        ],
        "each new message, the last few kept"
    );

    // The count when joining is known; its first change is said at once, the next ones wait.
    state.anonymous_count.set(8);
    leptos::task::tick().await;
    state.anonymous_count.set(9);
    leptos::task::tick().await;
    state.anonymous_count.set(10);
    leptos::task::tick().await;
    assert_eq!(
        texts(&el, status),
        ["Joined as Reader", "8 anonymous viewers"]
    );
    // The connection state has its own pace: the first change in 5 s is said at once.
    gloo_timers::future::sleep(std::time::Duration::from_millis(5_100)).await;
    state.status.set(Status::Reconnecting);
    state.attempt.set(1);
    leptos::task::tick().await;
    assert_eq!(
        texts(&el, status).last().map(String::as_str),
        Some("Connection lost, reconnecting (attempt 1)…")
    );
    state.attempt.set(2);
    leptos::task::tick().await;
    assert_eq!(texts(&el, status).len(), 3, "attempt 2 waits its turn");
}
