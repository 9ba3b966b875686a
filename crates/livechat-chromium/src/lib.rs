//! The web client in a real browser, for the end-to-end tests (`tests/`) and the browser bench
//! (`livechat-bench --bin browser`): the web build (`dist/`) served from loopback and opened in
//! headless Chromium over WebDriver.
//!
//! - [`paths`]: where the build is (`LIVECHAT_DIST`), the workspace and the screenshots.
//! - [`static_server`]: serves `dist/` on `127.0.0.1:0`.
//! - [`chat_url`]: the chat page's address with its query parameters.
//! - [`webdriver`]: a small W3C WebDriver client (navigate, find, execute, wait, screenshot,
//!   DevTools commands).
//! - [`chromium`]: a guard that runs chromedriver and headless Chromium, and ends them all on drop.
//!
//! Nothing here knows the chat: its DOM, its rooms and bots belong to the tests and the bench.
//! Every guard stops what it started when it is dropped, also when its owner panics.

pub mod chat_url;
pub mod chromium;
pub mod paths;
pub mod static_server;
pub mod webdriver;

pub use chat_url::ChatUrl;
pub use chromium::{Chromium, ChromiumOptions};
pub use static_server::{Fixed, ServeOptions, Served, StaticServer};
pub use webdriver::{Element, WebDriver, WebDriverError};
