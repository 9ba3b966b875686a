//! The room's poll as a banner above the messages: its question, each choice with its count and
//! share of the votes, the votes in all and the time left, ticking. While it runs, those who may
//! vote get a button per choice (sending `!N` from the input votes as well); their own vote is
//! marked. Once over it shows the result until the viewer closes it. Read-only viewers see it
//! without buttons; in the OBS overlay it is a compact card that tells viewers what to type.
//!
//! The banner is drawn again only when the poll's shape changes (another poll, its end, the right
//! to vote): counts and time update in place, so a vote button keeps the keyboard focus while the
//! counts come in.

use std::time::Duration;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_lang;
use crate::platform;
use crate::state::{ChatState, Role, Status};
use crate::transport::{Command, Commands};

/// The DOM event fired on the chat's root after a vote counted (the plugin's page listens for it
/// on `document` to tell the viewer).
pub const VOTE_EVENT: &str = "livechat-poll-vote";

/// A choice's share of `total` votes, in whole percent (0 while nobody voted).
pub fn percent(votes: u32, total: u32) -> u32 {
    if total == 0 {
        return 0;
    }
    let share = (u64::from(votes) * 100 + u64::from(total) / 2) / u64::from(total);
    share.min(100) as u32
}

/// Time left as a clock: `m:ss`, or `h:mm:ss` from an hour; whole seconds rounded up, never
/// below zero.
pub fn clock(left_ms: i64) -> String {
    let seconds = (left_ms.max(0) + 999) / 1000;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Fires [`VOTE_EVENT`] (bubbling) on `root`.
pub fn dispatch_vote_event(root: &web_sys::Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(VOTE_EVENT, &init) {
        let _ = root.dispatch_event(&event);
    }
}

/// The message list of the chat `ev` happened in: where the keyboard goes on from when a banner's
/// button takes its banner away (rather than from the top of the page).
pub(super) fn messages_of(ev: &web_sys::MouseEvent) -> Option<web_sys::HtmlElement> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".lc-chat").ok().flatten())
        .and_then(|chat| chat.query_selector(".lc-log").ok().flatten())
        .and_then(|log| log.dyn_into().ok())
}

pub(super) fn focus(el: Option<web_sys::HtmlElement>) {
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// What the banner is drawn from; counts and time are read in place.
#[derive(Clone, PartialEq)]
struct Shape {
    id: String,
    question: String,
    choices: Vec<(u32, String)>,
    over: bool,
    vote: bool,
}

/// `voting`: this chat may vote at all (not read-only); `compact`: the OBS overlay.
#[component]
pub fn PollBanner(
    state: ChatState,
    commands: Commands,
    voting: bool,
    compact: bool,
) -> impl IntoView {
    let lang = use_lang();
    let dismissed = RwSignal::new(None::<String>);
    let shape = Memo::new(move |_| {
        let vote = voting
            && state.status.get() == Status::Joined
            && state.own_role.get() != Some(Role::Visitor);
        state.poll.with(|p| {
            let p = p.as_ref()?;
            let closed = p.over && dismissed.with(|d| d.as_ref() == Some(&p.id));
            (!closed).then(|| Shape {
                id: p.id.clone(),
                question: p.question.clone(),
                choices: p
                    .choices
                    .iter()
                    .map(|c| (c.number, c.label.clone()))
                    .collect(),
                over: p.over,
                vote: vote && !p.over,
            })
        })
    });
    // A vote on its way: further clicks wait for the room's answer.
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        state.last_vote.track();
        state.poll.track();
        pending.set(false);
    });
    let total = move || state.poll.with(|p| p.as_ref().map_or(0, |p| p.votes));
    let votes_of = move |n: u32| {
        state
            .poll
            .with(|p| p.as_ref().and_then(|p| p.choice(n)).map_or(0, |c| c.votes))
    };
    let mine = move |n: u32| {
        state
            .poll
            .with(|p| p.as_ref().and_then(|p| p.my_vote) == Some(n))
    };

    let banner = move || {
        let shape = shape.get()?;
        let choices = shape
            .choices
            .iter()
            .map(|(n, label)| {
                let n = *n;
                let share = move || percent(votes_of(n), total());
                let text = (if compact { format!("!{n} ") } else { format!("{n}. ") }) + label;
                let choice = if shape.vote {
                    let commands = commands.clone();
                    Either::Left(view! {
                        <button
                            type="button"
                            class="lc-poll-vote"
                            data-choice=n
                            aria-disabled=move || pending.get().then_some("true")
                            on:click=move |_| {
                                if !pending.get_untracked() {
                                    pending.set(true);
                                    commands.send(Command::Vote(n));
                                }
                            }
                        >
                            {text}
                        </button>
                    })
                } else {
                    Either::Right(view! { <span class="lc-poll-label">{text}</span> })
                };
                view! {
                    <li class="lc-poll-choice" data-choice=n class:lc-poll-mine=move || mine(n)>
                        {choice}
                        <span class="lc-poll-count" data-votes=move || votes_of(n)>
                            {move || mine(n).then(|| lang.t("poll-your-vote") + " · ")}
                            {move || lang.t_args("poll-count", &[("votes", votes_of(n).into()), ("percent", share().into())])}
                        </span>
                        <span class="lc-poll-bar" aria-hidden="true">
                            <span style:width=move || format!("{}%", share())></span>
                        </span>
                    </li>
                }
            })
            .collect_view();
        let over = shape.over;
        let id = shape.id.clone();
        Some(view! {
            <section class="lc-poll" class:lc-poll-over=over data-poll-id=shape.id.clone() aria-label=lang.t("poll-label")>
                <p class="lc-poll-question">
                    <span class="lc-poll-kind">{if over { lang.t("poll-ended") } else { lang.t("poll-running") }}</span>
                    " "
                    {shape.question}
                </p>
                <ol class="lc-poll-choices">{choices}</ol>
                <p class="lc-poll-foot">
                    <span class="lc-poll-total" data-votes=total>
                        {move || lang.t_args("poll-total", &[("votes", total().into())])}
                    </span>
                    {(!over).then(|| view! { <TimeLeft state/> })}
                    {(shape.vote && !compact).then(|| view! {
                        <span class="lc-poll-hint">{lang.t("poll-hint")}</span>
                    })}
                    {(compact && !over).then(|| view! {
                        <span class="lc-poll-hint">{lang.t("poll-hint-overlay")}</span>
                    })}
                </p>
                {(over && !compact).then(|| view! {
                    <button
                        type="button"
                        class="lc-poll-dismiss lc-tool"
                        on:click=move |ev| {
                            let log = messages_of(&ev);
                            dismissed.set(Some(id.clone()));
                            focus(log);
                        }
                    >
                        {lang.t("poll-dismiss")}
                    </button>
                })}
            </section>
        })
    };
    banner
}

/// The time left until the running poll ends, updated every second while it is drawn.
#[component]
fn TimeLeft(state: ChatState) -> impl IntoView {
    let lang = use_lang();
    let now = RwSignal::new(platform::now_ms() as i64);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            now.try_set(platform::now_ms() as i64);
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let left = move || {
        state
            .poll
            .with(|p| p.as_ref().and_then(|p| p.ends_at_ms))
            .map(|end| end - now.get())
    };
    move || {
        left().map(|ms| {
            view! {
                <span class="lc-poll-time" data-remaining=(ms.max(0) + 999) / 1000>
                    {lang.t_args("poll-time-left", &[("time", clock(ms).into())])}
                </span>
            }
        })
    }
}
