//! Deterministic placeholder avatars: a disc in the seed's XEP-0392 colour with a mirrored 5×5
//! pattern on it, drawn in SVG.
//!
//! The seed is the occupant-id, else the nickname (see [`crate::color::seed`]). The drawing holds
//! only fixed markup and numbers computed from SHA-1 of the seed, never seed text, so a hostile
//! nickname cannot inject markup, and the image needs no network and no font. The web client
//! draws [`Avatar`] as inline SVG elements (a `data:` image would need `img-src data:` in the
//! page's Content Security Policy); [`svg`] is the same drawing as one document.

use core::fmt::Write;

use sha1::{Digest, Sha1};

use crate::color;

/// Grid cells run from 0 to 5; the disc of radius 4.5 around the grid centre holds the whole grid
/// (corner distance 3.54) with a margin, so the pattern never touches the edge.
const HEAD: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"32\" height=\"32\" \
viewBox=\"-2 -2 9 9\"><circle cx=\"2.5\" cy=\"2.5\" r=\"4.5\" fill=\"";
/// The stroke of the pattern's own colour rounds its corners and joins neighbouring cells, which
/// reads softer than hard pixels at 24–48 px.
const MID: &str = "\"/><path fill=\"#fff\" stroke=\"#fff\" stroke-width=\".35\" \
stroke-linejoin=\"round\" d=\"";
const TAIL: &str = "\"/></svg>";

/// The 5×5 pattern as 5 rows of 5 bits (bit `x` set = cell `(x, row)` filled). Left-right mirrored:
/// columns 0–2 take 15 bits from the digest, after the two bytes XEP-0392 uses for the hue.
fn pattern(seed: &str) -> [u8; 5] {
    let digest = Sha1::digest(seed.as_bytes());
    let bits = u32::from_le_bytes([digest[2], digest[3], digest[4], 0]);
    let mut rows = [0u8; 5];
    for (y, row) in rows.iter_mut().enumerate() {
        let half = ((bits >> (3 * y)) & 0b111) as u8;
        let (c0, c1, c2) = (half & 1, (half >> 1) & 1, (half >> 2) & 1);
        *row = c0 | c1 << 1 | c2 << 2 | c1 << 3 | c0 << 4;
    }
    rows
}

/// Path data: one rectangle per horizontal run of filled cells.
fn path(rows: [u8; 5]) -> String {
    let mut d = String::with_capacity(128);
    for (y, row) in rows.iter().enumerate() {
        let mut x = 0;
        while x < 5 {
            if row & (1 << x) == 0 {
                x += 1;
                continue;
            }
            let start = x;
            while x < 5 && row & (1 << x) != 0 {
                x += 1;
            }
            let len = x - start;
            // Writing to a String cannot fail.
            let _ = write!(d, "M{start} {y}h{len}v1h-{len}z");
        }
    }
    d
}

/// What an avatar is drawn from, in the coordinates of [`VIEW_BOX`]: a disc of radius 4.5 around
/// (2.5, 2.5) filled with `fill`, and `path` filled and stroked in white (stroke width 0.35, round
/// joins).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Avatar {
    /// `#rrggbb`: the seed's XEP-0392 colour.
    pub fill: String,
    /// SVG path data: digits and the letters M, h, v and z only.
    pub path: String,
}

/// The SVG `viewBox` of an avatar.
pub const VIEW_BOX: &str = "-2 -2 9 9";

/// The avatar of `seed`.
pub fn of(seed: &str) -> Avatar {
    Avatar {
        fill: color::css(seed),
        path: path(pattern(seed)),
    }
}

/// The avatar of `seed` as an SVG document, 220 to 400 bytes.
pub fn svg(seed: &str) -> String {
    let Avatar { fill, path } = of(seed);
    let mut out = String::with_capacity(HEAD.len() + MID.len() + TAIL.len() + 7 + path.len());
    out.push_str(HEAD);
    out.push_str(&fill);
    out.push_str(MID);
    out.push_str(&path);
    out.push_str(TAIL);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use xmpp_parsers::minidom::Element;

    fn seeds() -> impl Iterator<Item = String> {
        (100_000..101_000).map(|i| format!("Anonymous {i}"))
    }

    #[test]
    fn deterministic() {
        for s in ["Romeo", "", "😺", "Anonymous 100000"] {
            assert_eq!(svg(s), svg(s));
            assert_eq!(of(s), of(s));
        }
        assert_ne!(svg("Romeo"), svg("Juliet"));
    }

    #[test]
    fn small() {
        let mut max = 0;
        for s in seeds().chain(["", "x", "😺"].map(String::from)) {
            max = max.max(svg(&s).len());
        }
        assert!(max < 600, "largest avatar is {max} bytes");
        // Every cell filled is the worst case.
        let full = HEAD.len() + 7 + MID.len() + path([0b11111; 5]).len() + TAIL.len();
        assert!(full < 600, "a full pattern takes {full} bytes");
    }

    fn distinct(seeds: impl Iterator<Item = String>) -> (usize, usize) {
        let mut images = HashSet::new();
        let mut patterns = HashSet::new();
        for s in seeds {
            images.insert(svg(&s));
            patterns.insert(pattern(&s));
        }
        (images.len(), patterns.len())
    }

    #[test]
    fn distinct_images() {
        let sets: [Vec<String>; 3] = [
            seeds().collect(),
            (0..1000).map(|i| format!("user{i}")).collect(),
            (0..1000).map(|i| format!("{i:016x}")).collect(),
        ];
        for set in sets {
            let (images, patterns) = distinct(set.into_iter());
            assert!(images >= 950, "{images} distinct images");
            // The pattern alone, without the colour, must tell people apart.
            assert!(patterns >= 950, "{patterns} distinct patterns");
        }
    }

    fn walk(e: &Element, f: &mut impl FnMut(&Element)) {
        f(e);
        for child in e.children() {
            walk(child, f);
        }
    }

    #[test]
    fn valid_and_inert_xml() {
        for s in seeds()
            .take(50)
            .chain(["<script>", "\"'&", "a href=x onload=y"].map(String::from))
        {
            let svg = svg(&s);
            let root: Element = svg.parse().expect("well-formed SVG");
            assert_eq!(root.name(), "svg");
            assert_eq!(root.ns(), "http://www.w3.org/2000/svg");
            let lower = svg.to_ascii_lowercase();
            assert!(!lower.contains("<script"));
            assert!(!lower.contains("href"));
            walk(&root, &mut |e| {
                assert!(
                    ["svg", "circle", "path"].contains(&e.name()),
                    "{}",
                    e.name()
                );
                for ((_, name), _) in e.attrs() {
                    let name: &str = name;
                    assert!(!name.to_ascii_lowercase().starts_with("on"), "{name}");
                    assert!(!name.contains("href"), "{name}");
                }
            });
        }
    }

    #[test]
    fn mirrored_pattern() {
        for s in seeds().take(100) {
            for row in pattern(&s) {
                assert_eq!(row & 1, (row >> 4) & 1);
                assert_eq!((row >> 1) & 1, (row >> 3) & 1);
            }
        }
    }

    #[test]
    fn the_parts_carry_only_numbers_and_path_letters() {
        for s in seeds()
            .take(200)
            .chain(["<script>", "\"'&", "a href=x onload=y"].map(String::from))
        {
            let Avatar { fill, path } = of(&s);
            assert!(fill.len() == 7 && fill.starts_with('#'), "{fill}");
            assert!(fill[1..].bytes().all(|b| b.is_ascii_hexdigit()), "{fill}");
            assert!(
                path.bytes()
                    .all(|b| b.is_ascii_digit() || b"Mhvz -".contains(&b)),
                "{path}"
            );
        }
    }
}
