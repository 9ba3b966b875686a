// The stable entry point for pages that embed the chat:
//
//   import { mount } from 'https://<where dist/ is served>/livechat.js';
//   const chat = mount(element, params);   // params: the plugin's object; chat.unmount(), chat.setTheme(name)
//
// or load it as a module and write <livechat-room room="…" local-websocket-service-url="…" …>.
//
// The build's JS and WebAssembly names are content-hashed (a visit after an update downloads only
// what changed), so this file keeps its name (Trunk `copy-file`) and the build writes the current
// names into it below (crates/xtask/post-build-js.cjs, from the JSON block Trunk writes into
// index.html for boot.js): a host page asks for the chat's files as soon as this module runs. No
// inline script: it works under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
const base = new URL('./', import.meta.url);

// `{ js, wasm, lang: { tag: file }, css: [{ href, integrity }] }`, filled in by the build.
const BUILD = null;

async function load() {
  if (!BUILD) {
    throw new Error('livechat: this livechat.js has no build names: load the one the build wrote (dist/)');
  }
  // The chat's stylesheet, once per page (all its rules are scoped to the chat). The chat starts
  // once it has loaded: it reads its colours back from it (readable nickname and accent colours).
  // In the PeerTube plugin's layout, the plugin links converse.min.css beside this file, which
  // carries the same rules: that one is waited for instead.
  const styles = [];
  const plugin = linked(new URL('converse.min.css', base).href);
  if (plugin) styles.push(loaded(plugin));
  for (const { href: relative, integrity } of plugin ? [] : BUILD.css) {
    const href = new URL(relative, base).href;
    if (!linked(href)) {
      const added = document.createElement('link');
      added.rel = 'stylesheet';
      added.href = href;
      added.integrity = integrity;
      added.crossOrigin = 'anonymous';
      styles.push(new Promise((resolve) => {
        added.onload = resolve;
        added.onerror = resolve; // without it the chat still works, in the browser's colours
      }));
      document.head.append(added);
    }
  }
  // The texts of the viewer's language (English is in the wasm) download with the wasm: the
  // language the chat will choose from what the page says (its first <livechat-room>, else the
  // document) and the browser's; a chat mounted in another language asks for its own.
  const catalogs = catalogLoader(BUILD.lang, base);
  const near = document.querySelector('livechat-room') ?? document.documentElement;
  const asked = [
    near.closest('[lang]:not([lang=""])')?.getAttribute('lang'),
    document.documentElement.getAttribute('lang'),
    ...navigator.languages,
  ];
  const lang = chooseLang(BUILD.lang, asked);
  if (lang !== 'en') catalogs(lang).catch(() => {}); // a failure is the chat's to report
  // The wasm downloads (and compiles as it streams in) while the glue loads, rather than after.
  const wasmUrl = new URL(BUILD.wasm, base);
  const wasm = fetchPacked(wasmUrl, 'application/wasm');
  // The wasm modules of the views only some viewers draw come the same way, when first drawn
  // (their loader is generated at build time: crates/xtask/src/wasm_split.rs), given up if they
  // stall: the view then offers to try again, where a page that never started is simply reloaded.
  globalThis[Symbol.for('livechat.fetchPacked')] = (url, type) => fetchPacked(url, type, fetchGuarded);
  wasm.catch(() => {}); // a failed download is reported by the glue, which awaits it
  const glue = await import(new URL(BUILD.js, base).href);
  await instantiate(glue.default, wasm, wasmUrl);
  glue.setCatalogLoader(catalogs);
  await Promise.all(styles);
  return glue;
}

const glue = await load();

// The page's stylesheet link to `href`, if it has one.
function linked(href) {
  return [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === href);
}

// Resolves once `link` has loaded, or failed (the chat still works, in the browser's colours): a
// link that failed before this looks at it says nothing more, hence the time limit.
function loaded(link) {
  if (link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
    setTimeout(resolve, 5000);
  });
}

// From here on, the same as in boot.js (that module is hashed and this one is not, so neither
// imports the other).

// The language the chat will choose among English and the build's catalogs (`files`: tag → file)
// for the tags `asked`, in order: the chat's own rules (crates/livechat-i18n, Lang::negotiate).
function chooseLang(files, asked) {
  const tags = ['en', ...Object.keys(files)];
  for (const tag of asked.map((t) => (t || '').trim().replace(/_/g, '-')).filter(Boolean)) {
    const [language, script] = languageAndScript(tag);
    const found = tags.find((t) => t.toLowerCase() === tag.toLowerCase())
      ?? tags.find((t) => {
        const [l, s] = languageAndScript(t);
        return l === language && (!s || s === script);
      });
    if (found) return found;
  }
  return 'en';
}

// A tag's language and script, lowercase: the script written, else Chinese's where it is spoken
// (Traditional in Taiwan, Hong Kong and Macao, Simplified elsewhere), else none.
function languageAndScript(tag) {
  const [language, ...rest] = tag.toLowerCase().split('-');
  const written = rest.find((s) => /^[a-z]{4}$/.test(s));
  const chinese = rest.some((r) => ['tw', 'hk', 'mo'].includes(r)) ? 'hant' : 'hans';
  return [language, written ?? (language === 'zh' ? chinese : '')];
}

// `load(tag)`: a promise of the build's catalog file for `tag` (an ArrayBuffer), fetched once.
function catalogLoader(files, base) {
  const fetched = new Map();
  return (tag) => {
    if (!fetched.has(tag)) {
      const file = files[tag];
      const bytes = file
        ? fetchPacked(new URL(file, base), 'text/plain').then((r) =>
          r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} for ${r.url}`)))
        : Promise.reject(new Error(`the build has no catalog for ${tag}`));
      fetched.set(tag, bytes);
    }
    return fetched.get(tag);
  };
}

// A file of the build from its gzipped twin, unpacked here, so it travels compressed from a
// server that compresses nothing for it (PeerTube's nginx configuration compresses JS and CSS
// only). The plain file when the browser cannot unpack gzip or the twin is missing; not when the
// twin's download stalled (`get` = `fetchGuarded`): the plain file would wait as long again.
async function fetchPacked(url, type, get = (file) => fetch(file, { credentials: 'same-origin' })) {
  if (typeof DecompressionStream === 'function') {
    const packed = await get(`${url}.gz`).catch((error) => {
      if (error?.name === 'TimeoutError') throw error;
      return null;
    });
    if (packed && packed.ok && packed.body) {
      return new Response(await unpack(packed.body), { headers: { 'Content-Type': type } });
    }
  }
  return get(url);
}

// `fetch`, given up when nothing arrives for 20 s, the answer's head or a piece of its body (a
// connection gone without a word, a proxy that hangs): the download then fails with a
// TimeoutError, so that whoever waits for it says so and can try again, rather than waiting
// forever. A slow download that keeps coming is left alone.
function fetchGuarded(url) {
  const stallMs = 20000;
  const controller = new AbortController();
  let timer;
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(
      new DOMException(`nothing of ${url} arrived for ${stallMs / 1000} s`, 'TimeoutError')), stallMs);
  };
  watch();
  return fetch(url, { credentials: 'same-origin', signal: controller.signal }).then((response) => {
    if (!response.body) {
      clearTimeout(timer);
      return response;
    }
    watch();
    const reader = response.body.getReader();
    const body = new ReadableStream({
      async pull(out) {
        const { done, value } = await reader.read();
        if (done) {
          clearTimeout(timer);
          out.close();
        } else {
          watch();
          out.enqueue(value);
        }
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    const { status, statusText, headers } = response;
    return new Response(body, { status, statusText, headers });
  }, (error) => {
    clearTimeout(timer);
    throw error;
  });
}

// Runs the glue's `init` on `wasm` (the response `fetchPacked` gives for `url`). A twin that does not
// unpack (cut short on the way, altered) makes way for the plain file.
async function instantiate(init, wasm, url) {
  try {
    return await init({ module_or_path: wasm });
  } catch (error) {
    console.warn(`livechat: the wasm did not load (${error}); trying ${url} as it is`);
    return init({ module_or_path: fetch(url, { credentials: 'same-origin' }) });
  }
}

// A server that labels `.gz` files `Content-Encoding: gzip` has the browser unpack them already:
// only bytes that start as gzip (1f 8b) go through the decompressor.
async function unpack(body) {
  const reader = body.getReader();
  const head = [];
  let length = 0;
  while (length < 2) {
    const { done, value } = await reader.read();
    if (done) break;
    head.push(value);
    length += value.length;
  }
  const bytes = new ReadableStream({
    start(controller) {
      head.forEach((chunk) => controller.enqueue(chunk));
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const first = [];
  for (const chunk of head) first.push(...chunk.subarray(0, 2 - first.length));
  const gzipped = first[0] === 0x1f && first[1] === 0x8b;
  return gzipped ? bytes.pipeThrough(new DecompressionStream('gzip')) : bytes;
}

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

/** The PeerTube livechat plugin's entry points, for conversejs/converse.min.js and static/builtin.js
 * (docs/peertube.md): initConverse(params, mode, authHeader), reconnectConverse(params),
 * livechatDisconnect(). */
export const peertube = {
  initConverse: glue.initConverse,
  reconnectConverse: glue.reconnectConverse,
  livechatDisconnect: glue.livechatDisconnect,
};
