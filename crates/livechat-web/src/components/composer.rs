//! The bottom of the chat: the message input for those who can talk; for an anonymous viewer who
//! has not chosen a nickname, the button that opens the nickname prompt; for a muted viewer, why
//! they cannot write. Slow mode disables the input after each message and counts down.
//!
//! The input is a `<textarea>`: Enter sends, Shift+Enter starts a new line. It completes
//! nicknames after `@` ([`super::completion`]), and ↑ in it empty corrects the last message sent
//! ([`super::correction`]). In emoji-only mode a notice under it says so.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::either::EitherOf5;
use leptos::ev::SubmitEvent;
use leptos::html::Textarea;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use super::completion::{byte_index, utf16_index, CompletionList, Offer};
use super::correction::{cancel_editing, start_editing, EditingNotice};
use super::{EmojiPicker, NickPromptForm};
use crate::i18n::use_lang;
use crate::on_demand::{split_view, when_loaded};
use crate::platform;
use crate::state::{ChatState, NickPrompt, Role, Status};
use crate::transport::{Command, Commands};

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
        } else if state.nick.with(Option::is_none) {
            // Until the room has let us in, whether the viewer will write (and download the
            // message form) is not known yet.
            Mode::Waiting
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
                Mode::Prompt => EitherOf5::A(when_loaded({
                    let commands = commands.clone();
                    move || nick_prompt(state, commands.clone())
                })),
                Mode::ChooseNick => EitherOf5::B(view! {
                    <button
                        type="button"
                        class="lc-choose-nick"
                        on:click=move |_| state.nick_prompt.set(NickPrompt::Open { problem: None })
                    >
                        {lang.t("choose-nick")}
                    </button>
                }),
                Mode::Muted => EitherOf5::C(view! {
                    <p class="lc-muted-notice">
                        {move || if state.moderated.get() && !state.account.get() {
                            lang.t("muted-anonymous")
                        } else {
                            lang.t("muted-by-moderator")
                        }}
                    </p>
                }),
                Mode::Write => EitherOf5::D(when_loaded({
                    let commands = commands.clone();
                    move || message_form(state, commands.clone(), wanted)
                })),
                Mode::Waiting => EitherOf5::E(view! { <WaitingForm/> }),
            }}
        </div>
    }
}

/// The message form as it looks until the room lets us in (disabled), drawn without the writers'
/// module: the footer keeps its place, and a viewer who will only read downloads nothing more.
#[component]
fn WaitingForm() -> impl IntoView {
    let lang = use_lang();
    view! {
        <form class="lc-composer">
            <textarea
                class="lc-input"
                rows="1"
                aria-label=lang.t("message-label")
                placeholder=lang.t("message-placeholder")
                disabled
            ></textarea>
            <button class="lc-send" type="submit" disabled>{lang.t("send")}</button>
        </form>
    }
}

// Writing comes in a module of its own: a viewer who never chooses a nickname does not download it.
split_view!(
    writing,
    fn nick_prompt(state: ChatState, commands: Commands) {
        view! { <NickPromptForm state commands/> }
    }
);
split_view!(
    writing,
    fn message_form(state: ChatState, commands: Commands, wanted: RwSignal<bool>) {
        view! { <MessageForm state commands wanted/> }
    }
);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Waiting,
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
    static NEXT_ID: AtomicU32 = AtomicU32::new(1);
    let id = format!("lc-composer-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let (list_id, notice_id) = (format!("{id}-nicks"), format!("{id}-notice"));
    let lang = use_lang();
    let input = NodeRef::<Textarea>::new();
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

    // Sent: to the room as a message, or as the correction of the last one.
    let send = move || {
        let body = state.draft.get_untracked();
        if body.trim().is_empty() || !online() || remaining.get_untracked() > 0 {
            return;
        }
        // The room counts a vote before slow mode sees it: it starts no wait.
        let editing = state.editing.get_untracked();
        let vote = !editing && state.is_vote(&body);
        if editing {
            state.editing.set(false);
            commands.send(Command::CorrectLast(body));
        } else {
            commands.send_message(body);
        }
        state.draft.set(String::new());
        if let Some(el) = input.get_untracked() {
            el.set_value("");
        }
        // Moderators are not held by slow mode.
        if let Some(seconds) = state
            .slow_mode_seconds
            .get_untracked()
            .filter(|_| !vote && !state.am_moderator.get_untracked())
        {
            state.cooldown_until_ms.set(Some(
                platform::now_ms() as f64 + f64::from(seconds) * 1000.0,
            ));
        }
    };

    // Nickname completion: what is offered for the word at the caret.
    let offer = RwSignal::new(None::<Offer>);
    let occupants = state.occupants;
    let update_offer = move || {
        let Some(el) = input.get_untracked() else {
            return;
        };
        let draft = el.value();
        let caret = byte_index(&draft, el.selection_start().ok().flatten().unwrap_or(0));
        let own = state.nick.get_untracked();
        let found = occupants.with_untracked(|o| {
            let nicks = o
                .iter()
                .map(|o| o.nick.as_str())
                .filter(|n| Some(*n) != own.as_deref());
            Offer::at(&draft, caret, nicks)
        });
        offer.set(found);
    };
    let accept = move |active: usize| {
        let Some(chosen) = offer.get_untracked() else {
            return;
        };
        let chosen = Offer { active, ..chosen };
        let (draft, caret) = state.draft.with_untracked(|d| chosen.accept(d));
        offer.set(None);
        if let Some(el) = input.get_untracked() {
            el.set_value(&draft);
            let caret = utf16_index(&draft, caret);
            let _ = el.set_selection_range(caret, caret);
        }
        state.draft.set(draft);
    };

    let send_on_enter = send.clone();
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.is_composing() {
            return;
        }
        let key = ev.key();
        if let Some(open) = offer.get_untracked() {
            match key.as_str() {
                "ArrowDown" => offer.set(Some(open.moved(1))),
                "ArrowUp" => offer.set(Some(open.moved(-1))),
                "Enter" | "Tab" if !ev.shift_key() => accept(open.active),
                "Escape" => offer.set(None),
                _ => return,
            }
            ev.prevent_default();
            ev.stop_propagation();
            return;
        }
        match key.as_str() {
            "Enter" if !ev.shift_key() => {
                ev.prevent_default();
                send_on_enter();
            }
            "ArrowUp" if start_editing(state) => ev.prevent_default(),
            "Escape" if state.editing.get_untracked() => {
                ev.stop_propagation();
                cancel_editing(state);
            }
            _ => {}
        }
    };

    // Emoji-only mode: said before anything is sent (moderators are not held to it).
    let emoji_only = move || {
        state.emoji_only.get().then(|| {
            lang.t(if state.am_moderator.get() {
                "emoji-only-moderator"
            } else {
                "emoji-only"
            })
        })
    };
    let (list, active_list, described) = (list_id.clone(), list_id.clone(), notice_id.clone());

    view! {
        <form class="lc-composer" on:submit=move |ev: SubmitEvent| {
            ev.prevent_default();
            send();
        }>
            {move || state.editing.get().then(|| view! { <EditingNotice state input/> })}
            <CompletionList id=list_id offer=offer.into() on_choose=Callback::new(accept)/>
            <textarea
                node_ref=input
                class="lc-input"
                rows="1"
                aria-label=lang.t("message-label")
                aria-autocomplete="list"
                aria-controls=move || offer.with(Option::is_some).then(|| list.clone())
                aria-activedescendant=move || offer.with(|o| o.as_ref().map(|o| format!("{active_list}-{}", o.active)))
                aria-describedby=move || emoji_only().map(|_| described.clone())
                placeholder=move || if cooling() {
                    lang.t_args("slow-mode-placeholder", &[("seconds", remaining.get().into())])
                } else {
                    lang.t("message-placeholder")
                }
                autocomplete="off"
                enterkeyhint="send"
                maxlength="5000"
                prop:value=move || state.draft.get()
                on:input=move |ev| {
                    state.draft.set(event_target_value(&ev));
                    update_offer();
                }
                on:keydown=on_keydown
                on:focus=move |_| wanted.set(true)
                // Left by the viewer, not taken away by `disabled`.
                on:blur=move |_| {
                    offer.set(None);
                    if input.get_untracked().is_some_and(|el| !el.disabled()) {
                        wanted.set(false)
                    }
                }
                disabled=move || !online() || cooling()
            ></textarea>
            <EmojiPicker input draft=state.draft/>
            <button class="lc-send" type="submit" disabled=move || !online() || cooling()>{lang.t("send")}</button>
            <p class="lc-visually-hidden" aria-live="polite">
                {move || offer.with(|o| o.as_ref().map(|o| lang.t_args("completions-count", &[("count", o.nicks.len().into())])))}
            </p>
            {move || emoji_only().map(|text| view! { <p class="lc-emoji-only-notice" id=notice_id.clone()>{text}</p> })}
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
