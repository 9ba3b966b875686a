//! The XMPP layout both servers share, as the PeerTube livechat plugin lays out its Prosody:
//! registered users, anonymous viewers and rooms on three domains, and one WebSocket path.
//!
//! The constants are the layout of one server alone (`localhost`); [`Domains`] names another
//! instance's, for two servers side by side (federation).

/// The virtual host of registered users (SASL PLAIN / SCRAM, `internal_hashed`).
pub const USER_DOMAIN: &str = "localhost";
/// The virtual host of anonymous viewers (SASL ANONYMOUS).
pub const ANON_DOMAIN: &str = "anon.localhost";
/// The MUC component.
pub const MUC_DOMAIN: &str = "room.localhost";
/// The path of the WebSocket endpoint (RFC 7395, subprotocol `xmpp`).
pub const WS_PATH: &str = "/xmpp-websocket";

/// The three domains of one instance: `<host>`, `anon.<host>`, `room.<host>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domains {
    /// Registered users (the plugin's PeerTube accounts).
    pub user: String,
    /// Anonymous viewers.
    pub anonymous: String,
    /// The MUC component.
    pub muc: String,
}

impl Domains {
    /// The plugin's layout under `host`. Names under `localhost` (`a.localhost`, …) never reach
    /// real DNS.
    pub fn under(host: &str) -> Domains {
        Domains {
            user: host.to_owned(),
            anonymous: format!("anon.{host}"),
            muc: format!("room.{host}"),
        }
    }

    /// All three, users first.
    pub fn all(&self) -> [&str; 3] {
        [&self.user, &self.anonymous, &self.muc]
    }

    /// `user@<user domain>`.
    pub fn user_jid(&self, user: &str) -> String {
        format!("{user}@{}", self.user)
    }

    /// `local_part@<muc domain>`.
    pub fn room_jid(&self, local_part: &str) -> String {
        format!("{local_part}@{}", self.muc)
    }
}

/// `localhost`, `anon.localhost`, `room.localhost`.
impl Default for Domains {
    fn default() -> Self {
        Domains::under(USER_DOMAIN)
    }
}

/// `user@localhost`.
pub fn user_jid(user: &str) -> String {
    Domains::default().user_jid(user)
}

/// `local_part@room.localhost`.
pub fn room_jid(local_part: &str) -> String {
    Domains::default().room_jid(local_part)
}

/// `ws://127.0.0.1:PORT/xmpp-websocket`.
pub fn ws_url(http_port: u16) -> String {
    format!("ws://127.0.0.1:{http_port}{WS_PATH}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_layout_is_the_constants() {
        let d = Domains::default();
        assert_eq!(d.all(), [USER_DOMAIN, ANON_DOMAIN, MUC_DOMAIN]);
        assert_eq!(user_jid("alice"), "alice@localhost");
        assert_eq!(room_jid("demo"), "demo@room.localhost");
    }

    #[test]
    fn another_instance_has_the_plugins_layout_under_its_host() {
        let b = Domains::under("b.localhost");
        assert_eq!(
            b.all(),
            ["b.localhost", "anon.b.localhost", "room.b.localhost"]
        );
        assert_eq!(b.user_jid("bob"), "bob@b.localhost");
        assert_eq!(b.room_jid("v"), "v@room.b.localhost");
    }
}
