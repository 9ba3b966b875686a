//! The top of the chat: connection status, room subject, and the latest alert.

use leptos::prelude::*;

use crate::state::{ChatState, Status};

#[component]
pub fn Header(state: ChatState) -> impl IntoView {
    let status_text = move || match state.status.get() {
        Status::Connecting => "Connecting…".to_owned(),
        Status::Joining => "Joining the room…".to_owned(),
        Status::Joined => match state.nick.get() {
            Some(nick) => format!("Joined as {nick}"),
            None => "Joined".to_owned(),
        },
        Status::NotInRoom => "Not in the room".to_owned(),
        Status::Disconnected => "Disconnected".to_owned(),
    };
    view! {
        <header class="lc-header">
            <p class="lc-status" role="status" data-status=move || state.status.get().name()>
                {status_text}
            </p>
            {move || state.subject.get().map(|subject| view! { <p class="lc-subject">{subject}</p> })}
            {move || state.alert.get().map(|alert| view! { <p class="lc-alert" role="alert">{alert}</p> })}
        </header>
    }
}
