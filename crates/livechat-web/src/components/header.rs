//! The top of the chat: connection status, room subject, the latest alert, and the toolbar
//! (participants, join/leave lines for moderators, change of nickname).

use leptos::prelude::*;

use super::{LogoutButton, OwnerToolButtons, RoomText};
use crate::i18n::{t, use_lang, Lang};
use crate::state::{ChatState, NickPrompt, Status};
use crate::transport::{Command, Commands};

/// The connection as the status line says it.
pub fn status_text(lang: Lang, state: ChatState) -> String {
    match state.status.get() {
        Status::Connecting => lang.t("status-connecting"),
        Status::Joining => lang.t("status-joining"),
        Status::Joined => match state.nick.get() {
            Some(nick) => lang.t_args(
                "status-joined",
                &[("nick", livechat_core::text::display_nick(&nick).into())],
            ),
            None => lang.t("status-joined-nameless"),
        },
        Status::Reconnecting => lang.t_args(
            "status-reconnecting",
            &[("attempt", state.attempt.get().max(1).into())],
        ),
        Status::NotInRoom => lang.t("status-not-in-room"),
        Status::Disconnected => lang.t("status-disconnected"),
    }
}

#[component]
pub fn Header(
    state: ChatState,
    commands: Commands,
    /// Whether the participants panel is open.
    participants_open: RwSignal<bool>,
    /// Whether this viewer gets the participants button at all.
    #[prop(into)]
    participants_toggle: Signal<bool>,
    /// The `id` of the participants panel (`aria-controls`).
    panel_id: String,
    /// Owners and admins get their tools (polls, announcements) where the chat can write.
    #[prop(optional)]
    owner_tools: bool,
) -> impl IntoView {
    let lang = use_lang();
    let status = move || status_text(lang, state);
    let count = move || state.occupants.with(Vec::len) + state.anonymous_count.get();
    let presence_toggle = move || {
        state.am_moderator.get().then(|| {
            let commands = commands.clone();
            view! {
                <button
                    type="button"
                    class="lc-tool lc-presence-toggle"
                    aria-pressed=move || state.presence_lines.get().to_string()
                    title=lang.t("presence-toggle-title")
                    on:click=move |_| commands.send(Command::PresenceLines(!state.presence_lines.get_untracked()))
                >
                    {lang.t("presence-toggle")}
                </button>
            }
        })
    };
    // An anonymous viewer who chose a nickname can change it; accounts keep theirs.
    let change_nick = move || {
        (!state.account.get()
            && !state.automatic_nick.get()
            && state.status.get() == Status::Joined)
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="lc-tool lc-change-nick"
                        on:click=move |_| state.nick_prompt.set(NickPrompt::Open { problem: None })
                    >
                        {lang.t("change-nick")}
                    </button>
                }
            })
    };
    // A memo, so the button is drawn only when it comes or goes.
    let shows_toggle = Memo::new(move |_| participants_toggle.get());
    view! {
        <header class="lc-header">
            <div class="lc-header-row">
                // Not a live region: the `Announcer` says the changes that matter, at a bounded rate.
                <p
                    class="lc-status"
                    data-status=move || state.status.get().name()
                    data-nick=move || state.nick.get()
                    data-attempt=move || state.attempt.get()
                >
                    {status}
                </p>
                <div class="lc-toolbar">
                    {change_nick}
                    <LogoutButton/>
                    {presence_toggle}
                    {owner_tools.then(|| view! { <OwnerToolButtons state/> })}
                    {move || shows_toggle.get().then(|| view! {
                        <button
                            type="button"
                            class="lc-tool lc-participants-toggle"
                            aria-expanded=move || participants_open.get().to_string()
                            aria-controls=panel_id.clone()
                            on:click={
                                let panel_id = panel_id.clone();
                                move |_| {
                                    participants_open.update(|o| *o = !*o);
                                    if participants_open.get_untracked() {
                                        // Into the panel (it comes after the messages in the
                                        // page's order, and covers them on a narrow screen).
                                        let panel_id = panel_id.clone();
                                        request_animation_frame(move || focus_by_id(&panel_id));
                                    }
                                }
                            }
                        >
                            {t("participants-toggle")}
                            " "
                            <span class="lc-count" data-count=count>{count}</span>
                        </button>
                    })}
                </div>
            </div>
            {move || state.subject.get().map(|subject| view! { <p class="lc-subject"><RoomText text=subject/></p> })}
            {move || state.alert.get().map(|alert| view! { <p class="lc-alert" role="alert">{alert}</p> })}
        </header>
    }
}

/// Focuses the element with this `id`, if it is in the page.
fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
