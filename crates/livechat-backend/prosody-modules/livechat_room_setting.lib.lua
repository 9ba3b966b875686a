-- SPDX-License-Identifier: AGPL-3.0-only
--
-- One setting of a room, the way the PeerTube livechat plugin's room features are set: kept in
-- the room's data (so it is saved with the room), offered to owners in the room configuration
-- form (muc#owner), shown to everyone in the room's disco#info (as a muc#roominfo field or as a
-- feature), and, when the change shows to occupants, announced with status code 104 so that
-- clients fetch disco#info again.
--
-- Loaded with module:require("livechat_room_setting"): its hooks belong to the calling module.

-- How each kind of value reads from a submitted form; nil means "off" and is what is stored.
local kinds = {
	integer = {
		form_type = "text-single";
		datatype = "xs:integer"; -- the form refuses what is not a whole number within bounds
		read = function (value)
			if value <= 0 then return nil; end
			return value;
		end;
	};
	boolean = {
		form_type = "boolean";
		read = function (value) return value and true or nil; end;
	};
	text = {
		form_type = "text-multi";
		read = function (value)
			if type(value) ~= "string" or not value:find("%S") then return nil; end
			return value;
		end;
	};
};

-- spec fields:
--   key            where the value lives in room._data
--   kind           "integer" (0 is off), "boolean" or "text"
--   max            an integer's upper bound
--   config_field   its field in the room configuration form
--   label          that field's label
--   disco_field    a muc#roominfo field that shows the value to everyone, or
--   disco_feature  a disco#info feature present while the setting is on
--   disco_off      what disco_field shows while the setting is off
--   silent         true: a change is not announced with status code 104
--   on_change      function (room, value) called after the value changed
-- Returns { get = function (room), set = function (room, value) -> changed }.
local function declare(spec)
	local kind = assert(kinds[spec.kind], "unknown setting kind");

	local function get(room)
		return room._data[spec.key];
	end

	local function set(room, value)
		value = kind.read(value);
		if get(room) == value then return false; end
		room._data[spec.key] = value;
		if spec.on_change then spec.on_change(room, value); end
		return true;
	end

	module:hook("muc-config-form", function (event)
		local value = get(event.room);
		if spec.kind == "integer" then value = value or 0; end
		table.insert(event.form, {
			name = spec.config_field;
			type = kind.form_type;
			datatype = kind.datatype;
			range_min = kind.datatype and 0 or nil;
			range_max = spec.max;
			label = spec.label;
			value = value;
		});
	end);

	module:hook("muc-config-submitted/" .. spec.config_field, function (event)
		-- A number the form refused (not whole, out of bounds) changes nothing; a text sent
		-- without any line clears it.
		if event.value == nil and spec.kind ~= "text" then return; end
		if set(event.room, event.value) and not spec.silent then
			event.status_codes["104"] = true;
		end
	end);

	module:hook("muc-disco#info", function (event)
		local value = get(event.room);
		if spec.disco_field then
			table.insert(event.form, { name = spec.disco_field; value = spec.disco_off });
			if value ~= nil then
				event.formdata[spec.disco_field] = tostring(value);
			end
		elseif spec.disco_feature and value then
			event.reply:tag("feature", { var = spec.disco_feature }):up();
		end
	end);

	return { get = get; set = set };
end

return { declare = declare };
