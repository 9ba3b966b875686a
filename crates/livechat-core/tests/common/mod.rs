//! Helpers shared by the tests: in [`recorded`] the recorded sessions the replay tests start
//! from, in [`plugin`] the frames of the PeerTube plugin's room features; here, what the live
//! tests against Prosody and against ejabberd share, and in [`scenarios`] the journeys that must
//! go the same way on both.
#![allow(dead_code)] // each test binary uses its own part

pub mod plugin;
pub mod recorded;
pub mod scenarios;

use std::time::Duration;

use livechat_core::jid::BareJid;
use livechat_core::log::NoticeKind;
use livechat_core::{
    ChatMessage, Config, Credentials, Event, LogEntry, Session, SessionError, SessionState,
};
use livechat_native::{Direction, NativeClient};
use xmpp_parsers::minidom::Element;

pub const WAIT: Duration = Duration::from_secs(10);

/// A registered account joining `room` as `nick`.
pub fn account(user: &str, password: &str, nick: &str, room: &BareJid) -> Config {
    let mut config = Config::new(
        Credentials::Plain {
            jid: format!("{user}@localhost").parse().unwrap(),
            password: password.into(),
        },
        room.clone(),
    );
    config.nickname = Some(nick.into());
    config
}

pub fn joined(client: &mut NativeClient) {
    client
        .run_until("joined", WAIT, |s, _| s.state() == SessionState::Joined)
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Joined, and the room's history is over: the subject (XEP-0045 sends it last, empty if unset)
/// came after our latest join presence. Needs a recording client.
pub fn joined_with_history(client: &mut NativeClient) {
    joined(client);
    let history_over = |frames: &[(Direction, String)]| {
        let join = frames
            .iter()
            .rposition(|(d, f)| {
                *d == Direction::Sent && f.contains("'http://jabber.org/protocol/muc'")
            })
            .unwrap_or(0);
        frames[join..]
            .iter()
            .any(|(d, f)| *d == Direction::Received && f.contains("<subject"))
    };
    let deadline = std::time::Instant::now() + WAIT;
    while !history_over(client.recorded()) {
        assert!(
            std::time::Instant::now() < deadline,
            "no subject after the join"
        );
        client.pump(Duration::from_millis(100)).unwrap();
    }
}

/// Runs the client until its log shows a message with this body.
pub fn wait_for_body(client: &mut NativeClient, body: &str) {
    wait_for_message(client, body, |m| m.body == body);
}

/// Runs the client until its log shows a message that `is` what is waited for.
pub fn wait_for_message(client: &mut NativeClient, what: &str, is: impl Fn(&ChatMessage) -> bool) {
    client
        .run_until(what, WAIT, |s, _| s.room().log().messages().any(&is))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// The newest message of the client's log.
pub fn last_message(client: &NativeClient) -> ChatMessage {
    let log = client.session().room().log();
    log.messages().last().expect("a message in the log").clone()
}

/// The bodies of the client's log, oldest first.
pub fn bodies(client: &NativeClient) -> Vec<String> {
    client
        .session()
        .room()
        .log()
        .messages()
        .map(|m| m.body.clone())
        .collect()
}

/// How many messages went out carrying this origin-id. Needs a recording client.
pub fn times_sent(client: &NativeClient, origin_id: &str) -> usize {
    client
        .recorded()
        .iter()
        .filter(|(d, f)| *d == Direction::Sent && f.starts_with("<message"))
        .filter(|(_, f)| origin_id_of(&f.parse().unwrap()) == Some(origin_id))
        .count()
}

/// A message's XEP-0359 origin-id, the id its sender gave it.
pub fn origin_id_of(message: &Element) -> Option<&str> {
    message
        .get_child("origin-id", "urn:xmpp:sid:0")
        .and_then(|o| o.attr("id"))
}

/// The notices of the session's log, oldest first.
pub fn notices(session: &Session) -> Vec<NoticeKind> {
    session
        .room()
        .log()
        .iter()
        .filter_map(|e| match e {
            LogEntry::Notice(n) => Some(n.kind.clone()),
            _ => None,
        })
        .collect()
}

pub fn errors(client: &NativeClient) -> Vec<&SessionError> {
    client
        .events()
        .iter()
        .filter_map(|e| match e {
            Event::Error(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// Leaves politely; the server answers `<close/>` and nothing on the way is an error.
pub fn close_cleanly(client: NativeClient, who: &str) {
    let mut client = client;
    client.take_events();
    client.command(|s| s.close()).unwrap();
    client
        .run_until("the server's close", WAIT, |s, _| {
            s.state() == SessionState::Closed
        })
        .unwrap_or_else(|e| panic!("{who}: {e}"));
    assert!(errors(&client).is_empty(), "{who}: {:?}", client.events());
    client.close().unwrap();
}

/// A short name for each stanza kind: element, type and first payload namespace.
pub fn stanza_kind(frame: &str) -> String {
    let element: Element = frame.parse().expect("we only send well-formed frames");
    let type_ = element
        .attr("type")
        .map(|t| format!("[{t}]"))
        .unwrap_or_default();
    let payload = element
        .children()
        .map(|c| format!("{{{}}}{}", c.ns(), c.name()))
        .collect::<Vec<_>>()
        .join("+");
    format!("{}{type_} {payload}", element.name())
        .trim()
        .to_owned()
}
