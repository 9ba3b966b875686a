//! The channel's custom emojis: the definitions behind the `customEmojisUrl` parameter, fetched
//! once when the chat mounts (never again for a message or a reconnection), checked, and shared
//! through the context ([`ChannelEmojis`]) with what draws the room's texts and with the emoji
//! picker.
//!
//! The plugin serves `{"customEmojis": [{"sn": ":name:", "url": "https://…/files/1.png",
//! "isCategoryEmoji": true}]}` (the last field picks the picker's category icon in ConverseJS;
//! not used here). What is kept: the first [`MAX_EMOJIS`] good entries (the plugin allows no
//! more per channel), each with a short name `:name:` of ASCII letters, digits, `_` and `-` (what
//! the plugin accepts) and an image address in `http:` or `https:`, absolute or relative to the
//! page. Any other entry is dropped, and of two with the same name the first is kept. Definitions
//! that cannot be fetched or read leave the chat as it is, with a warning in the console: the
//! `:name:`s stay text.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The most custom emojis a channel has on the plugin's server.
pub const MAX_EMOJIS: usize = 200;
/// The longest name between the colons.
const MAX_NAME_LEN: usize = 64;
/// The longest image address.
const MAX_URL_LEN: usize = 2048;
/// The largest definitions file read (200 entries take some 30 KB).
const MAX_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomEmoji {
    /// `:name:`, as it is typed in a message.
    pub sn: String,
    /// The image's absolute `http(s)` address.
    pub url: String,
}

/// The channel's custom emojis, in the channel's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomEmojis {
    emojis: Vec<CustomEmoji>,
}

impl CustomEmojis {
    /// Reads the plugin's JSON, resolving relative image addresses against `base` (the page's
    /// address). Returns the emojis kept and how many entries were dropped, or why nothing could
    /// be read.
    pub fn parse(json: &str, base: &str) -> Result<(CustomEmojis, usize), String> {
        if json.len() > MAX_BYTES {
            return Err(format!("larger than {MAX_BYTES} bytes"));
        }
        let value = js_sys::JSON::parse(json).map_err(|_| "not JSON".to_owned())?;
        let list = js_sys::Reflect::get(&value, &"customEmojis".into())
            .ok()
            .filter(js_sys::Array::is_array)
            .ok_or("no `customEmojis` list")?
            .unchecked_into::<js_sys::Array>();
        let mut emojis: Vec<CustomEmoji> = Vec::new();
        let mut dropped = 0;
        for entry in list.iter() {
            let field = |name: &str| {
                js_sys::Reflect::get(&entry, &name.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            let sn = field("sn").filter(|sn| is_short_name(sn));
            let url = field("url").and_then(|url| image_url(&url, base));
            match (sn, url) {
                (Some(sn), Some(url))
                    if emojis.len() < MAX_EMOJIS && !emojis.iter().any(|e| e.sn == sn) =>
                {
                    emojis.push(CustomEmoji { sn, url })
                }
                _ => dropped += 1,
            }
        }
        Ok((CustomEmojis { emojis }, dropped))
    }

    /// The emoji named `sn` (`:name:`).
    pub fn get(&self, sn: &str) -> Option<&CustomEmoji> {
        self.emojis.iter().find(|e| e.sn == sn)
    }

    pub fn iter(&self) -> impl Iterator<Item = &CustomEmoji> {
        self.emojis.iter()
    }

    pub fn len(&self) -> usize {
        self.emojis.len()
    }

    pub fn is_empty(&self) -> bool {
        self.emojis.is_empty()
    }
}

/// `:name:`, the name of ASCII letters, digits, `_` and `-`.
pub fn is_short_name(sn: &str) -> bool {
    sn.strip_prefix(':')
        .and_then(|rest| rest.strip_suffix(':'))
        .is_some_and(|name| {
            (1..=MAX_NAME_LEN).contains(&name.len()) && name.bytes().all(is_name_byte)
        })
}

/// A byte of a short name between its colons.
pub fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `url` resolved against `base` as the browser would, if it is an `http(s)` address.
fn image_url(url: &str, base: &str) -> Option<String> {
    if url.is_empty() || url.len() > MAX_URL_LEN {
        return None;
    }
    let parsed = web_sys::Url::new_with_base(url, base).ok()?;
    matches!(parsed.protocol().as_str(), "http:" | "https:").then(|| parsed.href())
}

/// Fetches and reads the definitions at `url`; a failure is a warning in the console and no
/// emojis.
pub async fn fetch(url: &str) -> CustomEmojis {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    match fetch_text(url)
        .await
        .and_then(|json| CustomEmojis::parse(&json, &base))
    {
        Ok((emojis, dropped)) => {
            if dropped > 0 {
                warn(&format!(
                    "{dropped} of the custom emojis at {url} were left out (bad name or address, a name twice, more than {MAX_EMOJIS})"
                ));
            }
            emojis
        }
        Err(why) => {
            warn(&format!("the custom emojis at {url} cannot be used: {why}"));
            CustomEmojis::default()
        }
    }
}

/// `GET url`'s body as text; why not, in a few words.
pub(crate) async fn fetch_text(url: &str) -> Result<String, String> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|_| "unreachable".to_owned())?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP status {}", response.status()));
    }
    let text = response.text().map_err(|_| "no body".to_owned())?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "no body".to_owned())
}

fn warn(text: &str) {
    web_sys::console::warn_1(&format!("livechat: {text}").into());
}

/// The custom emojis of the chat being drawn, from the context its root provides.
#[derive(Clone, Copy)]
pub struct ChannelEmojis {
    /// `None` while the definitions are on their way.
    emojis: RwSignal<Option<Arc<CustomEmojis>>>,
}

impl ChannelEmojis {
    /// Starts fetching the definitions at `url`, once for the whole life of the chat; without a
    /// `url` the channel has none.
    pub fn load(url: Option<String>) -> ChannelEmojis {
        let emojis = RwSignal::new(None);
        match url {
            Some(url) => leptos::task::spawn_local(async move {
                let loaded = fetch(&url).await;
                // The chat may be gone meanwhile.
                emojis.try_set(Some(Arc::new(loaded)));
            }),
            None => emojis.set(Some(Arc::default())),
        }
        ChannelEmojis { emojis }
    }

    /// Custom emojis already known (tests, or a chat that has them from elsewhere).
    pub fn known(emojis: CustomEmojis) -> ChannelEmojis {
        ChannelEmojis {
            emojis: RwSignal::new(Some(Arc::new(emojis))),
        }
    }

    /// The emojis once the definitions are in (read and followed: a reader drawn before that is
    /// drawn again when they arrive).
    pub fn get(&self) -> Option<Arc<CustomEmojis>> {
        self.emojis.get()
    }

    /// The emojis once the definitions are in, without following them.
    pub fn get_untracked(&self) -> Option<Arc<CustomEmojis>> {
        self.emojis.get_untracked()
    }
}

/// The chat's custom emojis, if a chat is being drawn.
pub fn use_channel_emojis() -> Option<ChannelEmojis> {
    use_context::<ChannelEmojis>()
}
