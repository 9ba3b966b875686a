-- SPDX-License-Identifier: AGPL-3.0-only
--
-- Emoji-only mode, as the PeerTube livechat plugin's rooms have it: while the room setting is
-- on, a participant's message must be emojis only (moderators write freely), the room shows
-- the disco#info feature x_peertubelivechat_emoji_only_mode, and anything else bounces as
-- modify/policy-violation.
--
-- How a body is judged: the room's custom emojis (room setting muc#roomconfig_livechat_custom_emojis,
-- their :shortnames:, which the plugin's server takes from the channel's emoji list) and white
-- space are taken out; what is left must hold at least one emoji and nothing but emoji
-- pictographs (Unicode's emoji blocks and the older symbols drawn as emojis), keycaps (1️⃣), and
-- the joiners, variation selectors and tags that build emoji sequences. The plugin's server
-- uses a regular expression built from ConverseJS's emoji list instead: rare symbols may be
-- judged differently, common emojis are not.

local st = require "util.stanza";
local valid_roles = module:require("muc/util").valid_roles;

local setting = module:require("livechat_room_setting");
local emoji_only = setting.declare {
	key = "livechat_emoji_only";
	kind = "boolean";
	config_field = "muc#roomconfig_x_peertubelivechat_emoji_only_mode";
	label = "Emoji-only mode: participants send emojis only";
	disco_feature = "x_peertubelivechat_emoji_only_mode";
};
local custom_emojis = setting.declare {
	key = "livechat_custom_emojis";
	kind = "text";
	config_field = "muc#roomconfig_livechat_custom_emojis";
	label = "The channel's custom emojis, as :shortname:";
	silent = true;
};

-- Code points drawn as emojis, as inclusive ranges.
local pictographs = {
	{ 0x00A9, 0x00A9 }, { 0x00AE, 0x00AE }, { 0x203C, 0x203C }, { 0x2049, 0x2049 },
	{ 0x2122, 0x2122 }, { 0x2139, 0x2139 }, { 0x2194, 0x2199 }, { 0x21A9, 0x21AA },
	{ 0x231A, 0x231B }, { 0x2328, 0x2328 }, { 0x23CF, 0x23CF }, { 0x23E9, 0x23F3 },
	{ 0x23F8, 0x23FA }, { 0x24C2, 0x24C2 }, { 0x25AA, 0x25AB }, { 0x25B6, 0x25B6 },
	{ 0x25C0, 0x25C0 }, { 0x25FB, 0x25FE }, { 0x2600, 0x27BF }, { 0x2934, 0x2935 },
	{ 0x2B05, 0x2B07 }, { 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 },
	{ 0x3030, 0x3030 }, { 0x303D, 0x303D }, { 0x3297, 0x3297 }, { 0x3299, 0x3299 },
	{ 0x1F000, 0x1FAFF }, -- includes regional indicators and skin tones
};
-- Code points that only join or adjust emojis: zero-width joiner, variation selectors, tags.
local joiners = { { 0x200D, 0x200D }, { 0xFE0E, 0xFE0F }, { 0xE0020, 0xE007F } };

local function within(ranges, code)
	for _, range in ipairs(ranges) do
		if code >= range[1] and code <= range[2] then return true; end
	end
	return false;
end

local function is_space(code)
	return code == 0x20 or (code >= 0x09 and code <= 0x0D) or code == 0xA0;
end

local function is_emoji_only(body, room)
	local known = {};
	for name in (custom_emojis.get(room) or ""):gmatch(":[^%s:]+:") do known[name] = true; end
	local found = false;
	local function emoji()
		found = true;
		return " ";
	end
	local text = body:gsub(":[^%s:]+:", function (name)
		if known[name] then return emoji(); end
	end);
	-- Keycaps: a digit, # or *, an optional variation selector, the combining enclosing keycap.
	text = text:gsub("[%d#%*]\u{FE0F}\u{20E3}", emoji):gsub("[%d#%*]\u{20E3}", emoji);
	if not utf8.len(text) then return false; end
	for _, code in utf8.codes(text) do
		if within(pictographs, code) then
			found = true;
		elseif not (is_space(code) or within(joiners, code)) then
			return false;
		end
	end
	return found;
end

-- After the announcement check, before slow mode: a refused message costs no slow-mode wait.
module:hook("muc-occupant-groupchat", function (event)
	local room, stanza, occupant = event.room, event.stanza, event.occupant;
	if not emoji_only.get(room) or not occupant then return; end
	if valid_roles[occupant.role or "none"] >= valid_roles.moderator then return; end
	local body = stanza:get_child_text("body");
	if not body or body == "" or is_emoji_only(body, room) then return; end
	event.origin.send(st.error_reply(stanza, "modify", "policy-violation",
		"This room is in emoji-only mode: send emojis only."));
	return true;
end, 10);
