//! The room's disco#info (occupant count, slow mode, name, moderation form, the plugin's modes and
//! features): asked on joining,
//! then polled on a schedule that grows with the room, and soon after the room says its
//! configuration changed.

use super::timers::Timer;
use super::{Pending, Session};
use crate::event::Event;
use crate::room::RoomInfo;
use crate::stanza::{disco, iq};

/// Occupants per configured room-info interval: a room of 2,000 is asked every four intervals.
const OCCUPANTS_PER_ROOM_INFO_INTERVAL: u64 = 500;

/// After a configuration change (status 104), each occupant asks the room again within this many
/// milliseconds per occupant: the whole room asks at about 100 queries a second.
const CONFIG_CHANGE_SPREAD_MS_PER_OCCUPANT: u64 = 10;

impl Session {
    /// Just joined: ask at once if configured to, then on the schedule.
    pub(super) fn room_info_on_join(&mut self) {
        if self.config.room_info_on_join {
            self.query_room_info();
        }
        self.schedule_room_info();
    }

    /// The poll's timer fired.
    pub(super) fn room_info_due(&mut self) {
        self.query_room_info();
        // Until the answer reschedules from the count it brings.
        match self.room_info_interval() {
            Some(interval) => self.timers.set(Timer::RoomInfo, self.now_ms + interval),
            None => self.timers.stop(Timer::RoomInfo),
        }
    }

    /// XEP-0045 status 104: the room's configuration changed (slow mode, name, moderation): ask
    /// again soon, at a random moment so that the whole room does not ask at once.
    pub(super) fn room_config_changed(&mut self) {
        let spread =
            (self.known_occupants() as u64 * CONFIG_CHANGE_SPREAD_MS_PER_OCCUPANT).max(1000);
        let soon = self.now_ms + self.ids.draw() % spread;
        self.timers.set_earlier(Timer::RoomInfo, soon);
    }

    fn query_room_info(&mut self) {
        let id = self.ids.make("info");
        self.pending.insert(id.clone(), Pending::RoomInfo);
        let room = self.config.room.as_str();
        self.send_element(iq::iq("get", &id, Some(room), Some(disco::info_query())));
    }

    pub(super) fn handle_room_info(&mut self, info: RoomInfo) {
        if !info.polls {
            self.drop_poll();
        }
        if self.room.set_info(info) {
            self.push_event(Event::RoomInfoChanged);
        }
        if self.timers.is_set(Timer::RoomInfo) {
            self.schedule_room_info();
        }
    }

    /// How long until the next room-info query: the configured interval (never shorter than a
    /// second: 0 would spin the timer), longer in a big room. Each query costs the server a walk
    /// over every occupant (Prosody copies each one to count them), so an audience that polls at a
    /// fixed rate costs it the square of its size; an interval that grows with the room keeps the
    /// audience's whole cost linear, and a count a few minutes old is fine for thousands.
    fn room_info_interval(&self) -> Option<u64> {
        let base = self
            .config
            .room_info_interval_ms
            .filter(|i| *i > 0)?
            .max(1000);
        let occupants = self.known_occupants() as u64;
        Some(base * (occupants / OCCUPANTS_PER_ROOM_INFO_INTERVAL).max(1))
    }

    /// The room's size as best known: its own last count, or the presences we have.
    fn known_occupants(&self) -> usize {
        let counted = self.room.info().occupants.unwrap_or(0) as usize;
        counted.max(self.room.occupant_count())
    }

    /// The next room-info query, at a random point of the second half of the interval, so that a
    /// crowd that joined together does not poll together.
    fn schedule_room_info(&mut self) {
        let jitter = self.ids.draw();
        match self.room_info_interval() {
            Some(i) => {
                let at = self.now_ms + i / 2 + jitter % (i / 2).max(1);
                self.timers.set(Timer::RoomInfo, at);
            }
            None => self.timers.stop(Timer::RoomInfo),
        }
    }
}
