//! The PeerTube plugin's marks on groupchat messages, all without a namespace of their own (they
//! inherit `jabber:client`): the terms (`<x-livechat-terms type='global|muc'/>`), an announcement's
//! style (`<body x-livechat-announcement-type='…'>`) and, for moderators, how long the room holds a
//! message back (`<moderation-delay delay='N' waiting='unix-seconds'/>`).

use xmpp_parsers::ns;

use crate::log::AnnouncementKind;
use crate::terms::TermsScope;
use crate::xml::Element;

const ANNOUNCEMENT_TYPE: &str = "x-livechat-announcement-type";

/// The plugin's moderation delay never goes past a minute.
pub const MAX_MODERATION_DELAY_S: u32 = 60;

/// Whether the message carries the terms mark, and for whom: `Some(None)` for a mark of a kind this
/// client does not know.
pub fn terms_scope(message: &Element) -> Option<Option<TermsScope>> {
    let mark = message.get_child("x-livechat-terms", ns::JABBER_CLIENT)?;
    Some(match mark.attr("type") {
        Some("global") => Some(TermsScope::Global),
        Some("muc") => Some(TermsScope::Room),
        _ => None,
    })
}

/// The announcement style of the message's body, if it is one this client knows.
pub fn announcement_kind(message: &Element) -> Option<AnnouncementKind> {
    let body = message.get_child("body", ns::JABBER_CLIENT)?;
    Some(match body.attr(ANNOUNCEMENT_TYPE)? {
        "announcement" => AnnouncementKind::Announcement,
        "highlight" => AnnouncementKind::Highlight,
        "warning" => AnnouncementKind::Warning,
        _ => return None,
    })
}

/// A body with an announcement style (`kind`), or a plain one.
pub fn body(text: String, kind: Option<AnnouncementKind>) -> Element {
    let kind = kind.map(|kind| match kind {
        AnnouncementKind::Announcement => "announcement",
        AnnouncementKind::Highlight => "highlight",
        AnnouncementKind::Warning => "warning",
    });
    Element::builder("body", ns::JABBER_CLIENT)
        .attr(ANNOUNCEMENT_TYPE, kind)
        .append(text)
        .build()
}

/// Until when (Unix milliseconds) the room holds this message back from non-moderators, if it says
/// so and within the plugin's bounds.
pub fn held_until_ms(message: &Element) -> Option<i64> {
    let hold = message.get_child("moderation-delay", ns::JABBER_CLIENT)?;
    let delay: u32 = hold.attr("delay")?.trim().parse().ok()?;
    let waiting: i64 = hold.attr("waiting")?.trim().parse().ok()?;
    (delay <= MAX_MODERATION_DELAY_S)
        .then(|| waiting.checked_mul(1000))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(inner: &str) -> Element {
        format!("<message xmlns='jabber:client' type='groupchat'>{inner}</message>")
            .parse()
            .unwrap()
    }

    #[test]
    fn reads_the_plugins_marks() {
        assert_eq!(
            terms_scope(&message("<body>t</body><x-livechat-terms type='muc'/>")),
            Some(Some(TermsScope::Room))
        );
        assert_eq!(
            terms_scope(&message("<x-livechat-terms type='global'/>")),
            Some(Some(TermsScope::Global))
        );
        assert_eq!(
            terms_scope(&message("<x-livechat-terms type='odd'/>")),
            Some(None)
        );
        assert_eq!(
            terms_scope(&message("<x-livechat-terms xmlns='urn:other' type='muc'/>")),
            None
        );
        assert_eq!(
            announcement_kind(&message(
                "<body x-livechat-announcement-type='warning'>w</body>"
            )),
            Some(AnnouncementKind::Warning)
        );
        assert_eq!(
            announcement_kind(&message(
                "<body x-livechat-announcement-type='shout'>w</body>"
            )),
            None
        );
        assert_eq!(
            held_until_ms(&message(
                "<moderation-delay delay='10' waiting='1790000010'/>"
            )),
            Some(1_790_000_010_000)
        );
        assert_eq!(
            held_until_ms(&message("<moderation-delay delay='3600' waiting='1'/>")),
            None
        );
    }

    #[test]
    fn writes_an_announcement_body() {
        assert_eq!(
            String::from(&body("Live in 5".into(), Some(AnnouncementKind::Highlight))),
            "<body xmlns='jabber:client' x-livechat-announcement-type='highlight'>Live in 5</body>"
        );
        assert_eq!(
            String::from(&body("hi".into(), None)),
            "<body xmlns='jabber:client'>hi</body>"
        );
    }
}
