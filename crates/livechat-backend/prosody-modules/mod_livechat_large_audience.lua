-- SPDX-License-Identifier: AGPL-3.0-only
--
-- The large-audience mode's server side: joins that cost the same whatever the room holds, in a
-- room whose viewers' presences are not broadcast (muc#roomconfig_presencebroadcast without
-- "visitor"). Nothing a client receives changes.
--
-- Prosody 0.12 sends a newcomer the room's occupant list by building, for every occupant, the
-- presence it would send (a stanza, its muc#user item, the occupant-id event), and only then
-- drops those of roles that are not broadcast. In such a room nearly every occupant is a viewer,
-- so each join builds a presence per occupant and sends almost none: 5,000 joins build about
-- 12.5 million presences, and the joins queue behind Prosody's one core. Here the occupants whose
-- presence would be dropped are filtered out before anything is built.
--
-- Enabled on the MUC component by livechat-backend for the join storm's large-audience mode.

local jid_bare = require "util.jid".bare;

local mod_muc = module:depends "muc";
local room_mt = mod_muc.room_mt;

-- Whether every role's presence is broadcast (the default room): then nothing is filtered.
local function broadcasts_all(roles)
	return roles.visitor and roles.participant and roles.moderator;
end

local send_occupant_list = room_mt.send_occupant_list;

function room_mt:send_occupant_list(to, filter)
	local roles = self:get_presence_broadcast();
	if broadcasts_all(roles) then
		return send_occupant_list(self, to, filter);
	end
	local to_bare = jid_bare(to);
	return send_occupant_list(self, to, function (nick, occupant)
		-- The same rule Prosody applies after building the presence: the newcomer's own
		-- sessions and broadcast roles are sent. `occupant` is nil for affiliated users who are
		-- not in the room: left to the caller's filter.
		if occupant and occupant.bare_jid ~= to_bare and not roles[occupant.role or "none"] then
			return false;
		end
		return filter == nil or filter(nick, occupant);
	end);
end

module:log("info", "joins of rooms without viewers' presences build only the presences they send");

function module.unload()
	room_mt.send_occupant_list = send_occupant_list;
end
