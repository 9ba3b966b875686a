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
// The texts of the viewer's language (English is in the wasm) download with the wasm: the
// language the chat will choose, by its own rules, which the chat then asks for (see
// crates/livechat-web/src/i18n.rs).
const catalogs = catalogLoader(boot.lang || {}, document.baseURI);
if (mountPoint) {
  const asked = [
    new URLSearchParams(location.search).get('lang'),
    mountPoint.closest('[lang]:not([lang=""])')?.getAttribute('lang'),
    document.documentElement.getAttribute('lang'),
    ...navigator.languages,
  ];
  const lang = chooseLang(boot.lang || {}, asked);
  if (lang !== 'en') catalogs(lang).catch(() => {}); // a failure is the chat's to report
  mountPoint.livechatCatalogs = catalogs;
}
// The wasm downloads (and compiles as it streams in) while the glue loads.
const wasmUrl = new URL(boot.wasm, document.baseURI);
const wasm = fetchPacked(wasmUrl, 'application/wasm');
// The wasm modules of the views only some viewers draw come the same way, when first drawn
// (their loader is generated at build time: crates/xtask/src/wasm_split.rs), given up if they
// stall: the view then offers to try again, where a page that never started is simply reloaded.
globalThis[Symbol.for('livechat.fetchPacked')] = (url, type) => fetchPacked(url, type, fetchGuarded);
wasm.catch(() => {}); // a failed download is reported by the glue, which awaits it
const { default: init } = await import(new URL(boot.js, document.baseURI).href);
await instantiate(init, wasm, wasmUrl);

// From here on, the same as in livechat.js (this module is hashed and that one is not, so neither
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
