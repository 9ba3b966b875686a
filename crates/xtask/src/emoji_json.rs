//! `converse-emoji.json`: the emoji list the PeerTube livechat plugin's *server* reads to build the
//! emoji-only mode's regular expression (the plugin's `server/lib/emojis/emojis.ts`). Replacing
//! the frontend must keep that file, in the shape the server reads: an object of categories
//! (`custom` is skipped), each an object of entries whose `cp` is the emoji's code points in
//! lower-case hexadecimal joined by `-` (`1f468-200d-1f469-200d-1f467`), with `sn` its
//! `:shortname:` (used only for an entry without `cp`).
//!
//! Generated from the `emojis` crate (Unicode's emoji list with GitHub's gemoji shortcodes, kept
//! up to date with each Unicode release) rather than typed: every emoji of its Unicode version,
//! every skin tone, and for an emoji written with the variation selector U+FE0F also the form
//! without it (what a keyboard that sends the text form writes), so that both pass the
//! emoji-only check.

use std::collections::BTreeMap;

use emojis::{Emoji, SkinTone};
use serde_json::{json, Map, Value};

use crate::emoji_picker::data::{category, snake_case};

/// The file's name, in the plugin's package's `dist/`.
pub const FILE_NAME: &str = "converse-emoji.json";

/// The file's content.
pub fn converse_emoji_json() -> Value {
    let mut categories: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for base in emojis::iter() {
        let entries = categories.entry(category(base.group())).or_default();
        let variants: Vec<&Emoji> = match base.skin_tones() {
            Some(tones) => tones.collect(),
            None => vec![base],
        };
        for emoji in variants {
            let name = shortname(base, emoji.skin_tone());
            let cp = code_points(emoji.as_str());
            add(entries, format!(":{name}:"), &cp);
            let text_form = code_points(&emoji.as_str().replace('\u{fe0f}', ""));
            if text_form != cp {
                add(entries, format!(":{name}_text:"), &text_form);
            }
        }
    }
    Value::Object(
        categories
            .into_iter()
            .map(|(name, entries)| (name.to_owned(), Value::Object(entries)))
            .collect(),
    )
}

/// Adds an entry under its shortname (with its code points after it, should two names meet).
fn add(entries: &mut Map<String, Value>, sn: String, cp: &str) {
    let sn = if entries.contains_key(&sn) {
        format!("{}_{cp}:", sn.trim_end_matches(':'))
    } else {
        sn
    };
    entries.insert(sn.clone(), json!({ "sn": sn, "cp": cp }));
}

/// `a-b-c`: each code point of `text` in lower-case hexadecimal.
pub fn code_points(text: &str) -> String {
    text.chars()
        .map(|c| format!("{:x}", c as u32))
        .collect::<Vec<_>>()
        .join("-")
}

/// The GitHub shortcode (else the Unicode name in snake case), with `_toneN` for each skin tone
/// (1 light … 5 dark), as ConverseJS named skin-tone variants.
fn shortname(base: &Emoji, tone: Option<SkinTone>) -> String {
    let name = base
        .shortcode()
        .map(str::to_owned)
        .unwrap_or_else(|| snake_case(base.name()));
    let tones: String = tone
        .map(tone_numbers)
        .unwrap_or_default()
        .iter()
        .map(|n| format!("_tone{n}"))
        .collect();
    format!("{name}{tones}")
}

/// The tones of a variant, 1 (light) to 5 (dark); none for the default yellow.
fn tone_numbers(tone: SkinTone) -> Vec<u8> {
    use SkinTone::*;
    match tone {
        Default => vec![],
        Light => vec![1],
        MediumLight => vec![2],
        Medium => vec![3],
        MediumDark => vec![4],
        Dark => vec![5],
        LightAndMediumLight => vec![1, 2],
        LightAndMedium => vec![1, 3],
        LightAndMediumDark => vec![1, 4],
        LightAndDark => vec![1, 5],
        MediumLightAndLight => vec![2, 1],
        MediumLightAndMedium => vec![2, 3],
        MediumLightAndMediumDark => vec![2, 4],
        MediumLightAndDark => vec![2, 5],
        MediumAndLight => vec![3, 1],
        MediumAndMediumLight => vec![3, 2],
        MediumAndMediumDark => vec![3, 4],
        MediumAndDark => vec![3, 5],
        MediumDarkAndLight => vec![4, 1],
        MediumDarkAndMediumLight => vec![4, 2],
        MediumDarkAndMedium => vec![4, 3],
        MediumDarkAndDark => vec![4, 5],
        DarkAndLight => vec![5, 1],
        DarkAndMediumLight => vec![5, 2],
        DarkAndMedium => vec![5, 3],
        DarkAndMediumDark => vec![5, 4],
        // A tone Unicode adds later: named by its place, never dropped.
        _ => vec![tone as u8],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries of every category but `custom`, as the plugin's server reads them: `cp` when
    /// there is one, else `sn`.
    fn as_the_server_reads(file: &Value) -> Vec<(String, String)> {
        file.as_object()
            .expect("an object of categories")
            .iter()
            .filter(|(name, _)| *name != "custom")
            .flat_map(|(_, block)| block.as_object().expect("a category is an object").values())
            .map(|d| {
                (
                    d["sn"].as_str().unwrap_or_default().to_owned(),
                    d["cp"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    fn cp_of<'a>(entries: &'a [(String, String)], sn: &str) -> Option<&'a str> {
        entries
            .iter()
            .find(|(s, _)| s == sn)
            .map(|(_, cp)| cp.as_str())
    }

    #[test]
    fn has_the_shape_the_plugins_server_reads() {
        let file = converse_emoji_json();
        let categories: Vec<&String> = file.as_object().unwrap().keys().collect();
        for expected in ["smileys", "people", "nature", "food", "flags", "symbols"] {
            assert!(categories.iter().any(|c| *c == expected), "{categories:?}");
        }
        let entries = as_the_server_reads(&file);
        assert!(entries.len() > 3000, "{} entries", entries.len());
        for (sn, cp) in &entries {
            assert!(
                sn.len() > 2 && sn.starts_with(':') && sn.ends_with(':'),
                "{sn}"
            );
            // What `_emojiCpToRegexp` turns into `\x{…}` pieces: hex code points joined by `-`.
            assert!(
                cp.split('-').all(|part| !part.is_empty()
                    && part.len() <= 6
                    && part.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))),
                "{sn}: {cp}"
            );
        }
        let mut cps: Vec<&str> = entries.iter().map(|(_, cp)| cp.as_str()).collect();
        cps.sort_unstable();
        let before = cps.len();
        cps.dedup();
        assert_eq!(cps.len(), before, "each sequence once");
    }

    #[test]
    fn knows_single_and_multi_code_point_emojis() {
        let entries = as_the_server_reads(&converse_emoji_json());
        assert_eq!(cp_of(&entries, ":smile:"), Some("1f604"));
        assert_eq!(cp_of(&entries, ":rocket:"), Some("1f680"));
        // A ZWJ sequence.
        assert_eq!(
            cp_of(&entries, ":family_man_woman_girl:"),
            Some("1f468-200d-1f469-200d-1f467")
        );
        // A skin tone, and a flag (two regional indicators).
        assert_eq!(cp_of(&entries, ":wave_tone3:"), Some("1f44b-1f3fd"));
        assert_eq!(cp_of(&entries, ":fr:"), Some("1f1eb-1f1f7"));
        // With the variation selector, and without it (the text form a keyboard may send).
        assert_eq!(cp_of(&entries, ":heart:"), Some("2764-fe0f"));
        assert_eq!(cp_of(&entries, ":heart_text:"), Some("2764"));
        assert_eq!(code_points("#\u{fe0f}\u{20e3}"), "23-fe0f-20e3");
    }
}
