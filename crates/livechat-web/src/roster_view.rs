//! The participants panel's content: the named occupants as small view structs (moderators first,
//! then in the alphabetical order of the viewer's language), with colour and avatar. Viewers who
//! kept an automatic nickname are only counted (`Room::anonymous_count`), never listed: a room of
//! 5,000 is one line.

use std::cmp::Ordering;
use std::sync::Arc;

use wasm_bindgen::prelude::*;

use livechat_core::avatar::Avatar;
use livechat_core::room::Occupant;
use livechat_core::text::display_nick;
use livechat_core::Room;
use xmpp_parsers::muc::user::{Affiliation, Role as MucRole};

use crate::i18n::Lang;
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

#[wasm_bindgen]
extern "C" {
    /// The browser's `Intl.Collator`, comparing two strings as they are.
    #[wasm_bindgen(js_namespace = Intl)]
    type Collator;
    #[wasm_bindgen(constructor, js_namespace = Intl)]
    fn new(locale: &str, options: &js_sys::Object) -> Collator;
    #[wasm_bindgen(method)]
    fn compare(this: &Collator, a: &str, b: &str) -> i32;
}

/// Nicknames in the alphabetical order of the viewer's language, by the browser's `Intl.Collator`:
/// "émile" with the E's, "Zoé" after "zed", "user2" before "user10". (The core only ignores ASCII
/// case.)
pub struct NickOrder {
    collator: Collator,
}

impl NickOrder {
    pub fn new(lang: Lang) -> Self {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"numeric".into(), &true.into());
        NickOrder {
            collator: Collator::new(lang.tag(), &options),
        }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        // Nicknames the collator finds equal still get a fixed order.
        self.collator.compare(a, b).cmp(&0).then_with(|| a.cmp(b))
    }
}

/// The named occupants of `room`: moderators first, then in `order`.
pub fn project(room: &Room, identities: &mut Identities, order: &NickOrder) -> Vec<OccupantView> {
    let me = room.own_nick();
    let views = room
        .named_occupants_by(&|a, b| order.compare(a, b))
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
