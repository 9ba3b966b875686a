//! The WebSocket transport: one task pumps frames between a gloo-net WebSocket (subprotocol
//! `xmpp`, RFC 7395) and the sans-IO `Session`, and shows what the session says in [`ChatState`].
//!
//! The task owns the session; the UI talks to it only through [`Commands`]. After every input (a
//! frame, a timer, a command) it drains the session in the core's fixed order:
//! 1. `poll_transmit()` to the socket,
//! 2. `poll_timeout()` re-arms the one timer,
//! 3. `poll_event()` into the signals.

use std::future::poll_fn;
use std::task::Poll;

use futures::channel::mpsc::{self, UnboundedReceiver, UnboundedSender};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::{Message, State, WebSocketError};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use livechat_core::event::Removal;
use livechat_core::{Config, Event, Session, SessionError, SessionState};

use crate::log_view::LogProjection;
use crate::platform;
use crate::state::{ChatState, Status};

/// RFC 7395's WebSocket subprotocol.
pub const XMPP_SUBPROTOCOL: &str = "xmpp";

/// What the UI asks the session to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    SendMessage(String),
}

/// The UI's handle on the running session. Dropping every clone closes the session.
#[derive(Clone)]
pub struct Commands(UnboundedSender<Command>);

impl Commands {
    pub fn send_message(&self, body: String) {
        // Fails only once the task has ended; the status already says so.
        let _ = self.0.unbounded_send(Command::SendMessage(body));
    }
}

/// Starts the session task for one chat and returns the UI's handle on it.
pub fn connect(websocket_url: String, config: Config, state: ChatState) -> Commands {
    let (sender, receiver) = mpsc::unbounded();
    leptos::task::spawn_local(run(websocket_url, config, state, receiver));
    Commands(sender)
}

/// What woke the task up.
enum Input {
    Socket(Option<Result<Message, WebSocketError>>),
    Command(Option<Command>),
    Timeout,
}

/// The one timer, for the session's next deadline.
struct Timer {
    deadline_ms: u64,
    sleep: TimeoutFuture,
}

impl Timer {
    fn at(deadline_ms: u64) -> Self {
        let delay = deadline_ms
            .saturating_sub(platform::now_ms())
            .min(i32::MAX as u64) as u32;
        Timer {
            deadline_ms,
            sleep: TimeoutFuture::new(delay),
        }
    }
}

async fn run(url: String, config: Config, state: ChatState, commands: UnboundedReceiver<Command>) {
    let mut session = Session::new(config, platform::random_seed());
    let mut log_view = LogProjection::default();
    // `Session::new` may already have something to say (an unusable configuration).
    show_events(&mut session, &state, &mut log_view);

    let mut socket = match WebSocket::open_with_protocol(&url, XMPP_SUBPROTOCOL) {
        Ok(socket) => socket,
        Err(e) => return state.fail(format!("Cannot connect to the chat server at {url}: {e}")),
    };
    // gloo-net's sink becomes ready when the socket leaves CONNECTING: open, or failed.
    let _ = poll_fn(|cx| socket.poll_ready_unpin(cx)).await;
    if !matches!(socket.state(), State::Open) {
        return state.fail(format!("Cannot connect to the chat server at {url}."));
    }

    session.start(platform::now_ms());
    let mut commands = Some(commands);
    let mut timer: Option<Timer> = None;
    loop {
        // 1. Frames to send.
        while let Some(frame) = session.poll_transmit() {
            if socket.send(Message::Text(frame)).await.is_err() {
                session.handle_closed();
                break;
            }
        }
        // 2. The next deadline: a new timer only when it moved.
        let deadline = session.poll_timeout();
        if timer.as_ref().map(|t| t.deadline_ms) != deadline {
            timer = deadline.map(Timer::at);
        }
        // 3. Events for the UI.
        show_events(&mut session, &state, &mut log_view);
        if session.state() == SessionState::Closed {
            break;
        }

        let input = poll_fn(|cx| {
            if let Poll::Ready(item) = socket.poll_next_unpin(cx) {
                return Poll::Ready(Input::Socket(item));
            }
            if let Some(receiver) = commands.as_mut() {
                if let Poll::Ready(command) = receiver.poll_next_unpin(cx) {
                    return Poll::Ready(Input::Command(command));
                }
            }
            if let Some(t) = timer.as_mut() {
                if t.sleep.poll_unpin(cx).is_ready() {
                    return Poll::Ready(Input::Timeout);
                }
            }
            Poll::Pending
        })
        .await;

        match input {
            Input::Socket(Some(Ok(Message::Text(frame)))) => {
                session.handle_frame(&frame, platform::now_ms())
            }
            Input::Socket(Some(Ok(Message::Bytes(bytes)))) => {
                // RFC 7395 frames are text; be lenient with a server that sends them as binary.
                session.handle_frame(&String::from_utf8_lossy(&bytes), platform::now_ms())
            }
            // An `error` or `close` event: the end of the stream follows.
            Input::Socket(Some(Err(_))) => {}
            Input::Socket(None) => session.handle_closed(),
            Input::Command(Some(Command::SendMessage(body))) => {
                session.send_message(&body);
            }
            Input::Command(None) => {
                // The UI is gone: leave the room and close the stream properly.
                commands = None;
                session.close();
            }
            Input::Timeout => {
                timer = None;
                session.handle_timeout(platform::now_ms());
            }
        }
    }
    // Dropping the socket closes it.
}

/// Drains the session's events into the signals.
fn show_events(session: &mut Session, state: &ChatState, log_view: &mut LogProjection) {
    while let Some(event) = session.poll_event() {
        match event {
            Event::State(s) => state.status.set(Status::from(s)),
            Event::Joined { nick, .. } => {
                state.nick.set(Some(nick));
                state.alert.set(None);
            }
            Event::NickChanged { nick } => state.nick.set(Some(nick)),
            Event::LogChanged => state.entries.set(log_view.project(session.room().log())),
            Event::SubjectChanged => state
                .subject
                .set(session.room().subject().map(str::to_owned)),
            Event::Error(SessionError::MalformedFrame { reason }) => {
                // Not the viewer's problem: the session goes on.
                web_sys::console::warn_1(&format!("livechat: {reason}").into());
            }
            Event::Error(e) => state.alert.set(Some(sentence(&e.to_string()))),
            Event::Removed {
                removal,
                actor,
                reason,
            } => state.alert.set(Some(removal_text(&removal, actor, reason))),
            Event::NickConflict { nick } => state
                .alert
                .set(Some(format!("The nickname “{nick}” is already taken."))),
            Event::SendFailed {
                condition, text, ..
            } => state.alert.set(Some(format!(
                "Your message was not sent: {}.",
                text.unwrap_or(condition)
            ))),
            // Occupants, room info, the outbox, role changes and moderation results belong to
            // later parts of the UI. (A wildcard, so that a new event in the core does not break
            // this build before the UI has a use for it.)
            _ => {}
        }
    }
}

fn removal_text(removal: &Removal, actor: Option<String>, reason: Option<String>) -> String {
    let mut text = match removal {
        Removal::Kicked => "You were removed from the room".to_owned(),
        Removal::Banned => "You were banned from the room".to_owned(),
        Removal::AffiliationChanged | Removal::MembersOnly => {
            "The room is now for members only".to_owned()
        }
        Removal::ServiceShutdown => "The chat service is shutting down".to_owned(),
        Removal::Other => "You are no longer in the room".to_owned(),
    };
    if let Some(actor) = actor {
        text.push_str(" by ");
        text.push_str(&actor);
    }
    if let Some(reason) = reason.filter(|r| !r.is_empty()) {
        text.push_str(": ");
        text.push_str(&reason);
    }
    text.push('.');
    text
}

/// The core's error texts are lower-case clauses; the page shows them as sentences.
fn sentence(clause: &str) -> String {
    let mut chars = clause.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
