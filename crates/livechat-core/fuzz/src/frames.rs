//! Where a script's frames come from: recorded frames as they were or edited, the fuzzer's own
//! bytes, and a small server model that answers what the session sent (its iq ids and origin-ids
//! are random: the fuzzer could not guess them).

use arbitrary::Arbitrary;
use xmpp_parsers::minidom::Element;

use crate::recorded::recorded_frames;

/// Where a frame comes from.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum FrameSource {
    /// A recorded frame as it was (index modulo the number of recorded frames).
    Recorded(u8),
    /// A recorded frame with one edit.
    Mutated { index: u8, edit: Edit },
    /// The fuzzer's own bytes.
    Raw(String),
    /// The server answers the n-th most recent iq the session sent (ids are random: the fuzzer
    /// could not guess them).
    Answer { nth: u8, reply: Reply },
    /// The room echoes (or refuses) the n-th most recent message the session sent.
    Echo { nth: u8, error: Option<u8> },
    /// The room answers the last presence the session sent to it, about our own occupant.
    SelfPresence { unavailable: bool, statuses: u8, role: u8, nick: Option<String> },
}

/// How the server answers an iq.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// `<iq type='result'/>` without payload.
    Empty,
    /// `<iq type='error'>` with one of [`CONDITIONS`].
    Error { condition: u8, text: Option<String> },
    /// The payload of a recorded iq result (bind, disco#info, …) under the id of ours.
    Recorded(u8),
}

/// Stanza error conditions a server gives.
pub const CONDITIONS: &[&str] = &[
    "not-acceptable", "service-unavailable", "forbidden", "item-not-found", "conflict", "not-allowed",
    "bad-request", "not-authorized", "policy-violation", "resource-constraint", "remote-server-not-found",
    "internal-server-error", "undefined-condition",
];

/// XEP-0045 status codes on our own presence, combined by the bits of `statuses`.
pub const STATUS_CODES: &[u16] = &[110, 201, 210, 303, 307, 301, 321, 322, 332, 100];

pub const ROLES: &[&str] = &["participant", "moderator", "visitor", "none"];

/// What the session sent that the server model answers.
#[derive(Default, Debug)]
pub struct Sent {
    /// (id, to) of the iqs sent, newest last.
    pub iqs: Vec<(String, Option<String>)>,
    /// (id, origin-id, body) of the messages sent, newest last.
    pub messages: Vec<(Option<String>, Option<String>, String)>,
    /// The `to` of the last presence sent to the room.
    pub presence_to: Option<String>,
    next_stanza_id: u32,
}

const KEEP_SENT: usize = 32;

impl Sent {
    pub(crate) fn observe(&mut self, element: &Element) {
        let attr = |name: &str| element.attr(name).map(str::to_owned);
        match element.name() {
            "iq" if matches!(element.attr("type"), Some("get" | "set")) => {
                if let Some(id) = attr("id") {
                    self.iqs.push((id, attr("to")));
                }
            }
            "message" => {
                let body = element.get_child("body", "jabber:client").map(Element::text).unwrap_or_default();
                let origin = element.get_child("origin-id", "urn:xmpp:sid:0").and_then(|o| o.attr("id")).map(str::to_owned);
                self.messages.push((attr("id"), origin, body));
            }
            "presence" => {
                if let Some(to) = attr("to") {
                    self.presence_to = Some(to);
                }
            }
            _ => {}
        }
        if self.iqs.len() > KEEP_SENT {
            self.iqs.remove(0);
        }
        if self.messages.len() > KEEP_SENT {
            self.messages.remove(0);
        }
    }
}

fn newest<T>(items: &[T], nth: u8) -> Option<&T> {
    (!items.is_empty()).then(|| &items[items.len() - 1 - nth as usize % items.len()])
}

const ME: &str = "ac7j9vcug1yvqw5w56y5ctaj@anon.localhost/xGwqcKgQR_zf";

/// One edit of a recorded frame. Positions are taken modulo the frame's length, at a character
/// boundary; `Attr` and `Text` escape what they put in so that the frame stays well-formed.
#[derive(Arbitrary, Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert { at: u16, text: String },
    Delete { at: u16, len: u16 },
    Truncate { at: u16 },
    /// Replaces the value of the n-th attribute.
    Attr { nth: u8, value: String },
    /// Replaces the n-th run of text between a `>` and the next `<`.
    Text { nth: u8, text: String },
    /// Replaces the value of the n-th attribute with an attribute value of another recorded frame
    /// (ids, nicknames and JIDs that the session knows).
    AttrFrom { nth: u8, frame: u8, other: u8 },
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn position(s: &str, at: u16) -> usize {
    floor_char_boundary(s, at as usize % (s.len() + 1))
}

pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&apos;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The byte ranges of the attribute values of a frame (between the quotes).
fn attribute_values(frame: &str) -> Vec<(usize, usize)> {
    let bytes = frame.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'=' && (bytes[i + 1] == b'\'' || bytes[i + 1] == b'"') {
            let quote = bytes[i + 1];
            let start = i + 2;
            if let Some(len) = bytes[start..].iter().position(|&b| b == quote) {
                ranges.push((start, start + len));
                i = start + len + 1;
                continue;
            }
        }
        i += 1;
    }
    ranges
}

/// The byte ranges of the text runs of a frame (between `>` and the next `<`, possibly empty).
fn text_runs(frame: &str) -> Vec<(usize, usize)> {
    let bytes = frame.as_bytes();
    let mut ranges = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'>' {
            if let Some(len) = bytes[i + 1..].iter().position(|&b| b == b'<') {
                ranges.push((i + 1, i + 1 + len));
            }
        }
    }
    ranges
}

fn replace_range(frame: &str, ranges: &[(usize, usize)], nth: u8, with: &str) -> String {
    if ranges.is_empty() {
        return frame.to_owned();
    }
    let (start, end) = ranges[nth as usize % ranges.len()];
    format!("{}{}{}", &frame[..start], with, &frame[end..])
}

impl FrameSource {
    /// The frame, given what the session sent so far (for the answers).
    pub fn build(&self, sent: &mut Sent) -> String {
        let frames = recorded_frames();
        let pick = |i: u8| frames[i as usize % frames.len()];
        match self {
            FrameSource::Answer { nth, reply } => {
                let Some((id, to)) = newest(&sent.iqs, *nth).cloned() else { return String::new() };
                let id = escape_xml(&id);
                let from = to.map(|t| format!(" from='{}'", escape_xml(&t))).unwrap_or_default();
                match reply {
                    Reply::Empty => format!("<iq xmlns='jabber:client' type='result' id='{id}'{from} to='{ME}'/>"),
                    Reply::Error { condition, text } => {
                        let condition = CONDITIONS[*condition as usize % CONDITIONS.len()];
                        let text = text
                            .as_ref()
                            .map(|t| format!("<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>{}</text>", escape_xml(t)))
                            .unwrap_or_default();
                        format!(
                            "<iq xmlns='jabber:client' type='error' id='{id}'{from} to='{ME}'><error type='cancel'>\
                             <{condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>{text}</error></iq>"
                        )
                    }
                    Reply::Recorded(i) => {
                        let iqs: Vec<&str> = frames.iter().copied().filter(|f| f.starts_with("<iq ") && f.contains("type='result'")).collect();
                        let template = iqs[*i as usize % iqs.len()];
                        let values = attribute_values(template);
                        // Replace the id attribute's value.
                        match template.find(" id='").map(|p| p + 5) {
                            Some(start) => {
                                let (_, end) = values.iter().copied().find(|(s, _)| *s == start).unwrap_or((start, start));
                                format!("{}{}{}", &template[..start], id, &template[end..])
                            }
                            None => template.to_owned(),
                        }
                    }
                }
            }
            FrameSource::Echo { nth, error } => {
                let Some((id, origin, body)) = newest(&sent.messages, *nth).cloned() else { return String::new() };
                let nick = sent.presence_to.as_deref().and_then(|t| t.split_once('/')).map(|(_, n)| n).unwrap_or("Alice");
                let id_attr = id.map(|i| format!(" id='{}'", escape_xml(&i))).unwrap_or_default();
                match error {
                    Some(c) => {
                        let condition = CONDITIONS[*c as usize % CONDITIONS.len()];
                        format!(
                            "<message xmlns='jabber:client' type='error'{id_attr} from='live@room.localhost' to='{ME}'>\
                             <error type='wait'><{condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\
                             <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>slow down</text></error></message>"
                        )
                    }
                    None => {
                        sent.next_stanza_id += 1;
                        let origin = origin
                            .map(|o| format!("<origin-id xmlns='urn:xmpp:sid:0' id='{}'/>", escape_xml(&o)))
                            .unwrap_or_default();
                        format!(
                            "<message xmlns='jabber:client' type='groupchat'{id_attr} from='live@room.localhost/{}' to='{ME}'>\
                             <body>{}</body>{origin}<stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='echo-{}'/></message>",
                            escape_xml(nick),
                            escape_xml(&body),
                            sent.next_stanza_id
                        )
                    }
                }
            }
            FrameSource::SelfPresence { unavailable, statuses, role, nick } => {
                let Some(to) = sent.presence_to.clone() else { return String::new() };
                let type_ = if *unavailable { " type='unavailable'" } else { "" };
                let role = ROLES[*role as usize % ROLES.len()];
                let codes: String = STATUS_CODES
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| *bit == 0 || (*statuses as u32) & (1 << (bit - 1)) != 0)
                    .map(|(_, c)| format!("<status code='{c}'/>"))
                    .collect();
                let nick = nick.as_ref().map(|n| format!(" nick='{}'", escape_xml(n))).unwrap_or_default();
                format!(
                    "<presence xmlns='jabber:client' from='{}' to='{ME}'{type_}>\
                     <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='{role}'{nick}/>{codes}</x></presence>",
                    escape_xml(&to)
                )
            }
            FrameSource::Recorded(i) => pick(*i).to_owned(),
            FrameSource::Raw(s) => s.clone(),
            FrameSource::Mutated { index, edit } => {
                let frame = pick(*index);
                match edit {
                    Edit::Insert { at, text } => {
                        let at = position(frame, *at);
                        format!("{}{}{}", &frame[..at], text, &frame[at..])
                    }
                    Edit::Delete { at, len } => {
                        let start = position(frame, *at);
                        let end = floor_char_boundary(frame, start + *len as usize);
                        format!("{}{}", &frame[..start], &frame[end..])
                    }
                    Edit::Truncate { at } => frame[..position(frame, *at)].to_owned(),
                    Edit::Attr { nth, value } => {
                        replace_range(frame, &attribute_values(frame), *nth, &escape_xml(value))
                    }
                    Edit::Text { nth, text } => replace_range(frame, &text_runs(frame), *nth, &escape_xml(text)),
                    Edit::AttrFrom { nth, frame: from, other } => {
                        let source = pick(*from);
                        let values = attribute_values(source);
                        if values.is_empty() {
                            return frame.to_owned();
                        }
                        let (s, e) = values[*other as usize % values.len()];
                        replace_range(frame, &attribute_values(frame), *nth, &source[s..e])
                    }
                }
            }
        }
    }
}
