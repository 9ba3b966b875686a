//! Reliability and security of the client in Chromium, one theme per module:
//! - [`restart`]: a server restart (and a room lost in a crash);
//! - [`background`]: a background tab with throttled timers;
//! - [`hidden`]: a hidden page says it is inactive (XEP-0352) and catches up when shown;
//! - [`behind_nginx`]: three idle minutes behind PeerTube's nginx and its 30 s timeout;
//! - [`csp`]: a strict Content-Security-Policy header;
//! - [`invalid_utf8`]: invalid UTF-8 from the server;
//! - [`secrets`]: passwords kept out of storage, the address bar, the history and the log;
//! - [`hostile`]: hostile message bodies;
//! - [`missing_module`]: a view's wasm module that does not arrive, or stalls on the way.
//!
//! One test binary: the modules share the page scripts below and link once.

mod background;
mod behind_nginx;
mod csp;
mod hidden;
mod hostile;
mod invalid_utf8;
mod missing_module;
mod restart;
mod secrets;

use livechat_e2e::WebDriver;
use serde_json::json;

/// Installed before the page's own scripts: records every status change (with the wall-clock
/// time, for figures measured against the test's clock), dialogs, calls of `__lcHit` (what a
/// hostile body would call if it ever ran), CSP violations and visibility changes.
const RECORDER_JS: &str = r#"
(() => {
    const rec = window.__lc = { status: [], dialogs: [], hits: [], csp: [], visibility: [] };
    let last = null;
    const check = () => {
        const el = document.querySelector('.lc-status');
        if (!el) return;
        const now = [el.getAttribute('data-status'), el.getAttribute('data-attempt')];
        if (now.join('/') !== last) {
            last = now.join('/');
            rec.status.push({ status: now[0], attempt: now[1], at: Date.now() });
        }
    };
    new MutationObserver(check).observe(document, {
        subtree: true, childList: true, attributes: true,
        attributeFilter: ['data-status', 'data-attempt'],
    });
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
        window[name] = (...args) => { rec.dialogs.push(name + ': ' + args.join(' ')); };
    }
    window.__lcHit = what => { rec.hits.push(String(what)); };
    document.addEventListener('securitypolicyviolation', e => rec.csp.push({
        directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
    }));
    document.addEventListener('visibilitychange',
        () => rec.visibility.push({ state: document.visibilityState, at: Date.now() }));
})();
"#;

/// Installed before the page's scripts: counts the WebSockets the page opens and keeps the start
/// of every frame each way, with its time.
const WEBSOCKET_JS: &str = r#"
(() => {
    const Native = window.WebSocket;
    const ws = window.__lcWs = { opened: 0, closed: 0, frames: [], openedBy: [] };
    const keep = (dir, data) => {
        ws.frames.push({ dir, at: Date.now(), text: typeof data === 'string' ? data.slice(0, 300) : '[binary]' });
        if (ws.frames.length > 5000) ws.frames.shift();
    };
    window.WebSocket = class extends Native {
        constructor(url, protocols) {
            super(url, protocols);
            ws.opened += 1;
            // The script that opened it (the boot script, or the wasm's glue).
            ws.openedBy.push((new Error().stack.match(/[\w-]+\.js/g) || []).pop() || '?');
            this.addEventListener('message', e => keep('in', e.data));
            this.addEventListener('close', () => { ws.closed += 1; });
        }
        send(data) { keep('out', data); return super.send(data); }
    };
})();
"#;

/// Runs `source` in every document the tab loads from now on, before the page's own scripts.
fn before_every_page(browser: &WebDriver, source: &str) {
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        )
        .unwrap_or_else(|e| panic!("cannot install the page script: {e}"));
}

/// The console lines that say the module crashed.
fn crashes(console: &[String]) -> Vec<&String> {
    console
        .iter()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("internal error")
                || l.contains("panicked")
                || l.contains("unreachable")
                || l.contains("runtimeerror")
        })
        .collect()
}
