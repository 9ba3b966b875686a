-- SPDX-License-Identifier: AGPL-3.0-only
--
-- Announcements, as the PeerTube livechat plugin's rooms have them: a message whose body carries
-- the attribute x-livechat-announcement-type ("announcement", "highlight" or "warning") is
-- shown in that style, so only the room's owners and admins may send one; anyone else's bounces
-- as modify/policy-violation.

local st = require "util.stanza";

-- Before everything else that reads a message.
module:hook("muc-occupant-groupchat", function (event)
	local room, stanza = event.room, event.stanza;
	local body = stanza:get_child("body");
	if not body or body.attr["x-livechat-announcement-type"] == nil then return; end
	local affiliation = room:get_affiliation(stanza.attr.from);
	if affiliation == "owner" or affiliation == "admin" then return; end
	event.origin.send(st.error_reply(stanza, "modify", "policy-violation",
		"Only the room's owners and admins send announcements."));
	return true;
end, 500);
