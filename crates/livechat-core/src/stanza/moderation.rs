//! Moderation: what a moderator asks of the room (XEP-0045 muc#admin roles and affiliations,
//! XEP-0425 retraction), and [`Moderated`], the room's notice that a message was retracted.

use crate::jid::{BareJid, Jid};
use crate::text::xml_safe;
use crate::xml::Element;

pub const NS_MUC_ADMIN: &str = "http://jabber.org/protocol/muc#admin";
pub const NS_FASTEN_0: &str = "urn:xmpp:fasten:0";
pub const NS_RETRACT_0: &str = "urn:xmpp:message-retract:0";
pub const NS_RETRACT_1: &str = "urn:xmpp:message-retract:1";
pub const NS_MODERATE_0: &str = "urn:xmpp:message-moderate:0";
pub const NS_MODERATE_1: &str = "urn:xmpp:message-moderate:1";

/// A muc#admin query that gives the occupant `nick` a `role` (`none` kicks).
pub fn set_role(nick: &str, role: &str, reason: Option<&str>) -> Element {
    let item = Element::builder("item", NS_MUC_ADMIN)
        .attr("nick", nick)
        .attr("role", role)
        .append_all(reason_element(NS_MUC_ADMIN, reason));
    admin_query(item.build())
}

/// A muc#admin query that bans an address (affiliation outcast).
pub fn ban(jid: &BareJid, reason: Option<&str>) -> Element {
    let item = Element::builder("item", NS_MUC_ADMIN)
        .attr("affiliation", "outcast")
        .attr("jid", jid.to_string())
        .append_all(reason_element(NS_MUC_ADMIN, reason));
    admin_query(item.build())
}

fn admin_query(item: Element) -> Element {
    Element::builder("query", NS_MUC_ADMIN).append(item).build()
}

/// XEP-0425: retract the message with this stanza-id for everyone, in the form the room announced
/// (`namespace` from its disco#info); Prosody's mod_muc_moderation speaks the older fastening form.
pub fn retract(stanza_id: &str, reason: Option<&str>, namespace: Option<&str>) -> Element {
    if namespace == Some(NS_MODERATE_1) {
        Element::builder("moderate", NS_MODERATE_1)
            .attr("id", stanza_id)
            .append(Element::bare("retract", NS_RETRACT_1))
            .append_all(reason_element(NS_MODERATE_1, reason))
            .build()
    } else {
        Element::builder("apply-to", NS_FASTEN_0)
            .attr("id", stanza_id)
            .append(
                Element::builder("moderate", NS_MODERATE_0)
                    .append(Element::bare("retract", NS_RETRACT_0))
                    .append_all(reason_element(NS_MODERATE_0, reason))
                    .build(),
            )
            .build()
    }
}

/// A `<reason/>`, left out when there is none (or nothing XML can carry).
fn reason_element(ns: &str, reason: Option<&str>) -> Option<Element> {
    reason.map(xml_safe).filter(|r| !r.is_empty()).map(|r| {
        Element::builder("reason", ns)
            .append(r.into_owned())
            .build()
    })
}

/// The room's notice that a moderator retracted a message (XEP-0425, current and older forms).
#[derive(Debug, PartialEq, Eq)]
pub struct Moderated {
    /// The stanza-id of the retracted message.
    pub target: String,
    /// The moderator's nickname (or their address, where the room gives no nickname).
    pub moderator: String,
    pub reason: Option<String>,
}

impl Moderated {
    /// Meaningful only from the room itself: an occupant could send the same.
    pub fn read(message: &Element) -> Option<Moderated> {
        let mut found = None;
        for p in message.children() {
            if p.is("retract", NS_RETRACT_1) {
                if let Some(m) = p.get_child("moderated", NS_MODERATE_1) {
                    let reason = p.get_child("reason", NS_RETRACT_1).map(Element::text);
                    found = Some((p.attr("id"), m.attr("by"), reason));
                }
            } else if p.is("apply-to", NS_FASTEN_0) {
                if let Some(m) = p.get_child("moderated", NS_MODERATE_0) {
                    if m.has_child("retract", NS_RETRACT_0) {
                        let reason = m.get_child("reason", NS_MODERATE_0).map(Element::text);
                        found = Some((p.attr("id"), m.attr("by"), reason));
                    }
                }
            }
        }
        let (target, by, reason) = found?;
        let moderator = by
            .and_then(|by| by.parse::<Jid>().ok())
            .map(|j| {
                j.resource()
                    .map(str::to_owned)
                    .unwrap_or_else(|| j.to_string())
            })
            .unwrap_or_default();
        Some(Moderated {
            target: target?.to_owned(),
            moderator,
            reason: reason.filter(|r| !r.is_empty()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_in_the_form_the_room_speaks() {
        assert_eq!(
            String::from(&retract("s1", Some("spam"), Some(NS_MODERATE_1))),
            "<moderate xmlns='urn:xmpp:message-moderate:1' id='s1'><retract xmlns='urn:xmpp:message-retract:1'/><reason>spam</reason></moderate>"
        );
        assert_eq!(
            String::from(&retract("s1", Some("\u{0}"), None)),
            "<apply-to xmlns='urn:xmpp:fasten:0' id='s1'><moderate xmlns='urn:xmpp:message-moderate:0'><retract xmlns='urn:xmpp:message-retract:0'/></moderate></apply-to>"
        );
        assert_eq!(
            String::from(&set_role("Bob", "none", Some("bye"))),
            "<query xmlns='http://jabber.org/protocol/muc#admin'><item nick='Bob' role='none'><reason>bye</reason></item></query>"
        );
    }

    #[test]
    fn reads_who_retracted_what_and_why() {
        let notice: Element = "<message xmlns='jabber:client' from='live@room.localhost' type='groupchat'>\
             <apply-to xmlns='urn:xmpp:fasten:0' id='s1'><moderated xmlns='urn:xmpp:message-moderate:0' by='live@room.localhost/Alice'>\
             <retract xmlns='urn:xmpp:message-retract:0'/><reason>off topic</reason></moderated></apply-to></message>"
            .parse()
            .unwrap();
        assert_eq!(
            Moderated::read(&notice),
            Some(Moderated {
                target: "s1".into(),
                moderator: "Alice".into(),
                reason: Some("off topic".into())
            })
        );
        let current: Element = "<message xmlns='jabber:client'><retract xmlns='urn:xmpp:message-retract:1' id='s2'>\
             <moderated xmlns='urn:xmpp:message-moderate:1' by='live@room.localhost'/><reason/></retract></message>"
            .parse()
            .unwrap();
        assert_eq!(
            Moderated::read(&current),
            Some(Moderated {
                target: "s2".into(),
                moderator: "live@room.localhost".into(),
                reason: None
            })
        );
    }
}
