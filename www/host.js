// Shared by the demo host pages: the chat's parameters from the page's own query string
// (`?room=<room JID>&ws=<WebSocket URL>&anon=<anonymous domain>`, as `cargo xtask demo` prints),
// in the plugin's field names.
export const query = new URLSearchParams(location.search);

export function chatParams(extra = {}) {
  const params = {
    room: query.get('room'),
    localWebsocketServiceUrl: query.get('ws'),
    localAnonymousJID: query.get('anon'),
    ...extra,
  };
  if (query.has('theme')) params.theme = query.get('theme');
  // `?lang=fr`: the chat in French on this English page (without it, the chat follows the page).
  if (query.has('lang')) params.lang = query.get('lang');
  return params;
}

// The query string the standalone chat page reads: room, ws, anon, and anything else given.
export function chatQuery(extra = {}) {
  const out = new URLSearchParams(query);
  for (const [key, value] of Object.entries(extra)) out.set(key, value);
  return out.toString();
}

// `?dark=1` shows the host page (and so the chat's PeerTube colours) in dark.
if (query.get('dark') === '1') document.documentElement.classList.add('dark');
