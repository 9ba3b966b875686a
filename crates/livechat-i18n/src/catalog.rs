//! Where each language's messages are: English compiled in, the others read from their catalog
//! file once the page has fetched it.
//!
//! A catalog file is UTF-8 text, its fields separated by U+0000 (which no message contains):
//!
//! ```text
//! <tag> NUL <fingerprint> NUL <plural table: 200 digits> NUL <message> NUL <message> …
//! ```
//!
//! the messages compiled as `build.rs` compiles them (see `format.rs`), in the order of English's
//! sorted keys, an empty one for a key the language lacks. The fingerprint is that of the keys:
//! a file from another build (another set of keys) is refused, and the chat speaks English
//! rather than the wrong words.

use std::fmt;
use std::sync::OnceLock;

use crate::format::Formatter;
use crate::{
    Lang, ENGLISH_MESSAGES, ENGLISH_PLURALS, ENGLISH_STARTS, FINGERPRINT, KEYS, LANGUAGES,
};

/// Between the fields of a catalog file.
const SEPARATOR: char = '\u{0}';

/// One language's messages: for the whole page's life, once there.
#[derive(Clone, Copy)]
pub(crate) struct Catalog {
    /// The messages one after the other (`format.rs`).
    text: &'static str,
    /// Where each message starts in `text` (and the last one ends).
    starts: &'static [u16],
    /// The plural category (an index into `CATEGORIES`) of 0–199 (see `Formatter::plural`).
    pub(crate) plurals: &'static [u8; 200],
}

static ENGLISH: Catalog = Catalog {
    text: ENGLISH_MESSAGES,
    starts: ENGLISH_STARTS,
    plurals: &ENGLISH_PLURALS,
};

/// The languages read from their files, by index (English's stays empty).
static LOADED: [OnceLock<Catalog>; LANGUAGES] = [const { OnceLock::new() }; LANGUAGES];

impl Catalog {
    /// The catalog of `lang`, if it is there.
    pub(crate) fn of(lang: Lang) -> Option<Catalog> {
        match lang {
            Lang::ENGLISH => Some(ENGLISH),
            _ => LOADED[lang.index()].get().copied(),
        }
    }

    /// The message of key `i` (empty: not translated).
    pub(crate) fn message(&self, i: usize) -> &'static str {
        &self.text[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Reads the catalog file of `lang` and keeps it for the page's life. Once a language is
    /// there, it stays: installing it again does nothing.
    pub(crate) fn install(lang: Lang, file: &str) -> Result<(), CatalogError> {
        if Catalog::of(lang).is_some() {
            return Ok(());
        }
        let catalog = Catalog::read(lang, file)?;
        LOADED[lang.index()].get_or_init(|| catalog);
        Ok(())
    }

    fn read(lang: Lang, file: &str) -> Result<Catalog, CatalogError> {
        let error = |why: String| CatalogError {
            tag: lang.tag(),
            why,
        };
        let mut fields = file.split(SEPARATOR);
        let tag = fields.next().unwrap_or_default();
        if tag != lang.tag() {
            return Err(error(format!("it is the catalog of {tag:?}")));
        }
        if fields.next() != Some(FINGERPRINT) {
            return Err(error("it was written for another build of the chat".into()));
        }
        let table = fields.next().unwrap_or_default().as_bytes();
        let mut plurals = [0; 200];
        if table.len() != plurals.len() || !table.iter().all(|d| (b'0'..=b'5').contains(d)) {
            return Err(error(
                "its plural table is not 200 digits from 0 to 5".into(),
            ));
        }
        for (category, digit) in plurals.iter_mut().zip(table) {
            *category = digit - b'0';
        }
        let formatter = Formatter {
            lang,
            plurals: &plurals,
        };
        let mut text = String::with_capacity(file.len());
        let mut starts = Vec::with_capacity(KEYS.len() + 1);
        starts.push(0);
        for (i, message) in fields.enumerate() {
            let key = KEYS
                .get(i)
                .ok_or_else(|| error(format!("it has more than {} messages", KEYS.len())))?;
            if !formatter.well_formed(message) {
                return Err(error(format!("its message `{key}` is not well formed")));
            }
            text.push_str(message);
            let end = u16::try_from(text.len()).map_err(|_| error("it is over 64 KB".into()))?;
            starts.push(end);
        }
        if starts.len() != KEYS.len() + 1 {
            return Err(error(format!(
                "it has {} messages instead of {}",
                starts.len() - 1,
                KEYS.len()
            )));
        }
        // Kept for the page's life, and at most once per language.
        Ok(Catalog {
            text: Box::leak(text.into_boxed_str()),
            starts: Box::leak(starts.into_boxed_slice()),
            plurals: Box::leak(Box::new(plurals)),
        })
    }
}

/// Why a catalog file cannot be used: the chat then speaks English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    tag: &'static str,
    why: String,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the catalog file for {:?} is unusable: {}",
            self.tag, self.why
        )
    }
}

impl std::error::Error for CatalogError {}

#[cfg(feature = "bundled")]
mod bundled {
    use crate::{Lang, FILES, SOURCES};

    impl Lang {
        /// The catalog file the build writes for this language (English's too, though the crate
        /// has it compiled in).
        pub fn catalog_file(self) -> &'static str {
            FILES[self.index()]
        }

        /// The catalog's Fluent source (for checks: the page does not need it).
        pub fn source(self) -> &'static str {
            SOURCES[self.index()]
        }
    }

    /// Installs every language from the files the build writes, as a page that fetched them all
    /// would (the tests).
    pub fn install_bundled() {
        for lang in Lang::all() {
            lang.install(lang.catalog_file())
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[cfg(feature = "bundled")]
pub use bundled::install_bundled;

#[cfg(all(test, feature = "bundled"))]
mod tests {
    use super::*;

    #[test]
    fn a_file_reads_back_as_the_catalog_it_was_compiled_from() {
        let english = Catalog::read(Lang::ENGLISH, Lang::ENGLISH.catalog_file()).unwrap();
        assert_eq!(english.text, ENGLISH.text);
        assert_eq!(english.starts, ENGLISH.starts);
        assert_eq!(english.plurals, ENGLISH.plurals);
    }

    #[test]
    fn files_that_do_not_fit_this_build_are_refused_with_why() {
        let de = Lang::negotiate(["de"]).unwrap();
        let file = de.catalog_file();
        let why = |file: &str| Catalog::read(de, file).err().map(|e| e.to_string());
        assert!(why(file).is_none());
        let fr = Lang::negotiate(["fr"]).unwrap();
        assert_eq!(
            why(fr.catalog_file()).unwrap(),
            "the catalog file for \"de\" is unusable: it is the catalog of \"fr\""
        );
        let other_build = file.replacen(FINGERPRINT, "0123456789abcdef", 1);
        assert!(why(&other_build).unwrap().contains("another build"));
        let html = why("<!doctype html><p>Not found").unwrap();
        assert!(html.contains("catalog of \"<!doctype"), "{html}");
        let cut = &file[..file.len() / 2];
        let cut = &cut[..cut.rfind(SEPARATOR).unwrap()];
        assert!(why(cut).unwrap().contains("messages instead of"));
        let longer = format!("{file}{SEPARATOR}more");
        assert!(why(&longer).unwrap().contains("more than"));
        // A selection without its end mark: refused, never formatted.
        let select = file.find('\u{3}').expect("a plural in German");
        let done = select + file[select..].find('\u{5}').unwrap();
        let broken = format!("{}{}", &file[..done], &file[done + 1..]);
        assert!(why(&broken).unwrap().contains("not well formed"));
        let mut fields: Vec<&str> = file.split(SEPARATOR).collect();
        fields[2] = "9";
        assert!(why(&fields.join("\u{0}")).unwrap().contains("plural table"));
    }
}
