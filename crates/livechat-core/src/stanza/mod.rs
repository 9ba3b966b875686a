//! What travels on the wire, one file per family: each builds the elements this client sends and
//! reads what it receives into small typed values, so that the session acts on values and never
//! walks an element itself.
//!
//! Not xmpp-parsers' typed structs: every `TryFrom<Element>` and `Into<Element>` of theirs brought
//! its generated code into the browser's download (with the `jid` crate's Unicode tables behind
//! every JID field), where the session reads one or two attributes. [`crate::xml`] does the XML
//! (parsing, escaping, namespaces); these modules only name elements and attributes.
//!
//! A new room feature (polls, announcements, …) adds its reader here, beside the others, and a
//! variant to what [`message::Groupchat`] or [`presence::MucPresence`] carries.

pub mod csi;
pub mod disco;
pub mod edit;
pub mod form;
pub mod iq;
pub mod message;
pub mod moderation;
pub mod peertube;
pub mod poll;
pub mod presence;
pub mod reference;
pub mod sm;
pub mod stream;

use xmpp_parsers::ns;

use crate::jid::{BareJid, Jid, JidError};
use crate::xml::Element;

/// XEP-0421, which xmpp-parsers' `ns` does not name.
const NS_OCCUPANT_ID: &str = "urn:xmpp:occupant-id:0";

/// A child with text only, such as `<body/>` or `<reason/>`.
pub fn text_element(name: &str, ns: &str, text: String) -> Element {
    Element::builder(name, ns).append(text).build()
}

/// A defined condition and the human text that may come with it: a stanza's `<error/>`
/// (RFC 6120 §8.3), a stream error, a SASL `<failure/>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The condition's element name (`conflict`, `not-authorized`, …).
    pub condition: String,
    pub text: Option<String>,
}

impl Condition {
    /// The first child of `element` in `ns` that is not `<text/>`, and that `<text/>`'s content.
    pub fn read(element: &Element, ns: &str) -> Condition {
        let condition = element
            .children()
            .find(|c| c.ns() == ns && c.name() != "text")
            .map_or_else(|| "undefined-condition".into(), |c| c.name().to_owned());
        let text = element
            .get_child("text", ns)
            .map(Element::text)
            .filter(|t| !t.is_empty());
        Condition { condition, text }
    }

    /// The `<error/>` of a stanza of type `error`.
    pub fn of_stanza(stanza: &Element) -> Condition {
        match stanza.get_child("error", ns::DEFAULT_NS) {
            Some(error) => Condition::read(error, ns::XMPP_STANZAS),
            None => Condition {
                condition: "undefined-condition".into(),
                text: None,
            },
        }
    }
}

/// RFC 6120 §8.3.2: what the sender of a refused stanza should do about it. `Continue` is only a
/// warning: the stanza was taken (the plugin's anonymous poll answers each vote so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorType {
    Auth,
    Cancel,
    Continue,
    Modify,
    Wait,
}

impl ErrorType {
    /// The `type` of a stanza's `<error/>`, if it is one of the five.
    pub fn of_stanza(stanza: &Element) -> Option<ErrorType> {
        let error = stanza.get_child("error", ns::DEFAULT_NS)?;
        Some(match error.attr("type")? {
            "auth" => ErrorType::Auth,
            "cancel" => ErrorType::Cancel,
            "continue" => ErrorType::Continue,
            "modify" => ErrorType::Modify,
            "wait" => ErrorType::Wait,
            _ => return None,
        })
    }
}

/// The stanza's sender if it is `room` or one of its occupants; `Err` when `from` is not an
/// address at all.
pub fn from_room(stanza: &Element, room: &BareJid) -> Result<Option<Jid>, JidError> {
    let from = stanza.attr("from").map(Jid::new).transpose()?;
    Ok(from.filter(|from| *from.bare() == *room))
}

/// XEP-0421: the occupant-id the room stamps on an occupant's presences and messages.
pub fn occupant_id(stanza: &Element) -> Option<String> {
    stanza
        .get_child("occupant-id", NS_OCCUPANT_ID)
        .and_then(|o| o.attr("id"))
        .map(str::to_owned)
}

/// The XEP-0045 status codes of a stanza's `<x xmlns='…muc#user'/>`.
pub fn muc_statuses(stanza: &Element) -> Vec<u16> {
    stanza
        .get_child("x", ns::MUC_USER)
        .into_iter()
        .flat_map(|x| x.children().filter(|c| c.is("status", ns::MUC_USER)))
        .filter_map(|s| s.attr("code")?.parse().ok())
        .collect()
}

/// The best text of the children called `name` in the stanza's namespace: the one without
/// `xml:lang` (the stanza's own language), else the first (as xmpp-parsers chose).
pub fn best_text(stanza: &Element, name: &str) -> Option<String> {
    let mut first = None;
    for child in stanza.children().filter(|c| c.is(name, ns::DEFAULT_NS)) {
        if child.attr("xml:lang").is_none() {
            return Some(child.text());
        }
        first.get_or_insert(child);
    }
    first.map(Element::text)
}

/// A XEP-0082 date and time (`<delay stamp=…/>`) as Unix milliseconds.
pub fn parse_stamp_ms(stamp: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .ok()
        .map(|t| t.timestamp_millis())
}

/// Unix milliseconds as a XEP-0082 UTC date and time, to the second.
pub fn format_stamp(ms: i64) -> Option<String> {
    let secs = ms.div_euclid(1000);
    let utc = chrono::DateTime::from_timestamp(secs, 0)?;
    Some(utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(xml: &str) -> Element {
        xml.parse().unwrap()
    }

    #[test]
    fn reads_stamps_and_the_best_body() {
        assert_eq!(
            parse_stamp_ms("2026-09-21T14:13:20Z"),
            Some(1_790_000_000_000)
        );
        assert_eq!(
            parse_stamp_ms("2026-09-21T16:13:20.5+02:00"),
            Some(1_790_000_000_500)
        );
        assert_eq!(parse_stamp_ms("yesterday"), None);
        let message = parse(
            "<message xmlns='jabber:client'><body xml:lang='fr'>salut</body><body>hi</body></message>",
        );
        assert_eq!(best_text(&message, "body").as_deref(), Some("hi"));
        assert_eq!(best_text(&message, "subject"), None);
        let french =
            parse("<message xmlns='jabber:client'><body xml:lang='fr'>salut</body></message>");
        assert_eq!(best_text(&french, "body").as_deref(), Some("salut"));
    }

    #[test]
    fn reads_error_conditions_with_or_without_text() {
        let refused = parse(
            "<message xmlns='jabber:client' type='error'><error type='wait'>\
             <policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\
             <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>slow down</text></error></message>",
        );
        assert_eq!(
            Condition::of_stanza(&refused),
            Condition {
                condition: "policy-violation".into(),
                text: Some("slow down".into())
            }
        );
        let bare = parse("<presence xmlns='jabber:client' type='error'/>");
        assert_eq!(Condition::of_stanza(&bare).condition, "undefined-condition");
    }

    #[test]
    fn reads_status_codes_and_occupant_ids() {
        let presence = parse(
            "<presence xmlns='jabber:client'><x xmlns='http://jabber.org/protocol/muc#user'>\
             <status code='110'/><status code='x'/><status code='201'/></x>\
             <occupant-id xmlns='urn:xmpp:occupant-id:0' id='o1'/></presence>",
        );
        assert_eq!(muc_statuses(&presence), [110, 201]);
        assert_eq!(occupant_id(&presence).as_deref(), Some("o1"));
    }
}
