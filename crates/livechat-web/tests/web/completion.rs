//! Writing: nicknames completed after `@` and two characters (the composer's list, with the
//! keyboard), quotes, and ↑ correcting the last message.

use std::sync::Arc;

use futures::StreamExt;
use leptos::prelude::*;
use livechat_web::components::{
    byte_index, insert_mention, typed_mention, utf16_index, with_quote, Offer,
};
use livechat_web::roster_view::OccupantView;
use livechat_web::state::{ChatState, Role, Status};
use livechat_web::transport::Command;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement, KeyboardEvent, KeyboardEventInit};

#[wasm_bindgen_test]
fn the_word_at_the_caret_is_completed_after_two_characters() {
    let nicks = ["Camille", "Camilo", "Bob", "Me"];
    let offer = |draft: &str| Offer::at(draft, draft.len(), nicks.iter().copied());
    assert_eq!(offer("hi @c"), None, "one character");
    let found = offer("hi @ca").expect("offered");
    assert_eq!(found.nicks, ["Camille", "Camilo"]);
    assert_eq!(found.typed, 3..6);
    assert_eq!(offer("hi ca"), None, "only after @");
    assert_eq!(offer("mail@ca"), None, "not inside a word");
    assert_eq!(offer("@zz"), None, "nobody fits");
    // The caret inside the word: nothing (the word is not being typed there).
    assert_eq!(typed_mention("@cam and", 3), None);
    assert_eq!(typed_mention("@cam and", 4), Some(0..4));

    // ↓ then ↑ go round the list; the chosen one replaces what was typed, with a space.
    let found = found.moved(1);
    assert_eq!(found.active, 1);
    assert_eq!(found.clone().moved(1).active, 0, "round the end");
    assert_eq!(found.clone().moved(-2).active, 1);
    assert_eq!(found.accept("hi @ca"), ("hi @Camilo ".to_owned(), 11));
    assert_eq!(
        insert_mention("@ca how are you", 0..3, "Camille"),
        ("@Camille how are you".to_owned(), 9),
        "one space before what follows"
    );
}

#[wasm_bindgen_test]
fn caret_positions_convert_between_the_dom_and_the_text() {
    let text = "é🎉@ca";
    // The DOM counts UTF-16 units: é is 1, 🎉 is 2.
    assert_eq!(byte_index(text, 3), "é🎉".len());
    assert_eq!(byte_index(text, 99), text.len());
    assert_eq!(utf16_index(text, text.len()), 6);
}

#[wasm_bindgen_test]
fn a_quote_puts_each_line_behind_a_marker() {
    assert_eq!(with_quote("", "one line"), "> one line\n");
    assert_eq!(with_quote("", "first\nsecond"), "> first\n> second\n");
    assert_eq!(
        with_quote("about this:", "quoted"),
        "about this:\n> quoted\n",
        "on a line of its own after the draft"
    );
}

/// The composer of someone joined as "Me".
fn mount() -> (
    Element,
    ChatState,
    futures::channel::mpsc::UnboundedReceiver<Command>,
) {
    let (el, state, receiver) = crate::composer::mount_composer();
    state.status.set(Status::Joined);
    state.nick.set(Some("Me".into()));
    (el, state, receiver)
}

fn input(el: &Element) -> HtmlTextAreaElement {
    el.query_selector(".lc-input")
        .unwrap()
        .expect("the input")
        .unchecked_into()
}

fn type_text(el: &Element, text: &str) {
    let input = input(el);
    input.set_value(text);
    input
        .set_selection_range(text.len() as u32, text.len() as u32)
        .unwrap();
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// Presses `key` in the input; returns whether the chat took it (prevented its default).
fn press(el: &Element, key: &str) -> bool {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    input(el).dispatch_event(&event).unwrap();
    event.default_prevented()
}

fn occupant(nick: &str) -> OccupantView {
    OccupantView {
        nick: nick.into(),
        shown_nick: nick.into(),
        role: Role::Participant,
        rank: None,
        color: Arc::from("#336699"),
        avatar: Arc::new(livechat_core::avatar::of(nick)),
        me: nick == "Me",
    }
}

#[wasm_bindgen_test]
async fn the_list_is_used_with_the_keyboard() {
    let (el, state, _receiver) = mount();
    state.occupants.set(vec![
        occupant("Camille"),
        occupant("Camilo"),
        occupant("Me"),
    ]);
    leptos::task::tick().await;
    type_text(&el, "hello @Ca");
    leptos::task::tick().await;
    let list = el.query_selector(".lc-completions[role=listbox]").unwrap();
    let list = list.expect("the list is offered");
    let options = list.query_selector_all("[role=option]").unwrap();
    assert_eq!(options.length(), 2, "never our own nickname");
    let textarea = input(&el);
    let controls = textarea.get_attribute("aria-controls").unwrap();
    assert_eq!(Some(controls), list.get_attribute("id"));
    let active = |el: &Element| {
        let id = input(el).get_attribute("aria-activedescendant").unwrap();
        el.query_selector(&format!("#{id}"))
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(active(&el), "Camille");

    assert!(press(&el, "ArrowDown"));
    leptos::task::tick().await;
    assert_eq!(active(&el), "Camilo");
    let selected = el.query_selector("[aria-selected=true]").unwrap().unwrap();
    assert_eq!(selected.text_content().unwrap(), "Camilo");

    assert!(press(&el, "Tab"), "Tab completes rather than leaving");
    leptos::task::tick().await;
    assert_eq!(state.draft.get_untracked(), "hello @Camilo ");
    assert_eq!(input(&el).value(), "hello @Camilo ");
    assert!(el.query_selector(".lc-completions").unwrap().is_none());
    assert!(input(&el).get_attribute("aria-activedescendant").is_none());

    // Escape closes the list and leaves what was typed.
    type_text(&el, "@Ca");
    leptos::task::tick().await;
    assert!(el.query_selector(".lc-completions").unwrap().is_some());
    assert!(press(&el, "Escape"));
    leptos::task::tick().await;
    assert!(el.query_selector(".lc-completions").unwrap().is_none());
    assert_eq!(state.draft.get_untracked(), "@Ca");
}

#[wasm_bindgen_test]
async fn enter_sends_and_shift_enter_starts_a_line() {
    let (el, _state, mut receiver) = mount();
    leptos::task::tick().await;
    type_text(&el, "first line");
    let init = KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_shift_key(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    input(&el).dispatch_event(&event).unwrap();
    assert!(
        !event.default_prevented(),
        "Shift+Enter is the browser's new line"
    );
    assert!(receiver.try_recv().is_err());

    type_text(&el, "first line\nsecond line");
    assert!(press(&el, "Enter"));
    assert_eq!(
        receiver.next().await,
        Some(Command::SendMessage("first line\nsecond line".into()))
    );
}

#[wasm_bindgen_test]
async fn up_in_the_empty_input_corrects_the_last_message() {
    let (el, state, mut receiver) = mount();
    leptos::task::tick().await;
    assert!(
        !press(&el, "ArrowUp"),
        "nothing sent yet: nothing to correct"
    );
    assert!(el.query_selector(".lc-editing").unwrap().is_none());

    state.last_own_body.set(Some("helo".into()));
    type_text(&el, "draft");
    assert!(!press(&el, "ArrowUp"), "only in an empty input");
    type_text(&el, "");
    assert!(press(&el, "ArrowUp"));
    leptos::task::tick().await;
    assert_eq!(input(&el).value(), "helo");
    let notice = el.query_selector(".lc-editing").unwrap().expect("a notice");
    assert!(notice.text_content().unwrap().contains("Correcting"));

    // Escape gives up.
    press(&el, "Escape");
    leptos::task::tick().await;
    assert!(el.query_selector(".lc-editing").unwrap().is_none());
    assert_eq!(input(&el).value(), "");

    // Again, corrected and sent.
    assert!(press(&el, "ArrowUp"));
    leptos::task::tick().await;
    type_text(&el, "hello");
    assert!(press(&el, "Enter"));
    assert_eq!(
        receiver.next().await,
        Some(Command::CorrectLast("hello".into()))
    );
    leptos::task::tick().await;
    assert!(el.query_selector(".lc-editing").unwrap().is_none());

    // The Cancel button does what Escape does.
    assert!(press(&el, "ArrowUp"));
    leptos::task::tick().await;
    let cancel: HtmlElement = el
        .query_selector(".lc-editing-cancel")
        .unwrap()
        .unwrap()
        .unchecked_into();
    cancel.click();
    leptos::task::tick().await;
    assert!(el.query_selector(".lc-editing").unwrap().is_none());
    assert!(!state.editing.get_untracked());
}

#[wasm_bindgen_test]
async fn emoji_only_mode_is_said_under_the_input() {
    let (el, state, _receiver) = mount();
    leptos::task::tick().await;
    assert!(el
        .query_selector(".lc-emoji-only-notice")
        .unwrap()
        .is_none());
    state.emoji_only.set(true);
    leptos::task::tick().await;
    let notice = el.query_selector(".lc-emoji-only-notice").unwrap().unwrap();
    assert_eq!(
        notice.text_content().unwrap(),
        "Only emojis can be sent in this chat at the moment."
    );
    assert_eq!(
        input(&el).get_attribute("aria-describedby"),
        notice.get_attribute("id"),
        "read with the input"
    );
    state.am_moderator.set(true);
    leptos::task::tick().await;
    assert!(el
        .query_selector(".lc-emoji-only-notice")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("the others"));
}
