//! One row of the message list: a message (time, avatar, coloured nickname, body with safe links,
//! "edited" mark, or a tombstone) or a notice line. Moderators get a menu on the message and its
//! author.

use leptos::either::Either;
use leptos::prelude::*;

use super::{AvatarImage, ChatContext, MenuTarget, ModMenu};
use crate::i18n::use_lang;
use crate::links::{split_links, Segment};
use crate::log_view::{EntryKind, EntryView, MessageView};

/// `moderator`: whether the viewer moderates (the list draws its rows again when that changes).
#[component]
pub fn Entry(entry: EntryView, moderator: bool) -> impl IntoView {
    let time = entry.time;
    match entry.kind {
        EntryKind::Message(m) => {
            Either::Left(view! { <MessageRow key=entry.key time m moderator/> })
        }
        EntryKind::Notice(text) => Either::Right(view! {
            <li class="lc-notice" data-key=entry.key><time class="lc-time">{time}</time><span class="lc-body">{text}</span></li>
        }),
    }
}

#[component]
fn MessageRow(key: u64, time: String, m: MessageView, moderator: bool) -> impl IntoView {
    let ctx = use_context::<ChatContext>().filter(|_| moderator);
    let lang = use_lang();
    let removed = m.removed.is_some();
    let body = match m.removed {
        Some(tombstone) => Either::Left(tombstone),
        None => Either::Right(view! { <Body text=m.body/> }),
    };
    let color = m.color.to_string();
    // Moderators only: this row's menu state, a signal of the row's own.
    let target = MenuTarget::Message(key);
    let open = ctx.as_ref().map(|ctx| ctx.menu_state(target.clone()));

    // Moderators: the nickname opens the menu for this message and its author.
    let nick_view = match (ctx.clone(), open) {
        (Some(ctx), Some(open)) => {
            let opener = NodeRef::<leptos::html::Button>::new();
            ctx.restore_focus(target.clone(), opener);
            Either::Left(view! {
                <button
                    node_ref=opener
                    type="button"
                    class="lc-nick lc-nick-button"
                    style:color=color
                    aria-expanded=move || open.get().to_string()
                    title=lang.t("moderate")
                    on:click=move |_| ctx.toggle_menu(target.clone())
                >
                    {m.shown_nick}
                </button>
            })
        }
        _ => Either::Right(view! { <span class="lc-nick" style:color=color>{m.shown_nick}</span> }),
    };

    let menu = ctx.zip(open).map(|(ctx, open)| {
        let nick = m.nick.clone();
        let stanza_id = m.stanza_id.clone().filter(|_| !removed);
        let own = m.own;
        move || {
            open.get().then(|| {
                view! { <ModMenu ctx=ctx.clone() nick=nick.clone() stanza_id=stanza_id.clone() me=own/> }
            })
        }
    });

    view! {
        <li
            class="lc-msg"
            class:lc-own=m.own
            class:lc-history=m.history
            class:lc-removed=removed
            data-key=key
            data-stanza-id=m.stanza_id
        >
            <time class="lc-time">{time}</time>
            <AvatarImage avatar=m.avatar.clone()/>
            {nick_view}
            <span class="lc-body">{body}</span>
            {m.corrected.then(|| view! { <span class="lc-edited" title=lang.t("edited-title")>{lang.t("edited")}</span> })}
            {menu}
        </li>
    }
}

/// A body: text nodes, and `http(s)://` addresses as links that open in a new tab and pass
/// nothing to the site they lead to. Never parsed as markup.
#[component]
pub fn Body(text: String) -> impl IntoView {
    split_links(&text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(t) => Either::Left(t.to_owned()),
            Segment::Link(url) => Either::Right(view! {
                <a class="lc-link" href=url.to_owned() target="_blank" rel="noopener noreferrer nofollow">{url.to_owned()}</a>
            }),
        })
        .collect_view()
}
