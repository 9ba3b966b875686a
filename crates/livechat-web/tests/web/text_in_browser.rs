//! What the client asks the browser's JS engine to do instead of carrying Rust's tables for it:
//! reading CSS numbers (no float parser in the wasm) and capitalising (no Unicode case tables).

use livechat_web::theme::parse_css_color;
use livechat_web::transport::texts::server_sentence;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn computed_colours_are_read() {
    assert_eq!(
        parse_css_color("rgb(255, 128, 0)"),
        Some(([255, 128, 0], 1.0))
    );
    assert_eq!(
        parse_css_color(" rgba(1, 2, 3, 0.5) "),
        Some(([1, 2, 3], 0.5))
    );
    assert_eq!(
        parse_css_color("rgb(10 20 30 / 25%)"),
        Some(([10, 20, 30], 0.25))
    );
    assert_eq!(
        parse_css_color("rgb(300, -4, 12.6)"),
        Some(([255, 0, 13], 1.0))
    );
    for not_a_colour in [
        "rgb(1, 2)",
        "rgb(1px, 2, 3)",
        "rgb(a, b, c)",
        "hsl(1, 2%, 3%)",
        "",
        "rgb(1, 2, 3, x)",
    ] {
        assert_eq!(parse_css_color(not_a_colour), None, "{not_a_colour:?}");
    }
}

#[wasm_bindgen_test]
fn the_servers_text_becomes_a_sentence() {
    assert_eq!(server_sentence("slow down"), "Slow down.");
    assert_eq!(server_sentence("épuisé !"), "Épuisé !");
    assert_eq!(server_sentence("ßtraße"), "SStraße.");
    assert_eq!(server_sentence("déjà vu?"), "Déjà vu?");
    assert_eq!(server_sentence(""), ".");
}
