//! Moderation: a moderator's commands (kick, mute, voice, ban, retract) sent as iqs to the room,
//! their results, and the room's notice of a retraction applied to the log.

use super::{Pending, Session, SessionState};
use crate::event::{Command, Event};
use crate::jid::Jid;
use crate::log::Retraction;
use crate::stanza::iq::iq;
use crate::stanza::moderation::{self, Moderated};
use crate::text::xml_safe;
use crate::xml::Element;

impl Session {
    /// Kicks an occupant (role none).
    pub fn kick(&mut self, nick: &str, reason: Option<&str>) {
        self.set_role(Command::Kick { nick: nick.into() }, nick, "none", reason);
    }

    /// Makes an occupant a visitor: they stay but cannot speak.
    pub fn mute(&mut self, nick: &str, reason: Option<&str>) {
        self.set_role(Command::Mute { nick: nick.into() }, nick, "visitor", reason);
    }

    /// Gives an occupant voice back (role participant).
    pub fn give_voice(&mut self, nick: &str, reason: Option<&str>) {
        self.set_role(
            Command::Voice { nick: nick.into() },
            nick,
            "participant",
            reason,
        );
    }

    /// Bans an occupant by their real JID (visible to moderators only).
    pub fn ban(&mut self, nick: &str, reason: Option<&str>) {
        let command = Command::Ban { nick: nick.into() };
        let jid = self
            .room
            .occupant(nick)
            .and_then(|o| o.jid.as_deref())
            .and_then(|j| j.parse::<Jid>().ok())
            .map(Jid::into_bare);
        let Some(jid) = jid else {
            let error = "this occupant's address is not known: only moderators can ban";
            return self.command_result(command, Some(error.into()));
        };
        self.send_command(command, moderation::ban(&jid, reason));
    }

    /// Retracts a message for everyone (XEP-0425), in the form the room announced.
    pub fn retract(&mut self, stanza_id: &str, reason: Option<&str>) {
        let stanza_id = &*xml_safe(stanza_id);
        let command = Command::Retract {
            stanza_id: stanza_id.into(),
        };
        let namespace = self.room.info().moderation_namespace.as_deref();
        let payload = moderation::retract(stanza_id, reason, namespace);
        self.send_command(command, payload);
    }

    /// Sends a command to the room, its answer routed back as `command`'s result.
    fn send_command(&mut self, command: Command, payload: Element) {
        if self.state != SessionState::Joined {
            return self.command_result(command, Some("not in the room".into()));
        }
        let id = self.ids.make("cmd");
        self.pending.insert(id.clone(), Pending::Command(command));
        let room = self.config.room.as_str();
        self.send_element(iq("set", &id, Some(room), Some(payload)));
    }

    /// A command that gives the occupant `nick` another role, if the room could have that nickname.
    fn set_role(&mut self, command: Command, nick: &str, role: &str, reason: Option<&str>) {
        if let Err(e) = self.occupant_jid(nick) {
            return self.command_result(command, Some(e.to_string()));
        }
        self.send_command(command, moderation::set_role(nick, role, reason));
    }

    /// The room carried out a command (`error` is `None`) or refused it.
    pub(super) fn command_result(&mut self, command: Command, error: Option<String>) {
        self.push_event(Event::CommandResult { command, error });
    }

    /// XEP-0425: a moderator retracted a message for everyone.
    pub(super) fn apply_moderation(
        &mut self,
        Moderated {
            target,
            moderator,
            reason,
        }: Moderated,
    ) {
        let retraction = Retraction {
            moderator: Some(moderator),
            reason,
        };
        if self.room.log_mut().retract(&target, None, retraction) {
            self.push_event(Event::LogChanged);
        }
    }
}
