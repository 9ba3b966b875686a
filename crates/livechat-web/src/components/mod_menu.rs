//! A moderator's actions on an occupant (kick, ban, mute or give voice) and, when opened from a
//! message, on that message (remove it for everyone, quote it). Shown only to moderators; the
//! results come back as a toast (`Event::CommandResult`).

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::message_actions::quote_into_composer;
use super::ChatContext;
use crate::i18n::use_lang;
use crate::on_demand::split_view;
use crate::state::Role;
use crate::transport::Command;

#[component]
pub fn ModMenu(
    ctx: ChatContext,
    /// The occupant's nickname in the room.
    nick: String,
    /// The message's stanza-id, when opened from a message that can still be removed.
    #[prop(optional_no_strip)]
    stanza_id: Option<String>,
    /// The occupant is us: no actions against ourselves.
    #[prop(optional)]
    me: bool,
    /// The message's text, when the moderator can write: the menu quotes it too.
    #[prop(optional_no_strip)]
    quoted: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let confirm_ban = RwSignal::new(false);
    let menu = ctx.menu;
    let refocus = ctx.refocus;
    let node = NodeRef::<leptos::html::Div>::new();
    // Opened: the focus goes to the first action. Closed: back to the button that opened it (in
    // the same row), and again if the action draws that row anew.
    Effect::new(move |_| {
        if let Some(first) = node
            .get()
            .and_then(|m| m.query_selector("button").ok().flatten())
        {
            let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
    let close = move || {
        let opener = node
            .get_untracked()
            .and_then(|m| m.parent_element())
            .and_then(|row| {
                row.query_selector(".lc-nick-button, .lc-occupant-menu-toggle")
                    .ok()
                    .flatten()
            });
        refocus.set(menu.get_untracked());
        menu.set(None);
        if let Some(opener) = opener {
            let _ = opener.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    let occupants = ctx.state.occupants;
    let role = {
        let nick = nick.clone();
        move || occupants.with(|o| o.iter().find(|o| o.nick == nick).map(|o| o.role))
    };
    let act = {
        let commands = ctx.commands.clone();
        move |command: Command| {
            commands.send(command);
            close();
        }
    };

    let quote = quoted.map(|text| {
        let draft = ctx.state.draft;
        view! {
            <button type="button" class="lc-quote" on:click=move |_| {
                menu.set(None);
                quote_into_composer(draft, &text, node.get_untracked().as_deref());
            }>
                {lang.t("quote")}
            </button>
        }
    });
    let retract = stanza_id.map(|id| {
        let act = act.clone();
        view! {
            <button type="button" class="lc-mod-retract" on:click=move |_| act(Command::Retract(id.clone()))>
                {lang.t("mod-retract")}
            </button>
        }
    });
    let occupant_actions = (!me).then(|| {
        let (a1, a2, a3) = (act.clone(), act.clone(), act.clone());
        let (n1, n2, n3) = (nick.clone(), nick.clone(), nick.clone());
        view! {
            {move || if role() == Some(Role::Visitor) {
                let (act, nick) = (a1.clone(), n1.clone());
                Either::Left(view! { <button type="button" class="lc-mod-voice" on:click=move |_| act(Command::Voice(nick.clone()))>{lang.t("mod-voice")}</button> })
            } else {
                let (act, nick) = (a1.clone(), n1.clone());
                Either::Right(view! { <button type="button" class="lc-mod-mute" on:click=move |_| act(Command::Mute(nick.clone()))>{lang.t("mod-mute")}</button> })
            }}
            <button type="button" class="lc-mod-kick" on:click=move |_| a2(Command::Kick(n2.clone()))>{lang.t("mod-kick")}</button>
            <button
                type="button"
                class="lc-mod-ban"
                class:lc-confirm=move || confirm_ban.get()
                on:click=move |_| {
                    // Banning lasts: a second click confirms it.
                    if confirm_ban.get_untracked() {
                        a3(Command::Ban(n3.clone()));
                    } else {
                        confirm_ban.set(true);
                    }
                }
            >
                {move || if confirm_ban.get() { lang.t("mod-ban-confirm") } else { lang.t("mod-ban") }}
            </button>
        }
    });
    let label = lang.t_args(
        "mod-menu-label",
        &[("nick", livechat_core::text::display_nick(&nick).into())],
    );
    view! {
        <div class="lc-mod-menu" role="group" aria-label=label node_ref=node
            on:keydown=move |ev| if ev.key() == "Escape" {
                // Only the menu closes, not the panel around it.
                ev.stop_propagation();
                close();
            }>
            {retract}
            {quote}
            {occupant_actions}
            <button type="button" class="lc-mod-close" aria-label=lang.t("close") on:click=move |_| close()>"×"</button>
        </div>
    }
}

split_view!(
    moderation,
    /// The menu, its code loaded the first time a moderator opens one.
    pub fn mod_menu(
        ctx: ChatContext,
        nick: String,
        stanza_id: Option<String>,
        me: bool,
        quoted: Option<String>,
    ) {
        view! { <ModMenu ctx nick stanza_id me quoted/> }
    }
);
