//! The catalogs in assets/locales: each parses, has exactly English's keys with the same
//! variables, formats every message without error, and says what the Fluent runtime says; every
//! key the web client uses exists, and every key exists for a reason; plural forms follow each
//! language's rules. Every language is read from the catalog file the build writes for it, as
//! the page reads it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};
use livechat_i18n::{install_bundled, Arg, Lang};

/// The languages the chat speaks at least: English, French, and the languages PeerTube's
/// audiences use most.
const REQUIRED: [&str; 10] = [
    "en", "fr", "de", "es", "it", "nl", "pl", "pt", "ja", "zh-Hans",
];

fn lang(tag: &str) -> Lang {
    install_bundled();
    Lang::all()
        .find(|l| l.tag() == tag)
        .unwrap_or_else(|| panic!("no catalog {tag}.ftl"))
}

/// Every language, each installed from its catalog file.
fn all_languages() -> impl Iterator<Item = Lang> {
    install_bundled();
    Lang::all()
}

/// Every message of a catalog: its variables, and which of them choose a variant (numbers).
struct Message {
    variables: BTreeSet<String>,
    selectors: BTreeSet<String>,
}

fn messages(lang: Lang) -> BTreeMap<String, Message> {
    let resource = fluent_syntax::parser::parse(lang.source())
        .unwrap_or_else(|(_, errors)| panic!("{}.ftl does not parse: {errors:#?}", lang.tag()));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
            Entry::Junk { content } => panic!("{}.ftl: junk {content:?}", lang.tag()),
            _ => continue,
        };
        assert!(
            attributes.is_empty(),
            "{}.ftl: {id}: attributes are not used",
            lang.tag()
        );
        let value = value.unwrap_or_else(|| panic!("{}.ftl: {id} has no value", lang.tag()));
        let mut message = Message {
            variables: BTreeSet::new(),
            selectors: BTreeSet::new(),
        };
        walk(&value, &mut message);
        assert!(
            out.insert(id.clone(), message).is_none(),
            "{}.ftl: {id} twice",
            lang.tag()
        );
    }
    out
}

fn walk(pattern: &ast::Pattern<&str>, into: &mut Message) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, into);
        }
    }
}

fn expression_vars(expression: &Expression<&str>, into: &mut Message) {
    match expression {
        Expression::Select { selector, variants } => {
            if let InlineExpression::VariableReference { id } = selector {
                into.selectors.insert(id.name.to_owned());
            }
            inline_vars(selector, into);
            for variant in variants {
                walk(&variant.value, into);
            }
        }
        Expression::Inline(inline) => inline_vars(inline, into),
    }
}

fn inline_vars(inline: &InlineExpression<&str>, into: &mut Message) {
    match inline {
        InlineExpression::VariableReference { id } => {
            into.variables.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, into),
        InlineExpression::FunctionReference { id, .. } => {
            panic!("function {} is not available in the chat", id.name)
        }
        _ => {}
    }
}

#[test]
fn every_language_has_exactly_the_english_keys_and_variables() {
    let english = messages(Lang::ENGLISH);
    assert!(english.len() > 50, "the English catalog looks truncated");
    let mut problems = Vec::new();
    for lang in all_languages().skip(1) {
        let translated = messages(lang);
        for (key, message) in &english {
            match translated.get(key) {
                None => problems.push(format!("{}.ftl lacks `{key}`", lang.tag())),
                Some(t) if t.variables != message.variables => problems.push(format!(
                    "{}.ftl: `{key}` uses {:?}, English {:?}",
                    lang.tag(),
                    t.variables,
                    message.variables
                )),
                Some(_) => {}
            }
        }
        for key in translated.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!(
                "{}.ftl has `{key}`, which English does not",
                lang.tag()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_formats_with_sample_arguments() {
    let english = messages(Lang::ENGLISH);
    let mut problems = Vec::new();
    for lang in all_languages() {
        for (key, message) in &english {
            for args in samples(message) {
                let args: Vec<(&str, Arg)> =
                    args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
                match lang.try_format(key, &args) {
                    Ok(text) if text.trim().is_empty() => {
                        problems.push(format!("{}: `{key}` is empty", lang.tag()))
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(e),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The sample arguments of a message: counts across the plural categories for the variables that
/// choose a variant, a text for the others.
fn samples(message: &Message) -> Vec<Vec<(String, Arg)>> {
    let counts: &[i64] = if message.selectors.is_empty() {
        &[3]
    } else {
        &[0, 1, 2, 3, 5, 12, 21, 22, 101, 1_000_000]
    };
    counts
        .iter()
        .map(|&n| {
            message
                .variables
                .iter()
                .map(|v| {
                    let value = match message.selectors.contains(v) {
                        true => Arg::Number(n),
                        false => Arg::Text(format!("<{v}>")),
                    };
                    (v.clone(), value)
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_compiled_catalogs_say_what_the_fluent_runtime_says() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

    let english = messages(Lang::ENGLISH);
    for lang in all_languages() {
        let mut bundle = FluentBundle::new(vec![lang
            .tag()
            .parse::<unic_langid::LanguageIdentifier>()
            .unwrap()]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(FluentResource::try_new(lang.source().to_owned()).unwrap())
            .unwrap();
        for (key, message) in &english {
            for args in samples(message) {
                let mut fluent_args = FluentArgs::new();
                for (name, value) in &args {
                    let value = match value {
                        Arg::Number(n) => FluentValue::from(*n),
                        Arg::Text(t) => FluentValue::from(t.as_str()),
                        Arg::Msg(_) => unreachable!(),
                    };
                    fluent_args.set(name.as_str(), value);
                }
                let pattern = bundle.get_message(key).unwrap().value().unwrap();
                let mut errors = Vec::new();
                let expected = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                assert!(errors.is_empty(), "{}: {key}: {errors:?}", lang.tag());
                let args: Vec<(&str, Arg)> =
                    args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
                assert_eq!(
                    lang.try_format(key, &args).as_deref(),
                    Ok(&*expected),
                    "{}: {key} with {args:?}",
                    lang.tag()
                );
            }
        }
    }
}

#[test]
fn anonymous_viewers_take_each_languages_plural() {
    let count = |lang: Lang, n: u32| lang.t_args("anonymous-count", &[("count", n.into())]);
    let en = Lang::ENGLISH;
    assert_eq!(count(en, 0), "0 anonymous viewers");
    assert_eq!(count(en, 1), "1 anonymous viewer");
    assert_eq!(count(en, 2), "2 anonymous viewers");
    assert_eq!(count(en, 312), "312 anonymous viewers");
    // CLDR: in French, `one` is 0 and 1.
    let fr = lang("fr");
    assert_eq!(count(fr, 0), "0 spectateur anonyme");
    assert_eq!(count(fr, 1), "1 spectateur anonyme");
    assert_eq!(count(fr, 2), "2 spectateurs anonymes");
    assert_eq!(count(fr, 1_000_000), "1000000 spectateurs anonymes");
    let de = lang("de");
    assert_eq!(count(de, 0), "0 anonyme Zuschauer");
    assert_eq!(count(de, 1), "1 anonymer Zuschauer");
    // CLDR: in Polish, `few` is 2–4, 22–24, … but not 12–14, and `many` the rest.
    let pl = lang("pl");
    assert_eq!(count(pl, 1), "1 anonimowy widz");
    assert_eq!(count(pl, 3), "3 anonimowych widzów");
    assert_eq!(count(pl, 22), "22 anonimowych widzów");
    // In Portuguese, 0 counts as none at all rather than as one.
    let pt = lang("pt");
    assert_eq!(count(pt, 0), "0 espectadores não identificados");
    assert_eq!(count(pt, 1), "1 espectador não identificado");
    // No plural in Japanese and Chinese.
    assert_eq!(count(lang("ja"), 1), "匿名の視聴者 1 人");
    assert_eq!(count(lang("zh-Hans"), 5), "5 位匿名观众");
}

#[test]
fn the_languages_peertube_audiences_use_most_are_there() {
    let tags: Vec<&str> = all_languages().map(|l| l.tag()).collect();
    for tag in REQUIRED {
        assert!(tags.contains(&tag), "no {tag}.ftl");
    }
}

/// A new language made by copying English fails here: a few texts may be the same (`Chat`,
/// `Participants`, a time), most may not.
#[test]
fn every_language_is_translated() {
    let english = messages(Lang::ENGLISH);
    for lang in all_languages().skip(1) {
        let same: Vec<&String> = english
            .keys()
            .filter(|key| !key.starts_with('-'))
            .filter(|key| {
                let args = samples(&english[*key]).swap_remove(0);
                let args: Vec<(&str, Arg)> =
                    args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
                lang.try_format(key, &args) == Lang::ENGLISH.try_format(key, &args)
            })
            .collect();
        assert!(
            same.len() * 10 < english.len(),
            "{}.ftl says what English says for {} keys of {}: {same:?}",
            lang.tag(),
            same.len(),
            english.len()
        );
    }
}

/// Characters written only in Traditional Chinese, each with its simplified form in use.
const TRADITIONAL_ONLY: &str = "們這個為與開關選擇設連線經過點擊發傳輸錯誤視頻帳號戶權員訊說請稱顯隱時間則條應該還須將從於對話題參數";

#[test]
fn simplified_chinese_is_written_in_simplified_characters() {
    let source = lang("zh-Hans").source();
    let traditional: String = source
        .chars()
        .filter(|c| TRADITIONAL_ONLY.contains(*c))
        .collect();
    assert!(
        traditional.is_empty(),
        "traditional characters in zh-Hans.ftl: {traditional}"
    );
}

#[test]
fn catalogs_are_the_files_in_assets_locales() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/locales");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".ftl").map(str::to_owned)
        })
        .collect();
    files.sort();
    let mut built: Vec<String> = Lang::all().map(|l| l.tag().to_owned()).collect();
    assert_eq!(built[0], "en", "English comes first: it is the fallback");
    built.sort();
    assert_eq!(files, built);
    for tag in &files {
        let valid = tag.split('-').enumerate().all(|(i, part)| {
            (1..=8).contains(&part.len())
                && part.chars().all(|c| c.is_ascii_alphanumeric())
                && (i > 0 || part.chars().all(|c| c.is_ascii_lowercase()))
        });
        assert!(
            valid,
            "{tag}.ftl: the file name must be a language tag like `fr` or `pt-BR`"
        );
    }
}

/// Every string literal passed as a key in the web client's source: `t("…")`, `t_args("…"`,
/// `Msg::new("…")` (keys are always literals, so that this finds them all).
fn keys_in_source() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../livechat-web/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(!files.is_empty(), "no source in {}", src.display());
    let mut keys = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for call in ["t(", "t_args(", "Msg::new("] {
            for (at, _) in text.match_indices(call) {
                // `t(` alone, not the end of another name (`set(`).
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // The key may sit on the next line (`t_args(\n    "key", …)`).
                let Some(rest) = text[at + call.len()..].trim_start().strip_prefix('"') else {
                    continue;
                };
                let key = &rest[..rest.find('"').unwrap()];
                let line = text[..at].lines().count();
                keys.entry(key.to_owned())
                    .or_insert(format!("{}:{line}", file.display()));
            }
        }
    }
    keys
}

/// Every string literal of the web client's source that could be a key (lower case, digits and
/// `-`), or the beginning of one (`"emoji-group-{}"` gives `emoji-group-`).
fn literals_in_source() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../livechat-web/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut literals = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let text = text.replace("'\"'", "");
        let mut chars = text.chars();
        while chars.by_ref().any(|c| c == '"') {
            let mut literal = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => {
                        chars.next();
                        literal.push('\\');
                    }
                    c => literal.push(c),
                }
            }
            // A key built with `format!("emoji-group-{}", …)` counts as its prefix, `emoji-group-`.
            let key = literal.split('{').next().unwrap_or_default();
            let key_like = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if key_like && (key.len() == literal.len() || key.ends_with('-')) {
                literals.insert(key.to_owned());
            }
        }
    }
    literals
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_key_in_the_source_is_in_english_and_every_english_key_is_used() {
    let english = messages(Lang::ENGLISH);
    let used = keys_in_source();
    let missing: Vec<String> = used
        .iter()
        .filter(|(k, _)| !english.contains_key(*k))
        .map(|(k, at)| format!("`{k}` ({at}) is not in en.ftl"))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // A key may also be chosen before the call (`t(if mentioned { "new-mention" } else { … })`,
    // a table of keys): any literal of the source that names it counts.
    let literals = literals_in_source();
    let unused: Vec<&String> = english
        .keys()
        .filter(|k| {
            !used.contains_key(*k)
                && !literals
                    .iter()
                    .any(|l| *k == l || (l.ends_with('-') && k.starts_with(l.as_str())))
        })
        .collect();
    assert!(
        unused.is_empty(),
        "en.ftl keys the web client never uses: {unused:?}"
    );
}
