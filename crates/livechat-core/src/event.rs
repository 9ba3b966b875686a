//! What the session tells its UI. Events say *that* something changed; the UI reads the new
//! state from [`crate::Session::room`], so a burst of stanzas never floods it with copies.

use crate::error::SessionError;
use crate::form::DataForm;
use crate::refusal::Refusal;
use crate::session::SessionState;

/// Why the room removed us (the status code of our own unavailable presence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Removal {
    /// 307
    Kicked,
    /// 301
    Banned,
    /// 321: our affiliation changed in a members-only room.
    AffiliationChanged,
    /// 322: the room became members-only.
    MembersOnly,
    /// 332: the MUC service is shutting down.
    ServiceShutdown,
    /// An unavailable presence without any of those codes (the server dropped us).
    Other,
}

/// A moderator action the UI asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Kick { nick: String },
    Ban { nick: String },
    Mute { nick: String },
    Voice { nick: String },
    Retract { stanza_id: String },
    ChangeSubject,
}

/// New kinds may be added: match with a wildcard arm.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// The session moved to another state.
    State(SessionState),
    /// Our own presence came back with status 110: we are in the room under `nick`.
    /// `created` is status 201, `nick_assigned` is status 210 (the service changed our nickname).
    Joined {
        nick: String,
        created: bool,
        nick_assigned: bool,
    },
    /// Status 303 on our own presence: our nickname changed.
    NickChanged { nick: String },
    /// Our role changed (muted, given voice, made moderator).
    OwnRoleChanged,
    /// The room removed us; `actor` and `reason` as the room gave them.
    Removed {
        removal: Removal,
        actor: Option<String>,
        reason: Option<String>,
    },
    /// The nickname is taken (409 conflict): ask the user for another one.
    NickConflict { nick: String },
    /// Something went wrong; see [`SessionError::is_transient`] for whether to reconnect.
    Error(SessionError),
    /// The message log changed: an entry added, corrected, retracted or pruned.
    LogChanged,
    /// Occupants joined, left, or changed role; the anonymous count may have changed.
    OccupantsChanged,
    /// The room subject changed.
    SubjectChanged,
    /// The room's disco#info (slow mode, occupant count, moderation) was read.
    RoomInfoChanged,
    /// The outbox changed: a message queued, delivered, refused or discarded.
    OutboxChanged,
    /// The room refused a message we sent (slow mode, no voice, …): `refusal` says why where the
    /// client can tell, the condition and the server's text always.
    SendFailed {
        origin_id: String,
        condition: String,
        text: Option<String>,
        refusal: Refusal,
    },
    /// A moderator command was carried out or refused.
    CommandResult {
        command: Command,
        error: Option<String>,
    },
    /// The room's poll started, changed (counts, over) or was dropped: see
    /// [`crate::Room::poll`].
    PollChanged,
    /// Our vote for `choice` was counted (`Ok`, also when an anonymous poll answers it with a
    /// warning), or refused.
    VoteResult {
        choice: u32,
        result: Result<(), Refusal>,
    },
    /// The room's poll form (owners and admins), or why the room would not give it.
    PollForm(Result<DataForm, String>),
    /// The poll we asked for was created (it comes as [`Event::PollChanged`]), or why not.
    PollCreated(Result<(), String>),
    /// The room's terms changed (on joining, or when a moderator edits them): see
    /// [`crate::Room::terms`].
    TermsChanged,
    /// A live message (not history) mentions us: the log entry with this key.
    Mentioned { key: u64 },
}
