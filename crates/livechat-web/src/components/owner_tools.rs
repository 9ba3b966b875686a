//! What owners and admins of the room get beyond moderators: toolbar buttons that open the poll
//! form and the announcement sender, and the panel that holds the open one. The tools themselves
//! live in their own modules, drawn only when opened.

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{AnnouncementSender, PollFormPanel};
use crate::i18n::use_lang;
use crate::on_demand::{split_view, when_loaded};
use crate::state::{ChatState, OwnerPanel};
use crate::transport::Commands;

/// The toolbar buttons, for owners and admins only.
#[component]
pub fn OwnerToolButtons(state: ChatState) -> impl IntoView {
    let lang = use_lang();
    // A memo: the buttons are drawn again only when the right comes or goes (each occupant change
    // sets the signal again), so a button keeps the focus.
    let admin = Memo::new(move |_| state.am_admin.get());
    let button = move |panel: OwnerPanel, class: &'static str, text: String| {
        view! {
            <button
                type="button"
                class=class
                aria-expanded=move || (state.owner_panel.get() == Some(panel)).to_string()
                on:click=move |_| state.owner_panel.update(|open| {
                    *open = if *open == Some(panel) { None } else { Some(panel) };
                })
            >
                {text}
            </button>
        }
    };
    move || {
        admin.get().then(|| {
            (
                button(
                    OwnerPanel::PollForm,
                    "lc-tool lc-poll-create",
                    lang.t("poll-create"),
                ),
                button(
                    OwnerPanel::Announcement,
                    "lc-tool lc-announce-open",
                    lang.t("announce-open"),
                ),
            )
        })
    }
}

/// The open tool, above the messages.
#[component]
pub fn OwnerPanelView(state: ChatState, commands: Commands) -> impl IntoView {
    let open = Memo::new(move |_| state.owner_panel.get().filter(|_| state.am_admin.get()));
    move || {
        open.get().map(|panel| {
            let commands = commands.clone();
            when_loaded(move || owner_panel(panel, state, commands.clone()))
        })
    }
}

split_view!(
    owner_tools,
    fn owner_panel(panel: OwnerPanel, state: ChatState, commands: Commands) {
        match panel {
            OwnerPanel::PollForm => Either::Left(view! { <PollFormPanel state commands/> }),
            OwnerPanel::Announcement => {
                Either::Right(view! { <AnnouncementSender state commands/> })
            }
        }
    }
);

/// Closes the open tool; the focus goes back to the toolbar button that opened it, in the chat
/// `inside` is part of.
pub fn close_panel(state: ChatState, inside: Option<web_sys::Element>) {
    let opener = match state.owner_panel.get_untracked() {
        Some(OwnerPanel::PollForm) => ".lc-poll-create",
        Some(OwnerPanel::Announcement) => ".lc-announce-open",
        None => return,
    };
    let button = inside
        .and_then(|el| el.closest(".lc-chat").ok().flatten())
        .and_then(|chat| chat.query_selector(opener).ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    state.owner_panel.set(None);
    if let Some(button) = button {
        let _ = button.focus();
    }
}

/// A tool's Cancel button: closes it.
#[component]
pub fn CancelButton(state: ChatState) -> impl IntoView {
    view! {
        <button type="button" class="lc-owner-cancel"
            on:click=move |ev| close_panel(state, ev.target().and_then(|t| t.dyn_into().ok()))>
            {use_lang().t("owner-cancel")}
        </button>
    }
}

/// Focuses the first field of a tool once it is drawn.
pub fn focus_first_field(form: NodeRef<leptos::html::Form>) {
    request_animation_frame(move || {
        let field = form
            .try_get_untracked()
            .flatten()
            .and_then(|f| f.query_selector("input, select, textarea").ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    });
}

/// Escape closes the tool.
pub fn on_escape(state: ChatState) -> impl Fn(web_sys::KeyboardEvent) + Clone {
    move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close_panel(state, ev.target().and_then(|t| t.dyn_into().ok()));
        }
    }
}
