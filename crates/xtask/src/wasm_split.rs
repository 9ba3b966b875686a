//! The release build's wasm, finished by the post-build hook: split into the part every viewer
//! loads and the views only some viewers draw (livechat-web's `on_demand` module), then optimised.
//!
//! `cargo xtask build` has Trunk compile the crate with `--cfg livechat_split` and the linker's
//! relocations kept ([`RUSTFLAGS_ENV`]), and sets [`SPLIT_ENV`]; Trunk then runs
//! wasm-bindgen but no wasm-opt (index.html). Here, on Trunk's staging directory:
//! 1. wasm-split-cli (crate `wasm_split_cli_support`, installed by setup) cuts cargo's output into
//!    the main module and one module per view, with the small JS module that loads them;
//! 2. wasm-bindgen makes the glue again for the main module, under Trunk's hashed names;
//! 3. wasm-opt optimises each module (the same passes as before the split);
//! 4. each view's module (and each module of code views share) is named after its content
//!    (`lazy-<view>-<hash>.wasm`), the loader after the glue (`<glue>.split.js`): the glue
//!    imports the loader, the loader imports the glue back and fetches the views' modules from
//!    beside itself, by those names; then the glue, the wasm and the loader get a name after
//!    their own content, also in index.html.
//!
//! A release build without [`SPLIT_ENV`] (plain `trunk build --release`) is only optimised and
//! named.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::files::{copy, name_of, read, read_dir, read_text, write};
use crate::{fail, run, setup, wasm_pipeline, Result};

/// Set by `cargo xtask build` for Trunk and its hook: the wasm is to be split.
pub const SPLIT_ENV: &str = "LIVECHAT_SPLIT";
/// What cargo needs for a wasm that can be split: the split points compiled as such, and the
/// relocations wasm-split-cli follows; for the wasm target only (not the hook's own build).
pub const RUSTFLAGS_ENV: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";
pub const RUSTFLAGS: &str = "-Clink-args=--emit-relocs --cfg livechat_split";
/// The views' modules: fetched on demand (the size report counts them apart).
pub const VIEW_PREFIX: &str = "lazy-";
/// The loader's name: the glue's, with this instead of `.js`.
pub const LOADER_SUFFIX: &str = ".split.js";

/// The names wasm-split-cli and wasm-bindgen write, before they get the build's.
const CRATE: &str = "livechat_web";
const SPLIT_LOADER: &str = "./__wasm_split.js";
const SPLIT_VIEW_PREFIX: &str = "split_";
/// How the generated loader fetches a module, and what it fetches with instead: the page's
/// loader's `fetchPacked` (the gzipped twin, unpacked), or the plain file without one.
const VIEW_FETCH: &str = "fetch(new URL(";
const FETCH_PACKED: &str = "const fetchPacked = (url) =>\n  globalThis[Symbol.for('livechat.fetchPacked')]?.(url, 'application/wasm') ?? fetch(url);";

/// Finishes the wasm named `wasm` (and its glue `glue`) in the build directory `dir`.
pub fn finish(dir: &Path, glue: &str, wasm: &str) -> Result<()> {
    if std::env::var_os(SPLIT_ENV).is_some() {
        split(dir, glue, wasm)?;
    }
    wasm_pipeline::optimise(&dir.join(wasm), false)?;
    name_after_content(dir, glue, wasm)
}

/// Trunk names the glue and the wasm after what it built, not after the files finished here,
/// which browsers keep for a month: they get one name of their own, after their content (the
/// glue, the wasm and the loader together: each names another), in every file that names them.
fn name_after_content(dir: &Path, glue: &str, wasm: &str) -> Result<()> {
    let stem = glue
        .strip_suffix(".js")
        .ok_or_else(|| fail(format!("the glue's name {glue} does not end in .js")))?;
    let base = stem
        .rsplit_once('-')
        .map(|(base, _)| base)
        .ok_or_else(|| fail(format!("the glue's name {glue} has no hash")))?;
    let loader = format!("{stem}{LOADER_SUFFIX}");
    let files: Vec<&str> = [glue, wasm, loader.as_str()]
        .into_iter()
        .filter(|name| dir.join(name).is_file())
        .collect();
    let mut hash = std::hash::DefaultHasher::new();
    for name in &files {
        let path = dir.join(name);
        hash.write(&read(&path)?);
    }
    let named = format!("{base}-{:016x}", hash.finish());
    for name in &files {
        let to = dir.join(name.replacen(stem, &named, 1));
        std::fs::rename(dir.join(name), &to).map_err(|e| fail(format!("renaming {name}: {e}")))?;
    }
    for text in [
        "index.html".to_owned(),
        glue.replacen(stem, &named, 1),
        loader.replacen(stem, &named, 1),
    ] {
        let path = dir.join(text);
        if path.is_file() {
            let content = read_text(&path)?;
            write(&path, content.replace(stem, &named).as_bytes())?;
        }
    }
    Ok(())
}

fn split(dir: &Path, glue: &str, wasm: &str) -> Result<()> {
    let built = livechat_backend::target_dir()
        .join(setup::WASM_TARGET)
        .join("release")
        .join(format!("{CRATE}.wasm"));
    let work = livechat_backend::target_dir().join("wasm-split");
    if work.exists() {
        std::fs::remove_dir_all(&work)
            .map_err(|e| fail(format!("clearing {}: {e}", work.display())))?;
    }
    run(Command::new("wasm-split-cli").arg(&built).arg(&work).args([
        "--target",
        "web",
        "--out-name",
        CRATE,
    ]))?;
    let bindgen = work.join("bindgen");
    // The views' modules take the main module's function table and globals from its exports,
    // which wasm-bindgen would otherwise drop as the linker's own.
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
        .arg("--out-dir")
        .arg(&bindgen)
        .arg(work.join(format!("{CRATE}.wasm"))))?;

    let glue_stem = glue
        .strip_suffix(".js")
        .ok_or_else(|| fail(format!("the glue's name {glue} does not end in .js")))?;
    let loader_name = format!("{glue_stem}{LOADER_SUFFIX}");
    let mut loader = read_text(&work.join(SPLIT_LOADER))?;
    loader = replace_once(
        &loader,
        &format!("\"./{CRATE}.js\""),
        &format!("\"./{glue}\""),
    )?;
    for (module, path) in view_modules(&work)? {
        wasm_pipeline::optimise(&path, false)?;
        let bytes = read(&path)?;
        let mut hash = std::hash::DefaultHasher::new();
        hash.write(&bytes);
        let view = module.strip_prefix(SPLIT_VIEW_PREFIX).unwrap_or(&module);
        let name = format!("{VIEW_PREFIX}{view}-{:016x}.wasm", hash.finish());
        write(&dir.join(&name), &bytes)?;
        loader = replace_once(
            &loader,
            &format!("\"./{module}.wasm\""),
            &format!("\"./{name}\""),
        )?;
    }
    // The modules from their gzipped twins, through the page's loader (assets/boot.js,
    // assets/livechat.js), as the main one.
    let fetches = loader.matches(VIEW_FETCH).count();
    if fetches == 0 {
        return Err(fail(format!(
            "wasm split: no {VIEW_FETCH} in the generated loader"
        )));
    }
    let loader = format!(
        "{FETCH_PACKED}\n{}",
        loader.replace(VIEW_FETCH, "fetchPacked(new URL(")
    );
    write(&dir.join(&loader_name), loader.as_bytes())?;

    let glue_js = read_text(&bindgen.join(format!("{CRATE}.js")))?;
    // An import per view module, all of the one loader.
    let glue_js = replace_all(
        &glue_js,
        &format!("from \"{SPLIT_LOADER}\""),
        &format!("from \"./{loader_name}\""),
    )?;
    write(&dir.join(glue), glue_js.as_bytes())?;
    let main = bindgen.join(format!("{CRATE}_bg.wasm"));
    copy(&main, &dir.join(wasm))?;
    println!("post-build: the wasm split: {wasm}, {loader_name} and the views' modules");
    Ok(())
}

/// The modules wasm-split-cli wrote besides the main one, by name without `.wasm`: one per view
/// (`split_<view>`), and the code some views share (`chunk_<n>`).
fn view_modules(work: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut modules = Vec::new();
    for path in read_dir(work)? {
        if let Some(module) = name_of(&path).strip_suffix(".wasm").filter(|m| *m != CRATE) {
            modules.push((module.to_owned(), path));
        }
    }
    if !modules
        .iter()
        .any(|(m, _)| m.starts_with(SPLIT_VIEW_PREFIX))
    {
        return Err(fail(format!(
            "wasm-split-cli wrote no view module into {}: was the crate built with {RUSTFLAGS}?",
            work.display()
        )));
    }
    modules.sort();
    Ok(modules)
}

/// `text` with `from` replaced by `to`, which it must hold exactly once: the split is laid out
/// as this module expects, or the build stops.
fn replace_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(fail(format!(
            "wasm split: expected {from} once in the generated JS, found it {n} times"
        ))),
    }
}

/// `text` with every `from` replaced by `to`; `from` must be there.
fn replace_all(text: &str, from: &str, to: &str) -> Result<String> {
    if text.contains(from) {
        Ok(text.replace(from, to))
    } else {
        Err(fail(format!(
            "wasm split: expected {from} in the generated JS, found nothing"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_replaced_only_where_it_is_the_one_expected() {
        assert_eq!(
            replace_once(
                r#"import { initSync } from "./a.js";"#,
                r#""./a.js""#,
                r#""./b.js""#
            )
            .unwrap(),
            r#"import { initSync } from "./b.js";"#
        );
        assert!(replace_once("x x", "x", "y").is_err(), "twice");
        assert!(replace_once("x", "z", "y").is_err(), "missing");
        assert_eq!(replace_all("x x", "x", "y").unwrap(), "y y");
        assert!(replace_all("x", "z", "y").is_err(), "missing");
    }

    /// Lays out a build with `wasm` as its main module, names it after its content and returns
    /// the files' names and index.html.
    fn named_build(case: &str, wasm: &[u8]) -> (Vec<String>, String) {
        let dir = livechat_backend::target_dir().join(format!(
            "xtask-wasm-split-test-{case}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let stem = "app-0123456789abcdef";
        std::fs::write(dir.join(format!("{stem}_bg.wasm")), wasm).unwrap();
        std::fs::write(
            dir.join(format!("{stem}.js")),
            format!(r#"import * as a from "./{stem}.split.js";"#),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("{stem}.split.js")),
            format!(r#"import {{ initSync }} from "./{stem}.js";"#),
        )
        .unwrap();
        std::fs::write(
            dir.join("index.html"),
            format!(r#"{{"js":"./{stem}.js","wasm":"./{stem}_bg.wasm"}}"#),
        )
        .unwrap();
        name_after_content(&dir, &format!("{stem}.js"), &format!("{stem}_bg.wasm")).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
        for name in &names {
            let text = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
            assert!(
                !text.contains(stem),
                "{name} still names the old files: {text}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
        (names, index)
    }

    #[test]
    fn the_finished_files_are_named_after_their_content_wherever_they_are_named() {
        let (names, index) = named_build("a", b"one wasm");
        let stem = names[0].strip_suffix(".js").expect("the glue first");
        assert!(
            stem.starts_with("app-") && stem != "app-0123456789abcdef",
            "{names:?}"
        );
        assert_eq!(
            names,
            [
                format!("{stem}.js"),
                format!("{stem}.split.js"),
                format!("{stem}_bg.wasm"),
                "index.html".to_owned(),
            ]
        );
        assert_eq!(
            index,
            format!(r#"{{"js":"./{stem}.js","wasm":"./{stem}_bg.wasm"}}"#)
        );
        let (again, _) = named_build("b", b"one wasm");
        assert_eq!(again, names, "the same content, the same names");
        let (other, _) = named_build("c", b"another wasm");
        assert_ne!(other, names, "another wasm, other names");
    }
}
