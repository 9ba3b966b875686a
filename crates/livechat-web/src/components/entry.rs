//! One row of the message list: a message (time, avatar, coloured nickname, body with safe links,
//! "edited" mark, or a tombstone) or a notice line. Moderators get a menu on the message and its
//! author.

use leptos::prelude::*;

use super::{AvatarImage, ChatContext, MenuTarget, ModMenu};
use crate::i18n::use_lang;
use crate::links::{split_links, Segment};
use crate::log_view::{EntryKind, EntryView, MessageView};

#[component]
pub fn Entry(entry: EntryView) -> impl IntoView {
    let time = entry.time;
    match entry.kind {
        EntryKind::Message(m) => view! { <MessageRow key=entry.key time m/> }.into_any(),
        EntryKind::Notice(text) => view! {
            <li class="lc-notice" data-key=entry.key><time class="lc-time">{time}</time><span class="lc-body">{text}</span></li>
        }
        .into_any(),
    }
}

#[component]
fn MessageRow(key: u64, time: String, m: MessageView) -> impl IntoView {
    let ctx = use_context::<ChatContext>();
    let lang = use_lang();
    let removed = m.removed.is_some();
    let body = match m.removed {
        Some(tombstone) => tombstone.into_any(),
        None => view! { <Body text=m.body/> }.into_any(),
    };
    let color = m.color.to_string();

    // Moderators: the nickname opens the menu for this message and its author.
    let nick_view = {
        let (ctx, color, shown) = (ctx.clone(), color.clone(), m.shown_nick.clone());
        move || match ctx.as_ref().filter(|c| c.state.am_moderator.get()) {
            Some(ctx) => {
                let ctx = ctx.clone();
                let open = {
                    let menu = ctx.menu;
                    move || menu.get() == Some(MenuTarget::Message(key))
                };
                let opener = NodeRef::<leptos::html::Button>::new();
                ctx.restore_focus(MenuTarget::Message(key), opener);
                view! {
                    <button
                        node_ref=opener
                        type="button"
                        class="lc-nick lc-nick-button"
                        style:color=color.clone()
                        aria-expanded=move || open().to_string()
                        title=lang.t("moderate")
                        on:click=move |_| ctx.toggle_menu(MenuTarget::Message(key))
                    >
                        {shown.clone()}
                    </button>
                }
                .into_any()
            }
            None => {
                view! { <span class="lc-nick" style:color=color.clone()>{shown.clone()}</span> }
                    .into_any()
            }
        }
    };

    let menu = ctx.map(|ctx| {
        let nick = m.nick.clone();
        let stanza_id = m.stanza_id.clone().filter(|_| !removed);
        let own = m.own;
        move || {
            (ctx.state.am_moderator.get() && ctx.menu.get() == Some(MenuTarget::Message(key))).then(
                || match stanza_id.clone() {
                    Some(id) => {
                        view! { <ModMenu ctx=ctx.clone() nick=nick.clone() stanza_id=id me=own/> }
                            .into_any()
                    }
                    None => {
                        view! { <ModMenu ctx=ctx.clone() nick=nick.clone() me=own/> }.into_any()
                    }
                },
            )
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
            Segment::Text(t) => t.to_owned().into_any(),
            Segment::Link(url) => view! {
                <a class="lc-link" href=url.to_owned() target="_blank" rel="noopener noreferrer nofollow">{url.to_owned()}</a>
            }
            .into_any(),
        })
        .collect_view()
}
