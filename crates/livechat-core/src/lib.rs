//! The protocol and room model of the lean PeerTube live chat, as a sans-IO state machine.
//!
//! [`Session`] owns no socket, no timer and no DOM. The caller feeds it what came from outside
//! (`handle_frame`, `handle_timeout`, `handle_closed`) and the user's commands, then drains, in this
//! order, the frames to send (`poll_transmit`), the next deadline (`poll_timeout`) and the events for
//! the UI (`poll_event`). The browser client, the native load generator, the fuzzer and the tests all
//! drive this same code.
//!
//! The layout follows quinn-proto's `connection/`:
//! - [`session`]: `Session` orchestrates; login, stream management (XEP-0198), client state
//!   indication (XEP-0352), the room's presences and nicknames, messages, moderation, keep-alive
//!   and the room-info poll each have a file beside it, with one table of timers. Every command
//!   that schedules something takes `now_ms`.
//! - `stanza`: builders and readers side by side, one file per family (stream and SASL, stream
//!   management, iq, presence, message, moderation, disco, data forms, polls, the PeerTube
//!   plugin's marks, references, corrections and retractions). Readers turn elements into small
//!   typed values (`MucPresence`, `Groupchat`, `RoomInfo`, [`Poll`], …) that the session acts on.
//! - [`room`], [`log`], [`outbox`], [`policy`]: what the UI shows and what it keeps; [`xml`],
//!   [`jid`], [`text`]: the parts that checking and escaping rest on; [`color`], [`avatar`]: who
//!   looks like whom.
//!
//! **Nobody looking** (XEP-0352): [`Session::set_active`]`(false)` when the page is hidden,
//! `(true)` when it shows again (the browser does it on `visibilitychange`; the load generator
//! makes a share of its viewers inactive with it). The server is told only if it offers client
//! state indication, only on a change, and again on every new or resumed stream while the session
//! is inactive; it may then hold back presences and body-less messages until something urgent
//! comes (never a message with a body). [`Session::server_told_inactive`] says whether this
//! stream's server was told.
//!
//! A new room feature adds its reader in `stanza` (a variant of what a message or presence
//! carries), its handling beside the session, and its state where the UI reads it.
//!
//! The PeerTube plugin's room features, so read:
//! - **Polls**: [`Room::poll`] (question, choices with live counts, end, over, our vote);
//!   [`Event::PollChanged`]. [`Session::vote`] (also what [`Session::send_message`] does with
//!   `!N` while a poll runs: [`Room::vote_in`] tells a UI not to start slow mode's countdown),
//!   answered by [`Event::VoteResult`]; owners' [`Session::poll_form`] and
//!   [`Session::create_poll`], answered by [`Event::PollForm`] and [`Event::PollCreated`]. A
//!   poll's start and end are log entries of [`MessageKind::Poll`], a shown vote one of
//!   [`MessageKind::Vote`].
//! - **Terms**: [`Room::terms`] (global and the room's, each with a stable key), never a log line;
//!   [`Event::TermsChanged`].
//! - **Announcements**: [`MessageKind::Announcement`]; [`Session::send_announcement`].
//! - **Modes**: [`RoomInfo`]'s `moderation_delay_seconds`, `emoji_only`, `mute_anonymous`,
//!   `slow_mode_seconds`; a held message's [`log::ChatMessage::held_until_ms`] (moderators); a
//!   refusal read into [`Refusal`] (`Outgoing::refusal`, [`Event::SendFailed`]).
//! - **Mentions** (XEP-0372): `@nick` of present occupants sent as references;
//!   [`log::ChatMessage::mentions_me`] and [`Event::Mentioned`]; [`Room::complete_nick`].
//! - **Own messages**: [`Session::correct_last`] (XEP-0308), [`Session::last_own_body`],
//!   [`Session::retract_own`] (XEP-0424); the log changes when the room echoes them.

pub mod avatar;
pub mod backoff;
pub mod chat_message;
pub mod color;
pub mod config;
pub mod error;
pub mod event;
pub mod form;
pub mod jid;
pub mod log;
pub mod mention;
pub mod occupant;
pub mod outbox;
pub mod policy;
pub mod poll;
pub mod refusal;
pub mod room;
pub mod room_info;
pub mod session;
mod stanza;
pub mod terms;
pub mod text;
pub mod xml;

pub use backoff::Backoff;
pub use config::{AutomaticNicks, Config, Credentials};
pub use error::SessionError;
pub use event::Event;
pub use log::{ChatMessage, LogEntry, MessageKind, MessageLog};
pub use outbox::{Outbox, Outgoing, OutgoingKind, OutgoingState};
pub use poll::Poll;
pub use refusal::Refusal;
pub use room::{Occupant, Room, RoomInfo};
pub use session::{Session, SessionState};
pub use terms::Terms;
