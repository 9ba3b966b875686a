-- SPDX-License-Identifier: AGPL-3.0-only
--
-- Terms, as the PeerTube livechat plugin's rooms show them: the instance's terms (option
-- livechat_terms_global) and the room's own (room setting muc#roomconfig_livechat_terms, which
-- the plugin sets through its own API) reach each joining session as groupchat messages from
-- the reserved nickname (option livechat_terms_nickname, "Peertube" as the plugin sets it),
-- marked <x-livechat-terms type="global|muc"/> (no namespace of its own), with a delay and
-- no-store hints: they are not kept in the room's history. New room terms go to everyone at once.

local st = require "util.stanza";
local id = require "util.id";
local datetime = require "util.datetime";
local jid_resource = require "util.jid".resource;

local nickname = module:get_option_string("livechat_terms_nickname", "Peertube");
local global_terms = module:get_option_string("livechat_terms_global", "");

local function terms_message(room, kind, text)
	local from = room.jid .. "/" .. nickname;
	return st.message({ type = "groupchat"; from = from; id = id.medium() }, text)
		:tag("x-livechat-terms", { type = kind }):up()
		:tag("delay", { xmlns = "urn:xmpp:delay"; from = from; stamp = datetime.datetime() }):up()
		:tag("no-copy", { xmlns = "urn:xmpp:hints" }):up()
		:tag("no-store", { xmlns = "urn:xmpp:hints" }):up()
		:tag("no-permanent-store", { xmlns = "urn:xmpp:hints" }):up();
end

local room_terms = module:require("livechat_room_setting").declare {
	key = "livechat_terms";
	kind = "text";
	config_field = "muc#roomconfig_livechat_terms";
	label = "Terms of this room, shown to everyone who joins";
	silent = true;
	on_change = function (room, text)
		if text then room:broadcast_message(terms_message(room, "muc", text)); end
	end;
};

module:hook("muc-occupant-session-new", function (event)
	local function send(kind, text)
		local message = terms_message(event.room, kind, text);
		message.attr.to = event.jid;
		event.origin.send(message);
	end
	if global_terms:find("%S") then send("global", global_terms); end
	local text = room_terms.get(event.room);
	if text then send("muc", text); end
end);

-- Nobody joins under the nickname the terms come from.
local function refuse_reserved_nickname(event)
	if jid_resource(event.stanza.attr.to) ~= nickname then return; end
	event.origin.send(st.error_reply(event.stanza, "cancel", "conflict",
		"This nickname is reserved.", event.room.jid));
	return true;
end
module:hook("muc-occupant-pre-join", refuse_reserved_nickname);
module:hook("muc-occupant-pre-change", refuse_reserved_nickname);

-- Only the server marks terms: the mark is taken out of what occupants send.
module:hook("muc-occupant-groupchat", function (event)
	event.stanza:maptags(function (child)
		if child.name == "x-livechat-terms" then return nil; end
		return child;
	end);
end, 100);
