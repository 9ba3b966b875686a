-- SPDX-License-Identifier: AGPL-3.0-only
--
-- Polls, in the wire format of the PeerTube livechat plugin's rooms.
--
-- Owners and admins ask the room for the poll form (IQ get of <query
-- xmlns="http://jabber.org/protocol/muc#x-poll"/>) and submit it (IQ set): a question, a
-- duration in minutes, whether votes are anonymous, two to five choices. A new poll ends the
-- running one. The room sends, from the nickname of the poll's author:
--   the start: a plain-text body (question, numbered choices, how to vote) and
--     <x-poll xmlns="http://jabber.org/protocol/muc#x-poll-message" id votes end>
--       <x-poll-question/><x-poll-choice choice votes/>…</x-poll>;
--   updates while votes come in, at most one per interval: that element alone, no-store hints;
--   the end: the element marked over="", the results in the body.
-- A joining session gets the running poll as an update.
--
-- A vote is a message "!N". It is counted (one vote per occupant, a new one replaces the old)
-- before slow mode or emoji-only mode read the message, so it counts even if they then refuse
-- it. In an anonymous poll the vote goes no further: it bounces to its writer as an error of
-- type "continue" (undefined-condition) saying that it counted.
--
-- Options: livechat_poll_minute, how many seconds a minute of duration lasts (60; tests make
-- it shorter); livechat_poll_update_interval, seconds between two updates (5).

local st = require "util.stanza";
local id = require "util.id";
local timer = require "util.timer";
local dataforms = require "util.dataforms";
local jid_bare = require "util.jid".bare;
local now = require "util.time".now;
local get_room_from_jid = module:depends("muc").get_room_from_jid;

local xmlns_poll = "http://jabber.org/protocol/muc#x-poll";
local xmlns_poll_message = "http://jabber.org/protocol/muc#x-poll-message";
local poll_tags = { ["x-poll"] = true; ["x-poll-question"] = true; ["x-poll-choice"] = true };
local max_choices = 5;

local minute = module:get_option_number("livechat_poll_minute", 60);
local update_interval = module:get_option_number("livechat_poll_update_interval", 5);
-- An ended poll stays this long, so that late votes still bounce instead of showing.
local kept_after_end = 30;

local form = dataforms.new {
	title = "New poll";
	instructions = "Submitting this form ends the running poll, if any, and starts this one.";
	{ name = "FORM_TYPE"; type = "hidden"; value = xmlns_poll };
	{ name = "muc#roompoll_question"; type = "text-single"; label = "Question"; required = true };
	{ name = "muc#roompoll_duration"; type = "text-single"; datatype = "xs:integer";
		range_min = 1; label = "Duration (minutes)"; required = true };
	{ name = "muc#roompoll_anonymous"; type = "boolean"; value = true;
		label = "Anonymous votes (nobody sees who voted for what)" };
	{ name = "muc#roompoll_choice1"; type = "text-single"; label = "Choice 1"; required = true };
	{ name = "muc#roompoll_choice2"; type = "text-single"; label = "Choice 2"; required = true };
	{ name = "muc#roompoll_choice3"; type = "text-single"; label = "Choice 3" };
	{ name = "muc#roompoll_choice4"; type = "text-single"; label = "Choice 4" };
	{ name = "muc#roompoll_choice5"; type = "text-single"; label = "Choice 5" };
};

-- Timers by room JID: the poll's end, and the next update.
local ending, updating = {}, {};

local function total_votes(poll)
	local total = 0;
	for _, count in pairs(poll.counts) do total = total + count; end
	return total;
end

local function start_text(poll)
	local lines = { poll.question };
	for _, choice in ipairs(poll.choices) do
		table.insert(lines, choice.number .. ": " .. choice.label);
	end
	table.insert(lines, "To vote, send ! and the number of your choice, for example !1");
	return table.concat(lines, "\n");
end

local function end_text(poll)
	local lines = { poll.question, "The poll is over." };
	local total = total_votes(poll);
	for _, choice in ipairs(poll.choices) do
		local count = poll.counts[choice.number];
		local share = total > 0 and ("%.2f"):format(100 * count / total) or "0.00";
		table.insert(lines, ("%s: %s (%d/%d, %s%%)"):format(choice.number, choice.label, count, total, share));
	end
	return table.concat(lines, "\n");
end

-- The poll as a message from its author: with a body (start, end) or as an update (no body).
local function poll_message(poll, body)
	local message = st.message({ type = "groupchat"; from = poll.author_nick; id = id.long() }, body);
	if poll.author_occupant_id then
		message:tag("occupant-id", { xmlns = "urn:xmpp:occupant-id:0"; id = poll.author_occupant_id }):up();
	end
	if not body then
		message:tag("no-copy", { xmlns = "urn:xmpp:hints" }):up()
			:tag("no-store", { xmlns = "urn:xmpp:hints" }):up()
			:tag("no-permanent-store", { xmlns = "urn:xmpp:hints" }):up();
	end
	message:tag("x-poll", {
		xmlns = xmlns_poll_message;
		id = poll.id;
		votes = tostring(total_votes(poll));
		["end"] = ("%d"):format(poll.ends_at);
		over = poll.over and "" or nil;
	}):text_tag("x-poll-question", poll.question);
	for _, choice in ipairs(poll.choices) do
		message:text_tag("x-poll-choice", choice.label, {
			choice = choice.number;
			votes = tostring(poll.counts[choice.number]);
		});
	end
	return message:up();
end

local function stop_timers(room_jid)
	for _, timers in ipairs({ ending, updating }) do
		if timers[room_jid] then timer.stop(timers[room_jid]); end
		timers[room_jid] = nil;
	end
end

local function end_poll(room)
	local poll = room._data.livechat_poll;
	if not poll or poll.over then return; end
	poll.over = true;
	stop_timers(room.jid);
	room:broadcast_message(poll_message(poll, end_text(poll)));
	local room_jid, poll_id = room.jid, poll.id;
	timer.add_task(kept_after_end, function ()
		local current = get_room_from_jid(room_jid);
		local kept = current and current._data.livechat_poll;
		if kept and kept.id == poll_id then current._data.livechat_poll = nil; end
	end);
end

local function schedule_end(room_jid, poll)
	if ending[room_jid] then timer.stop(ending[room_jid]); end
	ending[room_jid] = timer.add_task(math.max(1, poll.ends_at - now()), function ()
		ending[room_jid] = nil;
		local room = get_room_from_jid(room_jid);
		if room and room._data.livechat_poll and room._data.livechat_poll.id == poll.id then
			end_poll(room);
		end
	end);
end

-- Votes come in bursts: one update per interval says them all.
local function schedule_update(room_jid)
	if updating[room_jid] then return; end
	updating[room_jid] = timer.add_task(update_interval, function ()
		updating[room_jid] = nil;
		local room = get_room_from_jid(room_jid);
		local poll = room and room._data.livechat_poll;
		if poll and not poll.over then room:broadcast_message(poll_message(poll)); end
	end);
end

local function start_poll(room, fields, author)
	end_poll(room);
	local poll = {
		id = id.short();
		question = fields["muc#roompoll_question"];
		anonymous = fields["muc#roompoll_anonymous"] and true or false;
		ends_at = math.floor(now() + fields["muc#roompoll_duration"] * minute);
		author_nick = author.nick;
		author_occupant_id = room:get_occupant_id(author);
		choices = {};
		counts = {};
		voters = {};
	};
	for n = 1, max_choices do
		local label = fields["muc#roompoll_choice" .. n];
		if label and label:find("%S") then
			table.insert(poll.choices, { number = tostring(n); label = label });
			poll.counts[tostring(n)] = 0;
		end
	end
	room._data.livechat_poll = poll;
	room:save();
	room:broadcast_message(poll_message(poll, start_text(poll)));
	schedule_end(room.jid, poll);
end

local function may_run_polls(room, jid)
	local affiliation = room:get_affiliation(jid);
	return affiliation == "owner" or affiliation == "admin";
end

-- The room the IQ goes to, or nil once an error went back.
local function room_for(event)
	local room = get_room_from_jid(jid_bare(event.stanza.attr.to));
	if not room then
		event.origin.send(st.error_reply(event.stanza, "cancel", "item-not-found"));
	elseif not may_run_polls(room, event.stanza.attr.from) then
		event.origin.send(st.error_reply(event.stanza, "auth", "forbidden"));
	else
		return room;
	end
end

module:hook("iq-get/bare/" .. xmlns_poll .. ":query", function (event)
	if room_for(event) then
		event.origin.send(st.reply(event.stanza):query(xmlns_poll):add_child(form:form()));
	end
	return true;
end);

module:hook("iq-set/bare/" .. xmlns_poll .. ":query", function (event)
	local origin, stanza = event.origin, event.stanza;
	local room = room_for(event);
	if not room then return true; end
	local author = room:get_occupant_by_real_jid(stanza.attr.from);
	local submitted = stanza.tags[1]:get_child("x", "jabber:x:data");
	local function refuse(kind, condition, text)
		origin.send(st.error_reply(stanza, kind, condition, text));
		return true;
	end
	if not author then return refuse("auth", "forbidden", "Join the room to start a poll."); end
	if not submitted then return refuse("modify", "bad-request", "The poll form is missing."); end
	if submitted.attr.type == "cancel" then origin.send(st.reply(stanza)); return true; end
	if submitted.attr.type ~= "submit" then return refuse("modify", "bad-request", "Not a submitted form."); end
	if dataforms.get_type(submitted) ~= xmlns_poll then
		return refuse("modify", "bad-request", "The form's FORM_TYPE is not " .. xmlns_poll .. ".");
	end
	local fields, errors = form:data(submitted);
	if errors then
		local problems = {};
		for field, problem in pairs(errors) do table.insert(problems, field .. ": " .. problem); end
		table.sort(problems);
		return refuse("modify", "bad-request", table.concat(problems, "; "));
	end
	start_poll(room, fields, author);
	origin.send(st.reply(stanza));
	return true;
end);

module:hook("muc-disco#info", function (event)
	event.reply:tag("feature", { var = xmlns_poll }):up();
end);

-- After the visitor check (50), so that visitors do not vote; before emoji-only mode (10) and
-- slow mode (0).
module:hook("muc-occupant-groupchat", function (event)
	local room, stanza, occupant = event.room, event.stanza, event.occupant;
	local poll = room._data.livechat_poll;
	local body = stanza:get_child_text("body");
	local choice = poll and body and body:match("^%s*!(%d+)%s*$");
	if not choice or not occupant then return; end
	choice = tostring(tonumber(choice));
	local function bounce(kind, condition, text)
		event.origin.send(st.error_reply(stanza, kind, condition, text));
		return true;
	end
	if poll.over or now() >= poll.ends_at then
		return bounce("cancel", "not-allowed", "The poll is over.");
	end
	if not poll.counts[choice] then
		return bounce("cancel", "bad-request", "This poll has no such choice.");
	end
	local previous = poll.voters[occupant.bare_jid];
	if previous then poll.counts[previous] = poll.counts[previous] - 1; end
	poll.counts[choice] = poll.counts[choice] + 1;
	poll.voters[occupant.bare_jid] = choice;
	schedule_update(room.jid);
	if poll.anonymous then
		return bounce("continue", "undefined-condition",
			"Your vote counts. Votes are anonymous: nobody else sees yours.");
	end
end, 40);

-- Only the room writes polls: the poll elements are taken out of what occupants send.
module:hook("muc-occupant-groupchat", function (event)
	event.stanza:maptags(function (child)
		if poll_tags[child.name] then return nil; end
		return child;
	end);
end, 1000);

module:hook("muc-occupant-session-new", function (event)
	local poll = event.room._data.livechat_poll;
	if not poll or poll.over then return; end
	local update = poll_message(poll);
	update.attr.to = event.jid;
	event.origin.send(update);
end, 10); -- after the subject (20)

-- A room read back from storage (after a restart) forgets an ended poll and gets the end of a
-- running one scheduled again.
module:hook("muc-room-restored", function (event)
	local room = event.room;
	local poll = room._data.livechat_poll;
	if not poll or ending[room.jid] then return; end
	if poll.over then
		room._data.livechat_poll = nil;
	elseif now() >= poll.ends_at then
		end_poll(room);
	else
		schedule_end(room.jid, poll);
	end
end);
