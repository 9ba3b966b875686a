//! The emoji picker's data: the common Unicode emojis by category, written by the build beside
//! the wasm (`emoji-<hash>.json`) and fetched by the picker only when it opens, so that nobody
//! who only reads downloads it. Its name carries a hash of its content: a cached copy never goes
//! stale, and the client (which gets the name from its build script) asks for the file the same
//! build wrote.
//!
//! Shared by the client's build script (the name) and `cargo xtask post-build` (the file).
//!
//! The shape, as small as the picker can read it with `JSON.parse`: one array per category, its
//! id (ConverseJS's category names, which the client's texts name) then each emoji as three
//! strings: the emoji, its shortcode (GitHub's, else its Unicode name in snake case), its Unicode
//! name (both searched):
//!
//! ```text
//! [["smileys","😀","grinning","grinning face",…],["people",…],…]
//! ```
//!
//! Only the default skin tone of each emoji, and only emojis up to Emoji 15.0, which the fonts of
//! the systems in use draw (newer ones would show as empty boxes on most of them).

use emojis::{EmojiVersion, Group};

/// The newest emojis offered.
const NEWEST: EmojiVersion = EmojiVersion::new(15, 0);

/// The file's content.
pub fn json() -> String {
    let mut out = String::from("[");
    for (n, group) in Group::iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push('[');
        push_string(&mut out, category(group));
        for emoji in group.emojis().filter(|e| e.emoji_version() <= NEWEST) {
            let name = emoji.name();
            let shortcode = emoji
                .shortcode()
                .map(str::to_owned)
                .unwrap_or_else(|| snake_case(name));
            for text in [emoji.as_str(), &shortcode, name] {
                out.push(',');
                push_string(&mut out, text);
            }
        }
        out.push(']');
    }
    out.push(']');
    out
}

/// `emoji-<16 hex digits>.json`: the file's name, from its content (FNV-1a, 64 bits).
pub fn file_name(json: &str) -> String {
    let hash = json.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("emoji-{hash:016x}.json")
}

/// ConverseJS's category names, as `converse-emoji.json` has them (and `cargo xtask` writes it).
pub fn category(group: Group) -> &'static str {
    match group {
        Group::SmileysAndEmotion => "smileys",
        Group::PeopleAndBody => "people",
        Group::AnimalsAndNature => "nature",
        Group::FoodAndDrink => "food",
        Group::TravelAndPlaces => "travel",
        Group::Activities => "activity",
        Group::Objects => "objects",
        Group::Symbols => "symbols",
        Group::Flags => "flags",
    }
}

pub fn snake_case(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// `text` as a JSON string (emojis and names have no control characters; quotes and backslashes
/// are escaped all the same).
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}
