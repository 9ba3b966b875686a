//! The participants panel's content: the named occupants as small view structs (moderators first,
//! as the room sorts them), with colour and avatar. Viewers who kept an automatic nickname are
//! only counted (`Room::anonymous_count`), never listed: a room of 5,000 is one line.

use std::sync::Arc;

use livechat_core::avatar::Avatar;
use livechat_core::room::Occupant;
use livechat_core::text::display_nick;
use livechat_core::Room;
use xmpp_parsers::muc::user::{Affiliation, Role as MucRole};

use crate::identity::Identities;
use crate::state::Role;

#[derive(Clone, Debug, PartialEq)]
pub struct OccupantView {
    /// The nickname as in the room: what moderator commands name.
    pub nick: String,
    pub shown_nick: String,
    pub role: Role,
    /// Shown next to the role.
    pub rank: Option<Rank>,
    pub color: Arc<str>,
    pub avatar: Arc<Avatar>,
    pub me: bool,
}

/// The room's owners and admins (affiliations), badged in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rank {
    Owner,
    Admin,
}

pub fn role_of(occupant: &Occupant) -> Role {
    match occupant.role {
        MucRole::Moderator => Role::Moderator,
        MucRole::Visitor | MucRole::None => Role::Visitor,
        MucRole::Participant => Role::Participant,
    }
}

/// The named occupants of `room`, in the room's order.
pub fn project(room: &Room, identities: &mut Identities) -> Vec<OccupantView> {
    let me = room.own_nick();
    let views = room
        .named_occupants()
        .into_iter()
        .map(|o| {
            let identity = identities.get(o.seed());
            OccupantView {
                nick: o.nick.clone(),
                shown_nick: display_nick(&o.nick).into_owned(),
                role: role_of(o),
                rank: match o.affiliation {
                    Affiliation::Owner => Some(Rank::Owner),
                    Affiliation::Admin => Some(Rank::Admin),
                    _ => None,
                },
                color: identity.color,
                avatar: identity.avatar,
                me: Some(o.nick.as_str()) == me,
            }
        })
        .collect();
    identities.sweep();
    views
}
