//! The harness itself, on a page of its own (no web build, no Prosody): the browser starts, the
//! WebDriver commands work, a wait that cannot succeed says what the page showed, and nothing of
//! the browser is left once its guard is gone, also after a panic.

use std::time::Duration;

use livechat_e2e::{Chromium, StaticServer};
use serde_json::json;

const PAGE: &str = r#"<!doctype html>
<html><head><meta charset="utf-8"><title>harness</title></head>
<body>
  <h1 class="title">Harness page</h1>
  <ul id="list"><li>one</li><li>two</li></ul>
  <input id="field" type="text">
  <script>
    setTimeout(() => { const p = document.createElement('p'); p.id = 'late'; p.textContent = 'late text'; document.body.append(p); }, 300);
    fetch('app_bg.wasm').then(r => { window.wasmType = r.headers.get('content-type'); });
    console.warn('hello from the harness page');
  </script>
</body></html>"#;

fn site() -> (StaticServer, std::path::PathBuf) {
    let root = std::env::temp_dir().join(format!("livechat-e2e-harness-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("index.html"), PAGE).unwrap();
    std::fs::write(root.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    (StaticServer::start(&root).unwrap(), root)
}

/// Processes whose command line names `needle`, apart from zombies.
fn processes_naming(needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        if !entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        if stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z'))
        {
            continue;
        }
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.contains(needle) {
            found.push(format!(
                "{} {}",
                entry.file_name().to_string_lossy(),
                cmdline
            ));
        }
    }
    found
}

#[test]
fn webdriver_commands_work_and_the_browser_is_gone_after_drop() {
    let (site, root) = site();
    let browser = Chromium::launch().unwrap_or_else(|e| panic!("{e}"));
    let profile = browser.profile_dir().display().to_string();
    let group = browser.process_group();
    assert!(
        processes_naming(&profile).len() >= 2,
        "Chromium runs with its own profile: {:?}",
        processes_naming(&profile)
    );

    browser.navigate(&site.url()).unwrap();
    assert_eq!(browser.title().unwrap(), "harness");
    assert_eq!(
        browser.viewport_size().unwrap(),
        (1280, 800),
        "the viewport has the asked size"
    );
    let title = browser.find("h1.title").unwrap().expect("the heading");
    assert_eq!(browser.text(&title).unwrap(), "Harness page");
    assert_eq!(browser.find(".absent").unwrap(), None);
    assert_eq!(browser.find_all("#list li").unwrap().len(), 2);
    assert_eq!(browser.eval("1 + 2").unwrap(), json!(3));
    assert_eq!(
        browser
            .execute("return arguments[0].textContent", vec![title.to_json()])
            .unwrap(),
        json!("Harness page")
    );
    let late = browser
        .wait_for_selector("#late", Duration::from_secs(5))
        .unwrap();
    assert_eq!(browser.text(&late).unwrap(), "late text");
    browser
        .wait_for_text("late text", Duration::from_secs(1))
        .unwrap();
    assert_eq!(
        browser
            .wait_for_js("window.wasmType", Duration::from_secs(5))
            .unwrap(),
        json!("application/wasm")
    );
    let field = browser.find("#field").unwrap().unwrap();
    browser.send_keys(&field, "typed & <sent>").unwrap();
    assert_eq!(
        browser.attribute(&field, "id").unwrap().as_deref(),
        Some("field")
    );
    assert_eq!(
        browser
            .eval("document.getElementById('field').value")
            .unwrap(),
        json!("typed & <sent>")
    );

    // A wait that cannot succeed times out on time and describes the page.
    let started = std::time::Instant::now();
    let error = browser
        .wait_for_js("window.never", Duration::from_millis(500))
        .unwrap_err()
        .to_string();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        error.contains("timed out") && error.contains("window.never"),
        "{error}"
    );
    assert!(
        error.contains("Harness page"),
        "the body text is in the error: {error}"
    );
    assert!(
        error.contains("hello from the harness page"),
        "the console is in the error: {error}"
    );

    let png = browser.screenshot("harness").unwrap();
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let (width, height) = (
        u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
        u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
    );
    assert_eq!(
        (width, height),
        (1280, 800),
        "the screenshot is the viewport"
    );

    drop(browser);
    assert_eq!(
        processes_naming(&profile),
        Vec::<String>::new(),
        "processes left after drop"
    );
    assert!(
        !livechat_e2e::chromium::group_alive(group as i32),
        "a process of the group still runs"
    );
    assert!(
        !std::path::Path::new(&profile).exists(),
        "the profile directory is removed"
    );
    drop(site);
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_panicking_test_leaves_no_browser_behind() {
    let (tx, rx) = std::sync::mpsc::channel();
    let result = std::thread::Builder::new()
        .name("panics-on-purpose".into())
        .spawn(move || {
            let browser = Chromium::launch().unwrap_or_else(|e| panic!("{e}"));
            tx.send((
                browser.profile_dir().display().to_string(),
                browser.process_group(),
            ))
            .unwrap();
            browser.navigate("about:blank").unwrap();
            panic!("a test failing with the browser open");
        })
        .unwrap()
        .join();
    assert!(result.is_err(), "the thread panicked");
    let (profile, group) = rx.recv().unwrap();
    assert_eq!(
        processes_naming(&profile),
        Vec::<String>::new(),
        "processes left after the panic"
    );
    assert!(
        !livechat_e2e::chromium::group_alive(group as i32),
        "a process of the group still runs"
    );
}
