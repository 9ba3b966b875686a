//! Owners and admins start a poll through the room's own poll form: the fields the room sends
//! (question, duration in minutes, anonymous votes, up to five choices), with its defaults and
//! what it requires, labelled in the viewer's language. Starting one ends the running poll.

use leptos::either::{Either, EitherOf3};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use livechat_core::form::{DataForm, FormField};
use wasm_bindgen::JsCast;

use super::owner_tools::{close_panel, focus_first_field, on_escape, CancelButton};
use crate::i18n::{use_lang, Lang, Msg};
use crate::state::ChatState;
use crate::transport::{Command, Commands, NewPoll};

const QUESTION: &str = "muc#roompoll_question";
const DURATION: &str = "muc#roompoll_duration";
const ANONYMOUS: &str = "muc#roompoll_anonymous";
const CHOICE: &str = "muc#roompoll_choice";

#[component]
pub fn PollFormPanel(state: ChatState, commands: Commands) -> impl IntoView {
    let lang = use_lang();
    state.poll_form.set(None);
    state.poll_created.set(None);
    commands.send(Command::PollForm);
    let form = move || match state.poll_form.get() {
        None => EitherOf3::A(view! { <p class="lc-owner-wait">{lang.t("poll-form-loading")}</p> }),
        Some(Err(reason)) => EitherOf3::B(view! {
            <p class="lc-owner-error" role="alert">
                {lang.t_args("poll-form-failed", &[("reason", reason.into())])}
            </p>
        }),
        Some(Ok(form)) => {
            EitherOf3::C(view! { <PollFields form state commands=commands.clone()/> })
        }
    };
    view! {
        <section class="lc-owner-panel lc-poll-form" aria-label=lang.t("poll-form-title") on:keydown=on_escape(state)>
            <h2 class="lc-owner-title">{lang.t("poll-form-title")}</h2>
            {form}
        </section>
    }
}

/// One field of the room's form, and what the owner typed in it.
struct Field {
    field: FormField,
    value: RwSignal<String>,
}

#[component]
fn PollFields(form: DataForm, state: ChatState, commands: Commands) -> impl IntoView {
    let lang = use_lang();
    // The fields this client fills in, in the room's order; the room requires none other.
    let fields: Vec<Field> = form
        .fields
        .into_iter()
        .filter(|f| label(lang, f).is_some())
        .map(|field| Field {
            value: RwSignal::new(field.value().unwrap_or_default().to_owned()),
            field,
        })
        .collect();
    let values: Vec<(String, RwSignal<String>)> = fields
        .iter()
        .map(|f| (f.field.var.clone(), f.value))
        .collect();
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);

    // The room's answer: started (the banner shows it), or why not.
    Effect::new(move |_| match state.poll_created.get() {
        Some(Ok(())) => close_panel(state, node.get_untracked().map(Into::into)),
        Some(Err(reason)) => {
            sending.set(false);
            problem.set(Some(
                lang.t_args("poll-create-failed", &[("reason", reason.into())]),
            ));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        match read_poll(&values) {
            Ok(poll) => {
                problem.set(None);
                sending.set(true);
                state.poll_created.set(None);
                commands.send(Command::CreatePoll(poll));
            }
            Err(why) => problem.set(Some(why.render(lang))),
        }
    };
    let inputs = fields
        .into_iter()
        .map(|Field { field, value }| {
            let text = label(lang, &field).unwrap_or_default();
            let var = field.var;
            if field.kind == "boolean" {
                return Either::Left(view! {
                    <label class="lc-field lc-field-check">
                        <input
                            type="checkbox"
                            name=var
                            prop:checked=move || is_true(&value.get())
                            on:change=move |ev| {
                                let on = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                                value.set(if on { "1" } else { "0" }.to_owned());
                            }
                        />
                        " "
                        {text}
                    </label>
                });
            }
            let wide = var == QUESTION;
            let input = if var == DURATION {
                Either::Left(view! {
                    <input type="number" name=var min="1" max="1440" inputmode="numeric" required=field.required
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                })
            } else {
                Either::Right(view! {
                    <input type="text" name=var maxlength="200" required=field.required autocomplete="off"
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                })
            };
            Either::Right(view! { <label class="lc-field" class:lc-field-wide=wide>{text}{input}</label> })
        })
        .collect_view();

    view! {
        <form class="lc-owner-form" node_ref=node on:submit=on_submit>
            {inputs}
            {move || state.poll.with(|p| p.as_ref().is_some_and(|p| !p.over)).then(|| view! {
                <p class="lc-owner-note">{lang.t("poll-form-replaces")}</p>
            })}
            {move || problem.get().map(|p| view! { <p class="lc-owner-error" role="alert">{p}</p> })}
            <div class="lc-owner-actions">
                <button type="submit" class="lc-owner-submit" aria-disabled=move || sending.get().then_some("true")>
                    {lang.t("poll-form-submit")}
                </button>
                <CancelButton state/>
            </div>
        </form>
    }
}

/// The label this client gives a field of the poll form; `None` for a field it does not fill in.
fn label(lang: Lang, field: &FormField) -> Option<String> {
    Some(match field.var.as_str() {
        QUESTION => lang.t("poll-form-question"),
        DURATION => lang.t("poll-form-duration"),
        ANONYMOUS => lang.t("poll-form-anonymous"),
        var => {
            let n: u32 = var.strip_prefix(CHOICE)?.parse().ok()?;
            lang.t_args("poll-form-choice", &[("number", n.into())])
        }
    })
}

fn is_true(value: &str) -> bool {
    matches!(value, "1" | "true")
}

/// The poll the fields describe, or what is wrong with them.
fn read_poll(values: &[(String, RwSignal<String>)]) -> Result<NewPoll, Msg> {
    let value = |var: &str| {
        values
            .iter()
            .find(|(v, _)| v == var)
            .map(|(_, value)| value.get_untracked().trim().to_owned())
            .unwrap_or_default()
    };
    let minutes = value(DURATION)
        .parse::<u32>()
        .ok()
        .filter(|m| *m > 0)
        .ok_or_else(|| Msg::new("poll-form-bad-duration"))?;
    let choices: Vec<String> = (1..=5)
        .map(|n| value(&format!("{CHOICE}{n}")))
        .filter(|c| !c.is_empty())
        .collect();
    if choices.len() < 2 {
        return Err(Msg::new("poll-form-two-choices"));
    }
    Ok(NewPoll {
        question: value(QUESTION),
        minutes,
        anonymous: is_true(&value(ANONYMOUS)),
        choices,
    })
}
