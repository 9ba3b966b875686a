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
    readable_at(hue(input), background)
}

/// [`readable_rgb`] as a CSS `#rrggbb` string.
pub fn readable_css(input: &str, background: [u8; 3]) -> String {
    hex(readable_rgb(input, background))
}

fn readable_at(hue: f64, background: [u8; 3]) -> [u8; 3] {
    let at = |lightness: f64| to_u8(hsluv(hue, SATURATION, lightness));
    let ok = |lightness: f64| contrast(at(lightness), background) >= MIN_CONTRAST;
    if ok(LIGHTNESS) {
        return at(LIGHTNESS);
    }
    // Contrast grows monotonically as lightness moves towards 0 or 100. One of black and white
    // always reaches 4.5:1 against any background, so at least one direction succeeds; take the
    // one that needs the smaller change.
    let search = |end: f64| -> Option<f64> {
        if !ok(end) {
            return None;
        }
        // Invariant: `fail` does not reach the target, `pass` does.
        let (mut fail, mut pass) = (LIGHTNESS, end);
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
            if LIGHTNESS - d <= l - LIGHTNESS {
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
