//! The emoji picker's data file (`emoji-<hash>.json`) in a build: written beside the wasm, where
//! the client fetches it when the picker first opens. The content and the name come from the
//! client's own build code, so the name the client asks for is the name written here.

use std::path::Path;

use crate::{files, Result};

#[path = "../../livechat-web/build/emoji_picker_data.rs"]
pub mod data;

/// Writes the picker's data file into `dir`; returns its name.
pub fn write_into(dir: &Path) -> Result<String> {
    let json = data::json();
    let name = data::file_name(&json);
    let path = dir.join(&name);
    files::write(&path, json.as_bytes())?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_common_emojis_by_category_under_a_name_from_the_content() {
        let json = data::json();
        let categories: Vec<Vec<String>> = serde_json::from_str(&json).expect("valid JSON");
        let ids: Vec<&str> = categories.iter().map(|c| c[0].as_str()).collect();
        assert_eq!(
            ids,
            [
                "smileys", "people", "nature", "food", "travel", "activity", "objects", "symbols",
                "flags"
            ]
        );
        for category in &categories {
            assert_eq!((category.len() - 1) % 3, 0, "{}: triples", category[0]);
            assert!(
                category.len() > 3 * 40,
                "{}: {} strings",
                category[0],
                category.len()
            );
        }
        let smileys = &categories[0];
        assert_eq!(&smileys[1..4], ["😀", "grinning", "grinning face"]);
        let everything: Vec<&String> = categories.iter().flatten().collect();
        assert!(
            !everything.iter().any(|s| s.contains('\u{1f3fd}')),
            "no skin tones"
        );
        // Between 1500 and 2500 emojis: every common one, none of the variants.
        let count = categories.iter().map(|c| (c.len() - 1) / 3).sum::<usize>();
        assert!((1500..2500).contains(&count), "{count} emojis");

        let name = data::file_name(&json);
        assert!(
            name.starts_with("emoji-") && name.ends_with(".json") && name.len() == 6 + 16 + 5,
            "{name}"
        );
        assert_ne!(name, data::file_name(&json.replace("grinning", "grinnin")));
    }
}
