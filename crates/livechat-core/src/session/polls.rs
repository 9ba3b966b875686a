//! Polls (the PeerTube plugin's `mod_muc_poll`): the room's poll kept as it last came, votes and
//! what the room answers them, and the owner's poll form.
//!
//! A vote is a groupchat body `!N`, not a message of the outbox: an open poll echoes it like any
//! message, an anonymous one answers with an error of type `continue` (it was counted, and nobody
//! else sees it), an ended one with `not-allowed`. Each answer is a [`Event::VoteResult`].

use std::collections::VecDeque;

use xmpp_parsers::ns;

use super::iq::Pending;
use super::{Session, SessionState};
use crate::event::Event;
use crate::log::MessageKind;
use crate::poll::{vote_body, Poll};
use crate::refusal::{Refusal, Sent};
use crate::stanza::message::{self, Chat, Sender};
use crate::stanza::{form, iq, poll, text_element, ErrorType};
use crate::xml::Element;

/// A poll message from the history counts for the banner only if this recent (as in the plugin's
/// frontend): older ones are polls long over, whose end the history may not hold.
const RECENT_POLL_MS: i64 = 2 * 60 * 1000;

/// Votes kept waiting for an answer: a viewer clicking around has a few in flight at most.
const MAX_PENDING_VOTES: usize = 8;

/// Our votes on their way, and what we asked when creating a poll.
#[derive(Debug, Default)]
pub(super) struct Votes {
    pending: VecDeque<(String, u32)>,
    /// Whether the poll we asked for is anonymous, until it comes.
    creating_anonymous: Option<bool>,
}

impl Session {
    /// Votes for `choice` of the running poll; returns the vote's origin-id. The outcome comes as
    /// [`Event::VoteResult`] (at once when the vote cannot be sent: not in the room, no poll
    /// running, no such choice). A vote does not start slow mode's countdown: the room counts
    /// it before slow mode sees it.
    pub fn vote(&mut self, choice: u32) -> Option<String> {
        let refusal = match self.room.poll() {
            _ if self.state != SessionState::Joined => Some(Refusal::NotInRoom),
            None => Some(Refusal::PollOver),
            Some(poll) if poll.over => Some(Refusal::PollOver),
            Some(poll) if poll.choice(choice).is_none() => Some(Refusal::InvalidChoice),
            Some(_) => None,
        };
        if let Some(refusal) = refusal {
            self.push_event(Event::VoteResult {
                choice,
                result: Err(refusal),
            });
            return None;
        }
        let origin_id = self.ids.make("v");
        let body = text_element("body", ns::JABBER_CLIENT, vote_body(choice));
        let children = [body, message::origin_id(&origin_id)];
        let room = self.config.room.as_str();
        self.send_element(message::groupchat(&origin_id, room, children));
        if self.votes.pending.len() == MAX_PENDING_VOTES {
            self.votes.pending.pop_front();
        }
        self.votes.pending.push_back((origin_id.clone(), choice));
        Some(origin_id)
    }

    /// Asks the room for its poll form (owners and admins): the answer is [`Event::PollForm`].
    pub fn poll_form(&mut self) {
        if self.state != SessionState::Joined {
            return self.push_event(Event::PollForm(Err("not in the room".into())));
        }
        self.send_poll_iq("get", poll::form_query(), Pending::PollForm);
    }

    /// Creates a poll, ending any running one (owners and admins): `question`, how many minutes it
    /// runs, whether votes are anonymous, and two to five choices. The answer is
    /// [`Event::PollCreated`]; the poll itself comes as [`Event::PollChanged`].
    pub fn create_poll(
        &mut self,
        question: &str,
        duration_minutes: u32,
        anonymous: bool,
        choices: &[&str],
    ) {
        let text = |t: &str| crate::text::xml_safe(t.trim()).into_owned();
        let question = text(question);
        let choices: Vec<String> = choices
            .iter()
            .map(|c| text(c))
            .filter(|c| !c.is_empty())
            .collect();
        let refused = if self.state != SessionState::Joined {
            Some("not in the room")
        } else if question.is_empty() || duration_minutes == 0 {
            Some("a poll needs a question and a duration")
        } else if !(2..=poll::FORM_CHOICES).contains(&choices.len()) {
            Some("a poll needs two to five choices")
        } else {
            None
        };
        if let Some(reason) = refused {
            return self.push_event(Event::PollCreated(Err(reason.into())));
        }
        self.votes.creating_anonymous = Some(anonymous);
        let query = poll::create(&question, duration_minutes, anonymous, &choices);
        self.send_poll_iq("set", query, Pending::CreatePoll);
    }

    fn send_poll_iq(&mut self, type_: &str, query: Element, pending: Pending) {
        let id = self.ids.make("poll");
        self.pending.insert(id.clone(), pending);
        let room = self.config.room.as_str();
        self.send_element(iq::iq(type_, &id, Some(room), Some(query)));
    }

    /// The room's answer to [`Session::poll_form`].
    pub(super) fn handle_poll_form(&mut self, payload: Option<&Element>) {
        let form = payload.and_then(form::read_child);
        let result = form.ok_or_else(|| "the room sent no form".to_owned());
        self.push_event(Event::PollForm(result));
    }

    /// A poll message: the room's poll for the banner (unless it is an old one from the history),
    /// and, when it has a body (its start or its end), a short line in the log.
    pub(super) fn handle_poll(&mut self, sender: Sender, poll: Poll, chat: Option<Chat>) {
        if self.room.info_known() && !self.room.info().polls {
            // No poll module strips the mark from occupants' messages here: not the room's.
            if let Some(chat) = chat {
                self.handle_chat(sender, chat);
            }
            return;
        }
        let delay = chat.as_ref().and_then(|c| c.delay_ms);
        if delay.is_none_or(|at| at >= self.now_ms as i64 - RECENT_POLL_MS) {
            self.keep_poll(poll.clone());
        }
        if let Some(chat) = chat {
            self.push_chat(sender, chat, MessageKind::Poll(Box::new(poll)));
        }
    }

    /// The room's poll as it came, with what we know of it that the room does not say.
    fn keep_poll(&mut self, mut poll: Poll) {
        match self.room.poll() {
            Some(known) if known.id == poll.id => {
                poll.anonymous = known.anonymous;
                poll.my_vote = known.my_vote;
            }
            _ if Some(poll.author.as_str()) == self.room.own_nick() => {
                poll.anonymous = self.votes.creating_anonymous.take();
            }
            _ => {}
        }
        if self.room.set_poll(Some(poll)) {
            self.push_event(Event::PollChanged);
        }
    }

    /// Forgets the poll (a new join: the room sends a running poll again; the room no longer runs
    /// polls).
    pub(super) fn drop_poll(&mut self) {
        if self.room.set_poll(None) {
            self.push_event(Event::PollChanged);
        }
    }

    /// The room answered our message `id` with an error: if it was a vote, its result. Returns
    /// whether it was one.
    pub(super) fn vote_answered(
        &mut self,
        id: &str,
        error_type: Option<ErrorType>,
        condition: &str,
    ) -> bool {
        let Some(choice) = self.take_vote(id) else {
            return false;
        };
        let result = if error_type == Some(ErrorType::Continue) {
            self.voted(choice, true);
            Ok(())
        } else {
            let emoji_only = self.room.info().emoji_only;
            Err(Refusal::read(Sent::Vote, error_type, condition, emoji_only))
        };
        self.push_event(Event::VoteResult { choice, result });
        true
    }

    /// If a message from the room is the echo of our vote, its choice (the vote counted, and the
    /// poll is not anonymous).
    pub(super) fn vote_echoed(&mut self, origin_id: Option<&str>) -> Option<u32> {
        let choice = self.take_vote(origin_id?)?;
        self.voted(choice, false);
        self.push_event(Event::VoteResult {
            choice,
            result: Ok(()),
        });
        Some(choice)
    }

    /// The choice another occupant's message votes for, if it is a vote in the running poll.
    pub(super) fn others_vote(&self, body: &str) -> Option<u32> {
        let poll = self.room.poll()?;
        poll.vote_in(body).filter(|n| poll.choice(*n).is_some())
    }

    fn take_vote(&mut self, origin_id: &str) -> Option<u32> {
        let at = self
            .votes
            .pending
            .iter()
            .position(|(id, _)| id == origin_id)?;
        self.votes.pending.remove(at).map(|(_, choice)| choice)
    }

    fn voted(&mut self, choice: u32, anonymous: bool) {
        if let Some(poll) = self.room.poll_mut() {
            poll.my_vote = Some(choice);
            poll.anonymous = Some(anonymous);
            self.push_event(Event::PollChanged);
        }
    }
}
