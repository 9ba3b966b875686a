// Starts the chat on the standalone page. An external module rather than an inline script, so the
// page works under `script-src 'self' 'wasm-unsafe-eval'`. The hashed file names come from the
// JSON block Trunk writes into index.html (see Trunk.toml, pattern_script).
const boot = JSON.parse(document.getElementById('livechat-boot').textContent);
const { default: init } = await import(new URL(boot.js, document.baseURI).href);
await init({ module_or_path: new URL(boot.wasm, document.baseURI) });
