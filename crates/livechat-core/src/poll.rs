//! The room's poll (the PeerTube plugin's `mod_muc_poll`) as a banner shows it: the question, the
//! choices with their live counts, when it ends, whether it is over, and what we know of our vote.
//! The room sends it whole each time (on start, every few seconds while votes come in, at the end,
//! and to each newcomer), so the state is the last one read.

/// The plugin's form offers five choices; a hostile poll cannot make a banner of a hundred.
pub const MAX_CHOICES: usize = 10;

/// A poll of the room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poll {
    /// The room's id for it: another id is another poll.
    pub id: String,
    /// Who created it: the room sends it under their nickname.
    pub author: String,
    pub question: String,
    pub choices: Vec<PollChoice>,
    /// Votes counted so far, all choices together.
    pub votes: u32,
    /// When it ends (Unix milliseconds), if the room said.
    pub ends_at_ms: Option<i64>,
    /// It ended: the counts are the result.
    pub over: bool,
    /// Whether the votes are anonymous. The room does not say: it is known once we created the
    /// poll or voted (an anonymous poll answers a vote with a warning, an open one shows it).
    pub anonymous: Option<bool>,
    /// The choice of our last vote (a new vote replaces it).
    pub my_vote: Option<u32>,
}

/// One choice of a [`Poll`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollChoice {
    /// What a vote for it sends (`!1`).
    pub number: u32,
    pub label: String,
    pub votes: u32,
}

impl Poll {
    pub fn choice(&self, number: u32) -> Option<&PollChoice> {
        self.choices.iter().find(|c| c.number == number)
    }

    /// The choice `body` votes for while the poll takes votes: the room counts any `!N` then, before
    /// slow mode sees it (so a vote must not start a UI's slow-mode countdown).
    pub fn vote_in(&self, body: &str) -> Option<u32> {
        vote_choice(body).filter(|_| !self.over)
    }
}

/// The choice a body names the way the plugin reads votes: `!` and a number, with nothing else but
/// spaces around. `!01` names no choice (the room compares the digits as they are written).
pub fn vote_choice(body: &str) -> Option<u32> {
    // Lua's `%s`: the ASCII spaces.
    let digits = body
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}'))
        .strip_prefix('!')?;
    let canonical = digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.is_empty()
        && (digits == "0" || !digits.starts_with('0'));
    canonical.then(|| digits.parse().ok()).flatten()
}

/// The body of a vote for `choice`.
pub fn vote_body(choice: u32) -> String {
    format!("!{choice}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_votes_as_the_room_does() {
        assert_eq!(vote_choice("!2"), Some(2));
        assert_eq!(vote_choice("  !12 \n"), Some(12));
        for not_a_vote in [
            "!",
            "! 2",
            "!2a",
            "2",
            "!01",
            "!-1",
            "vote !2",
            "!９",
            "!99999999999",
        ] {
            assert_eq!(vote_choice(not_a_vote), None, "{not_a_vote:?}");
        }
        assert_eq!(vote_body(3), "!3");
    }

    #[test]
    fn an_ended_poll_takes_no_vote() {
        let mut poll = Poll {
            id: "p".into(),
            author: "Alice".into(),
            question: "?".into(),
            choices: vec![PollChoice {
                number: 1,
                label: "Yes".into(),
                votes: 0,
            }],
            votes: 0,
            ends_at_ms: None,
            over: false,
            anonymous: None,
            my_vote: None,
        };
        assert_eq!(poll.vote_in("!1"), Some(1));
        assert_eq!(
            poll.vote_in("!7"),
            Some(7),
            "an unknown choice is still a vote the room refuses"
        );
        poll.over = true;
        assert_eq!(poll.vote_in("!1"), None);
    }
}
