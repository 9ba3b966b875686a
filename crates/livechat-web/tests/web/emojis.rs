//! The channel's custom emojis: what is kept of the definitions, how texts are cut and drawn with
//! them, and the emoji picker with the keyboard.

use std::time::Duration;

use leptos::prelude::*;
use livechat_web::components::{EmojiPicker, RoomText};
use livechat_web::custom_emojis::{ChannelEmojis, CustomEmojis, MAX_EMOJIS};
use livechat_web::emoji_catalog::Catalog;
use livechat_web::room_text::{only_emojis, split, Piece};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, KeyboardEvent, KeyboardEventInit,
};

const BASE: &str = "https://video.example.org/plugins/livechat/router/webchat/room/abc";

fn parse(json: &str) -> (CustomEmojis, usize) {
    CustomEmojis::parse(json, BASE).unwrap_or_else(|why| panic!("{json}: {why}"))
}

fn names(emojis: &CustomEmojis) -> Vec<&str> {
    emojis.iter().map(|e| e.sn.as_str()).collect()
}

/// `:party:` and `:cat:`, as the plugin serves them.
fn channel() -> CustomEmojis {
    parse(
        r#"{"customEmojis": [
            {"sn": ":party:", "url": "https://video.example.org/files/1.png", "isCategoryEmoji": true},
            {"sn": ":cat:", "url": "https://video.example.org/files/2.png"}
        ]}"#,
    )
    .0
}

#[wasm_bindgen_test]
fn keeps_the_channels_emojis_in_order() {
    let (emojis, dropped) = parse(
        r#"{"customEmojis": [
            {"sn": ":party:", "url": "https://video.example.org/files/1.png", "isCategoryEmoji": true},
            {"sn": ":Cat_2-b:", "url": "HTTP://video.example.org/files/2.png"},
            {"sn": ":rel:", "url": "/plugins/livechat/files/3.png"}
        ]}"#,
    );
    assert_eq!(dropped, 0);
    assert_eq!(names(&emojis), [":party:", ":Cat_2-b:", ":rel:"]);
    assert_eq!(
        emojis.get(":party:").unwrap().url,
        "https://video.example.org/files/1.png"
    );
    // Relative to the page, in the browser's own spelling.
    assert_eq!(
        emojis.get(":rel:").unwrap().url,
        "https://video.example.org/plugins/livechat/files/3.png"
    );
    assert_eq!(
        emojis.get(":Cat_2-b:").unwrap().url,
        "http://video.example.org/files/2.png"
    );
    assert!(emojis.get(":nope:").is_none());
}

#[wasm_bindgen_test]
fn drops_entries_with_bad_names_or_addresses() {
    let (emojis, dropped) = parse(
        r#"{"customEmojis": [
            {"sn": ":js:", "url": "javascript:alert(1)"},
            {"sn": ":js2:", "url": "java\tscript:alert(1)"},
            {"sn": ":data:", "url": "data:image/png;base64,iVBORw0KGgo="},
            {"sn": ":file:", "url": "file:///etc/passwd"},
            {"sn": ":empty:", "url": ""},
            {"sn": ":<img src=x onerror=alert(1)>:", "url": "https://e.org/1.png"},
            {"sn": "<b>bold</b>", "url": "https://e.org/1.png"},
            {"sn": "nocolons", "url": "https://e.org/1.png"},
            {"sn": "::", "url": "https://e.org/1.png"},
            {"sn": ":two words:", "url": "https://e.org/1.png"},
            {"sn": ":émoji:", "url": "https://e.org/1.png"},
            {"sn": 42, "url": "https://e.org/1.png"},
            {"url": "https://e.org/1.png"},
            {"sn": ":nourl:"},
            "just a string",
            null,
            {"sn": ":good:", "url": "https://e.org/good.png"},
            {"sn": ":good:", "url": "https://e.org/second.png"}
        ]}"#,
    );
    assert_eq!(names(&emojis), [":good:"], "only the good one, once");
    assert_eq!(emojis.get(":good:").unwrap().url, "https://e.org/good.png");
    assert_eq!(dropped, 17);
    let long = format!(":{}:", "a".repeat(65));
    let (emojis, _) = parse(&format!(
        r#"{{"customEmojis": [{{"sn": "{long}", "url": "https://e.org/1.png"}}]}}"#
    ));
    assert!(emojis.is_empty(), "a name of 65 characters is too long");
}

#[wasm_bindgen_test]
fn keeps_at_most_the_plugins_limit() {
    let entries: Vec<String> = (0..250)
        .map(|n| format!(r#"{{"sn": ":e{n}:", "url": "https://e.org/{n}.png"}}"#))
        .collect();
    let (emojis, dropped) = parse(&format!(r#"{{"customEmojis": [{}]}}"#, entries.join(",")));
    assert_eq!(emojis.len(), MAX_EMOJIS);
    assert_eq!(dropped, 50);
    assert!(emojis.get(":e199:").is_some());
    assert!(emojis.get(":e200:").is_none(), "the first 200 only");
}

#[wasm_bindgen_test]
fn refuses_what_is_not_the_plugins_json() {
    for json in [
        "",
        "<html>",
        "[]",
        r#"{"customEmojis": {"sn": ":a:"}}"#,
        r#"{"emojis": []}"#,
        r#"{"isError": true, "code": 404, "message": "Not found"}"#,
    ] {
        assert!(CustomEmojis::parse(json, BASE).is_err(), "{json:?}");
    }
    let huge = format!(
        r#"{{"customEmojis": [], "padding": "{}"}}"#,
        "x".repeat(300 * 1024)
    );
    assert!(CustomEmojis::parse(&huge, BASE).is_err(), "too large");
    assert_eq!(parse(r#"{"customEmojis": []}"#).0.len(), 0);
}

/// The pieces as text, an emoji as `[sn]`.
fn cut(text: &str, emojis: &CustomEmojis) -> Vec<String> {
    split(text, emojis)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) => t.to_owned(),
            Piece::Link(l) => format!("<{l}>"),
            Piece::Emoji(e) => format!("[{}]", e.sn),
        })
        .collect()
}

#[wasm_bindgen_test]
fn cuts_known_names_out_of_the_text() {
    let emojis = channel();
    assert_eq!(cut("hi :party: all", &emojis), ["hi ", "[:party:]", " all"]);
    assert_eq!(cut(":party::cat:", &emojis), ["[:party:]", "[:cat:]"]);
    assert_eq!(cut(":nope:party:", &emojis), [":nope", "[:party:]"]);
    assert_eq!(cut("a:party:b", &emojis), ["a", "[:party:]", "b"]);
    assert_eq!(cut(":Party: :nope: :: :", &emojis), [":Party: :nope: :: :"]);
    assert_eq!(
        cut("see https://e.org/:party:/x :cat:", &emojis),
        ["see ", "<https://e.org/:party:/x>", " ", "[:cat:]"],
        "nothing inside a link"
    );
    assert_eq!(
        cut("<b>:party:</b>", &emojis),
        ["<b>", "[:party:]", "</b>"],
        "markup stays text"
    );
    assert_eq!(cut(":party:", &CustomEmojis::default()), [":party:"]);
    assert_eq!(cut("", &emojis), Vec::<String>::new());
    // Cut and put back together, the text is whole.
    for text in ["é:party:ü :cat", "::party::", ":a:b:c:", "🎉:cat:🎉"] {
        assert_eq!(cut(text, &emojis).concat().replace(['[', ']'], ""), text);
    }
}

#[wasm_bindgen_test]
fn tells_a_few_emojis_from_text() {
    let emojis = channel();
    let only = |text: &str| only_emojis(&split(text, &emojis));
    for text in [
        ":party:",
        " :party: :cat: ",
        "🎉",
        "👍🏽 ❤️",
        "🇫🇷",
        "👨‍👩‍👧 :cat:",
    ] {
        assert!(only(text), "{text:?}");
    }
    for text in [
        "hi :party:",
        "123",
        "#",
        ":nope:",
        "🎉 https://e.org",
        "",
        &"🎉".repeat(50),
    ] {
        assert!(!only(text), "{text:?}");
    }
}

fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

/// Waits (at most two seconds) until `condition` holds.
async fn until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..200 {
        if condition() {
            return;
        }
        gloo_timers::future::sleep(Duration::from_millis(10)).await;
    }
    panic!("{what}");
}

#[wasm_bindgen_test]
async fn draws_known_names_as_bounded_images_and_the_rest_as_text() {
    let el = container();
    let handle = leptos::mount::mount_to(el.clone().unchecked_into(), || {
        provide_context(ChannelEmojis::known(channel()));
        view! { <p><RoomText text="<b>hi</b> :party: :nope: :cat:".to_owned()/></p> }
    });
    leptos::task::tick().await;
    let images = el.query_selector_all("img.lc-emoji").unwrap();
    assert_eq!(images.length(), 2);
    let img: Element = images.get(0).unwrap().unchecked_into();
    for (name, value) in [
        ("alt", ":party:"),
        ("title", ":party:"),
        ("src", "https://video.example.org/files/1.png"),
        ("loading", "lazy"),
        ("decoding", "async"),
        ("referrerpolicy", "no-referrer"),
    ] {
        assert_eq!(img.get_attribute(name).as_deref(), Some(value), "{name}");
    }
    assert!(el.query_selector("b").unwrap().is_none(), "no markup");
    assert_eq!(el.text_content().unwrap(), "<b>hi</b>  :nope: ");
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_text_drawn_before_the_emojis_arrive_is_drawn_again() {
    let el = container();
    // Served from a `data:` address: fetched as from the channel's server, after the first draw.
    let url = "data:application/json,{\"customEmojis\":[{\"sn\":\":party:\",\"url\":\"https://e.org/1.png\"}]}";
    let handle = leptos::mount::mount_to(el.clone().unchecked_into(), move || {
        provide_context(ChannelEmojis::load(Some(url.to_owned())));
        view! { <p><RoomText text=":party:".to_owned()/></p> }
    });
    leptos::task::tick().await;
    until("the emoji is drawn once the definitions are in", || {
        el.query_selector("img.lc-emoji[alt=':party:']")
            .unwrap()
            .is_some()
    })
    .await;
    assert!(
        el.query_selector(".lc-big-emojis").unwrap().is_some(),
        "an emoji alone is drawn large"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn unusable_definitions_leave_the_text_as_it_is() {
    let el = container();
    let handle = leptos::mount::mount_to(el.clone().unchecked_into(), move || {
        provide_context(ChannelEmojis::load(Some(
            "data:application/json,not json".to_owned(),
        )));
        view! { <p class="settled"><RoomText text="hi :party:".to_owned()/></p> }
    });
    gloo_timers::future::sleep(Duration::from_millis(100)).await;
    assert_eq!(el.text_content().unwrap(), "hi :party:");
    assert!(el.query_selector("img").unwrap().is_none());
    drop(handle);
}

#[wasm_bindgen_test]
fn reads_the_pickers_list() {
    let catalog = Catalog::parse(
        r#"[["smileys","😀","grinning","grinning face","😂","joy","face with tears of joy"],["flags","🇫🇷","fr","flag: France"]]"#,
    )
    .unwrap();
    assert_eq!(catalog.categories.len(), 2);
    assert_eq!(catalog.categories[0].id, "smileys");
    let joy = &catalog.categories[0].emojis[1];
    assert_eq!(
        (joy.emoji.as_str(), joy.name.as_str()),
        ("😂", "face with tears of joy")
    );
    assert!(joy.matches("tears") && joy.matches("joy") && !joy.matches("grin"));
    assert!(
        catalog.categories[1].emojis[0].matches("france"),
        "names in any case"
    );
    for bad in ["{}", "[[\"smileys\",\"😀\",\"grinning\"]]", "[[1]]", "nope"] {
        assert!(Catalog::parse(bad).is_err(), "{bad}");
    }
}

/// A message input holding `text` with the caret at `caret`, and its picker.
async fn mount_picker(text: &str, caret: u32) -> (Element, RwSignal<String>, impl Drop) {
    let el = container();
    let draft = RwSignal::new(text.to_owned());
    let handle = leptos::mount::mount_to(el.clone().unchecked_into(), move || {
        provide_context(ChannelEmojis::known(channel()));
        let input = NodeRef::<leptos::html::Textarea>::new();
        view! {
            <form>
                <textarea node_ref=input class="lc-input" prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                <EmojiPicker input draft/>
            </form>
        }
    });
    // Once the input shows the draft (which puts the caret at its end).
    leptos::task::tick().await;
    let input: HtmlTextAreaElement = el
        .query_selector(".lc-input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.focus().unwrap();
    input.set_selection_range(caret, caret).unwrap();
    (el, draft, handle)
}

fn find(el: &Element, css: &str) -> Option<HtmlElement> {
    el.query_selector(css).unwrap().map(JsCast::unchecked_into)
}

fn focused_class() -> String {
    let document = web_sys::window().unwrap().document().unwrap();
    document
        .active_element()
        .map(|e| e.class_name())
        .unwrap_or_default()
}

fn press(target: &HtmlElement, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_picker_offers_the_channels_emojis_first_and_inserts_one_at_the_caret() {
    let (el, draft, handle) = mount_picker("hi !", 3).await;
    let toggle = find(&el, ".lc-emoji-toggle").unwrap();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(
        find(&el, ".lc-emoji-picker").is_none(),
        "closed until asked for"
    );
    toggle.click();
    leptos::task::tick().await;
    let panel = find(&el, ".lc-emoji-picker[role=dialog]").expect("the picker opens");
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(toggle.get_attribute("aria-controls"), Some(panel.id()));
    until("the search field has the focus", || {
        focused_class() == "lc-emoji-search"
    })
    .await;

    let first_group = find(&el, ".lc-emoji-list [role=group]").unwrap();
    assert_eq!(
        first_group
            .query_selector(".lc-emoji-group-title")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "This channel"
    );
    let options = first_group.query_selector_all("[role=option]").unwrap();
    assert_eq!(options.length(), 2);
    let party: Element = options.get(0).unwrap().unchecked_into();
    assert_eq!(
        party.get_attribute("aria-label").as_deref(),
        Some(":party:")
    );
    assert!(party.query_selector("img[alt='']").unwrap().is_some());

    // ↓ into the list, → to the second, Enter.
    press(&find(&el, ".lc-emoji-search").unwrap(), "ArrowDown");
    let list = find(&el, "[role=listbox]").unwrap();
    until("the list has the focus", || {
        focused_class() == "lc-emoji-list"
    })
    .await;
    assert_eq!(
        list.get_attribute("aria-activedescendant"),
        Some(party.id())
    );
    assert_eq!(
        party.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    press(&list, "ArrowRight");
    leptos::task::tick().await;
    let cat: Element = options.get(1).unwrap().unchecked_into();
    assert_eq!(list.get_attribute("aria-activedescendant"), Some(cat.id()));
    press(&list, "Enter");
    leptos::task::tick().await;

    assert_eq!(draft.get_untracked(), "hi :cat:!");
    let input: HtmlTextAreaElement = el
        .query_selector(".lc-input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.value(), "hi :cat:!");
    assert_eq!(
        input.selection_start().unwrap(),
        Some(8),
        "the caret after the emoji"
    );
    assert!(
        find(&el, ".lc-emoji-picker").is_none(),
        "closed once inserted"
    );
    assert_eq!(focused_class(), "lc-input", "the focus back in the input");
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_picker_searches_and_escape_closes_it() {
    let (el, draft, handle) = mount_picker("", 0).await;
    find(&el, ".lc-emoji-toggle").unwrap().click();
    leptos::task::tick().await;
    let search: HtmlInputElement = find(&el, ".lc-emoji-search").unwrap().unchecked_into();
    search.set_value("PAR");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    let shown: Vec<String> = {
        let options = el.query_selector_all("[role=option]").unwrap();
        (0..options.length())
            .map(|i| {
                options
                    .get(i)
                    .unwrap()
                    .unchecked_into::<Element>()
                    .get_attribute("aria-label")
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(shown, [":party:"]);
    // Enter in the search field inserts what is highlighted, and does not send the form.
    press(search.unchecked_ref(), "Enter");
    leptos::task::tick().await;
    assert_eq!(draft.get_untracked(), ":party:");

    find(&el, ".lc-emoji-toggle").unwrap().click();
    leptos::task::tick().await;
    until("the search field has the focus", || {
        focused_class() == "lc-emoji-search"
    })
    .await;
    press(&find(&el, ".lc-emoji-search").unwrap(), "Escape");
    leptos::task::tick().await;
    assert!(find(&el, ".lc-emoji-picker").is_none());
    assert_eq!(focused_class(), "lc-input");
    assert_eq!(draft.get_untracked(), ":party:", "nothing inserted");
    drop(handle);
}

#[wasm_bindgen_test]
async fn without_its_list_the_picker_says_so_and_keeps_the_channels_emojis() {
    // The test page has no `emoji-<hash>.json` beside its glue: the list cannot be had.
    let (el, _draft, handle) = mount_picker("", 0).await;
    find(&el, ".lc-emoji-toggle").unwrap().click();
    leptos::task::tick().await;
    until("the picker says the list cannot be loaded", || {
        find(&el, ".lc-emoji-status")
            .and_then(|s| s.text_content())
            .is_some_and(|t| t == "The emojis could not be loaded.")
    })
    .await;
    assert_eq!(el.query_selector_all("[role=option]").unwrap().length(), 2);
    drop(handle);
}
