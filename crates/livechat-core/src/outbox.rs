//! Messages the user sent that the room has not echoed back yet. Nothing typed is lost: a message
//! sent while disconnected waits here and goes out once after the rejoin; one the room refused stays
//! here, marked, until the user retries or discards it. The origin-id (XEP-0359) travels with every
//! attempt, so an echo that already arrived is never sent again.

use crate::log::AnnouncementKind;
use crate::refusal::Refusal;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutgoingState {
    /// Not on the wire yet: we are not in the room.
    Queued,
    /// Sent, waiting for the room's echo.
    Sent,
    /// The room refused it (slow mode, no voice, …), or did not let us in to send it.
    Failed {
        condition: String,
        text: Option<String>,
    },
}

/// What an outgoing message is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum OutgoingKind {
    #[default]
    Chat,
    /// An owner's or admin's announcement in this style.
    Announcement(AnnouncementKind),
    /// A correction (XEP-0308) of our message with this id.
    Correction { target: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub origin_id: String,
    pub body: String,
    pub state: OutgoingState,
    pub kind: OutgoingKind,
    /// Why the room refused it, read into what a UI can explain; set with
    /// [`OutgoingState::Failed`], whose condition and text stay for the cases it cannot tell.
    pub refusal: Option<Refusal>,
}

#[derive(Clone, Debug, Default)]
pub struct Outbox {
    items: Vec<Outgoing>,
}

impl Outbox {
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Outgoing> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub(crate) fn push(&mut self, item: Outgoing) {
        self.items.push(item);
    }

    /// The room echoed it: delivered. Returns whether it was ours.
    pub(crate) fn delivered(&mut self, origin_id: &str) -> bool {
        let before = self.items.len();
        self.items.retain(|o| o.origin_id != origin_id);
        self.items.len() != before
    }

    pub(crate) fn get_mut(&mut self, origin_id: &str) -> Option<&mut Outgoing> {
        self.items.iter_mut().find(|o| o.origin_id == origin_id)
    }

    pub(crate) fn remove(&mut self, origin_id: &str) -> bool {
        self.delivered(origin_id)
    }

    /// What was typed while offline, now marked as sent.
    pub(crate) fn take_queued(&mut self) -> Vec<Outgoing> {
        let mut out = Vec::new();
        for item in &mut self.items {
            if item.state == OutgoingState::Queued {
                item.state = OutgoingState::Sent;
                out.push(item.clone());
            }
        }
        out
    }

    /// A new join is under way: what went out before it and was not echoed goes out again once the
    /// room's history is in (unless the history echoes it first). Returns whether any changed.
    pub(crate) fn requeue_sent(&mut self) -> bool {
        let mut changed = false;
        for item in &mut self.items {
            if item.state == OutgoingState::Sent {
                item.state = OutgoingState::Queued;
                changed = true;
            }
        }
        changed
    }
}
