//! What the browser downloads from `dist/`: each file's size, raw and compressed with gzip -9 and
//! brotli (quality 11), as a server or CDN would serve them.

use std::fmt;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

pub struct BundleFile {
    /// Path relative to the dist directory, with `/` separators.
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
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
            "{:width$}  {:>10}  {:>12}  {:>10}",
            "file", "bytes", "gzip -9", "brotli"
        )?;
        for file in &self.files {
            writeln!(
                f,
                "{:width$}  {:>10}  {:>12}  {:>10}",
                file.path, file.raw, file.gzip, file.brotli
            )?;
        }
        write!(
            f,
            "{:width$}  {:>10}  {:>12}  {:>10}",
            "total",
            self.total_raw(),
            self.total_gzip(),
            self.total_brotli()
        )
    }
}

/// Every file under `dist_dir` except source maps, sorted by path, with its gzip -9 size.
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
        } else if path.extension().is_none_or(|e| e != "map") {
            let bytes = std::fs::read(&path)?;
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
            });
        }
    }
    Ok(())
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
        let report = bundle_report(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["assets/app.css", "index.html"]);
        assert_eq!(report.total_raw(), 6006);
        let html = &report.files[1];
        assert!(
            html.gzip > 20 && html.gzip < 100,
            "repetitive text compresses: {}",
            html.gzip
        );
        assert_eq!(report.total_gzip(), report.files[0].gzip + html.gzip);
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
