//! What the UI asks of the session, and the handle it asks through: a channel to the transport
//! task, which owns the session.

use futures::channel::mpsc::{self, UnboundedReceiver, UnboundedSender};
use livechat_core::log::AnnouncementKind;

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
    /// Correct our last message with this text (XEP-0308).
    CorrectLast(String),
    /// Take back our message with this log key, for everyone (XEP-0424).
    RetractOwn(u64),
    /// Vote for a choice of the running poll.
    Vote(u32),
    /// Owners and admins: ask the room for its poll form.
    PollForm,
    /// Owners and admins: start a poll (ending the running one).
    CreatePoll(NewPoll),
    /// Owners and admins: send a message in one of the announcement styles.
    Announce(AnnouncementKind, String),
    /// Moderators: show join and leave lines.
    PresenceLines(bool),
    /// The chat's background colour changed (theme): recolour the nicknames.
    Background([u8; 3]),
    /// The viewer logged in or out with an external account (its token is stored or removed):
    /// log in again as the token says, anonymous without one, with a new session.
    SwitchAccount,
    /// The page was hidden or shown, or came back online: check the connection now, and tell the
    /// server whether anyone is looking (XEP-0352).
    Wake,
    /// The page is going away: leave the room and close the stream politely now, so the server
    /// does not keep a resumable ghost of an account's session for minutes (XEP-0198).
    Leave,
    /// The chat is taken out of the page: leave, close, and end the task. (Dropping every
    /// [`Commands`] would say the same, but event handlers handed to the browser keep their clones
    /// until the garbage collector runs.)
    Shutdown,
}

/// A poll as its owner filled the room's form in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPoll {
    pub question: String,
    pub minutes: u32,
    pub anonymous: bool,
    /// Two to five labels, in order.
    pub choices: Vec<String>,
}

/// The UI's handle on the running session. Dropping every clone leaves the room and closes the
/// session.
#[derive(Clone)]
pub struct Commands(UnboundedSender<Command>);

impl Commands {
    /// A handle and the receiving end: for [`connect`](super::connect), and for tests that check
    /// what the UI asks.
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
