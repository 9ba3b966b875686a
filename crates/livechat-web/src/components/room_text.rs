//! Texts from the room drawn with the channel's custom emojis (see [`crate::room_text`]): the
//! emoji's image, the way to draw with the emojis of the chat, and a text with its links and
//! emojis (the subject; message bodies add their mentions, see `entry`). Never parsed as markup.

use leptos::either::Either;
use leptos::prelude::*;

use super::Body;
use crate::custom_emojis::{use_channel_emojis, CustomEmoji, CustomEmojis};

/// Draws with the chat's custom emojis.
///
/// Drawn before they arrive (the definitions are fetched when the chat mounts), `draw` runs again
/// once they are in; drawn after, it reads them once and follows nothing: a row must not
/// subscribe to what outlives it (see `ChatContext::menu_state`), and only the few drawn early do.
pub fn with_channel_emojis<V>(
    draw: impl Fn(&CustomEmojis) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    V: IntoView + 'static,
{
    match use_channel_emojis() {
        Some(channel) if channel.get_untracked().is_none() => {
            Either::Left(move || draw(&channel.get().unwrap_or_default()))
        }
        channel => Either::Right(draw(
            &channel.and_then(|c| c.get_untracked()).unwrap_or_default(),
        )),
    }
}

/// A custom emoji: its image at the size of the text around it, its `:name:` as the text that
/// stands for it. The image comes from the channel's server: loaded when it comes into view, and
/// told nothing of the page it is on.
#[component]
pub fn EmojiImage(emoji: CustomEmoji) -> impl IntoView {
    view! {
        <img
            class="lc-emoji"
            src=emoji.url
            alt=emoji.sn.clone()
            title=emoji.sn
            loading="lazy"
            decoding="async"
            referrerpolicy="no-referrer"
        />
    }
}

/// `text` with its links and custom emojis; a few emojis and nothing else are drawn larger
/// (`.lc-big-emojis`): a message's body without mentions (see [`super::Body`]).
#[component]
pub fn RoomText(text: String) -> impl IntoView {
    view! { <Body text/> }
}
