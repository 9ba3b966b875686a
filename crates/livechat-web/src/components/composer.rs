//! The bottom of the chat: the message input for those who can talk; for an anonymous viewer who
//! has not chosen a nickname, the button that opens the nickname prompt; for a muted viewer, why
//! they cannot write. Slow mode disables the input after each message and counts down.

use std::time::Duration;

use leptos::either::EitherOf4;
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::NickPromptForm;
use crate::i18n::use_lang;
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
    let lang = use_lang();
    // A memo: the part below is drawn again only when the mode really changes (drawing it again
    // would take the focus from the input).
    let mode = Memo::new(move |_| {
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
    });
    // Whether the input should have the focus whenever it can: asked by the page (`autofocus`,
    // never on a touch screen), then wherever the viewer leaves it (see `MessageForm`).
    let wanted = RwSignal::new(autofocus && !platform::coarse_pointer());
    let footer = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |previous: Option<Mode>| {
        let now = mode.get();
        if previous == Some(Mode::Prompt) && now != Mode::Prompt {
            // The prompt closed (the room accepted the nickname, or the viewer cancelled): the
            // focus goes on to the input, or back to the button that opens the prompt, rather than
            // to the top of the page.
            request_animation_frame(move || {
                let next = footer.try_get_untracked().flatten().and_then(|f| {
                    f.query_selector(".lc-input, .lc-choose-nick")
                        .ok()
                        .flatten()
                });
                if let (Some(next), true) = (next, super::focus_lost()) {
                    let _ = next.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        }
        now
    });
    view! {
        <div class="lc-footer" node_ref=footer>
            {move || match mode.get() {
                Mode::Prompt => EitherOf4::A(view! { <NickPromptForm state commands=commands.clone()/> }),
                Mode::ChooseNick => EitherOf4::B(view! {
                    <button
                        type="button"
                        class="lc-choose-nick"
                        on:click=move |_| state.nick_prompt.set(NickPrompt::Open { problem: None })
                    >
                        {lang.t("choose-nick")}
                    </button>
                }),
                Mode::Muted => EitherOf4::C(view! {
                    <p class="lc-muted-notice">
                        {move || if state.moderated.get() && !state.account.get() {
                            lang.t("muted-anonymous")
                        } else {
                            lang.t("muted-by-moderator")
                        }}
                    </p>
                }),
                Mode::Write => EitherOf4::D(view! { <MessageForm state commands=commands.clone() wanted/> }),
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
fn MessageForm(
    state: ChatState,
    commands: Commands,
    /// The input should have the focus when it can (see `Composer`).
    wanted: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
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

    // The input takes the focus on its own only when nothing else has it, and never on a touch
    // screen (a tap elsewhere must not bring the keyboard up, #433): on start with `autofocus`, and
    // when it opens again after slow mode or a reconnection disabled it under the viewer's fingers
    // (browsers that apply the focus fix-up take the focus from a disabled input). It asks after
    // the frame's DOM updates: the input loses `disabled` in another effect of the same flush, and
    // a disabled input refuses the focus.
    Effect::new(move |_| {
        if let (Some(el), true) = (input.get(), online() && !cooling()) {
            request_animation_frame(move || {
                // A frame late: the chat may be gone already (unmounted at once).
                let wanted = wanted.try_get_untracked() == Some(true);
                if wanted && super::focus_lost() && !platform::coarse_pointer() {
                    let _ = el.focus();
                }
            });
        }
    });

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
                aria-label=lang.t("message-label")
                placeholder=move || if cooling() {
                    lang.t_args("slow-mode-placeholder", &[("seconds", remaining.get().into())])
                } else {
                    lang.t("message-placeholder")
                }
                autocomplete="off"
                enterkeyhint="send"
                maxlength="5000"
                prop:value=move || state.draft.get()
                on:input=move |ev| state.draft.set(event_target_value(&ev))
                on:focus=move |_| wanted.set(true)
                // Left by the viewer, not taken away by `disabled`.
                on:blur=move |_| if input.get_untracked().is_some_and(|el| !el.disabled()) {
                    wanted.set(false)
                }
                disabled=move || !online() || cooling()
            />
            <button class="lc-send" type="submit" disabled=move || !online() || cooling()>{lang.t("send")}</button>
            {move || cooling().then(|| view! {
                <p class="lc-slowmode" data-remaining=remaining>
                    {move || lang.t_args("slow-mode-countdown", &[("seconds", remaining.get().into())])}
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
