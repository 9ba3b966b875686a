//! Our own messages changed after the fact: a correction (XEP-0308) points at the original
//! message's id; a retraction (XEP-0424, the `:0` form with fastening that the plugin's frontend
//! sends and its Prosody relays) points at the original's origin-id.

use xmpp_parsers::ns;

use super::moderation::{NS_FASTEN_0, NS_RETRACT_0};
use crate::xml::Element;

/// XEP-0334: keep the retraction in the room's history, so that a newcomer's replay of the
/// history takes the message back too.
const NS_HINTS: &str = "urn:xmpp:hints";

/// `<replace/>`: this message corrects the one with id `target`.
pub fn replace(target: &str) -> Element {
    Element::builder("replace", ns::MESSAGE_CORRECT)
        .attr("id", target)
        .build()
}

/// The children of a message that takes back ours with this origin-id. No body: a fallback text
/// would go through the room's checks (emoji-only mode would refuse it) and show in old clients.
pub fn retraction(origin_id: &str) -> [Element; 2] {
    let apply_to = Element::builder("apply-to", NS_FASTEN_0)
        .attr("id", origin_id)
        .append(Element::bare("retract", NS_RETRACT_0))
        .build();
    [apply_to, Element::bare("store", NS_HINTS)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_original() {
        assert_eq!(
            String::from(&replace("m1")),
            "<replace xmlns='urn:xmpp:message-correct:0' id='m1'/>"
        );
        let [apply_to, store] = retraction("m1");
        assert_eq!(
            String::from(&apply_to),
            "<apply-to xmlns='urn:xmpp:fasten:0' id='m1'><retract xmlns='urn:xmpp:message-retract:0'/></apply-to>"
        );
        assert_eq!(String::from(&store), "<store xmlns='urn:xmpp:hints'/>");
    }
}
