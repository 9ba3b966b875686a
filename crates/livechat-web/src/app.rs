//! The root component: the chat when the parameters are usable, a clear error otherwise. Never a
//! blank frame.

use leptos::prelude::*;

use crate::components::{Composer, Header, MessageList, ParamsErrorPanel};
use crate::params::{Params, ParamsError, ReadOnly};
use crate::state::ChatState;
use crate::transport;

#[component]
pub fn App(params: Result<Params, ParamsError>) -> impl IntoView {
    match params {
        Ok(params) => view! { <Chat params/> }.into_any(),
        Err(error) => view! { <ParamsErrorPanel error/> }.into_any(),
    }
}

/// One room: header (status, subject, alerts), the message list and, unless read-only, the input.
#[component]
fn Chat(params: Params) -> impl IntoView {
    let state = ChatState::new();
    let commands = transport::connect(params.websocket_url.clone(), params.session_config(), state);
    let read_only = params.read_only;
    view! {
        <div
            class="lc-chat"
            class:lc-transparent=params.transparent
            class:lc-noscroll=read_only == ReadOnly::NoScroll
        >
            <Header state/>
            <MessageList entries=state.entries always_follow=read_only == ReadOnly::NoScroll/>
            {(!read_only.is_read_only()).then(|| view! { <Composer status=state.status commands/> })}
        </div>
    }
}
