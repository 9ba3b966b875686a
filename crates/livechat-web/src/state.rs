//! What the chat shows, as reactive signals: the transport task writes them, components read them.
//! Nothing here knows XMPP; the session's state is mapped to the few statuses a viewer needs.

use leptos::prelude::*;
use livechat_core::SessionState;

use crate::log_view::EntryView;

/// The connection as the viewer sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Connecting,
    Joining,
    Joined,
    /// The stream is up but we are not in the room (removed, or the join was refused).
    NotInRoom,
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
            Status::NotInRoom => "not-in-room",
            Status::Disconnected => "disconnected",
        }
    }
}

/// The signals of one mounted chat. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct ChatState {
    pub status: RwSignal<Status>,
    /// Our nickname in the room, once joined.
    pub nick: RwSignal<Option<String>>,
    pub subject: RwSignal<Option<String>>,
    /// The latest problem to tell the viewer about (connection, refusal, message not sent).
    pub alert: RwSignal<Option<String>>,
    /// The room's message log, oldest first, as the list renders it.
    pub entries: RwSignal<Vec<EntryView>>,
}

impl ChatState {
    pub fn new() -> Self {
        ChatState {
            status: RwSignal::new(Status::Connecting),
            nick: RwSignal::new(None),
            subject: RwSignal::new(None),
            alert: RwSignal::new(None),
            entries: RwSignal::new(Vec::new()),
        }
    }

    /// The chat cannot go on: say why.
    pub fn fail(&self, why: String) {
        self.alert.set(Some(why));
        self.status.set(Status::Disconnected);
    }
}

impl Default for ChatState {
    fn default() -> Self {
        Self::new()
    }
}
