//! One message cannot take over the chat: a body of thousands of characters or dozens of lines is
//! shown folded to its first few lines (the list offers to unfold it, the overlay does not, the
//! screen-reader announcer says the folded text).
//!
//! Folding cuts the text itself rather than hiding the rest with CSS: a screen reader reading the
//! list hears what is shown, and a folded row lays out a few lines, not 16 KB of text.

/// A body with more characters than this is folded.
pub const FOLD_CHARS: usize = 500;
/// A body with more lines than this is folded.
pub const FOLD_LINES: usize = 6;
/// A folded body keeps at most this many characters…
pub const KEEP_CHARS: usize = 280;
/// …and at most this many lines.
pub const KEEP_LINES: usize = 4;

/// Where a folded `body` ends (a byte index, the `…` to be added after it), or `None` when the
/// body is short enough to be shown whole.
pub fn fold_at(body: &str) -> Option<usize> {
    let long = body.chars().nth(FOLD_CHARS).is_some() || body.lines().nth(FOLD_LINES).is_some();
    long.then(|| cut(body, KEEP_CHARS, KEEP_LINES)).flatten()
}

/// Where `text` must be cut to keep at most `max_chars` characters and `max_lines` lines (a byte
/// index), or `None` when it fits. A cut inside a word goes back to the space before it, unless
/// that would lose more than a third of what is kept (one long word, a long address); white space
/// before the cut goes too.
pub fn cut(text: &str, max_chars: usize, max_lines: usize) -> Option<usize> {
    let mut lines = 1;
    let mut end = None;
    for (chars, (i, c)) in text.char_indices().enumerate() {
        if chars == max_chars {
            end = Some(word_start(text, i, max_chars));
            break;
        }
        if c == '\n' {
            if lines == max_lines {
                end = Some(i);
                break;
            }
            lines += 1;
        }
    }
    let end = end?;
    Some(text[..end].trim_end().len())
}

/// `at` (the cut at `kept` characters), moved back to the start of the word it falls in.
fn word_start(text: &str, at: usize, kept: usize) -> usize {
    if text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    match text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
    {
        Some((space, _)) if text[..space].chars().count() >= kept * 2 / 3 => space,
        _ => at,
    }
}

/// `text` as shown folded at `at`: its beginning and an ellipsis.
pub fn folded(text: &str, at: usize) -> String {
    format!("{}…", &text[..at])
}
