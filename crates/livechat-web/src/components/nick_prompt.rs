//! The nickname prompt: what an anonymous viewer fills in to start talking (or to change their
//! nickname). The room has the last word: a taken nickname reopens the prompt with the reason
//! (`Event::NickConflict`), an accepted one closes it and is remembered for 12 hours.

use leptos::html::Input;
use leptos::prelude::*;

use crate::i18n::{use_lang, Msg};
use crate::state::{ChatState, NickPrompt};
use crate::transport::{Command, Commands};

/// Longest nickname offered (the same bound the list shows nicknames at).
pub const MAX_NICK_CHARS: usize = livechat_core::text::MAX_NICK_CHARS;

/// Checks a nickname before asking the room: `Ok(trimmed)` or why it cannot be used.
pub fn check_nick(nick: &str) -> Result<String, Msg> {
    let nick = nick.trim();
    if nick.is_empty() {
        return Err(Msg::new("nick-empty"));
    }
    if nick.chars().count() > MAX_NICK_CHARS {
        return Err(Msg::new("nick-too-long").arg("max", MAX_NICK_CHARS));
    }
    if nick.chars().any(livechat_core::text::is_invisible_control) {
        return Err(Msg::new("nick-invisible"));
    }
    // "Anonymous 123456" is how viewers who did not choose are counted: not a choice.
    let automatic = nick
        .strip_prefix("Anonymous ")
        .is_some_and(|d| d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit()));
    if automatic {
        return Err(Msg::new("nick-reserved"));
    }
    Ok(nick.to_owned())
}

#[component]
pub fn NickPromptForm(state: ChatState, commands: Commands) -> impl IntoView {
    let lang = use_lang();
    let input = NodeRef::<Input>::new();
    let local_problem = RwSignal::new(None::<String>);
    let problem = move || match state.nick_prompt.get() {
        _ if local_problem.with(Option::is_some) => local_problem.get(),
        NickPrompt::Open { problem } => problem,
        NickPrompt::Closed => None,
    };
    // Focus the field as soon as it shows.
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let close = move || {
        local_problem.set(None);
        state.nick_prompt.set(NickPrompt::Closed);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = input.get_untracked() else {
            return;
        };
        match check_nick(&el.value()) {
            Ok(nick) => {
                local_problem.set(None);
                commands.send(Command::ChangeNick(nick));
            }
            Err(why) => local_problem.set(Some(why.render(lang))),
        }
    };
    let current = state
        .nick
        .get_untracked()
        .filter(|_| !state.automatic_nick.get_untracked())
        .unwrap_or_default();
    view! {
        <form class="lc-nick-prompt" on:submit=on_submit on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <label class="lc-nick-label">
                {lang.t("nick-prompt-label")}
                <input
                    node_ref=input
                    class="lc-nick-input"
                    type="text"
                    name="nickname"
                    autocomplete="nickname"
                    maxlength="48"
                    enterkeyhint="done"
                    value=current
                    aria-invalid=move || problem().is_some().to_string()
                />
            </label>
            {move || problem().map(|p| view! { <p class="lc-nick-error" role="alert">{p}</p> })}
            <div class="lc-nick-actions">
                <button type="submit" class="lc-nick-submit">{lang.t("nick-submit")}</button>
                <button type="button" class="lc-nick-cancel" on:click=move |_| close()>{lang.t("nick-cancel")}</button>
            </div>
        </form>
    }
}
