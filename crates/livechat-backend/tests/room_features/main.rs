//! The plugin's room features on the test Prosody (the project's modules in `prosody-modules/`),
//! each checked on the wire against a real server: polls, terms, announcements, moderation
//! delay, emoji-only mode, mute anonymous, slow mode, and status code 104 on a change.
//!
//! Every test starts its own Prosody with three accounts: `owner` (the room's owner, a
//! moderator), `alice` and `bob` (participants); anonymous viewers come from the anonymous host.
//! Polls run in seconds: a poll's minute lasts one second here.

#[path = "../common/mod.rs"]
mod common;
mod occupant;

mod announcements;
mod config_changes;
mod emoji_only;
mod moderation_delay;
mod mute_anonymous;
mod polls;
mod slow_mode;
mod terms;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use livechat_backend::{FeatureSettings, Prosody, ProsodyOptions, RoomFeatures, RoomOptions};
use xmpp_parsers::minidom::Element;

/// Every account's password.
pub const PASSWORD: &str = "room-features";

/// A Prosody with the accounts `owner`, `alice` and `bob`, and these server-wide settings.
pub fn start(settings: FeatureSettings) -> Prosody {
    let prosody = Prosody::start(ProsodyOptions {
        room_features: settings,
        ..ProsodyOptions::default()
    })
    .expect("start prosody");
    for user in ["owner", "alice", "bob"] {
        prosody.register(user, PASSWORD).unwrap();
    }
    prosody
}

/// Settings for quick polls: a minute of one second, updates every half second.
pub fn quick_polls() -> FeatureSettings {
    FeatureSettings {
        poll_minute: Duration::from_secs(1),
        poll_update_interval: Duration::from_millis(500),
        ..FeatureSettings::default()
    }
}

/// The room `local_part`, owned by `owner@localhost`, with `features`.
pub fn room(prosody: &Prosody, local_part: &str, features: RoomFeatures) -> String {
    prosody
        .create_room(
            local_part,
            &RoomOptions {
                owners: vec![prosody.user_jid("owner")],
                features,
                ..RoomOptions::default()
            },
        )
        .unwrap()
}

/// The room `local_part`, owned by `owner@localhost`, with `bob@localhost` as its admin.
pub fn room_with_admin_bob(prosody: &Prosody, local_part: &str) -> String {
    let options = RoomOptions {
        owners: vec![prosody.user_jid("owner")],
        admins: vec![prosody.user_jid("bob")],
        ..RoomOptions::default()
    };
    prosody.create_room(local_part, &options).unwrap()
}

/// Seconds since the Unix epoch, as the features' timestamps count them.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

const NS_DISCO_INFO: &str = "http://jabber.org/protocol/disco#info";
const NS_DATA: &str = "jabber:x:data";

/// Whether a disco#info answer lists `feature`.
pub fn has_feature(info: &Element, feature: &str) -> bool {
    let query = info.get_child("query", NS_DISCO_INFO).unwrap();
    query
        .children()
        .any(|c| c.is("feature", NS_DISCO_INFO) && c.attr("var") == Some(feature))
}

/// The value of a field of a disco#info answer's form (`Some("")` for a field without value).
pub fn info_field(info: &Element, var: &str) -> Option<String> {
    let query = info.get_child("query", NS_DISCO_INFO).unwrap();
    let form = query.get_child("x", NS_DATA)?;
    let field = form
        .children()
        .find(|f| f.is("field", NS_DATA) && f.attr("var") == Some(var))?;
    Some(
        field
            .get_child("value", NS_DATA)
            .map(Element::text)
            .unwrap_or_default(),
    )
}

/// A submitted data form of `form_type` with these fields.
pub fn submitted_form(form_type: &str, fields: &[(impl AsRef<str>, Vec<String>)]) -> String {
    let mut xml = format!(
        "<x xmlns='jabber:x:data' type='submit'>\
         <field var='FORM_TYPE'><value>{form_type}</value></field>"
    );
    for (var, values) in fields {
        xml.push_str(&format!("<field var='{}'>", var.as_ref()));
        for value in values {
            xml.push_str(&format!("<value>{}</value>", occupant::escape(value)));
        }
        xml.push_str("</field>");
    }
    xml.push_str("</x>");
    xml
}

/// Whether this is the room's notice that its configuration changed (status code 104).
pub fn is_config_change(stanza: &Element) -> bool {
    stanza.name() == "message"
        && stanza.attr("type") == Some("groupchat")
        && occupant::has_status(stanza, "104")
}
