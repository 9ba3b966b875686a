//! XEP-0198 stream management: the counters' requests and answers, enabling and resuming.

use xmpp_parsers::ns;

use crate::xml::Element;

/// `<r/>`: how many of ours has the server handled?
pub fn request() -> Element {
    Element::bare("r", ns::SM)
}

/// `<a h=…/>`: we handled `h` of the server's stanzas.
pub fn ack(h: u32) -> Element {
    Element::builder("a", ns::SM)
        .attr("h", h.to_string())
        .build()
}

pub fn enable() -> Element {
    Element::builder("enable", ns::SM)
        .attr("resume", "true")
        .build()
}

pub fn resume(h: u32, previd: &str) -> Element {
    Element::builder("resume", ns::SM)
        .attr("h", h.to_string())
        .attr("previd", previd)
        .build()
}

/// What the server says about stream management.
#[derive(Debug, PartialEq, Eq)]
pub enum Sm {
    /// `<enabled/>`, with the id to resume by when the server allows resumption.
    Enabled { resume_id: Option<String> },
    /// `<r/>`: the server asks how many of its stanzas we handled.
    Request,
    /// `<a h=…/>`: the server handled our stanzas up to `h`.
    Ack { h: u32 },
    /// `<resumed h=…/>`: the old stream goes on; the server had handled ours up to `h`.
    Resumed { h: u32 },
    /// `<failed/>`: too late to resume.
    Failed,
    /// Anything else, or a counter that is not a number.
    Other,
}

impl Sm {
    pub fn read(element: &Element) -> Sm {
        let h = || element.attr("h")?.parse().ok();
        match element.name() {
            "enabled" => {
                let resume = matches!(element.attr("resume"), Some("true" | "1"));
                Sm::Enabled {
                    resume_id: element.attr("id").filter(|_| resume).map(str::to_owned),
                }
            }
            "r" => Sm::Request,
            "a" => h().map_or(Sm::Other, |h| Sm::Ack { h }),
            "resumed" => h().map_or(Sm::Other, |h| Sm::Resumed { h }),
            "failed" => Sm::Failed,
            _ => Sm::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Sm {
        Sm::read(&xml.parse().unwrap())
    }

    #[test]
    fn builds_what_the_server_expects() {
        assert_eq!(String::from(&ack(7)), "<a xmlns='urn:xmpp:sm:3' h='7'/>");
        assert_eq!(String::from(&request()), "<r xmlns='urn:xmpp:sm:3'/>");
        assert_eq!(
            String::from(&resume(3, "x")),
            "<resume xmlns='urn:xmpp:sm:3' h='3' previd='x'/>"
        );
    }

    #[test]
    fn reads_the_servers_answers() {
        assert_eq!(
            read("<enabled xmlns='urn:xmpp:sm:3' id='s1' resume='1'/>"),
            Sm::Enabled {
                resume_id: Some("s1".into())
            }
        );
        assert_eq!(
            read("<enabled xmlns='urn:xmpp:sm:3' id='s1'/>"),
            Sm::Enabled { resume_id: None }
        );
        assert_eq!(read("<a xmlns='urn:xmpp:sm:3' h='4'/>"), Sm::Ack { h: 4 });
        assert_eq!(read("<a xmlns='urn:xmpp:sm:3' h='-1'/>"), Sm::Other);
        assert_eq!(
            read("<resumed xmlns='urn:xmpp:sm:3' h='2' previd='s1'/>"),
            Sm::Resumed { h: 2 }
        );
    }
}
