//! The participants panel: the occupants who chose a nickname (moderators first, with a role
//! badge, avatar and colour) and one line for everyone else, "N anonymous". Moderators get a menu
//! on each occupant. Every control is a button: reachable and usable from the keyboard.

use leptos::prelude::*;

use super::{ChatContext, KeyedRows, MenuTarget, ModMenu};
use crate::roster_view::OccupantView;
use crate::state::Role;

#[component]
pub fn ParticipantsPanel(
    ctx: ChatContext,
    /// The panel's `id`, named by the toggle's `aria-controls`.
    id: String,
    /// Closes the panel (its own close button, for narrow layouts where it covers the messages).
    open: RwSignal<bool>,
) -> impl IntoView {
    let state = ctx.state;
    let anonymous = move || state.anonymous_count.get();
    view! {
        <aside class="lc-participants" id=id aria-label="Participants">
            <div class="lc-participants-head">
                <h2 class="lc-participants-title">"Participants"</h2>
                <button type="button" class="lc-participants-close" aria-label="Close the participants list"
                    on:click=move |_| open.set(false)>"×"</button>
            </div>
            <ul class="lc-occupants">
                <KeyedRows
                    each=move || state.occupants.get()
                    key=|o| (o.nick.clone(), o.role, o.rank, o.me, o.color.clone())
                    let(occupant)
                >
                    <OccupantRow ctx=ctx.clone() occupant/>
                </KeyedRows>
            </ul>
            <p class="lc-anon-count" data-count=anonymous>
                {move || match anonymous() {
                    1 => "1 anonymous viewer".to_owned(),
                    n => format!("{n} anonymous viewers"),
                }}
            </p>
        </aside>
    }
}

#[component]
fn OccupantRow(ctx: ChatContext, occupant: OccupantView) -> impl IntoView {
    let badge = match occupant.role {
        Role::Moderator => Some(("lc-role-badge lc-role-moderator", "Moderator")),
        Role::Visitor => Some(("lc-role-badge lc-role-visitor", "Muted")),
        Role::Participant => None,
    };
    let rank = occupant
        .rank
        .map(|r| view! { <span class="lc-role-badge lc-rank">{r}</span> });
    let target = MenuTarget::Occupant(occupant.nick.clone());
    let menu_open = {
        let (menu, target) = (ctx.menu, target.clone());
        move || menu.get().as_ref() == Some(&target)
    };
    let tools = {
        let (ctx, nick, me) = (ctx.clone(), occupant.nick.clone(), occupant.me);
        let label = format!("Moderate {}", occupant.shown_nick);
        move || {
            (ctx.state.am_moderator.get() && !me).then(|| {
                let (ctx2, target, menu_open2) = (ctx.clone(), target.clone(), menu_open.clone());
                view! {
                    <button type="button" class="lc-occupant-menu-toggle" aria-label=label.clone()
                        aria-expanded=move || menu_open2().to_string()
                        on:click=move |_| ctx2.toggle_menu(target.clone())>"⋯"</button>
                    {
                        let (ctx, nick, menu_open) = (ctx.clone(), nick.clone(), menu_open.clone());
                        move || menu_open().then(|| view! { <ModMenu ctx=ctx.clone() nick=nick.clone()/> })
                    }
                }
            })
        }
    };
    view! {
        <li class="lc-occupant" class:lc-me=occupant.me data-nick=occupant.nick.clone() data-role=role_name(occupant.role)>
            <img class="lc-avatar" src=occupant.avatar.to_string() alt="" width="20" height="20"/>
            <span class="lc-occupant-nick" style:color=occupant.color.to_string()>{occupant.shown_nick}</span>
            {badge.map(|(class, text)| view! { <span class=class>{text}</span> })}
            {rank}
            {tools}
        </li>
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Moderator => "moderator",
        Role::Participant => "participant",
        Role::Visitor => "visitor",
    }
}
