//! Consistent nickname colours per XEP-0392 (Consistent Color Generation).
//!
//! The algorithm is unchanged since version 0.8.0 of the XEP (current: 1.0.1): the hue comes from
//! SHA-1 of the UTF-8 input, the colour from HSLuv at saturation 100 and lightness 50. Every client
//! implementing it shows the same person in the same hue. All colour-space math is `palette`'s.

use palette::color_difference::Wcag21RelativeContrast;
use palette::white_point::D65;
use palette::{FromColor, Hsluv, Srgb};
use sha1::{Digest, Sha1};

/// Saturation and lightness recommended by the XEP (its test vectors use them).
const SATURATION: f64 = 100.0;
const LIGHTNESS: f64 = 50.0;

/// WCAG 2 AA contrast for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// What colours are moved to: a hair above [`MIN_CONTRAST`]. palette's luminance uses the exact
/// sRGB matrix, WCAG (and checkers such as axe) its coefficients rounded to four places; the two
/// disagree in the third decimal, and #006ffb on white is 4.50 for one and 4.49 for the other.
const TARGET_CONTRAST: f64 = MIN_CONTRAST + 0.02;

/// The string to colour an occupant by.
///
/// The occupant-id (XEP-0421) when the room provides one: it stays the same across nickname
/// changes and rejoins, and, unlike the real JID the XEP prefers, every participant can see it.
/// Otherwise the nickname.
pub fn seed<'a>(occupant_id: Option<&'a str>, nickname: &'a str) -> &'a str {
    match occupant_id {
        Some(id) if !id.is_empty() => id,
        _ => nickname,
    }
}

/// XEP-0392 hue angle of `input`, in degrees, in `[0, 360)`.
pub fn hue(input: &str) -> f64 {
    let digest = Sha1::digest(input.as_bytes());
    // First two bytes of the digest, read little-endian.
    let bits = u16::from_le_bytes([digest[0], digest[1]]);
    f64::from(bits) / 65536.0 * 360.0
}

/// HSLuv to gamma-encoded sRGB, components in `[0, 1]`.
fn hsluv(hue: f64, saturation: f64, lightness: f64) -> Srgb<f64> {
    // palette converts Hsluv -> Lchuv -> Luv -> Xyz -> linear sRGB -> sRGB and clamps to gamut.
    Srgb::from_color(Hsluv::<D65, f64>::new(hue, saturation, lightness))
}

fn to_u8(color: Srgb<f64>) -> [u8; 3] {
    let c: Srgb<u8> = color.into_format();
    [c.red, c.green, c.blue]
}

/// XEP-0392 colour of `input` as floating-point sRGB in `[0, 1]`, before quantisation.
pub fn rgb_f64(input: &str) -> [f64; 3] {
    let c = hsluv(hue(input), SATURATION, LIGHTNESS);
    [c.red, c.green, c.blue]
}

/// XEP-0392 colour of `input` as 8-bit sRGB.
pub fn rgb(input: &str) -> [u8; 3] {
    to_u8(hsluv(hue(input), SATURATION, LIGHTNESS))
}

/// `#rrggbb`, lower-case.
pub fn hex(color: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", color[0], color[1], color[2])
}

/// XEP-0392 colour of `input` as a CSS `#rrggbb` string.
pub fn css(input: &str) -> String {
    hex(rgb(input))
}

/// WCAG 2.1 contrast ratio of two 8-bit sRGB colours, from 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let a: Srgb<f64> = Srgb::new(a[0], a[1], a[2]).into_format();
    let b: Srgb<f64> = Srgb::new(b[0], b[1], b[2]).into_format();
    a.relative_contrast(b)
}

/// The colour of `input`, with its hue and saturation, at the HSLuv lightness nearest to the
/// XEP's 50 that reaches [`MIN_CONTRAST`] against `background`: name colours stay readable on
/// both the light and the dark theme.
pub fn readable_rgb(input: &str, background: [u8; 3]) -> [u8; 3] {
    readable_for_hue(hue(input), background)
}

/// [`readable_rgb`] as a CSS `#rrggbb` string.
pub fn readable_css(input: &str, background: [u8; 3]) -> String {
    hex(readable_rgb(input, background))
}

/// The XEP-0392 colour of `hue` (HSLuv, saturation 100) at the lightness nearest to the XEP's 50
/// whose WCAG 2.1 contrast against `background` is at least [`MIN_CONTRAST`]. Only the lightness
/// moves: the same person keeps the same hue on every theme.
pub fn readable_for_hue(hue: f64, background: [u8; 3]) -> [u8; 3] {
    readable_at(hue, SATURATION, LIGHTNESS, background)
}

/// `color` if it reaches [`MIN_CONTRAST`] against `background`, else the same HSLuv hue and
/// saturation at the nearest lightness that does: a theme's accent colour made fit for text (links)
/// and focus rings on the background it is drawn on.
pub fn readable_variant(color: [u8; 3], background: [u8; 3]) -> [u8; 3] {
    if contrast(color, background) >= TARGET_CONTRAST {
        return color;
    }
    let srgb: Srgb<f64> = Srgb::new(color[0], color[1], color[2]).into_format();
    let c = Hsluv::<D65, f64>::from_color(srgb);
    readable_at(c.hue.into_positive_degrees(), c.saturation, c.l, background)
}

/// The text colour (black or white) with the higher contrast on `color`: the label of a button
/// filled with a theme's accent.
pub fn text_on(color: [u8; 3]) -> [u8; 3] {
    let (black, white) = ([0, 0, 0], [0xff, 0xff, 0xff]);
    if contrast(white, color) >= contrast(black, color) {
        white
    } else {
        black
    }
}

/// The HSLuv colour (`hue`, `saturation`) at the lightness nearest to `start` that reaches
/// [`MIN_CONTRAST`] against `background`.
fn readable_at(hue: f64, saturation: f64, start: f64, background: [u8; 3]) -> [u8; 3] {
    let at = |lightness: f64| to_u8(hsluv(hue, saturation, lightness));
    let ok = |lightness: f64| contrast(at(lightness), background) >= TARGET_CONTRAST;
    if ok(start) {
        return at(start);
    }
    // Contrast grows monotonically as lightness moves towards 0 or 100. One of black and white
    // always reaches 4.5:1 against any background, so at least one direction succeeds; take the
    // one that needs the smaller change.
    let search = |end: f64| -> Option<f64> {
        if !ok(end) {
            return None;
        }
        // Invariant: `fail` does not reach the target, `pass` does.
        let (mut fail, mut pass) = (start, end);
        for _ in 0..24 {
            let mid = (fail + pass) / 2.0;
            if ok(mid) {
                pass = mid;
            } else {
                fail = mid;
            }
        }
        Some(pass)
    };
    let best = match (search(0.0), search(100.0)) {
        (Some(d), Some(l)) => {
            if start - d <= l - start {
                d
            } else {
                l
            }
        }
        (Some(d), None) => d,
        (None, Some(l)) => l,
        // Unreachable by the argument above; stay defined anyway.
        (None, None) => return if ok(0.0) { at(0.0) } else { at(100.0) },
    };
    at(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// XEP-0392 §Test Vectors: text, hue in degrees, and R, G, B at saturation 100, lightness 50.
    const VECTORS: [(&str, f64, [f64; 3]); 5] = [
        ("Romeo", 327.255249, [0.865, 0.000, 0.686]),
        ("juliet@capulet.lit", 209.410400, [0.000, 0.515, 0.573]),
        ("😺", 331.199341, [0.872, 0.000, 0.659]),
        ("council", 359.994507, [0.918, 0.000, 0.394]),
        ("Board", 171.430664, [0.000, 0.527, 0.457]),
    ];

    const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
    const DARK: [u8; 3] = [0x1e, 0x1e, 0x1e];

    #[test]
    fn hue_matches_xep_vectors() {
        for (text, expected, _) in VECTORS {
            let h = hue(text);
            // The XEP prints six decimals.
            assert!((h - expected).abs() < 5e-6, "{text}: {h} != {expected}");
            assert!((0.0..360.0).contains(&h));
        }
    }

    #[test]
    fn rgb_matches_xep_vectors() {
        for (text, _, expected) in VECTORS {
            let got = rgb_f64(text);
            for i in 0..3 {
                assert!(
                    (got[i] - expected[i]).abs() <= 0.001,
                    "{text}: channel {i}: {} != {}",
                    got[i],
                    expected[i]
                );
            }
            let got = rgb(text);
            for i in 0..3 {
                let want = (expected[i] * 255.0).round() as i32;
                assert!(
                    (i32::from(got[i]) - want).abs() <= 1,
                    "{text}: channel {i}: {} != {want}",
                    got[i]
                );
            }
        }
    }

    #[test]
    fn css_is_hex() {
        let c = css("Romeo");
        assert_eq!(c.len(), 7);
        assert!(c.starts_with('#'));
        assert_eq!(c, hex(rgb("Romeo")));
        assert_eq!(hex([0, 0x0a, 0xff]), "#000aff");
    }

    #[test]
    fn seed_prefers_occupant_id() {
        assert_eq!(seed(Some("b3Vp"), "Romeo"), "b3Vp");
        assert_eq!(seed(None, "Romeo"), "Romeo");
        assert_eq!(seed(Some(""), "Romeo"), "Romeo");
    }

    #[test]
    fn contrast_reference_values() {
        assert!((contrast(WHITE, [0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1 grey.
        assert!((contrast([0x76, 0x76, 0x76], WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn readable_on_light_and_dark_backgrounds() {
        for (text, _, _) in VECTORS {
            for bg in [WHITE, DARK] {
                let c = readable_rgb(text, bg);
                let ratio = contrast(c, bg);
                assert!(ratio >= MIN_CONTRAST, "{text} on {bg:?}: {c:?} has {ratio}");
                // Still a colour, not black or white.
                assert!(
                    c != [0, 0, 0] && c != WHITE,
                    "{text} on {bg:?} lost its hue"
                );
            }
        }
    }

    #[test]
    fn readable_by_wcag_rounded_coefficients_too() {
        // WCAG 2.1's own formula, as axe computes it.
        fn wcag(a: [u8; 3], b: [u8; 3]) -> f64 {
            let luminance = |c: [u8; 3]| {
                let lin = |v: u8| {
                    let v = f64::from(v) / 255.0;
                    if v <= 0.04045 {
                        v / 12.92
                    } else {
                        ((v + 0.055) / 1.055).powf(2.4)
                    }
                };
                0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
            };
            let (x, y) = (luminance(a), luminance(b));
            (x.max(y) + 0.05) / (x.min(y) + 0.05)
        }
        assert!(
            wcag([0x00, 0x6f, 0xfb], WHITE) < MIN_CONTRAST,
            "the case that showed it"
        );
        for background in [WHITE, DARK] {
            for step in 0..720 {
                let c = readable_for_hue(f64::from(step) / 2.0, background);
                let ratio = wcag(c, background);
                assert!(
                    ratio >= MIN_CONTRAST,
                    "hue {}: {c:?} is {ratio}",
                    f64::from(step) / 2.0
                );
            }
        }
    }

    #[test]
    fn readable_keeps_hue_and_barely_moves() {
        for (text, h, _) in VECTORS {
            let c = readable_rgb(text, WHITE);
            let back: Srgb<f64> = Srgb::new(c[0], c[1], c[2]).into_format();
            let back = Hsluv::<D65, f64>::from_color(back);
            let dh = (back.hue.into_positive_degrees() - h).abs();
            assert!(dh.min(360.0 - dh) < 2.0, "{text}: hue moved by {dh}");
            // White needs only a little darkening: L=50 is already at about 4.5:1.
            assert!(back.l > 40.0 && back.l <= 50.5, "{text}: L = {}", back.l);
        }
    }

    /// The backgrounds nicknames are drawn on (assets/chat.css): the light themes, the dark ones
    /// (PeerTube dark and `dark`, the browser's dark canvas), cyberpunk, and the grey the OBS
    /// overlay's colours are made readable against (app.rs).
    const THEME_BACKGROUNDS: [(&str, [u8; 3]); 5] = [
        ("light", [0xff, 0xff, 0xff]),
        ("dark", [0x18, 0x18, 0x1b]),
        ("dark canvas", [0x12, 0x12, 0x12]),
        ("cyberpunk", [0x0d, 0x02, 0x21]),
        ("overlay", [72, 72, 72]),
    ];

    /// 1,000 nicknames of the kinds a live chat sees: plain, numbered, automatic, accented, emoji.
    fn thousand_nicknames() -> Vec<String> {
        let stems = [
            "Camille",
            "user",
            "Anonymous 1",
            "Zoë_",
            "😺 cat",
            "x",
            "ストリーマー",
            "O'Brien-",
        ];
        (0..1000)
            .map(|i| format!("{}{}", stems[i % stems.len()], i * 7919 % 100_000))
            .collect()
    }

    fn hsluv_of(c: [u8; 3]) -> Hsluv<D65, f64> {
        let c: Srgb<f64> = Srgb::new(c[0], c[1], c[2]).into_format();
        Hsluv::from_color(c)
    }

    #[test]
    fn a_thousand_nicknames_are_readable_on_every_theme_with_their_own_hue() {
        let (mut worst, mut worst_hue) = (f64::MAX, 0.0f64);
        let mut moved = 0usize;
        for (theme, bg) in THEME_BACKGROUNDS {
            for nick in thousand_nicknames() {
                let h = hue(&nick);
                let c = readable_rgb(&nick, bg);
                assert_eq!(c, readable_for_hue(h, bg));
                let ratio = contrast(c, bg);
                worst = worst.min(ratio);
                assert!(
                    ratio >= MIN_CONTRAST,
                    "{nick} on {theme}: {c:?} has {ratio:.2}:1"
                );
                // The hue is the XEP's (up to 8-bit rounding, which moves it most near black and
                // white): only the lightness was adjusted.
                let back = hsluv_of(c);
                let dh = (back.hue.into_positive_degrees() - h).abs();
                let dh = dh.min(360.0 - dh);
                worst_hue = worst_hue.max(dh);
                assert!(
                    dh < 4.0,
                    "{nick} on {theme}: hue {h:.1} became {:.1}",
                    back.hue.into_positive_degrees()
                );
                assert!(
                    back.saturation > 90.0,
                    "{nick} on {theme}: S = {:.1}",
                    back.saturation
                );
                if c != rgb(&nick) {
                    moved += 1;
                    // The nearest lightness to the XEP's: half a step back towards 50 fails.
                    let l = back.l;
                    let closer = l + (LIGHTNESS - l).signum() * 0.5;
                    let nearer = to_u8(hsluv(h, SATURATION, closer));
                    assert!(
                        contrast(nearer, bg) < MIN_CONTRAST + 0.05,
                        "{nick} on {theme}: L = {l:.1} moved further than needed"
                    );
                }
            }
        }
        eprintln!(
            "5 backgrounds x 1,000 nicknames: lowest contrast {worst:.2}:1, largest hue shift \
             {worst_hue:.2}°, {moved} adjusted"
        );
    }

    #[test]
    fn accents_are_made_readable_for_text_and_get_a_readable_label() {
        // PeerTube's orange on white is 3.1:1: darkened for links, black labels on its buttons.
        let orange = [0xf2, 0x69, 0x0d];
        let text = readable_variant(orange, WHITE);
        assert!(contrast(text, WHITE) >= MIN_CONTRAST, "{text:?}");
        let (a, b) = (hsluv_of(orange), hsluv_of(text));
        let dh = (a.hue.into_positive_degrees() - b.hue.into_positive_degrees()).abs();
        assert!(dh.min(360.0 - dh) < 2.0 && b.l < a.l, "{a:?} -> {b:?}");
        assert_eq!(text_on(orange), [0, 0, 0]);
        // Already readable: unchanged.
        assert_eq!(
            readable_variant([0xc7, 0x4f, 0x06], WHITE),
            [0xc7, 0x4f, 0x06]
        );
        assert_eq!(text_on([0xc7, 0x4f, 0x06]), WHITE);
        for (theme, bg) in THEME_BACKGROUNDS {
            for accent in [
                orange,
                [0xff, 0x2a, 0x6d],
                [0x05, 0xd9, 0xe8],
                [0x30, 0x30, 0x30],
            ] {
                let c = readable_variant(accent, bg);
                assert!(
                    contrast(c, bg) >= MIN_CONTRAST,
                    "{accent:?} on {theme}: {c:?}"
                );
                assert!(
                    contrast(text_on(accent), accent) >= MIN_CONTRAST,
                    "{accent:?}"
                );
            }
        }
    }

    #[test]
    fn readable_many_inputs_and_backgrounds() {
        let backgrounds = [
            WHITE,
            DARK,
            [0, 0, 0],
            [0x80, 0x80, 0x80],
            [0x76, 0x76, 0x76],
            [0xf0, 0xf0, 0xe0],
            [0x20, 0x30, 0x60],
        ];
        for i in 0..200 {
            let text = format!("user{i}");
            for bg in backgrounds {
                let c = readable_rgb(&text, bg);
                assert!(contrast(c, bg) >= MIN_CONTRAST, "{text} on {bg:?}: {c:?}");
            }
        }
    }
}
