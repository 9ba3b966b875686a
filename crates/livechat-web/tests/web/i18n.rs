//! The chat's language: the `lang` parameter, else the page's `lang` around the chat, else the
//! browser's; the chat then speaks it everywhere, including its error page and plural forms.
//! A language other than English comes from its catalog file, which the chat waits for (showing
//! nothing rather than English), and gives up on for English when it fails or is late.

use std::time::Duration;

use leptos::prelude::*;
use livechat_web::components::ParticipantsPanel;
use livechat_web::i18n::{self, Lang};
use livechat_web::params::Params;
use livechat_web::state::ChatState;
use livechat_web::transport::Commands;
use livechat_web::ChatHandle;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// Nothing listens on the discard port: the chat stays on "connecting" and "reconnecting".
const UNREACHABLE: &str =
    "?room=a@room.localhost&ws=ws://127.0.0.1:9/xmpp-websocket&anon=anon.localhost&nick=Camille";

/// French, installed as if its file had come with the wasm.
fn french() -> Lang {
    installed("fr")
}

fn installed(tag: &str) -> Lang {
    let lang = Lang::negotiate([tag]).unwrap_or_else(|| panic!("no {tag} catalog"));
    lang.install(lang.catalog_file()).unwrap();
    lang
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container(parent: &Element) -> Element {
    let el = document().create_element("div").unwrap();
    el.set_attribute("style", "width: 480px; height: 400px")
        .unwrap();
    parent.append_child(&el).unwrap();
    el
}

fn body() -> Element {
    document().body().unwrap().unchecked_into()
}

fn text(el: &Element, selector: &str) -> String {
    el.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// Runs `f` with the page's `<html lang>` set to `lang`, then puts the page's own back.
async fn with_page_lang<F: std::future::Future<Output = ()>>(lang: &str, f: impl FnOnce() -> F) {
    let root = document().document_element().unwrap();
    let before = root.get_attribute("lang");
    root.set_attribute("lang", lang).unwrap();
    f().await;
    match before {
        Some(before) => root.set_attribute("lang", &before).unwrap(),
        None => root.remove_attribute("lang").unwrap(),
    }
}

#[wasm_bindgen_test]
async fn the_lang_parameter_gives_a_french_chat() {
    french();
    let page_lang = document().document_element().unwrap().get_attribute("lang");
    let el = container(&body());
    let mut handle: ChatHandle = livechat_web::mount_with(
        el.clone(),
        Params::from_query(&format!("{UNREACHABLE}&lang=fr")),
    );
    leptos::task::tick().await;

    let root = el.query_selector(".lc-chat").unwrap().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("fr"));
    assert_eq!(text(&el, ".lc-status"), "Connexion…");
    let input: HtmlInputElement = el
        .query_selector(".lc-input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.placeholder(), "Écrire un message…");
    assert_eq!(
        input.get_attribute("aria-label").as_deref(),
        Some("Message")
    );
    assert_eq!(text(&el, ".lc-send"), "Envoyer");

    // The connection fails: the alert and the attempt count speak French too.
    for _ in 0..50 {
        if el.query_selector(".lc-alert").unwrap().is_some() {
            break;
        }
        gloo_timers::future::sleep(Duration::from_millis(100)).await;
    }
    let alert = text(&el, ".lc-alert");
    assert!(
        alert.starts_with("Impossible de se connecter au serveur de chat"),
        "{alert}"
    );
    assert_eq!(
        text(&el, ".lc-status"),
        "Connexion perdue, reconnexion (essai 1)…"
    );
    // A chat mounted in a page never changes the page's own language.
    assert_eq!(
        document().document_element().unwrap().get_attribute("lang"),
        page_lang
    );
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_parameters_error_speaks_the_language_asked_for() {
    french();
    let el = container(&body());
    let mut chat = livechat_web::mount_with(
        el.clone(),
        Params::from_query("?room=abc@room.localhost&lang=fr"),
    );
    leptos::task::tick().await;
    let panel = el.query_selector(".lc-params-error").unwrap().unwrap();
    assert_eq!(panel.get_attribute("lang").as_deref(), Some("fr"));
    let shown = panel.text_content().unwrap();
    assert!(shown.contains("Le chat ne peut pas démarrer"), "{shown}");
    assert!(shown.contains("Le paramètre `ws` manque"), "{shown}");
    // The console keeps English.
    let error = Params::from_query("?room=abc@room.localhost&lang=fr").unwrap_err();
    assert!(error.to_string().contains("`ws` is missing"), "{error}");
    chat.unmount();
}

#[wasm_bindgen_test]
async fn the_pages_lang_chooses_the_language_when_the_chat_does_not() {
    with_page_lang("fr-FR", || async {
        let el = container(&body());
        assert_eq!(i18n::negotiate(None, &el), french());
        let mut handle = livechat_web::mount_with(el.clone(), Params::from_query(UNREACHABLE));
        leptos::task::tick().await;
        assert_eq!(text(&el, ".lc-status"), "Connexion…");
        handle.unmount();

        // The parameter wins over the page.
        assert_eq!(i18n::negotiate(Some("en"), &el), Lang::ENGLISH);
        // A language the chat does not have gives way to the page's.
        assert_eq!(i18n::negotiate(Some("tlh"), &el), french());
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_closest_lang_around_the_mount_element_wins_over_the_documents() {
    with_page_lang("en", || async {
        let section = container(&body());
        section.set_attribute("lang", "fr").unwrap();
        let inner = container(&section);
        assert_eq!(i18n::negotiate(None, &inner), french());
        // An empty `lang` ("unknown") is skipped.
        inner.set_attribute("lang", "").unwrap();
        assert_eq!(i18n::negotiate(None, &inner), french());
        // The custom element's own `lang` is its parameter.
        let room = document().create_element("livechat-room").unwrap();
        section.append_child(&room).unwrap();
        room.set_attribute("lang", "en").unwrap();
        let params = Params::from_element(&room).unwrap_err();
        assert_eq!(params.lang.as_deref(), Some("en"));
        assert_eq!(
            i18n::negotiate(params.lang.as_deref(), &room),
            Lang::ENGLISH
        );
    })
    .await;
}

#[wasm_bindgen_test]
fn without_any_lang_the_browsers_languages_decide() {
    let detached = document().create_element("div").unwrap();
    let root = document().document_element().unwrap();
    if root.get_attribute("lang").is_some_and(|l| !l.is_empty()) {
        return; // the test page has a language of its own: covered above
    }
    let languages: Vec<String> = web_sys::window()
        .unwrap()
        .navigator()
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    assert_eq!(
        i18n::negotiate(None, &detached),
        Lang::negotiate(&languages).unwrap_or(Lang::ENGLISH),
        "{languages:?}"
    );
}

#[wasm_bindgen_test]
async fn french_counts_zero_and_one_anonymous_viewer_in_the_singular() {
    let el = container(&body());
    let state = ChatState::new();
    let html: HtmlElement = el.clone().unchecked_into();
    leptos::mount::mount_to(html, move || {
        provide_context(french());
        let (commands, _receiver) = Commands::channel();
        let ctx = livechat_web::components::ChatContext::new(state, commands);
        view! { <ParticipantsPanel ctx id="lc-participants-fr".into() open=RwSignal::new(true)/> }
    })
    .forget();
    for (count, expected) in [
        (0, "0 spectateur anonyme"),
        (1, "1 spectateur anonyme"),
        (2, "2 spectateurs anonymes"),
        (312, "312 spectateurs anonymes"),
    ] {
        state.anonymous_count.set(count);
        leptos::task::tick().await;
        assert_eq!(text(&el, ".lc-anon-count"), expected);
    }
    assert_eq!(text(&el, ".lc-participants-title"), "Participants");
    let close = el
        .query_selector(".lc-participants-close")
        .unwrap()
        .unwrap();
    assert_eq!(
        close.get_attribute("aria-label").as_deref(),
        Some("Fermer la liste des participants")
    );
}

/// What a page's loader did: the tags it was asked for.
type Asked = std::rc::Rc<std::cell::RefCell<Vec<String>>>;

/// Gives the chat a loader whose files arrive after `delay_ms` (never, for `None`), as the bytes
/// `file(tag)` says (an error for `None`); returns what it is asked for.
fn set_loader(delay_ms: Option<u32>, file: fn(&str) -> Option<Vec<u8>>) -> Asked {
    let asked = Asked::default();
    let log = asked.clone();
    let load = Closure::<dyn Fn(String) -> js_sys::Promise>::new(move |tag: String| {
        log.borrow_mut().push(tag.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            match delay_ms {
                Some(ms) => gloo_timers::future::TimeoutFuture::new(ms).await,
                None => futures::future::pending::<()>().await,
            }
            match file(&tag) {
                Some(bytes) => Ok(js_sys::Uint8Array::from(&bytes[..]).buffer().into()),
                None => Err(js_sys::Error::new("404 Not Found").into()),
            }
        })
    });
    i18n::set_catalog_loader(load.into_js_value().unchecked_into());
    asked
}

/// The build's file for `tag`.
fn bundled(tag: &str) -> Option<Vec<u8>> {
    let lang = Lang::negotiate([tag])?;
    Some(lang.catalog_file().as_bytes().to_vec())
}

async fn wait_for(el: &Element, selector: &str, within_ms: u32) -> bool {
    for _ in 0..within_ms / 50 {
        if el.query_selector(selector).unwrap().is_some() {
            return true;
        }
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
    }
    false
}

fn assert_speaks_english(el: &Element) {
    let root = el.query_selector(".lc-chat").unwrap().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(text(el, ".lc-send"), "Send");
}

#[wasm_bindgen_test]
async fn a_language_still_on_its_way_is_waited_for_never_shown_in_english_first() {
    let asked = set_loader(Some(300), bundled);
    let el = container(&body());
    let mut handle = livechat_web::mount_with(
        el.clone(),
        Params::from_query(&format!("{UNREACHABLE}&lang=de-AT&theme=light")),
    );
    // The theme changes while the chat waits: the chat shows up in the new one.
    handle.set_theme("dark");
    leptos::task::tick().await;
    assert!(
        el.query_selector(".lc-chat").unwrap().is_none(),
        "nothing shown before the German texts arrive, not English"
    );
    assert!(wait_for(&el, ".lc-chat", 1_500).await, "the chat shows up");
    let root = el.query_selector(".lc-chat").unwrap().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("de"));
    assert!(root.class_list().contains("lc-theme-dark"));
    let input: HtmlInputElement = el
        .query_selector(".lc-input")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(input.placeholder(), "Nachricht schreiben…");
    assert_eq!(text(&el, ".lc-send"), "Senden");
    assert_eq!(*asked.borrow(), ["de"]);

    // German is there from now on: the next chat shows at once, and fetches nothing.
    let other = container(&body());
    let mut second = livechat_web::mount_with(
        other.clone(),
        Params::from_query(&format!("{UNREACHABLE}&lang=de")),
    );
    leptos::task::tick().await;
    assert_eq!(text(&other, ".lc-status"), "Verbinden…");
    assert_eq!(asked.borrow().len(), 1);
    second.unmount();
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_file_that_fails_or_does_not_fit_leaves_the_chat_in_english() {
    // Spanish: the server answers 404.
    set_loader(Some(10), |_| None);
    let el = container(&body());
    let mut handle = livechat_web::mount_with(
        el.clone(),
        Params::from_query(&format!("{UNREACHABLE}&lang=es")),
    );
    assert!(wait_for(&el, ".lc-chat", 1_000).await);
    assert_speaks_english(&el);
    handle.unmount();

    // Polish: another language's file (a server that mixed them up).
    set_loader(Some(10), |_| bundled("ja"));
    let mut handle = livechat_web::mount_with(
        el.clone(),
        Params::from_query(&format!("{UNREACHABLE}&lang=pl")),
    );
    assert!(wait_for(&el, ".lc-chat", 1_000).await);
    assert_speaks_english(&el);
    assert!(!Lang::negotiate(["pl"]).unwrap().is_installed());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_late_file_gives_way_to_english_and_an_unmounted_chat_never_shows() {
    set_loader(None, bundled);
    let el = container(&body());
    let mut late = livechat_web::mount_with(
        el.clone(),
        Params::from_query(&format!("{UNREACHABLE}&lang=it")),
    );
    let gone = container(&body());
    let mut unmounted = livechat_web::mount_with(
        gone.clone(),
        Params::from_query(&format!("{UNREACHABLE}&lang=it")),
    );
    unmounted.unmount();
    gloo_timers::future::sleep(Duration::from_millis(u64::from(i18n::LATE_MS) - 300)).await;
    assert!(
        el.query_selector(".lc-chat").unwrap().is_none(),
        "still waiting"
    );
    assert!(
        wait_for(&el, ".lc-chat", 1_000).await,
        "English after {} ms",
        i18n::LATE_MS
    );
    assert_speaks_english(&el);
    assert!(gone.query_selector(".lc-chat").unwrap().is_none());
    late.unmount();
}
