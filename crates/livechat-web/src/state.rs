//! What the chat shows, as reactive signals: the transport task writes them, components read them
//! (and a few, such as the draft or the nickname prompt, are written by both). Nothing here knows
//! XMPP; the session's state is mapped to the few statuses a viewer needs.

use leptos::prelude::*;
use livechat_core::form::DataForm;
use livechat_core::terms::Terms;
use livechat_core::{Poll, SessionState};

use crate::log_view::EntryView;
use crate::roster_view::OccupantView;

/// The connection as the viewer sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Connecting,
    Joining,
    Joined,
    /// The connection dropped; trying again (the attempt count is in [`ChatState::attempt`]).
    Reconnecting,
    /// The stream is up but we are not in the room (removed, or the join was refused).
    NotInRoom,
    /// Over, for a reason that retrying would not fix (see the alert).
    Disconnected,
}

impl From<SessionState> for Status {
    fn from(state: SessionState) -> Self {
        match state {
            SessionState::Idle
            | SessionState::Connecting
            | SessionState::Authenticating
            | SessionState::Binding => Status::Connecting,
            SessionState::Joining => Status::Joining,
            SessionState::Joined => Status::Joined,
            SessionState::NotInRoom => Status::NotInRoom,
            SessionState::Closing | SessionState::Closed => Status::Disconnected,
        }
    }
}

impl Status {
    /// A stable name for CSS and tests (`data-status`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Connecting => "connecting",
            Status::Joining => "joining",
            Status::Joined => "joined",
            Status::Reconnecting => "reconnecting",
            Status::NotInRoom => "not-in-room",
            Status::Disconnected => "disconnected",
        }
    }
}

/// Our role in the room, as far as the UI cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Moderator,
    Participant,
    /// Cannot speak: muted, or an anonymous viewer in a room that mutes them.
    Visitor,
}

/// One message typed here and not echoed by the room yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxView {
    pub origin_id: String,
    pub body: String,
    /// `Some(reason)` when the room refused it.
    pub failed: Option<String>,
}

/// The nickname prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NickPrompt {
    Closed,
    /// Open, with what went wrong last time (taken, not allowed).
    Open {
        problem: Option<String>,
    },
}

/// A short notice that goes away on its own (moderation results).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub error: bool,
}

/// What the room answered about one of our votes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VoteOutcome {
    /// Counts the answers: the same choice answered twice is two outcomes.
    pub seq: u32,
    pub choice: u32,
    /// Counted (also the anonymous poll's bounce), or refused (the toast says why).
    pub counted: bool,
}

/// The owners' and admins' tool that is open, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerPanel {
    PollForm,
    Announcement,
}

/// The signals of one mounted chat. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct ChatState {
    pub status: RwSignal<Status>,
    /// The room is on screen: joined, and the history it replays on join drawn.
    pub shown: RwSignal<bool>,
    /// Reconnection attempts since the connection was last good.
    pub attempt: RwSignal<u32>,
    /// Our nickname in the room, once joined.
    pub nick: RwSignal<Option<String>>,
    /// Our nickname is an automatic `Anonymous NNNNNN`: reading only, until one is chosen.
    pub automatic_nick: RwSignal<bool>,
    /// Logged in with an account (PeerTube user or streamer token): no nickname to choose.
    pub account: RwSignal<bool>,
    /// The account is an external one (the plugin's external logins): the viewer can log out.
    pub external_account: RwSignal<bool>,
    pub subject: RwSignal<Option<String>>,
    /// The latest problem to tell the viewer about (connection, refusal).
    pub alert: RwSignal<Option<String>>,
    pub toast: RwSignal<Option<Toast>>,
    /// The room's message log, oldest first, as the list renders it.
    pub entries: RwSignal<Vec<EntryView>>,
    /// Occupants with a chosen nickname, moderators first.
    pub occupants: RwSignal<Vec<OccupantView>>,
    /// Occupants who kept an automatic nickname: counted, not listed.
    pub anonymous_count: RwSignal<usize>,
    pub am_moderator: RwSignal<bool>,
    pub own_role: RwSignal<Option<Role>>,
    /// The room's slow mode: seconds between two messages.
    pub slow_mode_seconds: RwSignal<Option<u32>>,
    /// The room is moderated (visitors cannot speak).
    pub moderated: RwSignal<bool>,
    pub outbox: RwSignal<Vec<OutboxView>>,
    pub nick_prompt: RwSignal<NickPrompt>,
    /// Moderators: join and leave lines are shown.
    pub presence_lines: RwSignal<bool>,
    /// What is typed in the input: kept across reconnections and re-renders.
    pub draft: RwSignal<String>,
    /// Slow mode: when the input opens again (ms since the epoch).
    pub cooldown_until_ms: RwSignal<Option<f64>>,
    /// The colour the chat is drawn on, for readable nickname colours.
    pub background: RwSignal<[u8; 3]>,
    /// Emoji-only mode: the room refuses other messages from non-moderators.
    pub emoji_only: RwSignal<bool>,
    /// The text of our last message (delivered or on its way): what ↑ brings back to correct.
    pub last_own_body: RwSignal<Option<String>>,
    /// The draft corrects our last message.
    pub editing: RwSignal<bool>,
    /// Live messages that mentioned us so far (counts them: the list tells a viewer scrolled up).
    pub mentions: RwSignal<u32>,
    /// The room's poll, running or just ended (the banner).
    pub poll: RwSignal<Option<Poll>>,
    /// The answer to our latest vote.
    pub last_vote: RwSignal<Option<VoteOutcome>>,
    /// The room's terms, the instance's and its own.
    pub terms: RwSignal<Terms>,
    /// Owner or admin of the room: creates polls, sends announcements.
    pub am_admin: RwSignal<bool>,
    pub owner_panel: RwSignal<Option<OwnerPanel>>,
    /// The room's poll form, once asked for (or why the room would not give it).
    pub poll_form: RwSignal<Option<Result<DataForm, String>>>,
    /// The room's answer to the poll we asked it to create.
    pub poll_created: RwSignal<Option<Result<(), String>>>,
}

impl ChatState {
    pub fn new() -> Self {
        ChatState {
            status: RwSignal::new(Status::Connecting),
            shown: RwSignal::new(false),
            attempt: RwSignal::new(0),
            nick: RwSignal::new(None),
            automatic_nick: RwSignal::new(false),
            account: RwSignal::new(false),
            external_account: RwSignal::new(false),
            subject: RwSignal::new(None),
            alert: RwSignal::new(None),
            toast: RwSignal::new(None),
            entries: RwSignal::new(Vec::new()),
            occupants: RwSignal::new(Vec::new()),
            anonymous_count: RwSignal::new(0),
            am_moderator: RwSignal::new(false),
            own_role: RwSignal::new(None),
            slow_mode_seconds: RwSignal::new(None),
            moderated: RwSignal::new(false),
            outbox: RwSignal::new(Vec::new()),
            nick_prompt: RwSignal::new(NickPrompt::Closed),
            presence_lines: RwSignal::new(false),
            draft: RwSignal::new(String::new()),
            cooldown_until_ms: RwSignal::new(None),
            background: RwSignal::new([255, 255, 255]),
            emoji_only: RwSignal::new(false),
            last_own_body: RwSignal::new(None),
            editing: RwSignal::new(false),
            mentions: RwSignal::new(0),
            poll: RwSignal::new(None),
            last_vote: RwSignal::new(None),
            terms: RwSignal::new(Terms::default()),
            am_admin: RwSignal::new(false),
            owner_panel: RwSignal::new(None),
            poll_form: RwSignal::new(None),
            poll_created: RwSignal::new(None),
        }
    }

    /// The chat cannot go on: say why.
    pub fn fail(&self, why: String) {
        self.alert.set(Some(why));
        self.status.set(Status::Disconnected);
    }

    /// Shows a short notice for a few seconds.
    pub fn notify(&self, text: String, error: bool) {
        let id = self
            .toast
            .with_untracked(|t| t.as_ref().map_or(1, |t| t.id + 1));
        self.toast.set(Some(Toast { id, text, error }));
        let toast = self.toast;
        set_timeout(
            move || {
                if toast.try_with_untracked(|t| t.as_ref().is_some_and(|t| t.id == id))
                    == Some(true)
                {
                    toast.set(None);
                }
            },
            std::time::Duration::from_millis(TOAST_MS),
        );
    }

    /// The viewer may write: in the room (or on the way back to it), with a chosen nickname, and
    /// allowed to speak.
    pub fn can_talk(&self) -> bool {
        !self.automatic_nick.get() && self.own_role.get() != Some(Role::Visitor)
    }

    /// Whether sending `body` now is a vote in the running poll (`!N`): the room counts it before
    /// slow mode sees it, so it must not start the slow-mode countdown.
    pub fn is_vote(&self, body: &str) -> bool {
        self.poll
            .with_untracked(|p| p.as_ref().is_some_and(|p| p.vote_in(body).is_some()))
    }
}

/// How long a toast stays.
pub const TOAST_MS: u64 = 6_000;

impl Default for ChatState {
    fn default() -> Self {
        Self::new()
    }
}
