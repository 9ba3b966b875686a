# The live chat's texts in English: the reference catalog, and the fallback for any key a language
# lacks. A new language is a new file beside this one, named by its language tag (fr.ftl, pt-BR.ftl),
# with every key below.
# Variables: $nick, $from, $to, $actor: nicknames; $count, $seconds, $attempt, $max: numbers;
# $name, $auth: parameter names; the others: texts (some from the server, untranslated).

## The standalone page: its title and heading

page-title = Live chat

## The connection, in the header

status-connecting = Connecting…
status-joining = Joining the room…
status-joined = Joined as { $nick }
status-joined-nameless = Joined
status-reconnecting = Connection lost, reconnecting (attempt { $attempt })…
status-not-in-room = Not in the room
status-disconnected = Disconnected

## The toolbar

change-nick = Change nickname
presence-toggle = Join/leave lines
presence-toggle-title = Show when people join and leave (rejoins the room)
participants-toggle = Participants

## Writing

choose-nick = Choose a nickname to chat
muted-anonymous = Only registered users can write in this chat.
muted-by-moderator = You cannot write here at the moment: a moderator muted you.
message-label = Message
message-placeholder = Write a message…
slow-mode-placeholder = Slow mode: wait { $seconds } s
slow-mode-countdown = Slow mode: you can write again in { $seconds } s.
send = Send

## The nickname prompt

nick-prompt-label = Choose a nickname to chat
nick-submit = Chat
nick-cancel = Cancel
nick-empty = Please enter a nickname.
nick-too-long = Please use at most { $max } characters.
nick-invisible = This nickname contains invisible characters.
nick-reserved = This nickname is kept for anonymous viewers: please choose another one.
nick-taken = The nickname “{ $nick }” is already taken: please choose another one.

## External logins (the buttons' own labels come from the server's settings)

external-login-label = Or log in with an account:
external-login-blocked = The login window could not open: please allow pop-ups for this site.
external-login-failed = The login did not succeed.
# $message: the server's words.
external-login-failed-why = The login did not succeed: { $message }
external-login-no-storage = The login succeeded, but this browser does not let the chat keep it.
logout = Log out

## Messages

# The time a message was sent: $hours (00–23) and $minutes (00–59), always two digits.
message-time = { $hours }:{ $minutes }
edited = edited
edited-title = This message was corrected
removed = Message removed
removed-reason = Message removed: { $reason }
removed-by-moderator = Message removed by a moderator
removed-by-moderator-reason = Message removed by a moderator: { $reason }
new-messages = New messages ↓
notice-joined = { $nick } joined
notice-left = { $nick } left
notice-renamed = { $from } is now { $to }

## Own messages not delivered yet

outbox-label = Your messages not delivered yet
outbox-sending = Sending…
outbox-not-sent = Not sent: { $reason }
outbox-retry = Retry
outbox-discard = Discard
refusal-forbidden = You are not allowed to write here right now.
refusal-slow-mode = Slow mode: wait a little before sending again.
refusal-not-accepted = The room did not accept it.
# $condition: the server's error name, such as `service-unavailable`.
refusal-other = The room refused it ({ $condition }).
refusal-no-answer = Not sent: the room did not answer.

## The participants panel

participants-title = Participants
participants-close = Close the participants list
anonymous-count =
    { $count ->
        [one] { $count } anonymous viewer
       *[other] { $count } anonymous viewers
    }
role-moderator = Moderator
role-muted = Muted
rank-owner = Owner
rank-admin = Admin

## Moderation

moderate = Moderate
moderate-nick = Moderate { $nick }
mod-menu-label = Moderation: { $nick }
mod-retract = Remove message
mod-mute = Mute
mod-voice = Give voice
mod-kick = Kick
mod-ban = Ban
mod-ban-confirm = Confirm ban
close = Close
kick-done = { $nick } was removed from the room.
kick-failed = Could not remove { $nick }: { $error }.
ban-done = { $nick } was banned.
ban-failed = Could not ban { $nick }: { $error }.
mute-done = { $nick } was muted.
mute-failed = Could not mute { $nick }: { $error }.
voice-done = { $nick } can write again.
voice-failed = Could not give voice to { $nick }: { $error }.
retract-done = The message was removed.
retract-failed = Could not remove the message: { $error }.
subject-done = The subject was changed.
subject-failed = Could not change the subject: { $error }.

## Leaving the room against one's will: { $what } is one of the removal-* texts

removal-kicked = You were removed from the room
removal-banned = You were banned from the room
removal-members-only = The room is now for members only
removal-shutdown = The chat service is shutting down
removal-other = You are no longer in the room
removal-by = { $what } by { $actor }

## Problems with the connection

connect-failed = Cannot connect to the chat server at { $url }.
# $error: the browser's own words.
connect-failed-why = Cannot connect to the chat server at { $url }: { $error }
# $condition: the server's error name.
error-stream = The chat server ended the connection ({ $condition })
error-auth = Login failed ({ $condition })
error-no-login-method = The server offers no usable login method (offered: { $offered })
error-bind = The server refused the session ({ $condition })
error-join = Cannot join the room ({ $condition })
error-join-unanswered = The room did not answer: reload the page to try again
error-config = Invalid configuration: { $reason }
error-timeout = The server stopped answering
error-connection-lost = The connection was lost
error-malformed = The server sent something unreadable ({ $reason })
login-fallback = You could not be logged in with your account ({ $why }): you are chatting as an anonymous viewer.
login-failed = You could not be logged in with your account: { $why }.
login-needs-account = This chat needs an account, and none was given.
login-http-status = the server answered { $status }
login-unreachable = the server could not be reached
login-bad-answer = the server's answer is not an account
login-bad-request = the page could not send the request
login-bad-header = the Authorization header is not valid
login-bad-token = the login token is not valid
login-bad-url = the address is not valid
# A video of another instance (federation): its chat is on that instance's server.
remote-closed = The chat of this video is on another instance, which lets nobody from here in.
remote-needs-account = The chat of this video is on another instance, which lets only logged-in users in: log in to join it.
remote-anonymous-with-nick = The chat of this video is on another instance, which does not take accounts from here: you chat there as an anonymous viewer, under your nickname.

## Joining a sentence and its details: the server's text ($reason) or the end of a sentence

with-reason = { $what }: { $reason }
sentence = { $what }.

## The chat's parameters, when the page gave unusable ones ($name: the parameter as the page
## calls it)

params-error-title = The chat cannot start
param-room-missing = The parameter `{ $name }` is missing: the address of the chat room, like `video-id@room.example.org`.
param-room-invalid = The parameter `{ $name }` is not a room address like `video-id@room.example.org`.
param-ws-missing = The parameter `{ $name }` is missing: the WebSocket address of the chat server, like `wss://example.org/xmpp-websocket`.
param-ws-invalid = The parameter `{ $name }` must be a WebSocket address starting with `wss://`, `ws://` or `/`.
param-url-invalid = The parameter `{ $name }` must be an address starting with `https://`, `http://` or `/`.
param-anon-missing = The parameter `{ $name }` is missing: the domain for anonymous viewers, like `anon.example.org` (or give `{ $auth }` to log in with an account).
param-anon-invalid = The parameter `{ $name }` must be a domain like `anon.example.org`.
param-number = The parameter `{ $name }` must be a number from 0 to { $max }.
param-readonly = The parameter `{ $name }` must be `true`, `false` or `noscroll`.
param-flag = The parameter `{ $name }` must be `true` or `false`.
param-external-logins = The parameter `{ $name }` must be a list of login buttons, each with a `buttonLabel` and a `url` starting with `https://`, `http://` or `/`.
# $themes: the theme names, such as `peertube`, `default`.
param-theme = The parameter `{ $name }` must be one of { $themes }.
params-not-object = The chat options must be an object with the chat's parameters (like `{"{"}room, localWebsocketServiceUrl, localAnonymousJID{"}"}`).
# $message: the plugin's own words (or plugin-refused); $code: its error code, such as 404.
plugin-unavailable = The chat is not available: { $message }.
plugin-unavailable-code = The chat is not available: { $message } ({ $code }).
plugin-refused = the server refused
token-bad-jid = The login token in the address (after `#`) has no valid account address (`j`).
token-no-password = The login token in the address (after `#`) has no password (`p`).

## Accessibility: names of regions, and what screen readers are told

# The chat as a whole (a landmark region).
chat-label = Live chat
# The message list.
messages-label = Messages
# A new message, said by screen readers as it arrives ($body may be cut).
announce-message = { $nick }: { $body }

## Polls: the banner above the messages

# The banner (a region's name).
poll-label = Poll
# Before the question.
poll-running = Poll:
poll-ended = Poll ended:
# A choice's votes and share of all votes.
poll-count =
    { $votes ->
        [one] { $votes } vote ({ $percent } %)
       *[other] { $votes } votes ({ $percent } %)
    }
poll-total =
    { $votes ->
        [one] { $votes } vote in all
       *[other] { $votes } votes in all
    }
# $time: minutes and seconds, like 4:05.
poll-time-left = { $time } left
# Beside the choice the viewer voted for.
poll-your-vote = Your vote
poll-hint = Vote with a button, or send !1, !2…
# In the streamer's OBS overlay: what the stream's viewers type in the chat.
poll-hint-overlay = Send !1, !2… in the chat to vote
poll-dismiss = Close the result
vote-poll-over = The poll is over: your vote was not counted.
vote-invalid-choice = The poll has no such choice.
vote-no-voice = You cannot vote in this room right now.
vote-not-in-room = Not in the room: your vote was not sent.
vote-refused = Your vote was not counted.

## Terms of the chat, above the messages

# The instance's terms (a region's name).
terms-global-label = Terms of the chat
# The room's own terms, set by the streamer.
terms-room-label = Terms of this channel
terms-hide = Hide

## Owners' and admins' tools: a new poll, an announcement

poll-create = New poll
poll-form-title = New poll
poll-form-loading = Loading the poll form…
poll-form-failed = The room did not give its poll form: { $reason }
poll-form-question = Question
poll-form-duration = Duration (minutes)
poll-form-anonymous = Anonymous votes (nobody sees who voted for what)
poll-form-choice = Choice { $number }
poll-form-replaces = Starting this poll ends the running one.
poll-form-submit = Start the poll
poll-form-bad-duration = The duration must be a whole number of minutes, at least 1.
poll-form-two-choices = Give at least two choices.
poll-create-failed = The poll was not started: { $reason }
announce-open = Announce
announce-title = Send an announcement
announce-style = Style
announce-style-announcement = Announcement
announce-style-highlight = Highlight
announce-style-warning = Warning
announce-body = Message
announce-send = Send
refusal-announcement-not-allowed = Only the room's owners and admins can send announcements.
owner-cancel = Cancel

## Messages: long ones folded, mentions, the moderation delay, quoting and deleting one's own

show-more = Show more
show-less = Show less
# Said by screen readers after a message that mentions the viewer.
mentions-you = (mentions you)
# Scrolled up when someone mentioned the viewer: the button back to the newest messages.
new-mention = You were mentioned ↓
# Moderators: the room holds a message back from the others this long.
held-for = Visible to viewers in { $seconds } s
# An ended poll's line in the chat: each choice's votes, joined by “ · ”.
poll-choice-result = { $label }: { $votes }
# The menu of a message ($nick: its author).
message-actions = Actions on the message from { $nick }
quote = Quote
delete = Delete for everyone
delete-confirm = Confirm: delete
# ↑ in the empty input brought back the last message sent.
editing = Correcting your last message
editing-cancel = Cancel
# The nicknames offered after @ (a list's name).
completions-label = Nicknames
completions-count =
    { $count ->
        [one] { $count } nickname: ↑ ↓ to choose, Tab to complete
       *[other] { $count } nicknames: ↑ ↓ to choose, Tab to complete
    }
emoji-only = Only emojis can be sent in this chat at the moment.
emoji-only-moderator = Emoji-only mode: the others can send only emojis.
refusal-emoji-only = Only emojis are accepted in this chat at the moment.
# Said by screen readers: a new message that mentions the viewer.
announce-mention = { $nick } mentioned you: { $body }
# An announcement ($title: its style, like “Warning”).
announce-styled = { $title } from { $nick }: { $body }
# A poll's line ($title: “Poll:” or “Poll ended:”).
announce-poll = { $title } { $body }

## The emoji picker beside the message input

# The button that opens it, and the picker's name.
emoji-picker = Emojis
emoji-search = Search emojis
emoji-loading = Loading the emojis…
emoji-load-failed = The emojis could not be loaded.
# A part of the chat (the message form, a menu, a tool) whose code could not be downloaded.
not-loaded = This part of the chat could not be loaded.
not-loaded-retry = Try again
emoji-none-found = No emoji found.
# Its categories: the channel's own emojis first, then Unicode's.
emoji-group-custom = This channel
emoji-group-smileys = Smileys and emotions
emoji-group-people = People and body
emoji-group-nature = Animals and nature
emoji-group-food = Food and drink
emoji-group-travel = Travel and places
emoji-group-activity = Activities
emoji-group-objects = Objects
emoji-group-symbols = Symbols
emoji-group-flags = Flags
