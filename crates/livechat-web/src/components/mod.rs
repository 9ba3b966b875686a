//! The chat's components, one per file. They read [`crate::state::ChatState`] signals and render
//! untrusted text (nicknames, bodies, subjects) only as text nodes (and checked links).

mod announcer;
mod avatar;
mod composer;
mod entry;
mod header;
mod keyed_rows;
mod message_list;
mod mod_menu;
mod nick_prompt;
mod outbox;
mod params_error;
mod participants;
mod toast;

pub use announcer::{Announcer, NewMessages, Throttle};
pub use avatar::AvatarImage;
pub use composer::Composer;
pub use entry::{Body, Entry};
pub use header::{status_text, Header};
pub use keyed_rows::KeyedRows;
pub use message_list::MessageList;
pub use mod_menu::ModMenu;
pub use nick_prompt::{check_nick, NickPromptForm};
pub use outbox::OutboxList;
pub use params_error::ParamsErrorPanel;
pub use participants::ParticipantsPanel;
pub use toast::ToastView;

use leptos::prelude::*;

use crate::state::ChatState;
use crate::transport::Commands;

/// What every part of one mounted chat shares (provided as context by the root).
#[derive(Clone)]
pub struct ChatContext {
    pub state: ChatState,
    pub commands: Commands,
    /// The one moderator menu that is open, if any.
    pub menu: RwSignal<Option<MenuTarget>>,
    /// The menu that was closed last: its opener takes the focus back when it is drawn again
    /// (a moderator's action changes the row it sits in).
    pub refocus: RwSignal<Option<MenuTarget>>,
}

/// Where a moderator menu is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MenuTarget {
    /// On a message, by its log key.
    Message(u64),
    /// On an occupant in the participants panel, by nickname.
    Occupant(String),
}

impl ChatContext {
    pub fn new(state: ChatState, commands: Commands) -> Self {
        ChatContext {
            state,
            commands,
            menu: RwSignal::new(None),
            refocus: RwSignal::new(None),
        }
    }

    /// `opener`, the button that opens `target`'s menu, was just drawn: if that menu was the last
    /// closed and the focus went away with the old row, the focus comes back to it.
    pub fn restore_focus(&self, target: MenuTarget, opener: NodeRef<leptos::html::Button>) {
        if self.refocus.get_untracked().as_ref() != Some(&target) {
            return;
        }
        let refocus = self.refocus;
        request_animation_frame(move || {
            if let Some(el) = opener.get_untracked() {
                if focus_lost() {
                    let _ = el.focus();
                }
                refocus.try_set(None);
            }
        });
    }

    /// Opens `target`'s menu, or closes it if it is the open one.
    pub fn toggle_menu(&self, target: MenuTarget) {
        self.menu.update(|open| {
            *open = if open.as_ref() == Some(&target) {
                None
            } else {
                Some(target)
            };
        });
    }
}

/// Nothing has the focus (the element that had it left the page): the keyboard would start again
/// from the top of the page.
pub fn focus_lost() -> bool {
    document()
        .active_element()
        .is_none_or(|el| el.tag_name().eq_ignore_ascii_case("body"))
}
