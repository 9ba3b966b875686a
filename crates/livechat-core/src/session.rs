//! The XMPP session over WebSocket (RFC 7395) as a state machine: login, bind, join one room, keep
//! the connection alive, and turn what the room says into [`Room`] state and [`Event`]s.
//!
//! It sends only what a chat viewer needs: no vCard, roster, carbons, chat state, chat marker, PEP
//! subscription or presence probe ever leaves it.

use std::collections::{HashMap, VecDeque};

use xmpp_parsers::muc::user::{Affiliation, Role};
use xmpp_parsers::ns;

use crate::config::{Config, Credentials};
use crate::error::SessionError;
use crate::event::{Command, Event, Removal};
use crate::jid::{BareJid, Jid};
use crate::log::{Author, ChatMessage, LogEntry, Notice, NoticeKind, Retraction};
use crate::outbox::{Outbox, Outgoing, OutgoingState};
use crate::policy::{is_chat_state_only, DisplayPolicy};
use crate::room::{Occupant, Room, RoomInfo};
use crate::stanza;
use crate::text::xml_safe;
use crate::xml::Element;

const NS_MUC_ADMIN: &str = "http://jabber.org/protocol/muc#admin";
const NS_OCCUPANT_ID: &str = "urn:xmpp:occupant-id:0";
const NS_FASTEN_0: &str = "urn:xmpp:fasten:0";
const NS_RETRACT_0: &str = "urn:xmpp:message-retract:0";
const NS_RETRACT_1: &str = "urn:xmpp:message-retract:1";
const NS_MODERATE_0: &str = "urn:xmpp:message-moderate:0";
const NS_MODERATE_1: &str = "urn:xmpp:message-moderate:1";

/// Where the session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    /// Created, `start` not called yet.
    Idle,
    /// `<open/>` sent, waiting for the stream features.
    Connecting,
    /// SASL under way.
    Authenticating,
    /// Resource binding under way.
    Binding,
    /// Join presence sent, waiting for our own presence (or a nickname conflict).
    Joining,
    /// In the room.
    Joined,
    /// The stream is up but we are not in the room (removed, or the join was refused).
    NotInRoom,
    /// `<close/>` sent, waiting for the server's.
    Closing,
    /// Over: the caller may drop the socket, and `restart` to connect again.
    Closed,
}

/// What an iq we sent was for, so its answer can be routed.
#[derive(Clone, Debug)]
enum Pending {
    Bind,
    Ping,
    RoomInfo,
    Command(Command),
}

/// XEP-0198 stream management, for logins that can resume (a registered account; an anonymous
/// login is a new account every time, so Prosody cannot resume it and the acks would only cost).
#[derive(Debug, Default)]
struct StreamManagement {
    /// The resumption id, once the server said `<enabled resume='true'/>`.
    id: Option<String>,
    /// Stanzas received and handled since `<enabled/>`.
    inbound: u32,
    /// The last `h` the server acknowledged.
    acked: u32,
    /// Stanzas sent since `<enable/>` and not acknowledged yet, oldest first.
    unacked: VecDeque<String>,
    /// `<resume/>` sent, its answer not in yet: only then is a `<resumed/>` ours to act on (one
    /// out of turn would replay what was already delivered).
    resuming: bool,
}

/// Beyond this many unacknowledged stanzas the oldest are forgotten: a resumption can then no
/// longer replay all of them, and the outbox's origin-ids take over.
const MAX_UNACKED: usize = 500;

/// The protocol state machine. See the crate documentation for the calling order.
pub struct Session {
    config: Config,
    policy: DisplayPolicy,
    room: Room,
    state: SessionState,
    transmit: VecDeque<String>,
    events: VecDeque<Event>,
    rng: u64,
    next_id: u64,
    authenticated: bool,
    bound: Option<Jid>,
    /// The nickname we asked for last (join or change).
    wanted_nick: String,
    /// Our occupant-id, to recognise our own messages.
    own_occupant_id: Option<String>,
    pending: HashMap<String, Pending>,
    /// Renames announced by a 303 unavailable presence, keyed by the new nickname.
    renames: HashMap<String, String>,
    now_ms: u64,
    last_received_ms: u64,
    ping_deadline_ms: Option<u64>,
    next_room_info_ms: Option<u64>,
    /// The newest `<delay>` stamp or arrival time seen: a rejoin asks only for history after it.
    newest_ms: Option<i64>,
    outbox: Outbox,
    /// Between the join and the subject, which XEP-0045 sends after the history: until when the
    /// join waits for it before it takes the history as complete.
    history_deadline_ms: Option<u64>,
    sm: Option<StreamManagement>,
}

/// How far back of the newest message a rejoin asks for history: the client's clock may be ahead of
/// the server's, and what overlaps is dropped by stanza-id anyway.
const HISTORY_SINCE_MARGIN_MS: i64 = 120_000;

/// The room's subject ends the history it replays on join (XEP-0045 §7.2.15); a room that sends
/// none is taken to be done after this long.
const HISTORY_WAIT_MS: u64 = 5_000;

/// Occupants per configured room-info interval: a room of 2,000 is asked every four intervals.
const OCCUPANTS_PER_ROOM_INFO_INTERVAL: u64 = 500;

/// After a configuration change (status 104), each occupant asks the room again within this many
/// milliseconds per occupant: the whole room asks at about 100 queries a second.
const CONFIG_CHANGE_SPREAD_MS_PER_OCCUPANT: u64 = 10;

impl Session {
    /// A session that will log in and join as `config` says. `seed` is the caller's randomness
    /// (the core has no source of its own): it picks the automatic nickname and the ids.
    pub fn new(config: Config, seed: u64) -> Self {
        let mut rng = splitmix64(seed);
        let wanted_nick = config
            .nickname
            .clone()
            .unwrap_or_else(|| config.automatic_nicks.draw(xorshift(&mut rng)));
        Session {
            policy: DisplayPolicy {
                presence_lines_for_moderators: config.show_presence_lines,
            },
            room: Room::new(config.automatic_nicks.clone(), config.log_capacity),
            config,
            state: SessionState::Idle,
            transmit: VecDeque::new(),
            events: VecDeque::new(),
            rng,
            next_id: 1,
            authenticated: false,
            bound: None,
            wanted_nick,
            own_occupant_id: None,
            pending: HashMap::new(),
            renames: HashMap::new(),
            now_ms: 0,
            last_received_ms: 0,
            ping_deadline_ms: None,
            next_room_info_ms: None,
            newest_ms: None,
            outbox: Outbox::default(),
            history_deadline_ms: None,
            sm: None,
        }
    }

    // ---- getters ----

    pub fn state(&self) -> SessionState {
        self.state
    }

    /// The room is replaying its history after our join (the subject, or a few seconds without
    /// one, ends it): a UI may draw the log once when it is all in rather than message by message.
    pub fn replaying_history(&self) -> bool {
        self.history_deadline_ms.is_some()
            && matches!(self.state, SessionState::Joining | SessionState::Joined)
    }

    pub fn room(&self) -> &Room {
        &self.room
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The nickname we are in the room with, or are asking for.
    pub fn nick(&self) -> &str {
        self.room.own_nick().unwrap_or(&self.wanted_nick)
    }

    /// Messages typed but not echoed by the room yet (queued, sent, or refused).
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// The full JID the server bound for us.
    pub fn bound_jid(&self) -> Option<&Jid> {
        self.bound.as_ref()
    }

    // ---- what the caller drains ----

    /// The next frame to send on the WebSocket, as text.
    pub fn poll_transmit(&mut self) -> Option<String> {
        self.transmit.pop_front()
    }

    /// When `handle_timeout` must be called next (milliseconds, the caller's clock).
    pub fn poll_timeout(&self) -> Option<u64> {
        let keepalive = match self.state {
            SessionState::Idle | SessionState::Closed => None,
            _ => Some(
                self.ping_deadline_ms
                    .unwrap_or(self.last_received_ms + self.config.ping_interval_ms),
            ),
        };
        let room_info = self
            .next_room_info_ms
            .filter(|_| self.state == SessionState::Joined);
        let history = self
            .history_deadline_ms
            .filter(|_| self.replaying_history());
        [keepalive, room_info, history].into_iter().flatten().min()
    }

    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    // ---- what came from outside ----

    /// Opens the stream: call once the WebSocket is open. `now_ms` is wall-clock time in
    /// milliseconds; it stamps live messages and drives the keep-alive.
    pub fn start(&mut self, now_ms: u64) {
        self.now_ms = now_ms;
        self.last_received_ms = now_ms;
        self.authenticated = false;
        self.bound = None;
        self.pending.clear();
        self.renames.clear();
        self.ping_deadline_ms = None;
        self.send_open();
        self.set_state(SessionState::Connecting);
    }

    /// Starts again on a new socket after the old one was lost, keeping the message log, the outbox
    /// and the nickname. It resumes the old stream (XEP-0198) where the server allows it, and
    /// otherwise joins again asking only for history newer than what the log already shows.
    pub fn restart(&mut self, now_ms: u64) {
        self.transmit.clear();
        self.start(now_ms);
    }

    /// Whether a `restart` will try to resume the stream (XEP-0198) before joining anew.
    pub fn can_resume(&self) -> bool {
        self.sm.as_ref().is_some_and(|sm| sm.id.is_some())
    }

    /// One WebSocket text frame from the server.
    pub fn handle_frame(&mut self, frame: &str, now_ms: u64) {
        // A closed session waits for `restart`: late frames of the old stream must not revive it.
        if matches!(self.state, SessionState::Idle | SessionState::Closed) {
            return;
        }
        self.now_ms = now_ms;
        self.last_received_ms = now_ms;
        let element: Element = match frame.parse() {
            Ok(e) => e,
            Err(e) => return self.malformed(format!("{e}")),
        };
        match (element.ns(), element.name()) {
            (ns::WEBSOCKET, "open") => {}
            (ns::WEBSOCKET, "close") => self.handle_server_close(),
            (ns::STREAM, "features") => self.handle_features(element),
            (ns::STREAM, "error") => self.handle_stream_error(element),
            (ns::SASL, "success") => {
                self.authenticated = true;
                self.send_open();
                // Pipelined (XEP-0305): a fresh session binds and joins without waiting for the
                // new stream's features or the bind result, which saves two round trips on every
                // join. The server handles them in order, so the join comes from the bound
                // resource. Resuming needs the features.
                if !self.can_resume() {
                    self.bind();
                    self.send_join();
                }
            }
            (ns::SASL, "failure") => {
                let (condition, text) = first_child_and_text(&element, ns::SASL);
                self.fail(SessionError::Auth { condition, text });
            }
            (ns::JABBER_CLIENT, "message") => {
                self.count_inbound();
                self.handle_message(element)
            }
            (ns::JABBER_CLIENT, "presence") => {
                self.count_inbound();
                self.handle_presence(element)
            }
            (ns::JABBER_CLIENT, "iq") => {
                self.count_inbound();
                self.handle_iq(element)
            }
            (ns::SM, _) => self.handle_stream_management(element),
            // Anything else (stream management we did not enable, unknown extensions) is ignored:
            // a newer server must not break an older client.
            _ => {}
        }
    }

    /// The caller's timer fired.
    pub fn handle_timeout(&mut self, now_ms: u64) {
        self.now_ms = now_ms;
        if matches!(self.state, SessionState::Idle | SessionState::Closed) {
            return;
        }
        if let Some(deadline) = self.ping_deadline_ms {
            if now_ms >= deadline {
                self.fail(SessionError::Timeout);
                return;
            }
        } else if now_ms >= self.last_received_ms + self.config.ping_interval_ms {
            self.send_ping();
        }
        if self.replaying_history() && self.history_deadline_ms.is_some_and(|at| now_ms >= at) {
            // No subject came: what arrived is all the history there is.
            self.history_done();
            self.push_event(Event::LogChanged);
        }
        if self.state == SessionState::Joined
            && self.next_room_info_ms.is_some_and(|at| now_ms >= at)
        {
            self.query_room_info();
            // Until the answer reschedules from the count it brings.
            self.next_room_info_ms = self.room_info_interval().map(|i| now_ms + i);
        }
    }

    /// The socket closed. Without a `<close/>` exchange first, that is a lost connection.
    pub fn handle_closed(&mut self) {
        if !matches!(
            self.state,
            SessionState::Closing | SessionState::Closed | SessionState::Idle
        ) {
            self.push_event(Event::Error(SessionError::ConnectionLost));
        }
        self.transmit.clear();
        self.set_state(SessionState::Closed);
    }

    // ---- commands ----

    /// Sends a message to the room, or queues it until we are in the room again; returns its
    /// origin-id, which the room's echo and any error carry back.
    pub fn send_message(&mut self, body: &str) -> Option<String> {
        let body = xml_safe(body);
        if body.trim().is_empty() {
            return None;
        }
        let origin_id = self.make_id("m");
        let mut item = Outgoing {
            origin_id: origin_id.clone(),
            body: body.into_owned(),
            state: OutgoingState::Queued,
        };
        if self.state == SessionState::Joined {
            self.transmit_message(&item);
            item.state = OutgoingState::Sent;
        }
        self.outbox.push(item);
        self.push_event(Event::OutboxChanged);
        Some(origin_id)
    }

    /// Tries a refused message again, with the same origin-id.
    pub fn retry(&mut self, origin_id: &str) {
        let joined = self.state == SessionState::Joined;
        let Some(item) = self.outbox.get_mut(origin_id) else {
            return;
        };
        item.state = if joined {
            OutgoingState::Sent
        } else {
            OutgoingState::Queued
        };
        let item = item.clone();
        if joined {
            self.transmit_message(&item);
        }
        self.push_event(Event::OutboxChanged);
    }

    /// Gives up on a message that was not delivered.
    pub fn discard(&mut self, origin_id: &str) {
        if self.outbox.remove(origin_id) {
            self.push_event(Event::OutboxChanged);
        }
    }

    fn transmit_message(&mut self, item: &Outgoing) {
        let body = stanza::text_element("body", ns::JABBER_CLIENT, item.body.clone());
        let message = stanza::groupchat(
            &item.origin_id,
            self.config.room.as_str(),
            [body, stanza::origin_id(&item.origin_id)],
        );
        self.send_element(message);
    }

    /// Asks for another nickname: a nickname change when in the room, a new join attempt after a
    /// conflict or a refusal.
    pub fn change_nick(&mut self, nick: &str) -> Result<(), SessionError> {
        let nick = nick.trim();
        let occupant_jid = self.occupant_jid(nick)?;
        self.wanted_nick = nick.to_owned();
        match self.state {
            SessionState::Joined => {
                self.send_element(stanza::presence(&occupant_jid.to_string(), None, None));
                Ok(())
            }
            SessionState::Joining | SessionState::NotInRoom => {
                self.send_join();
                Ok(())
            }
            _ => Ok(()), // used for the join once the stream is up
        }
    }

    /// Kicks an occupant (role none).
    pub fn kick(&mut self, nick: &str, reason: Option<&str>) {
        self.admin_role(Command::Kick { nick: nick.into() }, nick, "none", reason);
    }

    /// Makes an occupant a visitor: they stay but cannot speak.
    pub fn mute(&mut self, nick: &str, reason: Option<&str>) {
        self.admin_role(Command::Mute { nick: nick.into() }, nick, "visitor", reason);
    }

    /// Gives an occupant voice back (role participant).
    pub fn give_voice(&mut self, nick: &str, reason: Option<&str>) {
        self.admin_role(
            Command::Voice { nick: nick.into() },
            nick,
            "participant",
            reason,
        );
    }

    /// Bans an occupant by their real JID (visible to moderators only).
    pub fn ban(&mut self, nick: &str, reason: Option<&str>) {
        let command = Command::Ban { nick: nick.into() };
        let jid = self
            .room
            .occupant(nick)
            .and_then(|o| o.jid.as_deref())
            .and_then(|j| j.parse::<Jid>().ok())
            .map(Jid::into_bare);
        let Some(jid) = jid else {
            self.push_event(Event::CommandResult {
                command,
                error: Some("this occupant's address is not known: only moderators can ban".into()),
            });
            return;
        };
        let item = Element::builder("item", NS_MUC_ADMIN)
            .attr("affiliation", "outcast")
            .attr("jid", jid.to_string())
            .append_all(reason_element(NS_MUC_ADMIN, reason));
        self.send_admin(command, item.build());
    }

    /// Retracts a message for everyone (XEP-0425), in the form the room announced.
    pub fn retract(&mut self, stanza_id: &str, reason: Option<&str>) {
        let stanza_id = &*xml_safe(stanza_id);
        let command = Command::Retract {
            stanza_id: stanza_id.into(),
        };
        let current = self.room.info().moderation_namespace.as_deref() == Some(NS_MODERATE_1);
        let payload = if current {
            Element::builder("moderate", NS_MODERATE_1)
                .attr("id", stanza_id)
                .append(Element::builder("retract", NS_RETRACT_1).build())
                .append_all(reason_element(NS_MODERATE_1, reason))
                .build()
        } else {
            // Prosody's mod_muc_moderation speaks the older fastening form.
            Element::builder("apply-to", NS_FASTEN_0)
                .attr("id", stanza_id)
                .append(
                    Element::builder("moderate", NS_MODERATE_0)
                        .append(Element::builder("retract", NS_RETRACT_0).build())
                        .append_all(reason_element(NS_MODERATE_0, reason))
                        .build(),
                )
                .build()
        };
        self.send_iq_set(command, payload);
    }

    /// Sets the room subject (moderators, or everyone where the room allows it).
    pub fn set_subject(&mut self, subject: &str) {
        if self.state != SessionState::Joined {
            return;
        }
        let subject = xml_safe(subject).into_owned();
        let subject = stanza::text_element("subject", ns::JABBER_CLIENT, subject);
        let id = self.make_id("s");
        let message = stanza::groupchat(&id, self.config.room.as_str(), [subject]);
        self.send_element(message);
    }

    /// Leaves the room and closes the stream politely.
    pub fn close(&mut self) {
        if matches!(
            self.state,
            SessionState::Idle | SessionState::Closing | SessionState::Closed
        ) {
            return;
        }
        if self.state == SessionState::Joined {
            if let Ok(to) = self.occupant_jid(self.nick()) {
                self.send_element(stanza::presence(&to.to_string(), Some("unavailable"), None));
            }
        }
        self.send_element(Element::builder("close", ns::WEBSOCKET).build());
        // A stream closed on purpose is over for the server too: nothing to resume.
        self.sm = None;
        self.set_state(SessionState::Closing);
    }

    // ---- stream ----

    fn send_open(&mut self) {
        match self.config.credentials.domain().parse::<BareJid>() {
            Ok(domain) => self.send_element(stanza::open(domain.as_str())),
            Err(e) => self.fail(SessionError::Config {
                reason: format!("invalid domain: {e}"),
            }),
        }
    }

    fn handle_features(&mut self, features: Element) {
        if !self.authenticated {
            // The SASL mechanisms offered, sorted and without duplicates as the error reports them.
            let mut offered: Vec<String> = features
                .get_child("mechanisms", ns::SASL)
                .into_iter()
                .flat_map(|m| m.children().filter(|c| c.is("mechanism", ns::SASL)))
                .map(Element::text)
                .collect();
            offered.sort_unstable();
            offered.dedup();
            let offers = |mechanism: &str| offered.iter().any(|m| m == mechanism);
            let auth = match &self.config.credentials {
                Credentials::Anonymous { .. } if offers("ANONYMOUS") => {
                    stanza::auth("ANONYMOUS", b"")
                }
                Credentials::Plain { jid, password } if offers("PLAIN") => {
                    let user = jid.node().unwrap_or_default();
                    stanza::auth("PLAIN", format!("\0{user}\0{password}").as_bytes())
                }
                _ => return self.fail(SessionError::NoUsableMechanism { offered }),
            };
            self.send_element(auth);
            self.set_state(SessionState::Authenticating);
        } else if let Some((previd, h)) = self
            .sm
            .as_ref()
            .and_then(|sm| Some((sm.id.clone()?, sm.inbound)))
        {
            self.send_element(stanza::sm_resume(h, &previd));
            if let Some(sm) = self.sm.as_mut() {
                sm.resuming = true;
            }
            self.set_state(SessionState::Binding);
        } else {
            self.sm = None;
            let offers_sm = features.has_child("sm", ns::SM);
            if self.bound.is_none() && !self.pending.values().any(|p| matches!(p, Pending::Bind)) {
                self.bind();
            }
            // Only a registered account can resume (see StreamManagement).
            if offers_sm && matches!(self.config.credentials, Credentials::Plain { .. }) {
                self.send_element(stanza::sm_enable());
                self.sm = Some(StreamManagement::default());
            }
        }
    }

    fn bind(&mut self) {
        let id = self.make_id("bind");
        self.pending.insert(id.clone(), Pending::Bind);
        let bind = stanza::bind(self.config.resource.as_deref());
        self.send_element(stanza::iq("set", &id, None, Some(bind)));
        self.set_state(SessionState::Binding);
    }

    fn handle_stream_management(&mut self, element: Element) {
        let Some(sm_state) = self.sm.as_mut() else {
            return;
        };
        match element.name() {
            "enabled" => {
                let resume = matches!(element.attr("resume"), Some("true" | "1"));
                sm_state.id = element.attr("id").filter(|_| resume).map(str::to_owned);
            }
            "r" => {
                let h = sm_state.inbound;
                self.send_element(stanza::sm("a", Some(h)));
            }
            "a" => {
                if let Some(h) = sm_h(&element) {
                    sm_state.acknowledge(h);
                }
            }
            "resumed" => {
                let Some(h) = sm_h(&element).filter(|_| sm_state.resuming) else {
                    return;
                };
                sm_state.resuming = false;
                sm_state.acknowledge(h);
                // One copy of each message: one retried before the drop is in there twice, and
                // one retried while away also waits in the outbox, which must not send it again.
                let mut replayed: Vec<String> = Vec::new();
                let replay: Vec<String> = sm_state
                    .unacked
                    .drain(..)
                    .filter(|frame| match origin_id_of(frame) {
                        Some(id) if replayed.contains(&id) => false,
                        Some(id) => {
                            replayed.push(id);
                            true
                        }
                        None => true,
                    })
                    .collect();
                // Still in the room: the server kept our session while we were away.
                for frame in replay {
                    self.send_element_text(frame);
                }
                let joined = self.room.own_nick().is_some();
                self.set_state(if joined {
                    SessionState::Joined
                } else {
                    SessionState::NotInRoom
                });
                self.send_element(stanza::sm("r", None));
                // What was typed while away goes out now; what was sent before was replayed above.
                if joined {
                    let queued = self.outbox.take_queued();
                    for item in queued.iter().filter(|i| !replayed.contains(&i.origin_id)) {
                        self.transmit_message(item);
                    }
                    if !queued.is_empty() {
                        self.push_event(Event::OutboxChanged);
                    }
                }
            }
            "failed" => {
                // Too late to resume: a fresh session and a fresh join.
                self.sm = None;
                self.bind();
            }
            _ => {}
        }
    }

    fn count_inbound(&mut self) {
        if let Some(sm) = self.sm.as_mut().filter(|sm| sm.id.is_some()) {
            sm.inbound = sm.inbound.wrapping_add(1);
        }
    }

    fn handle_stream_error(&mut self, element: Element) {
        let (condition, text) = first_child_and_text(&element, ns::XMPP_STREAMS);
        self.push_event(Event::Error(SessionError::Stream { condition, text }));
        self.set_state(SessionState::Closed);
    }

    fn handle_server_close(&mut self) {
        if self.state != SessionState::Closing {
            // The server ends the stream: answer in kind, then it is over.
            self.send_element(Element::builder("close", ns::WEBSOCKET).build());
            self.push_event(Event::Error(SessionError::ConnectionLost));
        }
        self.set_state(SessionState::Closed);
    }

    // ---- iq ----

    fn handle_iq(&mut self, element: Element) {
        let Some(id) = element.attr("id").map(str::to_owned) else {
            return self.malformed("iq without an id".into());
        };
        let from = element.attr("from");
        let payload = element.children().next();
        match element.attr("type") {
            Some("get") if payload.is_some_and(|p| p.is("ping", ns::PING)) => {
                self.send_element(stanza::iq("result", &id, from, None));
            }
            Some("get" | "set") => self.refuse_iq(from, &id),
            Some("result") => match self.pending.remove(&id) {
                Some(Pending::Bind) => self.handle_bound(payload),
                Some(Pending::Ping) => self.ping_deadline_ms = None,
                Some(Pending::RoomInfo) => self.handle_room_info(payload),
                Some(Pending::Command(command)) => self.push_event(Event::CommandResult {
                    command,
                    error: None,
                }),
                None => {}
            },
            Some("error") => {
                let (condition, text) = stanza_error_parts(&element);
                match self.pending.remove(&id) {
                    Some(Pending::Bind) => self.fail(SessionError::Bind { condition }),
                    Some(Pending::Ping) => {
                        self.ping_deadline_ms = None;
                        // XEP-0410: the room no longer knows us; join again.
                        if condition == "not-acceptable" && self.state == SessionState::Joined {
                            self.rejoin();
                        }
                    }
                    Some(Pending::RoomInfo) => {}
                    Some(Pending::Command(command)) => self.push_event(Event::CommandResult {
                        command,
                        error: Some(text.unwrap_or(condition)),
                    }),
                    None => {}
                }
            }
            _ => self.malformed("iq of no known type".into()),
        }
    }

    /// RFC 6120: an iq we do not understand gets an error, never silence.
    fn refuse_iq(&mut self, to: Option<&str>, id: &str) {
        let error = stanza::service_unavailable();
        self.send_element(stanza::iq("error", id, to, Some(error)));
    }

    fn handle_bound(&mut self, payload: Option<&Element>) {
        let jid = payload
            .filter(|p| p.is("bind", ns::BIND))
            .and_then(|p| p.get_child("jid", ns::BIND).map(Element::text))
            .and_then(|j| j.parse::<Jid>().ok())
            .filter(|j| j.resource().is_some());
        match jid {
            Some(jid) => {
                self.bound = Some(jid);
                // A pipelined join is already on its way.
                if self.state != SessionState::Joining {
                    self.send_join();
                }
            }
            None => self.fail(SessionError::Bind {
                condition: "no jid in the bind result".into(),
            }),
        }
    }

    fn send_join(&mut self) {
        // A fresh join: the room will send every occupant again.
        if self.room.own_nick().is_some() || self.room.occupant_count() > 0 {
            self.room.clear_occupants();
            self.room.set_own_nick(None);
            self.push_event(Event::OccupantsChanged);
        }
        let nick = self.wanted_nick.clone();
        let to = match self.occupant_jid(&nick) {
            Ok(to) => to,
            Err(e) => return self.fail(e),
        };
        if self.outbox.requeue_sent() {
            self.push_event(Event::OutboxChanged);
        }
        // After a reconnection only what we have not shown yet.
        let since = self
            .newest_ms
            .and_then(|newest| stanza::format_stamp(newest - HISTORY_SINCE_MARGIN_MS));
        let max_stanzas = match since {
            Some(_) => self.config.log_capacity as u32,
            None => self.config.history,
        };
        let join = stanza::muc_join(max_stanzas, since);
        self.send_element(stanza::presence(&to.to_string(), None, Some(join)));
        self.history_deadline_ms = Some(self.now_ms + HISTORY_WAIT_MS);
        self.set_state(SessionState::Joining);
    }

    fn rejoin(&mut self) {
        self.send_join();
    }

    fn send_ping(&mut self) {
        let id = self.make_id("ping");
        // In the room, XEP-0410 self-ping checks the room still knows us as well as the link.
        let to = match (self.state, self.room.own_nick().map(str::to_owned)) {
            (SessionState::Joined, Some(nick)) => match self.occupant_jid(&nick) {
                Ok(j) => j.to_string(),
                Err(_) => return,
            },
            _ => match self.config.credentials.domain().parse::<BareJid>() {
                Ok(j) => j.to_string(),
                Err(_) => return,
            },
        };
        self.pending.insert(id.clone(), Pending::Ping);
        let ping = Element::bare("ping", ns::PING);
        self.send_element(stanza::iq("get", &id, Some(&to), Some(ping)));
        if self.sm.as_ref().is_some_and(|sm| !sm.unacked.is_empty()) {
            self.send_element(stanza::sm("r", None));
        }
        self.ping_deadline_ms = Some(self.now_ms + self.config.ping_timeout_ms);
    }

    fn query_room_info(&mut self) {
        let id = self.make_id("info");
        self.pending.insert(id.clone(), Pending::RoomInfo);
        let query = Element::bare("query", ns::DISCO_INFO);
        let room = self.config.room.as_str();
        self.send_element(stanza::iq("get", &id, Some(room), Some(query)));
    }

    fn handle_room_info(&mut self, payload: Option<&Element>) {
        let Some(result) = payload.filter(|p| p.is("query", ns::DISCO_INFO)) else {
            return self.malformed("room disco#info".into());
        };
        let has_feature = |var: &str| {
            result
                .children()
                .any(|c| c.is("feature", ns::DISCO_INFO) && c.attr("var") == Some(var))
        };
        let mut info = RoomInfo {
            moderated: has_feature("muc_moderated"),
            moderation_namespace: [NS_MODERATE_1, NS_MODERATE_0]
                .into_iter()
                .find(|ns| has_feature(ns))
                .map(str::to_owned),
            name: result
                .children()
                .filter(|c| c.is("identity", ns::DISCO_INFO))
                .find_map(|i| i.attr("name"))
                .map(str::to_owned),
            ..RoomInfo::default()
        };
        // XEP-0128: the muc#roominfo form (the only data form a room's disco#info carries).
        for form in result.children().filter(|c| c.is("x", ns::DATA_FORMS)) {
            read_room_info_form(form, &mut info);
        }
        if self.room.set_info(info) {
            self.push_event(Event::RoomInfoChanged);
        }
        if self.next_room_info_ms.is_some() {
            self.schedule_room_info();
        }
    }

    /// How long until the next room-info query: the configured interval (never shorter than a
    /// second: 0 would spin the timer), longer in a big room. Each query costs the server a walk
    /// over every occupant (Prosody copies each one to count them), so an audience that polls at a
    /// fixed rate costs it the square of its size; an interval that grows with the room keeps the
    /// audience's whole cost linear, and a count a few minutes old is fine for thousands.
    fn room_info_interval(&self) -> Option<u64> {
        let base = self
            .config
            .room_info_interval_ms
            .filter(|i| *i > 0)?
            .max(1000);
        let occupants = self.known_occupants() as u64;
        Some(base * (occupants / OCCUPANTS_PER_ROOM_INFO_INTERVAL).max(1))
    }

    /// The room's size as best known: its own last count, or the presences we have.
    fn known_occupants(&self) -> usize {
        let counted = self.room.info().occupants.unwrap_or(0) as usize;
        counted.max(self.room.occupant_count())
    }

    /// The next room-info query, at a random point of the second half of the interval, so that a
    /// crowd that joined together does not poll together.
    fn schedule_room_info(&mut self) {
        let jitter = xorshift(&mut self.rng);
        self.next_room_info_ms = self
            .room_info_interval()
            .map(|i| self.now_ms + i / 2 + jitter % (i / 2).max(1));
    }

    fn send_iq_set(&mut self, command: Command, payload: Element) {
        if self.state != SessionState::Joined {
            return self.push_event(Event::CommandResult {
                command,
                error: Some("not in the room".into()),
            });
        }
        let id = self.make_id("cmd");
        self.pending.insert(id.clone(), Pending::Command(command));
        let room = self.config.room.as_str();
        self.send_element(stanza::iq("set", &id, Some(room), Some(payload)));
    }

    fn admin_role(&mut self, command: Command, nick: &str, role: &str, reason: Option<&str>) {
        if let Err(e) = self.occupant_jid(nick) {
            return self.push_event(Event::CommandResult {
                command,
                error: Some(e.to_string()),
            });
        }
        let item = Element::builder("item", NS_MUC_ADMIN)
            .attr("nick", nick)
            .attr("role", role)
            .append_all(reason_element(NS_MUC_ADMIN, reason));
        self.send_admin(command, item.build());
    }

    fn send_admin(&mut self, command: Command, item: Element) {
        let query = Element::builder("query", NS_MUC_ADMIN).append(item).build();
        self.send_iq_set(command, query);
    }

    // ---- presence ----

    fn handle_presence(&mut self, presence: Element) {
        let from = match presence.attr("from").map(Jid::new) {
            Some(Ok(from)) => from,
            Some(Err(e)) => return self.malformed(format!("presence: {e}")),
            None => return,
        };
        let Some(nick) = from.resource().map(str::to_owned) else {
            return;
        };
        if *from.bare() != self.config.room {
            return; // no roster, no subscriptions: only the room's presences matter
        }
        let muc_user = presence.get_child("x", ns::MUC_USER);
        let occupant_id = occupant_id(&presence);
        let statuses: Vec<u16> = muc_user
            .into_iter()
            .flat_map(|x| x.children().filter(|c| c.is("status", ns::MUC_USER)))
            .filter_map(|s| s.attr("code")?.parse().ok())
            .collect();
        let item = muc_user
            .and_then(|x| x.get_child("item", ns::MUC_USER))
            .and_then(MucItem::read);
        let is_self = statuses.contains(&STATUS_SELF);

        match presence.attr("type") {
            Some("error") => self.handle_presence_error(&presence, &nick),
            Some("unavailable") => {
                let new_nick = item.as_ref().and_then(|i| i.nick.clone());
                let removed = self.room.remove(&nick);
                if let (true, Some(new_nick)) = (statuses.contains(&STATUS_NEW_NICK), new_nick) {
                    if self.policy.shows_rename(&self.room, &nick) {
                        self.push_notice(NoticeKind::Renamed {
                            from: nick.clone(),
                            to: new_nick.clone(),
                        });
                    }
                    self.renames.insert(new_nick, nick);
                } else if is_self {
                    self.handle_removed(&statuses, item);
                    return;
                } else if removed.is_some() && self.policy.shows_presence_line(&self.room) {
                    self.push_notice(NoticeKind::Left { nick });
                }
                self.push_event(Event::OccupantsChanged);
            }
            None => {
                let item = item.unwrap_or_default();
                let occupant = Occupant {
                    nick: nick.clone(),
                    role: item.role,
                    affiliation: item.affiliation,
                    occupant_id: occupant_id.clone(),
                    jid: item.jid,
                };
                let renamed_from = self.renames.remove(&nick);
                let previous = self.room.upsert(occupant);
                if is_self && matches!(self.state, SessionState::Joining | SessionState::Joined) {
                    self.handle_self_available(
                        &nick,
                        occupant_id,
                        &statuses,
                        previous,
                        renamed_from,
                    );
                } else if previous.is_none()
                    && renamed_from.is_none()
                    && self.state == SessionState::Joined
                    && self.policy.shows_presence_line(&self.room)
                {
                    self.push_notice(NoticeKind::Joined { nick });
                }
                self.push_event(Event::OccupantsChanged);
            }
            _ => {}
        }
    }

    fn handle_self_available(
        &mut self,
        nick: &str,
        occupant_id: Option<String>,
        statuses: &[u16],
        previous: Option<Occupant>,
        renamed_from: Option<String>,
    ) {
        self.room.set_own_nick(Some(nick.to_owned()));
        self.own_occupant_id = occupant_id;
        self.wanted_nick = nick.to_owned();
        if self.state != SessionState::Joined {
            self.set_state(SessionState::Joined);
            self.push_event(Event::Joined {
                nick: nick.to_owned(),
                created: statuses.contains(&STATUS_ROOM_CREATED),
                nick_assigned: statuses.contains(&STATUS_NICK_ASSIGNED),
            });
            if self.config.room_info_on_join {
                self.query_room_info();
            }
            self.schedule_room_info();
        } else if renamed_from.is_some() {
            self.push_event(Event::NickChanged {
                nick: nick.to_owned(),
            });
        } else if previous.is_some_and(|p| Some(&p) != self.room.me()) {
            self.push_event(Event::OwnRoleChanged);
        }
    }

    fn handle_removed(&mut self, statuses: &[u16], item: Option<MucItem>) {
        // XEP-0045 §15.6 status codes, in the order they are checked.
        let removal = [
            (307, Removal::Kicked),
            (301, Removal::Banned),
            (321, Removal::AffiliationChanged),
            (322, Removal::MembersOnly),
            (332, Removal::ServiceShutdown),
        ]
        .into_iter()
        .find(|(code, _)| statuses.contains(code))
        .map_or(Removal::Other, |(_, removal)| removal);
        let (actor, reason) = item.map(|i| (i.actor, i.reason)).unwrap_or_default();
        self.room.clear_occupants();
        self.room.set_own_nick(None);
        // Our own leave on close is expected; anything else is news.
        if self.state != SessionState::Closing {
            self.set_state(SessionState::NotInRoom);
            self.push_event(Event::Removed {
                removal,
                actor,
                reason,
            });
        }
        self.push_event(Event::OccupantsChanged);
    }

    fn handle_presence_error(&mut self, presence: &Element, nick: &str) {
        let (condition, text) = stanza_error_parts(presence);
        if condition == "conflict"
            && self.state == SessionState::Joining
            && self.config.nickname.is_none()
            && self.room.is_automatic_nick(nick)
        {
            // Two viewers drew the same automatic nickname (likely among hundreds): draw again,
            // nobody needs to be asked.
            self.wanted_nick = self.config.automatic_nicks.draw(xorshift(&mut self.rng));
            self.send_join();
        } else if condition == "conflict" {
            self.push_event(Event::NickConflict {
                nick: nick.to_owned(),
            });
            if self.state == SessionState::Joined {
                // A failed nickname change: we keep the old one.
                self.wanted_nick = self.room.own_nick().unwrap_or_default().to_owned();
            }
        } else if self.state == SessionState::Joining {
            self.set_state(SessionState::NotInRoom);
            self.push_event(Event::Error(SessionError::Join { condition, text }));
        } else {
            self.push_event(Event::Error(SessionError::Join { condition, text }));
        }
    }

    // ---- messages ----

    fn handle_message(&mut self, message: Element) {
        if is_chat_state_only(&message) {
            return;
        }
        let from = match message.attr("from").map(Jid::new) {
            Some(Ok(from)) => from,
            Some(Err(e)) => return self.malformed(format!("message: {e}")),
            None => return,
        };
        if *from.bare() != self.config.room {
            return;
        }
        match message.attr("type") {
            Some("error") => self.handle_message_error(&message),
            Some("groupchat") => self.handle_groupchat(&message, from),
            // Private messages are not part of this client.
            _ => {}
        }
    }

    fn handle_message_error(&mut self, message: &Element) {
        let Some(id) = message.attr("id").map(str::to_owned) else {
            return;
        };
        let (condition, text) = stanza_error_parts(message);
        if let Some(item) = self.outbox.get_mut(&id) {
            item.state = OutgoingState::Failed {
                condition: condition.clone(),
                text: text.clone(),
            };
            self.push_event(Event::OutboxChanged);
        }
        self.push_event(Event::SendFailed {
            origin_id: id,
            condition,
            text,
        });
    }

    fn handle_groupchat(&mut self, message: &Element, from: Jid) {
        let nick = from.resource().map(str::to_owned);
        let payload = |name: &str, ns: &str| message.get_child(name, ns);
        let body = stanza::best_text(message, "body");

        // The subject: XEP-0045 says a message with a subject and no body changes it.
        if body.is_none() {
            if let Some(subject) = stanza::best_text(message, "subject") {
                let (subject, _) = crate::text::bound_body(subject);
                if self.room.set_subject(Some(subject)) {
                    self.push_event(Event::SubjectChanged);
                }
                if self.history_deadline_ms.is_some() {
                    self.history_done();
                }
                return;
            }
        }

        let Some(nick) = nick else {
            // From the room itself: moderation notices.
            self.handle_room_notice(message);
            return;
        };
        let occupant_id = occupant_id(message);
        let author = Author {
            nick: &nick,
            occupant_id: occupant_id.as_deref(),
        };

        // XEP-0424 retraction by the author, current and older forms.
        let retract_target = payload("retract", NS_RETRACT_1)
            .and_then(|r| r.attr("id"))
            .or_else(|| {
                payload("apply-to", NS_FASTEN_0)
                    .filter(|a| a.has_child("retract", NS_RETRACT_0))
                    .and_then(|a| a.attr("id"))
            });
        if let Some(target) = retract_target {
            let target = target.to_owned();
            let changed = self.room.log_mut().retract(
                &target,
                Some(&author),
                Retraction {
                    moderator: None,
                    reason: None,
                },
            );
            if changed {
                self.push_event(Event::LogChanged);
            }
            return;
        }

        let Some(body) = body else {
            return;
        };
        let (body, _) = crate::text::bound_body(body);

        // XEP-0308 correction of an earlier message.
        if let Some(id) = payload("replace", ns::MESSAGE_CORRECT).and_then(|p| p.attr("id")) {
            if self.room.log_mut().correct(id, &author, body) {
                self.push_event(Event::LogChanged);
            }
            return;
        }

        // XEP-0359: only the room's own stanza-id can be trusted (and used to moderate).
        let stanza_id = message
            .children()
            .filter(|p| p.is("stanza-id", ns::SID))
            .filter(|p| {
                p.attr("by")
                    .and_then(|by| by.parse::<Jid>().ok())
                    .is_some_and(|by| by == self.config.room)
            })
            .find_map(|p| p.attr("id"))
            .map(str::to_owned);
        let origin_id = payload("origin-id", ns::SID)
            .and_then(|p| p.attr("id"))
            .map(str::to_owned);
        // XEP-0203: history comes with the time it was sent.
        let delay_ms = payload("delay", ns::DELAY)
            .and_then(|p| p.attr("stamp"))
            .and_then(stanza::parse_stamp_ms);
        let sent_at_ms = delay_ms.unwrap_or(self.now_ms as i64);
        // Our own echo, possibly from before a reconnection (an anonymous rejoin gets a new
        // occupant-id, the origin-id stays).
        let delivered = origin_id
            .as_deref()
            .is_some_and(|id| self.outbox.delivered(id));
        if delivered {
            self.push_event(Event::OutboxChanged);
        }
        let own = delivered
            || match (&occupant_id, &self.own_occupant_id) {
                (Some(a), Some(b)) => a == b,
                _ => Some(nick.as_str()) == self.room.own_nick(),
            };
        let key = self.room.log_mut().next_key();
        let entry = ChatMessage {
            key,
            id: message.attr("id").map(str::to_owned),
            stanza_id,
            origin_id,
            nick,
            occupant_id,
            body,
            sent_at_ms,
            delayed: delay_ms.is_some(),
            corrected: false,
            retracted: None,
            own,
            revision: 0,
        };
        if self.room.log_mut().push_message(entry) {
            self.newest_ms = Some(self.newest_ms.map_or(sent_at_ms, |n| n.max(sent_at_ms)));
            self.push_event(Event::LogChanged);
        }
    }

    /// Messages from the room itself: XEP-0425 moderation, current and older forms.
    fn handle_room_notice(&mut self, message: &Element) {
        // XEP-0045 status 104: the room's configuration changed (slow mode, name, moderation):
        // ask again soon, at a random moment so that the whole room does not ask at once.
        let config_changed = message.get_child("x", ns::MUC_USER).is_some_and(|x| {
            x.children()
                .any(|c| c.is("status", ns::MUC_USER) && c.attr("code") == Some("104"))
        });
        if config_changed && self.state == SessionState::Joined {
            let spread =
                (self.known_occupants() as u64 * CONFIG_CHANGE_SPREAD_MS_PER_OCCUPANT).max(1000);
            let soon = self.now_ms + xorshift(&mut self.rng) % spread;
            self.next_room_info_ms = Some(self.next_room_info_ms.map_or(soon, |at| at.min(soon)));
            return;
        }
        let mut target = None;
        let mut moderator = None;
        let mut reason = None;
        for p in message.children() {
            if p.is("retract", NS_RETRACT_1) {
                if let Some(m) = p.get_child("moderated", NS_MODERATE_1) {
                    target = p.attr("id");
                    moderator = m.attr("by");
                    reason = p.get_child("reason", NS_RETRACT_1).map(Element::text);
                }
            } else if p.is("apply-to", NS_FASTEN_0) {
                if let Some(m) = p.get_child("moderated", NS_MODERATE_0) {
                    if m.has_child("retract", NS_RETRACT_0) {
                        target = p.attr("id");
                        moderator = m.attr("by");
                        reason = m.get_child("reason", NS_MODERATE_0).map(Element::text);
                    }
                }
            }
        }
        let Some(target) = target else { return };
        let moderator = moderator
            .and_then(|by| by.parse::<Jid>().ok())
            .map(|j| {
                j.resource()
                    .map(str::to_owned)
                    .unwrap_or_else(|| j.to_string())
            })
            .unwrap_or_default();
        let retraction = Retraction {
            moderator: Some(moderator),
            reason: reason.filter(|r| !r.is_empty()),
        };
        if self.room.log_mut().retract(target, None, retraction) {
            self.push_event(Event::LogChanged);
        }
    }

    /// The history is in: whatever the user typed meanwhile goes out now, once.
    fn history_done(&mut self) {
        self.history_deadline_ms = None;
        // Only what is queued: a message sent since our own presence came back is on its way
        // already, and the room will echo it after the history.
        let resend = self.outbox.take_queued();
        for item in &resend {
            self.transmit_message(item);
        }
        if !resend.is_empty() {
            self.push_event(Event::OutboxChanged);
        }
    }

    // ---- helpers ----

    fn push_notice(&mut self, kind: NoticeKind) {
        let key = self.room.log_mut().next_key();
        let notice = Notice {
            key,
            kind,
            at_ms: self.now_ms as i64,
        };
        self.room.log_mut().push(LogEntry::Notice(notice));
        self.push_event(Event::LogChanged);
    }

    fn occupant_jid(&self, nick: &str) -> Result<Jid, SessionError> {
        if nick.is_empty() {
            return Err(SessionError::Config {
                reason: "the nickname is empty".into(),
            });
        }
        self.config
            .room
            .with_resource(nick)
            .map_err(|e| SessionError::Config {
                reason: format!("nickname not allowed: {e}"),
            })
    }

    fn make_id(&mut self, prefix: &str) -> String {
        let n = self.next_id;
        self.next_id += 1;
        format!("{prefix}{n}-{:x}", xorshift(&mut self.rng))
    }

    fn send_element(&mut self, element: Element) {
        let is_stanza = element.ns() == ns::JABBER_CLIENT
            && matches!(element.name(), "message" | "presence" | "iq");
        let frame = String::from(&element);
        if is_stanza {
            if let Some(sm) = self.sm.as_mut() {
                if sm.unacked.len() == MAX_UNACKED {
                    sm.unacked.pop_front();
                    sm.acked = sm.acked.wrapping_add(1);
                }
                sm.unacked.push_back(frame.clone());
            }
        }
        self.transmit.push_back(frame);
    }

    /// Re-sends an already serialised stanza (XEP-0198 replay after resumption).
    fn send_element_text(&mut self, frame: String) {
        if let Some(sm) = self.sm.as_mut() {
            sm.unacked.push_back(frame.clone());
        }
        self.transmit.push_back(frame);
    }

    /// Coalesces repeated "something changed" events: a burst of 5,000 presences wakes the UI once.
    fn push_event(&mut self, event: Event) {
        let coalesce = matches!(
            event,
            Event::LogChanged
                | Event::OccupantsChanged
                | Event::SubjectChanged
                | Event::RoomInfoChanged
                | Event::OutboxChanged
        );
        if coalesce && self.events.contains(&event) {
            return;
        }
        self.events.push_back(event);
    }

    fn set_state(&mut self, state: SessionState) {
        if self.state != state {
            self.state = state;
            self.events.push_back(Event::State(state));
        }
    }

    fn malformed(&mut self, reason: String) {
        self.push_event(Event::Error(SessionError::MalformedFrame { reason }));
    }

    fn fail(&mut self, error: SessionError) {
        self.push_event(Event::Error(error));
        if !matches!(self.state, SessionState::Closed) {
            self.send_element(Element::builder("close", ns::WEBSOCKET).build());
        }
        self.set_state(SessionState::Closed);
    }
}

impl StreamManagement {
    /// The server handled everything up to `h`: forget those stanzas.
    fn acknowledge(&mut self, h: u32) {
        let newly = h.wrapping_sub(self.acked) as usize;
        if newly <= self.unacked.len() {
            self.unacked.drain(..newly);
            self.acked = h;
        }
    }
}

/// The XEP-0359 origin-id of a message frame we sent.
fn origin_id_of(frame: &str) -> Option<String> {
    let stanza = frame.parse::<Element>().ok()?;
    Some(
        stanza
            .get_child("origin-id", ns::SID)?
            .attr("id")?
            .to_owned(),
    )
}

/// The `h` counter of a XEP-0198 `<a/>` or `<resumed/>`.
fn sm_h(element: &Element) -> Option<u32> {
    element.attr("h")?.parse().ok()
}

/// Spreads a caller's seed (nearby seeds must not give nearby states) and never returns 0, which
/// xorshift cannot leave.
fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) | 1
}

fn xorshift(state: &mut u64) -> u64 {
    // xorshift64*: enough to spread ids and nicknames; the seed comes from the caller.
    let mut x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    x.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

fn reason_element(ns: &str, reason: Option<&str>) -> Option<Element> {
    reason.map(xml_safe).filter(|r| !r.is_empty()).map(|r| {
        Element::builder("reason", ns)
            .append(r.into_owned())
            .build()
    })
}

/// The defined condition's element name and the text of a stanza's `<error/>`.
fn stanza_error_parts(stanza: &Element) -> (String, Option<String>) {
    match stanza.get_child("error", ns::DEFAULT_NS) {
        Some(error) => first_child_and_text(error, ns::XMPP_STANZAS),
        None => ("undefined-condition".into(), None),
    }
}

/// XEP-0421: the occupant-id the room stamps on an occupant's stanzas.
fn occupant_id(stanza: &Element) -> Option<String> {
    stanza
        .get_child("occupant-id", NS_OCCUPANT_ID)
        .and_then(|o| o.attr("id"))
        .map(str::to_owned)
}

// XEP-0045 status codes the session acts on.
const STATUS_SELF: u16 = 110;
const STATUS_ROOM_CREATED: u16 = 201;
const STATUS_NICK_ASSIGNED: u16 = 210;
const STATUS_NEW_NICK: u16 = 303;

/// The `<item/>` of a MUC presence: who the occupant is to the room.
struct MucItem {
    affiliation: Affiliation,
    role: Role,
    /// The real JID, where the room shows it.
    jid: Option<String>,
    /// The new nickname, in a 303 unavailable presence.
    nick: Option<String>,
    /// Who kicked or banned, and why.
    actor: Option<String>,
    reason: Option<String>,
}

impl Default for MucItem {
    /// A presence without an item: a participant like any other.
    fn default() -> Self {
        MucItem {
            affiliation: Affiliation::None,
            role: Role::Participant,
            jid: None,
            nick: None,
            actor: None,
            reason: None,
        }
    }
}

impl MucItem {
    /// `None` when the affiliation or role is missing or unknown, as for no item at all.
    fn read(item: &Element) -> Option<Self> {
        Some(MucItem {
            affiliation: item.attr("affiliation")?.parse().ok()?,
            role: item.attr("role")?.parse().ok()?,
            jid: item
                .attr("jid")
                .and_then(|j| j.parse::<Jid>().ok())
                .map(|j| j.to_string()),
            nick: item.attr("nick").map(str::to_owned),
            actor: item
                .get_child("actor", ns::MUC_USER)
                .and_then(|a| a.attr("nick"))
                .map(str::to_owned),
            reason: item.get_child("reason", ns::MUC_USER).map(Element::text),
        })
    }
}

/// The name of the first child in `ns` that is not `<text/>`, and that `<text/>`'s content.
fn first_child_and_text(element: &Element, ns: &str) -> (String, Option<String>) {
    let condition = element
        .children()
        .find(|c| c.ns() == ns && c.name() != "text")
        .map(|c| c.name().to_owned())
        .unwrap_or_else(|| "undefined-condition".into());
    let text = element
        .get_child("text", ns)
        .map(Element::text)
        .filter(|t| !t.is_empty());
    (condition, text)
}

/// The `muc#roominfo` fields a room's disco#info form carries (XEP-0045 §15.5.4).
fn read_room_info_form(form: &Element, info: &mut RoomInfo) {
    for field in form.children().filter(|c| c.is("field", ns::DATA_FORMS)) {
        let value = field.get_child("value", ns::DATA_FORMS).map(Element::text);
        let value = value.as_deref();
        match field.attr("var") {
            Some("muc#roominfo_occupants") => info.occupants = value.and_then(|v| v.parse().ok()),
            Some("muc#roominfo_slow_mode_duration") => {
                info.slow_mode_seconds = value.and_then(|v| v.parse().ok()).filter(|s| *s > 0)
            }
            Some("muc#roominfo_description") => {
                info.description = value.map(str::to_owned).filter(|s| !s.is_empty())
            }
            Some("muc#roomconfig_roomname") => {
                info.name = value.map(str::to_owned).filter(|s| !s.is_empty())
            }
            _ => {}
        }
    }
}
