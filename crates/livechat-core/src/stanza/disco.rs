//! Service discovery (XEP-0030) of the room: the query, and its answer read into [`RoomInfo`]
//! (features, name, and the `muc#roominfo` form of XEP-0128).

use xmpp_parsers::ns;

use super::moderation::{NS_MODERATE_0, NS_MODERATE_1};
use super::peertube::MAX_MODERATION_DELAY_S;
use super::poll::NS_POLL;
use crate::room::RoomInfo;
use crate::xml::Element;

/// A disco#info query.
pub fn info_query() -> Element {
    Element::bare("query", ns::DISCO_INFO)
}

/// The room's answer to [`info_query`]; `None` when the payload is not one.
pub fn room_info(payload: Option<&Element>) -> Option<RoomInfo> {
    let result = payload.filter(|p| p.is("query", ns::DISCO_INFO))?;
    let has_feature = |var: &str| {
        result
            .children()
            .any(|c| c.is("feature", ns::DISCO_INFO) && c.attr("var") == Some(var))
    };
    let mut info = RoomInfo {
        moderated: has_feature("muc_moderated"),
        emoji_only: has_feature("x_peertubelivechat_emoji_only_mode"),
        mute_anonymous: has_feature("x_peertubelivechat_mute_anonymous"),
        polls: has_feature(NS_POLL),
        moderation_namespace: [NS_MODERATE_1, NS_MODERATE_0]
            .into_iter()
            .find(|ns| has_feature(ns))
            .map(str::to_owned),
        name: result
            .children()
            .filter(|c| c.is("identity", ns::DISCO_INFO))
            .find_map(|i| i.attr("name"))
            .map(str::to_owned),
        ..RoomInfo::default()
    };
    // XEP-0128: the muc#roominfo form (the only data form a room's disco#info carries).
    for form in result.children().filter(|c| c.is("x", ns::DATA_FORMS)) {
        read_room_info_form(form, &mut info);
    }
    Some(info)
}

/// The `muc#roominfo` fields a room's disco#info form carries (XEP-0045 §15.5.4).
fn read_room_info_form(form: &Element, info: &mut RoomInfo) {
    for field in form.children().filter(|c| c.is("field", ns::DATA_FORMS)) {
        let value = field.get_child("value", ns::DATA_FORMS).map(Element::text);
        let value = value.as_deref();
        match field.attr("var") {
            Some("muc#roominfo_occupants") => info.occupants = value.and_then(|v| v.parse().ok()),
            Some("muc#roominfo_slow_mode_duration") => {
                info.slow_mode_seconds = value.and_then(|v| v.parse().ok()).filter(|s| *s > 0)
            }
            Some("muc#roominfo_moderation_delay") => {
                info.moderation_delay_seconds = value
                    .and_then(|v| v.parse().ok())
                    .filter(|s| (1..=MAX_MODERATION_DELAY_S).contains(s))
            }
            Some("muc#roominfo_description") => {
                info.description = value.map(str::to_owned).filter(|s| !s.is_empty())
            }
            Some("muc#roomconfig_roomname") => {
                info.name = value.map(str::to_owned).filter(|s| !s.is_empty())
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_room_info_form() {
        let answer: Element = "<query xmlns='http://jabber.org/protocol/disco#info'>\
             <identity category='conference' type='text' name='Live'/>\
             <feature var='muc_moderated'/><feature var='urn:xmpp:message-moderate:0'/>\
             <feature var='x_peertubelivechat_emoji_only_mode'/><feature var='http://jabber.org/protocol/muc#x-poll'/>\
             <x xmlns='jabber:x:data' type='result'>\
             <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roominfo</value></field>\
             <field var='muc#roominfo_occupants'><value>12</value></field>\
             <field var='muc#roominfo_slow_mode_duration'><value>0</value></field>\
             <field var='muc#roominfo_moderation_delay'><value>10</value></field>\
             <field var='muc#roominfo_description'><value>Q&amp;A</value></field></x></query>"
            .parse()
            .unwrap();
        let info = room_info(Some(&answer)).unwrap();
        assert_eq!(
            info,
            RoomInfo {
                slow_mode_seconds: None,
                occupants: Some(12),
                moderated: true,
                name: Some("Live".into()),
                description: Some("Q&A".into()),
                moderation_namespace: Some(NS_MODERATE_0.into()),
                moderation_delay_seconds: Some(10),
                emoji_only: true,
                mute_anonymous: false,
                polls: true,
            }
        );
        assert_eq!(room_info(None), None);
    }
}
