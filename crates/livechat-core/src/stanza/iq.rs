//! Info/query: the envelope of binding, pings, disco and moderator commands, and [`Iq`], what an
//! incoming one asks or answers.

use xmpp_parsers::ns;

use super::Condition;
use crate::xml::Element;

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

/// XEP-0199 `<ping/>`.
pub fn ping() -> Element {
    Element::bare("ping", ns::PING)
}

/// An incoming iq, read.
#[derive(Debug)]
pub struct Iq<'a> {
    pub id: &'a str,
    pub from: Option<&'a str>,
    pub kind: IqKind<'a>,
}

#[derive(Debug)]
pub enum IqKind<'a> {
    /// XEP-0199: the server or the room checks we are still there.
    Ping,
    /// Any other `get` or `set`: a service we do not offer.
    Request,
    /// The answer to one of ours, with its payload if any.
    Result(Option<&'a Element>),
    /// One of ours was refused.
    Error(Condition),
}

/// Why an iq cannot be read.
#[derive(Debug, PartialEq, Eq)]
pub enum BadIq {
    NoId,
    UnknownType,
}

impl std::fmt::Display for BadIq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BadIq::NoId => "iq without an id",
            BadIq::UnknownType => "iq of no known type",
        })
    }
}

impl<'a> Iq<'a> {
    pub fn read(iq: &'a Element) -> Result<Iq<'a>, BadIq> {
        let id = iq.attr("id").ok_or(BadIq::NoId)?;
        let payload = iq.children().next();
        let kind = match iq.attr("type") {
            Some("get") if payload.is_some_and(|p| p.is("ping", ns::PING)) => IqKind::Ping,
            Some("get" | "set") => IqKind::Request,
            Some("result") => IqKind::Result(payload),
            Some("error") => IqKind::Error(Condition::of_stanza(iq)),
            _ => return Err(BadIq::UnknownType),
        };
        Ok(Iq {
            id,
            from: iq.attr("from"),
            kind,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_refusal_rfc_6120_wants() {
        assert_eq!(
            String::from(&iq("error", "q1", Some("r@m/n"), Some(service_unavailable()))),
            "<iq xmlns='jabber:client' id='q1' to='r@m/n' type='error'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"
        );
    }

    #[test]
    fn reads_what_an_iq_asks_or_answers() {
        let element = |xml: &str| -> Element { xml.parse().unwrap() };
        let ping = element(
            "<iq xmlns='jabber:client' type='get' id='p' from='r@m'><ping xmlns='urn:xmpp:ping'/></iq>",
        );
        let ping = Iq::read(&ping).unwrap();
        assert!(matches!(ping.kind, IqKind::Ping));
        assert_eq!((ping.id, ping.from), ("p", Some("r@m")));
        let version = element(
            "<iq xmlns='jabber:client' type='get' id='v'><query xmlns='jabber:iq:version'/></iq>",
        );
        assert!(matches!(Iq::read(&version).unwrap().kind, IqKind::Request));
        let refused = element(
            "<iq xmlns='jabber:client' type='error' id='c'><error type='auth'>\
             <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>",
        );
        let IqKind::Error(error) = Iq::read(&refused).unwrap().kind else {
            panic!("an error")
        };
        assert_eq!(error.condition, "forbidden");
        let no_id = element("<iq xmlns='jabber:client' type='result'/>");
        assert_eq!(Iq::read(&no_id).unwrap_err(), BadIq::NoId);
        let odd = element("<iq xmlns='jabber:client' type='odd' id='o'/>");
        assert_eq!(Iq::read(&odd).unwrap_err(), BadIq::UnknownType);
    }
}
