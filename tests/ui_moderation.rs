//! A moderator in the browser (the streamer's OBS token in the page's hash) removes a message
//! through the message's moderator menu; the viewer's page shows the tombstone instead.

use std::time::Duration;

use livechat_e2e::{Chromium, World, WorldOptions};
use serde_json::{json, Value};

const PAGE_WAIT: Duration = Duration::from_secs(20);

const JOINED: &str = r#"document.querySelector('.lc-status[data-status="joined"]')"#;

/// The account the world's bot registered (and that owns the room): see `world::moderator_bot`.
const OWNER: (&str, &str) = ("streamer", "streamer-password");

fn wait_on(world: &mut World, browser: &Chromium, expression: &str) -> Value {
    let moderator = &mut world.moderator;
    browser
        .wait_until(&format!("`{expression}`"), PAGE_WAIT, || {
            let _ = moderator.pump(Duration::from_millis(10));
            let value = browser.eval(expression).unwrap_or(Value::Null);
            Ok((livechat_e2e::webdriver::is_truthy(&value), value))
        })
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_moderator_in_the_browser_removes_a_message_and_the_viewer_sees_a_tombstone() {
    let mut world = World::start(WorldOptions::default());
    let dock =
        Chromium::launch().unwrap_or_else(|e| panic!("cannot launch a second Chromium: {e}"));

    // The viewer: anonymous.
    world.open(&world.chat_url().build(), JOINED, "the viewer did not join");

    // The moderator: the room owner's account, from the OBS token in the hash.
    let owner_jid = world.prosody.user_jid(OWNER.0);
    let token_url = format!(
        "{}#?j={}&p={}&n=StreamerDock",
        world.chat_url().build(),
        owner_jid.replace('@', "%40"),
        OWNER.1
    );
    dock.navigate(&token_url).unwrap_or_else(|e| panic!("{e}"));
    wait_on(
        &mut world,
        &dock,
        r#"document.querySelector('.lc-status[data-status="joined"][data-nick="StreamerDock"]')"#,
    );
    assert!(
        !dock.current_url().unwrap().contains(OWNER.1),
        "the password is taken out of the address bar"
    );

    let body = "This message will be removed";
    world.moderator_says(body);
    let keep = "This one stays";
    world.moderator_says(keep);
    let find_stanza_id = format!(
        "(Array.from(document.querySelectorAll('.lc-log li.lc-msg')).find(li => \
         (li.querySelector('.lc-body') || {{}}).textContent === {}) || {{ dataset: {{}} }}).dataset.stanzaId",
        json!(body)
    );
    let stanza_id = world
        .wait_for_js(&find_stanza_id, PAGE_WAIT)
        .unwrap_or_else(|e| panic!("the viewer does not show the message with a stanza-id: {e}"));
    let stanza_id = stanza_id.as_str().expect("a stanza-id").to_owned();
    let on_dock = wait_on(&mut world, &dock, &find_stanza_id);
    assert_eq!(
        on_dock,
        json!(stanza_id),
        "both pages know the message by the same stanza-id"
    );

    // The moderator opens the message's menu (its nickname) and removes it.
    let row = format!(r#".lc-log li.lc-msg[data-stanza-id="{stanza_id}"]"#);
    let nick_button = dock
        .wait_for_selector(&format!("{row} .lc-nick-button"), PAGE_WAIT)
        .unwrap_or_else(|e| panic!("the moderator has no menu on the message: {e}"));
    dock.click(&nick_button).unwrap_or_else(|e| panic!("{e}"));
    let retract = dock
        .wait_for_selector(&format!("{row} .lc-mod-menu .lc-mod-retract"), PAGE_WAIT)
        .unwrap_or_else(|e| panic!("no 'remove message' in the menu: {e}"));
    dock.screenshot("ui-moderation-menu")
        .unwrap_or_else(|e| panic!("{e}"));
    dock.click(&retract).unwrap_or_else(|e| panic!("{e}"));

    // The viewer: the row is a tombstone, the text is gone from the page, the other stays.
    let removed = world
        .wait_for_js(
            &format!(
                "(() => {{ const li = document.querySelector('{row}'); \
                 return li && li.classList.contains('lc-removed') ? li.querySelector('.lc-body').textContent : null; }})()"
            ),
            PAGE_WAIT,
        )
        .unwrap_or_else(|e| panic!("the viewer does not show a tombstone: {e}"));
    let tombstone = removed.as_str().unwrap_or_default().to_owned();
    assert!(
        !tombstone.contains(body),
        "the tombstone does not repeat the body: {tombstone:?}"
    );
    assert!(!tombstone.trim().is_empty(), "the tombstone says something");
    let page_text = world
        .browser
        .eval("document.querySelector('.lc-log').textContent")
        .unwrap();
    assert!(
        !page_text.as_str().unwrap_or_default().contains(body),
        "the removed body is nowhere in the viewer's log"
    );
    assert!(
        page_text.as_str().unwrap_or_default().contains(keep),
        "the other message stays"
    );
    // The moderator's own page also shows it removed.
    wait_on(
        &mut world,
        &dock,
        &format!("document.querySelector('{row}.lc-removed')"),
    );

    world.screenshot("ui-moderation-viewer");
    let shot = dock
        .screenshot("ui-moderation-moderator")
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!("tombstone: {tombstone:?}; screenshot: {}", shot.display());
}
