//! `cargo xtask gzip-twin [DIR]`: writes `<name>.wasm.gz` beside every `.wasm` of a build, and
//! `<name>.txt.gz` beside every catalog file (see `catalog_files`).
//!
//! The loaders (assets/boot.js, assets/livechat.js) fetch that twin and unpack it in the browser,
//! so the file travels compressed whatever the server does: PeerTube's nginx configuration
//! compresses JS and CSS but not application/wasm, and PeerTube compresses nothing itself. Zopfli
//! writes ordinary gzip, about 5 % smaller than gzip -9, once per build.
//!
//! The post-build hook (`cargo xtask post-build`, see `plugin_layout`) runs it on
//! `$TRUNK_STAGING_DIR`, for release builds only (a debug build's loaders fall back to the plain
//! file).

use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

use crate::{catalog_files, fail, files, Result};

/// Zopfli's passes over the data: past a few, each saves a few bytes for as much time again.
const ITERATIONS: u64 = 5;

pub fn run(args: &[String]) -> Result<()> {
    let dir = match (args.first(), std::env::var_os("TRUNK_STAGING_DIR")) {
        (Some(dir), _) => PathBuf::from(dir),
        (None, Some(dir)) if std::env::var("TRUNK_PROFILE").as_deref() == Ok("release") => {
            PathBuf::from(dir)
        }
        (None, Some(_)) => return Ok(()), // a debug build
        (None, None) => {
            return Err(fail(
                "gzip-twin: no directory (argument or TRUNK_STAGING_DIR)",
            ))
        }
    };
    write_twins(&dir)
}

/// Writes the twin of every `.wasm` and catalog file directly in `dir`.
pub fn write_twins(dir: &Path) -> Result<()> {
    for path in files::read_dir(dir)? {
        let name = files::name_of(&path);
        if name.ends_with(".wasm") || catalog_files::is_catalog(name) {
            let bytes = files::read(&path)?;
            let packed = gzip(&bytes);
            let twin = twin_of(&path);
            files::write(&twin, &packed)?;
            println!(
                "gzip-twin: {} {} -> {} bytes",
                twin.display(),
                bytes.len(),
                packed.len()
            );
        }
    }
    Ok(())
}

/// `<path>.gz`: where the build keeps a file's gzipped twin.
pub fn twin_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".gz");
    name.into()
}

/// `bytes` as a gzip file, compressed by Zopfli.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let options = zopfli::Options {
        iteration_count: NonZeroU64::new(ITERATIONS).expect("not zero"),
        ..Default::default()
    };
    let mut out = Vec::new();
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out).expect("writing to memory");
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn the_twin_is_gzip_that_unpacks_to_the_wasm() {
        let dir = livechat_backend::target_dir()
            .join(format!("xtask-gzip-twin-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // Compressible, like code: a repeated pattern with some variety.
        let wasm: Vec<u8> = (0..5_000u32)
            .flat_map(|i| [0, 0x61, 0x73, 0x6d, (i % 7) as u8])
            .collect();
        std::fs::write(dir.join("app_bg.wasm"), &wasm).unwrap();
        std::fs::write(dir.join("app.js"), "export {}").unwrap();
        std::fs::write(dir.join("lang-de-4d.txt"), "de").unwrap();
        write_twins(&dir).unwrap();
        let packed = std::fs::read(dir.join("app_bg.wasm.gz")).unwrap();
        let js_twin = dir.join("app.js.gz").exists();
        let catalog_twin = dir.join("lang-de-4d.txt.gz").exists();
        std::fs::remove_dir_all(&dir).unwrap();

        assert!(!js_twin, "only the wasm and the catalogs get a twin");
        assert!(catalog_twin);
        assert_eq!(&packed[..2], &[0x1f, 0x8b], "a gzip header");
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, wasm);
        assert!(
            (packed.len() as u64) < crate::bundle::gzip_len(&wasm),
            "smaller than gzip -9: {} bytes",
            packed.len()
        );
    }
}
