//! The colour the chat is actually drawn on, read from the page once at mount and again when the
//! theme changes (the system's light/dark preference, or the `theme` the host sets), so nickname
//! colours can be made readable on it (`color::readable_rgb`), and the theme's accent too
//! ([`fit_accent`]).

use livechat_core::color;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Used when nothing on the way up to the page's root paints a background: the browser's canvas.
const CANVAS_LIGHT: [u8; 3] = [255, 255, 255];
const CANVAS_DARK: [u8; 3] = [18, 18, 18];

/// The first opaque background colour from `element` up to the root; the canvas colour when all
/// are transparent. (A transparent overlay is drawn on video: callers treat it as dark.)
pub fn effective_background(element: &web_sys::Element) -> [u8; 3] {
    let Some(window) = web_sys::window() else {
        return CANVAS_LIGHT;
    };
    let mut node = Some(element.clone());
    while let Some(el) = node {
        if let Ok(Some(style)) = window.get_computed_style(&el) {
            if let Ok(value) = style.get_property_value("background-color") {
                if let Some(([r, g, b], alpha)) = parse_css_color(&value) {
                    if alpha > 0.5 {
                        return [r, g, b];
                    }
                }
            }
        }
        node = el.parent_element();
    }
    if prefers_dark() {
        CANVAS_DARK
    } else {
        CANVAS_LIGHT
    }
}

/// Fits the theme's accent to `background`, whatever colour the host's theme gives it (PeerTube's
/// orange is 3.1:1 on white): `--lc-accent-text`, for links and focus rings, is the accent at the
/// nearest lightness that reads at 4.5:1 on the background, and `--lc-on-accent`, for labels on
/// accent buttons, is black or white, whichever reads better on it. The accent is read back from
/// `accent-color` (chat.css sets it to `--lc-accent`), which the browser resolves to `rgb()`; set
/// as CSSOM properties, fine under a strict CSP.
pub fn fit_accent(element: &web_sys::Element, background: [u8; 3]) {
    let (Some(window), Some(el)) = (web_sys::window(), element.dyn_ref::<web_sys::HtmlElement>())
    else {
        return;
    };
    let Some(accent) = window
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("accent-color").ok())
        .and_then(|v| parse_css_color(&v))
        .map(|(rgb, _)| rgb)
    else {
        // A colour outside sRGB syntax: the stylesheet's own fallbacks stay.
        return;
    };
    let style = el.style();
    let _ = style.set_property(
        "--lc-accent-text",
        &color::hex(color::readable_variant(accent, background)),
    );
    let _ = style.set_property("--lc-on-accent", &color::hex(color::text_on(accent)));
}

pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// A CSS number, read by the browser's unary `+` (strict, as Rust's `parse` is): the page has a
/// number parser already, so the wasm need not carry one.
fn number(s: &str) -> Option<f32> {
    let value = wasm_bindgen::JsValue::from_str(s).unchecked_into_f64();
    value.is_finite().then_some(value as f32)
}

/// Reads a computed colour: `rgb(r, g, b)` or `rgba(r, g, b, a)` (what `getComputedStyle` gives for
/// sRGB colours), with commas or spaces. Anything else is `None`.
pub fn parse_css_color(value: &str) -> Option<([u8; 3], f32)> {
    let value = value.trim();
    let inner = value
        .strip_prefix("rgba(")
        .or_else(|| value.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let parts: Vec<&str> = inner
        .split([',', ' ', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 3 {
        return None;
    }
    let channel = |s: &str| number(s).map(|v| v.clamp(0.0, 255.0).round() as u8);
    let rgb = [channel(parts[0])?, channel(parts[1])?, channel(parts[2])?];
    let alpha = match parts.get(3) {
        None => 1.0,
        Some(a) => match a.strip_suffix('%') {
            Some(pct) => number(pct)? / 100.0,
            None => number(a)?,
        },
    };
    Some((rgb, alpha))
}

/// Calls `on_change` whenever the system switches between light and dark. The listener lives as
/// long as the returned guard.
pub struct SchemeWatch {
    query: web_sys::MediaQueryList,
    callback: Closure<dyn Fn()>,
}

impl SchemeWatch {
    pub fn new(on_change: impl Fn() + 'static) -> Option<SchemeWatch> {
        let query = web_sys::window()?
            .match_media("(prefers-color-scheme: dark)")
            .ok()??;
        let callback = Closure::<dyn Fn()>::new(on_change);
        query
            .add_event_listener_with_callback("change", callback.as_ref().unchecked_ref())
            .ok()?;
        Some(SchemeWatch { query, callback })
    }
}

impl Drop for SchemeWatch {
    fn drop(&mut self) {
        let _ = self
            .query
            .remove_event_listener_with_callback("change", self.callback.as_ref().unchecked_ref());
    }
}
