//! `cargo xtask bench size --twiggy`: what the wasm is made of, by item and by crate.
//!
//! The release build again, in a profile of its own (`wasm-size`: the same code, in its own
//! directory so the shipped build is never invalidated), through wasm-bindgen and the same
//! `wasm-opt` pass as Trunk's but with `-g`, which keeps the function names twiggy reads. twiggy is
//! a measuring tool only: it is installed on first use here (not by `setup`), and without it the
//! analysis is skipped with a note.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, fail, run, wasm_pipeline, Result};

/// Items in the top list.
const TOP: usize = 20;

/// Crates of the standard library; an item of theirs instantiated for another crate's type
/// (`core::ptr::drop_in_place<leptos::…>`) counts for that crate.
const STD: &[&str] = &[
    "core",
    "alloc",
    "std",
    "compiler_builtins",
    "dlmalloc",
    "hashbrown",
];

/// How crates are grouped in the table, first match wins.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "JID tables (jid, stringprep, idna, Unicode normalisation)",
        &[
            "jid",
            "stringprep",
            "idna",
            "idna_adapter",
            "unicode_normalization",
            "unicode_bidi",
            "unicode_properties",
            "finl_unicode",
            "icu_normalizer",
            "icu_normalizer_data",
            "icu_properties",
            "icu_properties_data",
            "icu_collections",
            "icu_provider",
            "zerovec",
            "tinystr",
            "yoke",
            "potential_utf",
            "utf8_iter",
        ],
    ),
    ("xmpp-parsers, xso", &["xmpp_parsers", "xso"]),
    (
        "XML (quick-xml; minidom, rxml)",
        &["quick_xml", "memchr", "minidom", "rxml", "rxml_validation"],
    ),
    (
        "leptos (leptos, reactive_graph, tachys, …)",
        &[
            "leptos",
            "leptos_dom",
            "leptos_macro",
            "leptos_server",
            "reactive_graph",
            "reactive_stores",
            "tachys",
            "either_of",
            "or_poisoned",
            "any_spawner",
            "throw_error",
            "oco_ref",
            "send_wrapper",
            "slotmap",
            "guardian",
            "next_tuple",
            "hydration_context",
            "server_fn",
            "typed_builder",
            "wasm_split_helpers",
            "erased",
            "drain_filter_polyfill",
            "rustc_hash",
            "indexmap",
            "async_lock",
            "event_listener",
            "concurrent_queue",
        ],
    ),
    (
        "wasm-bindgen, js-sys, web-sys, gloo, futures",
        &[
            "wasm_bindgen",
            "wasm_bindgen_futures",
            "js_sys",
            "web_sys",
            "gloo_net",
            "gloo_timers",
            "gloo_utils",
            "futures",
            "futures_util",
            "futures_channel",
            "futures_core",
            "futures_executor",
            "futures_io",
            "futures_sink",
            "pin_project",
            "pin_project_lite",
            "wasm_streams",
        ],
    ),
    (
        "fluent (translations)",
        &[
            "fluent",
            "fluent_bundle",
            "fluent_syntax",
            "fluent_langneg",
            "intl_pluralrules",
            "intl_memoizer",
            "unic_langid",
            "unic_langid_impl",
            "type_map",
            "self_cell",
        ],
    ),
    ("palette, libm (colours)", &["palette", "libm", "approx"]),
    (
        "sha1, digest, base64",
        &[
            "sha1",
            "sha2",
            "digest",
            "block_buffer",
            "crypto_common",
            "base64",
        ],
    ),
    ("serde, serde_json", &["serde", "serde_json", "ryu", "itoa"]),
    ("chrono", &["chrono", "num_traits"]),
    ("regex-lite", &["regex_lite"]),
    ("uuid, getrandom", &["uuid", "getrandom"]),
    ("livechat-core", &["livechat_core"]),
    ("livechat-web", &["livechat_web"]),
    ("livechat-i18n", &["livechat_i18n"]),
];

const STD_GROUP: &str = "std: fmt, panics, collections, allocator";
const DATA_GROUP: &str = "data segments (strings, tables: not attributable)";
const GLUE_GROUP: &str = "exports, imports, tables, wasm-bindgen shims";
const OTHER_GROUP: &str = "other crates";

/// Builds the analysis wasm and prints twiggy's top items and the per-crate table. `shipped_gzip`
/// is the gzip -9 size of the shipped wasm, to which the table's gzip column is scaled.
pub fn analyse(shipped_raw: u64, shipped_gzip: u64) -> Result<()> {
    if !twiggy_installed() {
        println!("bench size: twiggy not found; installing it (cargo install twiggy --locked)");
        if let Err(e) = run(cargo().args(["install", "twiggy", "--locked"])) {
            println!("bench size: no twiggy ({e}); skipping the breakdown");
            return Ok(());
        }
    }
    let wasm = build_named_wasm()?;
    let top = twiggy(&["top", "-n", &TOP.to_string()], &wasm)?;
    println!("\nbench size: the {TOP} largest items (twiggy top, after wasm-opt):");
    println!("{top}");
    let csv = twiggy(&["top", "-n", "1000000", "--format", "csv"], &wasm)?;
    let items = parse_csv(&csv);
    println!("bench size: by crate (twiggy items grouped by the crate in their name; gzip scaled from the shipped wasm):");
    println!("{}", crate_table(&items, shipped_raw, shipped_gzip));
    Ok(())
}

fn twiggy_installed() -> bool {
    Command::new("twiggy")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn twiggy(args: &[&str], wasm: &Path) -> Result<String> {
    let out = Command::new("twiggy")
        .args(args)
        .arg(wasm)
        .output()
        .map_err(|e| fail(format!("cannot run twiggy: {e}")))?;
    if !out.status.success() {
        return Err(fail(format!(
            "twiggy {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The shipped build's code with its function names: profile `wasm-size`, wasm-opt with `-g`.
fn build_named_wasm() -> Result<PathBuf> {
    println!("bench size: cargo build -p livechat-web --profile wasm-size (names kept for twiggy)");
    wasm_pipeline::build(
        "livechat-web",
        "wasm-size",
        true,
        &livechat_backend::target_dir().join("wasm-size"),
    )
}

/// twiggy's CSV (`Name,ShallowSize,…`, quoted fields with doubled quotes): name and size.
fn parse_csv(csv: &str) -> Vec<(String, u64)> {
    let mut items = Vec::new();
    for line in csv.lines().skip(1) {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        fields.push(field);
        if let (Some(name), Some(Ok(size))) = (fields.first(), fields.get(1).map(|s| s.parse())) {
            items.push((name.clone(), size));
        }
    }
    items
}

/// The crate an item's name belongs to: the first path that is not the standard library's.
fn crate_of(name: &str) -> Option<&str> {
    let bytes = name.as_bytes();
    let mut first = None;
    let mut i = 0;
    while i < bytes.len() {
        let starts_path = (bytes[i].is_ascii_alphabetic() || bytes[i] == b'_')
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'_' | b':')));
        if !starts_path {
            i += 1;
            continue;
        }
        let end = name[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(name.len(), |n| i + n);
        let ident = &name[i..end];
        // `dlmalloc[e24a27700634d609]::…`: a disambiguator before the path separator.
        let rest = &name[end..];
        let rest = match rest.strip_prefix('[') {
            Some(r) => r.find(']').map_or(rest, |n| &r[n + 1..]),
            None => rest,
        };
        if rest.starts_with("::") && !ident.starts_with(char::is_uppercase) && ident != "impl" {
            if !STD.contains(&ident) {
                return Some(ident);
            }
            first.get_or_insert(ident);
        }
        i = end;
    }
    first
}

fn group_of(name: &str) -> &'static str {
    if name.starts_with("data segment") {
        return DATA_GROUP;
    }
    match crate_of(name) {
        // `<str>::to_lowercase`, `<[T]>::sort`: the standard library's methods on primitives.
        None if name.starts_with('<') => STD_GROUP,
        None => GLUE_GROUP,
        Some(c) if STD.contains(&c) => STD_GROUP,
        Some(c) => GROUPS
            .iter()
            .find(|(_, crates)| crates.contains(&c))
            .map_or(OTHER_GROUP, |(group, _)| group),
    }
}

/// Bytes per group (without the name sections `-g` added), each with its share of the shipped
/// wasm and that share of its gzip size.
fn crate_table(items: &[(String, u64)], shipped_raw: u64, shipped_gzip: u64) -> String {
    let mut groups: HashMap<&str, u64> = HashMap::new();
    let mut total = 0;
    for (name, size) in items {
        if name.contains("subsection") || name.starts_with("custom section") {
            continue; // names and producers: not in the shipped file
        }
        *groups.entry(group_of(name)).or_default() += size;
        total += size;
    }
    let mut rows: Vec<(&str, u64)> = groups.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(5);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:width$}  {:>9}  {:>6}  {:>9}",
        "group", "bytes", "share", "≈ gzip"
    );
    for (group, bytes) in &rows {
        let share = *bytes as f64 / total.max(1) as f64;
        let _ = writeln!(
            out,
            "{group:width$}  {bytes:>9}  {:>5.1}%  {:>9.0}",
            share * 100.0,
            share * shipped_gzip as f64
        );
    }
    let _ = write!(
        out,
        "{:width$}  {total:>9}  100.0%  {shipped_gzip:>9}   (shipped wasm: {shipped_raw} bytes)",
        "total"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_count_for_the_crate_that_is_not_std() {
        let cases = [
            ("livechat_core::session::Session::handle_frame::h3f9b", Some("livechat_core")),
            (
                "<xmpp_parsers::stanza_error::StanzaErrorFromXmlBuilder as xso::FromEventsBuilder>::feed::h21",
                Some("xmpp_parsers"),
            ),
            (
                "core::ptr::drop_in_place<leptos::view::View<tachys::html::Div>>::h1",
                Some("leptos"),
            ),
            (
                "<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<dlmalloc[e24a27700634d609]::sys::System>>::malloc",
                Some("dlmalloc"),
            ),
            ("<alloc::vec::Vec<T> as core::clone::Clone>::clone::h1", Some("alloc")),
            ("<str>::to_lowercase", None),
            ("elem[0]", None),
        ];
        for (name, expected) in cases {
            assert_eq!(crate_of(name), expected, "{name}");
        }
        assert_eq!(group_of("data segment \".rodata.57\""), DATA_GROUP);
        assert_eq!(group_of("jid::domain_check::h3ce3"), GROUPS[0].0);
        assert_eq!(group_of("<core::fmt::Formatter>::pad"), STD_GROUP);
        assert_eq!(group_of("<str>::to_lowercase"), STD_GROUP);
        assert_eq!(group_of("elem[0]"), GLUE_GROUP);
    }

    #[test]
    fn reads_twiggy_csv() {
        let csv = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
                   \"\"\"function names\"\" subsection\",520827,25.8,,\n\
                   \"<(A,B) as x::Y>::z\",12,0.1,,\n\
                   leptos::mount::h1,30,0.2,,\n";
        let items = parse_csv(csv);
        assert_eq!(
            items,
            [
                ("\"function names\" subsection".to_owned(), 520827),
                ("<(A,B) as x::Y>::z".to_owned(), 12),
                ("leptos::mount::h1".to_owned(), 30)
            ]
        );
        let table = crate_table(&items, 50, 20);
        assert!(table.contains("leptos"), "{table}");
        assert!(
            table.lines().last().unwrap().starts_with("total"),
            "{table}"
        );
    }
}
