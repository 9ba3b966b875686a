//! The end-to-end harness: the WASM client (the `dist/` that `cargo xtask test` builds) served from
//! loopback, opened in headless Chromium over WebDriver, talking to a real Prosody, with native
//! clients as the other chatters.
//!
//! The browser side (Chromium, WebDriver, the static server, where the build is) lives in the
//! `livechat-chromium` crate, which the browser bench uses too; it is re-exported here.
//!
//! - [`world`]: everything one test needs, started in one call.
//! - [`chat_page`]: the page object: the chat's DOM hooks, the common waits, reads and actions.
//! - [`bots`]: the native chatters (the moderator who owns the room, viewers, registered users).
//! - [`axe`]: axe-core (from npm, installed by `cargo xtask setup`) run inside the page.
//! - [`plugin_host`]: a host that plays the PeerTube livechat plugin around the build's plugin
//!   layout (its routes, its pages, its WebSocket path relayed to Prosody).
//!
//! Every guard stops what it started when it is dropped, also when a test panics.

pub mod axe;
pub mod bots;
pub mod chat_page;
pub mod plugin_host;
pub mod world;

pub use chat_page::{hooks, js, keys, ChatPage, ShownMessage, PAGE_WAIT};
pub use livechat_chromium::{chromium, paths, static_server, webdriver};
pub use livechat_chromium::{
    ChatUrl, Chromium, ChromiumOptions, Element, Fixed, ServeOptions, Served, StaticServer,
    WebDriver, WebDriverError,
};
pub use world::{World, WorldOptions};
