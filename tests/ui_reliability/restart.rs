//! The server goes away: a restart (the page rejoins within 5 s and shows every message once),
//! and a crash that loses the room (the page says so instead of claiming to reconnect).

use std::time::Duration;

use livechat_e2e::bots::{say, BOT_WAIT};
use livechat_e2e::{hooks, js, ChatPage, World, WorldOptions};
use livechat_native::now_ms;
use serde_json::json;

use crate::{before_every_page, crashes, RECORDER_JS, WEBSOCKET_JS};

/// How long the server stays down in the restart test.
const OUTAGE_MS: u64 = 6_000;

/// a) Prosody is killed during a chat and started again on the same port with the same data:
/// the page says it is reconnecting, joins again within 5 s of the server answering, shows every
/// message exactly once (also one posted while it was away), and keeps the unsent draft.
#[test]
fn after_a_server_restart_the_page_rejoins_within_5_s_and_shows_every_message_once() {
    let mut world = World::start(WorldOptions {
        history: vec!["history one".into(), "history two".into()],
        ..WorldOptions::default()
    });
    // Prosody writes a room that a join created to disk at its first change (configuration,
    // affiliation) or at a clean shutdown, not before: a crash loses it (its archive stays; see
    // the next test). Saved now, as `create_room` does and as a configured room is.
    world
        .prosody
        .admin_shell(&format!("muc:room('{}'):save(true)", world.room))
        .unwrap_or_else(|e| panic!("cannot save the room: {e}"));
    before_every_page(&world.browser, RECORDER_JS);
    before_every_page(&world.browser, WEBSOCKET_JS);
    let url = world.chat_url().with("nick", "Viewer").build();
    world.page().open(&url).wait_joined_as("Viewer");

    // A conversation before the restart.
    world.moderator_says("streamer before the restart");
    world.page().send("viewer before the restart");
    world
        .moderator
        .run_until("the viewer's message", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == "viewer before the restart")
        })
        .unwrap_or_else(|e| panic!("the bot did not get the viewer's message: {e}"));
    let mut page = world.page();
    page.wait_message("streamer before the restart");
    let draft = "a draft typed before the crash";
    page.type_message(draft);

    // The crash: no goodbye to anyone.
    let killed_at = now_ms();
    world
        .prosody
        .kill()
        .unwrap_or_else(|e| panic!("cannot kill Prosody: {e}"));
    ChatPage::new(&world.browser).wait_status("reconnecting");
    let noticed_ms = now_ms() - killed_at;
    // Down as long as a restart of the server takes in real life (a clean stop, then a start):
    // long enough for several attempts to fail and the backoff to grow.
    std::thread::sleep(Duration::from_millis(
        OUTAGE_MS.saturating_sub(now_ms() - killed_at),
    ));
    world
        .prosody
        .start_again()
        .unwrap_or_else(|e| panic!("cannot start Prosody again: {e}"));
    let back_at = now_ms();
    let down_ms = back_at - killed_at;
    // Someone writes while the viewer is still away (or just back: the page's next attempt is
    // whenever its backoff says).
    let mut relay = world.registered_chatter("relay", "Relay");
    say(&mut relay, "posted while the viewer was away");
    world.moderator = relay;

    let mut page = world.page();
    let joined = page.wait(
        "the page did not join again",
        &format!("window.__lc.status.find(s => s.status === 'joined' && s.at >= {back_at})"),
    );
    let rejoin_ms = joined["at"].as_u64().unwrap_or(u64::MAX) as i64 - back_at as i64;
    let statuses = page.eval("window.__lc.status");
    let attempts = statuses
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["attempt"].as_str()?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    eprintln!(
        "server restart: the page said reconnecting {noticed_ms} ms after the kill; the server was \
         down {down_ms} ms; joined again {rejoin_ms} ms after it answered, after {attempts} attempts"
    );
    eprintln!("statuses: {statuses}");
    assert!(
        rejoin_ms < 5_000,
        "joined again {rejoin_ms} ms after the server was back (goal: < 5 s); statuses: {statuses}"
    );

    // The conversation goes on.
    world.moderator_says("relay after the restart");
    let mut page = world.page();
    assert_eq!(page.input_value(), draft, "the draft is kept");
    page.run(
        "const i = document.querySelector('.lc-composer .lc-input'); i.focus(); i.select();",
        vec![],
    );
    page.send("viewer after the restart");
    world
        .moderator
        .run_until(
            "the viewer's message after the restart",
            BOT_WAIT,
            |s, _| {
                s.room()
                    .log()
                    .messages()
                    .any(|m| m.body == "viewer after the restart")
            },
        )
        .unwrap_or_else(|e| panic!("the viewer cannot write after the restart: {e}"));

    let every = [
        "history one",
        "history two",
        "streamer before the restart",
        "viewer before the restart",
        "posted while the viewer was away",
        "relay after the restart",
        "viewer after the restart",
    ];
    let mut page = world.page();
    page.wait(
        "a message is missing",
        &format!(
            "{} && {}",
            every
                .iter()
                .map(|b| js::message_shown(b))
                .collect::<Vec<_>>()
                .join(" && "),
            js::absent(hooks::OUTBOX)
        ),
    );
    // Late duplicates (history resent on the rejoin) would come right after the join: give them
    // a moment.
    std::thread::sleep(Duration::from_millis(500));
    let shown = page.bodies();
    for body in every {
        let count = shown.iter().filter(|b| *b == body).count();
        assert_eq!(
            count, 1,
            "{body:?} is shown {count} times; shown: {shown:?}"
        );
    }
    assert_eq!(shown.len(), every.len(), "shown: {shown:?}");
    let away = page
        .messages()
        .into_iter()
        .find(|m| m.body == "posted while the viewer was away")
        .expect("shown");
    eprintln!(
        "the message posted during the outage came {}",
        if away.history {
            "with the rejoin's history"
        } else {
            "live (the page had joined first)"
        }
    );

    // The rejoin asked only for what the page had not shown.
    let joins = page.eval(
        "window.__lcWs.frames.filter(f => f.dir === 'out' && f.text.includes('http://jabber.org/protocol/muc')\
         && f.text.startsWith('<presence')).map(f => f.text)",
    );
    let joins: Vec<String> = serde_json::from_value(joins).unwrap_or_default();
    assert!(joins.len() >= 2, "a join and a rejoin: {joins:?}");
    assert!(
        !joins[0].contains("since="),
        "the first join asks for the bounded history: {}",
        joins[0]
    );
    assert!(
        joins.last().is_some_and(|j| j.contains("since=")),
        "the rejoin asks only for newer history: {joins:?}"
    );
    let console = page.console();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
    page.screenshot("ui-reliability-restart");
}

/// A room that lived only in the server's memory (a join created it, nothing changed it since)
/// is gone after a crash, and viewers may not create rooms: back on the server, the page is
/// refused by the room and says so, rather than claiming to reconnect while nothing retries.
#[test]
fn a_room_lost_in_a_crash_is_reported_not_shown_as_reconnecting() {
    let mut world = World::start(WorldOptions::default());
    before_every_page(&world.browser, RECORDER_JS);
    let url = world.chat_url().build();
    world.page().open(&url).wait_joined();
    world
        .prosody
        .kill()
        .unwrap_or_else(|e| panic!("cannot kill Prosody: {e}"));
    let mut page = ChatPage::new(&world.browser);
    page.wait_status("reconnecting");
    world
        .prosody
        .start_again()
        .unwrap_or_else(|e| panic!("cannot start Prosody again: {e}"));
    let alert = page.wait(
        "the refusal is not told",
        &format!(
            "{} && ({} || {{}}).textContent",
            js::element(&hooks::status("not-in-room")),
            js::element(hooks::ALERT)
        ),
    );
    eprintln!("lost room: the page says {alert}");
    // It stays so: no flapping back to "reconnecting".
    std::thread::sleep(Duration::from_secs(2));
    let statuses = page.eval("window.__lc.status.map(s => s.status)");
    assert_eq!(
        statuses.as_array().and_then(|s| s.last()),
        Some(&json!("not-in-room")),
        "statuses: {statuses}"
    );
    page.screenshot("ui-reliability-lost-room");
}
