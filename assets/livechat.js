// The stable entry point for pages that embed the chat:
//
//   import { mount } from 'https://<where dist/ is served>/livechat.js';
//   const chat = mount(element, params);   // params: the plugin's object; chat.unmount(), chat.setTheme(name)
//
// or load it as a module and write <livechat-room room="…" local-websocket-service-url="…" …>.
//
// The build's JS and WebAssembly names are content-hashed (a visit after an update downloads only
// what changed), so this file keeps its name (Trunk `copy-file`, then minified) and finds the
// current names in the build's own index.html: in the JSON block Trunk writes there (Trunk.toml,
// pattern_script), the same block boot.js reads. No generated manifest to keep in step, no inline
// script: it works under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
const base = new URL('./', import.meta.url);

async function load() {
  const response = await fetch(new URL('index.html', base), { credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(`livechat: cannot read ${response.url} (${response.status})`);
  }
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const boot = JSON.parse(page.getElementById('livechat-boot').textContent);
  // The chat's stylesheet, once per page (all its rules are scoped to the chat). The chat starts
  // once it has loaded: it reads its colours back from it (readable nickname and accent colours).
  const styles = [];
  for (const link of page.querySelectorAll('link[rel="stylesheet"]')) {
    const href = new URL(link.getAttribute('href'), base).href;
    if (![...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) {
      const added = document.createElement('link');
      added.rel = 'stylesheet';
      added.href = href;
      if (link.integrity) {
        added.integrity = link.integrity;
        added.crossOrigin = 'anonymous';
      }
      styles.push(new Promise((resolve) => {
        added.onload = resolve;
        added.onerror = resolve; // without it the chat still works, in the browser's colours
      }));
      document.head.append(added);
    }
  }
  // The wasm downloads (and compiles as it streams in) while the glue loads, rather than after.
  const wasm = fetch(new URL(boot.wasm, base), { credentials: 'same-origin' });
  wasm.catch(() => {}); // a failed download is reported by the glue, which awaits it
  const glue = await import(new URL(boot.js, base).href);
  await glue.default({ module_or_path: wasm });
  await Promise.all(styles);
  return glue;
}

const glue = await load();

/** Mounts a chat in `element`; `params` has the plugin's field names. Returns { unmount(), setTheme(name) }. */
export function mount(element, params) {
  return glue.mount(element, params);
}

/** <livechat-room>: the same parameters as attributes, in kebab-case (see the crate docs). */
class LivechatRoom extends HTMLElement {
  static observedAttributes = ['theme'];

  connectedCallback() {
    if (!this.chat) {
      this.chat = glue.mountElement(this);
    }
  }

  disconnectedCallback() {
    // Moved within the page (disconnected, then connected again at once): keep the chat.
    queueMicrotask(() => {
      if (!this.isConnected && this.chat) {
        this.chat.unmount();
        this.chat = undefined;
      }
    });
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'theme' && this.chat) {
      this.chat.setTheme(value ?? '');
    }
  }
}

if (!customElements.get('livechat-room')) {
  customElements.define('livechat-room', LivechatRoom);
}
