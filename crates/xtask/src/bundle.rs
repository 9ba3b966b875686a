//! What the browser downloads from `dist/`: each file's size, raw and compressed with gzip -9 and
//! brotli (quality 11), as a server or CDN would serve them; and what crosses the network from a
//! server that compresses nothing, where the loaders fetch the wasm's gzipped twin
//! (`<name>.wasm.gz`, see `gzip_twin`) instead of the file itself.

use std::fmt;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::gzip_twin;

pub struct BundleFile {
    /// Path relative to the dist directory, with `/` separators.
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
    /// The size of the build's own gzipped twin (`<path>.gz`), which the loaders fetch instead.
    pub packed: Option<u64>,
}

impl BundleFile {
    /// Bytes on the wire from a server that compresses nothing.
    pub fn as_served(&self) -> u64 {
        self.packed.unwrap_or(self.raw)
    }
}

pub struct BundleReport {
    pub files: Vec<BundleFile>,
}

impl BundleReport {
    pub fn total_raw(&self) -> u64 {
        self.files.iter().map(|f| f.raw).sum()
    }

    pub fn total_gzip(&self) -> u64 {
        self.files.iter().map(|f| f.gzip).sum()
    }

    pub fn total_brotli(&self) -> u64 {
        self.files.iter().map(|f| f.brotli).sum()
    }

    pub fn total_as_served(&self) -> u64 {
        self.files.iter().map(BundleFile::as_served).sum()
    }
}

impl fmt::Display for BundleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .files
            .iter()
            .map(|file| file.path.len())
            .max()
            .unwrap_or(0)
            .max(5);
        writeln!(
            f,
            "{:width$}  {:>10}  {:>12}  {:>10}  {:>19}",
            "file", "bytes", "gzip -9", "brotli", "no server gzip"
        )?;
        for file in &self.files {
            let twin = if file.packed.is_some() { " (.gz)" } else { "" };
            writeln!(
                f,
                "{:width$}  {:>10}  {:>12}  {:>10}  {:>19}",
                file.path,
                file.raw,
                file.gzip,
                file.brotli,
                format!("{}{twin}", file.as_served())
            )?;
        }
        write!(
            f,
            "{:width$}  {:>10}  {:>12}  {:>10}  {:>19}",
            "total",
            self.total_raw(),
            self.total_gzip(),
            self.total_brotli(),
            self.total_as_served()
        )
    }
}

/// Every file under `dist_dir` except source maps and gzipped twins (counted with the file they
/// pack), sorted by path, with its compressed sizes.
pub fn bundle_report(dist_dir: &Path) -> std::io::Result<BundleReport> {
    let mut files = Vec::new();
    collect(dist_dir, dist_dir, &mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(BundleReport { files })
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<BundleFile>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
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
        assert_eq!(report.total_as_served(), 40 + 30 + 6 + 6000);
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
        assert!(report
            .to_string()
            .lines()
            .last()
            .unwrap()
            .starts_with("total"));
    }
}
