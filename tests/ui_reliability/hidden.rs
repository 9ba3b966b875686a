//! A hidden page: the chat tells the server that nobody is looking (XEP-0352), the server holds
//! the room's presences back, and when the page shows again it has everything, once, in order.

use std::time::Duration;

use livechat_e2e::{hooks, ChatPage, ChromiumOptions, World, WorldOptions};
use livechat_native::now_ms;
use serde_json::{json, Value};

use crate::{before_every_page, crashes, RECORDER_JS};

/// Installed before the page's scripts: a summary of every frame either way (what it is, from
/// whom, whether it carries a body or a `<delay>` stamp), with its time.
const WIRE_JS: &str = r#"
(() => {
    const Native = window.WebSocket;
    const wire = window.__lcWire = [];
    const keep = (dir, data) => {
        const el = new DOMParser().parseFromString(String(data), 'application/xml').documentElement;
        const first = name => el.getElementsByTagName(name)[0];
        wire.push({
            dir, at: Date.now(), name: el.localName, ns: el.namespaceURI,
            from: el.getAttribute('from'), type: el.getAttribute('type'),
            body: first('body') ? first('body').textContent : null,
            newNick: first('item') ? first('item').getAttribute('nick') : null,
            delayed: el.getElementsByTagNameNS('urn:xmpp:delay', 'delay').length > 0,
            jid: first('jid') ? first('jid').textContent : null,
        });
    };
    window.WebSocket = class extends Native {
        constructor(url, protocols) {
            super(url, protocols);
            this.addEventListener('message', e => keep('in', e.data));
        }
        send(data) { keep('out', data); return super.send(data); }
    };
})();
"#;

/// One frame, as `WIRE_JS` summed it up.
#[derive(Debug, Clone)]
struct Wire {
    came_in: bool,
    at: u64,
    name: String,
    from: Option<String>,
    kind: Option<String>,
    body: Option<String>,
    new_nick: Option<String>,
    delayed: bool,
    jid: Option<String>,
}

impl Wire {
    fn read(w: &Value) -> Wire {
        let text = |key: &str| w[key].as_str().map(str::to_owned);
        Wire {
            came_in: w["dir"] == "in",
            at: w["at"].as_u64().unwrap_or(0),
            name: text("name").unwrap_or_default(),
            from: text("from"),
            kind: text("type"),
            body: text("body"),
            new_nick: text("newNick"),
            delayed: w["delayed"] == true,
            jid: text("jid"),
        }
    }

    /// A presence from `nick` in `room`.
    fn is_presence_of(&self, room: &str, nick: &str) -> bool {
        self.came_in
            && self.name == "presence"
            && self.from.as_deref() == Some(&format!("{room}/{nick}"))
    }

    /// Our `<active/>` or `<inactive/>`.
    fn is_said(&self, state: &str) -> bool {
        !self.came_in && self.name == state
    }
}

/// Every frame the page sent or received so far, oldest first.
fn wire(page: &ChatPage) -> Vec<Wire> {
    let frames = page.eval("window.__lcWire");
    frames
        .as_array()
        .into_iter()
        .flatten()
        .map(Wire::read)
        .collect()
}

/// The occupants the participants panel lists, by nickname, sorted.
fn listed(page: &ChatPage) -> Vec<String> {
    let nicks = page.eval(&format!(
        "Array.from(document.querySelectorAll({})).map(li => li.dataset.nick).sort()",
        json!(hooks::OCCUPANT)
    ));
    serde_json::from_value(nicks).unwrap_or_default()
}

/// The page is hidden behind another tab while the room goes on: people come, go and rename,
/// messages are said. Once it told the server it is inactive, the room's presences wait on the
/// server until a message with a body comes (and then come before it, stamped); what was held
/// when the page shows again comes after its `<active/>`. At the end the page shows every message
/// once, in the room's order, and the occupants as they are, without a reconnection.
#[test]
fn a_hidden_page_catches_up_when_shown_with_nothing_lost_or_doubled() {
    let mut world = World::start(WorldOptions {
        // Hidden as in a real browser.
        chromium: ChromiumOptions::throttling_background_pages(),
        ..WorldOptions::default()
    });
    before_every_page(&world.browser, RECORDER_JS);
    before_every_page(&world.browser, WIRE_JS);
    let room = world.room.to_string();
    let early = world.anonymous_chatter(Some("Early"), 21);
    let url = world.chat_url().with("nick", "Watcher").build();
    world.page().open(&url).wait_joined().open_participants();
    world.moderator_says("before the tab is hidden");
    let mut page = world.page();
    page.wait_message("before the tab is hidden")
        .wait_present(&hooks::occupant("Early"));
    let jid = wire(&page)
        .iter()
        .find_map(|w| w.jid.clone())
        .expect("the page's bound JID");

    // Another tab in front: the chat is hidden, and says so.
    let other = world
        .browser
        .cdp("Target.createTarget", json!({ "url": "about:blank" }))
        .unwrap_or_else(|e| panic!("cannot open a second tab: {e}"));
    let mut page = world.page();
    page.wait(
        "the chat's tab is not hidden behind the other one",
        "document.visibilityState === 'hidden'",
    );
    page.wait(
        "the hidden page did not say it is inactive",
        "window.__lcWire.some(w => w.dir === 'out' && w.name === 'inactive' && w.ns === 'urn:xmpp:csi:0')",
    );
    let mark = wire(&page).len();
    assert_eq!(
        world.prosody.client_state(&jid).unwrap().as_deref(),
        Some("inactive")
    );

    // Someone leaves, someone comes and renames: the room tells everyone, the server holds it
    // back from the hidden page.
    early
        .close()
        .unwrap_or_else(|e| panic!("Early leaves: {e}"));
    let mut guest = world.anonymous_chatter(Some("Guest"), 22);
    guest
        .command(|s| s.change_nick("Guest 2", now_ms()))
        .unwrap()
        .unwrap();
    guest
        .run_until("renamed", Duration::from_secs(10), |s, _| {
            s.nick() == "Guest 2"
        })
        .unwrap_or_else(|e| panic!("{e}"));
    world
        .moderator
        .run_for(Duration::from_secs(2))
        .unwrap_or_else(|e| panic!("{e}"));
    let quiet: Vec<Wire> = wire(&world.page())[mark..].to_vec();
    assert!(
        quiet.is_empty(),
        "held back (and the page, quiet, gave the server no reason to flush): {quiet:#?}"
    );

    // A message with a body is urgent: it comes at once, behind what was held.
    let first_said_at = now_ms();
    world.moderator_says("said while hidden");
    let mut page = world.page();
    page.wait_message("said while hidden");
    let burst: Vec<Wire> = wire(&page)[mark..].to_vec();
    let message = burst
        .iter()
        .position(|w| w.body.as_deref() == Some("said while hidden"))
        .unwrap();
    let held: Vec<&Wire> = burst[..message]
        .iter()
        .filter(|w| w.name == "presence")
        .collect();
    let held_from: Vec<(&str, Option<&str>, Option<&str>)> = held
        .iter()
        .map(|w| {
            let nick = w.from.as_deref().and_then(|f| f.rsplit('/').next());
            (nick.unwrap_or(""), w.kind.as_deref(), w.new_nick.as_deref())
        })
        .collect();
    assert_eq!(
        held_from,
        [
            ("Early", Some("unavailable"), None),
            ("Guest", None, None),
            ("Guest", Some("unavailable"), Some("Guest 2")),
            ("Guest 2", None, None),
        ],
        "{burst:#?}"
    );
    assert!(
        held.iter().all(|w| w.delayed && w.at >= first_said_at),
        "held until the message, stamped: {held:#?}"
    );

    // More of the room while hidden: the guest speaks, the streamer answers. Then, once the
    // server holds again (csi_simple lets a burst's follow-up through for 5 s), someone joins.
    livechat_e2e::bots::say(&mut guest, "a guest's question");
    world.moderator_says("the streamer's answer");
    world.page().wait_message("the streamer's answer");
    world
        .moderator
        .run_for(Duration::from_secs(6))
        .unwrap_or_else(|e| panic!("{e}"));
    let _late = world.anonymous_chatter(Some("Late"), 23);
    world
        .moderator
        .run_for(Duration::from_secs(1))
        .unwrap_or_else(|e| panic!("{e}"));
    let page = world.page();
    assert!(
        !wire(&page).iter().any(|w| w.is_presence_of(&room, "Late")),
        "Late's arrival is held while the page is hidden"
    );
    let hidden_frames = wire(&page)[mark..].iter().filter(|w| w.came_in).count();

    // The page shows again: it says so, and what was held comes.
    world
        .browser
        .cdp(
            "Target.closeTarget",
            json!({ "targetId": other["targetId"] }),
        )
        .unwrap_or_else(|e| panic!("cannot close the second tab: {e}"));
    let _ = world.browser.cdp("Page.bringToFront", json!({}));
    let mut page = world.page();
    page.wait(
        "the chat's tab did not show again",
        "document.visibilityState === 'visible'",
    );
    page.wait(
        "the page shown again did not say it is active",
        "window.__lcWire.some(w => w.dir === 'out' && w.name === 'active' && w.ns === 'urn:xmpp:csi:0')",
    );
    page.wait_present(&hooks::occupant("Late"));
    let all = wire(&page);
    let active_at = all
        .iter()
        .find(|w| w.is_said("active"))
        .map(|w| w.at)
        .unwrap();
    let late_at = all
        .iter()
        .find(|w| w.is_presence_of(&room, "Late"))
        .map(|w| w.at)
        .unwrap();
    assert!(late_at >= active_at, "Late's presence waited for <active/>");
    let bodies = page.bodies();
    assert_eq!(
        world.prosody.client_state(&jid).unwrap().as_deref(),
        Some("active")
    );

    // Everything once, in the room's order; the occupants as they are; never a reconnection.
    let expected = [
        "before the tab is hidden",
        "said while hidden",
        "a guest's question",
        "the streamer's answer",
    ];
    assert_eq!(bodies, expected);
    let room_order: Vec<String> = world
        .moderator
        .session()
        .room()
        .log()
        .messages()
        .map(|m| m.body.clone())
        .collect();
    assert_eq!(room_order, expected, "the room's own order");
    let page = world.page();
    assert_eq!(listed(&page), ["Guest 2", "Late", "Streamer", "Watcher"]);
    let statuses = page.eval("window.__lc.status.map(s => s.status)");
    let statuses: Vec<&str> = statuses
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "joined").count(),
        1,
        "joined once and stayed: {statuses:?}"
    );
    assert!(!statuses.contains(&"reconnecting"), "{statuses:?}");
    eprintln!(
        "hidden page: {hidden_frames} frames received while hidden; {} presences held until \
         the next message, then Late's until <active/> ({} ms after it)",
        held.len(),
        late_at - active_at
    );
    world.screenshot("hidden_page_caught_up");
    let console = ChatPage::new(&world.browser).console();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
}
