//! The WebSocket transport: one task pumps frames between a gloo-net WebSocket (subprotocol
//! `xmpp`, RFC 7395) and the sans-IO `Session`, reconnects when the link drops, and shows what the
//! session says in [`ChatState`].
//!
//! The task owns the session; the UI talks to it only through [`Commands`]. Its parts:
//! - this module, the loop: waits for an input (see `inputs`: a frame, the socket opening or
//!   ending, a command, the session's timer, a reconnection's timer, a new login), hands it to the
//!   session, then drains the session before it waits again;
//! - [`drain`]: the core's fixed order (frames to transmit, the next deadline, events), again while
//!   showing the events queued more, so that every frame leaves with the input that caused it;
//! - [`presenter`]: events into signals; [`texts`]: what the viewer reads about them;
//! - [`reconnect`]: when to try again, and when not to.
//!
//! **Reconnection.** When the socket drops or the session ends with a transient error
//! (`SessionError::is_transient`), the task waits (see [`reconnect`]), opens a new socket and
//! calls `session.restart`, which keeps the log, the outbox and the nickname; the input box keeps
//! its text (it lives in `ChatState::draft`). A page that comes back to the foreground or back
//! online skips the rest of the wait.
//!
//! **Which server.** The login decides it for a room of another instance (see [`crate::route`]):
//! through this instance's server with an account, on the remote's server anonymously. The socket
//! opens before the login is known when the server does not depend on it; a new login (a new
//! password, another account) may move the session to the other server.
//!
//! **Another account.** When the viewer logs in or out with an external account (see
//! `components::ExternalLogins`), [`Command::SwitchAccount`] fetches the new login
//! (`route::switch`); once it is there the task leaves the room and joins again under it with a
//! new session (`Session::successor`), without reloading the page. A login that fails leaves the
//! session as it was.
//!
//! **Keep-alive in a background tab.** Chromium runs timers of a hidden tab on a one-second
//! boundary, and after five minutes only once a minute for *chained* timers (a timer set from a
//! timer callback, five levels deep). The keep-alive timer here is re-armed when the server's
//! answer to the previous ping arrives, from the WebSocket's message event, so its chain never
//! grows and it keeps firing on time. Two more guards: after every frame the task checks whether
//! the session's deadline has passed (incoming traffic drives the keep-alive even if a timer is
//! late), and the page's `visibilitychange`/`online` events ([`Commands::wake`]) check at once.
//! The interval is `params::PING_INTERVAL_MS` (20 s): Prosody never closes an idle WebSocket on
//! its own (after 14 minutes of silence it pings it and the browser answers by itself), but a
//! reverse proxy does: PeerTube's nginx, as the plugin configures its path, after 30 s without a
//! frame either way.
//!
//! **Nobody looking.** The same events tell the session whether the page is hidden
//! (`Session::set_active`, XEP-0352). Where the server offers it, a hidden chat says
//! `<inactive/>`, and Prosody then holds back presences and body-less messages (never a message
//! with a body) until something urgent comes, the keep-alive goes out, or the page shows again and
//! says `<active/>`; what was held then comes, in order. It is said at once, without waiting to
//! see whether the tab comes back: a tab switched for a second costs two frames of some 40 bytes
//! and what was held arriving one round trip after the return, nothing a viewer can see, while
//! every second of waiting is a crowd's presences sent to a page nobody reads.

mod commands;
pub mod drain;
mod inputs;
pub mod presenter;
pub mod reconnect;
pub mod texts;

use futures::channel::mpsc::UnboundedReceiver;
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::State;
use leptos::prelude::*;
use livechat_core::{Config, Session, SessionState};

pub use commands::{Command, Commands, NewPoll};
pub use inputs::XMPP_SUBPROTOCOL;

use crate::i18n::{Lang, Msg};
use crate::login::Login;
use crate::params::Params;
use crate::route::{self, Route};
use crate::state::ChatState;
use crate::{platform, prefs};
use inputs::{next_input, open, Input, Link, Timer, Waits};
use presenter::Presenter;
use reconnect::{Next, Reconnect};

/// Starts the session task for one chat, which tells the viewer what happens in `lang`, and
/// returns the UI's handle on it.
pub fn connect(params: Params, state: ChatState, lang: Lang) -> Commands {
    let (commands, receiver) = Commands::channel();
    // The socket opens now, while the page builds the chat around it: the browser's connection
    // set-up (tens of milliseconds) overlaps the mount instead of following it. Unless the server
    // depends on the login (a room of another instance): then once the login is known.
    let early = route::websocket_before_login(&params).map(|url| (url.to_owned(), open(url)));
    leptos::task::spawn_local(run(params, early, state, lang, receiver));
    commands
}

/// A socket opened before the login, and the URL it was opened to.
type EarlySocket = (String, Result<WebSocket, Msg>);

/// The session and those who hear from it.
struct Pump {
    params: Params,
    /// The WebSocket of the server the login goes to (see [`route`]).
    websocket_url: String,
    session: Session,
    presenter: Presenter,
    reconnect: Reconnect,
    /// The session must be replaced by a new one (new configuration) on the next connection.
    replace_with: Option<Config>,
    /// The login being fetched is the one the viewer switched to (see `Command::SwitchAccount`).
    switching: bool,
}

/// Without the automatic viewer mode, an anonymous viewer is asked for a nickname at once (and
/// reads meanwhile).
fn asks_nick(params: &Params, login: &Login) -> bool {
    login.nickname.is_none()
        && !login.account
        && !params.auto_viewer_mode
        && !params.read_only.is_read_only()
}

async fn run(
    params: Params,
    early: Option<EarlySocket>,
    state: ChatState,
    lang: Lang,
    mut commands: UnboundedReceiver<Command>,
) {
    let read_only = params.read_only.is_read_only();
    let mut presenter = Presenter::new(state, lang, state.background.get_untracked(), read_only);
    let Route {
        websocket_url,
        login,
        ..
    } = match route::resolve(&params).await {
        Ok(route) => route,
        Err(why) => return presenter.fail(&why),
    };
    presenter.logged_in(&login, asks_nick(&params, &login));
    let mut config = params.config(login.credentials.clone(), login.nickname.clone());
    config.show_presence_lines = presenter.presence_lines_shown();
    let socket = match early {
        Some((opened_to, socket)) if opened_to == websocket_url => socket,
        _ => open(&websocket_url),
    };
    let mut session = Session::new(config, platform::random_seed());
    // A chat opened in a background tab says so once logged in (see "Nobody looking" above).
    session.set_active(!platform::page_hidden());
    let mut pump = Pump {
        session,
        params,
        websocket_url,
        presenter,
        reconnect: Reconnect::new(),
        replace_with: None,
        switching: false,
    };
    // `Session::new` may already have something to say (an unusable configuration).
    let mut link = Link::Down;
    pump.drain(&mut link).await;
    link = match socket {
        Ok(socket) => Link::Opening(socket),
        Err(why) => return pump.presenter.fail(&why),
    };

    let mut started = false;
    let mut waits = Waits::default();
    loop {
        let deadline = pump.drain(&mut link).await;
        if matches!(link, Link::Up(_)) {
            // A new timer only when the deadline moved.
            if waits.timer.as_ref().map(|t| t.deadline_ms) != deadline {
                waits.timer = deadline.map(Timer::at);
            }
            if pump.session.state() == SessionState::Closed {
                // Dropping the socket closes it.
                link = Link::Down;
                waits.timer = None;
                pump.after_loss(&mut waits);
            }
        }

        let input = next_input(&mut link, &mut commands, &mut waits).await;
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
                    pump.reconnect.connect_failed();
                    pump.presenter.connect_failed(&pump.websocket_url);
                    pump.after_loss(&mut waits);
                }
            }
            Input::Command(Some(Command::Wake)) => {
                pump.session.set_active(!platform::page_hidden());
                if matches!(link, Link::Down) && waits.retry.is_some() {
                    waits.retry = Some(Timer::at(now)); // back in view or online: try now
                } else if matches!(link, Link::Up(_)) {
                    pump.overdue(now);
                }
            }
            Input::Command(Some(Command::PresenceLines(on))) => {
                pump.presenter.show_presence_lines(on);
                prefs::store_presence_lines(on);
                pump.presenter.rejoining();
                let mut config = pump.session.config().clone();
                config.show_presence_lines = on;
                config.nickname = Some(pump.session.nick().to_owned());
                // The core reads this setting when a session starts: leave and join again with a
                // new session (the room's history fills the log again).
                pump.rejoin_with(config, &mut link, &mut waits).await;
            }
            Input::Command(Some(Command::SwitchAccount)) => {
                // Replaces a new password being fetched, if any: the new login comes with its own.
                waits.relogin = Some(reconnect::fetch_login(&pump.params, true));
                pump.switching = true;
            }
            Input::Command(Some(Command::Leave)) => {
                pump.session.close();
                pump.drain(&mut link).await;
            }
            Input::Command(None | Some(Command::Shutdown)) => {
                // The UI is gone: leave the room and close the stream properly.
                pump.session.close();
                pump.drain(&mut link).await;
                return;
            }
            Input::Command(Some(command)) => pump.command(command, now),
            Input::Timeout => {
                waits.timer = None;
                pump.session.handle_timeout(now);
            }
            Input::Relogin(answer) if pump.switching => {
                waits.relogin = None;
                pump.switching = false;
                pump.switch_to(answer, &mut link, &mut waits).await;
            }
            Input::Relogin(Ok(Route {
                websocket_url,
                login,
                ..
            })) => {
                waits.relogin = None;
                pump.websocket_url = websocket_url;
                let mut config = pump.params.config(
                    login.credentials.clone(),
                    Some(pump.session.nick().to_owned()),
                );
                config.show_presence_lines = pump.presenter.presence_lines_shown();
                pump.replace_with = Some(config);
                pump.presenter.logged_in_again(&login);
                waits.retry = Some(Timer::at(now));
            }
            Input::Relogin(Err(why)) => {
                waits.relogin = None;
                pump.presenter.fail(&why);
            }
            Input::Retry => {
                waits.retry = None;
                match open(&pump.websocket_url) {
                    Ok(socket) => link = Link::Opening(socket),
                    Err(why) => return pump.presenter.fail(&why),
                }
            }
        }
    }
}

impl Pump {
    /// Hands out what the session has to say (see [`drain`]); returns its next deadline.
    async fn drain(&mut self, link: &mut Link) -> Option<u64> {
        drain::drain(
            &mut self.session,
            &mut self.presenter,
            &mut self.reconnect,
            link.socket(),
            platform::now_ms(),
        )
        .await
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
    fn after_loss(&mut self, waits: &mut Waits) {
        if self.replace_with.is_some() {
            waits.retry = Some(Timer::at(platform::now_ms()));
            return;
        }
        match self
            .reconnect
            .after_loss(self.params.authentication_url.is_some())
        {
            Next::RetryIn(delay) => {
                self.presenter.retrying(self.reconnect.attempts());
                waits.retry = Some(Timer::at(platform::now_ms() + delay));
            }
            // The plugin's passwords are temporary: fetch a new one, then join with a new session
            // (the loop picks the answer up, see `Input::Relogin`).
            Next::Relogin => {
                waits.relogin = Some(reconnect::fetch_login(&self.params, false));
                self.presenter.reconnecting();
            }
            Next::GiveUp => self.presenter.disconnected(),
        }
    }

    /// The viewer logged in or out with an external account: join under the new login with a new
    /// session (the room's history fills the log again), or say why not and go on as before.
    async fn switch_to(&mut self, answer: Result<Route, Msg>, link: &mut Link, waits: &mut Waits) {
        match answer {
            Ok(Route {
                websocket_url,
                login,
                ..
            }) => {
                if websocket_url != self.websocket_url {
                    // A socket being opened goes to the other server: the new session needs this one.
                    if matches!(link, Link::Opening(_)) {
                        *link = Link::Down;
                    }
                    self.websocket_url = websocket_url;
                }
                self.presenter
                    .switched(&login, asks_nick(&self.params, &login));
                let mut config = self.params.config(login.credentials, login.nickname);
                config.show_presence_lines = self.presenter.presence_lines_shown();
                self.rejoin_with(config, link, waits).await;
            }
            Err(why) => {
                self.presenter.switch_failed(&why);
                // A new password was being fetched (and dropped for this): try the old one again.
                if matches!(link, Link::Down) && waits.retry.is_none() {
                    waits.retry = Some(Timer::at(platform::now_ms()));
                }
            }
        }
    }

    /// Leaves the room and joins again at once with a new session made from `config` (see
    /// `replace_session`).
    async fn rejoin_with(&mut self, config: Config, link: &mut Link, waits: &mut Waits) {
        self.replace_with = Some(config);
        if matches!(link, Link::Up(_)) {
            self.session.close();
            self.drain(link).await;
            *link = Link::Down;
            waits.timer = None;
        }
        // A socket being opened carries the new session once it is open.
        if !matches!(link, Link::Opening(_)) {
            waits.retry = Some(Timer::at(platform::now_ms()));
        }
    }

    /// Replaces the session by a new one with `config`, which takes over what was typed and not
    /// delivered (see `Session::successor`).
    fn replace_session(&mut self, config: Config) {
        self.session = self.session.successor(config, platform::random_seed());
        self.presenter.session_replaced();
    }

    fn command(&mut self, command: Command, now: u64) {
        let s = &mut self.session;
        match command {
            Command::SendMessage(body) => {
                s.send_message(&body);
            }
            Command::Retry(id) => s.retry(&id),
            Command::Discard(id) => s.discard(&id),
            Command::ChangeNick(nick) => match s.change_nick(&nick, now) {
                Ok(()) => self.presenter.nick_chosen(&nick),
                Err(e) => self.presenter.nick_refused(&e),
            },
            Command::Kick(nick) => s.kick(&nick, None),
            Command::Ban(nick) => s.ban(&nick, None),
            Command::Mute(nick) => s.mute(&nick, None),
            Command::Voice(nick) => s.give_voice(&nick, None),
            Command::Retract(stanza_id) => s.retract(&stanza_id, None),
            Command::CorrectLast(body) => {
                s.correct_last(&body);
            }
            Command::RetractOwn(key) => {
                s.retract_own(key);
            }
            Command::Vote(choice) => {
                s.vote(choice);
            }
            Command::PollForm => s.poll_form(),
            Command::CreatePoll(poll) => {
                let choices: Vec<&str> = poll.choices.iter().map(String::as_str).collect();
                s.create_poll(&poll.question, poll.minutes, poll.anonymous, &choices);
            }
            Command::Announce(kind, body) => {
                s.send_announcement(kind, &body);
            }
            Command::Background(rgb) => self.presenter.background(&self.session, rgb),
            // Handled by the loop, which owns the socket.
            Command::Wake
            | Command::PresenceLines(_)
            | Command::SwitchAccount
            | Command::Leave
            | Command::Shutdown => {}
        }
    }
}
