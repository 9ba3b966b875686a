//! The participants panel: named occupants (moderators first, role badges, avatar and colour),
//! one line for the anonymous crowd, and moderator menus that send the right commands.

use std::sync::Arc;

use futures::StreamExt;
use leptos::prelude::*;
use livechat_web::components::{ChatContext, ParticipantsPanel};
use livechat_web::i18n::Lang;
use livechat_web::roster_view::{NickOrder, OccupantView};
use livechat_web::state::{ChatState, Role};
use livechat_web::transport::{Command, Commands};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

fn occupant(nick: &str, role: Role, me: bool) -> OccupantView {
    OccupantView {
        nick: nick.into(),
        shown_nick: nick.into(),
        role,
        rank: None,
        color: Arc::from("#336699"),
        avatar: Arc::new(livechat_core::avatar::of(nick)),
        me,
    }
}

fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    el.set_attribute("style", "width: 320px; height: 480px")
        .unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

/// Mounts the panel; returns the state to drive it.
fn mount_panel(el: &Element, commands: Commands) -> ChatState {
    let state = ChatState::new();
    let html_el: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html_el, move || {
        let ctx = ChatContext::new(state, commands);
        view! { <ParticipantsPanel ctx id="lc-participants-test".into() open=RwSignal::new(true)/> }
    })
    .forget();
    state
}

fn texts(el: &Element, selector: &str) -> Vec<String> {
    let list = el.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn nicknames_in_the_alphabetical_order_of_the_language() {
    let order = NickOrder::new(Lang::ENGLISH);
    let mut nicks = [
        "Zoé", "user10", "émile", "zed", "user2", "Bob", "Émile", "bob",
    ];
    nicks.sort_by(|a, b| order.compare(a, b));
    // Accents and case after the letters (lower case first), numbers by value.
    assert_eq!(
        nicks,
        ["bob", "Bob", "émile", "Émile", "user2", "user10", "zed", "Zoé"]
    );
}

#[wasm_bindgen_test]
async fn named_occupants_and_one_line_for_the_anonymous() {
    let el = container();
    let (commands, _receiver) = Commands::channel();
    let state = mount_panel(&el, commands);
    state.occupants.set(vec![
        occupant("Streamer", Role::Moderator, false),
        occupant("<b>Bob</b>", Role::Participant, false),
        occupant("Zoé", Role::Visitor, true),
    ]);
    state.anonymous_count.set(312);
    leptos::task::tick().await;

    assert_eq!(
        texts(&el, ".lc-occupant-nick"),
        ["Streamer", "<b>Bob</b>", "Zoé"]
    );
    assert!(
        el.query_selector(".lc-occupant b").unwrap().is_none(),
        "nicknames are text"
    );
    let rows = el.query_selector_all("li.lc-occupant").unwrap();
    let first: Element = rows.item(0).unwrap().unchecked_into();
    assert_eq!(
        first.get_attribute("data-role").as_deref(),
        Some("moderator")
    );
    assert_eq!(texts(&first, ".lc-role-badge"), ["Moderator"]);
    let third: Element = rows.item(2).unwrap().unchecked_into();
    assert_eq!(texts(&third, ".lc-role-badge"), ["Muted"]);
    assert!(third.class_list().contains("lc-me"));
    assert_eq!(
        el.query_selector_all(".lc-occupant .lc-avatar")
            .unwrap()
            .length(),
        3
    );

    let anon = el.query_selector(".lc-anon-count").unwrap().unwrap();
    assert_eq!(anon.get_attribute("data-count").as_deref(), Some("312"));
    assert_eq!(anon.text_content().unwrap(), "312 anonymous viewers");
    // Not a moderator: no menus.
    assert!(el
        .query_selector(".lc-occupant-menu-toggle")
        .unwrap()
        .is_none());

    state.anonymous_count.set(1);
    leptos::task::tick().await;
    assert_eq!(anon.text_content().unwrap(), "1 anonymous viewer");
}

#[wasm_bindgen_test]
async fn moderators_act_on_occupants_from_the_panel() {
    let el = container();
    let (commands, mut receiver) = Commands::channel();
    let state = mount_panel(&el, commands);
    state.am_moderator.set(true);
    state.occupants.set(vec![
        occupant("Me", Role::Moderator, true),
        occupant("Troll", Role::Participant, false),
        occupant("Quiet", Role::Visitor, false),
    ]);
    leptos::task::tick().await;

    // No menu on ourselves.
    let toggles = el.query_selector_all(".lc-occupant-menu-toggle").unwrap();
    assert_eq!(toggles.length(), 2);
    let click = |selector: &str| {
        let b: HtmlElement = el
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("{selector}"))
            .unchecked_into();
        b.click();
    };
    click("li[data-nick=Troll] .lc-occupant-menu-toggle");
    leptos::task::tick().await;
    click("li[data-nick=Troll] .lc-mod-mute");
    leptos::task::tick().await;
    assert_eq!(receiver.next().await, Some(Command::Mute("Troll".into())));
    assert!(
        el.query_selector(".lc-mod-menu").unwrap().is_none(),
        "the menu closes after an action"
    );

    // A visitor can be given voice; a ban needs a second click.
    click("li[data-nick=Quiet] .lc-occupant-menu-toggle");
    leptos::task::tick().await;
    assert!(el
        .query_selector("li[data-nick=Quiet] .lc-mod-mute")
        .unwrap()
        .is_none());
    click("li[data-nick=Quiet] .lc-mod-ban");
    leptos::task::tick().await;
    assert!(
        receiver.try_recv().is_err(),
        "nothing sent on the first click"
    );
    assert_eq!(
        texts(&el, "li[data-nick=Quiet] .lc-mod-ban"),
        ["Confirm ban"]
    );
    click("li[data-nick=Quiet] .lc-mod-ban");
    leptos::task::tick().await;
    assert_eq!(receiver.next().await, Some(Command::Ban("Quiet".into())));
}
