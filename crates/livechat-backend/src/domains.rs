//! The XMPP layout both servers share, as the PeerTube livechat plugin lays out its Prosody:
//! registered users, anonymous viewers and rooms on three domains, and one WebSocket path.

/// The virtual host of registered users (SASL PLAIN / SCRAM, `internal_hashed`).
pub const USER_DOMAIN: &str = "localhost";
/// The virtual host of anonymous viewers (SASL ANONYMOUS).
pub const ANON_DOMAIN: &str = "anon.localhost";
/// The MUC component.
pub const MUC_DOMAIN: &str = "room.localhost";
/// The path of the WebSocket endpoint (RFC 7395, subprotocol `xmpp`).
pub const WS_PATH: &str = "/xmpp-websocket";

/// `user@localhost`.
pub fn user_jid(user: &str) -> String {
    format!("{user}@{USER_DOMAIN}")
}

/// `local_part@room.localhost`.
pub fn room_jid(local_part: &str) -> String {
    format!("{local_part}@{MUC_DOMAIN}")
}

/// `ws://127.0.0.1:PORT/xmpp-websocket`.
pub fn ws_url(http_port: u16) -> String {
    format!("ws://127.0.0.1:{http_port}{WS_PATH}")
}
