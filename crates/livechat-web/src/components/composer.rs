//! The message input: enabled only in the room; Enter (or the button) sends.

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;

use crate::state::Status;
use crate::transport::Commands;

#[component]
pub fn Composer(status: RwSignal<Status>, commands: Commands) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let joined = move || status.get() == Status::Joined;

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(el) = input.get_untracked() else {
            return;
        };
        let body = el.value();
        if body.trim().is_empty() || status.get_untracked() != Status::Joined {
            return;
        }
        commands.send_message(body);
        el.set_value("");
    };

    view! {
        <form class="lc-composer" on:submit=on_submit>
            <input
                node_ref=input
                class="lc-input"
                type="text"
                aria-label="Message"
                placeholder="Write a message…"
                autocomplete="off"
                enterkeyhint="send"
                disabled=move || !joined()
            />
            <button class="lc-send" type="submit" disabled=move || !joined()>"Send"</button>
        </form>
    }
}
