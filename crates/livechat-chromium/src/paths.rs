//! Where things are: the workspace, its target directory, the web build and the screenshots.

use std::path::{Path, PathBuf};

/// The environment variable that points at the web build (`trunk build --release` output).
pub const DIST_ENV: &str = "LIVECHAT_DIST";

/// The workspace root (two levels above this crate, `crates/livechat-chromium`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate lives in the workspace's crates/ directory")
        .to_path_buf()
}

/// The workspace's target directory: `CARGO_TARGET_DIR` if set (relative to the workspace root),
/// else `<workspace>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace_root().join(dir),
        _ => workspace_root().join("target"),
    }
}

/// `target/screenshots/`, created if needed.
pub fn screenshots_dir() -> PathBuf {
    let dir = target_dir().join("screenshots");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// The web build to test. Panics with what to do when it is not there: an end-to-end test that
/// cannot find the client must fail, never pass without having run.
pub fn dist_dir() -> PathBuf {
    match dist_dir_checked() {
        Ok(dir) => dir,
        Err(why) => panic!("{why}"),
    }
}

/// Like [`dist_dir`], returning the explanation instead of panicking.
pub fn dist_dir_checked() -> Result<PathBuf, String> {
    dist_dir_from(std::env::var_os(DIST_ENV))
}

/// The check itself, on the variable's value.
fn dist_dir_from(value: Option<std::ffi::OsString>) -> Result<PathBuf, String> {
    const HOW: &str = "Run the end-to-end tests with `cargo xtask test`: it builds the web client \
                       (`trunk build --release`) and sets LIVECHAT_DIST to the build directory.";
    let dir = match value {
        Some(dir) if !dir.is_empty() => workspace_root().join(dir),
        _ => {
            return Err(format!(
                "{DIST_ENV} is not set, so there is no web client to test. {HOW}"
            ))
        }
    };
    let index = dir.join("index.html");
    if !index.is_file() {
        return Err(format!(
            "{DIST_ENV}={} has no index.html: the web client is not built there. {HOW}",
            dir.display()
        ));
    }
    let has_wasm = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "wasm"))
        })
        .unwrap_or(false);
    if !has_wasm {
        return Err(format!(
            "{DIST_ENV}={} has an index.html but no .wasm file: the build is incomplete. {HOW}",
            dir.display()
        ));
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_build_fails_with_what_to_do() {
        for value in [None, Some("".into())] {
            let why = dist_dir_from(value).unwrap_err();
            assert!(
                why.contains("LIVECHAT_DIST is not set") && why.contains("cargo xtask test"),
                "{why}"
            );
        }
        let empty = std::env::temp_dir().join(format!(
            "livechat-chromium-empty-dist-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&empty).unwrap();
        let why = dist_dir_from(Some(empty.clone().into())).unwrap_err();
        assert!(
            why.contains("has no index.html") && why.contains("cargo xtask test"),
            "{why}"
        );
        std::fs::write(empty.join("index.html"), "").unwrap();
        let why = dist_dir_from(Some(empty.clone().into())).unwrap_err();
        assert!(why.contains("no .wasm file"), "{why}");
        std::fs::write(empty.join("app_bg.wasm"), "").unwrap();
        assert_eq!(dist_dir_from(Some(empty.clone().into())), Ok(empty.clone()));
        std::fs::remove_dir_all(&empty).unwrap();
    }
}
