//! The wire behaviours compared in one run: this client, a bare join, and the old client.

use std::collections::HashSet;

use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials};
use xmpp_parsers::carbons;
use xmpp_parsers::chatstates::ChatState;
use xmpp_parsers::iq::Iq;
use xmpp_parsers::jid::{BareJid as XmppBareJid, Jid, ResourcePart};
use xmpp_parsers::mam;
use xmpp_parsers::message::Message;
use xmpp_parsers::minidom::Element;
use xmpp_parsers::roster::Roster;
use xmpp_parsers::rsm::SetQuery;
use xmpp_parsers::vcard::VCardQuery;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Exactly this client's wire behaviour (livechat-core's defaults).
    Lean,
    /// A bare join and nothing else: the cost of the presence flood alone.
    Floor,
    /// What the ConverseJS-based client did: roster and carbons at login, a MAM query of 50
    /// messages, a vCard request to every occupant on join and to every newcomer, chat states
    /// from a share of the viewers.
    Legacy,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Lean => "lean",
            Profile::Floor => "floor",
            Profile::Legacy => "legacy",
        }
    }

    pub fn all() -> [Profile; 3] {
        [Profile::Floor, Profile::Lean, Profile::Legacy]
    }

    pub fn parse(name: &str) -> Result<Profile, String> {
        Profile::all()
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or_else(|| format!("unknown profile {name}"))
    }

    /// The session configuration a client of this profile runs with.
    pub fn config(self, credentials: Credentials, room: &BareJid) -> Config {
        let mut config = Config::new(credentials, room.clone());
        if self == Profile::Floor {
            config.room_info_on_join = false;
            config.room_info_interval_ms = None;
        }
        if self == Profile::Lean {
            config.ping_interval_ms = WEB_PING_INTERVAL_MS;
        }
        if self == Profile::Legacy {
            // ConverseJS asked for a long history on top of MAM, and never for the room's count.
            config.history = 50;
            config.room_info_interval_ms = None;
        }
        config
    }
}

/// The web client's keep-alive interval (livechat-web's `params::PING_INTERVAL_MS`, inside the
/// 30 s after which PeerTube's nginx drops a silent WebSocket); the other profiles keep the core's
/// default, 25 s, which is also ConverseJS's.
pub const WEB_PING_INTERVAL_MS: u64 = 20_000;

/// One in this many legacy viewers types (and so sends chat states) during the storm.
pub const LEGACY_TYPING_SHARE: usize = 5;

/// The extra frames the old client sent; it tracks who it already asked for a vCard.
pub struct LegacyExtras {
    room: XmppBareJid,
    asked: HashSet<String>,
    next_id: u64,
    types: bool,
}

impl LegacyExtras {
    pub fn new(room: BareJid, client_index: usize) -> Self {
        LegacyExtras {
            // xmpp-parsers' own JID type, for the stanzas only the old client sent.
            room: room.as_str().parse().expect("the room's JID is valid"),
            asked: HashSet::new(),
            next_id: 0,
            types: client_index % LEGACY_TYPING_SHARE == 0,
        }
    }

    fn id(&mut self) -> String {
        self.next_id += 1;
        format!("legacy{}", self.next_id)
    }

    /// Right after login: roster, carbons and the archive.
    pub fn on_joined(&mut self) -> Vec<String> {
        let roster = Iq::from_get(
            self.id(),
            Roster {
                ver: None,
                items: vec![],
            },
        );
        let carbons = Iq::from_set(self.id(), carbons::Enable);
        let mam = Iq::from_set(
            self.id(),
            mam::Query {
                queryid: None,
                node: None,
                form: None,
                set: Some(SetQuery {
                    max: Some(50),
                    after: None,
                    before: Some(String::new()),
                    index: None,
                }),
                flip_page: false,
            },
        )
        .with_to(Jid::from(self.room.clone()));
        let mut frames = vec![frame(roster), frame(carbons), frame(mam)];
        if self.types {
            for state in [ChatState::Composing, ChatState::Paused, ChatState::Active] {
                let message =
                    Message::groupchat(Some(Jid::from(self.room.clone()))).with_payload(state);
                frames.push(frame(message));
            }
        }
        frames
    }

    /// A vCard request for every occupant not asked yet.
    pub fn on_occupants<'a>(&mut self, nicks: impl Iterator<Item = &'a str>) -> Vec<String> {
        let mut frames = Vec::new();
        for nick in nicks {
            if self.asked.insert(nick.to_owned()) {
                let Ok(resource) = ResourcePart::new(nick) else {
                    continue;
                };
                let to = Jid::from(self.room.with_resource(&resource));
                let id = self.id();
                frames.push(frame(Iq::from_get(id, VCardQuery).with_to(to)));
            }
        }
        frames
    }
}

/// Whether a frame the old client received answers one of its vCard requests (a vCard or an
/// error): presences carry `vcard-temp:x:update` too, but are no `<iq>`.
pub fn is_vcard_answer(frame: &str) -> bool {
    frame.starts_with("<iq") && (frame.contains("'vcard-temp'") || frame.contains("\"vcard-temp\""))
}

fn frame(stanza: impl Into<Element>) -> String {
    String::from(&stanza.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcard_answers_are_told_from_presences_that_mention_vcards() {
        let answer = "<iq to='a@anon.localhost/r' xmlns='jabber:client' id='legacy4' \
                      from='storm@room.localhost/Streamer' type='result'><vCard \
                      xmlns='vcard-temp'><PHOTO><BINVAL>iVBO</BINVAL></PHOTO></vCard></iq>";
        let error = r#"<iq type="error" id="legacy5"><vCard xmlns="vcard-temp"/><error/></iq>"#;
        let presence = "<presence from='storm@room.localhost/Anonymous 1'><x \
                        xmlns='vcard-temp:x:update'><photo/></x></presence>";
        let roster = "<iq type='result' id='legacy1'><query xmlns='jabber:iq:roster'/></iq>";
        assert!(is_vcard_answer(answer));
        assert!(is_vcard_answer(error));
        assert!(!is_vcard_answer(presence));
        assert!(!is_vcard_answer(roster));
    }
}
