//! Our own messages the room has not echoed yet: "sending…" while on their way (or queued while
//! reconnecting), "not sent" with Retry and Discard when the room refused them (slow mode, muted).

use leptos::prelude::*;

use super::KeyedRows;
use crate::state::OutboxView;
use crate::transport::{Command, Commands};

#[component]
pub fn OutboxList(
    #[prop(into)] items: Signal<Vec<OutboxView>>,
    commands: Commands,
) -> impl IntoView {
    view! {
        <ol class="lc-outbox-list" aria-label="Your messages not delivered yet" hidden=move || items.with(Vec::is_empty)>
            <KeyedRows each=move || items.get() key=|o| (o.origin_id.clone(), o.failed.clone()) let(item)>
                <OutboxItem item commands=commands.clone()/>
            </KeyedRows>
        </ol>
    }
}

#[component]
fn OutboxItem(item: OutboxView, commands: Commands) -> impl IntoView {
    let failed = item.failed.is_some();
    let id = item.origin_id.clone();
    let actions = item.failed.map(|reason| {
        let (retry, discard) = (commands.clone(), commands.clone());
        let (id1, id2) = (id.clone(), id.clone());
        view! {
            <span class="lc-outbox-state">"Not sent: " {reason}</span>
            <button type="button" class="lc-retry" on:click=move |_| retry.send(Command::Retry(id1.clone()))>"Retry"</button>
            <button type="button" class="lc-discard" on:click=move |_| discard.send(Command::Discard(id2.clone()))>"Discard"</button>
        }
    });
    view! {
        <li class="lc-outbox" data-state=if failed { "failed" } else { "pending" } data-origin-id=id>
            <span class="lc-outbox-body">{item.body}</span>
            {if failed { None } else { Some(view! { <span class="lc-outbox-state">"Sending…"</span> }) }}
            {actions}
        </li>
    }
}
