//! The root component: the chat when the parameters are usable, a clear error otherwise. Never a
//! blank frame.
//!
//! Three layouts from the same parts:
//! - the chat (standalone page, or mounted beside the video): header, messages, participants
//!   panel (closed by default where it is embedded, as the plugin does), input;
//! - read-only (`forceReadonly`): the same without the input;
//! - the overlay (`forceReadonly` + `transparent`, for OBS): messages only, large outlined text on
//!   a transparent background, each fading out after `overlayFadeSeconds`.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::either::Either;
use leptos::html::Section;
use leptos::prelude::*;

use crate::components::{
    dispatch_vote_event, status_text, Announcer, ChatContext, Composer, ExternalLoginButtons,
    ExternalLogins, Header, MessageList, OutboxList, OwnerPanelView, ParamsErrorPanel,
    ParticipantsPanel, PollBanner, TermsBanner, ToastView,
};
use crate::custom_emojis::ChannelEmojis;
use crate::i18n::Lang;
use crate::on_demand::{split_view, when_loaded};
use crate::params::{Params, ParamsError, ReadOnly, Theme};
use crate::prefs;
use crate::readiness::Readiness;
use crate::state::ChatState;
use crate::theme::{self, SchemeWatch};
use crate::transport::{self, Command, Commands};

/// The background overlay nicknames are made readable against (see `read_background`).
const OVERLAY_REFERENCE: [u8; 3] = [72, 72, 72];

/// Below this window width, the participants panel starts closed even on the standalone page.
const WIDE_ENOUGH_FOR_PANEL_PX: f64 = 700.0;

#[component]
pub fn App(
    params: Result<Params, ParamsError>,
    /// The theme, changeable after mount (`setTheme`, the custom element's `theme` attribute).
    theme: RwSignal<Theme>,
    /// The language negotiated for this chat: every component below speaks it (`i18n::t`).
    #[prop(optional)]
    lang: Lang,
) -> impl IntoView {
    provide_context(lang);
    match params {
        Ok(params) => Either::Left(view! { <Chat params theme lang/> }),
        Err(error) => {
            if let Some(readiness) = use_context::<StoredValue<Readiness, LocalStorage>>() {
                readiness.with_value(|r| r.settle(Err(error.to_string())));
            }
            Either::Right(view! { <ParamsErrorPanel error/> })
        }
    }
}

/// One room.
#[component]
fn Chat(params: Params, theme: RwSignal<Theme>, lang: Lang) -> impl IntoView {
    static NEXT_ID: AtomicU32 = AtomicU32::new(1);
    let panel_id = format!(
        "lc-participants-{}",
        NEXT_ID.fetch_add(1, Ordering::Relaxed)
    );

    let state = ChatState::new();
    state.presence_lines.set(prefs::presence_lines());
    if let Some(readiness) = use_context::<StoredValue<Readiness, LocalStorage>>() {
        readiness.with_value(|r| r.follow(state));
    }
    let overlay = params.is_overlay();
    let read_only = params.read_only;
    let commands = transport::connect(params.clone(), state, lang);
    let ctx = ChatContext::new(state, commands.clone());
    provide_context(ctx.clone());
    provide_context(ExternalLogins::new(&params));
    // The channel's custom emojis: fetched once, here, for the chat's whole life (reconnections
    // included).
    provide_context(ChannelEmojis::load(params.custom_emojis_url.clone()));

    // Back in view or back online: check the connection at once (see `transport`). Leaving the
    // page: leave the room politely (the command runs in this event's microtasks).
    // (The browser keeps a listener's closure until it collects it: the closures hold an arena
    // handle, empty once the chat is unmounted, rather than the sender itself.)
    let sender = StoredValue::new(commands.clone());
    for event in ["visibilitychange", "online", "pagehide"] {
        let handle = window_event_listener_untyped(event, move |_| {
            let command = if event == "pagehide" {
                Command::Leave
            } else {
                Command::Wake
            };
            sender.try_with_value(|c| c.send(command));
        });
        on_cleanup(move || handle.remove());
    }
    // Unmounted: leave the room now, whoever still holds a sender.
    {
        let commands = commands.clone();
        on_cleanup(move || commands.send(Command::Shutdown));
    }

    // The background the chat is drawn on: read once mounted, again when the theme changes.
    let root = NodeRef::<Section>::new();
    let read_background = {
        let commands = commands.clone();
        move || {
            // A frame late: the chat may be gone already (unmounted at once, e.g. its room
            // turned out unreachable).
            let Some(el) = root.try_get_untracked().flatten() else {
                return;
            };
            // The overlay is drawn on video, with a dark outline round the text that eats into
            // thin letters: its nicknames must be light, so they are made readable on a dark grey
            // rather than on black.
            let rgb = if overlay {
                OVERLAY_REFERENCE
            } else {
                theme::effective_background(&el)
            };
            if !overlay {
                theme::fit_accent(&el, rgb);
            }
            if state.background.try_get_untracked() != Some(rgb) {
                state.background.set(rgb);
                commands.send(Command::Background(rgb));
            }
        }
    };
    {
        let read = read_background.clone();
        Effect::new(move |_| {
            let current = theme.get();
            if let Some(el) = root.get() {
                // The theme's class (set here rather than by `class=`, which would fight the
                // `class:` toggles on the same element).
                let classes = el.class_list();
                for other in Theme::ALL {
                    let _ = classes.toggle_with_force(other.class(), other == current);
                }
                // After the theme's class is on the element and styles are computed.
                let read = read.clone();
                request_animation_frame(read);
            }
        });
    }
    // Kept with the component: dropped (and the listener removed) when the chat is unmounted.
    let _watch = StoredValue::new_local(SchemeWatch::new({
        let read = read_background.clone();
        move || {
            let read = read.clone();
            request_animation_frame(read);
        }
    }));

    // The participants panel: closed by default where the chat is embedded, as the plugin does.
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0)
        >= WIDE_ENOUGH_FOR_PANEL_PX;
    let participants_open = RwSignal::new(
        !params.hide_participants && !params.embedded && !read_only.is_read_only() && wide,
    );
    let for_moderators_only = params.participants_for_moderators_only;
    let participants_toggle =
        Signal::derive(move || !overlay && (!for_moderators_only || state.am_moderator.get()));
    let panel = {
        let (ctx, panel_id) = (ctx.clone(), panel_id.clone());
        move || {
            (participants_toggle.get() && participants_open.get()).then(|| {
                let (ctx, panel_id) = (ctx.clone(), panel_id.clone());
                when_loaded(move || {
                    participants_panel(ctx.clone(), panel_id.clone(), participants_open)
                })
            })
        }
    };

    let fade_ms = overlay.then(|| params.overlay_fade_seconds.saturating_mul(1000));
    let header = (!overlay).then(|| {
        view! {
            <Header state commands=commands.clone() participants_open participants_toggle panel_id=panel_id.clone()
                owner_tools=!read_only.is_read_only()/>
        }
    });
    // The overlay has no header: its status is still there, for tests (not a live region: OBS has
    // no screen reader, and the chat's announcements are the `Announcer`'s).
    let hidden_status = overlay.then(|| {
        view! {
            <p class="lc-status lc-visually-hidden"
                data-status=move || state.status.get().name() data-nick=move || state.nick.get()>
                {move || status_text(lang, state)}
            </p>
        }
    });
    let logins_offered = use_context::<ExternalLogins>().is_some_and(|l| l.offered());
    let composer = (!read_only.is_read_only()).then(|| {
        view! {
            <OutboxList items=state.outbox commands=commands.clone()/>
            <Composer state commands=commands.clone() autofocus=params.autofocus/>
            {logins_offered.then(|| when_loaded(external_login_buttons))}
        }
    });

    // The poll banner, once the room has run a poll.
    let voting = !read_only.is_read_only();
    let polled = Memo::new(move |_| state.poll.with(Option::is_some));
    let poll = {
        let commands = commands.clone();
        move || {
            polled.get().then(|| {
                let commands = commands.clone();
                when_loaded(move || poll_banner(state, commands.clone(), voting, overlay))
            })
        }
    };
    // Above the messages: the terms (not in the overlay: its audience watches the stream), the
    // poll, and an owner's open tool.
    let banners = view! {
        <div class="lc-banners">
            {(!overlay).then(|| view! { <TermsBanner state/> })}
            {poll}
            {(!read_only.is_read_only()).then(|| view! { <OwnerPanelView state commands=commands.clone()/> })}
        </div>
    };
    // A vote counted: the plugin's page listens on the document to tell the viewer.
    Effect::new(move |_| {
        if state.last_vote.get().is_some_and(|v| v.counted) {
            if let Some(el) = root.get_untracked() {
                dispatch_vote_event(&el);
            }
        }
    });

    // A labelled region: a landmark for screen readers on whatever page hosts the chat.
    view! {
        <section
            node_ref=root
            class="lc-chat"
            aria-label=lang.t("chat-label")
            lang=lang.tag()
            class:lc-transparent=params.transparent
            class:lc-noscroll=read_only == ReadOnly::NoScroll
            class:lc-overlay=overlay
            class:lc-read-only=read_only.is_read_only()
            class:lc-embedded=params.embedded
            class:lc-panel-open=move || participants_toggle.get() && participants_open.get()
        >
            {header}
            {hidden_status}
            <div class="lc-main">
                <div class="lc-messages">
                    {banners}
                    <MessageList entries=state.entries always_follow=read_only == ReadOnly::NoScroll fade_ms=fade_ms.unwrap_or(0)
                        overlay read_only=read_only.is_read_only()/>
                    {composer}
                </div>
                {panel}
            </div>
            {(!overlay).then(|| view! { <ToastView toast=state.toast/> })}
            {(!overlay).then(|| view! { <Announcer state/> })}
        </section>
    }
}

// The participants panel, the poll banner and the external logins' buttons come in modules of their
// own: a viewer beside the video (the panel closed) in a room that runs no poll, on an instance
// that offers no external login, downloads none of them.
split_view!(
    participants,
    fn participants_panel(ctx: ChatContext, id: String, open: RwSignal<bool>) {
        view! { <ParticipantsPanel ctx id open/> }
    }
);
split_view!(
    external_logins,
    fn external_login_buttons() {
        view! { <ExternalLoginButtons/> }
    }
);
split_view!(
    polls,
    fn poll_banner(state: ChatState, commands: Commands, voting: bool, compact: bool) {
        view! { <PollBanner state commands voting compact/> }
    }
);
