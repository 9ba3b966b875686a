//! The pages the host serves: PeerTube-like pages that run the plugin's client
//! (`peertube_client.js`), and the plugin's standalone page, rendered as the plugin's server
//! renders its template (the static base, the colours of `_ac_*` as a style, the parameters in an
//! inline call).

use serde_json::Value;

use super::{HostRequest, HostResponse, PluginHost};

/// Where the host serves the played plugin client.
pub const CLIENT_SCRIPT: &str = "/host/peertube-client.js";
pub const CLIENT_JS: &str = include_str!("peertube_client.js");

/// PeerTube's theme, as its variables (PeerTube 7's names), and the plugin's own rules for its
/// container (its `style.css`, which stays when the frontend is replaced).
const PEERTUBE_STYLE: &str = r#"
:root { --bg: #ffffff; --fg: #1f1f1f; --fg-300: #585858; --fg-400: #3c3c3c; --bg-secondary-300: #e8e8e8;
  --bg-secondary-400: #dedede; --input-fg: #1f1f1f; --input-bg: #f6f6f6; --primary: #c74f06; --on-primary: #ffffff; }
html, body { margin: 0; height: 100%; }
body { background: var(--bg); color: var(--fg); font-family: system-ui, sans-serif; }
header.top { height: 50px; display: flex; align-items: center; padding: 0 16px; border-bottom: 1px solid var(--bg-secondary-400); }
.watch { display: flex; gap: 0; height: calc(100vh - 51px - 80px); }
.player { flex: 1 1 auto; background: #000; color: #fff; display: flex; align-items: center; justify-content: center; }
#plugin-placeholder-player-next { flex: 0 0 380px; height: 100%; display: flex; flex-direction: column; }
#peertube-plugin-livechat-container { display: flex; flex-direction: column; height: 100%; }
#peertube-plugin-livechat-container converse-root { display: block; border: 1px solid black;
  min-height: max(30vh, 300px); height: 100%; min-width: min(400px, 25vw); }
.peertube-plugin-livechat-buttons { display: flex; justify-content: flex-end; gap: 4px; padding: 4px; }
.livechat-spinner { display: flex; justify-content: center; }
.livechat-spinner div { width: 48px; height: 48px; margin: 20px; border: 5px solid var(--bg-secondary-300);
  border-bottom-color: var(--primary); border-radius: 50%; box-sizing: border-box; animation: spin 1s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.video-info { padding: 8px 16px; }
#plugin-page { padding: 16px; }
"#;

fn peertube_page(start: &str, room_key: &str, main: &str) -> String {
    format!(
        r##"<!doctype html>
<html lang="en" data-start="{start}" data-room="{room}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>PeerTube</title><style>{PEERTUBE_STYLE}</style>
<script src="{CLIENT_SCRIPT}" defer></script></head>
<body><header class="top"><strong>PeerTube</strong>&nbsp;<a class="peertube-button-link publish-button" href="#">Publish</a></header>
{main}
</body></html>"##,
        room = html_escape(room_key),
    )
}

/// A video's watch page: the player, and beside it the placeholder the plugin fills.
pub fn watch_page(room_key: &str) -> String {
    let main = format!(
        r#"<main><div class="watch"><div class="player">▶ video</div><div id="plugin-placeholder-player-next"></div></div>
<div class="video-info"><h1 id="video-title">Video {}</h1></div></main>"#,
        html_escape(room_key)
    );
    peertube_page("watch", room_key, &main)
}

/// The plugin's full page (`/p/livechat/room?room=<key>`): PeerTube's shell, the plugin's root.
pub fn full_page() -> String {
    peertube_page("fullpage", "", r#"<main id="plugin-page"></main>"#)
}

/// The autocolors the standalone page takes from its query (`_ac_<name>`), in the order of the
/// `--peertube-*` variables they set.
const AUTOCOLORS: [(&str, &str); 12] = [
    ("mainForeground", "main-foreground"),
    ("mainBackground", "main-background"),
    ("greyForeground", "grey-foreground"),
    ("greyBackground", "grey-background"),
    ("menuForeground", "menu-foreground"),
    ("menuBackground", "menu-background"),
    ("inputForeground", "input-foreground"),
    ("inputBackground", "input-background"),
    ("buttonForeground", "button-foreground"),
    ("buttonBackground", "button-background"),
    ("link", "link"),
    ("linkHover", "link-hover"),
];

/// `GET …/webchat/room/<key>`: the standalone page with `params` changed by the query as the
/// plugin does (`_readonly`, `_transparent`, `force_default_hide_muc_participants`), and the
/// colours of `_ac_*` (all twelve, valid) as a style on `body.converse-fullscreen.theme-peertube`.
pub fn standalone(request: &HostRequest, mut params: Value) -> HostResponse {
    let readonly = match request.query_param("_readonly").as_deref() {
        Some("true") => Value::Bool(true),
        Some("noscroll") => Value::from("noscroll"),
        _ => Value::Bool(false),
    };
    params["autoViewerMode"] = Value::Bool(readonly == Value::Bool(false));
    params["forceReadonly"] = readonly;
    params["transparent"] =
        Value::Bool(request.query_param("_transparent").as_deref() == Some("true"));
    params["forceDefaultHideMucParticipants"] = Value::Bool(
        request
            .query_param("force_default_hide_muc_participants")
            .as_deref()
            == Some("1"),
    );
    let colours: Vec<(&str, String)> = AUTOCOLORS
        .iter()
        .map(|(query, var)| {
            let value = request
                .query_param(&format!("_ac_{query}"))
                .unwrap_or_default();
            (*var, value)
        })
        .collect();
    let style = if colours.iter().all(|(_, v)| is_colour(v)) {
        let vars: String = colours
            .iter()
            .map(|(var, value)| format!("--peertube-{var}: {value};"))
            .collect();
        format!("<style>body.converse-fullscreen.theme-peertube {{ {vars} }}</style>")
    } else {
        String::new()
    };
    let base = PluginHost::static_base();
    // Inside a script: `<` never closes it.
    let json = params.to_string().replace('<', "\\u003c");
    HostResponse::html(format!(
        r#"<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Chat</title>
  <link type="text/css" rel="stylesheet" href="{base}conversejs/converse.min.css">
  <script src="{base}conversejs/converse.min.js"></script>
  <script src="{base}static/builtin.js"></script>
  {style}
</head>
<body class="converse-fullscreen theme-peertube">
  <div id="conversejs-bg" class="theme-peertube"></div>
  <script>
    initConversePlugins(false);
    initConverse({json}, 'chat-only');
  </script>
</body>
</html>"#
    ))
}

/// A colour the plugin accepts: `#hex`, or a colour function of digits, dots, commas, spaces and
/// percents.
fn is_colour(value: &str) -> bool {
    let hex = value.strip_prefix('#').is_some_and(|h| {
        matches!(h.len(), 3 | 4 | 6 | 8) && h.bytes().all(|c| c.is_ascii_hexdigit())
    });
    let function = ["rgb(", "rgba(", "hsl(", "hsla("].iter().any(|f| {
        value
            .strip_prefix(f)
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(|inner| {
                inner
                    .bytes()
                    .all(|c| c.is_ascii_digit() || b"., %/".contains(&c))
            })
    });
    hex || function
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
