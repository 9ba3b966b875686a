//! Why the room refused something we sent, read into what a UI can explain: the plugin's rooms
//! answer several refusals with the same condition (`policy-violation` for slow mode, emoji-only
//! mode and a forbidden announcement), told apart by the error's type and by what was sent.

use crate::stanza::ErrorType;

/// Why a message, a correction or a vote was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Slow mode: too soon after our last message (`wait`, policy-violation).
    SlowMode,
    /// Emoji-only mode: only emojis are accepted (`modify`, policy-violation, while the room says
    /// it is in that mode).
    EmojiOnly,
    /// Only the room's owners and admins may send announcements.
    AnnouncementNotAllowed,
    /// We have no voice (muted, or an anonymous viewer where those are muted): forbidden.
    NoVoice,
    /// A vote for a poll that is over, or when none runs.
    PollOver,
    /// A vote for a choice the poll does not have.
    InvalidChoice,
    /// The client did not send it: it is not in the room (a vote from outside it, a message
    /// typed during a join the room refused or never answered).
    NotInRoom,
    /// Something else: the condition and the server's text say what.
    Other,
}

/// What was refused, as far as telling refusals apart goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sent {
    Message,
    Announcement,
    Vote,
}

impl Refusal {
    /// The refusal of what we `sent`, from the error's type and condition; `emoji_only` is the
    /// room's mode as last read.
    pub(crate) fn read(
        sent: Sent,
        error_type: Option<ErrorType>,
        condition: &str,
        emoji_only: bool,
    ) -> Refusal {
        match (sent, error_type, condition) {
            (_, _, "forbidden") => Refusal::NoVoice,
            (Sent::Vote, _, "not-allowed") => Refusal::PollOver,
            (Sent::Vote, _, "bad-request") => Refusal::InvalidChoice,
            (_, Some(ErrorType::Wait), "policy-violation") => Refusal::SlowMode,
            (Sent::Announcement, Some(ErrorType::Modify), "policy-violation") => {
                Refusal::AnnouncementNotAllowed
            }
            (_, Some(ErrorType::Modify), "policy-violation") if emoji_only => Refusal::EmojiOnly,
            _ => Refusal::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_condition_tells_three_refusals() {
        let read = |sent, t, c| Refusal::read(sent, Some(t), c, true);
        use ErrorType::*;
        assert_eq!(
            read(Sent::Message, Wait, "policy-violation"),
            Refusal::SlowMode
        );
        assert_eq!(
            read(Sent::Message, Modify, "policy-violation"),
            Refusal::EmojiOnly
        );
        assert_eq!(
            read(Sent::Announcement, Modify, "policy-violation"),
            Refusal::AnnouncementNotAllowed
        );
        assert_eq!(
            Refusal::read(Sent::Message, Some(Modify), "policy-violation", false),
            Refusal::Other,
            "not in emoji-only mode: another rule of the room"
        );
        assert_eq!(read(Sent::Vote, Cancel, "not-allowed"), Refusal::PollOver);
        assert_eq!(
            read(Sent::Vote, Cancel, "bad-request"),
            Refusal::InvalidChoice
        );
        assert_eq!(read(Sent::Message, Auth, "forbidden"), Refusal::NoVoice);
        assert_eq!(
            Refusal::read(Sent::Message, None, "odd", true),
            Refusal::Other
        );
    }
}
