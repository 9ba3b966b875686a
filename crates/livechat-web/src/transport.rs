//! The WebSocket transport: one task pumps frames between a gloo-net WebSocket (subprotocol
//! `xmpp`, RFC 7395) and the sans-IO `Session`, reconnects when the link drops, and shows what the
//! session says in [`ChatState`].
//!
//! The task owns the session; the UI talks to it only through [`Commands`]. After every input (a
//! frame, a timer, a command) it drains the session in the core's fixed order:
//! 1. `poll_transmit()` to the socket,
//! 2. `poll_timeout()` re-arms the one timer,
//! 3. `poll_event()` into the signals.
//!
//! **Reconnection.** When the socket drops or the session ends with a transient error
//! (`SessionError::is_transient`), the task waits `Backoff::next_delay_ms` (jittered, reset once
//! joined again), opens a new socket and calls `session.restart`, which keeps the log, the outbox
//! and the nickname; the input box keeps its text (it lives in [`ChatState::draft`]). A page that
//! comes back to the foreground or back online skips the rest of the wait.
//!
//! **Keep-alive in a background tab.** Chromium runs timers of a hidden tab on a one-second
//! boundary, and after five minutes only once a minute for *chained* timers (a timer set from a
//! timer callback, five levels deep). The keep-alive timer here is re-armed when the server's
//! answer to the previous ping arrives, from the WebSocket's message event, so its chain never
//! grows and it keeps firing on time. Two more guards: after every frame the task checks whether
//! the session's deadline has passed (incoming traffic drives the keep-alive even if a timer is
//! late), and the page's `visibilitychange`/`online` events ([`Commands::wake`]) check at once.
//! The interval is `params::PING_INTERVAL_MS` (45 s): Prosody never closes an idle WebSocket on
//! its own (after 14 minutes of silence it pings it and the browser answers by itself), but a
//! reverse proxy does: nginx drops a proxied WebSocket after 60 s without data by default.

use std::future::poll_fn;
use std::task::Poll;

use futures::channel::mpsc::{self, UnboundedReceiver, UnboundedSender};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::{Message, State};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use livechat_core::event::{Command as Moderation, Removal};
use livechat_core::{Backoff, Config, Event, OutgoingState, Session, SessionError, SessionState};

use crate::early_socket;
use crate::i18n::{Lang, Msg};
use crate::identity::Identities;
use crate::log_view::LogProjection;
use crate::login::{self, Login};
use crate::params::Params;
use crate::roster_view::{self, NickOrder};
use crate::state::{ChatState, NickPrompt, OutboxView, Status};
use crate::{nick_store, platform};

/// RFC 7395's WebSocket subprotocol.
pub const XMPP_SUBPROTOCOL: &str = "xmpp";

/// Reconnection delays: from 0.5 s, doubling, to at most 4 s, each jittered over its upper half.
/// The cap keeps a page within 5 s of its server coming back however long the outage was (with
/// the core's default 30 s cap, a page was back 7 s after a 6 s restart); a crowd comes back
/// spread over 2 s.
const RECONNECT_BASE_MS: u64 = 500;
const RECONNECT_CAP_MS: u64 = 4_000;

/// What the UI asks the session to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    SendMessage(String),
    /// Send a refused message again.
    Retry(String),
    /// Give up on a message that was not delivered.
    Discard(String),
    ChangeNick(String),
    Kick(String),
    Ban(String),
    Mute(String),
    Voice(String),
    /// Remove a message for everyone, by its stanza-id.
    Retract(String),
    /// Moderators: show join and leave lines.
    PresenceLines(bool),
    /// The chat's background colour changed (theme): recolour the nicknames.
    Background([u8; 3]),
    /// The page came back (visible, online): check the connection now.
    Wake,
    /// The page is going away: leave the room and close the stream politely now, so the server
    /// does not keep a resumable ghost of an account's session for minutes (XEP-0198).
    Leave,
    /// The chat is taken out of the page: leave, close, and end the task. (Dropping every
    /// [`Commands`] would say the same, but event handlers handed to the browser keep their clones
    /// until the garbage collector runs.)
    Shutdown,
}

/// The UI's handle on the running session. Dropping every clone leaves the room and closes the
/// session.
#[derive(Clone)]
pub struct Commands(UnboundedSender<Command>);

impl Commands {
    /// A handle and the receiving end: for [`connect`], and for tests that check what the UI asks.
    pub fn channel() -> (Commands, UnboundedReceiver<Command>) {
        let (sender, receiver) = mpsc::unbounded();
        (Commands(sender), receiver)
    }

    pub fn send(&self, command: Command) {
        // Fails only once the task has ended; the status already says so.
        let _ = self.0.unbounded_send(command);
    }

    pub fn send_message(&self, body: String) {
        self.send(Command::SendMessage(body));
    }

    pub fn wake(&self) {
        self.send(Command::Wake);
    }
}

/// Starts the session task for one chat, which tells the viewer what happens in `lang`, and
/// returns the UI's handle on it.
pub fn connect(params: Params, state: ChatState, lang: Lang) -> Commands {
    let (commands, receiver) = Commands::channel();
    // The socket opens now, while the page builds the chat around it: the browser's connection
    // set-up (tens of milliseconds) overlaps the mount instead of following it.
    let socket = open(&params.websocket_url);
    leptos::task::spawn_local(run(params, socket, state, lang, receiver));
    commands
}

/// What woke the task up.
enum Input {
    Frame(String),
    /// The socket ended (closed, or failed).
    SocketEnded,
    /// The socket being opened is open, or failed to open.
    Opened,
    Command(Option<Command>),
    Timeout,
    Retry,
    /// A new login for the account, after the server refused the old password.
    Relogin(Result<Login, Msg>),
}

/// The link to the server.
enum Link {
    /// No socket; a reconnection may be scheduled.
    Down,
    Opening(WebSocket),
    Up(WebSocket),
}

/// A timer for a deadline in wall-clock milliseconds.
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

/// The task's state besides the socket.
struct Pump {
    params: Params,
    lang: Lang,
    login: Login,
    session: Session,
    state: ChatState,
    log_view: LogProjection,
    roster: Identities,
    nick_order: NickOrder,
    backoff: Backoff,
    /// The link dropped: until joined again the status says "reconnecting".
    reconnecting: bool,
    /// The last error, to decide whether retrying can help.
    last_error: Option<SessionError>,
    /// The session has been in the room at least once.
    joined_once: bool,
    /// The nickname the viewer just chose: remembered once the room accepts it.
    chosen_nick: Option<String>,
    /// The session must be replaced by a new one (new configuration) on the next connection.
    replace_with: Option<Config>,
    /// The account's password was fetched again after a refusal (at most once per join).
    refetched: bool,
    /// That fetch, under way.
    pending_login: Option<futures::channel::oneshot::Receiver<Result<Login, Msg>>>,
    /// The log changed since it was last drawn.
    log_stale: bool,
}

async fn run(
    params: Params,
    socket: Result<WebSocket, Msg>,
    state: ChatState,
    lang: Lang,
    mut commands: UnboundedReceiver<Command>,
) {
    let login = match login::resolve(&params).await {
        Ok(login) => login,
        Err(why) => return state.fail(why.render(lang)),
    };
    state.account.set(login.account);
    if let Some(notice) = &login.notice {
        state.alert.set(Some(notice.render(lang)));
    }
    if login.nickname.is_none()
        && !login.account
        && !params.auto_viewer_mode
        && !params.read_only.is_read_only()
    {
        // Without the automatic viewer mode, the viewer is asked at once (and reads meanwhile).
        state.nick_prompt.set(NickPrompt::Open { problem: None });
    }
    let mut config = params.config(login.credentials.clone(), login.nickname.clone());
    config.show_presence_lines = state.presence_lines.get_untracked();
    let background = state.background.get_untracked();
    let url = params.websocket_url.clone();
    let mut pump = Pump {
        session: Session::new(config, platform::random_seed()),
        params,
        lang,
        login,
        state,
        log_view: LogProjection::new(background).with_lang(lang),
        roster: Identities::new(background),
        nick_order: NickOrder::new(lang),
        backoff: Backoff::new(RECONNECT_BASE_MS, RECONNECT_CAP_MS),
        reconnecting: false,
        last_error: None,
        joined_once: false,
        chosen_nick: None,
        replace_with: None,
        refetched: false,
        pending_login: None,
        log_stale: false,
    };
    // `Session::new` may already have something to say (an unusable configuration).
    pump.show_events();

    let mut link = match socket {
        Ok(socket) => Link::Opening(socket),
        Err(why) => return pump.state.fail(why.render(lang)),
    };
    let mut started = false;
    let mut timer: Option<Timer> = None;
    let mut retry: Option<Timer> = None;
    loop {
        if let Link::Up(socket) = &mut link {
            // 1. Frames to send.
            while let Some(frame) = pump.session.poll_transmit() {
                if socket.send(Message::Text(frame)).await.is_err() {
                    pump.session.handle_closed();
                    break;
                }
            }
            // 2. The next deadline: a new timer only when it moved.
            let deadline = pump.session.poll_timeout();
            if timer.as_ref().map(|t| t.deadline_ms) != deadline {
                timer = deadline.map(Timer::at);
            }
        }
        // 3. Events for the UI.
        pump.show_events();

        if matches!(link, Link::Up(_)) && pump.session.state() == SessionState::Closed {
            // Dropping the socket closes it.
            link = Link::Down;
            timer = None;
            retry = pump.after_loss();
        }

        let input = poll_fn(|cx| {
            match &mut link {
                Link::Up(socket) => match socket.poll_next_unpin(cx) {
                    Poll::Ready(Some(Ok(Message::Text(frame)))) => {
                        return Poll::Ready(Input::Frame(frame))
                    }
                    // RFC 7395 frames are text; be lenient with a server that sends them as binary.
                    Poll::Ready(Some(Ok(Message::Bytes(bytes)))) => {
                        return Poll::Ready(Input::Frame(
                            String::from_utf8_lossy(&bytes).into_owned(),
                        ))
                    }
                    // An `error` event: the end of the stream follows.
                    Poll::Ready(Some(Err(_))) => cx.waker().wake_by_ref(),
                    Poll::Ready(None) => return Poll::Ready(Input::SocketEnded),
                    Poll::Pending => {}
                },
                // gloo-net's sink becomes ready when the socket leaves CONNECTING: open, or failed.
                Link::Opening(socket) => {
                    if socket.poll_ready_unpin(cx).is_ready() {
                        return Poll::Ready(Input::Opened);
                    }
                }
                Link::Down => {}
            }
            if let Poll::Ready(command) = commands.poll_next_unpin(cx) {
                return Poll::Ready(Input::Command(command));
            }
            if let Some(t) = timer.as_mut() {
                if t.sleep.poll_unpin(cx).is_ready() {
                    return Poll::Ready(Input::Timeout);
                }
            }
            if let Some(t) = retry.as_mut() {
                if t.sleep.poll_unpin(cx).is_ready() {
                    return Poll::Ready(Input::Retry);
                }
            }
            if let Some(pending) = pump.pending_login.as_mut() {
                if let Poll::Ready(answer) = pending.poll_unpin(cx) {
                    return Poll::Ready(Input::Relogin(
                        answer.unwrap_or_else(|_| Err(Msg::new("login-bad-request"))),
                    ));
                }
            }
            Poll::Pending
        })
        .await;

        let now = platform::now_ms();
        match input {
            Input::Frame(frame) => {
                pump.session.handle_frame(&frame, now);
                pump.overdue(now);
            }
            Input::SocketEnded => pump.session.handle_closed(),
            Input::Opened => {
                let Link::Opening(socket) = std::mem::replace(&mut link, Link::Down) else {
                    unreachable!()
                };
                if matches!(socket.state(), State::Open) {
                    link = Link::Up(socket);
                    if let Some(config) = pump.replace_with.take() {
                        pump.replace_session(config);
                        pump.session.start(now);
                    } else if started {
                        pump.session.restart(now);
                    } else {
                        pump.session.start(now);
                    }
                    started = true;
                } else {
                    pump.last_error = Some(SessionError::ConnectionLost);
                    pump.state.alert.set(Some(
                        pump.lang
                            .t_args("connect-failed", &[("url", url.as_str().into())]),
                    ));
                    retry = pump.after_loss();
                }
            }
            Input::Command(Some(Command::Wake)) => {
                if matches!(link, Link::Down) && retry.is_some() {
                    retry = Some(Timer::at(now)); // back in view or online: try now
                } else if matches!(link, Link::Up(_)) {
                    pump.overdue(now);
                }
            }
            Input::Command(Some(Command::PresenceLines(on))) => {
                pump.state.presence_lines.set(on);
                crate::app::store_presence_lines_pref(on);
                pump.reconnecting = true;
                let mut config = pump.session.config().clone();
                config.show_presence_lines = on;
                config.nickname = Some(pump.session.nick().to_owned());
                // The core reads this setting when a session starts: leave and join again with a
                // new session (the room's history fills the log again).
                pump.replace_with = Some(config);
                if matches!(link, Link::Up(_)) {
                    pump.session.close();
                    pump.flush(&mut link).await;
                    link = Link::Down;
                    timer = None;
                }
                if !matches!(link, Link::Opening(_)) {
                    retry = Some(Timer::at(now));
                }
            }
            Input::Command(Some(Command::Leave)) => {
                pump.session.close();
                pump.flush(&mut link).await;
            }
            Input::Command(None | Some(Command::Shutdown)) => {
                // The UI is gone: leave the room and close the stream properly.
                pump.session.close();
                pump.flush(&mut link).await;
                return;
            }
            Input::Command(Some(command)) => pump.command(command),
            Input::Timeout => {
                timer = None;
                pump.session.handle_timeout(now);
            }
            Input::Relogin(Ok(login)) => {
                pump.pending_login = None;
                let mut config = pump.params.config(
                    login.credentials.clone(),
                    Some(pump.session.nick().to_owned()),
                );
                config.show_presence_lines = pump.state.presence_lines.get_untracked();
                pump.replace_with = Some(config);
                pump.login = login;
                retry = Some(Timer::at(now));
            }
            Input::Relogin(Err(why)) => {
                pump.pending_login = None;
                pump.state.fail(why.render(pump.lang));
            }
            Input::Retry => {
                retry = None;
                match open(&url) {
                    Ok(socket) => link = Link::Opening(socket),
                    Err(why) => return pump.state.fail(why.render(pump.lang)),
                }
            }
        }
    }
}

fn open(url: &str) -> Result<WebSocket, Msg> {
    if let Some(socket) = early_socket::take(url).and_then(|s| WebSocket::try_from(s).ok()) {
        return Ok(socket);
    }
    WebSocket::open_with_protocol(url, XMPP_SUBPROTOCOL).map_err(|e| {
        Msg::new("connect-failed-why")
            .arg("url", url)
            .arg("error", e.to_string())
    })
}

impl Pump {
    /// Sends what the session has to say on the socket before it is dropped.
    async fn flush(&mut self, link: &mut Link) {
        if let Link::Up(socket) = link {
            while let Some(frame) = self.session.poll_transmit() {
                if socket.send(Message::Text(frame)).await.is_err() {
                    break;
                }
            }
        }
        self.show_events();
    }

    /// Incoming traffic or the page waking up: run the session's timer if it is due, whether or
    /// not the browser has fired it yet.
    fn overdue(&mut self, now: u64) {
        if self
            .session
            .poll_timeout()
            .is_some_and(|deadline| deadline <= now)
        {
            self.session.handle_timeout(now);
        }
    }

    /// The link is gone: schedule the next attempt, or say why there will be none.
    fn after_loss(&mut self) -> Option<Timer> {
        if self.replace_with.is_some() {
            return Some(Timer::at(platform::now_ms()));
        }
        let error = self.last_error.take();
        let account_refused = matches!(error, Some(SessionError::Auth { .. }))
            && self.params.authentication_url.is_some()
            && self.joined_once
            && !self.refetched;
        if account_refused {
            // The plugin's passwords are temporary: fetch a new one, then join with a new session
            // (the loop picks the answer up, see `Input::Relogin`).
            self.refetched = true;
            let params = self.params.clone();
            let (sender, receiver) = futures::channel::oneshot::channel();
            leptos::task::spawn_local(async move {
                let _ = sender.send(login::resolve(&params).await);
            });
            self.pending_login = Some(receiver);
            self.reconnecting = true;
            self.state.status.set(Status::Reconnecting);
            return None;
        }
        let retry = error.as_ref().is_none_or(SessionError::is_transient);
        if !retry {
            self.state.status.set(Status::Disconnected);
            return None;
        }
        self.reconnecting = true;
        let delay = self.backoff.next_delay_ms(js_sys::Math::random());
        self.state.attempt.set(self.backoff.attempts());
        self.state.status.set(Status::Reconnecting);
        Some(Timer::at(platform::now_ms() + delay))
    }

    /// Replaces the session by a new one with `config`; what was typed and not delivered goes out
    /// again with it.
    fn replace_session(&mut self, config: Config) {
        let undelivered: Vec<String> = self
            .session
            .outbox()
            .iter()
            .map(|o| o.body.clone())
            .collect();
        self.session = Session::new(config, platform::random_seed());
        for body in undelivered {
            self.session.send_message(&body);
        }
        self.log_view.forget_rows();
        self.show_events();
    }

    fn command(&mut self, command: Command) {
        let s = &mut self.session;
        match command {
            Command::SendMessage(body) => {
                s.send_message(&body);
            }
            Command::Retry(id) => s.retry(&id),
            Command::Discard(id) => s.discard(&id),
            Command::ChangeNick(nick) => match s.change_nick(&nick) {
                Ok(()) => self.chosen_nick = Some(nick.trim().to_owned()),
                Err(e) => self.state.nick_prompt.set(NickPrompt::Open {
                    problem: Some(error_text(&e).render(self.lang)),
                }),
            },
            Command::Kick(nick) => s.kick(&nick, None),
            Command::Ban(nick) => s.ban(&nick, None),
            Command::Mute(nick) => s.mute(&nick, None),
            Command::Voice(nick) => s.give_voice(&nick, None),
            Command::Retract(stanza_id) => s.retract(&stanza_id, None),
            Command::Background(rgb) => {
                self.roster.set_background(rgb);
                if self.log_view.set_background(rgb) {
                    self.state
                        .entries
                        .set(self.log_view.project(self.session.room().log()));
                    self.state.occupants.set(roster_view::project(
                        self.session.room(),
                        &mut self.roster,
                        &self.nick_order,
                    ));
                }
            }
            // Handled by the loop, which owns the socket.
            Command::Wake | Command::PresenceLines(_) | Command::Leave | Command::Shutdown => {}
        }
    }

    /// Drains the session's events into the signals.
    fn show_events(&mut self) {
        let state = self.state;
        while let Some(event) = self.session.poll_event() {
            match event {
                Event::State(s) => {
                    let status = match Status::from(s) {
                        Status::Joined => Status::Joined,
                        // Back on the server but refused by the room: nothing will retry, so the
                        // status must not say "reconnecting" (the alert says why).
                        Status::NotInRoom => {
                            self.reconnecting = false;
                            Status::NotInRoom
                        }
                        _ if self.reconnecting => Status::Reconnecting,
                        status => status,
                    };
                    // Several login steps show as one status: the UI hears only of a change.
                    if state.status.get_untracked() != status {
                        state.status.set(status);
                    }
                }
                Event::Joined { nick, .. } => self.joined(nick),
                Event::NickChanged { nick } => self.nick_is(nick),
                Event::OwnRoleChanged => self.show_occupants(),
                Event::LogChanged => self.log_stale = true,
                Event::OccupantsChanged => self.show_occupants(),
                Event::SubjectChanged => state
                    .subject
                    .set(self.session.room().subject().map(str::to_owned)),
                Event::RoomInfoChanged => {
                    let info = self.session.room().info();
                    state
                        .slow_mode_seconds
                        .set(info.slow_mode_seconds.filter(|s| *s > 0));
                    state.moderated.set(info.moderated);
                    state
                        .anonymous_count
                        .set(self.session.room().anonymous_count());
                }
                Event::OutboxChanged => state.outbox.set(outbox_views(&self.session, self.lang)),
                Event::Error(SessionError::MalformedFrame { reason }) => {
                    // Not the viewer's problem: the session goes on.
                    web_sys::console::warn_1(&format!("livechat: {reason}").into());
                }
                Event::Error(e) => {
                    // A transient loss is told by the status ("reconnecting"), not as an alert.
                    if !e.is_transient() {
                        state.alert.set(Some(error_text(&e).render(self.lang)));
                    }
                    self.last_error = Some(e);
                }
                Event::Removed {
                    removal,
                    actor,
                    reason,
                } => {
                    state.nick_prompt.set(NickPrompt::Closed);
                    state.alert.set(Some(
                        removal_text(&removal, actor, reason).render(self.lang),
                    ));
                }
                Event::NickConflict { nick } => self.nick_conflict(nick),
                Event::CommandResult { command, error } => {
                    let failed = error.is_some();
                    let text = command_result_text(&command, error).render(self.lang);
                    state.notify(text, failed);
                }
                // A refused message is marked in the outbox (OutboxChanged). (A wildcard, so that a
                // new event in the core does not break this build before the UI has a use for it.)
                _ => {}
            }
        }
        // Drawn once for the frame's events, and once for the whole history a join replays: the
        // room sends it as one frame per message, and drawing each cost a layout and a paint.
        if self.log_stale && !self.session.replaying_history() {
            self.log_stale = false;
            state
                .entries
                .set(self.log_view.project(self.session.room().log()));
        }
    }

    fn joined(&mut self, nick: String) {
        self.joined_once = true;
        self.reconnecting = false;
        self.refetched = false;
        self.backoff.reset();
        self.state.attempt.set(0);
        self.state
            .alert
            .set(self.login.notice.take().map(|n| n.render(self.lang)));
        self.state.status.set(Status::Joined);
        self.nick_is(nick);
        self.show_occupants();
    }

    /// Our nickname in the room is `nick` (joined, or renamed).
    fn nick_is(&mut self, nick: String) {
        let automatic = self.session.room().is_automatic_nick(&nick);
        if self.chosen_nick.as_deref() == Some(nick.as_str()) {
            // The room accepted the viewer's choice: remember it for the next visits.
            self.chosen_nick = None;
            if !self.login.account {
                if let Some(storage) = nick_store::local_storage() {
                    nick_store::remember(&storage, &nick, platform::now_ms() as f64);
                }
            }
            self.state.nick_prompt.set(NickPrompt::Closed);
        }
        self.state
            .automatic_nick
            .set(automatic && !self.login.account);
        self.state.nick.set(Some(nick));
    }

    fn nick_conflict(&mut self, nick: String) {
        self.chosen_nick = None;
        let problem = self.lang.t_args(
            "nick-taken",
            &[("nick", livechat_core::text::display_nick(&nick).into())],
        );
        if self.session.state() == SessionState::Joining {
            // Not in the room yet (a remembered or account nickname is taken): join as an automatic
            // viewer to read at once, and ask for another nickname.
            if let Some(storage) = nick_store::local_storage() {
                nick_store::forget(&storage);
            }
            let _ = self.session.change_nick(&platform::automatic_nick());
        }
        if !self.params.read_only.is_read_only() {
            self.state.nick_prompt.set(NickPrompt::Open {
                problem: Some(problem),
            });
        }
    }

    fn show_occupants(&mut self) {
        let room = self.session.room();
        let state = self.state;
        state.occupants.set(roster_view::project(
            room,
            &mut self.roster,
            &self.nick_order,
        ));
        state.anonymous_count.set(room.anonymous_count());
        state.am_moderator.set(room.am_moderator());
        state.own_role.set(room.me().map(roster_view::role_of));
    }
}

fn outbox_views(session: &Session, lang: Lang) -> Vec<OutboxView> {
    session
        .outbox()
        .iter()
        .map(|o| OutboxView {
            origin_id: o.origin_id.clone(),
            body: o.body.clone(),
            failed: match &o.state {
                OutgoingState::Failed { condition, text } => {
                    Some(refusal_text(condition, text.as_deref(), lang))
                }
                _ => None,
            },
        })
        .collect()
}

/// Why the room refused a message, in the viewer's words (the server's own, when it gave some:
/// the room speaks its own language, which we cannot translate).
fn refusal_text(condition: &str, text: Option<&str>, lang: Lang) -> String {
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        return server_sentence(text);
    }
    match condition {
        "forbidden" => lang.t("refusal-forbidden"),
        "policy-violation" | "resource-constraint" => lang.t("refusal-slow-mode"),
        "not-acceptable" | "not-allowed" => lang.t("refusal-not-accepted"),
        other => lang.t_args("refusal-other", &[("condition", other.into())]),
    }
}

/// The server's text shown as a sentence: capitalised, with a full stop.
pub fn server_sentence(text: &str) -> String {
    let mut chars = text.chars();
    // The browser's `toUpperCase` (full Unicode, as Rust's): the wasm needs no case tables for it.
    let mut out: String = chars
        .next()
        .map(|c| String::from(js_sys::JsString::from(c).to_upper_case()))
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

/// What became of a moderator's command (the toast).
fn command_result_text(command: &Moderation, error: Option<String>) -> Msg {
    let failed = error.is_some();
    let msg = match (command, failed) {
        (Moderation::Kick { nick }, false) => Msg::new("kick-done").arg("nick", nick),
        (Moderation::Kick { nick }, true) => Msg::new("kick-failed").arg("nick", nick),
        (Moderation::Ban { nick }, false) => Msg::new("ban-done").arg("nick", nick),
        (Moderation::Ban { nick }, true) => Msg::new("ban-failed").arg("nick", nick),
        (Moderation::Mute { nick }, false) => Msg::new("mute-done").arg("nick", nick),
        (Moderation::Mute { nick }, true) => Msg::new("mute-failed").arg("nick", nick),
        (Moderation::Voice { nick }, false) => Msg::new("voice-done").arg("nick", nick),
        (Moderation::Voice { nick }, true) => Msg::new("voice-failed").arg("nick", nick),
        (Moderation::Retract { .. }, false) => Msg::new("retract-done"),
        (Moderation::Retract { .. }, true) => Msg::new("retract-failed"),
        (Moderation::ChangeSubject, false) => Msg::new("subject-done"),
        (Moderation::ChangeSubject, true) => Msg::new("subject-failed"),
    };
    match error {
        Some(error) => msg.arg("error", error),
        None => msg,
    }
}

/// Why we are no longer in the room, by whom, and the reason they gave.
fn removal_text(removal: &Removal, actor: Option<String>, reason: Option<String>) -> Msg {
    let mut text = match removal {
        Removal::Kicked => Msg::new("removal-kicked"),
        Removal::Banned => Msg::new("removal-banned"),
        Removal::AffiliationChanged | Removal::MembersOnly => Msg::new("removal-members-only"),
        Removal::ServiceShutdown => Msg::new("removal-shutdown"),
        Removal::Other => Msg::new("removal-other"),
    };
    if let Some(actor) = actor {
        text = Msg::new("removal-by").arg("what", text).arg("actor", actor);
    }
    sentence_with_reason(text, reason.as_deref())
}

/// A session error, in the viewer's words; the server's error names and texts as they came.
fn error_text(error: &SessionError) -> Msg {
    let (msg, text) = match error {
        SessionError::Stream { condition, text } => (
            Msg::new("error-stream").arg("condition", condition),
            text.as_deref(),
        ),
        SessionError::Auth { condition, text } => (
            Msg::new("error-auth").arg("condition", condition),
            text.as_deref(),
        ),
        SessionError::NoUsableMechanism { offered } => (
            Msg::new("error-no-login-method").arg("offered", offered.join(", ")),
            None,
        ),
        SessionError::Bind { condition } => {
            (Msg::new("error-bind").arg("condition", condition), None)
        }
        SessionError::Join { condition, text } => (
            Msg::new("error-join").arg("condition", condition),
            text.as_deref(),
        ),
        SessionError::Config { reason } => (Msg::new("error-config").arg("reason", reason), None),
        SessionError::Timeout => (Msg::new("error-timeout"), None),
        SessionError::ConnectionLost => (Msg::new("error-connection-lost"), None),
        SessionError::MalformedFrame { reason } => {
            (Msg::new("error-malformed").arg("reason", reason), None)
        }
    };
    sentence_with_reason(msg, text)
}

/// `what: reason.`, or `what.` without a reason. The reason is the server's text, which may end
/// a sentence of its own.
fn sentence_with_reason(what: Msg, reason: Option<&str>) -> Msg {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) => {
            let msg = Msg::new("with-reason")
                .arg("what", what)
                .arg("reason", reason);
            if reason.ends_with(['.', '!', '?', '…']) {
                msg
            } else {
                Msg::new("sentence").arg("what", msg)
            }
        }
        None => Msg::new("sentence").arg("what", what),
    }
}
