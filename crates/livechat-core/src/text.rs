//! Untrusted text made safe to show: bounded in size, and with no invisible characters that could
//! make one nickname pass for another or flip the direction of the text around it.

use std::borrow::Cow;

/// A body longer than this is cut: a hundred 1 MB messages must not take 100 MB of the viewer's
/// memory. Generous for chat (the plugin's own limit is far lower).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// Nicknames are shown cut to this many characters (the full one still identifies the occupant).
pub const MAX_NICK_CHARS: usize = 48;

/// Cuts `body` to [`MAX_BODY_BYTES`] at a character boundary; says whether it did.
pub fn bound_body(mut body: String) -> (String, bool) {
    if body.len() <= MAX_BODY_BYTES {
        return (body, false);
    }
    let mut cut = MAX_BODY_BYTES;
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    body.truncate(cut);
    body.push('…');
    (body, true)
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
    let clean =
        !nick.chars().any(is_invisible_control) && nick.chars().nth(MAX_NICK_CHARS).is_none();
    if clean {
        return Cow::Borrowed(nick);
    }
    let mut out: String = nick
        .chars()
        .take(MAX_NICK_CHARS)
        .map(|c| {
            if is_invisible_control(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    if nick.chars().nth(MAX_NICK_CHARS).is_some() {
        out.push('…');
    }
    Cow::Owned(out)
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
    fn a_ten_thousand_character_nickname_is_shown_short() {
        let nick = "N".repeat(10_000);
        let shown = display_nick(&nick);
        assert_eq!(shown.chars().count(), MAX_NICK_CHARS + 1);
        assert!(shown.ends_with('…'));
    }
}
