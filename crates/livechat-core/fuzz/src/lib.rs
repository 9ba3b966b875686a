//! What the two fuzz targets share: the recorded Prosody sessions, the configurations and seeds
//! that make them replay, the script of steps the `session` target decodes from its input, and
//! the invariants checked after every step.

use std::collections::HashSet;

use arbitrary::{Arbitrary, Unstructured};
use livechat_core::{Config, Credentials, Event, Session, SessionState};
use xmpp_parsers::minidom::Element;

pub const VIEWER_SESSION: &str = include_str!("../../../../tests/fixtures/viewer-session.xmpp");
pub const MODERATOR_SESSION: &str = include_str!("../../../../tests/fixtures/moderator-session.xmpp");

/// The replay clock starts here, as in `tests/replay.rs` (2030: later than any recording).
pub const T0: u64 = 1_900_000_000_000;

/// The frames the server sent in a recording (`<< ` lines), in order.
pub fn received(fixture: &str) -> impl Iterator<Item = &str> {
    fixture
        .lines()
        .filter_map(|line| line.strip_prefix("<< "))
        .filter(|f| !f.is_empty())
}

/// Every received frame of both recordings: viewer first, then moderator.
pub fn recorded_frames() -> &'static [&'static str] {
    static FRAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    FRAMES.get_or_init(|| received(VIEWER_SESSION).chain(received(MODERATOR_SESSION)).collect())
}

/// `viewer()` of `tests/replay.rs`: anonymous, `live@room.localhost`, history 2, seed 42.
pub fn viewer_config() -> Config {
    let mut config = Config::anonymous("anon.localhost", "live@room.localhost".parse().unwrap());
    config.history = 2;
    config
}
pub const VIEWER_SEED: u64 = 42;

/// `moderator()` of `tests/replay.rs`: alice (PLAIN, so stream management is on), nickname Alice, seed 1.
pub fn moderator_config() -> Config {
    let mut config = Config::new(
        Credentials::Plain {
            jid: "alice@localhost".parse().unwrap(),
            password: "alicepass".into(),
        },
        "live@room.localhost".parse().unwrap(),
    );
    config.nickname = Some("Alice".into());
    config
}
pub const MODERATOR_SEED: u64 = 1;

/// A viewer replayed up to the room subject, as `joined_viewer()` in `tests/replay.rs`: `Joined`,
/// with the history and the subject shown. Outputs are drained.
pub fn joined_viewer() -> Session {
    let mut session = Session::new(viewer_config(), VIEWER_SEED);
    session.start(T0);
    for frame in received(VIEWER_SESSION) {
        session.handle_frame(frame, T0);
        if session.room().subject().is_some() {
            break;
        }
    }
    drain(&mut session);
    assert_eq!(session.state(), SessionState::Joined, "the recording no longer replays to Joined");
    session
}

/// Frames to send, then events, as the callers drain them.
pub fn drain(session: &mut Session) -> (Vec<String>, Vec<Event>) {
    let sent = std::iter::from_fn(|| session.poll_transmit()).collect();
    let events = std::iter::from_fn(|| session.poll_event()).collect();
    (sent, events)
}

// ---------------------------------------------------------------------------------------------
// The script the `session` target runs.

/// How the session is configured: one of the two recorded logins, with a few bounds changed.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The moderator's PLAIN login (stream management, commands) instead of the anonymous viewer.
    pub moderator: bool,
    /// `None` keeps the default (100); `Some(n)` makes pruning happen early (0 included).
    pub log_capacity: Option<u8>,
    /// Poll the room's disco#info at this interval (seconds) as well as on join.
    pub room_info_interval_s: Option<u8>,
    pub show_presence_lines: bool,
}

impl Setup {
    pub fn config(&self) -> (Config, u64) {
        let (mut config, seed) = if self.moderator {
            (moderator_config(), MODERATOR_SEED)
        } else {
            (viewer_config(), VIEWER_SEED)
        };
        if let Some(n) = self.log_capacity {
            config.log_capacity = n as usize;
        }
        config.room_info_interval_ms = self.room_info_interval_s.map(|s| s as u64 * 1000);
        config.show_presence_lines = self.show_presence_lines;
        (config, seed)
    }
}

/// Where a frame comes from.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum FrameSource {
    /// A recorded frame as it was (index modulo the number of recorded frames).
    Recorded(u8),
    /// A recorded frame with one edit.
    Mutated { index: u8, edit: Edit },
    /// The fuzzer's own bytes.
    Raw(String),
    /// The server answers the n-th most recent iq the session sent (ids are random: the fuzzer
    /// could not guess them).
    Answer { nth: u8, reply: Reply },
    /// The room echoes (or refuses) the n-th most recent message the session sent.
    Echo { nth: u8, error: Option<u8> },
    /// The room answers the last presence the session sent to it, about our own occupant.
    SelfPresence { unavailable: bool, statuses: u8, role: u8, nick: Option<String> },
}

/// How the server answers an iq.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// `<iq type='result'/>` without payload.
    Empty,
    /// `<iq type='error'>` with one of [`CONDITIONS`].
    Error { condition: u8, text: Option<String> },
    /// The payload of a recorded iq result (bind, disco#info, …) under the id of ours.
    Recorded(u8),
}

/// Stanza error conditions a server gives.
pub const CONDITIONS: &[&str] = &[
    "not-acceptable", "service-unavailable", "forbidden", "item-not-found", "conflict", "not-allowed",
    "bad-request", "not-authorized", "policy-violation", "resource-constraint", "remote-server-not-found",
    "internal-server-error", "undefined-condition",
];

/// XEP-0045 status codes on our own presence, combined by the bits of `statuses`.
pub const STATUS_CODES: &[u16] = &[110, 201, 210, 303, 307, 301, 321, 322, 332, 100];

pub const ROLES: &[&str] = &["participant", "moderator", "visitor", "none"];

/// What the session sent that the server model answers.
#[derive(Default, Debug)]
pub struct Sent {
    /// (id, to) of the iqs sent, newest last.
    pub iqs: Vec<(String, Option<String>)>,
    /// (id, origin-id, body) of the messages sent, newest last.
    pub messages: Vec<(Option<String>, Option<String>, String)>,
    /// The `to` of the last presence sent to the room.
    pub presence_to: Option<String>,
    next_stanza_id: u32,
}

const KEEP_SENT: usize = 32;

impl Sent {
    fn observe(&mut self, element: &Element) {
        let attr = |name: &str| element.attr(name).map(str::to_owned);
        match element.name() {
            "iq" if matches!(element.attr("type"), Some("get" | "set")) => {
                if let Some(id) = attr("id") {
                    self.iqs.push((id, attr("to")));
                }
            }
            "message" => {
                let body = element.get_child("body", "jabber:client").map(Element::text).unwrap_or_default();
                let origin = element.get_child("origin-id", "urn:xmpp:sid:0").and_then(|o| o.attr("id")).map(str::to_owned);
                self.messages.push((attr("id"), origin, body));
            }
            "presence" => {
                if let Some(to) = attr("to") {
                    self.presence_to = Some(to);
                }
            }
            _ => {}
        }
        if self.iqs.len() > KEEP_SENT {
            self.iqs.remove(0);
        }
        if self.messages.len() > KEEP_SENT {
            self.messages.remove(0);
        }
    }
}

fn newest<T>(items: &[T], nth: u8) -> Option<&T> {
    (!items.is_empty()).then(|| &items[items.len() - 1 - nth as usize % items.len()])
}

const ME: &str = "ac7j9vcug1yvqw5w56y5ctaj@anon.localhost/xGwqcKgQR_zf";

/// One edit of a recorded frame. Positions are taken modulo the frame's length, at a character
/// boundary; `Attr` and `Text` escape what they put in so that the frame stays well-formed.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert { at: u16, text: String },
    Delete { at: u16, len: u16 },
    Truncate { at: u16 },
    /// Replaces the value of the n-th attribute.
    Attr { nth: u8, value: String },
    /// Replaces the n-th run of text between a `>` and the next `<`.
    Text { nth: u8, text: String },
    /// Replaces the value of the n-th attribute with an attribute value of another recorded frame
    /// (ids, nicknames and JIDs that the session knows).
    AttrFrom { nth: u8, frame: u8, other: u8 },
}

/// Whom a moderator command aims at.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The n-th occupant by nickname.
    Occupant(u8),
    /// Ourselves.
    Own,
    Nick(String),
}

/// Which message a retraction aims at.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum MessageTarget {
    /// The stanza-id (else origin-id, else id) of the n-th message of the log.
    Log(u8),
    Id(String),
}

/// One step of the script: a frame, a timer, the socket, or a command of the UI.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Frame(FrameSource),
    /// The clock moves on and the timer fires.
    Timeout { advance_ms: u32 },
    /// The timer fires at the deadline the session asked for (or now, if that is past).
    FireDeadline,
    /// The socket closed.
    Closed,
    /// A new socket, after `advance_ms`.
    Restart { advance_ms: u16 },
    /// The UI leaves: unavailable presence and `<close/>`.
    Close,
    SendMessage(String),
    /// Retries the n-th outbox item.
    Retry(u8),
    /// Discards the n-th outbox item.
    Discard(u8),
    ChangeNick(String),
    Kick { target: Target, reason: Option<String> },
    Mute { target: Target, reason: Option<String> },
    Voice { target: Target, reason: Option<String> },
    Ban { target: Target, reason: Option<String> },
    Retract { target: MessageTarget, reason: Option<String> },
    SetSubject(String),
}

/// A whole input of the `session` target: the setup, then up to [`MAX_STEPS`] steps until the
/// bytes run out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    pub setup: Setup,
    pub steps: Vec<Step>,
}

pub const MAX_STEPS: usize = 512;

impl<'a> Arbitrary<'a> for Script {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let setup = Setup::arbitrary(u)?;
        let mut steps = Vec::new();
        while !u.is_empty() && steps.len() < MAX_STEPS {
            match Step::arbitrary(u) {
                Ok(step) => steps.push(step),
                Err(_) => break,
            }
        }
        Ok(Script { setup, steps })
    }

    fn arbitrary_take_rest(mut u: Unstructured<'a>) -> arbitrary::Result<Self> {
        Self::arbitrary(&mut u)
    }
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn position(s: &str, at: u16) -> usize {
    floor_char_boundary(s, at as usize % (s.len() + 1))
}

pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&apos;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The byte ranges of the attribute values of a frame (between the quotes).
fn attribute_values(frame: &str) -> Vec<(usize, usize)> {
    let bytes = frame.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'=' && (bytes[i + 1] == b'\'' || bytes[i + 1] == b'"') {
            let quote = bytes[i + 1];
            let start = i + 2;
            if let Some(len) = bytes[start..].iter().position(|&b| b == quote) {
                ranges.push((start, start + len));
                i = start + len + 1;
                continue;
            }
        }
        i += 1;
    }
    ranges
}

/// The byte ranges of the text runs of a frame (between `>` and the next `<`, possibly empty).
fn text_runs(frame: &str) -> Vec<(usize, usize)> {
    let bytes = frame.as_bytes();
    let mut ranges = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'>' {
            if let Some(len) = bytes[i + 1..].iter().position(|&b| b == b'<') {
                ranges.push((i + 1, i + 1 + len));
            }
        }
    }
    ranges
}

fn replace_range(frame: &str, ranges: &[(usize, usize)], nth: u8, with: &str) -> String {
    if ranges.is_empty() {
        return frame.to_owned();
    }
    let (start, end) = ranges[nth as usize % ranges.len()];
    format!("{}{}{}", &frame[..start], with, &frame[end..])
}

impl FrameSource {
    /// The frame, given what the session sent so far (for the answers).
    pub fn build(&self, sent: &mut Sent) -> String {
        let frames = recorded_frames();
        let pick = |i: u8| frames[i as usize % frames.len()];
        match self {
            FrameSource::Answer { nth, reply } => {
                let Some((id, to)) = newest(&sent.iqs, *nth).cloned() else { return String::new() };
                let id = escape_xml(&id);
                let from = to.map(|t| format!(" from='{}'", escape_xml(&t))).unwrap_or_default();
                match reply {
                    Reply::Empty => format!("<iq xmlns='jabber:client' type='result' id='{id}'{from} to='{ME}'/>"),
                    Reply::Error { condition, text } => {
                        let condition = CONDITIONS[*condition as usize % CONDITIONS.len()];
                        let text = text
                            .as_ref()
                            .map(|t| format!("<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>{}</text>", escape_xml(t)))
                            .unwrap_or_default();
                        format!(
                            "<iq xmlns='jabber:client' type='error' id='{id}'{from} to='{ME}'><error type='cancel'>\
                             <{condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>{text}</error></iq>"
                        )
                    }
                    Reply::Recorded(i) => {
                        let iqs: Vec<&str> = frames.iter().copied().filter(|f| f.starts_with("<iq ") && f.contains("type='result'")).collect();
                        let template = iqs[*i as usize % iqs.len()];
                        let values = attribute_values(template);
                        // Replace the id attribute's value.
                        match template.find(" id='").map(|p| p + 5) {
                            Some(start) => {
                                let (_, end) = values.iter().copied().find(|(s, _)| *s == start).unwrap_or((start, start));
                                format!("{}{}{}", &template[..start], id, &template[end..])
                            }
                            None => template.to_owned(),
                        }
                    }
                }
            }
            FrameSource::Echo { nth, error } => {
                let Some((id, origin, body)) = newest(&sent.messages, *nth).cloned() else { return String::new() };
                let nick = sent.presence_to.as_deref().and_then(|t| t.split_once('/')).map(|(_, n)| n).unwrap_or("Alice");
                let id_attr = id.map(|i| format!(" id='{}'", escape_xml(&i))).unwrap_or_default();
                match error {
                    Some(c) => {
                        let condition = CONDITIONS[*c as usize % CONDITIONS.len()];
                        format!(
                            "<message xmlns='jabber:client' type='error'{id_attr} from='live@room.localhost' to='{ME}'>\
                             <error type='wait'><{condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\
                             <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>slow down</text></error></message>"
                        )
                    }
                    None => {
                        sent.next_stanza_id += 1;
                        let origin = origin
                            .map(|o| format!("<origin-id xmlns='urn:xmpp:sid:0' id='{}'/>", escape_xml(&o)))
                            .unwrap_or_default();
                        format!(
                            "<message xmlns='jabber:client' type='groupchat'{id_attr} from='live@room.localhost/{}' to='{ME}'>\
                             <body>{}</body>{origin}<stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='echo-{}'/></message>",
                            escape_xml(nick),
                            escape_xml(&body),
                            sent.next_stanza_id
                        )
                    }
                }
            }
            FrameSource::SelfPresence { unavailable, statuses, role, nick } => {
                let Some(to) = sent.presence_to.clone() else { return String::new() };
                let type_ = if *unavailable { " type='unavailable'" } else { "" };
                let role = ROLES[*role as usize % ROLES.len()];
                let codes: String = STATUS_CODES
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| *bit == 0 || (*statuses as u32) & (1 << (bit - 1)) != 0)
                    .map(|(_, c)| format!("<status code='{c}'/>"))
                    .collect();
                let nick = nick.as_ref().map(|n| format!(" nick='{}'", escape_xml(n))).unwrap_or_default();
                format!(
                    "<presence xmlns='jabber:client' from='{}' to='{ME}'{type_}>\
                     <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='{role}'{nick}/>{codes}</x></presence>",
                    escape_xml(&to)
                )
            }
            FrameSource::Recorded(i) => pick(*i).to_owned(),
            FrameSource::Raw(s) => s.clone(),
            FrameSource::Mutated { index, edit } => {
                let frame = pick(*index);
                match edit {
                    Edit::Insert { at, text } => {
                        let at = position(frame, *at);
                        format!("{}{}{}", &frame[..at], text, &frame[at..])
                    }
                    Edit::Delete { at, len } => {
                        let start = position(frame, *at);
                        let end = floor_char_boundary(frame, start + *len as usize);
                        format!("{}{}", &frame[..start], &frame[end..])
                    }
                    Edit::Truncate { at } => frame[..position(frame, *at)].to_owned(),
                    Edit::Attr { nth, value } => {
                        replace_range(frame, &attribute_values(frame), *nth, &escape_xml(value))
                    }
                    Edit::Text { nth, text } => replace_range(frame, &text_runs(frame), *nth, &escape_xml(text)),
                    Edit::AttrFrom { nth, frame: from, other } => {
                        let source = pick(*from);
                        let values = attribute_values(source);
                        if values.is_empty() {
                            return frame.to_owned();
                        }
                        let (s, e) = values[*other as usize % values.len()];
                        replace_range(frame, &attribute_values(frame), *nth, &source[s..e])
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Invariants.

/// Invariants that are known to fail and can be turned into a note on stderr instead of a crash,
/// so that a long run keeps looking for other problems: `LIVECHAT_FUZZ_ALLOW=dup-send,closed-joined`.
/// Names: `dup-send`, `closed-joined`, `busy-timer`, `zero-interval`, `xml-out`, `control-chars`
/// (the last one also drops the characters XML cannot carry from the UI's strings).
pub fn allowed(name: &str) -> bool {
    static ALLOW: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ALLOW
        .get_or_init(|| {
            std::env::var("LIVECHAT_FUZZ_ALLOW")
                .map(|v| v.split(',').map(|s| s.trim().to_owned()).collect())
                .unwrap_or_default()
        })
        .iter()
        .any(|a| a == name)
}

macro_rules! invariant {
    ($name:expr, $cond:expr, $($fmt:tt)+) => {
        if !$cond {
            if $crate::allowed($name) {
                // Known and allowed: keep going.
            } else {
                panic!("invariant `{}` violated: {}", $name, format!($($fmt)+));
            }
        }
    };
}

/// What the checker remembers between steps.
pub struct Checker {
    /// The session went `Closed` and was not started again since.
    closed: bool,
    /// The state the events said last.
    state: SessionState,
    /// Origin-ids sent since the last join presence (or restart): a second copy within one join
    /// posts the message twice in the room.
    sent_origin_ids: HashSet<String>,
    last_key: u64,
    /// What the session sent, for the answers of the server model.
    pub sent: Sent,
}

impl Checker {
    pub fn new(session: &Session) -> Self {
        Checker {
            closed: session.state() == SessionState::Closed,
            state: session.state(),
            sent_origin_ids: HashSet::new(),
            last_key: 0,
            sent: Sent::default(),
        }
    }

    /// Called before a `restart`/`start`: leaving `Closed` is allowed from here.
    pub fn restarting(&mut self) {
        self.closed = false;
        self.sent_origin_ids.clear();
    }

    /// Called before a `retry`: that origin-id may go out again.
    pub fn retrying(&mut self, origin_id: &str) {
        self.sent_origin_ids.remove(origin_id);
    }

    /// Drains the session and checks every invariant. `timer_fired_at` is the `now` given to
    /// `handle_timeout` in this step, if it was called.
    pub fn check(&mut self, session: &mut Session, timer_fired_at: Option<u64>) -> (Vec<String>, Vec<Event>) {
        let (sent, events) = drain(session);

        // Every frame sent parses back as XML (the server would end the stream otherwise).
        for frame in &sent {
            let element = frame.parse::<Element>();
            invariant!("xml-out", element.is_ok(), "sent a frame that is not XML: {frame:?}: {:?}", element.err());
            let Ok(element) = element else { continue };
            self.sent.observe(&element);
            if element.name() == "presence"
                && element.children().any(|c| c.is("x", "http://jabber.org/protocol/muc"))
            {
                // A join: the room forgets what we sent before.
                self.sent_origin_ids.clear();
            }
            if element.name() == "message" {
                for origin in element.children().filter(|c| c.is("origin-id", "urn:xmpp:sid:0")) {
                    if let Some(id) = origin.attr("id") {
                        invariant!(
                            "dup-send",
                            self.sent_origin_ids.insert(id.to_owned()),
                            "origin-id {id} sent twice within one join: {frame}"
                        );
                    }
                }
            }
        }

        // State changes: the events tell them in order, and `state()` agrees with the last one.
        for event in &events {
            if let Event::State(s) = event {
                invariant!(
                    "closed-joined",
                    !(self.closed && *s == SessionState::Joined),
                    "Closed -> Joined without start/restart (events {events:?})"
                );
                if *s == SessionState::Closed {
                    self.closed = true;
                }
                self.state = *s;
            }
        }
        assert_eq!(session.state(), self.state, "state() disagrees with the State events {events:?}");
        invariant!(
            "closed-joined",
            !(self.closed && session.state() == SessionState::Joined),
            "Joined after Closed without start/restart"
        );

        // The message log stays within its capacity; keys only grow; bodies stay bounded.
        let log = session.room().log();
        let capacity = session.config().log_capacity.max(1);
        assert_eq!(log.capacity(), capacity);
        assert!(log.len() <= capacity, "log holds {} entries, capacity {capacity}", log.len());
        let mut previous = 0;
        for entry in log.iter() {
            assert!(entry.key() > previous, "log keys out of order");
            previous = entry.key();
        }
        assert!(previous == 0 || previous >= self.last_key, "a log key went backwards");
        self.last_key = self.last_key.max(previous);
        for m in log.messages() {
            assert!(
                m.body.len() <= livechat_core::text::MAX_BODY_BYTES + '…'.len_utf8(),
                "a body of {} bytes was kept",
                m.body.len()
            );
        }

        // Counting: every occupant is either named or automatic, and the anonymous count is never
        // more than the automatic occupants we see plus those the room counted beyond them.
        let room = session.room();
        let automatic = room.occupants().filter(|o| room.is_automatic_nick(&o.nick)).count();
        let named = room.named_occupants().len();
        assert_eq!(named + automatic, room.occupant_count(), "named + automatic != occupants");
        let anonymous = room.anonymous_count();
        assert!(anonymous >= automatic, "anonymous_count {anonymous} < automatic occupants {automatic}");
        let info = room.info().occupants.unwrap_or(0) as usize;
        assert!(
            anonymous <= automatic + info,
            "anonymous_count {anonymous} > automatic {automatic} + info {info}"
        );
        if session.state() == SessionState::Joined {
            assert!(room.own_nick().is_some(), "Joined without an own nickname");
        }

        // The next deadline: computing it never panics, and once the timer fired at `now` the
        // session never asks to be woken at or before `now` again (a caller would spin).
        let deadline = session.poll_timeout();
        if let (Some(now), Some(deadline)) = (timer_fired_at, deadline) {
            // A zero room-info interval is a configuration that asks for it: told apart so that
            // it can be allowed on its own.
            let name = if session.config().room_info_interval_ms == Some(0) { "zero-interval" } else { "busy-timer" };
            invariant!(name, deadline > now, "handle_timeout({now}) left poll_timeout() at {deadline}");
        }

        (sent, events)
    }
}

/// Runs a script on a fresh session, checking the invariants after every step.
pub fn run(script: &Script) {
    run_with(script, |_, _, _| {});
}

/// [`run`], telling `observe` each step with what the session sent and said (`None` for `start`).
pub fn run_with(script: &Script, mut observe: impl FnMut(Option<&Step>, &[String], &[Event])) {
    let (config, seed) = script.setup.config();
    let mut session = Session::new(config, seed);
    let mut now = T0;
    let mut checker = Checker::new(&session);
    checker.check(&mut session, None);
    checker.restarting();
    session.start(now);
    let (sent, events) = checker.check(&mut session, None);
    observe(None, &sent, &events);

    for step in &script.steps {
        let mut fired = None;
        match step {
            Step::Frame(source) => session.handle_frame(&source.build(&mut checker.sent), now),
            Step::Timeout { advance_ms } => {
                now += *advance_ms as u64;
                session.handle_timeout(now);
                fired = Some(now);
            }
            Step::FireDeadline => {
                if let Some(deadline) = session.poll_timeout() {
                    now = now.max(deadline);
                }
                session.handle_timeout(now);
                fired = Some(now);
            }
            Step::Closed => session.handle_closed(),
            Step::Restart { advance_ms } => {
                now += *advance_ms as u64;
                checker.restarting();
                session.restart(now);
            }
            Step::Close => session.close(),
            Step::SendMessage(body) => {
                if let Some(id) = session.send_message(&command_text(body)) {
                    assert!(session.outbox().iter().any(|o| o.origin_id == id), "sent message not in the outbox");
                }
            }
            Step::Retry(n) => {
                if let Some(id) = nth_outbox(&session, *n) {
                    checker.retrying(&id);
                    session.retry(&id);
                }
            }
            Step::Discard(n) => {
                if let Some(id) = nth_outbox(&session, *n) {
                    session.discard(&id);
                    assert!(session.outbox().iter().all(|o| o.origin_id != id), "discarded but still there");
                }
            }
            Step::ChangeNick(nick) => {
                let _ = session.change_nick(&command_text(nick), now);
            }
            Step::Kick { target, reason } => {
                let nick = target_nick(&session, target);
                session.kick(&nick, reason.as_deref().map(command_text).as_deref());
            }
            Step::Mute { target, reason } => {
                let nick = target_nick(&session, target);
                session.mute(&nick, reason.as_deref().map(command_text).as_deref());
            }
            Step::Voice { target, reason } => {
                let nick = target_nick(&session, target);
                session.give_voice(&nick, reason.as_deref().map(command_text).as_deref());
            }
            Step::Ban { target, reason } => {
                let nick = target_nick(&session, target);
                session.ban(&nick, reason.as_deref().map(command_text).as_deref());
            }
            Step::Retract { target, reason } => {
                let id = match target {
                    MessageTarget::Id(id) => command_text(id),
                    MessageTarget::Log(n) => {
                        let ids: Vec<String> = session
                            .room()
                            .log()
                            .messages()
                            .filter_map(|m| m.stanza_id.clone().or(m.origin_id.clone()).or(m.id.clone()))
                            .collect();
                        if ids.is_empty() {
                            String::new()
                        } else {
                            ids[*n as usize % ids.len()].clone()
                        }
                    }
                };
                session.retract(&id, reason.as_deref().map(command_text).as_deref());
            }
            Step::SetSubject(subject) => session.set_subject(&command_text(subject)),
        }
        let (sent, events) = checker.check(&mut session, fired);
        observe(Some(step), &sent, &events);
    }
}

/// Text the UI hands to a command. With `LIVECHAT_FUZZ_ALLOW=control-chars` the characters XML
/// cannot carry are dropped first (what a caller would have to do while the core does not), so a
/// run can go on past that known crash.
pub fn command_text(s: &str) -> String {
    if allowed("control-chars") {
        s.chars().filter(|&c| xml_char(c)).collect()
    } else {
        s.to_owned()
    }
}

/// XML 1.0 `Char`.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn nth_outbox(session: &Session, n: u8) -> Option<String> {
    let items: Vec<_> = session.outbox().iter().map(|o| o.origin_id.clone()).collect();
    (!items.is_empty()).then(|| items[n as usize % items.len()].clone())
}

fn target_nick(session: &Session, target: &Target) -> String {
    match target {
        Target::Own => session.nick().to_owned(),
        Target::Nick(nick) => command_text(nick),
        Target::Occupant(n) => {
            // Sorted: the room's map has no stable order from one process to the next.
            let mut nicks: Vec<_> = session.room().occupants().map(|o| o.nick.clone()).collect();
            nicks.sort();
            if nicks.is_empty() {
                String::new()
            } else {
                nicks[*n as usize % nicks.len()].clone()
            }
        }
    }
}

pub mod encode;
