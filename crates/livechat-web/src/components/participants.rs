//! The participants panel: the occupants who chose a nickname (moderators first, with a role
//! badge, avatar and colour) and one line for everyone else, "N anonymous". Moderators get a menu
//! on each occupant. Every control is a button: reachable and usable from the keyboard.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{mod_menu, AvatarImage, ChatContext, KeyedRows, MenuTarget};
use crate::i18n::{use_lang, Lang};
use crate::on_demand::when_loaded;
use crate::roster_view::{OccupantView, Rank};
use crate::state::Role;

#[component]
pub fn ParticipantsPanel(
    ctx: ChatContext,
    /// The panel's `id`, named by the toggle's `aria-controls`.
    id: String,
    /// Closes the panel (its own close button, for narrow layouts where it covers the messages).
    open: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let state = ctx.state;
    let anonymous = move || state.anonymous_count.get();
    // Closed from inside: the focus goes back to the toggle that opened it.
    let close = {
        let id = id.clone();
        move || {
            open.set(false);
            let toggle = format!(r#"[aria-controls="{id}"]"#);
            if let Some(el) = document()
                .query_selector(&toggle)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    };
    let close_on_escape = close.clone();
    let panel = NodeRef::<leptos::html::Section>::new();
    let refocus = ctx.refocus;
    Effect::new(move |_| {
        let gone = state.occupants.with(|list| match refocus.get_untracked() {
            Some(MenuTarget::Occupant(nick)) => list.iter().all(|o| o.nick != nick),
            _ => false,
        });
        if gone {
            // The occupant whose menu had the focus left (kicked, banned): the panel takes it.
            refocus.set(None);
            request_animation_frame(move || {
                if let (Some(el), true) = (panel.get_untracked(), super::focus_lost()) {
                    let _ = el.focus();
                }
            });
        }
    });
    // A region rather than `<aside>`: a complementary landmark may not sit inside the chat's own
    // region (nor inside the host's `<aside>`). Focusable, so opening it can move the focus here.
    view! {
        <section class="lc-participants" id=id node_ref=panel aria-label=lang.t("participants-title") tabindex="-1"
            on:keydown=move |ev| if ev.key() == "Escape" { close_on_escape() }>
            <div class="lc-participants-head">
                <h2 class="lc-participants-title">{lang.t("participants-title")}</h2>
                <button type="button" class="lc-participants-close" aria-label=lang.t("participants-close")
                    on:click=move |_| close()>"×"</button>
            </div>
            <ul class="lc-occupants">
                // Whether the viewer moderates is read here, not by each row (see
                // `ChatContext::menu_state`): the rows are drawn again when it changes.
                <KeyedRows
                    each=move || {
                        let moderator = state.am_moderator.get();
                        state.occupants.get().into_iter().map(move |o| (o, moderator))
                    }
                    key=|(o, moderator)| (o.nick.clone(), o.role, o.rank, o.me, o.color.clone(), *moderator)
                    let((occupant, moderator))
                >
                    <OccupantRow ctx=ctx.clone() occupant moderator lang/>
                </KeyedRows>
            </ul>
            <p class="lc-anon-count" data-count=anonymous>
                {move || lang.t_args("anonymous-count", &[("count", anonymous().into())])}
            </p>
        </section>
    }
}

#[component]
fn OccupantRow(
    ctx: ChatContext,
    occupant: OccupantView,
    moderator: bool,
    lang: Lang,
) -> impl IntoView {
    let badge = match occupant.role {
        Role::Moderator => Some(("lc-role-badge lc-role-moderator", lang.t("role-moderator"))),
        Role::Visitor => Some(("lc-role-badge lc-role-visitor", lang.t("role-muted"))),
        Role::Participant => None,
    };
    let rank = occupant.rank.map(|rank| {
        let text = match rank {
            Rank::Owner => lang.t("rank-owner"),
            Rank::Admin => lang.t("rank-admin"),
        };
        view! { <span class="lc-role-badge lc-rank">{text}</span> }
    });
    // Moderators, on others: a menu, whose state is a signal of the row's own.
    let tools = (moderator && !occupant.me).then(|| {
        let target = MenuTarget::Occupant(occupant.nick.clone());
        let open = ctx.menu_state(target.clone());
        let nick = occupant.nick.clone();
        let label = lang.t_args("moderate-nick", &[("nick", (&occupant.shown_nick).into())]);
        let opener = NodeRef::<leptos::html::Button>::new();
        ctx.restore_focus(target.clone(), opener);
        let toggle = ctx.clone();
        view! {
            <button node_ref=opener type="button" class="lc-occupant-menu-toggle" aria-label=label
                aria-expanded=move || open.get().to_string()
                on:click=move |_| toggle.toggle_menu(target.clone())>"⋯"</button>
            {move || open.get().then(|| when_loaded({
                let (ctx, nick) = (ctx.clone(), nick.clone());
                move || mod_menu(ctx.clone(), nick.clone(), None, false, None)
            }))}
        }
    });
    view! {
        <li class="lc-occupant" class:lc-me=occupant.me data-nick=occupant.nick.clone() data-role=role_name(occupant.role)>
            // One piece: the avatar never wraps apart from its nickname.
            <span class="lc-occupant-who">
                <AvatarImage avatar=occupant.avatar.clone()/>
                <span class="lc-occupant-nick" style:color=occupant.color.to_string()>{occupant.shown_nick}</span>
            </span>
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
