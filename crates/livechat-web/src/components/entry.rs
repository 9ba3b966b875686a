//! One row of the message list: a message (time, avatar, coloured nickname, body with safe links
//! and mentions, "edited" mark, or a tombstone), an announcement under its title, a poll's start
//! or end, or a notice line. A long body shows folded, with a toggle in the chat. Moderators get a
//! menu on the message and its author, and see how long the room holds a message back; those who
//! can write get the message's own actions (quote, delete their own).

use std::ops::Range;

use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use livechat_core::log::AnnouncementKind;

use super::{
    mod_menu, with_channel_emojis, AvatarImage, ChatContext, EmojiImage, HeldNote, MenuTarget,
    MessageActions,
};
use crate::custom_emojis::{CustomEmoji, CustomEmojis};
use crate::fold::folded;
use crate::i18n::use_lang;
use crate::log_view::{EntryKind, EntryView, MessageView, Style};
use crate::on_demand::when_loaded;
use crate::room_text::{self, only_emojis};

/// What a row offers depends on who looks: the list reads it once and draws the rows again when it
/// changes (a row must not read the chat's signals itself, see `ChatContext::menu_state`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Viewer {
    /// Moderators get a menu on each message, and see how long held messages wait.
    pub moderator: bool,
    /// The viewer can write: quote a message, delete their own.
    pub writer: bool,
    /// The OBS overlay: nothing to click, long messages folded for good.
    pub overlay: bool,
}

#[component]
pub fn Entry(entry: EntryView, viewer: Viewer) -> impl IntoView {
    let time = entry.time;
    match entry.kind {
        EntryKind::Message(m) => Either::Left(view! { <MessageRow key=entry.key time m viewer/> }),
        EntryKind::Notice(text) => Either::Right(view! {
            <li class="lc-notice" data-key=entry.key><time class="lc-time">{time}</time><span class="lc-body">{text}</span></li>
        }),
    }
}

#[component]
fn MessageRow(key: u64, time: String, m: MessageView, viewer: Viewer) -> impl IntoView {
    let ctx = use_context::<ChatContext>();
    let moderation = ctx.clone().filter(|_| viewer.moderator);
    let lang = use_lang();
    let removed = m.removed.is_some();
    let color = m.color.to_string();

    // The title line of an announcement or a poll line: words, not only a colour.
    let (style, title, result) = match &m.style {
        Style::Chat => (None, None, None),
        Style::Announcement(kind) => {
            let (style, title) = announcement_names(*kind);
            (Some(style), Some(title), None)
        }
        Style::Poll { result: None } => (Some("poll"), Some("poll-running"), None),
        Style::Poll { result } => (Some("poll-ended"), Some("poll-ended"), result.clone()),
    };
    // An announcement's title is a line above it; a poll's is before the question.
    let poll = matches!(m.style, Style::Poll { .. });
    let title = title.map(|key| view! { <span class="lc-title">{lang.t(key)}</span> });
    let (title_line, title_inline) = if poll { (None, title) } else { (title, None) };

    // A long body: folded, and in the chat a toggle unfolds it.
    let expanded = RwSignal::new(false);
    let fold = m.fold_at.filter(|_| !removed);
    let toggle = fold.filter(|_| !viewer.overlay).map(|_| {
        view! {
            <button type="button" class="lc-fold-toggle" aria-expanded=move || expanded.get().to_string()
                on:click=move |_| expanded.update(|e| *e = !*e)>
                {move || lang.t(if expanded.get() { "show-less" } else { "show-more" })}
            </button>
        }
    });
    let body = match m.removed {
        Some(tombstone) => Either::Left(tombstone),
        None => {
            let (text, mentions) = (m.body.clone(), m.mentions.clone());
            Either::Right(move || match fold.filter(|_| !expanded.get()) {
                Some(at) => {
                    let shown: Vec<_> = mentions.iter().filter(|r| r.end <= at).cloned().collect();
                    view! { <Body text=folded(&text, at) mentions=shown/> }
                }
                None => view! { <Body text=text.clone() mentions=mentions.clone()/> },
            })
        }
    };

    // Moderators only: this row's menu state, a signal of the row's own.
    let target = MenuTarget::Message(key);
    let open = moderation
        .as_ref()
        .map(|ctx| ctx.menu_state(target.clone()));

    // Moderators: the nickname opens the menu for this message and its author.
    let nick_view = match (moderation.clone(), open) {
        (Some(ctx), Some(open)) => {
            let opener = NodeRef::<leptos::html::Button>::new();
            ctx.restore_focus(target.clone(), opener);
            Either::Left(view! {
                <button
                    node_ref=opener
                    type="button"
                    class="lc-nick lc-nick-button"
                    style:color=color
                    aria-expanded=move || open.get().to_string()
                    title=lang.t("moderate")
                    on:click=move |_| ctx.toggle_menu(target.clone())
                >
                    {m.shown_nick.clone()}
                </button>
            })
        }
        _ => Either::Right(
            view! { <span class="lc-nick" style:color=color>{m.shown_nick.clone()}</span> },
        ),
    };

    // What a quote takes: what the row shows (a folded message's beginning).
    let quoted = (viewer.writer && !removed && !poll).then(|| match fold {
        Some(at) => folded(&m.body, at),
        None => m.body.clone(),
    });
    let menu = moderation.zip(open).map(|(ctx, open)| {
        let nick = m.nick.clone();
        let stanza_id = m.stanza_id.clone().filter(|_| !removed);
        let own = m.own;
        let quoted = quoted.clone();
        move || {
            open.get().then(|| {
                let (ctx, nick, stanza_id, quoted) =
                    (ctx.clone(), nick.clone(), stanza_id.clone(), quoted.clone());
                when_loaded(move || {
                    mod_menu(
                        ctx.clone(),
                        nick.clone(),
                        stanza_id.clone(),
                        own,
                        quoted.clone(),
                    )
                })
            })
        }
    });
    let held = m
        .held_until_ms
        .filter(|_| viewer.moderator && !removed)
        .map(|until| view! { <HeldNote until_ms=until/> });
    // Those who write and do not moderate: their own menu (a moderator's is on the nickname).
    let actions = ctx
        .filter(|_| !viewer.moderator)
        .zip(quoted)
        .map(|(ctx, quoted)| {
            view! { <MessageActions ctx key nick=m.shown_nick.clone() quoted retractable=m.retractable/> }
        });

    view! {
        <li
            class="lc-msg"
            class:lc-own=m.own
            class:lc-history=m.history
            class:lc-removed=removed
            class:lc-mentions-me=m.mentions_me
            data-key=key
            data-stanza-id=m.stanza_id
            data-style=style
        >
            {title_line}
            <time class="lc-time">{time}</time>
            <AvatarImage avatar=m.avatar.clone()/>
            {nick_view}
            {title_inline}
            <span class="lc-body">{body}</span>
            {result.map(|r| view! { <span class="lc-poll-result">{r}</span> })}
            {m.corrected.then(|| view! { <span class="lc-edited" title=lang.t("edited-title")>{lang.t("edited")}</span> })}
            {m.mentions_me.then(|| view! { <span class="lc-visually-hidden">{lang.t("mentions-you")}</span> })}
            {toggle}
            {held}
            {actions}
            {menu}
        </li>
    }
}

/// An announcement's style name (`data-style`) and the text key of its title line.
pub(super) fn announcement_names(kind: AnnouncementKind) -> (&'static str, &'static str) {
    match kind {
        AnnouncementKind::Announcement => ("announcement", "announce-style-announcement"),
        AnnouncementKind::Highlight => ("highlight", "announce-style-highlight"),
        AnnouncementKind::Warning => ("warning", "announce-style-warning"),
    }
}

/// A body: text nodes, the nicknames it mentions marked, `http(s)://` addresses as links that
/// open in a new tab and pass nothing to the site they lead to, and the channel's custom emojis as
/// images (a few emojis alone drawn larger). Never parsed as markup.
#[component]
pub fn Body(
    text: String,
    /// Where the mentions are in `text` (byte ranges, in order, not overlapping).
    #[prop(optional)]
    mentions: Vec<Range<usize>>,
) -> impl IntoView {
    with_channel_emojis(move |emojis| {
        let large = mentions.is_empty() && only_emojis(&room_text::split(&text, emojis));
        let nodes = pieces(&text, &mentions, emojis)
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(t) => EitherOf4::A(t.to_owned()),
                Piece::Mention(nick) => EitherOf4::B(view! { <span class="lc-mention">{nick.to_owned()}</span> }),
                Piece::Link(url) => EitherOf4::C(view! {
                    <a class="lc-link" href=url.to_owned() target="_blank" rel="noopener noreferrer nofollow">{url.to_owned()}</a>
                }),
                Piece::Emoji(emoji) => EitherOf4::D(view! { <EmojiImage emoji=emoji.clone()/> }),
            })
            .collect_view();
        if large {
            Either::Left(view! { <span class="lc-big-emojis">{nodes}</span> })
        } else {
            Either::Right(nodes)
        }
    })
}

/// A part of a body as it is drawn.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Mention(&'a str),
    Link(&'a str),
    Emoji(&'a CustomEmoji),
}

/// `text` cut into text, mentions (at `mentions`), and links and custom emojis (in the text
/// between them).
fn pieces<'a>(
    text: &'a str,
    mentions: &[Range<usize>],
    emojis: &'a CustomEmojis,
) -> Vec<Piece<'a>> {
    let links = |part: &'a str, pieces: &mut Vec<Piece<'a>>| {
        pieces.extend(room_text::split(part, emojis).into_iter().map(|p| match p {
            room_text::Piece::Text(t) => Piece::Text(t),
            room_text::Piece::Link(l) => Piece::Link(l),
            room_text::Piece::Emoji(e) => Piece::Emoji(e),
        }));
    };
    let mut pieces = Vec::new();
    let mut at = 0;
    for range in mentions {
        let Some(nick) = text.get(range.clone()).filter(|_| range.start >= at) else {
            continue;
        };
        links(&text[at..range.start], &mut pieces);
        pieces.push(Piece::Mention(nick));
        at = range.end;
    }
    links(&text[at..], &mut pieces);
    pieces
}
