//! The catalog of every language but English (which the wasm has) as a file of the build,
//! `lang-<tag>-<hash>.txt` (its content's hash: a visit after an update downloads it again only if
//! its texts changed), and their names in the page's boot block, `"lang": {"<tag>": "./<file>"}`,
//! from which the loaders learn them: boot.js reads the block, post-build-js.cjs copies it into
//! livechat.js. A viewer's page fetches only its own language's file (see docs/languages.md).

use std::hash::Hasher;
use std::path::Path;

use livechat_i18n::Lang;

use crate::{fail, Result};

/// How every catalog file's name starts.
pub const PREFIX: &str = "lang-";

/// Writes the catalog files into the build in `dir` and names them in its index.html.
pub fn write_catalogs(dir: &Path) -> Result<()> {
    let mut names = serde_json::Map::new();
    for lang in Lang::all().filter(|l| *l != Lang::ENGLISH) {
        let file = lang.catalog_file();
        let mut hash = std::hash::DefaultHasher::new();
        hash.write(file.as_bytes());
        let name = format!("{PREFIX}{}-{:016x}.txt", lang.tag(), hash.finish());
        let path = dir.join(&name);
        std::fs::write(&path, file)
            .map_err(|e| fail(format!("writing {}: {e}", path.display())))?;
        names.insert(lang.tag().to_owned(), format!("./{name}").into());
    }
    let index = dir.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| fail(format!("reading {}: {e}", index.display())))?;
    let (json, at) = boot_block(&html)
        .ok_or_else(|| fail(format!("{} has no livechat-boot block", index.display())))?;
    let mut block: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        fail(format!(
            "the livechat-boot block of {}: {e}",
            index.display()
        ))
    })?;
    block["lang"] = names.into();
    let html = format!("{}{block}{}", &html[..at], &html[at + json.len()..]);
    std::fs::write(&index, html).map_err(|e| fail(format!("writing {}: {e}", index.display())))?;
    println!("post-build: {} catalog files", Lang::all().count() - 1);
    Ok(())
}

/// The JSON of the block Trunk writes into index.html for boot.js (Trunk.toml, `pattern_script`),
/// and where it starts.
pub fn boot_block(html: &str) -> Option<(&str, usize)> {
    // The release build's HTML minifier may drop the attribute's quotes.
    let (before, rest) = html.split_once("livechat-boot")?;
    let (tag_end, rest) = rest.split_once('>')?;
    let (json, _) = rest.split_once("</script>")?;
    Some((
        json,
        before.len() + "livechat-boot".len() + tag_end.len() + 1,
    ))
}

/// Whether `name` is that of a catalog file.
pub fn is_catalog(name: &str) -> bool {
    name.starts_with(PREFIX) && name.ends_with(".txt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_file_per_language_and_names_them_in_the_boot_block() {
        let dir = livechat_backend::target_dir()
            .join(format!("xtask-catalog-files-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let html = r#"<head><script type=application/json id=livechat-boot>{"js":"./a.js","wasm":"./a_bg.wasm"}</script></head>"#;
        std::fs::write(dir.join("index.html"), html).unwrap();
        write_catalogs(&dir).unwrap();

        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        let (json, _) = boot_block(&html).unwrap();
        let block: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(block["js"], "./a.js", "{html}");
        assert!(html.ends_with("</script></head>"), "{html}");
        let names = block["lang"].as_object().unwrap();
        assert!(names.get("en").is_none(), "English is in the wasm");
        let german = names["de"].as_str().unwrap().trim_start_matches("./");
        assert!(is_catalog(german), "{german}");
        let file = std::fs::read_to_string(dir.join(german)).unwrap();
        let de = Lang::negotiate(["de"]).unwrap();
        assert_eq!(file, de.catalog_file());
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| is_catalog(n))
            .collect();
        files.sort();
        assert_eq!(files.len(), Lang::all().count() - 1);
        assert_eq!(files.len(), names.len());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
