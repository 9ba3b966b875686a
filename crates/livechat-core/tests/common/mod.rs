//! Helpers shared by the live tests against Prosody and against ejabberd.

use std::time::Duration;

use livechat_core::SessionState;
use livechat_native::NativeClient;
use xmpp_parsers::minidom::Element;

pub const WAIT: Duration = Duration::from_secs(10);

pub fn joined(client: &mut NativeClient) {
    client
        .run_until("joined", WAIT, |s, _| s.state() == SessionState::Joined)
        .unwrap_or_else(|e| panic!("{e}"));
}

/// A short name for each stanza kind: element, type and first payload namespace.
pub fn stanza_kind(frame: &str) -> String {
    let element: Element = frame.parse().expect("we only send well-formed frames");
    let type_ = element
        .attr("type")
        .map(|t| format!("[{t}]"))
        .unwrap_or_default();
    let payload = element
        .children()
        .map(|c| format!("{{{}}}{}", c.ns(), c.name()))
        .collect::<Vec<_>>()
        .join("+");
    format!("{}{type_} {payload}", element.name())
        .trim()
        .to_owned()
}
