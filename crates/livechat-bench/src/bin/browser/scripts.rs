//! The bench's side inside the page: scripts run through WebDriver and DevTools. They take the
//! times in the page itself, so the harness's polling never bounds a figure. The selectors are the
//! chat's stable DOM hooks (see the module docs of `livechat-web`).

/// Runs in every new document before its own scripts (`Page.addScriptToEvaluateOnNewDocument`).
/// `__HISTORY__` is replaced with the number of history messages to wait for.
pub const ON_NEW_DOCUMENT_JS: &str = r#"
(() => {
  if (!/^https?:$/.test(location.protocol)) return;
  const HISTORY = __HISTORY__;
  // The app's wasm memory, to read its size later (wasm-bindgen instantiates through one of these).
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
        if (instance && instance.exports.memory instanceof WebAssembly.Memory) {
          window.__lcWasmMemory = instance.exports.memory;
        }
        return result;
      });
    };
  }
  const b = window.__lcBench = { mounted: null, joined: null, history: null, done: null, doneEpoch: null, frames: [] };
  // The chat server's frames until the join is done, each with its time: what the page waited for
  // (the server, or its own turn) and what it did between two answers. gloo-net listens with
  // addEventListener; this listener comes first, so it sees the frame when its task starts.
  const wsAdd = EventTarget.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (type, listener, options) {
    if (type === 'message' && !this.__lcTimed) {
      this.__lcTimed = true;
      wsAdd.call(this, 'message', () => { if (b.done === null) b.frames.push([performance.now(), 1]); });
    }
    return wsAdd.call(this, type, listener, options);
  };
  const wsSend = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (b.done === null) b.frames.push([performance.now(), 0]);
    return wsSend.call(this, data);
  };
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (b.mounted === null && document.querySelector('.lc-status')) b.mounted = now;
    const joined = document.querySelector('.lc-status[data-status="joined"]') !== null;
    if (joined && b.joined === null) b.joined = now;
    const shown = document.querySelectorAll('.lc-log li.lc-msg').length >= HISTORY;
    if (shown && b.history === null) b.history = now;
    if (joined && shown) {
      b.done = now;
      b.doneEpoch = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-status'] });
})();
"#;

/// What the cold-join observer found, with the navigation timing: `null` until done.
pub const JOIN_RESULT_JS: &str = r#"
  const b = window.__lcBench;
  if (!b || b.done === null) return null;
  const nav = performance.getEntriesByType('navigation')[0];
  // The last: with its .gz twin blocked, the loader falls back to the plain wasm after it.
  const wasm = performance.getEntriesByType('resource').filter((r) => /\.wasm(\.gz)?$/.test(r.name)).at(-1);
  return {
    mounted: b.mounted, joined: b.joined, history: b.history, done: b.done, doneEpoch: b.doneEpoch,
    timeOrigin: performance.timeOrigin,
    responseEnd: nav ? nav.responseEnd : null,
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    wasmResponseEnd: wasm ? wasm.responseEnd : null,
    wasmBytes: wasm ? wasm.encodedBodySize : null,
    frames: b.frames,
  };
"#;

/// Installs the flood observer; `arguments[0]` is the number of messages.
pub const FLOOD_OBSERVER_JS: &str = r#"
  const N = arguments[0];
  const log = document.querySelector('.lc-log');
  if (!log) return false;
  const f = window.__lcFlood = { delays: new Float64Array(N), seen: new Uint8Array(N), count: 0, dupes: 0, firstAt: 0, lastAt: 0 };
  const re = /^flood (\d+) t=(\d+)$/;
  const take = (body, now) => {
    const m = re.exec(body.textContent);
    if (!m) return;
    const i = +m[1];
    if (i >= N) return;
    if (f.seen[i]) { f.dupes++; return; }
    f.seen[i] = 1;
    f.delays[f.count++] = now - +m[2];
    if (f.firstAt === 0) f.firstAt = now;
    f.lastAt = now;
  };
  window.__lcFloodObserver = new MutationObserver((records) => {
    const now = Date.now();
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1) {
          if (n.matches('.lc-body')) take(n, now);
          else for (const body of n.querySelectorAll('.lc-body')) take(body, now);
        } else if (n.nodeType === 3 && n.parentElement) {
          const body = n.parentElement.closest('.lc-body');
          if (body) take(body, now);
        }
      }
    }
  });
  window.__lcFloodObserver.observe(log, { childList: true, subtree: true });
  return true;
"#;

/// The page's side of a sample.
pub const PAGE_SAMPLE_JS: &str = r#"
  const f = window.__lcFlood, mem = window.__lcWasmMemory;
  return {
    delivered: f ? f.count : 0,
    dupes: f ? f.dupes : 0,
    li: document.querySelectorAll('li.lc-msg').length,
    nodes: (() => { let n = 1; const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; })(),
    wasm: mem ? mem.buffer.byteLength : null,
    firstAt: f ? f.firstAt : 0,
    lastAt: f ? f.lastAt : 0,
  };
"#;

/// What the flood observer collected: every delay, the messages shown twice, and the seconds from
/// the first message shown to the last.
pub const FLOOD_RESULT_JS: &str = r#"
  const f = window.__lcFlood;
  return { delays: Array.from(f.delays.subarray(0, f.count)), dupes: f.dupes, span: (f.lastAt - f.firstAt) / 1000 };
"#;
