//! A moderator's actions on an occupant (kick, ban, mute or give voice) and, when opened from a
//! message, on that message (remove it for everyone). Shown only to moderators; the results come
//! back as a toast (`Event::CommandResult`).

use leptos::prelude::*;

use super::ChatContext;
use crate::state::Role;
use crate::transport::Command;

#[component]
pub fn ModMenu(
    ctx: ChatContext,
    /// The occupant's nickname in the room.
    nick: String,
    /// The message's stanza-id, when opened from a message that can still be removed.
    #[prop(optional)]
    stanza_id: Option<String>,
    /// The occupant is us: no actions against ourselves.
    #[prop(optional)]
    me: bool,
) -> impl IntoView {
    let confirm_ban = RwSignal::new(false);
    let menu = ctx.menu;
    let close = move || menu.set(None);
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

    let retract = stanza_id.map(|id| {
        let act = act.clone();
        view! {
            <button type="button" class="lc-mod-retract" on:click=move |_| act(Command::Retract(id.clone()))>
                "Remove message"
            </button>
        }
    });
    let occupant_actions = (!me).then(|| {
        let (a1, a2, a3) = (act.clone(), act.clone(), act.clone());
        let (n1, n2, n3) = (nick.clone(), nick.clone(), nick.clone());
        view! {
            {move || if role() == Some(Role::Visitor) {
                let (act, nick) = (a1.clone(), n1.clone());
                view! { <button type="button" class="lc-mod-voice" on:click=move |_| act(Command::Voice(nick.clone()))>"Give voice"</button> }.into_any()
            } else {
                let (act, nick) = (a1.clone(), n1.clone());
                view! { <button type="button" class="lc-mod-mute" on:click=move |_| act(Command::Mute(nick.clone()))>"Mute"</button> }.into_any()
            }}
            <button type="button" class="lc-mod-kick" on:click=move |_| a2(Command::Kick(n2.clone()))>"Kick"</button>
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
                {move || if confirm_ban.get() { "Confirm ban" } else { "Ban" }}
            </button>
        }
    });
    let label = format!("Moderation: {}", livechat_core::text::display_nick(&nick));
    view! {
        <div class="lc-mod-menu" role="group" aria-label=label
            on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            {retract}
            {occupant_actions}
            <button type="button" class="lc-mod-close" aria-label="Close" on:click=move |_| close()>"×"</button>
        </div>
    }
}
