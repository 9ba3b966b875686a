//! A moderator in the browser (the streamer's OBS token in the page's hash) removes a message
//! through the message's moderator menu; the viewer's page shows the tombstone instead.

use livechat_e2e::bots::OWNER;
use livechat_e2e::{hooks, Chromium, World, WorldOptions};
use serde_json::json;

#[test]
fn a_moderator_in_the_browser_removes_a_message_and_the_viewer_sees_a_tombstone() {
    let mut world = World::start(WorldOptions::default());
    let dock =
        Chromium::launch().unwrap_or_else(|e| panic!("cannot launch a second Chromium: {e}"));

    // The viewer: anonymous.
    let url = world.chat_url().build();
    world.page().open(&url).wait_joined();

    // The moderator: the room owner's account, from the OBS token in the hash.
    let token_url = world.owner_url("StreamerDock");
    world
        .page_in(&dock)
        .open(&token_url)
        .wait_joined_as("StreamerDock");
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
    let stanza_id = world.page().wait(
        "the viewer does not show the message with a stanza-id",
        &find_stanza_id,
    );
    let stanza_id = stanza_id.as_str().expect("a stanza-id").to_owned();
    let on_dock = world.page_in(&dock).wait(
        "the moderator does not show the message with a stanza-id",
        &find_stanza_id,
    );
    assert_eq!(
        on_dock,
        json!(stanza_id),
        "both pages know the message by the same stanza-id"
    );

    // The moderator opens the message's menu (its nickname) and removes it.
    let row = format!(r#"{}[data-stanza-id="{stanza_id}"]"#, hooks::MESSAGE);
    let mut moderator = world.page_in(&dock);
    moderator.click(&format!("{row} {}", hooks::NICK_BUTTON));
    moderator.element(&format!("{row} {} .lc-mod-retract", hooks::MOD_MENU));
    moderator.screenshot("ui-moderation-menu");
    moderator.click(&format!("{row} {} .lc-mod-retract", hooks::MOD_MENU));

    // The viewer: the row is a tombstone, the text is gone from the page, the other stays.
    let mut viewer = world.page();
    let removed = viewer.wait(
        "the viewer does not show a tombstone",
        &format!(
            "(() => {{ const li = document.querySelector('{row}'); \
             return li && li.classList.contains('lc-removed') ? li.querySelector('.lc-body').textContent : null; }})()"
        ),
    );
    let tombstone = removed.as_str().unwrap_or_default().to_owned();
    assert!(
        !tombstone.contains(body),
        "the tombstone does not repeat the body: {tombstone:?}"
    );
    assert!(!tombstone.trim().is_empty(), "the tombstone says something");
    let page_text = viewer.text_of(hooks::LOG);
    assert!(
        !page_text.as_str().unwrap_or_default().contains(body),
        "the removed body is nowhere in the viewer's log"
    );
    assert!(
        page_text.as_str().unwrap_or_default().contains(keep),
        "the other message stays"
    );
    viewer.screenshot("ui-moderation-viewer");
    // The moderator's own page also shows it removed.
    world
        .page_in(&dock)
        .wait_present(&format!("{row}.lc-removed"))
        .screenshot("ui-moderation-moderator");
    eprintln!("tombstone: {tombstone:?}");
}
