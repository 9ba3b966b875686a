//! Frames of the PeerTube plugin's room features, as its Prosody modules send them, for the replay
//! tests: the room's disco#info with the plugin's modes, polls, terms and announcements.

use livechat_core::xml::Element;
use livechat_core::Session;

use super::recorded::T0;

pub const ROOM: &str = "live@room.localhost";
pub const POLL_FEATURE: &str = "http://jabber.org/protocol/muc#x-poll";

/// The room says its configuration changed (status 104); the session asks its disco#info again,
/// and the room answers with `features` and the `muc#roominfo` `fields`. Returns the time after.
pub fn room_info(
    session: &mut Session,
    now: u64,
    features: &[&str],
    fields: &[(&str, &str)],
) -> u64 {
    let changed = format!(
        "<message xmlns='jabber:client' from='{ROOM}' type='groupchat'>\
         <x xmlns='http://jabber.org/protocol/muc#user'><status code='104'/></x></message>"
    );
    session.handle_frame(&changed, now);
    // Within the spread of a small room's queries, well before a keep-alive ping.
    let now = now + 2_000;
    session.handle_timeout(now);
    let query = sent(session)
        .into_iter()
        .rev()
        .find(|iq| {
            iq.children()
                .any(|q| q.is("query", "http://jabber.org/protocol/disco#info"))
        })
        .expect("a disco#info query after the configuration changed");
    let id = query.attr("id").unwrap();
    let features: String = features
        .iter()
        .map(|f| format!("<feature var='{f}'/>"))
        .collect();
    let fields: String = fields
        .iter()
        .map(|(var, value)| format!("<field var='{var}'><value>{value}</value></field>"))
        .collect();
    let answer = format!(
        "<iq xmlns='jabber:client' type='result' id='{id}' from='{ROOM}'>\
         <query xmlns='http://jabber.org/protocol/disco#info'>\
         <identity category='conference' type='text' name='Live'/>{features}\
         <x xmlns='jabber:x:data' type='result'>\
         <field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roominfo</value></field>\
         {fields}</x></query></iq>"
    );
    session.handle_frame(&answer, now);
    now
}

/// A poll as `mod_muc_poll` sends it under its author's nickname: `choices` as (label, votes);
/// `body` for its start and end messages, none for an update (which carries no-store hints).
pub struct PollFrame<'a> {
    pub author: &'a str,
    pub id: &'a str,
    pub question: &'a str,
    pub choices: &'a [(&'a str, u32)],
    pub end_s: i64,
    pub over: bool,
    pub body: Option<&'a str>,
    /// A `<delay>` stamp, for a message from the history.
    pub delay: Option<&'a str>,
}

impl PollFrame<'_> {
    pub fn frame(&self) -> String {
        let votes: u32 = self.choices.iter().map(|(_, v)| v).sum();
        let choices: String = self
            .choices
            .iter()
            .enumerate()
            .map(|(n, (label, votes))| {
                format!(
                    "<x-poll-choice choice='{}' votes='{votes}'>{label}</x-poll-choice>",
                    n + 1
                )
            })
            .collect();
        let over = if self.over { " over=''" } else { "" };
        let body_or_hints = match self.body {
            Some(body) => format!("<body>{body}</body>"),
            None => "<no-copy xmlns='urn:xmpp:hints'/><no-store xmlns='urn:xmpp:hints'/>\
                     <no-permanent-store xmlns='urn:xmpp:hints'/>"
                .to_owned(),
        };
        let delay = self.delay.map_or(String::new(), |stamp| {
            format!("<delay xmlns='urn:xmpp:delay' from='{ROOM}' stamp='{stamp}'/>")
        });
        format!(
            "<message xmlns='jabber:client' from='{ROOM}/{}' type='groupchat' id='poll-{}-{votes}-{}'>\
             {body_or_hints}<occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ-{}'/>\
             <x-poll xmlns='http://jabber.org/protocol/muc#x-poll-message' id='{}' votes='{votes}' end='{}'{over}>\
             <x-poll-question>{}</x-poll-question>{choices}</x-poll>{delay}</message>",
            self.author, self.id, self.over, self.author, self.id, self.end_s, self.question
        )
    }
}

/// The terms `mod_muc_peertubelivechat_terms` sends to a newcomer, under its service nickname.
pub fn terms(kind: &str, text: &str) -> String {
    format!(
        "<message xmlns='jabber:client' from='{ROOM}/Peertube' type='groupchat' id='t-{kind}'>\
         <body>{text}</body><x-livechat-terms type='{kind}'/>\
         <delay xmlns='urn:xmpp:delay' from='{ROOM}/Peertube' stamp='2030-03-17T17:46:40Z'/>\
         <no-copy xmlns='urn:xmpp:hints'/><no-store xmlns='urn:xmpp:hints'/>\
         <no-permanent-store xmlns='urn:xmpp:hints'/></message>"
    )
}

/// A live groupchat message from `nick` with `body` (already escaped) and more children.
pub fn message_from(nick: &str, id: &str, body: &str, extra: &str) -> String {
    format!(
        "<message xmlns='jabber:client' from='{ROOM}/{nick}' type='groupchat' id='{id}'>\
         <body>{body}</body><occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ-{nick}'/>\
         <stanza-id xmlns='urn:xmpp:sid:0' by='{ROOM}' id='sid-{id}'/>{extra}</message>"
    )
}

/// The room's error answer to our message `id`.
pub fn refusal(id: &str, type_: &str, condition: &str, text: &str) -> String {
    format!(
        "<message xmlns='jabber:client' from='{ROOM}' type='error' id='{id}'>\
         <error type='{type_}'><{condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>\
         <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>{text}</text></error></message>"
    )
}

/// An occupant joins with this affiliation and role.
pub fn presence(nick: &str, affiliation: &str, role: &str) -> String {
    format!(
        "<presence xmlns='jabber:client' from='{ROOM}/{nick}'>\
         <occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ-{nick}'/>\
         <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='{affiliation}' role='{role}'/></x></presence>"
    )
}

/// The frames the session sent, parsed (its events stay queued).
pub fn sent(session: &mut Session) -> Vec<Element> {
    std::iter::from_fn(|| session.poll_transmit())
        .map(|f| f.parse().expect("the session sends well-formed frames"))
        .collect()
}

/// The time of the recorded sessions, in seconds, for the plugin's `end` and `waiting`.
pub fn t0_s() -> i64 {
    (T0 / 1000) as i64
}
