-- SPDX-License-Identifier: AGPL-3.0-only
--
-- Moderation delay, as the PeerTube livechat plugin's rooms have it: a message with a body
-- reaches moderators at once, marked <moderation-delay delay="N" waiting="unix seconds"/> (no
-- namespace of its own), and everyone else N seconds later, unless a moderator retracts it
-- meanwhile (XEP-0425). Its writer gets it back at once, unmarked. The room shows the delay in
-- disco#info as the field muc#roominfo_moderation_delay (0 to 60 seconds). As on the plugin's
-- server, a change is not announced with status code 104: only moderators see the delay.

local st = require "util.stanza";
local timer = require "util.timer";
local now = require "util.time".now;
local valid_roles = module:require("muc/util").valid_roles;
local get_room_from_jid = module:depends("muc").get_room_from_jid;

local delay = module:require("livechat_room_setting").declare {
	key = "livechat_moderation_delay";
	kind = "integer";
	max = 60;
	config_field = "muc#roomconfig_moderation_delay";
	label = "Moderation delay: seconds before participants see a message (0: off, at most 60)";
	disco_field = "muc#roominfo_moderation_delay";
	disco_off = "";
	silent = true;
};

-- The held messages' timers, by stanza-id (the id a moderator's retraction names).
local held = {};

local function is_moderator(occupant)
	return valid_roles[occupant.role or "none"] >= valid_roles.moderator;
end

-- The stanza-id a moderator's retraction applies to, in either version of XEP-0425.
local function retracted_id(stanza)
	local apply_to = stanza:get_child("apply-to", "urn:xmpp:fasten:0");
	local moderated = apply_to and apply_to:get_child("moderated", "urn:xmpp:message-moderate:0");
	if moderated and moderated:get_child("retract", "urn:xmpp:message-retract:0") then
		return apply_to.attr.id;
	end
	moderated = stanza:get_child("moderated", "urn:xmpp:message-moderate:1");
	if moderated and moderated:get_child("retract", "urn:xmpp:message-retract:1") then
		return moderated.attr.id;
	end
end

-- Last of the broadcast handlers: the archive has already given the message its stanza-id.
module:hook("muc-broadcast-message", function (event)
	local room, stanza = event.room, event.stanza;
	local seconds = delay.get(room);
	if not seconds or stanza.attr.type ~= "groupchat" then return; end

	local retracted = retracted_id(stanza);
	if retracted and held[retracted] then
		timer.stop(held[retracted]);
		held[retracted] = nil;
	end
	if not stanza:get_child("body") then return; end

	local later = st.clone(stanza);
	local writer = room:get_occupant_by_nick(stanza.attr.from);
	if writer and not is_moderator(writer) then
		room:route_to_occupant(writer, stanza);
	end
	local marked = st.clone(stanza):tag("moderation-delay", {
		delay = tostring(seconds);
		waiting = ("%d"):format(math.floor(now() + seconds));
	}):up();
	room:broadcast(marked, function (_, occupant) return is_moderator(occupant); end);

	local stanza_id = stanza:get_child("stanza-id", "urn:xmpp:sid:0");
	stanza_id = stanza_id and stanza_id.attr.by == room.jid and stanza_id.attr.id;
	local room_jid = room.jid;
	local task = timer.add_task(seconds, function ()
		if stanza_id then held[stanza_id] = nil; end
		-- The room may have left memory meanwhile: send through the one loaded now.
		local current = get_room_from_jid(room_jid);
		if not current then return; end
		current:broadcast(later, function (nick, occupant)
			return not is_moderator(occupant) and nick ~= later.attr.from;
		end);
	end);
	if stanza_id then held[stanza_id] = task; end
	return true;
end, -1000);
