-- SPDX-License-Identifier: AGPL-3.0-only
--
-- Anonymous viewers' vCards as the PeerTube livechat plugin's server answers them: every
-- vcard-temp request to a user of this host gets a vCard holding only a photo, one of a small
-- set, the same one for the same user. The old client asked for the vCard of every occupant of
-- the room (Prosody's MUC sends a request to an occupant on to the occupant's bare JID, here),
-- so the photos are what a crowded room costs in vCards. Enabled by livechat-backend on the
-- anonymous host for the join storm only.
--
-- The plugin reads its photos from image files; here they are made at load time: a PNG
-- signature and random bytes (which compress no better than a real PNG), of the option
-- livechat_vcard_photo_bytes each (about 6 KB once in base64, as the plugin's avatars),
-- livechat_vcard_photo_count of them.

local st = require "util.stanza";
local base64 = require "util.encodings".base64.encode;
local random_bytes = require "util.random".bytes;
local jid_split = require "util.jid".split;

local PNG_SIGNATURE = "\137PNG\r\n\26\n";

local count = module:get_option_number("livechat_vcard_photo_count", 5);
local size = module:get_option_number("livechat_vcard_photo_bytes", 4500);

local photos = {};
for i = 1, count do
	photos[i] = base64(PNG_SIGNATURE .. random_bytes(size - #PNG_SIGNATURE));
end
module:log("info", "%d vCard photos of %d bytes for the users of %s", count, size, module.host);

-- The same user always gets the same photo.
local function photo_of(username)
	local sum = 0;
	for i = 1, #username do
		sum = sum + username:byte(i) * i;
	end
	return photos[sum % count + 1];
end

-- Before Prosody's own vCard modules (vcard_legacy answers from PEP, which anonymous users
-- never fill): this host's users all have a photo.
module:hook("iq-get/bare/vcard-temp:vCard", function (event)
	local origin, stanza = event.origin, event.stanza;
	local username = jid_split(stanza.attr.to) or origin.username;
	if not username then
		origin.send(st.error_reply(stanza, "cancel", "item-not-found"));
		return true;
	end
	local vcard = st.stanza("vCard", { xmlns = "vcard-temp" })
		:tag("PHOTO")
			:text_tag("TYPE", "image/png")
			:text_tag("BINVAL", photo_of(username))
		:up();
	origin.send(st.reply(stanza):add_child(vcard));
	return true;
end, 10);
