//! `cargo xtask post-build [DIR]`: Trunk's post-build hook (Trunk.toml), on `$TRUNK_STAGING_DIR`.
//! Trunk runs the hooks of a stage at once, side by side, and these steps depend on each other,
//! so one hook runs them in order:
//! 1. the catalog file of every language but English, named in index.html (see `catalog_files`);
//! 2. the wasm split and optimised (release builds; see `wasm_split`);
//! 3. `crates/xtask/post-build-js.cjs` (node): the build's names into livechat.js, terser on the
//!    JS (release builds);
//! 4. the gzipped twins of the wasm and the catalog files (release builds; see `gzip_twin`);
//! 5. the emoji picker's data file beside the wasm (see `emoji_picker`);
//! 6. the PeerTube livechat plugin's frontend, laid out as in the plugin's package
//!    (`<DIR>/peertube-plugin-livechat/`, see [`write_layout`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::files::{copy, name_of, read_dir, read_text as read, write};
use crate::{
    catalog_files, emoji_json, emoji_picker, fail, gzip_twin, root, run, wasm_split, Result,
};

/// The folder of the plugin's layout inside a build.
pub const LAYOUT_DIR: &str = "peertube-plugin-livechat";

pub fn post_build(args: &[String]) -> Result<()> {
    let (dir, release) = match (args.first(), std::env::var_os("TRUNK_STAGING_DIR")) {
        (Some(dir), _) => (PathBuf::from(dir), true),
        (None, Some(dir)) => (
            PathBuf::from(dir),
            std::env::var("TRUNK_PROFILE").as_deref() == Ok("release"),
        ),
        (None, None) => {
            return Err(fail(
                "post-build: no directory (argument or TRUNK_STAGING_DIR)",
            ))
        }
    };
    catalog_files::write_catalogs(&dir)?;
    if release {
        let boot = build_names(&dir.join("index.html"))?;
        wasm_split::finish(&dir, &boot[0], &boot[1])?;
    }
    let mut js = Command::new("node");
    js.arg(root().join("crates/xtask/post-build-js.cjs"));
    if let Some(dir) = args.first() {
        js.arg(dir);
    }
    run(&mut js)?;
    if release {
        gzip_twin::write_twins(&dir)?;
    }
    emoji_picker::write_into(&dir)?;
    write_layout(&dir)
}

/// Lays out the plugin's frontend from the build in `dist` into `dist/peertube-plugin-livechat/`,
/// the paths as in the plugin's package (`storage/plugins/node_modules/peertube-plugin-livechat/`
/// on a PeerTube server; docs/peertube.md says what to copy):
///
/// ```text
/// dist/client/conversejs/converse.min.js    the classic script the plugin loads: window.converse, and the chat
/// dist/client/conversejs/converse.min.css   the chat's stylesheet and the plugin pages' rules
/// dist/client/conversejs/livechat.js        the loader, with the glue, the wasm, the catalog files and
///                                           their twins beside it, and the emoji picker's data
/// dist/client/static/builtin.js             initConversePlugins, initConverse, reconnectConverse
/// dist/converse-emoji.json                  the emoji list the plugin's server reads
/// ```
pub fn write_layout(dist: &Path) -> Result<()> {
    let layout = dist.join(LAYOUT_DIR);
    if layout.exists() {
        std::fs::remove_dir_all(&layout)
            .map_err(|e| fail(format!("removing {}: {e}", layout.display())))?;
    }
    let package = layout.join("dist");
    let conversejs = package.join("client/conversejs");
    let static_dir = package.join("client/static");
    for dir in [&conversejs, &static_dir] {
        std::fs::create_dir_all(dir)
            .map_err(|e| fail(format!("creating {}: {e}", dir.display())))?;
    }
    let sources = root().join("assets/peertube");

    // The loader and what it loads: the glue, the wasm and the catalog files named in
    // index.html, and the twins.
    let boot = build_names(&dist.join("index.html"))?;
    let mut files = vec!["livechat.js".to_owned()];
    files.extend(boot.iter().cloned());
    files.extend(
        boot.iter()
            .map(|name| format!("{name}.gz"))
            .filter(|twin| dist.join(twin).is_file()),
    );
    // The views' modules and their loader, beside the glue that imports it.
    for path in read_dir(dist)? {
        let name = name_of(&path);
        if name.starts_with(wasm_split::VIEW_PREFIX) || name.ends_with(wasm_split::LOADER_SUFFIX) {
            files.push(name.to_owned());
        }
    }
    for name in &files {
        copy(&dist.join(name), &conversejs.join(name))?;
    }
    emoji_picker::write_into(&conversejs)?;
    copy(
        &sources.join("converse.min.js"),
        &conversejs.join("converse.min.js"),
    )?;
    copy(&sources.join("builtin.js"), &static_dir.join("builtin.js"))?;

    // The chat's stylesheet(s), then the plugin pages' rules.
    let mut css = String::new();
    let mut sheets: Vec<PathBuf> = read_dir(dist)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    sheets.sort();
    sheets.push(sources.join("plugin.css"));
    for sheet in &sheets {
        css.push_str(&read(sheet)?);
        css.push('\n');
    }
    write(&conversejs.join("converse.min.css"), css.as_bytes())?;

    let emojis = emoji_json::converse_emoji_json().to_string();
    write(&package.join(emoji_json::FILE_NAME), emojis.as_bytes())?;
    println!(
        "post-build: the PeerTube plugin's frontend in {}",
        layout.display()
    );
    Ok(())
}

/// The names of the glue, the wasm and the catalog files, from the block Trunk writes into
/// index.html for boot.js (Trunk.toml, `pattern_script`) and the build adds the catalogs to:
/// `{"js":"./<glue>.js","wasm":"./<name>.wasm","lang":{"de":"./<file>",…}}`.
fn build_names(index: &Path) -> Result<Vec<String>> {
    let html = read(index)?;
    let (block, _) = catalog_files::boot_block(&html)
        .ok_or_else(|| fail(format!("{} has no livechat-boot block", index.display())))?;
    let names: serde_json::Value = serde_json::from_str(block).map_err(|e| {
        fail(format!(
            "the livechat-boot block of {}: {e}",
            index.display()
        ))
    })?;
    let file = |name: &serde_json::Value, what: &str| {
        name.as_str()
            .map(|name| name.trim_start_matches("./").to_owned())
            .filter(|name| !name.is_empty() && !name.contains('/'))
            .ok_or_else(|| fail(format!("no {what} in the livechat-boot block")))
    };
    let mut files = ["js", "wasm"]
        .iter()
        .map(|key| file(&names[key], &format!("`{key}`")))
        .collect::<Result<Vec<_>>>()?;
    for (tag, name) in names["lang"].as_object().into_iter().flatten() {
        files.push(file(name, &format!("catalog file for {tag}"))?);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two loaders share their language and download code by copy (boot.js is hashed and
    /// livechat.js is not, so neither can import the other): the copy must stay the same.
    #[test]
    fn the_loaders_share_their_language_and_download_code_word_for_word() {
        let read = |name: &str| std::fs::read_to_string(root().join("assets").join(name)).unwrap();
        let (boot, loader) = (read("boot.js"), read("livechat.js"));
        let shared_from = |text: &str| {
            let marker = text
                .find("// From here on, the same as in")
                .expect("the marker");
            let after = &text[marker..];
            // The shared code starts after the marker's comment.
            after[after.find("\n\n").expect("code after the marker")..].to_owned()
        };
        let shared = shared_from(&boot);
        assert!(
            shared.contains("function chooseLang(") && shared.contains("function fetchPacked(")
        );
        assert!(
            shared_from(&loader).starts_with(&shared),
            "livechat.js no longer has boot.js's shared code word for word"
        );
    }

    #[test]
    fn lays_out_the_plugins_frontend_from_a_build() {
        let dist = livechat_backend::target_dir()
            .join(format!("xtask-plugin-layout-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(&dist).unwrap();
        // A build as Trunk leaves it (the release HTML minifier drops attribute quotes).
        let files = [
            (
                "index.html",
                r#"<script type=application/json id=livechat-boot>{"js":"./livechat-web-1a.js","wasm":"./livechat-web-1a_bg.wasm","lang":{"de":"./lang-de-4d.txt"}}</script>"#,
            ),
            ("lang-de-4d.txt", "de"),
            ("lang-de-4d.txt.gz", "gz"),
            ("livechat.js", "export const peertube = {};"),
            ("livechat-web-1a.js", "export default function init() {}"),
            ("livechat-web-1a_bg.wasm", "\0asm"),
            ("livechat-web-1a_bg.wasm.gz", "gz"),
            ("chat-2b.css", ".lc-chat{color:red}"),
            ("boot-3c.js", "the standalone page's own loader"),
        ];
        for (name, text) in files {
            std::fs::write(dist.join(name), text).unwrap();
        }
        write_layout(&dist).unwrap();

        let package = dist.join(LAYOUT_DIR).join("dist");
        let conversejs = package.join("client/conversejs");
        let mut laid_out: Vec<String> = std::fs::read_dir(&conversejs)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        laid_out.sort();
        let picker = laid_out
            .iter()
            .position(|name| name.starts_with("emoji-") && name.ends_with(".json"))
            .map(|at| laid_out.remove(at));
        assert!(picker.is_some(), "the emoji picker's data beside the glue");
        assert_eq!(
            laid_out,
            [
                "converse.min.css",
                "converse.min.js",
                "lang-de-4d.txt",
                "lang-de-4d.txt.gz",
                "livechat-web-1a.js",
                "livechat-web-1a_bg.wasm",
                "livechat-web-1a_bg.wasm.gz",
                "livechat.js",
            ]
        );
        let css = std::fs::read_to_string(conversejs.join("converse.min.css")).unwrap();
        assert!(
            css.starts_with(".lc-chat{color:red}"),
            "the chat's stylesheet first"
        );
        assert!(
            css.contains("converse-root"),
            "then the plugin pages' rules"
        );
        let builtin = std::fs::read_to_string(package.join("client/static/builtin.js")).unwrap();
        assert!(builtin.contains("window.initConverse"));
        let emojis: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(package.join(emoji_json::FILE_NAME)).unwrap(),
        )
        .unwrap();
        assert_eq!(emojis["smileys"][":smile:"]["cp"], "1f604");

        // Laid out again: the same files, nothing left over.
        std::fs::write(conversejs.join("stale.js"), "").unwrap();
        write_layout(&dist).unwrap();
        assert!(!conversejs.join("stale.js").exists());
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
