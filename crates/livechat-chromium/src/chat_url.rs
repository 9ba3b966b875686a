//! The chat page's address: a base and the query parameters the page reads (`room`, `ws`, `anon`,
//! `nick`, `theme`, …), percent-encoded as a form would.

/// The chat page's URL: a base and query parameters, encoded as a form would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChatUrl {
    base: String,
    params: Vec<(String, String)>,
}

impl ChatUrl {
    pub fn new(base: impl Into<String>) -> Self {
        ChatUrl {
            base: base.into(),
            params: Vec::new(),
        }
    }

    /// Sets a parameter (replacing an earlier value).
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.params.retain(|(k, _)| k != key);
        self.params.push((key.to_owned(), value.into()));
        self
    }

    /// Removes a parameter.
    pub fn without(mut self, key: &str) -> Self {
        self.params.retain(|(k, _)| k != key);
        self
    }

    pub fn build(&self) -> String {
        if self.params.is_empty() {
            return self.base.clone();
        }
        let query: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        format!("{}?{}", self.base, query.join("&"))
    }
}

impl std::fmt::Display for ChatUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.build())
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_urls_encode_their_parameters() {
        let url = ChatUrl::new("http://127.0.0.1:1/")
            .with("room", "live@room.localhost")
            .with("ws", "ws://127.0.0.1:2/xmpp-websocket")
            .with("anon", "anon.localhost");
        assert_eq!(
            url.build(),
            "http://127.0.0.1:1/?room=live%40room.localhost&ws=ws%3A%2F%2F127.0.0.1%3A2%2Fxmpp-websocket&anon=anon.localhost"
        );
        assert_eq!(
            url.without("room").without("ws").build(),
            "http://127.0.0.1:1/?anon=anon.localhost"
        );
    }
}
