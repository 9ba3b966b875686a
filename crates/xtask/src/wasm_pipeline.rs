//! The steps from a crate to the files a browser loads, by hand, for the measurements that need a
//! build outside dist/: cargo for wasm32, wasm-bindgen (`--target web`), then the wasm-opt pass
//! the post-build hook runs on the release build ([`optimise`]), and the glue minified as the
//! hook does (`crates/xtask/post-build-js.cjs`).

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
    let wasm = out_dir.join(format!("{crate_name}_bg.wasm"));
    optimise(&wasm, keep_names)?;
    run(Command::new("node")
        .arg(root().join("crates/xtask/post-build-js.cjs"))
        .arg(out_dir))?;
    Ok(wasm)
}

/// wasm-opt's passes on a release build: for size; then the WebAssembly features rustc enables for
/// wasm32 by default, which wasm-opt must allow; the control flow flattened and rebuilt by the
/// relooper, then for size again until nothing shrinks (5.5 KB gzip less than `-Oz` alone, for
/// about 50 s more of build on two cores). `--low-memory-unused` holds for rustc's layout: the
/// stack comes first, growing down from 1 MiB, with the data above it, so only a stack about to
/// overflow reaches the lowest kilobyte.
const WASM_OPT_ARGS: &[&str] = &[
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
    "--enable-reference-types",
    "--low-memory-unused",
    "--flatten",
    "--rereloop",
    "-Oz",
    "-Oz",
    "--converge",
];

/// Optimises `wasm` in place with wasm-opt (the post-build hook's pass on every release build's
/// modules, see `wasm_split`). `keep_names` adds `-g`, which keeps the function names twiggy reads.
pub fn optimise(wasm: &Path, keep_names: bool) -> Result<()> {
    let optimised = wasm.with_extension("opt");
    let mut wasm_opt = Command::new("wasm-opt");
    if keep_names {
        wasm_opt.arg("-g");
    }
    run(wasm_opt
        .args(WASM_OPT_ARGS)
        .arg(wasm)
        .arg("-o")
        .arg(&optimised))?;
    std::fs::rename(&optimised, wasm)
        .map_err(|e| fail(format!("replacing {}: {e}", wasm.display())))
}
