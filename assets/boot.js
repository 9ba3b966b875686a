// Starts the chat on the standalone page. An external module rather than an inline script, so the
// page works under `script-src 'self' 'wasm-unsafe-eval'`. The hashed file names come from the
// JSON block Trunk writes into index.html (see Trunk.toml, pattern_script).
//
// The chat server's socket opens first, while the wasm downloads and compiles; the chat takes it
// over only for the address it accepts itself (crates/livechat-web/src/early_socket.rs).
const ws = new URLSearchParams(location.search).get('ws');
const mountPoint = document.getElementById('livechat');
if (mountPoint && ws && /^wss?:\/\/[^/\s]/.test(ws)) {
  try {
    mountPoint.livechatSocket = { url: ws, socket: new WebSocket(ws, 'xmpp') };
  } catch {
    // An address the browser refuses: the chat reports it when it opens its own.
  }
}
const boot = JSON.parse(document.getElementById('livechat-boot').textContent);
const { default: init } = await import(new URL(boot.js, document.baseURI).href);
await init({ module_or_path: new URL(boot.wasm, document.baseURI) });
