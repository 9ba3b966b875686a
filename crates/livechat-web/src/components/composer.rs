//! The bottom of the chat: the message input for those who can talk; for an anonymous viewer who
//! has not chosen a nickname, the button that opens the nickname prompt; for a muted viewer, why
//! they cannot write. Slow mode disables the input after each message and counts down.

use std::time::Duration;

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;

use super::NickPromptForm;
use crate::platform;
use crate::state::{ChatState, NickPrompt, Role, Status};
use crate::transport::Commands;

#[component]
pub fn Composer(
    state: ChatState,
    commands: Commands,
    /// Focus the input once it can be used.
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let mode = move || {
        if state
            .nick_prompt
            .with(|p| matches!(p, NickPrompt::Open { .. }))
        {
            Mode::Prompt
        } else if state.own_role.get() == Some(Role::Visitor) {
            // Before the nickname: in a room that mutes anonymous viewers, a nickname changes nothing.
            Mode::Muted
        } else if state.automatic_nick.get() {
            Mode::ChooseNick
        } else {
            Mode::Write
        }
    };
    view! {
        <div class="lc-footer">
            {move || match mode() {
                Mode::Prompt => view! { <NickPromptForm state commands=commands.clone()/> }.into_any(),
                Mode::ChooseNick => view! {
                    <button
                        type="button"
                        class="lc-choose-nick"
                        on:click=move |_| state.nick_prompt.set(NickPrompt::Open { problem: None })
                    >
                        "Choose a nickname to chat"
                    </button>
                }
                .into_any(),
                Mode::Muted => view! {
                    <p class="lc-muted-notice">
                        {move || if state.moderated.get() && !state.account.get() {
                            "Only registered users can write in this chat."
                        } else {
                            "You cannot write here at the moment: a moderator muted you."
                        }}
                    </p>
                }
                .into_any(),
                Mode::Write => view! { <MessageForm state commands=commands.clone() autofocus/> }.into_any(),
            }}
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Prompt,
    ChooseNick,
    Muted,
    Write,
}

#[component]
fn MessageForm(state: ChatState, commands: Commands, autofocus: bool) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    // Messages typed while reconnecting (after having been in the room) wait in the outbox and go
    // out once back in the room.
    let online = move || match state.status.get() {
        Status::Joined => true,
        Status::Reconnecting => state.nick.with(Option::is_some),
        _ => false,
    };
    let remaining = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(until) = state.cooldown_until_ms.get() {
            count_down(until, remaining, state.cooldown_until_ms);
        }
    });
    let cooling = move || remaining.get() > 0;

    if autofocus {
        Effect::new(move |_| {
            if let (Some(el), true) = (input.get(), online() && !cooling()) {
                let _ = el.focus();
            }
        });
    }

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = state.draft.get_untracked();
        if body.trim().is_empty() || !online() || remaining.get_untracked() > 0 {
            return;
        }
        commands.send_message(body);
        state.draft.set(String::new());
        if let Some(el) = input.get_untracked() {
            el.set_value("");
        }
        // Moderators are not held by slow mode.
        if let Some(seconds) = state
            .slow_mode_seconds
            .get_untracked()
            .filter(|_| !state.am_moderator.get_untracked())
        {
            state.cooldown_until_ms.set(Some(
                platform::now_ms() as f64 + f64::from(seconds) * 1000.0,
            ));
        }
    };

    view! {
        <form class="lc-composer" on:submit=on_submit>
            <input
                node_ref=input
                class="lc-input"
                type="text"
                aria-label="Message"
                placeholder=move || if cooling() {
                    format!("Slow mode: wait {} s", remaining.get())
                } else {
                    "Write a message…".to_owned()
                }
                autocomplete="off"
                enterkeyhint="send"
                maxlength="5000"
                prop:value=move || state.draft.get()
                on:input=move |ev| state.draft.set(event_target_value(&ev))
                disabled=move || !online() || cooling()
            />
            <button class="lc-send" type="submit" disabled=move || !online() || cooling()>"Send"</button>
            {move || cooling().then(|| view! {
                <p class="lc-slowmode" data-remaining=remaining>
                    {move || format!("Slow mode: you can write again in {} s.", remaining.get())}
                </p>
            })}
        </form>
    }
}

/// Updates `remaining` (whole seconds) until `until`, then clears the cooldown. Stops on its own if
/// the form went away.
fn count_down(until: f64, remaining: RwSignal<u32>, cooldown: RwSignal<Option<f64>>) {
    let left_ms = until - platform::now_ms() as f64;
    if left_ms <= 0.0 {
        remaining.try_set(0);
        cooldown.try_update(|c| {
            if *c == Some(until) {
                *c = None;
            }
        });
        return;
    }
    if remaining
        .try_set((left_ms / 1000.0).ceil() as u32)
        .is_some()
    {
        return; // disposed
    }
    let next = left_ms % 1000.0;
    let next = if next < 1.0 { 1000.0 } else { next };
    set_timeout(
        move || count_down(until, remaining, cooldown),
        Duration::from_millis(next as u64),
    );
}
