//! The chat's words in the viewer's language.
//!
//! Every user-facing text is a [Fluent](https://projectfluent.org) message in
//! `assets/locales/<language tag>.ftl`, compiled into the build by `build.rs`: adding a language
//! is adding one file (the tests then ask it for every key English has). English is the fallback:
//! a key missing in a language is taken from English, and a key missing everywhere shows as itself.
//!
//! - [`Lang`]: one of the built-in languages, chosen by [`Lang::negotiate`] from the tags the page,
//!   the host page and the browser ask for.
//! - [`Lang::t`], [`Lang::t_args`]: a message, now.
//! - [`Msg`]: a message with its arguments, to render later in whichever language (parameter
//!   errors are found before the language is known).
//!
//! The formatter here does what the chat's catalogs use of Fluent: text, `{ $variable }`, string
//! and number literals, references to other messages and terms, and selections on a variable by
//! plural category (`[one]`, CLDR's rules for whole numbers) or exact value (`[0]`, `[male]`).
//! `build.rs` refuses the rest. It is a few hundred bytes in the page where the Fluent runtime
//! (`fluent-bundle`, with its parser, every CLDR plural rule and float formatting) was about
//! 42 KB gzip. Numbers are written as digits, without grouping; placeables are not wrapped in
//! Unicode isolation marks (the texts are compared and copied as shown, and nicknames in lists sit
//! in elements of their own).

use std::borrow::Cow;
use std::fmt;

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

// The compiled form of a message (`build.rs`): its text as it is, and
// `VAR name END` for `{ $name }`,
// `SELECT name END (VARIANT [*]key END value)+ DONE` for `{ $name -> [key] value *[other] … }`.
const VAR: char = '\u{1}';
const END: char = '\u{2}';
const SELECT: char = '\u{3}';
const VARIANT: char = '\u{4}';
const DONE: char = '\u{5}';

/// CLDR's plural categories, as `PLURALS` numbers them.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One of the built-in languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lang(u8);

impl Lang {
    /// The fallback, and the language of the keys' reference catalog.
    pub const ENGLISH: Lang = Lang(0);

    /// Every built-in language, English first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..TAGS.len()).map(|i| Lang(i as u8))
    }

    /// The language tag, as the catalog's file is named (`en`, `fr`, `pt-BR`): what `lang`
    /// attributes say.
    pub fn tag(self) -> &'static str {
        TAGS[self.0 as usize]
    }

    /// The catalog's Fluent source (for checks: the page does not need it).
    pub fn source(self) -> &'static str {
        SOURCES[self.0 as usize]
    }

    /// The first requested tag a built-in language serves: the same tag (`fr-CA` for `fr-CA`), else
    /// the same language (`fr` for `fr-CA`, `pt-BR` for `pt`). Case and `_` for `-` do not matter.
    /// `None` when none does: the caller decides (English, in the chat).
    pub fn negotiate<I, S>(requested: I) -> Option<Lang>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        requested.into_iter().find_map(|tag| {
            let tag = tag.as_ref().trim().replace('_', "-");
            if tag.is_empty() {
                return None;
            }
            let language = primary(&tag);
            Lang::all()
                .find(|l| l.tag().eq_ignore_ascii_case(&tag))
                .or_else(|| Lang::all().find(|l| primary(l.tag()).eq_ignore_ascii_case(language)))
        })
    }

    /// The message `key`, in this language, else English, else the key itself.
    pub fn t(self, key: &str) -> String {
        self.t_args(key, &[])
    }

    /// The message `key` with its arguments (`{ $name }` in the catalog).
    pub fn t_args(self, key: &str, args: &[(&str, Arg)]) -> String {
        let mut missing = Vec::new();
        [self, Lang::ENGLISH]
            .into_iter()
            .find_map(|lang| lang.format(key, args, &mut missing))
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` in this language only, or why it cannot be formatted (missing here, or
    /// an argument it uses was not given): for the catalogs' checks.
    pub fn try_format(self, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        let mut missing = Vec::new();
        match self.format(key, args, &mut missing) {
            None => Err(format!("{}: no message `{key}`", self.tag())),
            Some(_) if !missing.is_empty() => Err(format!(
                "{}: `{key}` needs {missing:?}, not given",
                self.tag()
            )),
            Some(text) => Ok(text),
        }
    }

    fn format(self, key: &str, args: &[(&str, Arg)], missing: &mut Vec<String>) -> Option<String> {
        let i = KEYS.binary_search(&key).ok()?;
        let starts = STARTS[self.0 as usize];
        let message = &MESSAGES[self.0 as usize][starts[i] as usize..starts[i + 1] as usize];
        if message.is_empty() {
            return None;
        }
        let mut out = String::new();
        self.write(message, args, Some(&mut out), missing);
        Some(out)
    }

    /// Writes the pattern at the start of `src` (into `out`, or nowhere to skip it) up to the end
    /// of the message or of its variant; returns the rest.
    fn write<'a>(
        self,
        mut src: &'a str,
        args: &[(&str, Arg)],
        mut out: Option<&mut String>,
        missing: &mut Vec<String>,
    ) -> &'a str {
        loop {
            let at = src.find(|c| (VAR..=DONE).contains(&c)).unwrap_or(src.len());
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&src[..at]);
            }
            src = &src[at..];
            match src.chars().next() {
                Some(VAR) => {
                    let (name, rest) = field(&src[1..]);
                    src = rest;
                    if let Some(out) = out.as_deref_mut() {
                        match arg(args, name) {
                            Some(Arg::Text(text)) => out.push_str(text),
                            Some(Arg::Number(n)) => out.push_str(&n.to_string()),
                            Some(Arg::Msg(msg)) => out.push_str(&msg.render(self)),
                            // As Fluent shows an argument it was not given.
                            None => {
                                missing.push(name.to_owned());
                                out.push_str("{$");
                                out.push_str(name);
                                out.push('}');
                            }
                        }
                    }
                }
                Some(SELECT) => {
                    let (name, variants) = field(&src[1..]);
                    let value = arg(args, name);
                    if value.is_none() && out.is_some() {
                        missing.push(name.to_owned());
                    }
                    // The first variant whose key matches, as Fluent does, else the default.
                    let (mut chosen, mut default, mut rest, mut i) = (None, 0, variants, 0);
                    while let Some(variant) = rest.strip_prefix(VARIANT) {
                        let (key, value_src) = field(variant);
                        let key = key
                            .strip_prefix('*')
                            .inspect(|_| default = i)
                            .unwrap_or(key);
                        if chosen.is_none() && self.matches(key, value) {
                            chosen = Some(i);
                        }
                        rest = self.write(value_src, args, None, missing);
                        i += 1;
                    }
                    let chosen = chosen.unwrap_or(default);
                    let mut variant = variants;
                    for i in 0.. {
                        let (_, value_src) = field(&variant[VARIANT.len_utf8()..]);
                        let target = if i == chosen {
                            out.as_deref_mut()
                        } else {
                            None
                        };
                        variant = self.write(value_src, args, target, missing);
                        if i == chosen {
                            break;
                        }
                    }
                    src = &rest[DONE.len_utf8()..];
                }
                // The end of the message, or of a variant.
                _ => return src,
            }
        }
    }

    /// Whether a variant's key matches the selector's value: an exact number (`[0]`), the plural
    /// category of a number (`[one]`), or the same text (`[male]`).
    fn matches(self, key: &str, value: Option<&Arg>) -> bool {
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
    fn plural(self, n: i64) -> &'static str {
        let n = n.unsigned_abs();
        let table = &PLURALS[self.0 as usize];
        let at = if n < 200 { n } else { 100 + n % 100 };
        CATEGORIES[table[at as usize] as usize]
    }
}

/// The text up to `END`, and what follows it.
fn field(src: &str) -> (&str, &str) {
    let end = src.find(END).unwrap_or(src.len());
    (&src[..end], src.get(end + END.len_utf8()..).unwrap_or(""))
}

fn arg<'a>(args: &'a [(&str, Arg)], name: &str) -> Option<&'a Arg> {
    args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// An argument of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    /// A count: plural forms are chosen by it (`[one]`, `*[other]`).
    Number(i64),
    /// Another message, rendered in the same language.
    Msg(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(text: Cow<'_, str>) -> Self {
        Arg::Text(text.into_owned())
    }
}

impl From<Msg> for Arg {
    fn from(msg: Msg) -> Self {
        Arg::Msg(Box::new(msg))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as i64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64);

/// A message to render later: its key and arguments. Shown as English by `Display` (console, logs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// Adds `{ $name }`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn render(&self, lang: Lang) -> String {
        lang.t_args(self.key, &self.args)
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::ENGLISH))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::all().find(|l| l.tag() == tag).unwrap()
    }

    #[test]
    fn negotiates_tag_then_language_then_nothing() {
        let (en, fr) = (lang("en"), lang("fr"));
        assert_eq!(Lang::negotiate(["fr"]), Some(fr));
        assert_eq!(Lang::negotiate(["FR_ca", "en"]), Some(fr));
        assert_eq!(Lang::negotiate(["", "de-DE", "en-GB", "fr"]), Some(en));
        assert_eq!(Lang::negotiate(["de", "x-klingon"]), None);
        assert_eq!(Lang::negotiate(Vec::<String>::new()), None);
    }

    #[test]
    fn falls_back_to_english_then_to_the_key() {
        let fr = lang("fr");
        assert_eq!(fr.t("no-such-key"), "no-such-key");
        assert_eq!(Lang::ENGLISH.t("send"), "Send");
        assert_eq!(fr.t("send"), "Envoyer");
    }

    #[test]
    fn selects_the_first_matching_variant_else_the_default() {
        // { $n -> [0] none [one] one { $n } [male] he *[other] { $n } of them }, then "!".
        let src = "\u{3}n\u{2}\u{4}0\u{2}none\u{4}one\u{2}one \u{1}n\u{2}\u{4}male\u{2}he\
                   \u{4}*other\u{2}\u{1}n\u{2} of them\u{5}!";
        let say = |arg: Option<Arg>| {
            let args: Vec<(&str, Arg)> = arg.into_iter().map(|a| ("n", a)).collect();
            let (mut out, mut missing) = (String::new(), Vec::new());
            let rest = Lang::ENGLISH.write(src, &args, Some(&mut out), &mut missing);
            assert_eq!(rest, "");
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
    }

    #[test]
    fn a_missing_argument_shows_and_fails_the_check() {
        assert_eq!(Lang::ENGLISH.t("status-joined"), "Joined as {$nick}");
        assert!(Lang::ENGLISH.try_format("status-joined", &[]).is_err());
        assert_eq!(
            Lang::ENGLISH.try_format("status-joined", &[("nick", "Zoé".into())]),
            Ok("Joined as Zoé".to_owned())
        );
    }

    #[test]
    fn plural_categories_follow_cldr_for_whole_numbers() {
        let fr = lang("fr");
        let en = Lang::ENGLISH;
        assert_eq!(
            [0, 1, 2, 101, 1_000_000].map(|n| en.plural(n)),
            ["other", "one", "other", "other", "other"]
        );
        assert_eq!(
            [0, 1, 2, 101, 1_000_000].map(|n| fr.plural(n)),
            ["one", "one", "other", "other", "other"]
        );
    }

    #[test]
    fn messages_nest_and_display_in_english() {
        let msg = Msg::new("outbox-not-sent").arg("reason", Msg::new("refusal-slow-mode"));
        assert_eq!(
            msg.to_string(),
            "Not sent: Slow mode: wait a little before sending again."
        );
        assert!(msg.render(lang("fr")).starts_with("Non envoyé"));
    }
}
