//! Compiles every `assets/locales/<language tag>.ftl` into Rust data: adding a language is adding
//! one file.
//!
//! The catalogs are parsed here, at build time, with the Fluent project's own parser
//! (`fluent-syntax`), so the browser gets neither the parser nor a Fluent runtime. Each language
//! becomes one string, its messages one after the other in the order of English's sorted keys,
//! text as it is and the rest marked with control characters (see `src/format.rs`, which formats
//! them): it compresses like the catalog itself. English is compiled into the crate (the
//! fallback); every language, English too, also becomes the catalog file the build writes beside
//! the wasm and the page fetches for a viewer who speaks it (`src/catalog.rs`), which the crate
//! carries only with its `bundled` feature (the tools that write them, the tests). A catalog that
//! does not parse, or uses what the formatter does not do (functions, attributes, parameterised
//! terms), stops the build with the file and the message named.
//!
//! Plural categories come from CLDR through `intl_pluralrules`, also at build time: for the whole
//! numbers the chat counts with, each language's rule becomes a 200-entry table (0–199, and
//! 100 + n % 100 above), checked against the rule for every number up to two million and for
//! every power of ten up to 10^18. A language whose rule does not fit (none of the CLDR languages
//! that count by the million, such as Breton) stops the build here rather than pluralising wrong.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// The plural category names, in the order of the generated tables' values.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let dir = manifest.join("../../assets/locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut locales: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let tag = path.file_name()?.to_str()?.strip_suffix(".ftl")?.to_owned();
            Some((tag, path.canonicalize().ok()?))
        })
        .collect();
    // English first: it is the fallback, and `Lang::ENGLISH` is index 0.
    locales.sort_by(|a, b| (a.0 != "en", &a.0).cmp(&(b.0 != "en", &b.0)));
    assert!(
        locales.first().is_some_and(|(tag, _)| tag == "en"),
        "{}/en.ftl is missing: English is the fallback language",
        dir.display()
    );

    let catalogs: Vec<BTreeMap<String, Vec<Part>>> = locales
        .iter()
        .map(|(tag, path)| compile(tag, &std::fs::read_to_string(path).unwrap()))
        .collect();
    let keys: Vec<&String> = catalogs[0].keys().collect();
    let fingerprint = fingerprint(&keys);
    let plurals: Vec<Vec<u8>> = locales.iter().map(|(tag, _)| plural_table(tag)).collect();

    let mut out = String::new();
    out.push_str("/// The language tags, English first.\n");
    out.push_str("pub(crate) static TAGS: &[&str] = &[");
    for (tag, _) in &locales {
        write!(out, "{tag:?}, ").unwrap();
    }
    writeln!(
        out,
        "];\n\npub(crate) const LANGUAGES: usize = {};",
        locales.len()
    )
    .unwrap();
    out.push_str("\n/// English's keys, sorted: every catalog's messages come in this order.\n");
    writeln!(out, "pub(crate) static KEYS: &[&str] = &{keys:?};").unwrap();
    out.push_str("\n/// The keys' fingerprint: a catalog file of another build is refused.\n");
    writeln!(out, "pub(crate) const FINGERPRINT: &str = {fingerprint:?};").unwrap();

    // English, compiled in: its messages one after the other, where each starts, its plurals.
    let (english, starts) = messages(&locales[0].0, &catalogs[0], &keys);
    out.push_str("\n/// English's messages, one after the other.\n");
    writeln!(
        out,
        "pub(crate) static ENGLISH_MESSAGES: &str = {english:?};"
    )
    .unwrap();
    out.push_str("/// Where each English message starts (and the last one ends).\n");
    writeln!(
        out,
        "pub(crate) static ENGLISH_STARTS: &[u16] = &{starts:?};"
    )
    .unwrap();
    out.push_str("/// English's plural category (an index into `CATEGORIES`) of 0–199.\n");
    writeln!(
        out,
        "pub(crate) static ENGLISH_PLURALS: [u8; 200] = {:?};",
        plurals[0]
    )
    .unwrap();

    // Every language as the file the build writes for it (`src/catalog.rs` reads them), and its
    // Fluent source, for the tools and the tests only.
    out.push_str("\n/// Each language's catalog file (`src/catalog.rs`).\n");
    out.push_str("#[cfg(feature = \"bundled\")]\n#[allow(clippy::octal_escapes)] // `\\0` then a digit: NUL, then the digit\n");
    out.push_str("pub(crate) static FILES: &[&str] = &[\n");
    for (((tag, _), catalog), plurals) in locales.iter().zip(&catalogs).zip(&plurals) {
        let (text, starts) = messages(tag, catalog, &keys);
        let mut file = format!("{tag}{SEPARATOR}{fingerprint}{SEPARATOR}");
        file.extend(plurals.iter().map(|&c| char::from(b'0' + c)));
        for pair in starts.windows(2) {
            file.push(SEPARATOR);
            file.push_str(&text[pair[0] as usize..pair[1] as usize]);
        }
        writeln!(out, "    {file:?},").unwrap();
    }
    out.push_str("];\n\n/// Each catalog's Fluent source.\n");
    out.push_str("#[cfg(feature = \"bundled\")]\npub(crate) static SOURCES: &[&str] = &[\n");
    for (_, path) in &locales {
        writeln!(out, "    include_str!({:?}),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");

    let dest = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("catalogs.rs");
    std::fs::write(dest, out).unwrap();
}

/// A catalog's messages in the order of `keys`, one after the other (an empty one: not
/// translated), and where each starts (and the last one ends).
fn messages(
    tag: &str,
    catalog: &BTreeMap<String, Vec<Part>>,
    keys: &[&String],
) -> (String, Vec<u16>) {
    let mut text = String::new();
    let mut starts = vec![0u16];
    for key in keys {
        if let Some(parts) = catalog.get(*key) {
            encode(parts, &mut text);
        }
        starts.push(
            u16::try_from(text.len())
                .unwrap_or_else(|_| panic!("{tag}.ftl is over 64 KB compiled: widen the offsets")),
        );
    }
    (text, starts)
}

/// FNV-1a (64 bits) of the file format's version and the keys: what a catalog file must carry
/// to be read by this build.
fn fingerprint(keys: &[&String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = std::iter::once(FORMAT).chain(keys.iter().map(|k| k.as_str()));
    for byte in bytes.flat_map(|s| s.bytes().chain([b'\n'])) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A message as the formatter takes it.
enum Part {
    Text(String),
    Var(String),
    Select {
        var: String,
        variants: Vec<(Key, Vec<Part>)>,
        default: usize,
    },
}

enum Key {
    Name(String),
    Number(i64),
}

fn compile(tag: &str, source: &str) -> BTreeMap<String, Vec<Part>> {
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| {
        panic!("{tag}.ftl does not parse: {errors:#?}");
    });
    let mut messages = BTreeMap::new();
    let mut terms = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(m) => {
                let name = m.id.name;
                assert!(
                    m.attributes.is_empty(),
                    "{tag}.ftl: {name}: attributes are not supported (use a message of its own)"
                );
                let value = m
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{tag}.ftl: {name} has no value"));
                messages.insert(name, value);
            }
            Entry::Term(t) => {
                terms.insert(t.id.name, &t.value);
            }
            Entry::Junk { content } => panic!("{tag}.ftl: cannot read {content:?}"),
            _ => {}
        }
    }
    let catalog = Catalog {
        tag,
        messages: &messages,
        terms: &terms,
    };
    messages
        .iter()
        .map(|(name, pattern)| {
            let mut parts = Vec::new();
            catalog.pattern(name, pattern, &mut parts, 0);
            ((*name).to_owned(), merge_text(parts))
        })
        .collect()
}

struct Catalog<'a> {
    tag: &'a str,
    messages: &'a BTreeMap<&'a str, &'a Pattern<&'a str>>,
    terms: &'a BTreeMap<&'a str, &'a Pattern<&'a str>>,
}

impl Catalog<'_> {
    fn pattern(&self, key: &str, pattern: &Pattern<&str>, out: &mut Vec<Part>, depth: u32) {
        assert!(
            depth < 8,
            "{}.ftl: {key}: references nest too deep (a cycle?)",
            self.tag
        );
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => out.push(Part::Text((*value).to_owned())),
                PatternElement::Placeable { expression } => {
                    self.expression(key, expression, out, depth)
                }
            }
        }
    }

    fn expression(
        &self,
        key: &str,
        expression: &Expression<&str>,
        out: &mut Vec<Part>,
        depth: u32,
    ) {
        let tag = self.tag;
        match expression {
            Expression::Inline(inline) => self.inline(key, inline, out, depth),
            Expression::Select { selector, variants } => {
                let InlineExpression::VariableReference { id } = selector else {
                    panic!("{tag}.ftl: {key}: only a variable can choose a variant");
                };
                let default = variants.iter().position(|v| v.default).unwrap();
                let variants = variants
                    .iter()
                    .map(|v| {
                        let key_of = match &v.key {
                            VariantKey::Identifier { name } => Key::Name((*name).to_owned()),
                            VariantKey::NumberLiteral { value } => {
                                Key::Number(value.parse().unwrap_or_else(|_| {
                                    panic!(
                                        "{tag}.ftl: {key}: variant [{value}]: whole numbers only"
                                    )
                                }))
                            }
                        };
                        let mut parts = Vec::new();
                        self.pattern(key, &v.value, &mut parts, depth);
                        (key_of, merge_text(parts))
                    })
                    .collect();
                out.push(Part::Select {
                    var: id.name.to_owned(),
                    variants,
                    default,
                });
            }
        }
    }

    fn inline(&self, key: &str, inline: &InlineExpression<&str>, out: &mut Vec<Part>, depth: u32) {
        let tag = self.tag;
        match inline {
            InlineExpression::StringLiteral { value } => out.push(Part::Text(
                fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned(),
            )),
            InlineExpression::NumberLiteral { value } => out.push(Part::Text((*value).to_owned())),
            InlineExpression::VariableReference { id } => out.push(Part::Var(id.name.to_owned())),
            InlineExpression::Placeable { expression } => {
                self.expression(key, expression, out, depth)
            }
            // Other messages and terms are copied in: the formatter never looks anything up.
            InlineExpression::MessageReference {
                id,
                attribute: None,
            } => {
                let pattern = self.messages.get(id.name).unwrap_or_else(|| {
                    panic!("{tag}.ftl: {key}: no message {} to refer to", id.name)
                });
                self.pattern(key, pattern, out, depth + 1);
            }
            InlineExpression::TermReference {
                id,
                attribute: None,
                arguments: None,
            } => {
                let pattern = self.terms.get(id.name).unwrap_or_else(|| {
                    panic!("{tag}.ftl: {key}: no term -{} to refer to", id.name)
                });
                self.pattern(key, pattern, out, depth + 1);
            }
            InlineExpression::FunctionReference { id, .. } => {
                panic!(
                    "{tag}.ftl: {key}: functions ({}) are not supported",
                    id.name
                )
            }
            _ => panic!("{tag}.ftl: {key}: attributes and term arguments are not supported"),
        }
    }
}

/// Neighbouring texts as one (references and literals split them).
fn merge_text(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::with_capacity(parts.len());
    for part in parts {
        match (out.last_mut(), part) {
            (Some(Part::Text(previous)), Part::Text(text)) => previous.push_str(&text),
            (_, Part::Text(text)) if text.is_empty() => {}
            (_, part) => out.push(part),
        }
    }
    out
}

/// The catalog file's version: a change of the compiled form changes every fingerprint.
const FORMAT: &str = "livechat-catalog 1";
/// Between a catalog file's fields (`src/catalog.rs`).
const SEPARATOR: char = '\u{0}';

/// The marks of the compiled form (`src/format.rs` reads them).
const VAR: char = '\u{1}';
const END: char = '\u{2}';
const SELECT: char = '\u{3}';
const VARIANT: char = '\u{4}';
const DONE: char = '\u{5}';

/// `text`, `VAR name END`, `SELECT name END (VARIANT [*]key END value)+ DONE`.
fn encode(parts: &[Part], out: &mut String) {
    for part in parts {
        match part {
            Part::Text(text) => {
                assert!(
                    !text.contains(|c| (SEPARATOR..=DONE).contains(&c)),
                    "control characters U+0000 to U+0005 cannot be in a message: {text:?}"
                );
                out.push_str(text);
            }
            Part::Var(name) => {
                out.push(VAR);
                out.push_str(name);
                out.push(END);
            }
            Part::Select {
                var,
                variants,
                default,
            } => {
                out.push(SELECT);
                out.push_str(var);
                out.push(END);
                for (i, (key, value)) in variants.iter().enumerate() {
                    out.push(VARIANT);
                    if i == *default {
                        out.push('*');
                    }
                    match key {
                        Key::Name(name) => out.push_str(name),
                        Key::Number(n) => out.push_str(&n.to_string()),
                    }
                    out.push(END);
                    encode(value, out);
                }
                out.push(DONE);
            }
        }
    }
}

/// The language's cardinal plural categories of 0–199, checked to hold for every whole number
/// when read as `table[n]` below 200 and `table[100 + n % 100]` above.
fn plural_table(tag: &str) -> Vec<u8> {
    let id: LanguageIdentifier = tag
        .parse()
        .unwrap_or_else(|_| panic!("{tag}.ftl: `{tag}` is not a language tag"));
    // CLDR has rules for some regions (`pt-PT`), else the language's hold (`zh-Hans`: `zh`).
    let language = LanguageIdentifier::from_parts(id.language, None, None, &[]);
    let rules = PluralRules::create(id, PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(language, PluralRuleType::CARDINAL))
        .unwrap_or_else(|_| panic!("{tag}.ftl: CLDR has no plural rules for `{tag}`"));
    let category = |n: u64| -> u8 {
        match rules.select(n).unwrap() {
            PluralCategory::ZERO => 0,
            PluralCategory::ONE => 1,
            PluralCategory::TWO => 2,
            PluralCategory::FEW => 3,
            PluralCategory::MANY => 4,
            PluralCategory::OTHER => 5,
        }
    };
    let table: Vec<u8> = (0..200).map(category).collect();
    let from_table = |n: u64| {
        if n < 200 {
            table[n as usize]
        } else {
            table[100 + (n % 100) as usize]
        }
    };
    let powers = (0..=18).map(|e| 10u64.pow(e));
    for n in (0..=2_000_000).chain(powers) {
        assert_eq!(
            from_table(n),
            category(n),
            "{tag}.ftl: the plural rule of `{tag}` for {n} is not what the formatter's table gives \
             ({} instead of {}): it needs the CLDR rule at run time",
            CATEGORIES[from_table(n) as usize],
            CATEGORIES[category(n) as usize],
        );
    }
    table
}
