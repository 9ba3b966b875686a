//! Our own messages the room has not echoed yet: "sending…" while on their way (or queued while
//! reconnecting), "not sent" with Retry and Discard when the room refused them (slow mode, muted).

use leptos::prelude::*;

use super::KeyedRows;
use crate::i18n::{use_lang, Lang};
use crate::state::OutboxView;
use crate::transport::{Command, Commands};

#[component]
pub fn OutboxList(
    #[prop(into)] items: Signal<Vec<OutboxView>>,
    commands: Commands,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ol class="lc-outbox-list" aria-label=lang.t("outbox-label") hidden=move || items.with(Vec::is_empty)>
            <KeyedRows each=move || items.get() key=|o| (o.origin_id.clone(), o.failed.clone()) let(item)>
                <OutboxItem item commands=commands.clone() lang/>
            </KeyedRows>
        </ol>
    }
}

#[component]
fn OutboxItem(item: OutboxView, commands: Commands, lang: Lang) -> impl IntoView {
    let failed = item.failed.is_some();
    let id = item.origin_id.clone();
    let actions = item.failed.map(|reason| {
        let (retry, discard) = (commands.clone(), commands.clone());
        let (id1, id2) = (id.clone(), id.clone());
        view! {
            <span class="lc-outbox-state">{lang.t_args("outbox-not-sent", &[("reason", reason.into())])}</span>
            <button type="button" class="lc-retry" on:click=move |_| retry.send(Command::Retry(id1.clone()))>{lang.t("outbox-retry")}</button>
            <button type="button" class="lc-discard" on:click=move |_| discard.send(Command::Discard(id2.clone()))>{lang.t("outbox-discard")}</button>
        }
    });
    view! {
        <li class="lc-outbox" data-state=if failed { "failed" } else { "pending" } data-origin-id=id>
            <span class="lc-outbox-body">{item.body}</span>
            {if failed { None } else { Some(view! { <span class="lc-outbox-state">{lang.t("outbox-sending")}</span> }) }}
            {actions}
        </li>
    }
}
