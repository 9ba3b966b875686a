//! XEP-0352 client state indication: the two nonzas that tell the server whether anyone is
//! looking at the chat. The server offers it with `<csi/>` in the features after login (see
//! [`super::stream::Features`]) and answers neither.

use xmpp_parsers::ns;

use crate::xml::Element;

/// `<active/>` when someone looks at the chat again, `<inactive/>` when nobody does.
pub fn state(active: bool) -> Element {
    Element::bare(if active { "active" } else { "inactive" }, ns::CSI)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_what_the_server_expects() {
        assert_eq!(
            String::from(&state(false)),
            "<inactive xmlns='urn:xmpp:csi:0'/>"
        );
        assert_eq!(
            String::from(&state(true)),
            "<active xmlns='urn:xmpp:csi:0'/>"
        );
    }
}
