//! What a screen reader hears: new messages from others with their author (never the history,
//! never our own), and the anonymous count and the connection state at a bounded rate.

use std::time::{Duration, Instant};

use livechat_e2e::{hooks, World, WorldOptions};
use serde_json::{json, Value};

use crate::{history, pump_for};

/// Every live region of the page: what a screen reader reads out on its own.
const LIVE_REGIONS_JS: &str = r#"
    return Array.from(document.querySelectorAll('[aria-live], [role=log], [role=status], [role=alert], [role=marquee], [role=timer], output'))
        .map(el => ({ cls: el.className, live: el.getAttribute('aria-live'), role: el.getAttribute('role') }));
"#;

/// Records what is added to the two announcer regions, and the visible count's changes.
const LISTEN_JS: &str = r#"
    const heard = { messages: [], status: [], countChanges: 0 };
    window.__lcHeard = heard;
    const t0 = performance.now();
    const watch = (sel, list) => new MutationObserver(records => {
        for (const r of records) for (const n of r.addedNodes) list.push({ at: Math.round(performance.now() - t0), text: n.textContent });
    }).observe(document.querySelector(sel), { childList: true });
    watch('.lc-announce-messages', heard.messages);
    watch('.lc-announce-status', heard.status);
    new MutationObserver(() => heard.countChanges++).observe(document.querySelector('.lc-header'), { subtree: true, characterData: true, childList: true, attributes: true, attributeFilter: ['data-count'] });
"#;

#[test]
fn screen_readers_hear_new_messages_only_and_a_bounded_rate_of_status_news() {
    let mut world = World::start(WorldOptions {
        history: history(5),
        ..WorldOptions::default()
    });
    let url = world.chat_url().with("nick", "Reader").build();
    let mut page = world.page();
    page.open(&url).wait_joined_as("Reader").wait_messages(5);

    // The page and the chat: a title, a main landmark, the chat's labelled region.
    let landmarks = page.eval("({ title: document.title, main: !!document.querySelector('main'), chat: document.querySelector('section.lc-chat').getAttribute('aria-label'), log: document.querySelector('.lc-log').getAttribute('aria-label') })");
    assert_eq!(
        landmarks,
        json!({ "title": "Live chat", "main": true, "chat": "Live chat", "log": "Messages" })
    );

    // One polite region for messages; the list itself is not live, nor inside a live region.
    let regions = page.run(LIVE_REGIONS_JS, vec![]);
    eprintln!("live regions: {regions}");
    let in_live = page.eval("!!document.querySelector('.lc-log').closest('[aria-live], [role=log], [role=status], [role=alert]')");
    assert_eq!(
        in_live,
        json!(false),
        "the message list is not a live region"
    );
    let message_regions: Vec<&Value> = regions
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["cls"]
                .as_str()
                .unwrap_or_default()
                .contains("lc-announce-messages")
        })
        .collect();
    assert_eq!(message_regions.len(), 1, "{regions}");
    assert_eq!(message_regions[0]["live"], json!("polite"));

    // The history replayed on join was not announced.
    let announced = page.eval("document.querySelector('.lc-announce-messages').children.length");
    assert_eq!(announced, json!(0), "the history is not read out");

    page.run(LISTEN_JS, vec![]);
    world.moderator_says("Hello, screen readers");
    let mut page = world.page();
    page.wait(
        "nothing was announced",
        "window.__lcHeard.messages.length >= 1",
    );
    // Our own message is in the list, not read back to us.
    page.send("My own words").wait_present(".lc-log li.lc-own");
    world.moderator_says("Second live message");
    world.page().wait(
        "the second message was not announced",
        "window.__lcHeard.messages.length >= 2",
    );
    pump_for(&mut world, Duration::from_millis(500));
    let heard = world
        .page()
        .eval("window.__lcHeard.messages.map(m => m.text)");
    eprintln!("announced messages: {heard}");
    assert_eq!(
        heard,
        json!([
            "Streamer: Hello, screen readers",
            "Streamer: Second live message"
        ]),
        "new messages from others, each with its author, and nothing else"
    );

    // Twenty anonymous viewers arrive in a few seconds: the visible count follows each one, the
    // announcements are rate-limited, and the last word is the final count.
    let started = Instant::now();
    let crowd: Vec<_> = (0..20u64)
        .map(|i| world.anonymous_chatter(None, 2_000 + i))
        .collect();
    let joins_took = started.elapsed();
    let mut page = world.page();
    page.wait_present(r#".lc-count[data-count="22"]"#);
    // The trailing announcement comes at most 15 s after the first.
    page.wait(
        "the final count was not announced",
        "window.__lcHeard.status.some(s => s.text === '20 anonymous viewers')",
    );
    pump_for(&mut world, Duration::from_secs(2));
    let heard = world.page().eval("window.__lcHeard");
    let counts: Vec<&Value> = heard["status"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["text"].as_str().unwrap_or_default().contains("anonymous"))
        .collect();
    eprintln!(
        "20 joins in {joins_took:.1?}: the visible count changed {} times; announced: {counts:?}",
        heard["countChanges"]
    );
    assert!(
        heard["countChanges"].as_u64().unwrap() >= 10,
        "the visible count follows the joins: {heard}"
    );
    assert!(
        counts.len() <= 2,
        "at most one announcement now and one after the interval: {counts:?}"
    );
    assert_eq!(
        counts.last().unwrap()["text"],
        json!("20 anonymous viewers"),
        "the last value wins"
    );
    if let [first, last] = counts[..] {
        let gap = last["at"].as_f64().unwrap() - first["at"].as_f64().unwrap();
        assert!(gap >= 14_900.0, "announcements 15 s apart, not {gap} ms");
    }

    // The connection state: removed from the room, the viewer hears it at once (the last status
    // news was long ago).
    world
        .moderator
        .command(|s| s.kick("Reader", Some("test")))
        .unwrap();
    let mut page = world.page();
    page.wait(
        "the connection state was not announced",
        r#"window.__lcHeard.status.some(s => !s.text.includes('anonymous'))"#,
    );
    let heard = page.eval("window.__lcHeard.status");
    eprintln!("status announcements: {heard}");
    let status_text = page.text_of(hooks::STATUS);
    assert!(
        heard
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["text"] == status_text),
        "the new connection state {status_text} is announced: {heard}"
    );
    let kept = page.eval("[document.querySelector('.lc-announce-messages').children.length, document.querySelector('.lc-announce-status').children.length]");
    assert!(
        kept[0].as_u64().unwrap() <= 5 && kept[1].as_u64().unwrap() <= 5,
        "the regions stay small: {kept}"
    );
    for viewer in crowd {
        let _ = viewer.close();
    }
}
