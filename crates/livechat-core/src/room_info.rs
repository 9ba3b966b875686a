//! What the room says about itself in its disco#info: its settings (slow mode, moderation delay,
//! emoji-only mode, muted anonymous viewers), its count of occupants and the features it offers.

/// What the room's disco#info says about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoomInfo {
    /// `muc#roominfo_slow_mode_duration`: seconds to wait between two messages.
    pub slow_mode_seconds: Option<u32>,
    /// `muc#roominfo_occupants`: the server's own count, which stays right when presences are not
    /// broadcast to everyone.
    pub occupants: Option<u32>,
    /// `muc_moderated`: visitors (e.g. anonymous viewers in "mute anonymous" mode) cannot speak.
    pub moderated: bool,
    pub name: Option<String>,
    pub description: Option<String>,
    /// Which XEP-0425 form the room understands: `urn:xmpp:message-moderate:1` or the older `:0`.
    pub moderation_namespace: Option<String>,
    /// `muc#roominfo_moderation_delay`: seconds the room holds a message back from non-moderators.
    pub moderation_delay_seconds: Option<u32>,
    /// Emoji-only mode (`x_peertubelivechat_emoji_only_mode`): the room refuses other messages
    /// from non-moderators.
    pub emoji_only: bool,
    /// Anonymous viewers join muted (`x_peertubelivechat_mute_anonymous`).
    pub mute_anonymous: bool,
    /// The room runs polls (`http://jabber.org/protocol/muc#x-poll`).
    pub polls: bool,
}
