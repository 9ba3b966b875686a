//! The lean PeerTube live chat in the browser: a thin leptos shell around the sans-IO
//! `livechat_core::Session`.
//!
//! # DOM hooks (stable: end-to-end tests and host pages rely on them)
//!
//! ```text
//! .lc-chat                      root; classes lc-overlay (OBS overlay), lc-transparent, lc-noscroll,
//!                               lc-read-only, lc-embedded, lc-panel-open, lc-theme-<name>;
//!                               lang = the chat's language (texts below are the English ones)
//! .lc-status[data-status]       connecting | joining | joined | reconnecting | not-in-room | disconnected;
//!                               data-nick = our nickname, data-attempt = reconnection attempt;
//!                               text "Joined as <nick>" once joined (visually hidden in the overlay)
//! .lc-alert[role=alert]         the latest problem (connection, refusal, login fallback)
//! .lc-subject                   the room subject
//! .lc-banners                   above the messages:
//!   .lc-terms[data-scope=global|room]     terms (.lc-terms-text, .lc-terms-hide); not in the overlay
//!   .lc-poll[data-poll-id]      the poll (class lc-poll-over once ended): .lc-poll-question,
//!                               li.lc-poll-choice[data-choice] (class lc-poll-mine: our vote) with
//!                               button.lc-poll-vote (who may vote) or .lc-poll-label,
//!                               .lc-poll-count[data-votes]; .lc-poll-total[data-votes],
//!                               .lc-poll-time[data-remaining] (seconds), .lc-poll-dismiss (ended)
//!   .lc-poll-form, .lc-announce owners' and admins' tools (.lc-owner-submit, .lc-owner-cancel;
//!                               .lc-announce-style, .lc-announce-body), opened by the toolbar's
//!                               .lc-poll-create and .lc-announce-open
//! livechat-poll-vote            DOM event (bubbles) fired on .lc-chat once our vote counted
//! .lc-log                       the message list (focusable, labelled; not a live region)
//!   li.lc-msg[data-key][data-stanza-id]   a message; classes lc-own, lc-history, lc-removed (tombstone),
//!                               lc-mentions-me (it mentions the viewer); data-style =
//!                               announcement | highlight | warning (framed, under a .lc-title line),
//!                               poll | poll-ended (a poll's start or end: .lc-title, the question as
//!                               .lc-body, .lc-poll-result once ended); votes (!N) are not drawn
//!     .lc-time .lc-avatar .lc-nick .lc-body (a.lc-link, .lc-mention inside) .lc-edited
//!     button.lc-fold-toggle[aria-expanded]  a long body is shown folded: "Show more" (none in the overlay)
//!     .lc-held[data-remaining]  moderators: seconds until the others get it (moderation delay)
//!     button.lc-msg-actions[aria-expanded]  those who can write: opens .lc-msg-menu: .lc-quote,
//!                               .lc-delete (own messages; second press confirms), .lc-msg-menu-close
//!   li.lc-notice[data-key]      join/leave/rename line
//! .lc-new-messages              "new messages" button (shown when scrolled up and more arrived;
//!                               "You were mentioned" when one of them mentions the viewer)
//! .lc-outbox-list li.lc-outbox[data-state=pending|failed][data-origin-id]
//!                               own undelivered messages; .lc-retry, .lc-discard when failed
//! .lc-composer .lc-input        the message input, a textarea: Enter sends, Shift+Enter starts a
//!                               line (.lc-send); absent for read-only and until a nickname is chosen
//!   .lc-completions[role=listbox] li.lc-completion[role=option][aria-selected]  nicknames offered
//!                               after @ and two characters (the input's aria-activedescendant)
//!   .lc-editing                 correcting the last message (↑ in the empty input): .lc-editing-cancel
//!   .lc-emoji-only-notice       emoji-only mode, under the input (its aria-describedby)
//! .lc-slowmode[data-remaining]  slow-mode countdown (seconds) after sending
//! .lc-emoji-toggle[aria-expanded]  the emoji picker's button beside the input; opens
//!                               .lc-emoji-picker[role=dialog]: .lc-emoji-search,
//!                               .lc-emoji-list[role=listbox] of .lc-emoji-option[role=option]
//! img.lc-emoji[alt=":name:"]    a custom emoji in a body or the subject; .lc-big-emojis around
//!                               a few emojis alone
//! .lc-choose-nick               "Choose a nickname to chat" (anonymous viewer, automatic nickname)
//! .lc-nick-prompt               the nickname form: .lc-nick-input, .lc-nick-submit, .lc-nick-cancel,
//!                               .lc-nick-error[role=alert] (e.g. nickname taken)
//! .lc-change-nick               toolbar button: change the chosen nickname
//! .lc-external-login            external logins for an anonymous viewer: one
//!                               button.lc-external-login-button[data-provider] per login offered,
//!                               .lc-external-login-error[role=alert] (why the last one failed)
//! .lc-logout                    toolbar button: log out of an external account
//! .lc-muted-notice              why a visitor cannot write ("Only registered users can write …")
//! .lc-participants-toggle[aria-expanded]  opens .lc-participants (closed by default when embedded)
//! .lc-participants              the panel: li.lc-occupant[data-nick][data-role] (.lc-role-badge),
//!                               .lc-anon-count[data-count] ("N anonymous viewers")
//! .lc-presence-toggle[aria-pressed]       moderators: join/leave lines
//! moderator menus               button.lc-nick-button (on a message) and .lc-occupant-menu-toggle
//!                               open .lc-mod-menu: .lc-mod-retract, .lc-mod-mute | .lc-mod-voice,
//!                               .lc-mod-kick, .lc-mod-ban (second click confirms), .lc-mod-close
//! .lc-toast                     transient notice (moderation results; .lc-toast-error)
//! .lc-not-loaded[role=alert]    a view whose wasm module could not be fetched (.lc-not-loaded-retry)
//! .lc-announcer                 visually hidden polite live regions (not in the overlay):
//!   .lc-announce-messages p     "nick: body" of each new message from others (the last few; cut
//!                               short as a long one is folded), "nick mentioned you: body"
//!   .lc-announce-status p       connection state and anonymous count, rate-limited
//! .lc-params-error[role=alert]  parameters missing or invalid
//! ```
//!
//! # Modules
//! - [`embed`]: the embedding API (`mount`, `mountElement`, the handle they return, its
//!   [`readiness`]); [`standalone`]: the page that mounts itself from its URL; [`plugin`]: the
//!   PeerTube livechat plugin's entry points (`initConverse`, …). All below.
//! - [`params`], [`token`]: the parameters, from the URL (and the hash), the embedding object or
//!   the custom element's attributes.
//! - [`login`]: anonymous, an account (`authenticationUrl`: PeerTube user or external login) or
//!   streamer token. [`route`]: which server the session connects to with that login (a room of
//!   another instance: through this instance's server, or on the remote's).
//! - [`transport`]: the task that pumps frames between the WebSocket and the session: its loop,
//!   the order it drains the session in ([`transport::drain`]), the reconnection policy
//!   ([`transport::reconnect`]), the presenter that turns events into signals
//!   ([`transport::presenter`]) and the texts it shows ([`transport::texts`]).
//! - [`state`]: the signals the presenter writes and the components read.
//! - [`log_view`], [`roster_view`], [`identity`]: the room turned into small view structs.
//! - [`i18n`]: the chat's language (negotiated at mount) and its texts, from the Fluent catalogs
//!   in `assets/locales/` (see the `livechat-i18n` crate).
//! - [`prefs`]: what is remembered across visits (the chosen nickname, the join/leave lines).
//! - [`links`]: safe links in bodies. [`theme`]: the background colour the nicknames must be
//!   readable on. [`platform`]: clock and randomness. [`early_socket`]: the socket the page's
//!   boot script opened while the module downloaded.
//! - [`room_text`]: a room's text cut into text, links and the channel's custom emojis
//!   ([`custom_emojis`]: their definitions, fetched once per chat); [`emoji_catalog`]: the emoji
//!   picker's list, fetched when a picker first opens.
//! - [`app`] and [`components`]: the UI; [`on_demand`]: the views only some viewers draw (the
//!   message form, the emoji picker, owners' tools, moderators' menus), in wasm modules of their
//!   own in the release build, fetched when first drawn.
//!
//! # Four ways to start
//!
//! **Embedding API.** The host page imports the module (`livechat.js`, a stable name, loads the
//! hashed files) and calls `mount(element, params)`, with `params` the plugin's object (`room`,
//! `localWebsocketServiceUrl`, `localAnonymousJID`, `authenticationUrl` + `authorizationHeader`,
//! `forceReadonly`, `transparent`, `theme`, …, and `lang`; see [`params`]). It returns a handle with
//! `unmount()`, `setTheme(name)` and `ready()` (see [`readiness`]).
//!
//! **Custom element.** `<livechat-room room=… local-websocket-service-url=… local-anonymous-jid=…>`,
//! defined by `livechat.js`; its attributes are the same parameters in kebab-case.
//!
//! **Standalone page.** When the module starts, it looks for `<div id="livechat"
//! data-params="url">` and, if the page has it, mounts the chat there with the parameters of the
//! page's URL (`?room=…&ws=…&anon=…`) and the streamer's token from its hash. The
//! `data-params="url"` attribute is the opt-in: a host page that calls `mount()` itself has no
//! such element, so nothing starts twice.
//!
//! **The PeerTube livechat plugin.** Its pages load `conversejs/converse.min.js` and
//! `static/builtin.js` (laid out by the build, see docs/peertube.md) and call
//! `initConverse(params, mode, authHeader)`, which mounts the chat in the page's `<converse-root>`
//! or its body (see [`plugin`]).
//!
//! Whichever way, parameters that cannot be used render a visible error in place of the chat.
//!
//! # Language
//!
//! The `lang` parameter (`?lang=fr`, `{lang: "fr"}`, `<livechat-room lang="fr">`) picks the
//! language; without it (or for a language the chat does not have) the closest `lang` attribute
//! around the mount element, then the document's, then the browser's languages; else English (see
//! [`i18n`]). The chat's root element carries the language chosen as its `lang`; the standalone
//! page also puts it on `<html>`, but a host page's own `lang` is never changed.

pub mod app;
pub mod components;
pub mod custom_emojis;
pub mod early_socket;
pub mod embed;
pub mod emoji_catalog;
pub mod fold;
pub mod i18n;
pub mod identity;
pub mod links;
pub mod log_view;
pub mod login;
pub mod on_demand;
pub mod params;
pub mod platform;
pub mod plugin;
pub mod prefs;
pub mod readiness;
pub mod room_text;
pub mod roster_view;
pub mod route;
pub mod standalone;
pub mod state;
pub mod theme;
pub mod token;
pub mod transport;

pub use embed::{mount, mount_element, mount_with, ChatHandle};
pub use standalone::{
    params_from_page, start, MOUNT_POINT_ID, PAGE_HEADING_ID, PARAMS_SOURCE_ATTR,
};
