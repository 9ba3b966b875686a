//! The chat's words in the viewer's language.
//!
//! Every user-facing text is a [Fluent](https://projectfluent.org) message in
//! `assets/locales/<language tag>.ftl`, compiled by `build.rs`: adding a language is adding one
//! file (the tests then ask it for every key English has). English is compiled in: the fallback,
//! there at once. Every other language is a catalog file the build writes beside the wasm, which
//! the page fetches for the viewer who speaks it and gives to [`Lang::install`] (see
//! `catalog.rs`). A key missing in a language (or a language not installed) is taken from
//! English, and a key missing everywhere shows as itself.
//!
//! - [`Lang`]: one of the languages the chat speaks, chosen by [`Lang::negotiate`] from the tags
//!   the page, the host page and the browser ask for.
//! - [`Lang::t`], [`Lang::t_args`]: a message, now.
//! - [`Msg`]: a message with its arguments, to render later in whichever language (parameter
//!   errors are found before the language is known).
//!
//! The formatter (`format.rs`) does what the chat's catalogs use of Fluent: text, `{ $variable }`,
//! string and number literals, references to other messages and terms, and selections on a
//! variable by plural category (`[one]`, CLDR's rules for whole numbers) or exact value (`[0]`,
//! `[male]`). `build.rs` refuses the rest. It is a few hundred bytes in the page where the Fluent
//! runtime (`fluent-bundle`, with its parser, every CLDR plural rule and float formatting) was
//! about 42 KB gzip. Numbers are written as digits, without grouping; placeables are not wrapped
//! in Unicode isolation marks (the texts are compared and copied as shown, and nicknames in lists
//! sit in elements of their own).
//!
//! With the `bundled` feature (the build's tools, the tests), the crate also carries every
//! language's catalog file and Fluent source.

mod catalog;
mod format;

use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "bundled")]
pub use catalog::install_bundled;
pub use catalog::CatalogError;

use catalog::Catalog;
use format::Formatter;

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// One of the languages the chat speaks (its messages there or not yet: see [`Lang::install`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lang(u8);

impl Lang {
    /// The fallback, and the language of the keys' reference catalog: always there.
    pub const ENGLISH: Lang = Lang(0);

    /// Every language, English first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..TAGS.len()).map(|i| Lang(i as u8))
    }

    /// The language tag, as the catalog's file is named (`en`, `fr`, `zh-Hans`): what `lang`
    /// attributes say.
    pub fn tag(self) -> &'static str {
        TAGS[self.index()]
    }

    fn index(self) -> usize {
        self.0 as usize
    }

    /// Whether its messages are there: English always, another language once installed.
    pub fn is_installed(self) -> bool {
        Catalog::of(self).is_some()
    }

    /// Reads this language's catalog file (as the build wrote it) and keeps its messages for the
    /// program's life. A file that does not fit (another language, another build, cut short)
    /// is refused, and the language keeps speaking English.
    pub fn install(self, file: &str) -> Result<(), CatalogError> {
        Catalog::install(self, file)
    }

    /// The first requested tag a language of the chat serves: the same tag (`pt-BR` for `pt-BR`),
    /// else the same language in the same script (`fr` for `fr-CA`, `zh-Hans` for `zh-CN`, never
    /// for `zh-TW`; `pt` for `pt-BR`). Case and `_` for `-` do not matter. `None` when none does:
    /// the caller decides (English, in the chat).
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
            let wanted = language_and_script(&tag);
            Lang::all()
                .find(|l| l.tag().eq_ignore_ascii_case(&tag))
                .or_else(|| {
                    Lang::all().find(|l| {
                        let (language, script) = language_and_script(l.tag());
                        language == wanted.0 && (script.is_empty() || script == wanted.1)
                    })
                })
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
        let catalog = Catalog::of(self)?;
        let message = catalog.message(i);
        if message.is_empty() {
            return None;
        }
        let formatter = Formatter {
            lang: self,
            plurals: catalog.plurals,
        };
        formatter.format(message, args, missing)
    }

    /// The CLDR plural category of a whole number in this language (English's until installed).
    pub fn plural(self, n: i64) -> &'static str {
        let catalog = Catalog::of(self).or(Catalog::of(Lang::ENGLISH)).unwrap();
        let formatter = Formatter {
            lang: self,
            plurals: catalog.plurals,
        };
        formatter.plural(n)
    }
}

/// A tag's language and script subtags, lowercase: the script written (`zh-Hant-HK`), else the
/// one Chinese is written in where it is spoken (Traditional in Taiwan, Hong Kong and Macao,
/// Simplified elsewhere), else none.
fn language_and_script(tag: &str) -> (String, String) {
    let tag = tag.to_ascii_lowercase();
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default().to_owned();
    let rest: Vec<&str> = subtags.collect();
    let script = match rest
        .iter()
        .find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()))
    {
        Some(script) => (*script).to_owned(),
        None if language == "zh" => match rest.iter().any(|r| ["tw", "hk", "mo"].contains(r)) {
            true => "hant".to_owned(),
            false => "hans".to_owned(),
        },
        None => String::new(),
    };
    (language, script)
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

#[cfg(all(test, feature = "bundled"))]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::all().find(|l| l.tag() == tag).unwrap()
    }

    #[test]
    fn negotiates_tag_then_language_and_script_then_nothing() {
        let (en, fr, pt, zh) = (lang("en"), lang("fr"), lang("pt"), lang("zh-Hans"));
        assert_eq!(Lang::negotiate(["fr"]), Some(fr));
        assert_eq!(Lang::negotiate(["FR_ca", "en"]), Some(fr));
        assert_eq!(Lang::negotiate(["", "tlh", "en-GB", "fr"]), Some(en));
        assert_eq!(Lang::negotiate(["x-klingon", "tlh"]), None);
        assert_eq!(Lang::negotiate(Vec::<String>::new()), None);
        assert_eq!(Lang::negotiate(["pt-BR"]), Some(pt));
        assert_eq!(Lang::negotiate(["pt_PT"]), Some(pt));
        for chinese in ["zh", "zh-CN", "zh-SG", "zh-Hans", "ZH-hans-cn"] {
            assert_eq!(Lang::negotiate([chinese]), Some(zh), "{chinese}");
        }
        // Traditional Chinese readers: not the simplified catalog, their next language instead.
        for chinese in ["zh-TW", "zh-HK", "zh-Hant", "zh-Hant-CN"] {
            assert_eq!(Lang::negotiate([chinese, "fr"]), Some(fr), "{chinese}");
        }
    }

    #[test]
    fn falls_back_to_english_then_to_the_key() {
        let fr = lang("fr");
        fr.install(fr.catalog_file()).unwrap();
        assert_eq!(fr.t("no-such-key"), "no-such-key");
        assert_eq!(Lang::ENGLISH.t("send"), "Send");
        assert_eq!(fr.t("send"), "Envoyer");
    }

    #[test]
    fn a_language_speaks_english_until_it_is_installed() {
        // Each test thread shares the process: a language no other unit test installs.
        let nl = lang("nl");
        assert!(Lang::ENGLISH.is_installed());
        assert!(!nl.is_installed());
        assert_eq!(nl.t("send"), "Send");
        assert_eq!(nl.plural(0), "other");
        nl.install(nl.catalog_file()).unwrap();
        assert!(nl.is_installed());
        assert_eq!(nl.t("send"), "Versturen");
        // Installed once: another file changes nothing.
        assert!(nl.install("whatever").is_ok());
        assert_eq!(nl.t("send"), "Versturen");
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
        install_bundled();
        let numbers = [0, 1, 2, 3, 5, 12, 22, 25, 101, 1_000_000];
        let categories = |tag: &str| numbers.map(|n| lang(tag).plural(n));
        assert_eq!(
            categories("en"),
            [
                "other", "one", "other", "other", "other", "other", "other", "other", "other",
                "other"
            ]
        );
        assert_eq!(categories("fr")[..3], ["one", "one", "other"]);
        for tag in ["de", "es", "it", "nl"] {
            assert_eq!(categories(tag), categories("en"), "{tag}");
        }
        // Brazilian-style `pt`: 0 and 1 are `one`.
        assert_eq!(categories("pt")[..3], ["one", "one", "other"]);
        assert_eq!(
            categories("pl"),
            ["many", "one", "few", "few", "many", "many", "few", "many", "many", "many"]
        );
        for tag in ["ja", "zh-Hans"] {
            assert!(categories(tag).iter().all(|c| *c == "other"), "{tag}");
        }
    }

    #[test]
    fn messages_nest_and_display_in_english() {
        let fr = lang("fr");
        fr.install(fr.catalog_file()).unwrap();
        let msg = Msg::new("outbox-not-sent").arg("reason", Msg::new("refusal-slow-mode"));
        assert_eq!(
            msg.to_string(),
            "Not sent: Slow mode: wait a little before sending again."
        );
        assert!(msg.render(fr).starts_with("Non envoyé"));
    }
}
