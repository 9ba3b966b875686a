//! What the browser downloads from `dist/`: each file's size, raw and compressed with gzip -9 and
//! brotli (quality 11), as a server or CDN would serve them; and what crosses the network from a
//! server that compresses nothing, where the loaders fetch the wasm's gzipped twin
//! (`<name>.wasm.gz`, see `gzip_twin`) instead of the file itself. Besides the total, the report
//! says what a reading viewer downloads before the first message shows: every file but those the
//! client fetches only when a feature needs it, and of the catalog files (one per language but
//! English, see `catalog_files`) only their own language's: the largest one counts, and an
//! English reader's row has none.

use std::fmt;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::markdown::{self, Align};
use crate::{gzip_twin, wasm_split};

/// Path prefixes (relative to the dist directory) of the files the client fetches only when a
/// feature needs them, after the first message shows: the emoji picker's data (when it opens) and
/// the wasm modules of the views only some viewers draw (see `wasm_split`).
const ON_DEMAND: &[&str] = &["emoji-", wasm_split::VIEW_PREFIX];

pub struct BundleFile {
    /// Path relative to the dist directory, with `/` separators.
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
    /// The size of the build's own gzipped twin (`<path>.gz`), which the loaders fetch instead.
    pub packed: Option<u64>,
    /// Fetched only when a feature needs it: not part of a reading viewer's first visit.
    pub on_demand: bool,
    /// A language's catalog: a reader fetches only their own language's (none in English).
    pub per_language: bool,
}

impl BundleFile {
    /// Bytes on the wire from a server that compresses nothing.
    pub fn as_served(&self) -> u64 {
        self.packed.unwrap_or(self.raw)
    }
}

/// The sizes of a set of files, summed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
    /// From a server that compresses nothing (the wasm travels as its gzipped twin).
    pub as_served: u64,
}

impl Sizes {
    fn of<'a>(files: impl Iterator<Item = &'a BundleFile>) -> Sizes {
        files.fold(Sizes::default(), |sum, f| Sizes {
            raw: sum.raw + f.raw,
            gzip: sum.gzip + f.gzip,
            brotli: sum.brotli + f.brotli,
            as_served: sum.as_served + f.as_served(),
        })
    }
}

pub struct BundleReport {
    pub files: Vec<BundleFile>,
}

impl BundleReport {
    /// Every file of the build.
    pub fn total(&self) -> Sizes {
        Sizes::of(self.files.iter())
    }

    /// What a reading viewer downloads before the first message shows: every file but those
    /// fetched on demand, and their language's catalog, the largest one (in each column).
    pub fn reader_first_visit(&self) -> Sizes {
        let english = self.english_reader_first_visit();
        let catalogs = self.files.iter().filter(|f| f.per_language);
        let largest = |size: fn(&BundleFile) -> u64| catalogs.clone().map(size).max().unwrap_or(0);
        Sizes {
            raw: english.raw + largest(|f| f.raw),
            gzip: english.gzip + largest(|f| f.gzip),
            brotli: english.brotli + largest(|f| f.brotli),
            as_served: english.as_served + largest(BundleFile::as_served),
        }
    }

    /// The same for a reader in English, which the wasm has: no catalog file.
    pub fn english_reader_first_visit(&self) -> Sizes {
        Sizes::of(
            self.files
                .iter()
                .filter(|f| !f.on_demand && !f.per_language),
        )
    }

    pub fn total_raw(&self) -> u64 {
        self.total().raw
    }

    pub fn total_gzip(&self) -> u64 {
        self.total().gzip
    }
}

/// A Markdown table: one row per file, then a reading viewer's first visit and the total.
impl fmt::Display for BundleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns = [
            ("file", Align::Left),
            ("bytes", Align::Right),
            ("gzip -9", Align::Right),
            ("brotli", Align::Right),
            ("no server gzip", Align::Right),
        ];
        let row = |name: String, sizes: Sizes, as_served: String| {
            vec![
                name,
                sizes.raw.to_string(),
                sizes.gzip.to_string(),
                sizes.brotli.to_string(),
                as_served,
            ]
        };
        let mut rows: Vec<Vec<String>> = self
            .files
            .iter()
            .map(|file| {
                let twin = if file.packed.is_some() { " (.gz)" } else { "" };
                let later = match (file.on_demand, file.per_language) {
                    (true, _) => " (on demand)",
                    (_, true) => " (a reader's language)",
                    _ => "",
                };
                row(
                    format!("{}{later}", file.path),
                    Sizes::of(std::iter::once(file)),
                    format!("{}{twin}", file.as_served()),
                )
            })
            .collect();
        for (name, sizes) in [
            (READER_FIRST_VISIT, self.reader_first_visit()),
            (
                ENGLISH_READER_FIRST_VISIT,
                self.english_reader_first_visit(),
            ),
            ("total", self.total()),
        ] {
            rows.push(row(name.into(), sizes, sizes.as_served.to_string()));
        }
        f.write_str(&markdown::table(&columns, &rows))
    }
}

/// The row of what a reading viewer downloads before the first message shows.
pub const READER_FIRST_VISIT: &str =
    "reader's first visit (until the first message shows; the largest language file)";
/// The same for a reader in English.
pub const ENGLISH_READER_FIRST_VISIT: &str = "the same in English (no language file)";

/// Every file under `dist_dir` except source maps and gzipped twins (counted with the file they
/// pack), sorted by path, with its compressed sizes.
pub fn bundle_report(dist_dir: &Path) -> std::io::Result<BundleReport> {
    report_with(dist_dir, ON_DEMAND)
}

/// [`bundle_report`], with the files under `on_demand` prefixes fetched on demand.
fn report_with(dist_dir: &Path, on_demand: &[&str]) -> std::io::Result<BundleReport> {
    let mut files = Vec::new();
    collect(dist_dir, dist_dir, &mut files)?;
    for file in &mut files {
        file.on_demand = on_demand.iter().any(|p| file.path.starts_with(p));
        file.per_language = crate::catalog_files::is_catalog(&file.path);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(BundleReport { files })
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<BundleFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.ends_with(crate::plugin_layout::LAYOUT_DIR) {
            // The same files again, laid out for the PeerTube plugin: another way in, not more
            // to download.
            continue;
        } else if path.is_dir() {
            collect(root, &path, files)?;
        } else if path.extension().is_none_or(|e| e != "map") && !is_twin(&path) {
            let bytes = std::fs::read(&path)?;
            let packed = std::fs::metadata(gzip_twin::twin_of(&path))
                .ok()
                .map(|m| m.len());
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let path = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push(BundleFile {
                path,
                raw: bytes.len() as u64,
                gzip: gzip_len(&bytes),
                brotli: brotli_len(&bytes),
                packed,
                on_demand: false,
                per_language: false,
            });
        }
    }
    Ok(())
}

/// `x.gz` next to an `x`: the gzipped twin of another file of the build.
fn is_twin(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz") && path.with_extension("").is_file()
}

/// Size of `bytes` compressed at the best level (gzip -9).
pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len() as u64
}

/// Size of `bytes` compressed with brotli at quality 11, window 22 (what static pre-compression uses).
pub fn brotli_len(bytes: &[u8]) -> u64 {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out.len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_each_file_and_the_total() {
        let dir = livechat_backend::target_dir()
            .join(format!("xtask-bundle-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), "<html>".repeat(1000)).unwrap();
        std::fs::write(dir.join("assets/app.css"), "body{}").unwrap();
        std::fs::write(dir.join("app.js.map"), "{}").unwrap();
        std::fs::write(dir.join("app_bg.wasm"), [0u8; 4000]).unwrap();
        std::fs::write(dir.join("app_bg.wasm.gz"), [1u8; 40]).unwrap();
        std::fs::write(dir.join("archive.gz"), [2u8; 30]).unwrap();
        let report = bundle_report(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["app_bg.wasm", "archive.gz", "assets/app.css", "index.html"],
            "a twin counts with the file it packs; a lone .gz is a file of its own"
        );
        let wasm = &report.files[0];
        assert_eq!(
            (wasm.raw, wasm.packed, wasm.as_served()),
            (4000, Some(40), 40)
        );
        assert_eq!(report.files[3].as_served(), 6000, "no twin: served raw");
        assert_eq!(report.total().as_served, 40 + 30 + 6 + 6000);
        assert_eq!(report.total_raw(), 4000 + 30 + 6 + 6000);
        let html = &report.files[3];
        assert!(
            html.gzip > 20 && html.gzip < 100,
            "repetitive text compresses: {}",
            html.gzip
        );
        assert_eq!(
            report.total_gzip(),
            report.files.iter().map(|f| f.gzip).sum::<u64>()
        );
        assert!(
            html.brotli > 10 && html.brotli < html.gzip + 20,
            "{}",
            html.brotli
        );
        assert_eq!(
            report.reader_first_visit(),
            report.total(),
            "nothing on demand"
        );
        let table = report.to_string();
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("| file "), "{table}");
        assert_eq!(
            lines.len(),
            2 + 4 + 3,
            "head, rule, files, first visit, in English, total"
        );
        assert!(lines[2].ends_with(" 40 (.gz) |"), "{table}");
        assert!(lines[6].starts_with(&format!("| {READER_FIRST_VISIT}")));
        assert!(lines[7].starts_with(&format!("| {ENGLISH_READER_FIRST_VISIT}")));
        assert!(lines[8].starts_with("| total "));
        assert!(lines[8].ends_with(&format!(" {} |", 40 + 30 + 6 + 6000)));
    }

    #[test]
    fn a_reader_fetches_one_language_file_the_largest_counts() {
        let dir = livechat_backend::target_dir().join(format!(
            "xtask-bundle-languages-test-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<html>").unwrap();
        std::fs::write(dir.join("lang-de-1a.txt"), [b'a'; 300]).unwrap();
        std::fs::write(dir.join("lang-ja-2b.txt"), [b'b'; 400]).unwrap();
        std::fs::write(dir.join("lang-ja-2b.txt.gz"), [0u8; 40]).unwrap();
        let report = bundle_report(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        assert_eq!(report.total().raw, 706);
        assert_eq!(report.english_reader_first_visit().raw, 6);
        let first = report.reader_first_visit();
        assert_eq!(first.raw, 6 + 400);
        assert_eq!(
            first.as_served,
            6 + 300,
            "the German file travels raw, the Japanese packed"
        );
        assert!(report
            .to_string()
            .contains("| lang-de-1a.txt (a reader's language) "));
    }

    #[test]
    fn files_fetched_on_demand_leave_the_first_visit() {
        let dir = livechat_backend::target_dir().join(format!(
            "xtask-bundle-on-demand-test-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("later")).unwrap();
        std::fs::write(dir.join("index.html"), "<html>").unwrap();
        std::fs::write(dir.join("later/polls.wasm"), [0u8; 500]).unwrap();
        let report = report_with(&dir, &["later/"]).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        assert_eq!(report.total().raw, 506);
        assert_eq!(report.reader_first_visit().raw, 6);
        assert!(report
            .to_string()
            .contains("| later/polls.wasm (on demand) "));
    }
}
