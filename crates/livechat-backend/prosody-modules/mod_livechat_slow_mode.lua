-- SPDX-License-Identifier: AGPL-3.0-only
--
-- Slow mode, as the PeerTube livechat plugin's rooms have it: a participant waits the room's
-- number of seconds between two messages; moderators never wait. The room shows it in
-- disco#info as the field muc#roominfo_slow_mode_duration; a message sent too early bounces as
-- wait/policy-violation. Only messages with a body count.

local st = require "util.stanza";
local jid_bare = require "util.jid".bare;
local now = require "util.time".now;
local valid_roles = module:require("muc/util").valid_roles;

local duration = module:require("livechat_room_setting").declare {
	key = "livechat_slow_mode";
	kind = "integer";
	config_field = "muc#roomconfig_slow_mode_duration";
	label = "Slow mode: seconds a participant waits between two messages (0: off)";
	disco_field = "muc#roominfo_slow_mode_duration";
	disco_off = "0";
};

module:hook("muc-occupant-groupchat", function (event)
	local room, stanza, occupant = event.room, event.stanza, event.occupant;
	local seconds = duration.get(room);
	if not seconds or not occupant or not stanza:get_child("body") then return; end
	if valid_roles[occupant.role or "none"] >= valid_roles.moderator then return; end

	-- Kept in memory only: a restart forgives everyone.
	local last_sent = room.livechat_slow_mode_last_sent or {};
	room.livechat_slow_mode_last_sent = last_sent;
	local writer, at = jid_bare(stanza.attr.from), now();
	local previous = last_sent[writer];
	if previous and at - previous < seconds then
		event.origin.send(st.error_reply(stanza, "wait", "policy-violation",
			("Slow mode: one message every %d seconds. Try again in a moment."):format(seconds)));
		return true;
	end
	last_sent[writer] = at;
end);
