//! The browser client against ejabberd, the second XMPP server: the same build as against Prosody,
//! pointed at ejabberd's WebSocket listener and anonymous host. A registered moderator (a native
//! client) creates the room and posts its history; the page joins anonymously with a nickname,
//! shows the history, writes, and reads what the moderator writes next.

use std::time::Duration;

use livechat_backend::{Ejabberd, EjabberdOptions};
use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials, SessionState};
use livechat_e2e::{paths, ChatUrl, Chromium, StaticServer};
use livechat_native::NativeClient;
use serde_json::json;

const PAGE_WAIT: Duration = Duration::from_secs(20);

const JOINED: &str = r#"document.querySelector('.lc-status[data-status="joined"]')"#;

/// The moderator posts `body` and waits for the room's echo.
fn say(moderator: &mut NativeClient, body: &str) {
    moderator.command(|s| s.send_message(body)).unwrap();
    moderator
        .run_until("the echo", PAGE_WAIT, |s, _| {
            s.outbox().is_empty() && s.room().log().messages().any(|m| m.body == body)
        })
        .unwrap_or_else(|e| panic!("{body:?} was not echoed: {e}"));
}

#[test]
fn the_web_client_chats_on_ejabberd() {
    // Fields drop in reverse order of these lines: the browser first, ejabberd last.
    let server = Ejabberd::start(EjabberdOptions::default())
        .unwrap_or_else(|e| panic!("cannot start ejabberd: {e}"));
    server
        .register("alice", "alicepass")
        .unwrap_or_else(|e| panic!("cannot register: {e}"));
    let room: BareJid = format!("e2e-{}@{}", std::process::id(), server.muc_domain())
        .parse()
        .unwrap();

    let mut config = Config::new(
        Credentials::Plain {
            jid: server.user_jid("alice").parse().unwrap(),
            password: "alicepass".into(),
        },
        room.clone(),
    );
    config.nickname = Some("Streamer".into());
    let mut moderator = NativeClient::connect(&server.ws_url(), config, 3)
        .unwrap_or_else(|e| panic!("the moderator cannot connect: {e}"));
    moderator
        .run_until("joined", PAGE_WAIT, |s, _| {
            s.state() == SessionState::Joined
        })
        .unwrap_or_else(|e| panic!("the moderator did not join: {e}"));
    say(&mut moderator, "history on ejabberd 1");
    say(&mut moderator, "history on ejabberd 2");

    let site = StaticServer::start(paths::dist_dir())
        .unwrap_or_else(|e| panic!("cannot serve the build: {e}"));
    let browser = Chromium::launch().unwrap_or_else(|e| panic!("cannot launch Chromium: {e}"));
    let url = ChatUrl::new(site.url())
        .with("room", room.to_string())
        .with("ws", server.ws_url())
        .with("anon", server.anon_domain())
        .with("nick", "Camille")
        .build();
    browser.navigate(&url).unwrap_or_else(|e| panic!("{e}"));
    let wait = |moderator: &mut NativeClient, expression: &str| {
        browser
            .wait_until(&format!("`{expression}`"), PAGE_WAIT, || {
                let _ = moderator.pump(Duration::from_millis(10));
                let value = browser.eval(expression).unwrap_or(serde_json::Value::Null);
                Ok((livechat_e2e::webdriver::is_truthy(&value), value))
            })
            .unwrap_or_else(|e| panic!("{e}"))
    };
    wait(
        &mut moderator,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="Camille"]')"#,
    );
    wait(
        &mut moderator,
        "document.querySelectorAll('.lc-log li.lc-msg').length === 2",
    );
    let shown = browser
        .eval(
            "[...document.querySelectorAll('.lc-log li.lc-msg .lc-body')].map(b => b.textContent)",
        )
        .unwrap();
    assert_eq!(
        shown,
        json!(["history on ejabberd 1", "history on ejabberd 2"])
    );

    // The page writes; the moderator reads it under the page's nickname.
    let input = browser
        .wait_for_selector(".lc-composer .lc-input:not([disabled])", PAGE_WAIT)
        .unwrap_or_else(|e| panic!("no message input: {e}"));
    browser
        .send_keys(&input, "hello from the browser\u{E007}")
        .unwrap_or_else(|e| panic!("{e}"));
    moderator
        .run_until("the page's message", PAGE_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == "hello from the browser" && m.nick == "Camille")
        })
        .unwrap_or_else(|e| panic!("the moderator did not get the page's message: {e}"));
    wait(
        &mut moderator,
        "[...document.querySelectorAll('.lc-log li.lc-msg')].some(li => li.textContent.includes('hello from the browser'))",
    );

    // The moderator answers; the page shows it once, and the participants panel lists her.
    say(&mut moderator, "welcome, Camille");
    wait(
        &mut moderator,
        "document.querySelectorAll('.lc-log li.lc-msg').length === 4",
    );
    let counts = browser
        .eval("[...document.querySelectorAll('.lc-log li.lc-msg .lc-body')].filter(b => b.textContent === 'welcome, Camille').length")
        .unwrap();
    assert_eq!(counts, json!(1));
    assert!(
        browser
            .eval(JOINED)
            .map(|v| livechat_e2e::webdriver::is_truthy(&v))
            .unwrap(),
        "still joined"
    );
    let path = browser
        .screenshot("ui-ejabberd")
        .unwrap_or_else(|e| panic!("cannot take the screenshot: {e}"));
    eprintln!("screenshot: {}", path.display());
}
