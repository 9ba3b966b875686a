//! Behind PeerTube's nginx: the plugin's WebSocket reaches Prosody through a reverse proxy that
//! closes a WebSocket on which nothing went either way for 30 s. An idle chat keeps its one
//! connection for minutes and still shows what is said afterwards.

use std::time::{Duration, Instant};

use livechat_backend::nginx::{AccessLogEntry, PEERTUBE_PROXY_TIMEOUT, PEERTUBE_WS_PATH};
use livechat_backend::{Nginx, NginxOptions};
use livechat_e2e::{ChatPage, World, WorldOptions};
use serde_json::Value;

use crate::{before_every_page, crashes, RECORDER_JS, WEBSOCKET_JS};

/// How long nobody says anything: six times the proxy's timeout.
const IDLE: Duration = Duration::from_secs(180);

/// What the page knows about its connection: the WebSockets it opened and saw close, every
/// status it went through, when a frame went either way, and how many were keep-alive pings.
const CONNECTION_REPORT_JS: &str = "({ opened: window.__lcWs.opened, closed: window.__lcWs.closed, \
     statuses: window.__lc.status.map(s => s.status), frames: window.__lcWs.frames.map(f => f.at), \
     pings: window.__lcWs.frames.filter(f => f.dir === 'out' && f.text.includes('urn:xmpp:ping')).length })";

/// The chat, given nginx's address for the plugin's WebSocket, joins through nginx and then
/// nobody says anything for three minutes: no message, nothing typed. The chat must keep the one
/// WebSocket it opened (nginx drops a silent one after 30 s; the chat's keep-alive must come
/// sooner), never reconnect, and show the message the streamer sends after the silence.
///
/// Two witnesses count the WebSockets: nginx, whose access log gets a line when a proxied
/// WebSocket ends (none may end during the silence; at the end, when the page is closed, exactly
/// one, which lasted the whole test), and the page, whose `WebSocket` is wrapped before the chat
/// loads. Only this test goes through nginx. It runs beside the binary's other tests: libtest
/// starts tests in name order, so the two long waits (`background`, `behind_nginx`) start first,
/// and the rest run while they wait.
#[test]
fn behind_nginx_an_idle_chat_keeps_its_one_websocket_and_shows_what_comes_after() {
    let started = Instant::now();
    let mut world = World::start(WorldOptions::default());
    let nginx = Nginx::start(&world.ws_url(), NginxOptions::default())
        .unwrap_or_else(|e| panic!("cannot start nginx: {e}"));
    before_every_page(&world.browser, RECORDER_JS);
    before_every_page(&world.browser, WEBSOCKET_JS);
    let url = world.chat_url().with("ws", nginx.ws_url()).build();
    world.page().open(&url).wait_joined();
    let joined_at = Instant::now();

    // Silence. The bot, connected to Prosody directly, keeps its own socket read. Should nginx
    // end a WebSocket, the silence is over: the checks below say what happened.
    while joined_at.elapsed() < IDLE && ended_requests(&nginx).is_empty() {
        let _ = world.moderator.pump(Duration::from_millis(500));
    }
    let silence = joined_at.elapsed();
    let report = world.page().eval(CONNECTION_REPORT_JS);
    eprintln!(
        "behind nginx: {:.0} s of silence in the room: {} keep-alive pings, never more than \
         {:.1} s without a frame on the socket",
        silence.as_secs_f64(),
        report["pings"],
        longest_quiet(&report).as_secs_f64()
    );
    let ended = ended_requests(&nginx);
    assert!(
        ended.is_empty(),
        "nginx ended the chat's WebSocket after {:.0} s of silence (its timeout is {:?}): \
         {ended:?}\npage: {report}\n{}",
        silence.as_secs_f64(),
        PEERTUBE_PROXY_TIMEOUT,
        nginx.log_tail()
    );
    assert_eq!(
        (report["opened"].as_u64(), report["closed"].as_u64()),
        (Some(1), Some(0)),
        "the page opened one WebSocket and it is still open: {report}"
    );
    let statuses: Vec<&str> = report["statuses"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        statuses
            .iter()
            .skip_while(|s| **s != "joined")
            .collect::<Vec<_>>(),
        [&"joined"],
        "joined once, then no change of status (no reconnection): {statuses:?}"
    );

    // What the streamer says after the silence arrives on that same socket.
    let body = "Still there after three quiet minutes?";
    world.moderator_says(body);
    let mut page = world.page();
    page.wait_message(body).wait_joined();
    let after = page.eval("[window.__lcWs.opened, window.__lcWs.closed]");
    assert_eq!(after, serde_json::json!([1, 0]), "the same WebSocket");
    world.screenshot("behind-nginx-after-idle");
    let console = ChatPage::new(&world.browser).console();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");

    // Leaving the page closes the WebSocket: nginx logs it, the only one, as long as the test.
    world
        .browser
        .navigate("about:blank")
        .unwrap_or_else(|e| panic!("cannot leave the chat: {e}"));
    let leaving = Instant::now();
    while ended_requests(&nginx).is_empty() && leaving.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let ended = ended_requests(&nginx);
    assert_eq!(
        ended.len(),
        1,
        "one WebSocket went through nginx: {ended:?}\n{}",
        nginx.log_tail()
    );
    assert!(
        ended[0].status == 101 && ended[0].uri == PEERTUBE_WS_PATH && ended[0].duration >= IDLE,
        "a WebSocket on the plugin's path that lasted the whole test: {ended:?}"
    );
    eprintln!(
        "behind nginx: one WebSocket, open {:.0} s; the test took {:.0?}",
        ended[0].duration.as_secs_f64(),
        started.elapsed()
    );
}

/// Every request nginx has seen end, from its access log: a WebSocket (status 101 on the
/// plugin's path) once its connection is closed, a refused or failed one at once.
fn ended_requests(nginx: &Nginx) -> Vec<AccessLogEntry> {
    nginx.access_log().unwrap_or_else(|e| panic!("{e}"))
}

/// The longest time the page's socket carried no frame either way, as nginx counts it.
fn longest_quiet(report: &Value) -> Duration {
    let mut at: Vec<u64> = report["frames"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_u64)
        .collect();
    at.sort_unstable();
    let longest = at.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
    Duration::from_millis(longest)
}
