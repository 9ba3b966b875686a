//! Rooms made before any client joins: created, configured and given their owners through
//! Prosody's admin shell, so a test or the demo starts from a known room.

use super::lua::{lua_role_set, lua_string};
use super::room_features::RoomFeatures;
use super::Prosody;
use crate::error::Error;

/// A MUC role, as used by per-role presence broadcast (`muc#roomconfig_presencebroadcast`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Visitor,
    Participant,
    Moderator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Visitor => "visitor",
            Role::Participant => "participant",
            Role::Moderator => "moderator",
        }
    }
}

/// How [`Prosody::create_room`] sets up a room. Unset fields keep the server defaults.
#[derive(Clone, Debug)]
pub struct RoomOptions {
    /// Keep the room when it is empty (default: true).
    pub persistent: bool,
    /// Bare JIDs given the `owner` affiliation (they join as moderators).
    pub owners: Vec<String>,
    /// Bare JIDs given the `admin` affiliation (they join as moderators).
    pub admins: Vec<String>,
    /// The room's subject, set as if by the room itself.
    pub subject: Option<String>,
    /// The room's human-readable name.
    pub name: Option<String>,
    /// Messages sent to a joining occupant.
    pub history_length: Option<u32>,
    /// Roles whose presence is broadcast.
    pub presence_broadcast: Option<Vec<Role>>,
    /// Raw Lua run in the admin shell after the above, with `room` in scope.
    pub extra_lua: Option<String>,
    /// The plugin's room features (slow mode, moderation delay, emoji-only, terms, …), set
    /// through the room configuration form once the room exists.
    pub features: RoomFeatures,
}

impl Default for RoomOptions {
    fn default() -> Self {
        RoomOptions {
            persistent: true,
            owners: Vec::new(),
            admins: Vec::new(),
            subject: None,
            name: None,
            history_length: None,
            presence_broadcast: None,
            extra_lua: None,
            features: RoomFeatures::default(),
        }
    }
}

impl Prosody {
    /// Creates the room `local_part@<muc domain>` through the admin shell (no XMPP client
    /// needed) and returns its JID. Fails if the room exists already.
    pub fn create_room(&self, local_part: &str, opts: &RoomOptions) -> Result<String, Error> {
        let jid = self.room_jid(local_part);
        self.admin_shell(&create_room_lua(&jid, opts))?;
        if !opts.features.is_empty() {
            self.configure_room(&jid, &opts.features)?;
        }
        Ok(jid)
    }
}

/// One admin shell line that creates the room `jid` as `opts` say, saves it, and returns
/// `nil, reason` at the first step that fails.
fn create_room_lua(jid: &str, opts: &RoomOptions) -> String {
    let mut lua = vec![
        format!("local room, err = muc:create({})", lua_string(jid)),
        "if not room then return nil, err end".to_owned(),
        format!("room:set_persistent({})", opts.persistent),
    ];
    if let Some(name) = &opts.name {
        lua.push(format!("room:set_name({})", lua_string(name)));
    }
    if let Some(length) = opts.history_length {
        lua.push(format!("room:set_historylength({length})"));
    }
    if let Some(roles) = &opts.presence_broadcast {
        lua.push(format!(
            "room:set_presence_broadcast({})",
            lua_role_set(roles)
        ));
    }
    let affiliations = opts
        .owners
        .iter()
        .map(|j| (j, "owner"))
        .chain(opts.admins.iter().map(|j| (j, "admin")));
    for (member, affiliation) in affiliations {
        let member = lua_string(member);
        lua.push(format!(
            "local ok, e1, e2 = room:set_affiliation(true, {member}, \"{affiliation}\") \
             if not ok then return nil, \"{affiliation} \" .. {member} .. \": \" .. (e2 or e1 or \"refused\") end"
        ));
    }
    if let Some(subject) = &opts.subject {
        lua.push(format!(
            "room:set_subject(room.jid, {})",
            lua_string(subject)
        ));
    }
    if let Some(extra) = &opts.extra_lua {
        lua.push(format!("do {extra} end"));
    }
    lua.push("room:save(true)".to_owned());
    lua.push("return true, \"created \" .. room.jid".to_owned());
    lua.join("; ")
}
