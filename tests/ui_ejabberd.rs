//! The browser client against ejabberd, the second XMPP server: the same build as against Prosody,
//! pointed at ejabberd's WebSocket listener and anonymous host. A registered moderator (a native
//! client) creates the room and posts its history; the page joins anonymously with a nickname,
//! shows the history, writes, and reads what the moderator writes next.

use livechat_backend::{Ejabberd, EjabberdOptions};
use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials, SessionState};
use livechat_e2e::bots::say;
use livechat_e2e::{hooks, js, paths, ChatPage, ChatUrl, Chromium, StaticServer, PAGE_WAIT};
use livechat_native::NativeClient;

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
    let mut page = ChatPage::new(&browser).pumping(&mut moderator);
    page.open(&url).wait_joined_as("Camille");
    page.wait(
        "the history is not shown",
        &format!("{} === 2", js::count(hooks::MESSAGE)),
    );
    assert_eq!(
        page.bodies(),
        ["history on ejabberd 1", "history on ejabberd 2"]
    );

    // The page writes; the moderator reads it under the page's nickname.
    page.send("hello from the browser");
    moderator
        .run_until("the page's message", PAGE_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == "hello from the browser" && m.nick == "Camille")
        })
        .unwrap_or_else(|e| panic!("the moderator did not get the page's message: {e}"));
    let mut page = ChatPage::new(&browser).pumping(&mut moderator);
    page.wait(
        "the page does not show its own message",
        "[...document.querySelectorAll('.lc-log li.lc-msg')].some(li => li.textContent.includes('hello from the browser'))",
    );

    // The moderator answers; the page shows it once.
    say(&mut moderator, "welcome, Camille");
    let mut page = ChatPage::new(&browser).pumping(&mut moderator);
    page.wait(
        "the answer is not shown",
        &format!("{} === 4", js::count(hooks::MESSAGE)),
    );
    let counts = page
        .bodies()
        .iter()
        .filter(|b| *b == "welcome, Camille")
        .count();
    assert_eq!(counts, 1);
    assert!(page.has(hooks::JOINED), "still joined");
    page.screenshot("ui-ejabberd");
}
