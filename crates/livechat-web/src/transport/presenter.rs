//! The session's events turned into the signals of [`ChatState`]: the only writer of what the chat
//! shows about its session (components write only what the viewer does: the draft, the prompt).
//!
//! The presenter reads the session and never commands it: when showing an event calls for
//! something from the session (a taken nickname while joining calls for a rejoin under an
//! automatic one), it hands back a [`FollowUp`] for the caller to apply, so that every command
//! goes through the loop, which sends what it queued.

use leptos::prelude::*;
use livechat_core::{Event, OutgoingState, Refusal, Session, SessionError, SessionState};

use crate::i18n::{Lang, Msg};
use crate::identity::Identities;
use crate::log_view::LogProjection;
use crate::login::Login;
use crate::roster_view::{self, NickOrder};
use crate::state::{ChatState, NickPrompt, OutboxView, Status, VoteOutcome};
use crate::transport::texts::{
    command_result_text, error_text, refusal_text, removal_text, vote_refused_text,
};
use crate::{platform, prefs};

/// What showing an event asks of the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// Our nickname was taken before we were in the room: join as an automatic viewer to read at
    /// once (the prompt asks for another nickname meanwhile).
    JoinAs(String),
}

/// Writes the chat's signals from the session's events.
pub struct Presenter {
    state: ChatState,
    lang: Lang,
    log_view: LogProjection,
    roster: Identities,
    nick_order: NickOrder,
    /// Viewers who cannot write are never asked for a nickname.
    read_only: bool,
    /// Logged in with an account: its nickname is the account's, never remembered here and never
    /// an automatic one.
    account: bool,
    /// How the viewer was logged in, told again once joined.
    notice: Option<Msg>,
    /// The link dropped: until joined again the status says "reconnecting".
    reconnecting: bool,
    /// The nickname the viewer just chose: remembered once the room accepts it.
    chosen_nick: Option<String>,
    /// The log changed since it was last drawn.
    log_stale: bool,
}

impl Presenter {
    /// A presenter for `state`, in `lang`, with nicknames coloured for the `background` the chat is
    /// drawn on.
    pub fn new(state: ChatState, lang: Lang, background: [u8; 3], read_only: bool) -> Self {
        Presenter {
            state,
            lang,
            log_view: LogProjection::new(background).with_lang(lang),
            roster: Identities::new(background),
            nick_order: NickOrder::new(lang),
            read_only,
            account: false,
            notice: None,
            reconnecting: false,
            chosen_nick: None,
            log_stale: false,
        }
    }

    /// Who we log in as; `ask_nick` opens the nickname prompt at once.
    pub fn logged_in(&mut self, login: &Login, ask_nick: bool) {
        self.account = login.account;
        self.notice = login.notice.clone();
        self.state.account.set(login.account);
        self.state.external_account.set(login.external);
        if let Some(notice) = &login.notice {
            self.state.alert.set(Some(notice.render(self.lang)));
        }
        if ask_nick {
            self.state
                .nick_prompt
                .set(NickPrompt::Open { problem: None });
        }
    }

    /// The viewer logged in or out with an external account: a new session joins under `login`
    /// (the status says "reconnecting" until it has); `ask_nick` opens the nickname prompt.
    pub fn switched(&mut self, login: &Login, ask_nick: bool) {
        self.chosen_nick = None;
        self.state.nick_prompt.set(NickPrompt::Closed);
        self.state.alert.set(None);
        self.logged_in(login, ask_nick);
        self.rejoining();
    }

    /// The login the viewer switched to failed: the session in place goes on.
    pub fn switch_failed(&self, why: &Msg) {
        self.state.alert.set(Some(why.render(self.lang)));
    }

    /// A new login for the account (its password was refused): told once joined again.
    pub fn logged_in_again(&mut self, login: &Login) {
        self.account = login.account;
        self.notice = login.notice.clone();
    }

    /// The chat cannot go on: say why.
    pub fn fail(&self, why: &Msg) {
        self.state.fail(why.render(self.lang));
    }

    /// The socket to `url` did not open.
    pub fn connect_failed(&self, url: &str) {
        self.state.alert.set(Some(
            self.lang.t_args("connect-failed", &[("url", url.into())]),
        ));
    }

    /// Connecting again: until joined, the status says "reconnecting".
    pub fn reconnecting(&mut self) {
        self.reconnecting = true;
        self.state.status.set(Status::Reconnecting);
    }

    /// Waiting to connect again, for the `attempt`th time since the link was last good.
    pub fn retrying(&mut self, attempt: u32) {
        self.state.attempt.set(attempt);
        self.reconnecting();
    }

    /// Leaving to join again with a new session: the status says "reconnecting" until joined.
    pub fn rejoining(&mut self) {
        self.reconnecting = true;
    }

    /// Nothing will try again.
    pub fn disconnected(&self) {
        self.state.status.set(Status::Disconnected);
    }

    /// Moderators: join and leave lines shown, or not.
    pub fn show_presence_lines(&self, on: bool) {
        self.state.presence_lines.set(on);
    }

    pub fn presence_lines_shown(&self) -> bool {
        self.state.presence_lines.get_untracked()
    }

    /// The viewer asked the room for `nick`; the answer decides whether it is remembered.
    pub fn nick_chosen(&mut self, nick: &str) {
        self.chosen_nick = Some(nick.trim().to_owned());
    }

    /// The nickname asked for cannot even be put to the room.
    pub fn nick_refused(&self, error: &SessionError) {
        self.state.nick_prompt.set(NickPrompt::Open {
            problem: Some(error_text(error).render(self.lang)),
        });
    }

    /// The chat's background changed: recolour the nicknames.
    pub fn background(&mut self, session: &Session, rgb: [u8; 3]) {
        self.roster.set_background(rgb);
        if self.log_view.set_background(rgb) {
            self.state
                .entries
                .set(self.log_view.project(session.room().log()));
            self.state.occupants.set(roster_view::project(
                session.room(),
                &mut self.roster,
                &self.nick_order,
            ));
        }
    }

    /// A new session: its log starts again, and so do the rows drawn from it.
    pub fn session_replaced(&mut self) {
        self.log_view.forget_rows();
    }

    /// Shows one event of `session`.
    pub fn show(&mut self, session: &Session, event: Event) -> Option<FollowUp> {
        let state = self.state;
        match event {
            Event::State(s) => self.show_state(s),
            Event::Joined { nick, .. } => self.joined(session, nick),
            Event::NickChanged { nick } => self.nick_is(session, nick),
            Event::OwnRoleChanged | Event::OccupantsChanged => self.show_occupants(session),
            Event::LogChanged => self.log_stale = true,
            Event::SubjectChanged => state
                .subject
                .set(session.room().subject().map(str::to_owned)),
            Event::RoomInfoChanged => {
                let room = session.room();
                let info = room.info();
                state
                    .slow_mode_seconds
                    .set(info.slow_mode_seconds.filter(|s| *s > 0));
                state.moderated.set(info.moderated);
                state.emoji_only.set(info.emoji_only);
                state.anonymous_count.set(room.anonymous_count());
            }
            Event::OutboxChanged => state.outbox.set(outbox_views(session, self.lang)),
            Event::Error(SessionError::MalformedFrame { reason }) => {
                // Not the viewer's problem: the session goes on.
                web_sys::console::warn_1(&format!("livechat: {reason}").into());
            }
            // A transient loss is told by the status ("reconnecting"), not as an alert.
            Event::Error(e) if e.is_transient() => {}
            Event::Error(e) => state.alert.set(Some(error_text(&e).render(self.lang))),
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
            Event::NickConflict { nick } => return self.nick_conflict(session, nick),
            Event::PollChanged => state.poll.set(session.room().poll().cloned()),
            Event::VoteResult { choice, result } => {
                if let Err(refusal) = result {
                    state.notify(vote_refused_text(refusal).render(self.lang), true);
                }
                let seq = state
                    .last_vote
                    .with_untracked(|v| v.map_or(1, |v| v.seq + 1));
                state.last_vote.set(Some(VoteOutcome {
                    seq,
                    choice,
                    counted: result.is_ok(),
                }));
            }
            Event::PollForm(form) => state.poll_form.set(Some(form)),
            Event::PollCreated(result) => state.poll_created.set(Some(result)),
            Event::TermsChanged => state.terms.set(session.room().terms().clone()),
            Event::Mentioned { .. } => state.mentions.update(|n| *n += 1),
            Event::CommandResult { command, error } => {
                let failed = error.is_some();
                let text = command_result_text(&command, error).render(self.lang);
                state.notify(text, failed);
            }
            // A refused message is marked in the outbox (OutboxChanged). (A wildcard, so that a
            // new event in the core does not break this build before the UI has a use for it.)
            _ => {}
        }
        None
    }

    /// Draws the log if it changed: once for a frame's events, and once for the whole history a
    /// join replays (the room sends it as one frame per message, and drawing each cost a layout
    /// and a paint). Drawn in the room, the room is shown (`ChatState::shown`).
    pub fn draw_log(&mut self, session: &Session) {
        if session.replaying_history() {
            return;
        }
        if self.log_stale {
            self.log_stale = false;
            self.state
                .entries
                .set(self.log_view.project(session.room().log()));
        }
        // What ↑ brings back to correct (a reader never writes: nothing to look for).
        let last = session.last_own_body().filter(|_| !self.read_only);
        if self
            .state
            .last_own_body
            .with_untracked(|l| l.as_deref() != last)
        {
            self.state.last_own_body.set(last.map(str::to_owned));
        }
        // (`try_`, as in `show_state`.)
        let shown = session.state() == SessionState::Joined;
        if self.state.shown.try_get_untracked() == Some(!shown) {
            self.state.shown.set(shown);
        }
    }

    fn show_state(&mut self, s: SessionState) {
        let status = match Status::from(s) {
            Status::Joined => Status::Joined,
            // Back on the server but refused by the room: nothing will retry, so the status must
            // not say "reconnecting" (the alert says why).
            Status::NotInRoom => {
                self.reconnecting = false;
                Status::NotInRoom
            }
            _ if self.reconnecting => Status::Reconnecting,
            status => status,
        };
        // Several login steps show as one status: the UI hears only of a change.
        // (`try_`: the chat may be gone already, unmounted while the session closes.)
        if self
            .state
            .status
            .try_get_untracked()
            .is_some_and(|s| s != status)
        {
            self.state.status.set(status);
        }
    }

    fn joined(&mut self, session: &Session, nick: String) {
        self.reconnecting = false;
        let state = self.state;
        state.attempt.set(0);
        state
            .alert
            .set(self.notice.take().map(|n| n.render(self.lang)));
        state.status.set(Status::Joined);
        self.nick_is(session, nick);
        self.show_occupants(session);
    }

    /// Our nickname in the room is `nick` (joined, or renamed).
    fn nick_is(&mut self, session: &Session, nick: String) {
        let automatic = session.room().is_automatic_nick(&nick);
        if self.chosen_nick.as_deref() == Some(nick.as_str()) {
            // The room accepted the viewer's choice: remember it for the next visits.
            self.chosen_nick = None;
            if !self.account {
                if let Some(storage) = prefs::local_storage() {
                    prefs::remember_nick(&storage, &nick, platform::now_ms() as f64);
                }
            }
            self.state.nick_prompt.set(NickPrompt::Closed);
        }
        // A read-only viewer's nickname (`Viewer NNNNNN`) is not theirs to change either.
        self.state
            .automatic_nick
            .set((automatic || self.read_only) && !self.account);
        self.state.nick.set(Some(nick));
    }

    fn nick_conflict(&mut self, session: &Session, nick: String) -> Option<FollowUp> {
        self.chosen_nick = None;
        let problem = self.lang.t_args(
            "nick-taken",
            &[("nick", livechat_core::text::display_nick(&nick).into())],
        );
        if !self.read_only {
            self.state.nick_prompt.set(NickPrompt::Open {
                problem: Some(problem),
            });
        }
        // Not in the room yet (a remembered or account nickname is taken): join as an automatic
        // viewer to read at once; the prompt asks for another nickname. In the room, a failed
        // change keeps the old one.
        (session.state() == SessionState::Joining).then(|| {
            if let Some(storage) = prefs::local_storage() {
                prefs::forget_nick(&storage);
            }
            FollowUp::JoinAs(platform::automatic_nick())
        })
    }

    fn show_occupants(&mut self, session: &Session) {
        let room = session.room();
        let state = self.state;
        state.occupants.set(roster_view::project(
            room,
            &mut self.roster,
            &self.nick_order,
        ));
        state.anonymous_count.set(room.anonymous_count());
        state.am_moderator.set(room.am_moderator());
        state.am_admin.set(room.am_admin());
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
            failed: match (&o.state, o.refusal) {
                // The server's words would be the rule in its own language: ours say it.
                (OutgoingState::Failed { .. }, Some(Refusal::EmojiOnly)) => {
                    Some(lang.t("refusal-emoji-only"))
                }
                (OutgoingState::Failed { .. }, Some(Refusal::AnnouncementNotAllowed)) => {
                    Some(lang.t("refusal-announcement-not-allowed"))
                }
                (OutgoingState::Failed { condition, text }, _) => {
                    Some(refusal_text(condition, text.as_deref(), lang))
                }
                _ => None,
            },
        })
        .collect()
}
