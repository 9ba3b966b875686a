//! Beside the video (`peertube-video`): the plugin's watch page loads the frontend as it does,
//! shows its spinner until the room is, closes the chat (the server sees the viewer leave),
//! moves to another video on the same page (a second chat, in the other room; and back with
//! `reconnectConverse`), and shows its own error for a room that cannot be reached.

use std::time::Duration;

use livechat_e2e::plugin_host::{room_params, ROUTER};
use livechat_e2e::{axe, hooks, js, ChatPage};
use livechat_native::NativeClient;
use serde_json::{json, Value};

use crate::{fits_inside, host_chat, Stage, HISTORY, VIDEO};

const CONTAINER: &str = "#plugin-placeholder-player-next #peertube-plugin-livechat-container";
const ROOT: &str = "#peertube-plugin-livechat-container converse-root.theme-peertube";
const SPINNER: &str = "#livechat-loading-spinner";
const ERROR: &str = ".peertube-plugin-livechat-error-message";
/// The second video, on the same page, and what its room's owner said.
const OTHER_VIDEO: &str = "second-video";
const OTHER_HISTORY: &str = "This is the second room.";

/// The nickname the page joined with.
fn own_nick(page: &ChatPage<'_>) -> String {
    page.eval("document.querySelector('.lc-status').dataset.nick")
        .as_str()
        .unwrap_or_else(|| panic!("no nickname on the page"))
        .to_owned()
}

/// Pumps `bot` until the room has (or has not) an occupant `nick`.
fn wait_occupant(bot: &mut NativeClient, nick: &str, present: bool) {
    bot.run_until(
        &format!("{nick} {}", if present { "in the room" } else { "gone" }),
        Duration::from_secs(10),
        |s, _| s.room().occupant(nick).is_some() == present,
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

/// The page's outcome once `initConverse` settled.
fn wait_outcome(page: &mut ChatPage<'_>) -> Value {
    page.wait(
        "initConverse did not settle",
        "['resolved', 'rejected'].includes(window.hostChat.outcome) && window.hostChat",
    )
}

#[test]
fn beside_the_video_it_joins_closes_and_follows_the_viewer_to_another_video() {
    let mut stage = Stage::start();
    let watch = stage.host.url(&format!("/w/{VIDEO}"));

    // The watch page: the plugin loads the frontend, the spinner shows until the room does.
    let mut page = stage.page();
    page.open(&watch).wait(
        "the chat did not join in converse-root",
        &js::element(&format!("{ROOT} .lc-chat {}", hooks::JOINED)),
    );
    page.wait_message(HISTORY).wait_absent(SPINNER);
    let outcome = wait_outcome(&mut page);
    assert_eq!(outcome["outcome"], json!("resolved"), "{outcome}");
    assert_eq!(
        outcome["calls"],
        json!([
            "load converse",
            "load builtin",
            "initConversePlugins(true)",
            "initConverse(peertube-video)"
        ])
    );
    let globals = page.eval(
        "[typeof window.converse.livechatDisconnect, typeof window.initConverse, typeof window.reconnectConverse]",
    );
    assert_eq!(globals, json!(["function", "function", "function"]));
    // Beside the video: the participants start closed, the input never takes the focus, and the
    // chat fits in the plugin's container, under its buttons.
    assert!(page.has(".lc-chat.lc-embedded"));
    assert!(!page.has(hooks::PARTICIPANTS));
    assert_eq!(
        page.eval("document.activeElement === document.body"),
        json!(true)
    );
    assert!(
        fits_inside(&page, ".lc-chat", ROOT),
        "the chat overflows converse-root"
    );
    assert!(
        fits_inside(&page, ROOT, CONTAINER),
        "converse-root overflows the container"
    );
    page.screenshot("plugin-watch");
    axe::assert_no_axe_violations(page.driver(), "the chat beside the video");

    // What the plugin's routes saw: the parameters asked for once, with no header (nobody logged
    // in), and the WebSocket opened on the page's host, as the plugin gives it (a path).
    let configuration = stage
        .host
        .requests_to(&format!("{ROUTER}/api/configuration/room/{VIDEO}"));
    assert_eq!(configuration.len(), 1, "{configuration:?}");
    assert_eq!(configuration[0].authorization, None);
    assert_eq!(stage.host.websockets_opened(), 1);
    assert!(
        stage
            .host
            .requests_to("/plugins/livechat/14.0.4/router/api/auth")
            .is_empty(),
        "nobody to ask about"
    );

    // Closing: the plugin calls livechatDisconnect() and removes the elements; the room sees the
    // viewer leave.
    let mut page = stage.page();
    let nick = own_nick(&page);
    page.click(".peertube-plugin-livechat-button-close")
        .wait_absent(ROOT)
        .wait_absent(".lc-chat");
    wait_occupant(&mut stage.world.moderator, &nick, false);
    assert!(host_chat(&stage.page())["calls"]
        .as_array()
        .unwrap()
        .contains(&json!("livechatDisconnect")));

    // Opening it again: a second initConverse on the page.
    let mut page = stage.page();
    page.click(".peertube-plugin-livechat-button-open").wait(
        "the chat did not join again",
        &js::element(&format!("{ROOT} {}", hooks::JOINED)),
    );
    page.wait_message(HISTORY).wait_absent(SPINNER);
    let nick = own_nick(&page);
    wait_occupant(&mut stage.world.moderator, &nick, true);

    // Another video on the same page: PeerTube's navigation removes the container and
    // disconnects, then the next video's chat starts, in its own room.
    let other_room = stage
        .world
        .prosody
        .room_jid(&format!("second-{}", std::process::id()));
    stage.host.set_room(
        OTHER_VIDEO,
        room_params(
            &other_room,
            Some(&stage.world.anonymous_domain),
            OTHER_VIDEO,
        ),
    );
    let mut other_owner = livechat_e2e::bots::registered_chatter(
        &stage.world.prosody,
        &other_room.parse().unwrap(),
        "owner2",
        "Second streamer",
    );
    livechat_e2e::bots::say(&mut other_owner, OTHER_HISTORY);
    let mut page = stage.page();
    page.run(
        "window.host.goToVideo(arguments[0])",
        vec![json!(OTHER_VIDEO)],
    );
    page.wait_message(OTHER_HISTORY)
        .wait_joined()
        .wait_absent(SPINNER);
    assert!(
        !page.bodies().iter().any(|b| b == HISTORY),
        "the first room's messages are gone: {:?}",
        page.bodies()
    );
    let second_nick = own_nick(&page);
    wait_occupant(&mut other_owner, &second_nick, true);
    wait_occupant(&mut stage.world.moderator, &nick, false);
    assert_eq!(host_chat(&stage.page())["outcome"], json!("resolved"));
    assert_eq!(
        stage
            .page()
            .eval("document.querySelectorAll('.lc-chat').length"),
        json!(1),
        "one chat on the page"
    );
    stage.page().screenshot("plugin-watch-second-video");

    // `reconnectConverse(params)`, as the plugin's own frontend calls it for another chat on the
    // page: back to the first room, in the same converse-root.
    let mut page = stage.page();
    page.run(
        "fetch(arguments[0]).then(r => r.json()).then(p => window.reconnectConverse(p))",
        vec![json!(format!("{ROUTER}/api/configuration/room/{VIDEO}"))],
    );
    page.wait_message(HISTORY).wait_joined();
    let third_nick = own_nick(&page);
    wait_occupant(&mut stage.world.moderator, &third_nick, true);
    wait_occupant(&mut other_owner, &second_nick, false);
    assert_eq!(
        stage
            .page()
            .eval("document.querySelectorAll('.lc-chat').length"),
        json!(1)
    );
}

#[test]
fn a_room_that_cannot_be_reached_rejects_and_the_plugin_shows_its_error() {
    let mut stage = Stage::start();
    // A WebSocket path nobody answers on the host (given as a path, as the plugin gives it), and a
    // room without anonymous access for a viewer who is not logged in.
    let nowhere = "/plugins/livechat/14.0.4/ws/nowhere";
    let mut unreachable = room_params(
        &stage.world.room.to_string(),
        Some(&stage.world.anonymous_domain),
        "unreachable",
    );
    unreachable["localWebsocketServiceUrl"] = json!(nowhere);
    stage.host.set_room("unreachable", unreachable);
    stage.host.set_room(
        "no-anonymous",
        room_params(&stage.world.room.to_string(), None, "no-anonymous"),
    );

    for (key, why) in [
        ("unreachable", "Cannot connect to the chat server"),
        ("no-anonymous", "needs an account"),
    ] {
        let url = stage.host.url(&format!("/w/{key}"));
        let mut page = stage.page();
        page.open(&url);
        let outcome = wait_outcome(&mut page);
        assert_eq!(outcome["outcome"], json!("rejected"), "{key}: {outcome}");
        assert!(
            outcome["why"].as_str().is_some_and(|e| e.contains(why)),
            "{key}: the promise says why: {outcome}"
        );
        page.wait_present(ERROR)
            .wait_absent(SPINNER)
            .wait_absent("converse-root")
            .wait_absent(".lc-chat");
        if key == "unreachable" {
            page.screenshot("plugin-watch-unreachable");
        }
        // The chat stopped: nothing tries again behind the plugin's error (the first retry
        // would come within a second).
        let sockets = || {
            (
                stage.host.requests_to(nowhere).len(),
                stage.host.websockets_opened(),
            )
        };
        let before = sockets();
        std::thread::sleep(Duration::from_secs(3));
        assert_eq!(
            sockets(),
            before,
            "{key}: no new attempt after the rejection"
        );
    }
    assert_eq!(stage.host.requests_to(nowhere).len(), 1, "one attempt");
}
