//! The chat speaks the viewer's language, and the viewer downloads only that one: a German
//! viewer's page fetches the German catalog file and no other, never shows an English word first,
//! and says it is in German; an English viewer fetches none (English is in the wasm, French is
//! not); Japanese and Chinese are drawn in their own scripts (screenshots).

use livechat_e2e::{ChatPage, World, WorldOptions};
use serde_json::{json, Value};

use crate::{cdp, history, HostSite};

/// Every status text the page's chat shows, from before the page's own scripts run: a text shown
/// for a moment is caught too.
const RECORD_STATUSES_JS: &str = r#"
    window.__lcStatuses = [];
    new MutationObserver(() => {
        const status = document.querySelector('.lc-status');
        const text = status && status.textContent;
        if (text && window.__lcStatuses[window.__lcStatuses.length - 1] !== text) {
            window.__lcStatuses.push(text);
        }
    }).observe(document, { childList: true, subtree: true, characterData: true });
"#;

/// The catalog files the page fetched (their names, with the twin's `.gz`).
fn catalogs_fetched(page: &ChatPage) -> Vec<String> {
    let names = page.eval(
        "performance.getEntriesByType('resource').map(e => e.name.split('/').pop())\
         .filter(n => n.startsWith('lang-'))",
    );
    serde_json::from_value(names).unwrap()
}

/// The page's language, its title, the status and the nickname button.
fn page_words(page: &ChatPage) -> Value {
    page.eval(
        "[document.documentElement.lang, document.title, \
          document.querySelector('.lc-status').textContent, \
          document.querySelector('.lc-choose-nick').textContent]",
    )
}

#[test]
fn each_viewer_downloads_and_reads_only_their_own_language() {
    let mut world = World::start(WorldOptions {
        history: history(2),
        ..WorldOptions::default()
    });

    // The wasm has English only (its main module: the views' own ones only some viewers fetch).
    let wasm = std::fs::read_dir(&world.dist)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("_bg.wasm"))
        .expect("a wasm in the build");
    let wasm = String::from_utf8_lossy(&std::fs::read(wasm).unwrap()).into_owned();
    assert!(wasm.contains("Write a message…"), "English is in the wasm");
    for other in [
        "Écrire un message…",
        "spectateurs anonymes",
        "Nachricht schreiben…",
    ] {
        assert!(!wasm.contains(other), "{other:?} is in the wasm");
    }

    // A German viewer, on the standalone page: the boot script fetches German with the wasm, and
    // the chat never says anything in English meanwhile.
    let recorder = cdp_add_script(&world, RECORD_STATUSES_JS);
    let url = world.chat_url().with("lang", "de").build();
    let mut page = world.page();
    page.open(&url).wait_joined().wait_messages(2);
    let german = page_words(&page);
    assert_eq!(german[0], json!("de"), "{german}");
    assert_eq!(german[1], json!("Live-Chat"), "{german}");
    assert!(
        german[2]
            .as_str()
            .is_some_and(|s| s.starts_with("Im Raum als Anonymous ")),
        "{german}"
    );
    assert_eq!(german[3], json!("Namen wählen, um mitzuschreiben"));
    let statuses = page.eval("window.__lcStatuses");
    assert_eq!(statuses[0], json!("Verbinden…"), "{statuses}");
    for english in ["Connecting…", "Joining the room…", "Joined as"] {
        assert!(!statuses.to_string().contains(english), "{statuses}");
    }
    let fetched = catalogs_fetched(&page);
    assert_eq!(fetched.len(), 1, "{fetched:?}");
    assert!(fetched[0].starts_with("lang-de-"), "{fetched:?}");
    page.open_participants();
    page.wait(
        "German counts",
        "document.querySelector('.lc-anon-count').textContent.endsWith('anonymer Zuschauer')",
    );
    page.screenshot("lang-de");
    cdp(
        &world.browser,
        "Page.removeScriptToEvaluateOnNewDocument",
        json!({ "identifier": recorder }),
    );

    // An English viewer (the browser says en-US): no catalog file at all.
    let url = world.chat_url().build();
    let mut page = world.page();
    page.open(&url).wait_joined().wait_messages(2);
    assert!(page.status_text().starts_with("Joined as Anonymous "));
    assert_eq!(catalogs_fetched(&page), Vec::<String>::new());

    // A host page in English that mounts a German chat (livechat.js): the loader guessed English
    // from the page, so the chat fetches German as it mounts, and only German.
    let site = HostSite::start(&world.dist);
    let watch = site.page(&world, "watch.html").with("lang", "de").build();
    let mut page = world.page();
    page.open(&watch).wait_joined();
    let fetched = catalogs_fetched(&page);
    assert_eq!(fetched.len(), 1, "{fetched:?}");
    assert!(fetched[0].starts_with("lang-de-"), "{fetched:?}");
    assert!(page.status_text().starts_with("Im Raum als "));
    let page_lang =
        page.eval("[document.documentElement.lang, document.querySelector('.lc-chat').lang]");
    assert_eq!(
        page_lang,
        json!(["en", "de"]),
        "the host page keeps its own language"
    );

    // The OBS overlay's <livechat-room lang="pl">, created after livechat.js has loaded: the same.
    let obs = site.page(&world, "obs.html").with("lang", "pl").build();
    let mut page = world.page();
    page.open(&obs).wait(
        "Polish",
        "document.querySelector('.lc-chat')?.lang === 'pl'",
    );
    let fetched = catalogs_fetched(&page);
    assert!(
        fetched.len() == 1 && fetched[0].starts_with("lang-pl-"),
        "{fetched:?}"
    );

    // Japanese and Chinese, from the browser's kind of tags (zh-CN: simplified Chinese).
    for (tag, joined, file) in [
        ("ja", "として入室中", "lang-ja-"),
        ("zh-CN", "已以 Anonymous", "lang-zh-Hans-"),
    ] {
        let url = world.chat_url().with("lang", tag).build();
        let mut page = world.page();
        page.open(&url).wait_joined().wait_messages(2);
        let status = page.status_text();
        assert!(status.contains(joined), "{tag}: {status}");
        let fetched = catalogs_fetched(&page);
        assert!(
            fetched.len() == 1 && fetched[0].starts_with(file),
            "{tag}: {fetched:?}"
        );
        page.open_participants();
        page.screenshot(&format!("lang-{tag}"));
    }
}

/// Runs `script` in every document the browser opens from now on, before the page's own;
/// returns its identifier.
fn cdp_add_script(world: &World, script: &str) -> Value {
    let added = world
        .browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": script }),
        )
        .unwrap_or_else(|e| panic!("Page.addScriptToEvaluateOnNewDocument: {e}"));
    added["identifier"].clone()
}
