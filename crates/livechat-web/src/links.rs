//! Links in message bodies, found without ever parsing the body as markup.
//!
//! A body is cut into [`Segment`]s: plain text, and web addresses that start with `http://` or
//! `https://` (any letter case). Nothing else becomes a link: `javascript:`, `data:`, `file:`,
//! `www.example.org` without a scheme all stay text. The list renders each segment as a leptos
//! node (a text node, or an `<a>` whose `href` is exactly the text shown), never as HTML.

use livechat_core::text::is_invisible_control;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    /// An `http(s)://` address: the `href` and the visible text at once.
    Link(&'a str),
}

/// Splits `body` into text and links, in order; concatenated, the segments give `body` back.
pub fn split_links(body: &str) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let bytes = body.as_bytes();
    while i < bytes.len() {
        if let Some(len) = link_at(body, i) {
            if text_start < i {
                segments.push(Segment::Text(&body[text_start..i]));
            }
            segments.push(Segment::Link(&body[i..i + len]));
            i += len;
            text_start = i;
        } else {
            // Next character boundary (the schemes are ASCII, so byte steps over ASCII are enough).
            i += body[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if text_start < body.len() {
        segments.push(Segment::Text(&body[text_start..]));
    }
    segments
}

/// The length of the link starting at byte `at`, if one does.
fn link_at(body: &str, at: usize) -> Option<usize> {
    let rest = &body[at..];
    // Compared as bytes: the text after `at` may have a multi-byte character where a scheme would end.
    let scheme = ["https://", "http://"].into_iter().find(|s| {
        rest.as_bytes()
            .get(..s.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(s.as_bytes()))
    })?;
    // Not in the middle of a word: "xhttp://" is not a link.
    if body[..at]
        .chars()
        .next_back()
        .is_some_and(is_letter_or_digit)
    {
        return None;
    }
    let end = rest
        .char_indices()
        .find(|&(_, c)| ends_link(c))
        .map_or(rest.len(), |(i, _)| i);
    let mut link = &rest[..end];
    // Punctuation that ends a sentence is not part of the address; a closing bracket only when it
    // has no opening one inside the link ("(see https://e.org/a_(b))").
    while let Some(last) = link.chars().next_back() {
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '*' | '…' => true,
            ')' => link.matches('(').count() < link.matches(')').count(),
            ']' => link.matches('[').count() < link.matches(']').count(),
            _ => false,
        };
        if !strip {
            break;
        }
        link = &link[..link.len() - last.len_utf8()];
    }
    // A scheme alone ("https://") or a scheme and punctuation is not an address.
    let host = &link[scheme.len()..];
    if !host.chars().next().is_some_and(is_letter_or_digit) {
        return None;
    }
    Some(link.len())
}

/// A letter or a digit of any script, as Rust's `char::is_alphanumeric` says; beyond ASCII asked of
/// the browser's own Unicode tables (Rust's would add 3 KB to the download). Only the characters
/// next to a scheme are asked.
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (!c.is_ascii()
            && js_sys::RegExp::new(r"^[\p{Alphabetic}\p{N}]$", "u")
                .test(c.encode_utf8(&mut [0; 4])))
}

/// Characters that cannot be inside an address as it is typed in a chat.
fn ends_link(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
        || is_invisible_control(c)
}
