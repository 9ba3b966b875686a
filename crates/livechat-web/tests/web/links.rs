//! Finding links in bodies: `http://` and `https://` only; everything else stays text.

use livechat_web::links::{split_links, Segment};
use wasm_bindgen_test::*;

fn links(body: &str) -> Vec<&str> {
    split_links(body)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Link(l) => Some(l),
            Segment::Text(_) => None,
        })
        .collect()
}

fn joined(body: &str) -> String {
    split_links(body)
        .into_iter()
        .map(|s| match s {
            Segment::Link(t) | Segment::Text(t) => t,
        })
        .collect()
}

#[wasm_bindgen_test]
fn only_http_and_https_become_links() {
    assert_eq!(
        links("go to https://example.org now"),
        ["https://example.org"]
    );
    assert_eq!(
        links("HTTP://EXAMPLE.ORG/Path"),
        ["HTTP://EXAMPLE.ORG/Path"]
    );
    for text in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "ftp://example.org/",
        "www.example.org",
        "//example.org/",
        "https://",
        "https:// example.org",
        "xhttps://example.org",
        "mailto:someone@example.org",
    ] {
        assert!(links(text).is_empty(), "{text:?} gave {:?}", links(text));
        assert_eq!(split_links(text), [Segment::Text(text)]);
    }
    // Words and hosts in any script.
    assert!(links("éhttps://example.org").is_empty(), "inside a word");
    assert!(links("日本https://example.org").is_empty(), "inside a word");
    assert_eq!(links("« https://例え.jp »"), ["https://例え.jp"]);
    assert_eq!(links("https://٣.example"), ["https://٣.example"]);
    assert!(links("https://«example».org").is_empty(), "no host");
    // A javascript: address inside an http one is just part of its query.
    assert_eq!(
        links("https://e.org/?next=javascript:alert(1)"),
        ["https://e.org/?next=javascript:alert(1)"]
    );
}

#[wasm_bindgen_test]
fn links_end_where_a_sentence_goes_on() {
    assert_eq!(links("(see https://e.org/a)."), ["https://e.org/a"]);
    assert_eq!(
        links("https://en.wikipedia.org/wiki/Rust_(language)!"),
        ["https://en.wikipedia.org/wiki/Rust_(language)"]
    );
    assert_eq!(
        links("a,https://a.org,https://b.org/x?y=1;"),
        ["https://a.org,https://b.org/x?y=1"]
    );
    assert_eq!(links("\"https://e.org/q\""), ["https://e.org/q"]);
    assert_eq!(links("<https://e.org/q>"), ["https://e.org/q"]);
    assert_eq!(
        links("two: http://a.org https://b.org"),
        ["http://a.org", "https://b.org"]
    );
    // An invisible direction override ends the address: it cannot make it look like another.
    assert_eq!(links("https://e.org/\u{202E}gro.live"), ["https://e.org/"]);
}

#[wasm_bindgen_test]
fn the_segments_give_the_body_back() {
    for body in [
        "",
        "no link",
        "https://e.org",
        "é https://é.example/ü?x=ü. done",
        "<b>https://e.org/<script></b>",
        "https://a.org https://a.org",
        // Multi-byte characters where a scheme would end.
        "Hello from the watch page! 👋",
        "h👋 ht👋 http👋 https:/👋 https://👋",
        "👋👋👋👋",
    ] {
        assert_eq!(joined(body), body);
    }
    assert_eq!(
        split_links("a https://e.org b"),
        [
            Segment::Text("a "),
            Segment::Link("https://e.org"),
            Segment::Text(" b")
        ]
    );
}
