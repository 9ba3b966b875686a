//! A stream runs for hours: the Rust heap behind the message list must stay the size of the
//! bounded log. A counting allocator measures the bytes alive after message 500 and after the
//! last message of a flood pushed through the log, its projection and the mounted list. (With
//! leptos' `<For>` the list kept ~77 bytes per message ever shown.)
//!
//! A test binary of its own, away from the others in `tests/web/`: the allocator counts every
//! allocation of its binary, and a test running beside it would be counted too.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use leptos::prelude::*;
use livechat_core::log::ChatMessage;
use livechat_core::MessageLog;
use livechat_web::components::{ChatContext, MessageList};
use livechat_web::log_view::LogProjection;
use livechat_web::state::ChatState;
use livechat_web::transport::Commands;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MESSAGES: u32 = 2_000;
const AUTHORS: u32 = 300;

fn message(log: &mut MessageLog, n: u32) -> ChatMessage {
    let nick = format!("viewer{}", n % AUTHORS);
    ChatMessage {
        key: log.next_key(),
        id: Some(format!("id{n}")),
        stanza_id: Some(format!("sid{n}")),
        origin_id: Some(format!("oid{n}")),
        occupant_id: Some(format!("occ-{nick}")),
        nick,
        body: format!("flood message number {n}, see https://example.org/{n}"),
        sent_at_ms: 1_700_000_000_000 + i64::from(n) * 1_000,
        delayed: false,
        corrected: false,
        retracted: None,
        own: false,
        revision: 0,
        ..Default::default()
    }
}

/// Lets the browser paint, as it does between messages of a real flood.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_projection_alone_stays_the_size_of_the_log() {
    let mut log = MessageLog::new(100);
    let mut projection = LogProjection::default();
    let mut at_500 = 0;
    for n in 1..=MESSAGES {
        let m = message(&mut log, n);
        log.push_message(m);
        let v = projection.project(&log);
        drop(v);
        if n == 500 {
            at_500 = LIVE_BYTES.load(Ordering::Relaxed);
        }
    }
    let at_end = LIVE_BYTES.load(Ordering::Relaxed);
    web_sys::console::log_1(
        &format!("projection alone: {at_500} after 500 messages, {at_end} after {MESSAGES}").into(),
    );
    assert!(
        at_end - at_500 < 8 * 1024,
        "the projection grew by {} bytes between message 500 and message {MESSAGES}",
        at_end - at_500
    );
}

/// Mounts the list as the chat does, inside the chat's context (a viewer's or a moderator's),
/// floods it, and returns the bytes alive after message 500 and after the last.
async fn flood_the_list(moderator: bool) -> (isize, isize) {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    el.set_attribute("style", "width: 400px; height: 300px")
        .unwrap();
    document.body().unwrap().append_child(&el).unwrap();

    let mut log = MessageLog::new(100);
    let mut projection = LogProjection::default();
    let entries = RwSignal::new(Vec::new());
    let state = ChatState::new();
    state.am_moderator.set(moderator);
    let (commands, _receiver) = Commands::channel();
    let mounted = leptos::mount::mount_to(el.clone().unchecked_into(), move || {
        provide_context(ChatContext::new(state, commands));
        view! { <MessageList entries/> }
    });

    let mut at_500 = 0;
    for n in 1..=MESSAGES {
        let m = message(&mut log, n);
        log.push_message(m);
        entries.set(projection.project(&log));
        leptos::task::tick().await;
        if n % 10 == 0 {
            next_frame().await;
        }
        if n == 500 {
            at_500 = LIVE_BYTES.load(Ordering::Relaxed);
        }
    }
    let at_end = LIVE_BYTES.load(Ordering::Relaxed);
    let rows = el.query_selector_all("li.lc-msg").unwrap().length();
    let buttons = el
        .query_selector_all("li.lc-msg button.lc-nick")
        .unwrap()
        .length();
    web_sys::console::log_1(
        &format!("moderator {moderator}: live bytes {at_500} after 500 messages, {at_end} after {MESSAGES}").into(),
    );
    drop(mounted);
    el.remove();
    assert_eq!(rows, 100, "the list shows exactly the bounded log");
    // A moderator's nicknames open the moderation menu; a viewer's are plain text.
    assert_eq!(buttons, if moderator { 100 } else { 0 });
    (at_500, at_end)
}

// Each row's reactive parts must read nothing that outlives the row: reactive_graph 0.2 keeps a
// subscriber that was dropped without unsubscribing (70 to 90 bytes with it) in the signal it
// read, for as long as that signal lives.
#[wasm_bindgen_test]
async fn a_long_flood_leaves_the_heap_the_size_of_the_bounded_list() {
    for moderator in [false, true] {
        let (at_500, at_end) = flood_the_list(moderator).await;
        assert!(
            at_end - at_500 < 16 * 1024,
            "moderator {moderator}: the heap grew by {} bytes between message 500 and message {MESSAGES}",
            at_end - at_500
        );
    }
}
