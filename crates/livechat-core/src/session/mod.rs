//! The XMPP session over WebSocket (RFC 7395) as a state machine: login, bind, join one room, keep
//! the connection alive, and turn what the room says into [`Room`] state and [`Event`]s.
//!
//! It sends only what a chat viewer needs: no vCard, roster, carbons, chat state, chat marker, PEP
//! subscription or presence probe ever leaves it.
//!
//! [`Session`] orchestrates: it takes frames, timeouts and commands in, and hands frames, the next
//! deadline and events out. Each part of the protocol keeps its handlers (and its state, where it
//! has some of its own) in a sibling module, as quinn-proto's `connection/` does:
//! `login` (SASL, binding, the pipelined join), `sm` (XEP-0198), `client_state` (XEP-0352:
//! whether anyone is looking), `muc` (presences, nicknames, status codes), `join_answer` (a join
//! the room does not answer), `messages` (groupchat from the room), `outgoing` (what the user
//! sends, the outbox, refusals), `own_messages` (correcting and taking back ours), `mentions`
//! (XEP-0372 in and out), `moderation` (commands and results), `polls` (votes and the owner's poll
//! form), `terms` (the room's terms), `room_info` (the disco#info poll), `keepalive` (pings), `iq`
//! (routing answers), `closing` (how a stream ends), `timers` (the one table of deadlines) and
//! `ids` (ids and draws from the caller's seed). Whatever schedules something does it from the
//! `now` the caller gave.

use std::collections::{HashMap, VecDeque};

use xmpp_parsers::ns;

use crate::config::Config;
use crate::error::SessionError;
use crate::event::Event;
use crate::jid::Jid;
use crate::outbox::Outbox;
use crate::policy::DisplayPolicy;
use crate::room::Room;
use crate::stanza::stream::Frame;
use crate::stanza::{self, Condition};
use crate::xml::Element;

mod client_state;
mod closing;
mod ids;
mod iq;
mod join_answer;
mod keepalive;
mod login;
mod mentions;
mod messages;
mod moderation;
mod muc;
mod outgoing;
mod own_messages;
mod polls;
mod room_info;
mod sm;
mod terms;
mod timers;

use client_state::ClientState;
use ids::Ids;
use iq::Pending;
use join_answer::JoinAnswer;
use polls::Votes;
use sm::StreamManagement;
use timers::{Timer, TimerTable};

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

/// The protocol state machine. See the crate documentation for the calling order.
pub struct Session {
    config: Config,
    policy: DisplayPolicy,
    room: Room,
    state: SessionState,
    /// The caller's clock as last told (a frame, a timer, a command): it stamps live messages
    /// and is where whatever is scheduled counts from.
    now_ms: u64,
    timers: TimerTable,
    ids: Ids,
    // What the caller drains.
    transmit: VecDeque<String>,
    events: VecDeque<Event>,
    // Login (`login`).
    authenticated: bool,
    bound: Option<Jid>,
    /// What each iq we sent was for, by id (`iq`).
    pending: HashMap<String, Pending>,
    // The room (`muc`).
    /// The nickname we asked for last (join or change).
    wanted_nick: String,
    /// Our occupant-id, to recognise our own messages.
    own_occupant_id: Option<String>,
    /// Renames announced by a 303 unavailable presence, keyed by the new nickname.
    renames: HashMap<String, String>,
    /// Our join, while the room has not answered it (`join_answer`).
    join_answer: JoinAnswer,
    // Messages (`messages`).
    /// The newest `<delay>` stamp or arrival time seen: a rejoin asks only for history after it.
    newest_ms: Option<i64>,
    outbox: Outbox,
    /// Our votes waiting for the room's answer (`polls`).
    votes: Votes,
    /// Stream management (`sm`), once enabled.
    sm: Option<StreamManagement>,
    /// Whether anyone is looking, and what the server was told (`client_state`).
    client_state: ClientState,
}

impl Session {
    /// A session that will log in and join as `config` says. `seed` is the caller's randomness
    /// (the core has no source of its own): it picks the automatic nickname and the ids.
    pub fn new(config: Config, seed: u64) -> Self {
        let mut ids = Ids::new(seed);
        let wanted_nick = config
            .nickname
            .clone()
            .unwrap_or_else(|| config.automatic_nicks.draw(ids.draw()));
        Session {
            policy: DisplayPolicy {
                presence_lines_for_moderators: config.show_presence_lines,
            },
            room: Room::new(config.automatic_nicks.clone(), config.log_capacity),
            config,
            state: SessionState::Idle,
            now_ms: 0,
            timers: TimerTable::default(),
            ids,
            transmit: VecDeque::new(),
            events: VecDeque::new(),
            authenticated: false,
            bound: None,
            pending: HashMap::new(),
            wanted_nick,
            own_occupant_id: None,
            renames: HashMap::new(),
            join_answer: JoinAnswer::default(),
            newest_ms: None,
            outbox: Outbox::default(),
            votes: Votes::default(),
            sm: None,
            client_state: ClientState::default(),
        }
    }

    /// A new session for a new login or configuration (a fresh password, a setting read only when
    /// a session starts), which takes over what was typed here and not delivered: the outbox,
    /// each message under its origin-id. One that went out may have reached the room: the new
    /// join's history then echoes it, which delivers it; the others go out once that history is
    /// in. One the room refused stays refused until the user retries or discards it. Whether
    /// anyone is looking ([`Session::set_active`]) carries over too. The caller drops this
    /// session and `start`s the new one on a new socket.
    pub fn successor(&self, config: Config, seed: u64) -> Session {
        let mut next = Session::new(config, seed);
        next.inherit_client_state(self);
        next.outbox = self.outbox.clone();
        if !next.outbox.is_empty() {
            next.push_event(Event::OutboxChanged);
        }
        next
    }

    // ---- getters ----

    pub fn state(&self) -> SessionState {
        self.state
    }

    /// The room is replaying its history after our join (the subject, or a few seconds without
    /// one, ends it): a UI may draw the log once when it is all in rather than message by message.
    pub fn replaying_history(&self) -> bool {
        self.timers.is_set(Timer::HistoryWait) && Timer::HistoryWait.counts_in(self.state)
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
        Timer::ALL
            .into_iter()
            .filter(|timer| timer.counts_in(self.state))
            .filter_map(|timer| self.timers.get(timer))
            .min()
    }

    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    // ---- what came from outside ----

    /// Opens the stream: call once the WebSocket is open. `now_ms` is wall-clock time in
    /// milliseconds; it stamps live messages and drives the keep-alive.
    pub fn start(&mut self, now_ms: u64) {
        self.now_ms = now_ms;
        self.authenticated = false;
        self.bound = None;
        self.pending.clear();
        self.renames.clear();
        self.timers.stop(Timer::PingTimeout);
        // A join still unanswered waits again once resumed, or is sent anew.
        self.timers.stop(Timer::JoinAnswer);
        self.client_state_stream_started();
        self.link_heard();
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

    /// One WebSocket text frame from the server.
    pub fn handle_frame(&mut self, frame: &str, now_ms: u64) {
        // A closed session waits for `restart`: late frames of the old stream must not revive it.
        if matches!(self.state, SessionState::Idle | SessionState::Closed) {
            return;
        }
        self.now_ms = now_ms;
        self.link_heard();
        let element: Element = match frame.parse() {
            Ok(e) => e,
            Err(e) => return self.malformed(format!("{e}")),
        };
        match Frame::read(element) {
            Frame::Open | Frame::Other => {}
            Frame::Close => self.handle_server_close(),
            Frame::Features(features) => self.handle_features(features),
            Frame::StreamError(error) => self.handle_stream_error(error),
            Frame::SaslSuccess => self.handle_sasl_success(),
            Frame::SaslFailure(Condition { condition, text }) => {
                self.fail(SessionError::Auth { condition, text })
            }
            Frame::Message(message) => {
                self.count_inbound();
                self.handle_message(&message)
            }
            Frame::Presence(presence) => {
                self.count_inbound();
                self.handle_presence(&presence)
            }
            Frame::Iq(iq) => {
                self.count_inbound();
                self.handle_iq(&iq)
            }
            Frame::StreamManagement(sm) => self.handle_stream_management(sm),
        }
    }

    /// The caller's timer fired.
    pub fn handle_timeout(&mut self, now_ms: u64) {
        self.now_ms = now_ms;
        for timer in Timer::ALL {
            if timer.counts_in(self.state) && self.timers.is_due(timer, now_ms) {
                self.timer_fired(timer);
            }
        }
    }

    fn timer_fired(&mut self, timer: Timer) {
        match timer {
            Timer::PingTimeout => self.fail(SessionError::Timeout),
            Timer::KeepAlive => self.send_ping(),
            Timer::HistoryWait => {
                // No subject came: what arrived is all the history there is.
                self.history_done();
                self.push_event(Event::LogChanged);
            }
            Timer::JoinAnswer => self.join_answer_late(),
            Timer::RoomInfo => self.room_info_due(),
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

    // ---- what every part uses ----

    fn send_element(&mut self, element: Element) {
        let is_stanza = element.ns() == ns::JABBER_CLIENT
            && matches!(element.name(), "message" | "presence" | "iq");
        let frame = String::from(&element);
        if is_stanza {
            if let Some(sm) = self.sm.as_mut() {
                sm.sent(&frame);
            }
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
                | Event::PollChanged
                | Event::TermsChanged
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
            self.send_element(stanza::stream::close());
        }
        self.set_state(SessionState::Closed);
    }
}
