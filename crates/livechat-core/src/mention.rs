//! Mentions (XEP-0372 references of type `mention`): the `@nick` of present occupants in what the
//! user typed, whether a message names us, and the nicknames that complete what is being typed.
//!
//! Words are told apart without Unicode's tables (they would cost the browser's download): a
//! nickname stands alone when the characters around it are not ASCII letters or digits, nor letters
//! of the alphabetic scripts below U+2000 (Latin, Greek, Cyrillic, …). So "@Zoé!" and "さくらさん"
//! name their occupant, "Zoéline" does not name Zoé. Case is compared for ASCII letters only.

/// A mention of an occupant in a message body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where the nickname starts, in Unicode code points (XEP-0372).
    pub begin: u32,
    /// Where it ends, in code points, exclusive (as ConverseJS, the plugin's frontend, counts).
    pub end: u32,
    /// The occupant it refers to.
    pub nick: String,
}

/// A message keeps at most this many mentions.
pub const MAX_MENTIONS: usize = 16;

/// A completion needs this many characters typed (as in the plugin's frontend).
pub const MIN_COMPLETION_CHARS: usize = 2;

/// At most this many nicknames are offered to complete one prefix.
pub const MAX_COMPLETIONS: usize = 10;

/// The mentions in `body` of the nicknames `nicks`: each `@` at the start of a word followed by
/// one of them as a whole word (the longest that fits). The span covers the nickname, not the `@`,
/// which stays in the text so that every client shows who was meant.
pub fn find_mentions(body: &str, nicks: &[&str]) -> Vec<Mention> {
    let mut mentions = Vec::new();
    for (at, _) in body.match_indices('@') {
        if !starts_word(body, at) || mentions.len() == MAX_MENTIONS {
            continue;
        }
        let start = at + 1;
        let found = nicks
            .iter()
            .filter(|nick| !nick.is_empty() && matches_at(body, start, nick))
            .max_by_key(|nick| nick.len());
        if let Some(nick) = found {
            let begin = body[..start].chars().count() as u32;
            mentions.push(Mention {
                begin,
                end: begin + nick.chars().count() as u32,
                nick: (*nick).to_owned(),
            });
        }
    }
    mentions
}

/// Whether `body` names `nick` as a word of its own.
pub fn names(body: &str, nick: &str) -> bool {
    !nick.is_empty()
        && body
            .char_indices()
            .any(|(i, _)| starts_word(body, i) && matches_at(body, i, nick))
}

/// The nicknames among `candidates` (in their order) that `typed` begins, once at least
/// [`MIN_COMPLETION_CHARS`] characters are typed (a leading `@` aside); at most [`MAX_COMPLETIONS`].
pub fn completions<'a>(typed: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let typed = typed.strip_prefix('@').unwrap_or(typed);
    if typed.chars().count() < MIN_COMPLETION_CHARS {
        return Vec::new();
    }
    candidates
        .filter(|nick| {
            nick.len() > typed.len()
                && nick.is_char_boundary(typed.len())
                && nick[..typed.len()].eq_ignore_ascii_case(typed)
        })
        .take(MAX_COMPLETIONS)
        .map(str::to_owned)
        .collect()
}

/// `nick` is at byte `at` of `body` and a word ends after it.
fn matches_at(body: &str, at: usize, nick: &str) -> bool {
    let end = at + nick.len();
    body.is_char_boundary(end)
        && end <= body.len()
        && body[at..end].eq_ignore_ascii_case(nick)
        && !body[end..].chars().next().is_some_and(is_word_char)
}

/// A word starts at byte `at` of `body`.
fn starts_word(body: &str, at: usize) -> bool {
    !body[..at].chars().next_back().is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || matches!(c, '\u{C0}'..='\u{1FFF}') && c != '\u{D7}' && c != '\u{F7}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_at_mentions_of_present_occupants() {
        let nicks = ["Alice", "Al", "Jean Paul", "Zoé"];
        let found = find_mentions(
            "hi @alice and @Jean Paul, @Zoé! but not mail@Al or @Alfred",
            &nicks,
        );
        let spans: Vec<_> = found
            .iter()
            .map(|m| (m.begin, m.end, m.nick.as_str()))
            .collect();
        assert_eq!(
            spans,
            [(4, 9, "Alice"), (15, 24, "Jean Paul"), (27, 30, "Zoé")]
        );
        // Code points, not bytes.
        let found = find_mentions("🎉 @Al", &nicks);
        assert_eq!((found[0].begin, found[0].end), (3, 5));
        let many = "@Al ".repeat(100);
        assert_eq!(find_mentions(&many, &nicks).len(), MAX_MENTIONS);
    }

    #[test]
    fn tells_whether_a_body_names_someone() {
        assert!(names("alice, look!", "Alice"));
        assert!(names("thanks «Zoé»", "Zoé"));
        assert!(names("さくらさん", "さくら"));
        assert!(names("Anonymous 123456: hi", "Anonymous 123456"));
        assert!(!names("malice", "Alice"));
        assert!(!names("Zoéline", "Zoé"));
        assert!(!names("Alice_2", "Alice"));
        assert!(!names("anything", ""));
    }

    #[test]
    fn completes_after_two_characters() {
        let nicks = ["Alice", "alfred", "Bob", "Al"];
        assert_eq!(completions("@al", nicks.into_iter()), ["Alice", "alfred"]);
        assert!(completions("a", nicks.into_iter()).is_empty());
        assert!(
            completions("Bob", nicks.into_iter()).is_empty(),
            "nothing left to complete"
        );
        assert!(
            completions("é", ["éa"].into_iter()).is_empty(),
            "one character"
        );
    }
}
