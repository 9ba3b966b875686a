//! The formatter: a compiled message (`build.rs`) and its arguments, as text.
//!
//! A compiled message is its text as it is, and
//! `VAR name END` for `{ $name }`,
//! `SELECT name END (VARIANT [*]key END value)+ DONE` for `{ $name -> [key] value *[other] … }`.

use crate::{Arg, Lang};

const VAR: char = '\u{1}';
const END: char = '\u{2}';
const SELECT: char = '\u{3}';
const VARIANT: char = '\u{4}';
const DONE: char = '\u{5}';

/// CLDR's plural categories, as the plural tables number them.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Formats the messages of one language.
pub(crate) struct Formatter<'a> {
    /// Nested messages ([`Arg::Msg`]) are rendered in it.
    pub lang: Lang,
    /// The plural category of 0–199 (see [`Formatter::plural`]).
    pub plurals: &'a [u8; 200],
}

impl Formatter<'_> {
    /// The message, with `args`; `missing` gets the arguments it uses and was not given. `None`
    /// when the message is not well formed (a catalog file never installs such a message).
    pub fn format(
        &self,
        message: &str,
        args: &[(&str, Arg)],
        missing: &mut Vec<String>,
    ) -> Option<String> {
        let mut out = String::new();
        match self.write(message, args, Some(&mut out), missing)? {
            "" => Some(out),
            _ => None,
        }
    }

    /// Whether `message` is a compiled message through to its end.
    pub fn well_formed(&self, message: &str) -> bool {
        self.write(message, &[], None, &mut Vec::new()) == Some("")
    }

    /// Writes the pattern at the start of `src` (into `out`, or nowhere to skip it) up to the end
    /// of the message or of its variant; returns the rest, or `None` if it is not well formed.
    pub(crate) fn write<'s>(
        &self,
        mut src: &'s str,
        args: &[(&str, Arg)],
        mut out: Option<&mut String>,
        missing: &mut Vec<String>,
    ) -> Option<&'s str> {
        loop {
            let at = src.find(|c| (VAR..=DONE).contains(&c)).unwrap_or(src.len());
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&src[..at]);
            }
            src = &src[at..];
            if let Some(rest) = src.strip_prefix(VAR) {
                let (name, rest) = field(rest)?;
                src = rest;
                if let Some(out) = out.as_deref_mut() {
                    match arg(args, name) {
                        Some(Arg::Text(text)) => out.push_str(text),
                        Some(Arg::Number(n)) => out.push_str(&n.to_string()),
                        Some(Arg::Msg(msg)) => out.push_str(&msg.render(self.lang)),
                        // As Fluent shows an argument it was not given.
                        None => {
                            missing.push(name.to_owned());
                            out.push_str("{$");
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                }
            } else if let Some(rest) = src.strip_prefix(SELECT) {
                src = self.select(rest, args, out.as_deref_mut(), missing)?;
            } else {
                // The end of the message, or of a variant.
                return Some(src);
            }
        }
    }

    /// Writes the chosen variant of the selection at the start of `src` (after its `SELECT`);
    /// returns what follows its `DONE`.
    fn select<'s>(
        &self,
        src: &'s str,
        args: &[(&str, Arg)],
        out: Option<&mut String>,
        missing: &mut Vec<String>,
    ) -> Option<&'s str> {
        let (name, variants) = field(src)?;
        let value = arg(args, name);
        if value.is_none() && out.is_some() {
            missing.push(name.to_owned());
        }
        // The first variant whose key matches, as Fluent does, else the default.
        let (mut chosen, mut default, mut rest, mut count) = (None, None, variants, 0);
        while let Some(variant) = rest.strip_prefix(VARIANT) {
            let (key, value_src) = field(variant)?;
            let key = match key.strip_prefix('*') {
                Some(key) if default.is_none() => {
                    default = Some(count);
                    key
                }
                Some(_) => return None, // two defaults
                None => key,
            };
            if chosen.is_none() && self.matches(key, value) {
                chosen = Some(count);
            }
            rest = self.write(value_src, args, None, missing)?;
            count += 1;
        }
        let after = rest.strip_prefix(DONE)?;
        let chosen = chosen.or(default)?;
        if let Some(out) = out {
            let mut variant = variants;
            for _ in 0..chosen {
                let (_, value_src) = field(variant.strip_prefix(VARIANT)?)?;
                variant = self.write(value_src, args, None, missing)?;
            }
            let (_, value_src) = field(variant.strip_prefix(VARIANT)?)?;
            self.write(value_src, args, Some(out), missing)?;
        }
        Some(after)
    }

    /// Whether a variant's key matches the selector's value: an exact number (`[0]`), the plural
    /// category of a number (`[one]`), or the same text (`[male]`).
    fn matches(&self, key: &str, value: Option<&Arg>) -> bool {
        match value {
            Some(Arg::Number(n)) => match key.parse::<i64>() {
                Ok(k) => k == *n,
                Err(_) => key == self.plural(*n),
            },
            Some(Arg::Text(text)) => key == text,
            _ => false,
        }
    }

    /// The CLDR plural category of a whole number in this language (see `build.rs`).
    pub fn plural(&self, n: i64) -> &'static str {
        let n = n.unsigned_abs();
        let at = if n < 200 { n } else { 100 + n % 100 };
        CATEGORIES[self.plurals[at as usize] as usize]
    }
}

/// The text up to `END`, and what follows it.
fn field(src: &str) -> Option<(&str, &str)> {
    let end = src.find(END)?;
    Some((&src[..end], &src[end + END.len_utf8()..]))
}

fn arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH_PLURALS: [u8; 200] = {
        let mut table = [5; 200];
        table[1] = 1;
        table
    };

    fn english() -> Formatter<'static> {
        Formatter {
            lang: Lang::ENGLISH,
            plurals: &ENGLISH_PLURALS,
        }
    }

    #[test]
    fn selects_the_first_matching_variant_else_the_default() {
        // { $n -> [0] none [one] one { $n } [male] he *[other] { $n } of them }, then "!".
        let src = "\u{3}n\u{2}\u{4}0\u{2}none\u{4}one\u{2}one \u{1}n\u{2}\u{4}male\u{2}he\
                   \u{4}*other\u{2}\u{1}n\u{2} of them\u{5}!";
        let say = |arg: Option<Arg>| {
            let args: Vec<(&str, Arg)> = arg.into_iter().map(|a| ("n", a)).collect();
            let mut missing = Vec::new();
            let out = english().format(src, &args, &mut missing).unwrap();
            (out, missing)
        };
        assert_eq!(say(Some(Arg::Number(0))).0, "none!");
        assert_eq!(say(Some(Arg::Number(1))).0, "one 1!");
        assert_eq!(say(Some(Arg::Number(7))).0, "7 of them!");
        assert_eq!(say(Some("male".into())).0, "he!");
        assert_eq!(say(Some("female".into())).0, "female of them!");
        assert_eq!(
            say(None),
            (
                "{$n} of them!".to_owned(),
                vec!["n".to_owned(), "n".to_owned()]
            )
        );
        assert!(english().well_formed(src));
    }

    #[test]
    fn anything_but_a_compiled_message_is_refused_and_never_panics() {
        let f = english();
        for broken in [
            "\u{1}n",                                     // a variable without its end
            "text\u{2}",                                  // an end mark alone
            "\u{3}n\u{2}\u{4}*a\u{2}x",                   // a selection without its end
            "\u{3}n\u{2}\u{4}a\u{2}x\u{5}",               // no default variant
            "\u{3}n\u{2}\u{4}*a\u{2}x\u{4}*b\u{2}y\u{5}", // two
            "\u{3}n\u{2}\u{5}",                           // no variant at all
            "\u{4}*a\u{2}x\u{5}",                         // a variant outside a selection
            "\u{3}",
        ] {
            assert!(!f.well_formed(broken), "{broken:?}");
            let args = [("n", Arg::Number(1))];
            assert_eq!(f.format(broken, &args, &mut Vec::new()), None, "{broken:?}");
        }
        assert!(f.well_formed(""));
        assert!(f.well_formed("Plain text, { braces } too"));
    }
}
