//! Long messages fold (thousands of characters, dozens of lines) to a few lines, cut at a word;
//! short ones never do.

use livechat_web::fold::{cut, fold_at, folded, FOLD_CHARS, FOLD_LINES, KEEP_CHARS, KEEP_LINES};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn short_messages_are_shown_whole() {
    assert_eq!(fold_at("hello"), None);
    assert_eq!(fold_at(&"a".repeat(FOLD_CHARS)), None, "at the limit");
    let lines = ["line"; FOLD_LINES].join("\n");
    assert_eq!(fold_at(&lines), None, "{FOLD_LINES} lines");
    // Characters, not bytes: 500 emojis are 2,000 bytes.
    assert_eq!(fold_at(&"🎉".repeat(FOLD_CHARS)), None);
}

#[wasm_bindgen_test]
fn five_thousand_characters_fold_to_a_few_lines_at_a_word() {
    let words = "lorem ipsum dolor sit amet ".repeat(200);
    let body = &words[..5_000];
    let at = fold_at(body).expect("folded");
    let shown = folded(body, at);
    assert!(shown.ends_with('…'));
    assert!(shown.chars().count() <= KEEP_CHARS + 1, "{shown:?}");
    assert!(
        shown.chars().count() >= KEEP_CHARS * 2 / 3,
        "not cut much shorter: {shown:?}"
    );
    // At the end of a word, the space before the cut left out.
    let kept = &body[..at];
    assert!(!kept.ends_with(' '), "{kept:?}");
    assert!(body[at..].starts_with(' '), "cut between words: {kept:?}");

    // One long word (an address, a flood of one letter) is cut where the limit falls.
    let flood = "x".repeat(5_000);
    assert_eq!(fold_at(&flood), Some(KEEP_CHARS));
}

#[wasm_bindgen_test]
fn sixty_lines_fold_to_the_first_four() {
    let body: String = (1..=60).map(|n| format!("line {n}\n")).collect();
    let at = fold_at(&body).expect("folded");
    assert_eq!(&body[..at], "line 1\nline 2\nline 3\nline 4");
    assert_eq!(KEEP_LINES, 4);
    // Seven short lines are already too many.
    let seven = ["x"; FOLD_LINES + 1].join("\n");
    assert_eq!(fold_at(&seven).map(|at| &seven[..at]), Some("x\nx\nx\nx"));
}

#[wasm_bindgen_test]
fn the_announcer_cut_keeps_short_texts_whole() {
    assert_eq!(cut("hello", 200, 4), None);
    assert_eq!(cut("a\nb\nc\nd", 200, 4), None, "four lines fit");
    assert_eq!(cut("a\nb\nc\nd\ne", 200, 4), Some(7));
    assert_eq!(
        cut("a b c d", 3, 4),
        Some(3),
        "`a b`, the space after dropped"
    );
}
