//! The client's tests in the browser, one module per subject, all in one test binary: each binary
//! costs a link, a wasm-bindgen pass and a Chromium session of its own, more than most modules'
//! tests take to run.
//!
//! The modules share one page, so a test leaves nothing running or set that another could see:
//! it unmounts the chats it mounts (else their connections keep retrying under later tests),
//! takes out what it stores and puts back what it replaces, and has the chat's stylesheet only
//! while it holds a [`page::Stylesheet`]. What a test appends to `<body>` may stay: every test
//! looks inside its own container.
//!
//! One test is not here: `tests/memory.rs` counts every allocation of its binary.
//!
//! Run one module's tests: `cargo test -p livechat-web --target wasm32-unknown-unknown --test web
//! -- params::` (the runner takes a filter on `module::test_name`).

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod page;

mod announcer;
mod completion;
mod composer;
mod emojis;
mod external_login;
mod folding;
mod i18n;
mod links;
mod message_list;
mod nick_store;
mod outbox;
mod overlay;
mod params;
mod participants;
mod plugin;
mod polls;
mod render;
mod route;
mod rows;
mod text_in_browser;
