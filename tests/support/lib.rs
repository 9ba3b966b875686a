//! The end-to-end harness: the WASM client (the `dist/` that `cargo xtask test` builds) served from
//! loopback, opened in headless Chromium over WebDriver, talking to a real Prosody, with a native
//! client as the second chatter.
//!
//! - [`paths`]: where the build is (`LIVECHAT_DIST`) and where screenshots go.
//! - [`static_server`]: serves `dist/` on `127.0.0.1:0`.
//! - [`webdriver`]: a small W3C WebDriver client (navigate, find, execute, wait, screenshot).
//! - [`chromium`]: a guard that runs chromedriver and headless Chromium, and ends them all on drop.
//! - [`world`]: everything one test needs, started in one call.
//! - [`axe`]: axe-core (from npm, installed by `cargo xtask setup`) run inside the page.
//!
//! Every guard stops what it started when it is dropped, also when a test panics.

pub mod axe;
pub mod chromium;
pub mod paths;
pub mod static_server;
pub mod webdriver;
pub mod world;

pub use chromium::{Chromium, ChromiumOptions};
pub use static_server::{Fixed, ServeOptions, Served, StaticServer};
pub use webdriver::{Element, WebDriver, WebDriverError};
pub use world::{ChatUrl, World, WorldOptions};
