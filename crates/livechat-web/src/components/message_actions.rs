//! What someone who can write may do with a message: quote it into the composer (`> ` before each
//! line), and take back one of their own for everyone (XEP-0424; a second click confirms, as the
//! moderators' ban does). A small menu per message, opened by its "…" button. (Moderators quote
//! from their own menu on the message, see `ModMenu`: one menu per row.)

use leptos::html::{Button, Div};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{ChatContext, MenuTarget};
use crate::i18n::use_lang;
use crate::transport::Command;

#[component]
pub fn MessageActions(
    ctx: ChatContext,
    /// The message's log key.
    key: u64,
    /// Its author's nickname as shown: the menu's name.
    nick: String,
    /// The text a quote takes (a folded message: what the row shows).
    quoted: String,
    /// The viewer's own message, still theirs to take back.
    retractable: bool,
) -> impl IntoView {
    let lang = use_lang();
    let target = MenuTarget::Actions(key);
    let open = ctx.menu_state(target.clone());
    let opener = NodeRef::<Button>::new();
    ctx.restore_focus(target.clone(), opener);
    let label = lang.t_args("message-actions", &[("nick", nick.into())]);

    let (menu, refocus) = (ctx.menu, ctx.refocus);
    // Back to the "…" button, and again if the row is drawn anew.
    let close = move || {
        refocus.set(menu.get_untracked());
        menu.set(None);
        if let Some(opener) = opener.get_untracked() {
            let _ = opener.focus();
        }
    };
    let quote = {
        let draft = ctx.state.draft;
        move |_| {
            menu.set(None);
            quote_into_composer(draft, &quoted, opener.get_untracked().as_deref());
        }
    };
    let confirm = RwSignal::new(false);
    let commands = ctx.commands.clone();
    let delete = move || {
        let commands = commands.clone();
        retractable.then(|| view! {
            <button type="button" class="lc-delete" class:lc-confirm=move || confirm.get()
                on:click=move |_| {
                    if !confirm.get_untracked() {
                        confirm.set(true);
                        return;
                    }
                    // The row turns into a tombstone without this menu: the focus stays in the list.
                    if let Some(list) = opener.get_untracked().and_then(|b| b.closest(".lc-log").ok().flatten()) {
                        let _ = list.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                    menu.set(None);
                    commands.send(Command::RetractOwn(key));
                }>
                {move || lang.t(if confirm.get() { "delete-confirm" } else { "delete" })}
            </button>
        })
    };
    let group = NodeRef::<Div>::new();
    // Opened: the focus goes to the first action.
    Effect::new(move |_| {
        if let Some(first) = group.get().and_then(|g| g.first_element_child()) {
            let _ = first.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });

    let name = label.clone();
    let menu_view = move || {
        open.get().then(|| {
            view! {
                <div class="lc-msg-menu" role="group" aria-label=name.clone() node_ref=group
                    on:keydown=move |ev| if ev.key() == "Escape" {
                        ev.stop_propagation();
                        close();
                    }>
                    <button type="button" class="lc-quote" on:click=quote.clone()>{lang.t("quote")}</button>
                    {delete()}
                    <button type="button" class="lc-msg-menu-close" aria-label=lang.t("close") on:click=move |_| close()>"×"</button>
                </div>
            }
        })
    };
    view! {
        <button
            node_ref=opener
            type="button"
            class="lc-msg-actions"
            aria-expanded=move || open.get().to_string()
            aria-label=label
            on:click=move |_| ctx.toggle_menu(target.clone())
        >
            "…"
        </button>
        {menu_view}
    }
}

/// Quotes `text` into the composer of the chat `from` is in, and gives the input the focus with the
/// caret after the quote.
pub fn quote_into_composer(
    draft: RwSignal<String>,
    text: &str,
    from: Option<&web_sys::HtmlElement>,
) {
    draft.update(|d| *d = with_quote(d, text));
    let chat = from.and_then(|el| el.closest(".lc-chat").ok().flatten());
    // Once the composer shows the new draft.
    request_animation_frame(move || {
        if let Some(input) = chat.and_then(|c| c.query_selector(".lc-input").ok().flatten()) {
            let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

/// `draft` with `text` quoted after it: each line of `text` behind `> `, on lines of their own,
/// and the caret's line after them.
pub fn with_quote(draft: &str, text: &str) -> String {
    let mut out = String::with_capacity(draft.len() + text.len() + 8);
    out.push_str(draft);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for line in text.lines() {
        out.push_str("> ");
        out.push_str(line);
        out.push('\n');
    }
    out
}
