//! The room as the UI shows it: named occupants (moderators first), one counter for the viewers who
//! kept an automatic nickname, the subject, the room's advertised features, the message log, and
//! the PeerTube plugin's room state: the running poll and the terms.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::config::AutomaticNicks;

use crate::log::MessageLog;
use crate::mention;
use crate::poll::Poll;
use crate::terms::Terms;

pub use crate::occupant::Occupant;
pub use crate::room_info::RoomInfo;

pub struct Room {
    occupants: HashMap<String, Occupant>,
    automatic_nicks: AutomaticNicks,
    anonymous_count: usize,
    /// Occupants the room counted at its last disco#info beyond those whose presence we had:
    /// viewers it does not broadcast. Presences that come and go after that count are ours to
    /// follow, so a snapshot never holds the count up once a viewer we saw has left.
    unseen: usize,
    subject: Option<String>,
    info: RoomInfo,
    /// A disco#info answer came: until then `info` is only the defaults.
    info_known: bool,
    log: MessageLog,
    own_nick: Option<String>,
    poll: Option<Poll>,
    terms: Terms,
}

impl Room {
    pub fn new(automatic_nicks: AutomaticNicks, log_capacity: usize) -> Self {
        Room {
            occupants: HashMap::new(),
            automatic_nicks,
            anonymous_count: 0,
            unseen: 0,
            subject: None,
            info: RoomInfo::default(),
            info_known: false,
            log: MessageLog::new(log_capacity),
            own_nick: None,
            poll: None,
            terms: Terms::default(),
        }
    }

    /// Whether a nickname is one of the automatic ones (`Anonymous 123456`).
    pub fn is_automatic_nick(&self, nick: &str) -> bool {
        self.automatic_nicks.matches(nick)
    }

    /// Occupants with a chosen nickname, moderators first, then by nickname without ASCII case.
    pub fn named_occupants(&self) -> Vec<&Occupant> {
        self.named_occupants_by(&|a, b| {
            let fold = |c: u8| c.to_ascii_lowercase();
            a.bytes().map(fold).cmp(b.bytes().map(fold)).then(a.cmp(b))
        })
    }

    /// The same, with the nicknames in `order`: a UI sorts them for its viewer's language, accents
    /// and all (the web client with the browser's collator, where Unicode's case tables would add
    /// 12 KB to the download).
    pub fn named_occupants_by(&self, order: &dyn Fn(&str, &str) -> Ordering) -> Vec<&Occupant> {
        let mut named: Vec<&Occupant> = self
            .occupants
            .values()
            .filter(|o| !self.is_automatic_nick(&o.nick))
            .collect();
        named.sort_by(|a, b| {
            b.is_moderator()
                .cmp(&a.is_moderator())
                .then_with(|| order(&a.nick, &b.nick))
        });
        named
    }

    /// Every occupant we know of, in no particular order.
    pub fn occupants(&self) -> impl Iterator<Item = &Occupant> {
        self.occupants.values()
    }

    /// How many occupants kept an automatic nickname. In a large-audience room the server does not
    /// broadcast the viewers' presences; the room's own count (disco#info) then tells how many
    /// there are beyond the named occupants we see.
    pub fn anonymous_count(&self) -> usize {
        self.anonymous_count + self.unseen
    }

    /// Everyone we know of by presence.
    pub fn occupant_count(&self) -> usize {
        self.occupants.len()
    }

    pub fn occupant(&self, nick: &str) -> Option<&Occupant> {
        self.occupants.get(nick)
    }

    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    pub fn info(&self) -> &RoomInfo {
        &self.info
    }

    pub fn log(&self) -> &MessageLog {
        &self.log
    }

    pub fn own_nick(&self) -> Option<&str> {
        self.own_nick.as_deref()
    }

    /// Our own occupant entry, once joined.
    pub fn me(&self) -> Option<&Occupant> {
        self.own_nick.as_deref().and_then(|n| self.occupants.get(n))
    }

    pub fn am_moderator(&self) -> bool {
        self.me().is_some_and(Occupant::is_moderator)
    }

    /// We are an owner or admin: we may create polls and send announcements.
    pub fn am_admin(&self) -> bool {
        self.me().is_some_and(Occupant::is_admin)
    }

    /// The room's poll: running, or over and not replaced yet.
    pub fn poll(&self) -> Option<&Poll> {
        self.poll.as_ref()
    }

    /// The choice `body` votes for in the running poll, if it is a vote (`!N`): the room counts it
    /// before slow mode sees it, so it must not start a slow-mode countdown.
    pub fn vote_in(&self, body: &str) -> Option<u32> {
        self.poll.as_ref()?.vote_in(body)
    }

    pub fn terms(&self) -> &Terms {
        &self.terms
    }

    /// The present occupants' nicknames that complete `typed` (an `@` before it aside), once two
    /// characters are typed: chosen nicknames first (moderators first), then automatic ones; never
    /// our own. At most [`mention::MAX_COMPLETIONS`].
    pub fn complete_nick(&self, typed: &str) -> Vec<String> {
        let named = self.named_occupants();
        let automatic = self
            .occupants
            .values()
            .filter(|o| self.is_automatic_nick(&o.nick));
        let candidates = named
            .into_iter()
            .chain(automatic)
            .map(|o| o.nick.as_str())
            .filter(|nick| Some(*nick) != self.own_nick());
        mention::completions(typed, candidates)
    }

    pub(crate) fn log_mut(&mut self) -> &mut MessageLog {
        &mut self.log
    }

    pub(crate) fn set_own_nick(&mut self, nick: Option<String>) {
        self.own_nick = nick;
    }

    pub(crate) fn set_subject(&mut self, subject: Option<String>) -> bool {
        let subject = subject.filter(|s| !s.is_empty());
        let changed = self.subject != subject;
        self.subject = subject;
        changed
    }

    /// The room's disco#info; returns whether it or the anonymous count changed.
    pub(crate) fn set_info(&mut self, info: RoomInfo) -> bool {
        let unseen = info.occupants.map_or(0, |total| {
            (total as usize).saturating_sub(self.occupants.len())
        });
        let changed = self.info != info || self.unseen != unseen;
        self.info = info;
        self.info_known = true;
        self.unseen = unseen;
        changed
    }

    /// Whether a disco#info answer came (else [`Room::info`] holds only defaults).
    pub(crate) fn info_known(&self) -> bool {
        self.info_known
    }

    /// Returns whether the poll changed.
    pub(crate) fn set_poll(&mut self, poll: Option<Poll>) -> bool {
        let changed = self.poll != poll;
        self.poll = poll;
        changed
    }

    pub(crate) fn poll_mut(&mut self) -> Option<&mut Poll> {
        self.poll.as_mut()
    }

    pub(crate) fn terms_mut(&mut self) -> &mut Terms {
        &mut self.terms
    }

    /// Adds or updates an occupant. Returns the previous entry.
    pub(crate) fn upsert(&mut self, occupant: Occupant) -> Option<Occupant> {
        let automatic = self.is_automatic_nick(&occupant.nick);
        let previous = self.occupants.insert(occupant.nick.clone(), occupant);
        if previous.is_none() && automatic {
            self.anonymous_count += 1;
        }
        previous
    }

    pub(crate) fn remove(&mut self, nick: &str) -> Option<Occupant> {
        let removed = self.occupants.remove(nick);
        if removed.is_some() && self.is_automatic_nick(nick) {
            self.anonymous_count -= 1;
        }
        removed
    }

    /// Forgets every occupant: we left, or are about to join again and will get them all anew.
    pub(crate) fn clear_occupants(&mut self) {
        self.occupants.clear();
        self.anonymous_count = 0;
        self.unseen = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xmpp_parsers::muc::user::{Affiliation, Role};

    fn occupant(nick: &str, role: Role) -> Occupant {
        Occupant {
            nick: nick.into(),
            role,
            affiliation: Affiliation::None,
            occupant_id: None,
            jid: None,
        }
    }

    fn room() -> Room {
        Room::new(AutomaticNicks::default(), 100)
    }

    #[test]
    fn automatic_nicknames_are_counted_not_listed() {
        let mut room = room();
        for n in 0..312 {
            room.upsert(occupant(
                &format!("Anonymous {}", 100_000 + n),
                Role::Participant,
            ));
        }
        room.upsert(occupant("zoé", Role::Participant));
        room.upsert(occupant("Bob", Role::Participant));
        room.upsert(occupant("Streamer", Role::Moderator));
        // An update of a known occupant does not count twice.
        room.upsert(occupant("Anonymous 100000", Role::Visitor));
        assert_eq!(room.anonymous_count(), 312);
        let names: Vec<_> = room
            .named_occupants()
            .iter()
            .map(|o| o.nick.as_str())
            .collect();
        assert_eq!(names, ["Streamer", "Bob", "zoé"]);
        room.remove("Anonymous 100001");
        room.remove("Anonymous 100001");
        room.remove("Bob");
        assert_eq!(room.anonymous_count(), 311);
        assert_eq!(room.occupant_count(), 313);
    }

    #[test]
    fn named_occupants_are_ordered_moderators_first_then_without_ascii_case() {
        let mut room = room();
        for (nick, role) in [
            ("bob", Role::Participant),
            ("Alice", Role::Participant),
            ("Bob", Role::Visitor),
            ("zed", Role::Moderator),
            ("Ann", Role::Moderator),
        ] {
            room.upsert(occupant(nick, role));
        }
        let names: Vec<_> = room
            .named_occupants()
            .iter()
            .map(|o| o.nick.as_str())
            .collect();
        // Equal but for case: a fixed order all the same (upper case first).
        assert_eq!(names, ["Ann", "zed", "Alice", "Bob", "bob"]);
    }

    #[test]
    fn without_broadcast_presences_the_room_count_fills_in() {
        let mut room = room();
        room.upsert(occupant("Streamer", Role::Moderator));
        room.upsert(occupant("Anonymous 123456", Role::Visitor)); // ourselves
        assert_eq!(room.anonymous_count(), 1);
        room.set_info(RoomInfo {
            occupants: Some(2001),
            ..RoomInfo::default()
        });
        assert_eq!(room.anonymous_count(), 2000);
        // A stale, lower server count never hides the occupants we do see.
        for n in 0..5 {
            room.upsert(occupant(
                &format!("Anonymous {}", 200_000 + n),
                Role::Participant,
            ));
        }
        room.set_info(RoomInfo {
            occupants: Some(3),
            ..RoomInfo::default()
        });
        assert_eq!(room.anonymous_count(), 6);
    }

    #[test]
    fn a_viewer_who_leaves_after_the_room_count_is_no_longer_counted() {
        // A room that broadcasts every presence: its count agrees with what we saw on joining.
        let mut room = room();
        room.upsert(occupant("Streamer", Role::Moderator));
        room.upsert(occupant("Anonymous 111111", Role::Participant));
        room.upsert(occupant("Anonymous 222222", Role::Participant)); // ourselves
        room.set_info(RoomInfo {
            occupants: Some(3),
            ..RoomInfo::default()
        });
        assert_eq!(room.anonymous_count(), 2);
        room.remove("Anonymous 111111");
        assert_eq!(room.anonymous_count(), 1);
        // In a room that hides viewers, those it counted stay counted until its next figure,
        // and the viewers we see come and go on top of them.
        room.set_info(RoomInfo {
            occupants: Some(40),
            ..RoomInfo::default()
        });
        assert_eq!(room.anonymous_count(), 39);
        room.upsert(occupant("Anonymous 333333", Role::Participant));
        assert_eq!(room.anonymous_count(), 40);
        room.remove("Anonymous 333333");
        assert_eq!(room.anonymous_count(), 39);
        room.clear_occupants();
        assert_eq!(room.anonymous_count(), 0);
    }

    #[test]
    fn near_misses_of_the_pattern_are_listed() {
        let room = room();
        for nick in [
            "Anonymous 12345",
            "Anonymous 1234567",
            "anonymous 123456",
            "Anonymous 123456 ",
        ] {
            assert!(!room.is_automatic_nick(nick), "{nick}");
        }
        assert!(room.is_automatic_nick("Anonymous 654321"));
    }
}
