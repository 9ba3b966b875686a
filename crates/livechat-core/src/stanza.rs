//! The stanzas this client sends, built as [`Element`]s, and the few readers it needs on what it
//! receives.
//!
//! Not xmpp-parsers' typed structs: every `TryFrom<Element>` and `Into<Element>` of theirs brought
//! its generated code into the browser's download (with the `jid` crate's Unicode tables behind
//! every JID field), where the session reads one or two attributes. [`crate::xml`] does the XML
//! (parsing, escaping, namespaces); this module only names elements and attributes.

use base64::Engine;
use xmpp_parsers::ns;

use crate::xml::Element;

/// RFC 7395 `<open/>`, to the domain we log in to.
pub fn open(domain: &str) -> Element {
    Element::builder("open", ns::WEBSOCKET)
        .attr("to", domain)
        .attr("version", "1.0")
        .build()
}

/// SASL `<auth/>` with its initial response.
pub fn auth(mechanism: &str, initial_response: &[u8]) -> Element {
    Element::builder("auth", ns::SASL)
        .attr("mechanism", mechanism)
        .append(base64::engine::general_purpose::STANDARD.encode(initial_response))
        .build()
}

/// An `<iq/>` of `type_` (`get`, `set`, `result` or `error`).
pub fn iq(type_: &str, id: &str, to: Option<&str>, payload: Option<Element>) -> Element {
    Element::builder("iq", ns::JABBER_CLIENT)
        .attr("id", id)
        .attr("to", to)
        .attr("type", type_)
        .append_all(payload)
        .build()
}

/// RFC 6120 §8.3: the error answer to an iq we do not serve.
pub fn service_unavailable() -> Element {
    Element::builder("error", ns::JABBER_CLIENT)
        .attr("type", "cancel")
        .append(Element::bare("service-unavailable", ns::XMPP_STANZAS))
        .build()
}

/// Resource binding, with the resource we ask for if any.
pub fn bind(resource: Option<&str>) -> Element {
    Element::builder("bind", ns::BIND)
        .append_all(resource.map(|r| Element::builder("resource", ns::BIND).append(r).build()))
        .build()
}

/// A `<presence/>` to an occupant JID; `type_` is `None` for available.
pub fn presence(to: &str, type_: Option<&str>, payload: Option<Element>) -> Element {
    Element::builder("presence", ns::JABBER_CLIENT)
        .attr("to", to)
        .attr("type", type_)
        .append_all(payload)
        .build()
}

/// The MUC join payload with its bounded history request; `since` as XEP-0082 UTC.
pub fn muc_join(max_stanzas: u32, since: Option<String>) -> Element {
    Element::builder("x", ns::MUC)
        .append(
            Element::builder("history", ns::MUC)
                .attr("maxstanzas", max_stanzas.to_string())
                .attr("since", since)
                .build(),
        )
        .build()
}

/// A groupchat `<message/>` to the room, with its children.
pub fn groupchat(id: &str, room: &str, children: impl IntoIterator<Item = Element>) -> Element {
    Element::builder("message", ns::JABBER_CLIENT)
        .attr("id", id)
        .attr("to", room)
        .attr("type", "groupchat")
        .append_all(children)
        .build()
}

/// A child with text only, such as `<body/>` or `<reason/>`.
pub fn text_element(name: &str, ns: &str, text: String) -> Element {
    Element::builder(name, ns).append(text).build()
}

/// XEP-0359 origin-id: how the room's echo and any error find our message again.
pub fn origin_id(id: &str) -> Element {
    Element::builder("origin-id", ns::SID)
        .attr("id", id)
        .build()
}

/// A XEP-0198 element with at most an `h` counter (`<r/>`, `<a h=…/>`).
pub fn sm(name: &str, h: Option<u32>) -> Element {
    Element::builder(name, ns::SM)
        .attr("h", h.map(|h| h.to_string()))
        .build()
}

pub fn sm_enable() -> Element {
    Element::builder("enable", ns::SM)
        .attr("resume", "true")
        .build()
}

pub fn sm_resume(h: u32, previd: &str) -> Element {
    Element::builder("resume", ns::SM)
        .attr("h", h.to_string())
        .attr("previd", previd)
        .build()
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

    #[test]
    fn builds_what_the_server_expects() {
        assert_eq!(
            String::from(&auth("ANONYMOUS", b"")),
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'></auth>"
        );
        assert_eq!(
            String::from(&auth("PLAIN", b"\0alice\0alicepass")),
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAGFsaWNlcGFzcw==</auth>"
        );
        assert_eq!(
            String::from(&iq("set", "b1", None, Some(bind(Some("web"))))),
            "<iq xmlns='jabber:client' id='b1' type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>web</resource></bind></iq>"
        );
        assert_eq!(
            String::from(&iq("error", "q1", Some("r@m/n"), Some(service_unavailable()))),
            "<iq xmlns='jabber:client' id='q1' to='r@m/n' type='error'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"
        );
        assert_eq!(
            String::from(&presence("r@m/n", Some("unavailable"), None)),
            "<presence xmlns='jabber:client' to='r@m/n' type='unavailable'/>"
        );
        assert_eq!(
            String::from(&presence("r@m/n", None, Some(muc_join(5, format_stamp(1_790_000_000_999))))),
            "<presence xmlns='jabber:client' to='r@m/n'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='5' since='2026-09-21T14:13:20Z'/></x></presence>"
        );
        assert_eq!(
            String::from(&sm("a", Some(7))),
            "<a xmlns='urn:xmpp:sm:3' h='7'/>"
        );
        assert_eq!(String::from(&sm("r", None)), "<r xmlns='urn:xmpp:sm:3'/>");
        assert_eq!(
            String::from(&sm_resume(3, "x")),
            "<resume xmlns='urn:xmpp:sm:3' h='3' previd='x'/>"
        );
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
        let message: Element = "<message xmlns='jabber:client'><body xml:lang='fr'>salut</body><body>hi</body></message>"
            .parse()
            .unwrap();
        assert_eq!(best_text(&message, "body").as_deref(), Some("hi"));
        assert_eq!(best_text(&message, "subject"), None);
        let french: Element =
            "<message xmlns='jabber:client'><body xml:lang='fr'>salut</body></message>"
                .parse()
                .unwrap();
        assert_eq!(best_text(&french, "body").as_deref(), Some("salut"));
    }
}
