-- SPDX-License-Identifier: AGPL-3.0-only
--
-- Mute anonymous viewers, as the PeerTube livechat plugin's rooms can: while the room setting
-- is on, occupants from the anonymous host join as visitors (they read but do not write), and
-- the room shows the disco#info feature x_peertubelivechat_mute_anonymous. Turning it on mutes
-- the anonymous occupants already there; turning it off gives them voice back, unless the room
-- is moderated (the large-audience rooms), where everyone without an affiliation stays a visitor.

local jid_host = require "util.jid".host;

-- The plugin's layout: anonymous viewers on anon.<host> beside rooms on room.<host>.
local anonymous_host = module:get_option_string("livechat_anonymous_host",
	"anon." .. module.host:gsub("^room%.", ""));

local function is_anonymous(occupant)
	return occupant.bare_jid ~= nil and jid_host(occupant.bare_jid) == anonymous_host;
end

local mute = module:require("livechat_room_setting").declare {
	key = "livechat_mute_anonymous";
	kind = "boolean";
	config_field = "muc#roomconfig_x_peertubelivechat_mute_anonymous";
	label = "Mute anonymous viewers";
	disco_feature = "x_peertubelivechat_mute_anonymous";
	on_change = function (room, muted)
		local from, to = "participant", "visitor";
		if not muted then
			if room:get_moderated() then return; end
			from, to = to, from;
		end
		for nick, occupant in room:each_occupant() do
			if is_anonymous(occupant) and occupant.role == from then
				room:set_role(true, nick, to);
			end
		end
	end;
};

-- Early, so that the role is set before anything announces it.
module:hook("muc-occupant-pre-join", function (event)
	local occupant = event.occupant;
	if occupant.role == "participant" and mute.get(event.room) and is_anonymous(occupant) then
		occupant.role = "visitor";
	end
end, 1000);
