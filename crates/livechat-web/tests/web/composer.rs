//! The bottom of the chat: an automatic viewer gets "choose a nickname", the prompt sends the
//! choice, a named viewer gets the input; slow mode disables it and counts down; a visitor is told
//! why they cannot write.

use std::time::Duration;

use futures::StreamExt;
use leptos::prelude::*;
use livechat_web::components::Composer;
use livechat_web::state::{ChatState, NickPrompt, Role, Status};
use livechat_web::transport::{Command, Commands};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

pub fn mount_composer() -> (
    Element,
    ChatState,
    futures::channel::mpsc::UnboundedReceiver<Command>,
) {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    let (commands, receiver) = Commands::channel();
    let state = ChatState::new();
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html_el, move || view! { <Composer state commands/> }).forget();
    (el, state, receiver)
}

fn query(el: &Element, selector: &str) -> Option<HtmlElement> {
    el.query_selector(selector)
        .unwrap()
        .map(|e| e.unchecked_into())
}

fn submit(el: &Element, form: &str) {
    let form: web_sys::HtmlFormElement = el.query_selector(form).unwrap().unwrap().unchecked_into();
    form.request_submit().unwrap();
}

/// Types `text` into the input (or the message textarea: the same `value` property).
fn type_in(el: &Element, selector: &str, text: &str) {
    let input: HtmlInputElement = el
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn an_automatic_viewer_chooses_a_nickname_to_talk() {
    let (el, state, mut receiver) = mount_composer();
    state.status.set(Status::Joined);
    state.nick.set(Some("Anonymous 123456".into()));
    state.automatic_nick.set(true);
    leptos::task::tick().await;
    assert!(
        query(&el, ".lc-input").is_none(),
        "no input before a nickname is chosen"
    );
    let choose = query(&el, ".lc-choose-nick").expect("a choose-a-nickname button");
    assert_eq!(choose.text_content().unwrap(), "Choose a nickname to chat");

    choose.click();
    leptos::task::tick().await;
    assert!(query(&el, ".lc-nick-prompt").is_some());
    let input = query(&el, ".lc-nick-input").unwrap();
    assert_eq!(
        input.unchecked_ref::<HtmlInputElement>().value(),
        "",
        "the automatic nickname is not offered"
    );
    // Checked here first: nothing goes to the room.
    type_in(&el, ".lc-nick-input", "Anonymous 654321");
    submit(&el, ".lc-nick-prompt");
    leptos::task::tick().await;
    assert!(query(&el, ".lc-nick-error")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("anonymous viewers"));
    assert!(receiver.try_recv().is_err());

    type_in(&el, ".lc-nick-input", "  Camille ");
    submit(&el, ".lc-nick-prompt");
    leptos::task::tick().await;
    assert_eq!(
        receiver.next().await,
        Some(Command::ChangeNick("Camille".into()))
    );

    // The room says it is taken (the transport reopens the prompt with the reason).
    state.nick_prompt.set(NickPrompt::Open {
        problem: Some("The nickname “Camille” is already taken: please choose another one.".into()),
    });
    leptos::task::tick().await;
    let error = query(&el, ".lc-nick-error[role=alert]").expect("the reason, announced");
    assert!(error.text_content().unwrap().contains("already taken"));

    // Accepted: the transport closes the prompt and the viewer can write.
    state.automatic_nick.set(false);
    state.nick.set(Some("Camille2".into()));
    state.nick_prompt.set(NickPrompt::Closed);
    leptos::task::tick().await;
    assert!(query(&el, ".lc-nick-prompt").is_none());
    assert!(query(&el, ".lc-composer .lc-input").is_some());
}

#[wasm_bindgen_test]
async fn slow_mode_disables_the_input_and_counts_down() {
    let (el, state, mut receiver) = mount_composer();
    state.status.set(Status::Joined);
    state.nick.set(Some("Camille".into()));
    state.slow_mode_seconds.set(Some(2));
    leptos::task::tick().await;

    type_in(&el, ".lc-input", "first");
    submit(&el, ".lc-composer");
    leptos::task::tick().await;
    assert_eq!(
        receiver.next().await,
        Some(Command::SendMessage("first".into()))
    );
    let input: HtmlTextAreaElement = el
        .query_selector(".lc-input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.value(), "", "cleared after sending");
    assert!(input.disabled(), "slow mode: disabled after sending");
    let countdown = query(&el, ".lc-slowmode").expect("a countdown");
    assert_eq!(
        countdown.get_attribute("data-remaining").as_deref(),
        Some("2")
    );
    assert!(
        input.placeholder().contains("Slow mode"),
        "{}",
        input.placeholder()
    );

    // Typed text cannot be sent meanwhile.
    type_in(&el, ".lc-input", "too soon");
    submit(&el, ".lc-composer");
    leptos::task::tick().await;
    assert!(receiver.try_recv().is_err());

    gloo_timers::future::sleep(Duration::from_millis(1100)).await;
    leptos::task::tick().await;
    assert_eq!(
        query(&el, ".lc-slowmode")
            .unwrap()
            .get_attribute("data-remaining")
            .as_deref(),
        Some("1")
    );
    gloo_timers::future::sleep(Duration::from_millis(1100)).await;
    leptos::task::tick().await;
    assert!(!input.disabled(), "open again after the slow mode delay");
    assert!(query(&el, ".lc-slowmode").is_none());
    assert_eq!(
        input.value(),
        "too soon",
        "what was typed meanwhile is still there"
    );

    // A vote in the running poll starts no wait: the room counts it before slow mode sees it.
    state.poll.set(Some(running_poll()));
    type_in(&el, ".lc-input", "!1");
    submit(&el, ".lc-composer");
    leptos::task::tick().await;
    assert_eq!(
        receiver.next().await,
        Some(Command::SendMessage("!1".into()))
    );
    assert!(!input.disabled(), "no slow mode after a vote");
    assert!(query(&el, ".lc-slowmode").is_none());
    state.poll.set(None);
    type_in(&el, ".lc-input", "too soon");

    // Moderators are not held by slow mode.
    state.am_moderator.set(true);
    submit(&el, ".lc-composer");
    leptos::task::tick().await;
    assert_eq!(
        receiver.next().await,
        Some(Command::SendMessage("too soon".into()))
    );
    assert!(!input.disabled());
}

fn running_poll() -> livechat_core::Poll {
    livechat_core::Poll {
        id: "p1".into(),
        author: "Streamer".into(),
        question: "Which game next?".into(),
        choices: vec![livechat_core::poll::PollChoice {
            number: 1,
            label: "Chess".into(),
            votes: 0,
        }],
        votes: 0,
        ends_at_ms: None,
        over: false,
        anonymous: None,
        my_vote: None,
    }
}

#[wasm_bindgen_test]
async fn visitors_are_told_why_they_cannot_write() {
    let (el, state, _receiver) = mount_composer();
    state.status.set(Status::Joined);
    state.nick.set(Some("Anonymous 123456".into()));
    state.automatic_nick.set(true);
    state.moderated.set(true);
    state.own_role.set(Some(Role::Visitor));
    leptos::task::tick().await;
    let notice = query(&el, ".lc-muted-notice").expect("a notice");
    assert_eq!(
        notice.text_content().unwrap(),
        "Only registered users can write in this chat."
    );
    assert!(
        query(&el, ".lc-choose-nick").is_none(),
        "a nickname would not help"
    );
    assert!(query(&el, ".lc-input").is_none());

    state.account.set(true);
    state.automatic_nick.set(false);
    leptos::task::tick().await;
    assert!(query(&el, ".lc-muted-notice")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("muted"));
    state.own_role.set(Some(Role::Participant));
    leptos::task::tick().await;
    assert!(query(&el, ".lc-composer .lc-input").is_some());
}

fn focused_is(el: &HtmlElement) -> bool {
    let document = web_sys::window().unwrap().document().unwrap();
    document
        .active_element()
        .is_some_and(|a| a.is_same_node(Some(el)))
}

#[wasm_bindgen_test]
async fn the_input_gets_its_focus_back_after_slow_mode_and_the_prompt_hands_it_on() {
    let (el, state, mut receiver) = mount_composer();
    state.status.set(Status::Joined);
    state.nick.set(Some("Anonymous 123456".into()));
    state.automatic_nick.set(true);
    leptos::task::tick().await;
    assert!(query(&el, ".lc-input").is_none());

    // The prompt, opened and submitted: the focus goes on to the message input, not to the page.
    query(&el, ".lc-choose-nick").unwrap().click();
    leptos::task::tick().await;
    let field = query(&el, ".lc-nick-input").expect("the prompt");
    assert!(focused_is(&field), "the prompt takes the focus");
    state.nick_prompt.set(NickPrompt::Closed);
    state.nick.set(Some("Camille".into()));
    state.automatic_nick.set(false);
    state.slow_mode_seconds.set(Some(1));
    leptos::task::tick().await;
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
    let input = query(&el, ".lc-input").expect("the input");
    assert!(
        focused_is(&input),
        "after the prompt, the input has the focus"
    );

    // Slow mode disables the input under the viewer's fingers; it takes the focus back after.
    type_in(&el, ".lc-input", "hello");
    submit(&el, ".lc-composer");
    leptos::task::tick().await;
    assert_eq!(
        receiver.next().await,
        Some(Command::SendMessage("hello".into()))
    );
    let input: HtmlTextAreaElement = input.unchecked_into();
    assert!(input.disabled());
    // (Whether the disabled input keeps the focus meanwhile is up to the browser's focus fixup.)
    gloo_timers::future::sleep(Duration::from_millis(1_200)).await;
    leptos::task::tick().await;
    assert!(!input.disabled());
    assert!(focused_is(&input), "the focus is back in the input");

    // Left on purpose: the input does not take it back.
    input.blur().unwrap();
    state.slow_mode_seconds.set(None);
    state.status.set(Status::Reconnecting);
    state.nick.set(None);
    leptos::task::tick().await;
    state.status.set(Status::Joined);
    state.nick.set(Some("Camille".into()));
    leptos::task::tick().await;
    assert!(!focused_is(&input), "not taken back after being left");
}
