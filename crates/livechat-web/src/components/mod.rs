//! The chat's components, one per file. They read [`crate::state::ChatState`] signals and render
//! untrusted text (nicknames, bodies, subjects) only as text nodes (and checked links).

mod announcement_sender;
mod announcer;
mod avatar;
mod completion;
mod composer;
mod correction;
mod emoji_picker;
mod entry;
mod external_login;
mod header;
mod held_note;
mod keyed_rows;
mod message_actions;
mod message_list;
mod mod_menu;
mod nick_prompt;
mod outbox;
mod owner_tools;
mod params_error;
mod participants;
mod poll_banner;
mod poll_form;
mod room_text;
mod terms_banner;
mod toast;

pub use announcement_sender::{with_title_line, AnnouncementSender};
pub use announcer::{Announcer, NewMessages, Throttle};
pub use avatar::AvatarImage;
pub use completion::{byte_index, insert_mention, typed_mention, utf16_index, Offer};
pub use composer::Composer;
pub use emoji_picker::EmojiPicker;
pub use entry::{Body, Entry, Viewer};
pub use external_login::{ExternalLoginButtons, ExternalLogins, LogoutButton};
pub use header::{status_text, Header};
pub use held_note::HeldNote;
pub use keyed_rows::KeyedRows;
pub use message_actions::{with_quote, MessageActions};
pub use message_list::MessageList;
pub use mod_menu::{mod_menu, ModMenu};
pub use nick_prompt::{check_nick, NickPromptForm};
pub use outbox::OutboxList;
pub use owner_tools::{OwnerPanelView, OwnerToolButtons};
pub use params_error::ParamsErrorPanel;
pub use participants::ParticipantsPanel;
pub use poll_banner::{clock, dispatch_vote_event, percent, PollBanner, VOTE_EVENT};
pub use poll_form::PollFormPanel;
pub use room_text::{with_channel_emojis, EmojiImage, RoomText};
pub use terms_banner::TermsBanner;
pub use toast::ToastView;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
    /// Each drawn row's own "my menu is open" signal (see [`ChatContext::menu_state`]).
    row_menus: Arc<Mutex<HashMap<MenuTarget, RwSignal<bool>>>>,
}

/// Where a moderator menu is open.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MenuTarget {
    /// On a message, by its log key.
    Message(u64),
    /// On an occupant in the participants panel, by nickname.
    Occupant(String),
    /// The actions of someone who can write on a message (quote, delete their own), by its key.
    Actions(u64),
}

impl ChatContext {
    pub fn new(state: ChatState, commands: Commands) -> Self {
        let menu = RwSignal::new(None::<MenuTarget>);
        let row_menus: Arc<Mutex<HashMap<MenuTarget, RwSignal<bool>>>> = Arc::default();
        // The one place that follows `menu`: it tells the row whose menu closed and the row whose
        // menu opened.
        let rows = row_menus.clone();
        Effect::new(move |previous: Option<Option<MenuTarget>>| {
            let open = menu.get();
            let rows = rows.lock().unwrap_or_else(|e| e.into_inner());
            for (target, value) in [(previous.flatten(), false), (open.clone(), true)] {
                if let Some(row) = target.and_then(|t| rows.get(&t).copied()) {
                    row.try_set(value);
                }
            }
            open
        });
        // A menu left open when the viewer stops moderating must not come back with the role.
        Effect::new(move |_| {
            if !state.am_moderator.get() && menu.get_untracked().is_some() {
                menu.set(None);
            }
        });
        ChatContext {
            state,
            commands,
            menu,
            refocus: RwSignal::new(None),
            row_menus,
        }
    }

    /// Whether `target`'s menu is open, as a signal owned by the row being drawn.
    ///
    /// A row must read nothing that outlives it: reactive_graph 0.2 keeps every subscriber that
    /// was dropped without unsubscribing (70 to 90 bytes with it) in the signal it read, for
    /// as long as that signal lives. Rows that read `menu` or `am_moderator` themselves left that
    /// much behind for every message a stream ever showed.
    pub fn menu_state(&self, target: MenuTarget) -> RwSignal<bool> {
        let open = RwSignal::new(self.menu.get_untracked().as_ref() == Some(&target));
        let rows = self.row_menus.clone();
        rows.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(target.clone(), open);
        on_cleanup(move || {
            let mut rows = rows.lock().unwrap_or_else(|e| e.into_inner());
            // A redrawn row may have taken the place already.
            if rows.get(&target) == Some(&open) {
                rows.remove(&target);
            }
        });
        open
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
