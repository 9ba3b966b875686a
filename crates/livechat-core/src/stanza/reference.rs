//! References (XEP-0372) of type `mention`: `<reference xmlns='urn:xmpp:reference:0' begin end
//! type='mention' uri='xmpp:room@service/nick'/>`, the occupant's address written as ConverseJS
//! writes it (the plugin's frontend: JavaScript's `encodeURI`), read back whatever escapes it uses.

use crate::jid::BareJid;
use crate::mention::{Mention, MAX_MENTIONS};
use crate::xml::Element;

pub const NS_REFERENCE: &str = "urn:xmpp:reference:0";

/// A reference to the occupant `mention.nick` of `room`.
pub fn mention(mention: &Mention, room: &BareJid) -> Element {
    Element::builder("reference", NS_REFERENCE)
        .attr("begin", mention.begin.to_string())
        .attr("end", mention.end.to_string())
        .attr("type", "mention")
        .attr(
            "uri",
            format!("xmpp:{}/{}", room.as_str(), encode_uri(&mention.nick)),
        )
        .build()
}

/// The mentions of occupants of `room` that the message carries, whose span lies within a body of
/// `body_chars` code points.
pub fn mentions(message: &Element, room: &BareJid, body_chars: usize) -> Vec<Mention> {
    message
        .children()
        .filter(|r| r.is("reference", NS_REFERENCE) && r.attr("type") == Some("mention"))
        .filter_map(|r| {
            let number = |name: &str| r.attr(name)?.trim().parse::<u32>().ok();
            let (begin, end) = (number("begin")?, number("end")?);
            let nick = occupant_of(r.attr("uri")?, room)?;
            (begin < end && end as usize <= body_chars).then_some(Mention { begin, end, nick })
        })
        .take(MAX_MENTIONS)
        .collect()
}

/// The nickname in `xmpp:room/nick`, when the room is ours.
fn occupant_of(uri: &str, room: &BareJid) -> Option<String> {
    let (bare, nick) = uri.strip_prefix("xmpp:")?.split_once('/')?;
    let bare = decode_uri(bare)?;
    let nick = decode_uri(nick)?;
    (bare.eq_ignore_ascii_case(room.as_str()) && !nick.is_empty()).then_some(nick)
}

/// JavaScript's `encodeURI`: what it leaves as it is, and UTF-8 `%XX` for the rest.
fn encode_uri(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || ";,/?:@&=+$-_.!~*'()#".contains(c) {
            out.push(c);
        } else {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// `%XX` escapes undone; `None` when they are broken or not UTF-8.
fn decode_uri(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room() -> BareJid {
        "live@room.localhost".parse().unwrap()
    }

    #[test]
    fn writes_the_address_as_conversejs_does() {
        let m = Mention {
            begin: 1,
            end: 10,
            nick: "Jean Zoé".into(),
        };
        assert_eq!(
            String::from(&mention(&m, &room())),
            "<reference xmlns='urn:xmpp:reference:0' begin='1' end='10' type='mention' \
             uri='xmpp:live@room.localhost/Jean%20Zo%C3%A9'/>"
        );
    }

    #[test]
    fn reads_mentions_of_our_rooms_occupants() {
        let message: Element = "<message xmlns='jabber:client'><body>@Jean Zoé @Bob</body>\
             <reference xmlns='urn:xmpp:reference:0' begin='1' end='9' type='mention' uri='xmpp:live@room.localhost/Jean%20Zo%c3%a9'/>\
             <reference xmlns='urn:xmpp:reference:0' begin='11' end='14' type='mention' uri='xmpp:other@room.localhost/Bob'/>\
             <reference xmlns='urn:xmpp:reference:0' begin='11' end='99' type='mention' uri='xmpp:live@room.localhost/Bob'/>\
             <reference xmlns='urn:xmpp:reference:0' begin='0' end='1' type='data' uri='https://example.org'/>\
             <reference xmlns='urn:xmpp:reference:0' begin='0' end='1' type='mention' uri='xmpp:live@room.localhost/%ZZ'/>\
             </message>"
            .parse()
            .unwrap();
        let found = mentions(&message, &room(), 14);
        assert_eq!(
            found,
            [Mention {
                begin: 1,
                end: 9,
                nick: "Jean Zoé".into()
            }]
        );
    }
}
