//! A text from the room (a message's body, the subject) cut into what is drawn: plain text, links
//! (see [`crate::links`]) and the channel's custom emojis (see [`crate::custom_emojis`]), without
//! ever parsing it as markup. A `:name:` is an emoji only when the channel defines it (anywhere in
//! the text: the colons delimit it); an unknown one stays text, and nothing inside a link is an
//! emoji.

use crate::custom_emojis::{is_name_byte, CustomEmoji, CustomEmojis};
use crate::links::{split_links, Segment};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// An `http(s)://` address: the `href` and the visible text at once.
    Link(&'a str),
    /// A custom emoji, written as its `:name:` in the text.
    Emoji(&'a CustomEmoji),
}

/// Cuts `text` into pieces, in order; concatenated (an emoji as its `:name:`), they give `text`
/// back.
pub fn split<'a>(text: &'a str, emojis: &'a CustomEmojis) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    for segment in split_links(text) {
        match segment {
            Segment::Link(link) => pieces.push(Piece::Link(link)),
            Segment::Text(text) if emojis.is_empty() => pieces.push(Piece::Text(text)),
            Segment::Text(text) => split_emojis(text, emojis, &mut pieces),
        }
    }
    pieces
}

fn split_emojis<'a>(text: &'a str, emojis: &'a CustomEmojis, pieces: &mut Vec<Piece<'a>>) {
    let bytes = text.as_bytes();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(open) = text[at..].find(':').map(|i| at + i) {
        let name_end = bytes[open + 1..]
            .iter()
            .position(|&b| !is_name_byte(b))
            .map_or(bytes.len(), |i| open + 1 + i);
        if bytes.get(name_end) == Some(&b':') {
            if let Some(emoji) = emojis.get(&text[open..=name_end]) {
                if text_start < open {
                    pieces.push(Piece::Text(&text[text_start..open]));
                }
                pieces.push(Piece::Emoji(emoji));
                text_start = name_end + 1;
                at = name_end + 1;
                continue;
            }
        }
        // The colon that ended this name may open the next one (`:nope:party:`).
        at = name_end.max(open + 1);
    }
    if text_start < text.len() {
        pieces.push(Piece::Text(&text[text_start..]));
    }
}

/// The most custom emojis, and the most code points of Unicode ones (a dozen emojis, each a
/// sequence of a few), of a text drawn large.
const MAX_LARGE: (usize, usize) = (12, 40);

/// Whether `pieces` are a few emojis and nothing else (white space aside): custom ones, or Unicode
/// emojis (asked of the browser's Unicode tables, as `links` does, rather than carrying them).
/// Chats draw such a message larger.
pub fn only_emojis(pieces: &[Piece<'_>]) -> bool {
    let mut custom = 0;
    let mut unicode = String::new();
    for piece in pieces {
        match piece {
            Piece::Emoji(_) => custom += 1,
            Piece::Link(_) => return false,
            Piece::Text(text) => unicode.push_str(text),
        }
    }
    let unicode = unicode.trim();
    if custom > MAX_LARGE.0 || unicode.chars().count() > MAX_LARGE.1 {
        return false;
    }
    if unicode.is_empty() {
        return custom > 0;
    }
    js_sys::RegExp::new(
        r"^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u200d\ufe0f\u20e3\s])+$",
        "u",
    )
    .test(unicode)
}
