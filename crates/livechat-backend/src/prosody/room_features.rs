//! The PeerTube livechat plugin's room features on the test server (polls, terms, announcements,
//! moderation delay, emoji-only mode, mute anonymous, slow mode), served by the project's own
//! modules in `prosody-modules/`: what the whole server is configured with
//! ([`FeatureSettings`]), and what each room's owner sets ([`RoomFeatures`]), at creation or
//! live with [`Prosody::configure_room`].

use std::time::Duration;

use super::lua::{lua_escape, lua_string};
use super::Prosody;
use crate::error::Error;

/// The room features' server-wide settings, written into the MUC component's configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureSettings {
    /// The instance's terms, shown to everyone who joins any room (`<x-livechat-terms
    /// type="global"/>`); `None`: none.
    pub global_terms: Option<String>,
    /// How long one minute of a poll's duration lasts: 60 s, as on the plugin's server; tests
    /// shorten it to run a poll of "2 minutes" in 2 s.
    pub poll_minute: Duration,
    /// A poll's vote counts go out at most once per interval (5 s, as on the plugin's server).
    pub poll_update_interval: Duration,
}

impl Default for FeatureSettings {
    fn default() -> Self {
        FeatureSettings {
            global_terms: None,
            poll_minute: Duration::from_secs(60),
            poll_update_interval: Duration::from_secs(5),
        }
    }
}

impl FeatureSettings {
    /// The modules' options, as lines of the MUC component's section.
    pub(crate) fn lua(&self) -> String {
        let mut lines = vec![
            format!(
                "  livechat_poll_minute = {}",
                self.poll_minute.as_secs_f64()
            ),
            format!(
                "  livechat_poll_update_interval = {}",
                self.poll_update_interval.as_secs_f64()
            ),
        ];
        if let Some(terms) = &self.global_terms {
            lines.push(format!("  livechat_terms_global = {}", lua_string(terms)));
        }
        lines.join("\n")
    }
}

/// One room's features, as its owner sets them in the room configuration form (`muc#owner`).
/// `None` leaves a feature as it is; `Some` sets it, where 0, `false` and an empty text turn it
/// off. Build it with `RoomFeatures { field: …, ..Default::default() }`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoomFeatures {
    /// Seconds a participant waits between two messages (moderators never wait).
    pub slow_mode: Option<u32>,
    /// Seconds before participants see a message, at most 60 (moderators see it at once).
    pub moderation_delay: Option<u32>,
    /// Participants send emojis only.
    pub emoji_only: Option<bool>,
    /// The channel's custom emojis (`:shortname:`), which emoji-only mode accepts.
    pub custom_emojis: Option<Vec<String>>,
    /// Anonymous viewers join as visitors.
    pub mute_anonymous: Option<bool>,
    /// The room's own terms, shown to everyone who joins and, when they change, to everyone.
    pub terms: Option<String>,
}

impl RoomFeatures {
    /// Whether this sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == RoomFeatures::default()
    }

    /// The fields of the room configuration form that set these features, with their values:
    /// what an owner's client submits (the slow mode, moderation delay, emoji-only and
    /// mute-anonymous fields are the plugin's; the plugin's server takes the terms and custom
    /// emojis from its own API instead, so those two fields are the project's).
    pub fn form_fields(&self) -> Vec<(&'static str, Vec<String>)> {
        let number = |n: &Option<u32>| n.map(|n| vec![n.to_string()]);
        let flag = |b: &Option<bool>| b.map(|b| vec![if b { "1" } else { "0" }.to_owned()]);
        let lines = |t: &Option<String>| t.as_ref().map(|t| t.lines().map(str::to_owned).collect());
        [
            ("muc#roomconfig_slow_mode_duration", number(&self.slow_mode)),
            (
                "muc#roomconfig_moderation_delay",
                number(&self.moderation_delay),
            ),
            (
                "muc#roomconfig_x_peertubelivechat_emoji_only_mode",
                flag(&self.emoji_only),
            ),
            (
                "muc#roomconfig_livechat_custom_emojis",
                self.custom_emojis.clone(),
            ),
            (
                "muc#roomconfig_x_peertubelivechat_mute_anonymous",
                flag(&self.mute_anonymous),
            ),
            ("muc#roomconfig_livechat_terms", lines(&self.terms)),
        ]
        .into_iter()
        .filter_map(|(var, values)| Some((var, values?)))
        .collect()
    }
}

impl Prosody {
    /// Sets the features of the existing room `room_jid` live, as its owner would through the
    /// room configuration form: occupants get status code 104 when a change shows to them, new
    /// room terms at once.
    pub fn configure_room(&self, room_jid: &str, features: &RoomFeatures) -> Result<(), Error> {
        self.admin_shell(&configure_room_lua(room_jid, features))
            .map(drop)
    }
}

/// One line for the admin shell's global environment (`>`) that submits the room configuration
/// form carrying `features` to the room `room_jid`, through the room's own form handling.
fn configure_room_lua(room_jid: &str, features: &RoomFeatures) -> String {
    let mut fields =
        String::from("field(\"FORM_TYPE\", \"http://jabber.org/protocol/muc#roomconfig\"); ");
    for (var, values) in features.form_fields() {
        fields.push_str(&format!("field({}", lua_string(var)));
        for value in values {
            fields.push_str(&format!(", {}", lua_string(&value)));
        }
        fields.push_str("); ");
    }
    format!(
        ">local st, jid = require \"util.stanza\", require \"util.jid\"; \
         local host = prosody.hosts[jid.host(\"{room}\")]; \
         local room = host and host.modules.muc and host.modules.muc.get_room_from_jid(\"{room}\"); \
         if not room then return nil, \"No such room: {room}\" end; \
         local form = st.stanza(\"x\", {{ xmlns = \"jabber:x:data\", type = \"submit\" }}); \
         local function field(var, ...) form:tag(\"field\", {{ var = var }}); \
         for _, value in ipairs({{...}}) do form:text_tag(\"value\", value) end; form:up() end; \
         {fields}\
         local reply; \
         room:process_form({{ send = function (stanza) reply = stanza end }}, \
         st.iq({{ type = \"set\", id = \"livechat-backend\", from = room.jid, to = room.jid }}) \
         :query(\"http://jabber.org/protocol/muc#owner\"):add_child(form)); \
         if not reply or reply.attr.type == \"error\" then return nil, tostring(reply) end; \
         return true, \"configured \" .. room.jid",
        room = lua_escape(room_jid),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_features_given_become_form_fields() {
        let features = RoomFeatures {
            slow_mode: Some(0),
            emoji_only: Some(true),
            custom_emojis: Some(vec![":party:".into(), ":cat:".into()]),
            terms: Some("Be kind.\nNo spam.".into()),
            ..Default::default()
        };
        assert_eq!(
            features.form_fields(),
            vec![
                ("muc#roomconfig_slow_mode_duration", vec!["0".to_owned()]),
                (
                    "muc#roomconfig_x_peertubelivechat_emoji_only_mode",
                    vec!["1".to_owned()]
                ),
                (
                    "muc#roomconfig_livechat_custom_emojis",
                    vec![":party:".to_owned(), ":cat:".to_owned()]
                ),
                (
                    "muc#roomconfig_livechat_terms",
                    vec!["Be kind.".to_owned(), "No spam.".to_owned()]
                ),
            ]
        );
        assert!(RoomFeatures::default().is_empty());
        assert!(!features.is_empty());
    }

    #[test]
    fn the_configuration_line_escapes_what_it_is_given() {
        let line = configure_room_lua(
            "a\"b@room.localhost",
            &RoomFeatures {
                terms: Some("say \"hi\"".into()),
                ..Default::default()
            },
        );
        assert!(line.starts_with('>'), "{line}");
        assert!(!line.contains('\n'), "{line}");
        assert!(
            line.contains("get_room_from_jid(\"a\\\"b@room.localhost\")"),
            "{line}"
        );
        assert!(
            line.contains("field(\"muc#roomconfig_livechat_terms\", \"say \\\"hi\\\"\");"),
            "{line}"
        );
    }

    #[test]
    fn server_settings_become_component_options() {
        let lua = FeatureSettings {
            global_terms: Some("Rules".into()),
            poll_minute: Duration::from_millis(500),
            ..Default::default()
        }
        .lua();
        assert!(lua.contains("livechat_poll_minute = 0.5"), "{lua}");
        assert!(lua.contains("livechat_poll_update_interval = 5"), "{lua}");
        assert!(lua.contains("livechat_terms_global = \"Rules\""), "{lua}");
        assert!(!FeatureSettings::default().lua().contains("terms"));
    }
}
