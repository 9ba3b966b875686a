//! The plugin's standalone page (`…/webchat/room/<key>`, `chat-only`), rendered as the plugin's
//! server renders its template: the chat takes the body; a viewer keeps the nickname the plugin's
//! frontend remembered; read-only with the theme's colours (`_ac_*`), a read-only anonymous
//! viewer joining as `Viewer NNNNNN`; and the OBS overlay logged in by the streamer's token in the
//! hash.

use livechat_e2e::bots::OWNER;
use livechat_e2e::plugin_host::{encode, ROUTER};
use livechat_e2e::{axe, hooks, js, ChatPage};
use serde_json::json;

use crate::{Stage, HISTORY, VIDEO};

/// The theme's colours the plugin puts in the standalone page's address (`_ac_<name>`).
const COLOURS: [(&str, &str); 12] = [
    ("mainForeground", "#f2f2f2"),
    ("mainBackground", "#1e2a3a"),
    ("greyForeground", "#a9b4c2"),
    ("greyBackground", "#2c3b4f"),
    ("menuForeground", "#f2f2f2"),
    ("menuBackground", "#16202c"),
    ("inputForeground", "#f2f2f2"),
    ("inputBackground", "#2c3b4f"),
    ("buttonForeground", "#1e2a3a"),
    ("buttonBackground", "#5fd1a4"),
    ("link", "#5fd1a4"),
    ("linkHover", "#8fe3c2"),
];

/// The chat in the body, in the main landmark it adds there.
const CHAT: &str = "body.converse-fullscreen > main#livechat > .lc-chat";

fn standalone_url(stage: &Stage, query: &str) -> String {
    stage
        .host
        .url(&format!("{ROUTER}/webchat/room/{VIDEO}{query}"))
}

/// `getComputedStyle(<css>)[property]`.
fn computed(page: &ChatPage<'_>, css: &str, property: &str) -> serde_json::Value {
    page.run(
        "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]];",
        vec![json!(css), json!(property)],
    )
}

#[test]
fn the_standalone_page_as_the_plugin_serves_it() {
    let mut stage = Stage::start();

    // A viewer who chose a nickname with the plugin's own frontend an hour ago keeps it.
    let url = standalone_url(&stage, "");
    let mut page = stage.page();
    page.open(&url);
    page.run(
        "localStorage.setItem('livechat-previous-anonymous-nickname', 'Zoé');
         localStorage.setItem('livechat-previous-anonymous-nickname-last-access', String(Date.now() - 3600000));",
        vec![],
    );
    page.open(&url).wait(
        "the standalone page did not join under the remembered nickname",
        &js::element(&format!("{CHAT} {}", hooks::joined_as("Zoé"))),
    );
    page.wait_message(HISTORY);
    let shown = page.eval(
        "[document.documentElement.className, document.documentElement.lang, document.title,
          getComputedStyle(document.getElementById('conversejs-bg')).display]",
    );
    assert_eq!(
        shown,
        json!(["lc-page", "en", "Live chat", "none"]),
        "{shown}"
    );
    assert!(page.has(hooks::ENABLED_INPUT), "Zoé can write at once");
    // The chat is the page: it fills the window.
    let fills = page.eval(
        "(() => { const r = document.querySelector('.lc-chat').getBoundingClientRect();
                  return r.top === 0 && r.left === 0 && r.width === innerWidth && r.height === innerHeight; })()",
    );
    assert_eq!(fills, json!(true));
    page.screenshot("plugin-standalone");
    axe::assert_no_axe_violations(page.driver(), "the standalone page");

    // Read-only, with the theme's colours: an anonymous viewer joins as `Viewer NNNNNN` (never
    // under the remembered nickname), cannot write, and the chat wears the colours.
    let colours: String = COLOURS
        .iter()
        .map(|(name, value)| format!("&_ac_{name}={}", encode(value)))
        .collect();
    let url = standalone_url(&stage, &format!("?_readonly=true{colours}"));
    let mut page = stage.page();
    page.open(&url).wait(
        "the read-only page did not join",
        &js::element(&format!("{CHAT}.lc-read-only {}", hooks::JOINED)),
    );
    page.wait_message(HISTORY);
    let nick = page.eval("document.querySelector('.lc-status').dataset.nick");
    let nick = nick.as_str().unwrap_or_default();
    let digits = nick.strip_prefix("Viewer ").unwrap_or_default();
    assert!(
        digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0'),
        "a read-only viewer is `Viewer NNNNNN`, not {nick:?}"
    );
    assert!(!page.has(".lc-composer"), "no input when read-only");
    assert!(
        !page.has(".lc-change-nick"),
        "the viewer's nickname is not theirs to change"
    );
    assert_eq!(
        computed(&page, ".lc-chat", "backgroundColor"),
        json!("rgb(30, 42, 58)"),
        "the chat's background is _ac_mainBackground"
    );
    assert_eq!(
        computed(&page, ".lc-body", "color"),
        json!("rgb(242, 242, 242)"),
        "the text is _ac_mainForeground"
    );
    page.screenshot("plugin-standalone-readonly-colours");
    axe::assert_no_axe_violations(page.driver(), "the read-only page in the theme's colours");

    // OBS: read-only without a scrollbar, transparent, logged in by the streamer's token in the
    // hash (then taken out of the address).
    stage
        .world
        .browser
        .cdp(
            "Emulation.setDefaultBackgroundColorOverride",
            json!({ "color": { "r": 0, "g": 0, "b": 0, "a": 0 } }),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let url = format!(
        "{}#?j={}&p={}&n=Dock",
        standalone_url(&stage, "?_readonly=noscroll&_transparent=true"),
        encode(&stage.world.prosody.user_jid(OWNER.0)),
        OWNER.1
    );
    let mut page = stage.page();
    page.open(&url).wait(
        "the OBS page did not join under the token's nickname",
        &js::element(&format!(
            "{CHAT}.lc-overlay.lc-transparent.lc-noscroll {}",
            hooks::joined_as("Dock")
        )),
    );
    page.wait_message(HISTORY);
    let page_state = page.eval(
        "[location.hash, getComputedStyle(document.body).backgroundColor,
          getComputedStyle(document.documentElement).backgroundColor]",
    );
    assert_eq!(
        page_state,
        json!(["", "rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"]),
        "the token left the address, and the page is transparent"
    );
    page.screenshot("plugin-standalone-obs");
}
