//! The room (XEP-0045): the join with its bounded history, nicknames (ours: chosen, drawn again
//! on a conflict, changed; others': renames), the occupants' presences with the lines a moderator
//! may see, and our own status codes (joined, renamed, removed).

use super::timers::Timer;
use super::{Session, SessionState};
use crate::error::SessionError;
use crate::event::Event;
use crate::jid::Jid;
use crate::log::{LogEntry, Notice, NoticeKind};
use crate::room::Occupant;
use crate::stanza::presence::{self, MucItem, MucPresence, PresenceKind};
use crate::stanza::{format_stamp, Condition};
use crate::xml::Element;

/// How far back of the newest message a rejoin asks for history: the client's clock may be ahead of
/// the server's, and what overlaps is dropped by stanza-id anyway.
const HISTORY_SINCE_MARGIN_MS: i64 = 120_000;

/// The room's subject ends the history it replays on join (XEP-0045 §7.2.15); a room that sends
/// none is taken to be done this long after it answered the join.
const HISTORY_WAIT_MS: u64 = 5_000;

impl Session {
    /// Asks for another nickname: a nickname change when in the room, a new join attempt after a
    /// conflict or a refusal. A new join waits for the room's answer from `now_ms`.
    pub fn change_nick(&mut self, nick: &str, now_ms: u64) -> Result<(), SessionError> {
        let nick = nick.trim();
        let occupant_jid = self.occupant_jid(nick)?;
        self.now_ms = now_ms;
        self.wanted_nick = nick.to_owned();
        match self.state {
            SessionState::Joined => {
                self.send_element(presence::presence(&occupant_jid.to_string(), None, None));
                Ok(())
            }
            SessionState::Joining | SessionState::NotInRoom => {
                self.send_join();
                Ok(())
            }
            _ => Ok(()), // used for the join once the stream is up
        }
    }

    pub(super) fn send_join(&mut self) {
        // A fresh join: the room will send every occupant again.
        if self.room.own_nick().is_some() || self.room.occupant_count() > 0 {
            self.room.clear_occupants();
            self.room.set_own_nick(None);
            self.push_event(Event::OccupantsChanged);
        }
        // A running poll comes again after the history; one that ended meanwhile must not stay.
        self.drop_poll();
        let nick = self.wanted_nick.clone();
        let to = match self.occupant_jid(&nick) {
            Ok(to) => to,
            Err(e) => return self.fail(e),
        };
        if self.outbox.requeue_sent() {
            self.push_event(Event::OutboxChanged);
        }
        // After a reconnection only what we have not shown yet.
        let since = self
            .newest_ms
            .and_then(|newest| format_stamp(newest - HISTORY_SINCE_MARGIN_MS));
        let max_stanzas = match since {
            Some(_) => self.config.log_capacity as u32,
            None => self.config.history,
        };
        let join = presence::muc_join(max_stanzas, since);
        let join = presence::presence(&to.to_string(), None, Some(join));
        self.send_element(join.clone());
        self.join_sent(join);
        // What was typed waits for the room's answer to this join, then for the history after it
        // (`joined_by_answer`): under load the answer takes longer than the history wait, and a
        // message sent before it comes back refused, from a room we are not in yet.
        self.timers.stop(Timer::HistoryWait);
        self.set_state(SessionState::Joining);
    }

    /// The room let us in: its history is awaited from now (until its subject, or
    /// `HISTORY_WAIT_MS`).
    pub(super) fn await_history(&mut self) {
        self.timers
            .set(Timer::HistoryWait, self.now_ms + HISTORY_WAIT_MS);
    }

    pub(super) fn handle_presence(&mut self, presence: &Element) {
        let presence = match MucPresence::read(presence, &self.config.room) {
            Ok(Some(presence)) => presence,
            Ok(None) => return,
            Err(e) => return self.malformed(format!("presence: {e}")),
        };
        match presence.kind {
            PresenceKind::Error(ref error) => self.handle_presence_error(error, &presence.nick),
            PresenceKind::Available => self.handle_available(presence),
            PresenceKind::Unavailable => self.handle_unavailable(presence),
            PresenceKind::Other => {}
        }
    }

    /// An occupant is here, or changed (role, affiliation, nickname).
    fn handle_available(&mut self, mut presence: MucPresence) {
        let nick = presence.nick.clone();
        let item: MucItem = presence.item.take().unwrap_or_default();
        let occupant = Occupant {
            nick: nick.clone(),
            role: item.role,
            affiliation: item.affiliation,
            occupant_id: presence.occupant_id.clone(),
            jid: item.jid,
        };
        let renamed_from = self.renames.remove(&nick);
        let previous = self.room.upsert(occupant);
        if presence.is_self() && self.awaits_own_presence() {
            self.handle_self_available(&presence, previous, renamed_from);
        } else if previous.is_none()
            && renamed_from.is_none()
            && self.state == SessionState::Joined
            && self.policy.shows_presence_line(&self.room)
        {
            self.push_notice(NoticeKind::Joined { nick });
        }
        self.push_event(Event::OccupantsChanged);
    }

    /// An occupant left, or is leaving only to come back under a new nickname (status 303).
    fn handle_unavailable(&mut self, presence: MucPresence) {
        let nick = presence.nick.clone();
        let removed = self.room.remove(&nick);
        if let Some(new_nick) = presence.new_nick() {
            if self.policy.shows_rename(&self.room, &nick) {
                self.push_notice(NoticeKind::Renamed {
                    from: nick.clone(),
                    to: new_nick.to_owned(),
                });
            }
            self.renames.insert(new_nick.to_owned(), nick);
        } else if presence.is_self() {
            return self.handle_removed(presence);
        } else if removed.is_some() && self.policy.shows_presence_line(&self.room) {
            self.push_notice(NoticeKind::Left { nick });
        }
        self.push_event(Event::OccupantsChanged);
    }

    fn handle_self_available(
        &mut self,
        presence: &MucPresence,
        previous: Option<Occupant>,
        renamed_from: Option<String>,
    ) {
        let nick = &presence.nick;
        self.room.set_own_nick(Some(nick.clone()));
        self.own_occupant_id = presence.occupant_id.clone();
        self.wanted_nick = nick.clone();
        if self.state != SessionState::Joined {
            self.joined_by_answer();
            self.set_state(SessionState::Joined);
            self.push_event(Event::Joined {
                nick: nick.clone(),
                created: presence.room_created(),
                nick_assigned: presence.nick_assigned(),
            });
            self.room_info_on_join();
        } else if renamed_from.is_some() {
            self.push_event(Event::NickChanged { nick: nick.clone() });
        } else if previous.is_some_and(|p| Some(&p) != self.room.me()) {
            self.push_event(Event::OwnRoleChanged);
        }
    }

    fn handle_removed(&mut self, presence: MucPresence) {
        let removal = presence.removal();
        let (actor, reason) = presence
            .item
            .map(|i| (i.actor, i.reason))
            .unwrap_or_default();
        self.room.clear_occupants();
        self.room.set_own_nick(None);
        self.join_answered();
        // Our own leave on close is expected; anything else is news.
        if self.state != SessionState::Closing {
            self.set_state(SessionState::NotInRoom);
            self.push_event(Event::Removed {
                removal,
                actor,
                reason,
            });
        }
        self.push_event(Event::OccupantsChanged);
    }

    fn handle_presence_error(&mut self, error: &Condition, nick: &str) {
        let Condition { condition, text } = error.clone();
        if condition == "conflict"
            && self.state == SessionState::Joining
            && self.config.nickname.is_none()
            && self.room.is_automatic_nick(nick)
        {
            // Two viewers drew the same automatic nickname (likely among hundreds): draw again,
            // nobody needs to be asked.
            self.wanted_nick = self.config.automatic_nicks.draw(self.ids.draw());
            return self.send_join();
        }
        // The room's answer to our join, if one was out (or given up on: it still counts).
        let join_refused = self.join_under_way();
        self.join_answered();
        if condition == "conflict" {
            self.push_event(Event::NickConflict {
                nick: nick.to_owned(),
            });
            // A failed nickname change keeps the old one. A join refused for its nickname is still
            // under way: what was typed waits for the join under the caller's next nickname.
            if self.state == SessionState::Joined {
                self.wanted_nick = self.room.own_nick().unwrap_or_default().to_owned();
            }
            return;
        }
        if join_refused {
            self.set_state(SessionState::NotInRoom);
            self.queued_not_delivered(&condition, text.as_deref());
        }
        self.push_event(Event::Error(SessionError::Join { condition, text }));
    }

    fn push_notice(&mut self, kind: NoticeKind) {
        let key = self.room.log_mut().next_key();
        let notice = Notice {
            key,
            kind,
            at_ms: self.now_ms as i64,
        };
        self.room.log_mut().push(LogEntry::Notice(notice));
        self.push_event(Event::LogChanged);
    }

    pub(super) fn occupant_jid(&self, nick: &str) -> Result<Jid, SessionError> {
        if nick.is_empty() {
            return Err(SessionError::Config {
                reason: "the nickname is empty".into(),
            });
        }
        self.config
            .room
            .with_resource(nick)
            .map_err(|e| SessionError::Config {
                reason: format!("nickname not allowed: {e}"),
            })
    }
}
