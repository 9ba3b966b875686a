//! The top of the chat: connection status, room subject, the latest alert, and the toolbar
//! (participants, join/leave lines for moderators, change of nickname).

use leptos::prelude::*;

use crate::state::{ChatState, NickPrompt, Status};
use crate::transport::{Command, Commands};

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
) -> impl IntoView {
    let status_text = move || match state.status.get() {
        Status::Connecting => "Connecting…".to_owned(),
        Status::Joining => "Joining the room…".to_owned(),
        Status::Joined => match state.nick.get() {
            Some(nick) => format!("Joined as {}", livechat_core::text::display_nick(&nick)),
            None => "Joined".to_owned(),
        },
        Status::Reconnecting => format!(
            "Connection lost, reconnecting (attempt {})…",
            state.attempt.get().max(1)
        ),
        Status::NotInRoom => "Not in the room".to_owned(),
        Status::Disconnected => "Disconnected".to_owned(),
    };
    let count = move || state.occupants.with(Vec::len) + state.anonymous_count.get();
    let presence_toggle = move || {
        state.am_moderator.get().then(|| {
            let commands = commands.clone();
            view! {
                <button
                    type="button"
                    class="lc-tool lc-presence-toggle"
                    aria-pressed=move || state.presence_lines.get().to_string()
                    title="Show when people join and leave (rejoins the room)"
                    on:click=move |_| commands.send(Command::PresenceLines(!state.presence_lines.get_untracked()))
                >
                    "Join/leave lines"
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
                        "Change nickname"
                    </button>
                }
            })
    };
    view! {
        <header class="lc-header">
            <div class="lc-header-row">
                <p
                    class="lc-status"
                    role="status"
                    data-status=move || state.status.get().name()
                    data-nick=move || state.nick.get()
                    data-attempt=move || state.attempt.get()
                >
                    {status_text}
                </p>
                <div class="lc-toolbar">
                    {change_nick}
                    {presence_toggle}
                    <Show when=move || participants_toggle.get()>
                        <button
                            type="button"
                            class="lc-tool lc-participants-toggle"
                            aria-expanded=move || participants_open.get().to_string()
                            aria-controls=panel_id.clone()
                            on:click=move |_| participants_open.update(|o| *o = !*o)
                        >
                            "Participants "
                            <span class="lc-count" data-count=count>{count}</span>
                        </button>
                    </Show>
                </div>
            </div>
            {move || state.subject.get().map(|subject| view! { <p class="lc-subject">{subject}</p> })}
            {move || state.alert.get().map(|alert| view! { <p class="lc-alert" role="alert">{alert}</p> })}
        </header>
    }
}
