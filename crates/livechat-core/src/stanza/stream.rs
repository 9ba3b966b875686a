//! The stream itself (RFC 7395 framing), SASL and resource binding, and [`Frame`]: what each
//! top-level element the server sends is.

use base64::Engine;
use xmpp_parsers::ns;

use super::sm::Sm;
use super::Condition;
use crate::jid::Jid;
use crate::xml::Element;

/// RFC 7395 `<open/>`, to the domain we log in to.
pub fn open(domain: &str) -> Element {
    Element::builder("open", ns::WEBSOCKET)
        .attr("to", domain)
        .attr("version", "1.0")
        .build()
}

/// RFC 7395 `<close/>`: the end of the stream, either way.
pub fn close() -> Element {
    Element::bare("close", ns::WEBSOCKET)
}

/// SASL `<auth/>` with its initial response.
pub fn auth(mechanism: &str, initial_response: &[u8]) -> Element {
    Element::builder("auth", ns::SASL)
        .attr("mechanism", mechanism)
        .append(base64::engine::general_purpose::STANDARD.encode(initial_response))
        .build()
}

/// Resource binding, with the resource we ask for if any.
pub fn bind(resource: Option<&str>) -> Element {
    Element::builder("bind", ns::BIND)
        .append_all(resource.map(|r| Element::builder("resource", ns::BIND).append(r).build()))
        .build()
}

/// One frame from the server, by kind. Stanzas stay elements: their own readers take them apart.
#[derive(Debug)]
pub enum Frame {
    /// `<open/>`: the server's side of a (re)opened stream.
    Open,
    /// `<close/>`: the server ends the stream.
    Close,
    Features(Features),
    /// `<stream:error/>`: the stream is over.
    StreamError(Condition),
    SaslSuccess,
    SaslFailure(Condition),
    Message(Element),
    Presence(Element),
    Iq(Element),
    StreamManagement(Sm),
    /// Anything else (unknown extensions): ignored, so that a newer server cannot break an
    /// older client.
    Other,
}

impl Frame {
    pub fn read(element: Element) -> Frame {
        match (element.ns(), element.name()) {
            (ns::WEBSOCKET, "open") => Frame::Open,
            (ns::WEBSOCKET, "close") => Frame::Close,
            (ns::STREAM, "features") => Frame::Features(Features::read(&element)),
            (ns::STREAM, "error") => {
                Frame::StreamError(Condition::read(&element, ns::XMPP_STREAMS))
            }
            (ns::SASL, "success") => Frame::SaslSuccess,
            (ns::SASL, "failure") => Frame::SaslFailure(Condition::read(&element, ns::SASL)),
            (ns::JABBER_CLIENT, "message") => Frame::Message(element),
            (ns::JABBER_CLIENT, "presence") => Frame::Presence(element),
            (ns::JABBER_CLIENT, "iq") => Frame::Iq(element),
            (ns::SM, _) => Frame::StreamManagement(Sm::read(&element)),
            _ => Frame::Other,
        }
    }
}

/// What `<stream:features/>` offers that this client uses.
#[derive(Debug, Default)]
pub struct Features {
    /// The SASL mechanisms, sorted and without duplicates (as an error reports them).
    pub mechanisms: Vec<String>,
    /// XEP-0198 stream management.
    pub stream_management: bool,
    /// XEP-0352 client state indication (offered once logged in).
    pub client_state_indication: bool,
}

impl Features {
    pub fn read(features: &Element) -> Features {
        let mut mechanisms: Vec<String> = features
            .get_child("mechanisms", ns::SASL)
            .into_iter()
            .flat_map(|m| m.children().filter(|c| c.is("mechanism", ns::SASL)))
            .map(Element::text)
            .collect();
        mechanisms.sort_unstable();
        mechanisms.dedup();
        Features {
            mechanisms,
            stream_management: features.has_child("sm", ns::SM),
            client_state_indication: features.has_child("csi", ns::CSI),
        }
    }

    pub fn offers(&self, mechanism: &str) -> bool {
        self.mechanisms.iter().any(|m| m == mechanism)
    }
}

/// The full JID in a bind result, if it is one (with a resource).
pub fn bound_jid(payload: Option<&Element>) -> Option<Jid> {
    payload
        .filter(|p| p.is("bind", ns::BIND))
        .and_then(|p| p.get_child("jid", ns::BIND).map(Element::text))
        .and_then(|j| j.parse::<Jid>().ok())
        .filter(|j| j.resource().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stanza::iq::iq;

    fn read(xml: &str) -> Frame {
        Frame::read(xml.parse().unwrap())
    }

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
            String::from(&close()),
            "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"
        );
    }

    #[test]
    fn reads_features_failures_and_bind_results() {
        let Frame::Features(features) = read(
            "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>\
             <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>\
             <mechanism>ANONYMOUS</mechanism><mechanism>PLAIN</mechanism></mechanisms>\
             <sm xmlns='urn:xmpp:sm:3'/></stream:features>",
        ) else {
            panic!("features")
        };
        assert_eq!(features.mechanisms, ["ANONYMOUS", "PLAIN"]);
        assert!(features.stream_management && features.offers("PLAIN"));
        assert!(!features.client_state_indication);
        let Frame::Features(logged_in) = read(
            "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>\
             <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><csi xmlns='urn:xmpp:csi:0'/>\
             </stream:features>",
        ) else {
            panic!("features")
        };
        assert!(logged_in.client_state_indication && !logged_in.stream_management);
        let Frame::SaslFailure(failure) = read(
            "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>\
             <text>bad password</text></failure>",
        ) else {
            panic!("failure")
        };
        assert_eq!(failure.condition, "not-authorized");
        assert_eq!(failure.text.as_deref(), Some("bad password"));
        assert!(matches!(read("<x xmlns='urn:example'/>"), Frame::Other));

        let bind: Element =
            "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>a@b/c</jid></bind>"
                .parse()
                .unwrap();
        assert_eq!(bound_jid(Some(&bind)).unwrap().resource(), Some("c"));
        let bare: Element = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>a@b</jid></bind>"
            .parse()
            .unwrap();
        assert!(bound_jid(Some(&bare)).is_none());
    }
}
