//! The steps Trunk takes from a crate to the files a browser loads, by hand, for the measurements
//! that need a build outside dist/: cargo for wasm32, wasm-bindgen (`--target web`), then wasm-opt
//! with the level and flags that index.html gives Trunk, and the glue minified by Trunk's
//! post-build hook (`crates/xtask/post-build-js.cjs`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, fail, root, run, setup, Result};

/// Builds `package`'s cdylib in `profile` and leaves in `out_dir` only what a page would load:
/// `<crate>.js` (the glue) and `<crate>_bg.wasm`, optimised as Trunk does. `keep_names` adds
/// wasm-opt's `-g`, which keeps the function names twiggy reads. Returns the wasm's path.
pub fn build(package: &str, profile: &str, keep_names: bool, out_dir: &Path) -> Result<PathBuf> {
    run(cargo().args([
        "build",
        "--quiet",
        "--package",
        package,
        "--lib",
        "--target",
        setup::WASM_TARGET,
        "--profile",
        profile,
    ]))?;
    let crate_name = package.replace('-', "_");
    // Cargo's directory for the built-in `dev` profile is `debug`; every other profile's is its name.
    let profile_dir = if profile == "dev" { "debug" } else { profile };
    let built = livechat_backend::target_dir()
        .join(setup::WASM_TARGET)
        .join(profile_dir)
        .join(format!("{crate_name}.wasm"));
    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir)
            .map_err(|e| fail(format!("clearing {}: {e}", out_dir.display())))?;
    }
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(out_dir)
        .arg(&built))?;
    let index = std::fs::read_to_string(root().join("index.html"))
        .map_err(|e| fail(format!("reading index.html: {e}")))?;
    let (level, params) = wasm_opt_options(&index);
    let wasm = out_dir.join(format!("{crate_name}_bg.wasm"));
    let optimised = out_dir.join(format!("{crate_name}_bg.opt"));
    let mut wasm_opt = Command::new("wasm-opt");
    wasm_opt.arg(format!("-O{level}"));
    if keep_names {
        wasm_opt.arg("-g");
    }
    run(wasm_opt
        .args(params.split_whitespace())
        .arg(&wasm)
        .arg("-o")
        .arg(&optimised))?;
    std::fs::rename(&optimised, &wasm)
        .map_err(|e| fail(format!("replacing {}: {e}", wasm.display())))?;
    run(Command::new("node")
        .arg(root().join("crates/xtask/post-build-js.cjs"))
        .arg(out_dir))?;
    Ok(wasm)
}

/// Trunk's `data-wasm-opt` level and `data-wasm-opt-params` from index.html.
fn wasm_opt_options(index_html: &str) -> (String, String) {
    let attribute = |name: &str| {
        let start = index_html.find(&format!("{name}=\""))? + name.len() + 2;
        let len = index_html[start..].find('"')?;
        Some(index_html[start..start + len].to_owned())
    };
    (
        attribute("data-wasm-opt").unwrap_or_else(|| "z".into()),
        attribute("data-wasm-opt-params").unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_wasm_opt_options_from_index_html() {
        let (level, params) = wasm_opt_options(
            r#"<link data-trunk rel="rust" data-wasm-opt="z" data-wasm-opt-params="--enable-bulk-memory --enable-sign-ext">"#,
        );
        assert_eq!(
            (level.as_str(), params.as_str()),
            ("z", "--enable-bulk-memory --enable-sign-ext")
        );
        assert_eq!(wasm_opt_options("<html>"), ("z".to_owned(), String::new()));
    }
}
