//! One occupant of a room, as the room-feature tests drive it: a bare XMPP session over WebSocket
//! (the tests' shared `Xmpp`) that logs in, joins and reads stanzas as elements. Stanzas a test
//! has not asked for yet wait in an inbox, so each check finds what it looks for whatever came
//! before it.

use std::collections::VecDeque;
use std::io::ErrorKind;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use livechat_backend::Prosody;
use tungstenite::Message;
use xmpp_parsers::minidom::Element;

use crate::common::Xmpp;

pub const NS_CLIENT: &str = "jabber:client";
pub const NS_MUC_USER: &str = "http://jabber.org/protocol/muc#user";
const NS_STANZAS: &str = "urn:ietf:params:xml:ns:xmpp-stanzas";

/// How long a stanza the server sends at once may take to arrive.
pub const SOON: Duration = Duration::from_secs(5);

pub struct Occupant {
    xmpp: Xmpp,
    /// The bound full JID.
    pub jid: String,
    /// The room's bare JID.
    pub room: String,
    inbox: VecDeque<Element>,
}

impl Occupant {
    /// Logs in as the registered `user` (password [`crate::PASSWORD`]) and joins `room` as `nick`.
    pub fn registered(prosody: &Prosody, user: &str, room: &str, nick: &str) -> Occupant {
        Occupant::log_in(prosody, Some(user), room).joined(nick)
    }

    /// Logs in anonymously and joins `room` as `nick`.
    pub fn anonymous(prosody: &Prosody, room: &str, nick: &str) -> Occupant {
        Occupant::log_in(prosody, None, room).joined(nick)
    }

    fn joined(mut self, nick: &str) -> Occupant {
        let own = self.join(nick);
        assert!(
            has_status(&own, "110"),
            "{} as {nick}: {}",
            self.jid,
            show(&own)
        );
        self
    }

    /// A session that has not joined `room` yet.
    pub fn log_in(prosody: &Prosody, user: Option<&str>, room: &str) -> Occupant {
        let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
        let jid = match user {
            Some(user) => xmpp.log_in(prosody.user_domain(), Some((user, crate::PASSWORD))),
            None => xmpp.log_in(prosody.anon_domain(), None),
        };
        Occupant {
            xmpp,
            jid,
            room: room.to_owned(),
            inbox: VecDeque::new(),
        }
    }

    /// Asks to join as `nick` (with the room's default history) and returns the first answer:
    /// the own presence (status 110) or an error presence.
    pub fn join(&mut self, nick: &str) -> Element {
        self.send(&format!(
            "<presence to='{}/{}' xmlns='jabber:client'>\
             <x xmlns='http://jabber.org/protocol/muc'/></presence>",
            self.room,
            escape(nick)
        ));
        self.expect("the own presence, or a refusal", SOON, |s| {
            s.name() == "presence" && (has_status(s, "110") || s.attr("type") == Some("error"))
        })
    }

    pub fn send(&mut self, frame: &str) {
        self.xmpp.send(frame);
    }

    /// Sends a groupchat message with `body`; returns its id.
    pub fn say(&mut self, body: &str) -> String {
        self.say_xml(&format!("<body>{}</body>", escape(body)))
    }

    /// Sends a groupchat message with this content (XML); returns its id.
    pub fn say_xml(&mut self, content: &str) -> String {
        let id = new_id();
        self.send(&format!(
            "<message to='{}' type='groupchat' id='{id}' xmlns='jabber:client'>{content}</message>",
            self.room
        ));
        id
    }

    /// Says `body` and waits for what the room does with it: `Ok` with the echo, `Err` with the
    /// error's type and condition.
    pub fn try_say(&mut self, body: &str) -> Result<Element, (String, String)> {
        let id = self.say(body);
        self.outcome(&id)
    }

    /// What the room did with the message `id`: `Ok` with its echo, `Err` with the error's type
    /// and condition.
    pub fn outcome(&mut self, id: &str) -> Result<Element, (String, String)> {
        let answer = self.expect(&format!("the echo or refusal of {id}"), SOON, |s| {
            s.name() == "message" && s.attr("id") == Some(id)
        });
        match error_for(&answer, id) {
            Some(error) => Err(error),
            None => Ok(answer),
        }
    }

    /// Sends an IQ of `kind` ("get", "set") with `payload` (XML) to `to` and returns the answer.
    pub fn iq(&mut self, kind: &str, to: &str, payload: &str) -> Element {
        let id = new_id();
        self.send(&format!(
            "<iq type='{kind}' to='{to}' id='{id}' xmlns='jabber:client'>{payload}</iq>"
        ));
        self.expect(&format!("the answer to IQ {id}"), SOON, |s| {
            s.name() == "iq" && s.attr("id") == Some(&id)
        })
    }

    /// The room's disco#info.
    pub fn disco_info(&mut self) -> Element {
        let room = self.room.clone();
        let reply = self.iq(
            "get",
            &room,
            "<query xmlns='http://jabber.org/protocol/disco#info'/>",
        );
        assert_eq!(reply.attr("type"), Some("result"), "{}", show(&reply));
        reply
    }

    /// Returns once everything the server sent before now has arrived: a ping to our own
    /// server, whose answer comes after it on the same stream.
    pub fn sync(&mut self) {
        let server = self.jid.split(['@', '/']).nth(1).unwrap().to_owned();
        let reply = self.iq("get", &server, "<ping xmlns='urn:xmpp:ping'/>");
        assert_eq!(reply.attr("type"), Some("result"), "{}", show(&reply));
    }

    /// The first stanza `wanted` accepts, among those waiting or arriving within `within`.
    pub fn expect(
        &mut self,
        what: &str,
        within: Duration,
        wanted: impl Fn(&Element) -> bool,
    ) -> Element {
        if let Some(found) = self.take_waiting(&wanted) {
            return found;
        }
        let deadline = Instant::now() + within;
        while let Some(stanza) = self.read_until(deadline) {
            if wanted(&stanza) {
                return stanza;
            }
            self.inbox.push_back(stanza);
        }
        panic!(
            "{}: no {what} within {within:?}; received meanwhile:\n{}",
            self.jid,
            self.inbox.iter().map(show).collect::<Vec<_>>().join("\n")
        );
    }

    /// Fails if a stanza `unwanted` accepts is waiting or arrives within `during`.
    pub fn expect_none(
        &mut self,
        what: &str,
        during: Duration,
        unwanted: impl Fn(&Element) -> bool,
    ) {
        let deadline = Instant::now() + during;
        let found = self
            .take_waiting(&unwanted)
            .or_else(|| std::iter::from_fn(|| self.read_until(deadline)).find(|s| unwanted(s)));
        if let Some(stanza) = found {
            panic!("{}: {what} arrived: {}", self.jid, show(&stanza));
        }
    }

    /// Every waiting stanza `wanted` accepts, taken out of the inbox.
    pub fn take_all(&mut self, wanted: impl Fn(&Element) -> bool) -> Vec<Element> {
        let (taken, kept): (Vec<_>, Vec<_>) = self.inbox.drain(..).partition(|s| wanted(s));
        self.inbox = kept.into();
        taken
    }

    fn take_waiting(&mut self, wanted: &impl Fn(&Element) -> bool) -> Option<Element> {
        let index = self.inbox.iter().position(wanted)?;
        self.inbox.remove(index)
    }

    /// The next stanza, or `None` once `deadline` has passed.
    fn read_until(&mut self, deadline: Instant) -> Option<Element> {
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let socket = &mut self.xmpp.0;
            socket
                .get_mut()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            match socket.read() {
                Ok(Message::Text(frame)) => {
                    return Some(frame.as_str().parse().unwrap_or_else(|e| {
                        panic!("{}: unreadable frame {frame}: {e}", self.jid)
                    }));
                }
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    continue
                }
                Err(e) => panic!("{}: the connection failed: {e}", self.jid),
            }
        }
    }
}

/// A stanza id no other occupant of the test uses: echoes and answers are told apart by it.
fn new_id() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("t{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&apos;")
        .replace('"', "&quot;")
}

/// A stanza as XML, for failure messages.
pub fn show(stanza: &Element) -> String {
    String::from(stanza)
}

pub fn body(stanza: &Element) -> Option<String> {
    stanza.get_child("body", NS_CLIENT).map(Element::text)
}

/// Whether this is a groupchat message whose body is `text`.
pub fn says(stanza: &Element, text: &str) -> bool {
    stanza.name() == "message"
        && stanza.attr("type") == Some("groupchat")
        && body(stanza).as_deref() == Some(text)
}

/// The error's type and condition, if the stanza is an error answering `id`.
pub fn error_for(stanza: &Element, id: &str) -> Option<(String, String)> {
    error_of(stanza).filter(|_| stanza.attr("id") == Some(id))
}

/// The error's type and condition, if the stanza is an error.
pub fn error_of(stanza: &Element) -> Option<(String, String)> {
    if stanza.attr("type") != Some("error") {
        return None;
    }
    let error = stanza.get_child("error", NS_CLIENT)?;
    let condition = error
        .children()
        .find(|c| c.ns() == NS_STANZAS && c.name() != "text")?;
    Some((error.attr("type")?.to_owned(), condition.name().to_owned()))
}

/// An error's type and condition, as [`Occupant::outcome`] gives them.
pub fn refusal(kind: &str, condition: &str) -> Option<(String, String)> {
    Some((kind.to_owned(), condition.to_owned()))
}

/// The error's text, if any.
pub fn error_text(stanza: &Element) -> String {
    stanza
        .get_child("error", NS_CLIENT)
        .and_then(|e| e.get_child("text", NS_STANZAS))
        .map(Element::text)
        .unwrap_or_default()
}

/// Whether a MUC presence or message carries this status code.
pub fn has_status(stanza: &Element, code: &str) -> bool {
    stanza.get_child("x", NS_MUC_USER).is_some_and(|x| {
        x.children()
            .any(|s| s.is("status", NS_MUC_USER) && s.attr("code") == Some(code))
    })
}

/// The role in a MUC presence.
pub fn role(presence: &Element) -> Option<String> {
    let item = presence
        .get_child("x", NS_MUC_USER)?
        .get_child("item", NS_MUC_USER)?;
    item.attr("role").map(str::to_owned)
}
