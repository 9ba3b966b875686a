//! nginx's configuration file, rendered from `nginx.conf.in` and the [`NginxOptions`] into the run
//! directory.

use std::path::Path;
use std::time::Duration;

use super::options::NginxOptions;
use crate::error::{other_err, Error};
use crate::template;

const TEMPLATE: &str = include_str!("nginx.conf.in");
/// The configuration's file name in the run directory.
pub(crate) const CONFIG_FILE: &str = "nginx.conf";

/// The configuration of one nginx in `run_dir`, listening on `port` and proxying `opts.ws_path` to
/// `upstream` (an `http://` URL).
pub(crate) fn render(opts: &NginxOptions, run_dir: &Path, port: u16, upstream: &str) -> String {
    let values: [(&str, String); 6] = [
        ("run_dir", escape(&run_dir.to_string_lossy())),
        ("port", port.to_string()),
        ("ws_path", format!("\"{}\"", escape(&opts.ws_path))),
        ("upstream", format!("\"{}\"", escape(upstream))),
        ("read_timeout", time(opts.read_timeout)),
        ("send_timeout", time(opts.send_timeout)),
    ];
    template::fill(TEMPLATE, &values, "nginx.conf.in")
}

/// The `http://` URL nginx proxies to, for a server's `ws://` WebSocket URL (`wss://`: `https://`).
pub(crate) fn upstream_url(ws_url: &str) -> Result<String, Error> {
    if let Some(rest) = ws_url.strip_prefix("ws://") {
        Ok(format!("http://{rest}"))
    } else if let Some(rest) = ws_url.strip_prefix("wss://") {
        Ok(format!("https://{rest}"))
    } else {
        Err(other_err(
            format!("proxying {ws_url}"),
            "not a ws:// or wss:// URL",
        ))
    }
}

/// The inside of a double-quoted nginx string.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A duration in nginx's syntax: whole seconds as `30s`, anything else in milliseconds.
fn time(duration: Duration) -> String {
    let ms = duration.as_millis();
    if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plugin_path_is_proxied_with_the_upgrade_headers_and_30_s_timeouts() {
        let upstream = upstream_url("ws://127.0.0.1:5280/xmpp-websocket").unwrap();
        let conf = render(
            &NginxOptions::default(),
            Path::new("/tmp/run \"dir\""),
            8080,
            &upstream,
        );
        for line in [
            "listen 127.0.0.1:8080;",
            "location = \"/plugins/livechat/14.0.4/ws/xmpp-websocket\" {",
            "proxy_pass \"http://127.0.0.1:5280/xmpp-websocket\";",
            "proxy_set_header Upgrade $http_upgrade;",
            "proxy_set_header Connection \"upgrade\";",
            "proxy_read_timeout 30s;",
            "proxy_send_timeout 30s;",
            "pid \"/tmp/run \\\"dir\\\"/nginx.pid\";",
        ] {
            assert!(conf.contains(line), "no `{line}` in:\n{conf}");
        }
        assert!(!conf.contains("{{"), "{conf}");
    }

    #[test]
    fn times_and_urls_in_nginx_terms() {
        assert_eq!(time(Duration::from_secs(30)), "30s");
        assert_eq!(time(Duration::from_millis(1500)), "1500ms");
        assert_eq!(
            upstream_url("wss://a.example/x").unwrap(),
            "https://a.example/x"
        );
        assert!(upstream_url("http://a.example/x").is_err());
    }
}
