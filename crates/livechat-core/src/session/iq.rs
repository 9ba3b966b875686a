//! Iqs: what each one we sent was for, so that its answer reaches the part of the session that
//! asked, and the answers we owe the server (a ping, or a refusal of what we do not serve).

use super::Session;
use crate::error::SessionError;
use crate::event::{Command, Event};
use crate::stanza::iq::{self, Iq, IqKind};
use crate::stanza::{disco, stream, Condition};
use crate::xml::Element;

/// What an iq we sent was for.
#[derive(Clone, Debug)]
pub(super) enum Pending {
    Bind,
    Ping,
    /// XEP-0410 self-ping about a join the room has not answered.
    JoinProbe,
    RoomInfo,
    Command(Command),
    PollForm,
    CreatePoll,
}

impl Session {
    pub(super) fn handle_iq(&mut self, element: &Element) {
        let iq = match Iq::read(element) {
            Ok(iq) => iq,
            Err(e) => return self.malformed(e.to_string()),
        };
        match iq.kind {
            IqKind::Ping => self.send_element(iq::iq("result", iq.id, iq.from, None)),
            // RFC 6120: an iq we do not understand gets an error, never silence.
            IqKind::Request => {
                let error = iq::service_unavailable();
                self.send_element(iq::iq("error", iq.id, iq.from, Some(error)));
            }
            IqKind::Result(payload) => match self.pending.remove(iq.id) {
                Some(Pending::Bind) => self.handle_bound(stream::bound_jid(payload)),
                Some(Pending::Ping) => self.ping_answered(),
                Some(Pending::JoinProbe) => self.join_probe_answered(iq.id),
                Some(Pending::RoomInfo) => match disco::room_info(payload) {
                    Some(info) => self.handle_room_info(info),
                    None => self.malformed("room disco#info".into()),
                },
                Some(Pending::Command(command)) => self.command_result(command, None),
                Some(Pending::PollForm) => self.handle_poll_form(payload),
                Some(Pending::CreatePoll) => self.push_event(Event::PollCreated(Ok(()))),
                None => {}
            },
            IqKind::Error(Condition { condition, text }) => match self.pending.remove(iq.id) {
                Some(Pending::Bind) => self.fail(SessionError::Bind { condition }),
                Some(Pending::Ping) => self.ping_refused(&condition),
                Some(Pending::JoinProbe) => self.join_probe_answered(iq.id),
                Some(Pending::RoomInfo) => {}
                Some(Pending::Command(command)) => {
                    self.command_result(command, Some(text.unwrap_or(condition)))
                }
                Some(Pending::PollForm) => {
                    self.push_event(Event::PollForm(Err(text.unwrap_or(condition))))
                }
                Some(Pending::CreatePoll) => {
                    self.push_event(Event::PollCreated(Err(text.unwrap_or(condition))))
                }
                None => {}
            },
        }
    }
}
