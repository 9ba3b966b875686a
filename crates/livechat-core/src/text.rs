//! Untrusted text made safe to show: bounded in size, and with no invisible characters that could
//! make one nickname pass for another or flip the direction of the text around it. Nicknames and
//! the texts the room shows as its own (the subject, terms, announcements, poll questions and
//! choices) get the same treatment; the texts keep what text needs (line breaks, emoji joiners).

use std::borrow::Cow;

use sha1::{Digest, Sha1};

/// A body longer than this is cut: a hundred 1 MB messages must not take 100 MB of the viewer's
/// memory. Generous for chat (the plugin's own limit is far lower).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// Nicknames are shown cut to this many characters (the full one still identifies the occupant).
pub const MAX_NICK_CHARS: usize = 48;

/// A one-line text of the room (a poll's question or choice) is cut to this many bytes.
pub const MAX_LINE_BYTES: usize = 1024;

/// Cuts `body` to [`MAX_BODY_BYTES`] at a character boundary; says whether it did.
pub fn bound_body(body: String) -> (String, bool) {
    bound(body, MAX_BODY_BYTES)
}

/// Cuts `text` to `max_bytes` at a character boundary, marked with `…`; says whether it did.
pub fn bound(mut text: String, max_bytes: usize) -> (String, bool) {
    if text.len() <= max_bytes {
        return (text, false);
    }
    let mut cut = max_bytes;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text.push('…');
    (text, true)
}

/// Whether XML 1.0 can carry `c` at all (control characters other than tab and line ends cannot,
/// nor U+FFFE and U+FFFF).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// What the user typed, without the characters XML cannot carry (a pasted escape sequence must not
/// stop the chat).
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| is_xml_char(*c)).collect())
    }
}

/// Characters that change how text is ordered or are not seen at all: bidi embeddings, overrides
/// and isolates, zero-width spaces and joiners, and other format characters.
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{E0000}'..='\u{E007F}'
    ) || c.is_control()
}

/// A nickname as it may be shown: invisible and direction characters become a visible `�`, so
/// "Alice" and "Alice\u{200B}" look different, and it is cut to [`MAX_NICK_CHARS`].
/// (Emoji variation selectors and joiners go too: a nickname is a name, not a picture.)
pub fn display_nick(nick: &str) -> Cow<'_, str> {
    let long = nick.chars().nth(MAX_NICK_CHARS).is_some();
    let shown = made_visible(nick, |_| false);
    if !long {
        return shown;
    }
    let mut out: String = shown.chars().take(MAX_NICK_CHARS).collect();
    out.push('…');
    Cow::Owned(out)
}

/// A text the room shows as its own (subject, terms, announcement, poll question or choice) as it
/// may be shown: the same invisible and direction characters as in [`display_nick`] become a
/// visible `�`, so none can reorder what surrounds it or hide words. What text needs stays: line
/// breaks (a carriage return becomes one) and tabs, and the joiners and variation selectors emoji
/// and some scripts are written with. Bound its size first ([`bound`]).
pub fn display_text(text: &str) -> Cow<'_, str> {
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let keep = |c: char| {
        matches!(
            c,
            '\n' | '\t' | '\u{200C}' | '\u{200D}' | '\u{FE0E}' | '\u{FE0F}'
        )
    };
    match text {
        Cow::Borrowed(text) => made_visible(text, keep),
        Cow::Owned(text) => Cow::Owned(made_visible(&text, keep).into_owned()),
    }
}

/// A text of the room, bounded to `max_bytes` and made safe to show ([`display_text`]).
pub fn room_text(text: String, max_bytes: usize) -> String {
    let (text, _) = bound(text, max_bytes);
    match display_text(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(shown) => shown,
    }
}

/// Invisible and direction characters, other than those `keep` lets through, as a visible `�`.
fn made_visible(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let hidden = |c: char| is_invisible_control(c) && !keep(c);
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if hidden(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// A short stable key for a text (the first 64 bits of its SHA-1, in hex): what a UI remembers
/// when the viewer hides a text (the terms), so that new terms show again and the same ones do not.
pub fn text_key(text: &str) -> String {
    Sha1::digest(text.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_megabyte_body_is_cut_at_a_character_boundary() {
        let body = "é".repeat(600_000); // 1.2 MB of two-byte characters
        let (cut, truncated) = bound_body(body);
        assert!(truncated);
        assert!(cut.len() <= MAX_BODY_BYTES + '…'.len_utf8());
        assert!(cut.ends_with("é…"));
        let (short, truncated) = bound_body("hello".into());
        assert_eq!((short.as_str(), truncated), ("hello", false));
    }

    #[test]
    fn invisible_characters_cannot_impersonate() {
        for sneaky in [
            "Alice\u{200B}",
            "\u{202E}ecilA",
            "Al\u{2066}ice",
            "Alice\u{FEFF}",
            "Ali\u{00AD}ce",
        ] {
            let shown = display_nick(sneaky);
            assert_ne!(shown, "Alice", "{sneaky:?}");
            assert!(shown.contains('\u{FFFD}'), "{sneaky:?} -> {shown:?}");
            assert!(!shown.chars().any(is_invisible_control));
        }
        assert!(matches!(display_nick("Camille 🎮"), Cow::Borrowed(_)));
        assert_eq!(display_nick("Zoé"), "Zoé");
    }

    #[test]
    fn characters_xml_cannot_carry_are_dropped() {
        assert_eq!(xml_safe("a\u{0}b\u{1b}[31mc\u{FFFE}\td\n"), "ab[31mc\td\n");
        assert!(matches!(xml_safe("plain é 🎮"), Cow::Borrowed(_)));
    }

    #[test]
    fn room_texts_lose_direction_tricks_but_keep_lines_and_emoji() {
        let terms = "Be kind.\r\nNo spam\u{202E}gnirts\u{202C} 👩\u{200D}💻 ❤\u{FE0F}\u{200B}";
        let shown = display_text(terms);
        assert_eq!(
            shown,
            "Be kind.\nNo spam\u{FFFD}gnirts\u{FFFD} 👩\u{200D}💻 ❤\u{FE0F}\u{FFFD}"
        );
        assert!(matches!(
            display_text("Two\nlines\tand 🎮"),
            Cow::Borrowed(_)
        ));
        let long = room_text("é".repeat(2000), MAX_LINE_BYTES);
        assert!(long.len() <= MAX_LINE_BYTES + '…'.len_utf8() && long.ends_with('…'));
    }

    #[test]
    fn a_text_key_is_stable_and_tells_texts_apart() {
        assert_eq!(text_key("Be kind."), text_key("Be kind."));
        assert_ne!(text_key("Be kind."), text_key("Be kind!"));
        assert_eq!(text_key("").len(), 16);
    }

    #[test]
    fn a_ten_thousand_character_nickname_is_shown_short() {
        let nick = "N".repeat(10_000);
        let shown = display_nick(&nick);
        assert_eq!(shown.chars().count(), MAX_NICK_CHARS + 1);
        assert!(shown.ends_with('…'));
    }
}
