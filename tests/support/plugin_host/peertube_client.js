// The PeerTube livechat plugin's client, played on the test host's pages. Written for the tests from
// what the plugin is documented to do (docs/peertube.md): it loads the chat's frontend files the
// way the plugin does, beside the video and in the plugin's full page, and calls the frontend's
// globals (window.converse, initConversePlugins, initConverse, reconnectConverse).
//
// What the tests read: window.hostChat = { calls: [...], outcome: 'pending' | 'resolved' | 'rejected',
// why }, and the DOM (the container, the spinner, converse-root, the error message). (`why`, not
// `error`: WebDriver reads a returned object with an `error` field as its own error.)
'use strict';

const ROUTER = '/plugins/livechat/router';

window.hostChat = { calls: [], outcome: 'none', why: null };

function note(call) {
  window.hostChat.calls.push(call);
}

function loadCSS(url) {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.onload = () => resolve();
    link.onerror = () => reject(new URIError(`${url} did not load`));
    link.setAttribute('type', 'text/css');
    link.setAttribute('rel', 'stylesheet');
    link.setAttribute('href', url);
    document.head.appendChild(link);
  });
}

// A classic script, async, as the plugin adds them; resolves once it has run.
function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onload = () => resolve();
    script.onerror = () => reject(new URIError(`${url} did not load`));
    script.async = true;
    script.src = url;
    document.head.appendChild(script);
  });
}

// The theme's colours, read from the page, as variables on body (the plugin computes them from
// PeerTube's own variables).
function loadColors() {
  const styles = getComputedStyle(document.body);
  const read = (name) => styles.getPropertyValue(name).trim();
  const colours = {
    'main-foreground': read('--fg'),
    'main-background': read('--bg'),
    'grey-foreground': read('--fg-300'),
    'grey-background': read('--bg-secondary-300'),
    'menu-foreground': read('--fg'),
    'menu-background': read('--bg-secondary-400'),
    'input-foreground': read('--input-fg'),
    'input-background': read('--input-bg'),
    'button-foreground': read('--on-primary'),
    'button-background': read('--primary'),
    link: read('--fg'),
    'link-hover': read('--fg-400'),
  };
  if (Object.values(colours).some((c) => c === '')) return;
  for (const [name, value] of Object.entries(colours)) {
    document.body.style.setProperty(`--peertube-${name}`, value);
  }
}

// The frontend's files, when the page does not have them yet.
async function loadFrontend(params) {
  loadColors();
  if (!window.converse) {
    note('load converse');
    await Promise.all([
      loadCSS(params.staticBaseUrl + 'conversejs/converse.min.css'),
      loadScript(params.staticBaseUrl + 'conversejs/converse.min.js'),
    ]);
  }
  if (!window.initConverse) {
    note('load builtin');
    await loadScript(params.staticBaseUrl + 'static/builtin.js');
    window.initConversePlugins(true);
    note('initConversePlugins(true)');
  }
}

// PeerTube's `getAuthHeader()`: the logged-in user's token, which PeerTube keeps in localStorage.
function authHeader() {
  const type = localStorage.getItem('token_type');
  const token = localStorage.getItem('access_token');
  return type && token ? { Authorization: `${type} ${token}` } : undefined;
}

// The spinner, converse-root, the parameters from the plugin's route, then initConverse.
async function display(container, roomKey, mode) {
  const spinner = document.createElement('div');
  spinner.classList.add('livechat-spinner');
  spinner.id = 'livechat-loading-spinner';
  spinner.innerHTML = '<div></div>';
  container.append(spinner);
  const root = document.createElement('converse-root');
  root.classList.add('theme-peertube');
  container.append(root);

  const header = authHeader();
  const response = await fetch(`${ROUTER}/api/configuration/room/${encodeURIComponent(roomKey)}`, {
    method: 'GET',
    headers: header,
  });
  if (!response.ok) throw new Error('no room configuration');
  const params = await response.json();
  await loadFrontend(params);
  window.hostChat.outcome = 'pending';
  note(`initConverse(${mode})`);
  await window.initConverse(params, mode, header ?? null);
}

function errorMessage(container) {
  const message = document.createElement('div');
  message.classList.add('peertube-plugin-livechat-error-message');
  message.innerText = 'This chat room is not accessible.';
  container.append(message);
}

async function run(container, roomKey, mode) {
  try {
    await display(container, roomKey, mode);
    window.hostChat.outcome = 'resolved';
  } catch (error) {
    window.hostChat.outcome = 'rejected';
    window.hostChat.why = String(error && error.message ? error.message : error);
    errorMessage(container);
    container.querySelectorAll('.livechat-spinner, converse-root').forEach((e) => e.remove());
  }
}

// ---- Beside the video --------------------------------------------------------------------------

function button(cls, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.classList.add('peertube-plugin-livechat-button', cls);
  b.textContent = label;
  b.title = label;
  b.addEventListener('click', onClick);
  return b;
}

// `action:video-watch.video.loaded`: the container in the placeholder, its buttons, the chat.
function initChat(roomKey) {
  const placeholder = document.getElementById('plugin-placeholder-player-next');
  const container = document.createElement('div');
  container.id = 'peertube-plugin-livechat-container';
  container.setAttribute('role', 'region');
  container.setAttribute('aria-label', 'Chat');
  container.setAttribute('peertube-plugin-livechat-state', 'initializing');
  const buttons = document.createElement('div');
  buttons.classList.add('peertube-plugin-livechat-buttons');
  buttons.append(
    button('peertube-plugin-livechat-button-open-blank', 'New window', () => {
      window.open(`${ROUTER}/webchat/room/${encodeURIComponent(roomKey)}`);
    }),
    button('peertube-plugin-livechat-button-open', 'Open', () => openChat(roomKey)),
    button('peertube-plugin-livechat-button-close', 'Close', () => closeChat()),
  );
  container.append(buttons);
  placeholder.append(container);
  return openChat(roomKey);
}

function openChat(roomKey) {
  const container = document.getElementById('peertube-plugin-livechat-container');
  if (container.getElementsByTagName('converse-root').length) return Promise.resolve();
  container.setAttribute('peertube-plugin-livechat-state', 'open');
  return run(container, roomKey, 'peertube-video');
}

function closeChat() {
  const container = document.getElementById('peertube-plugin-livechat-container');
  if (window.converse && window.converse.livechatDisconnect) {
    note('livechatDisconnect');
    window.converse.livechatDisconnect();
  }
  container
    .querySelectorAll('converse-root, .livechat-spinner, .peertube-plugin-livechat-error-message')
    .forEach((e) => e.remove());
  container.setAttribute('peertube-plugin-livechat-state', 'closed');
}

// PeerTube's in-app navigation to another video: `action:router.navigation-end` removes the
// container and disconnects, then the new video's `video.loaded` starts a chat again.
function goToVideo(roomKey) {
  history.pushState({}, '', `/w/${encodeURIComponent(roomKey)}`);
  const container = document.getElementById('peertube-plugin-livechat-container');
  if (container) container.remove();
  if (window.converse && window.converse.livechatDisconnect) {
    note('livechatDisconnect');
    window.converse.livechatDisconnect();
  }
  document.getElementById('video-title').textContent = `Video ${roomKey}`;
  return initChat(roomKey);
}

// ---- The plugin's full page (/p/livechat/room?room=…) -----------------------------------------

function fullPage() {
  const roomKey = new URLSearchParams(location.search).get('room');
  const root = document.getElementById('plugin-page');
  const container = document.createElement('div');
  container.classList.add('livechat-embed-fullpage');
  root.append(container);
  return run(container, roomKey, 'peertube-fullpage');
}

window.host = { initChat, openChat, closeChat, goToVideo, fullPage };

const start = document.documentElement.dataset.start;
const key = document.documentElement.dataset.room;
if (start === 'watch') initChat(key);
if (start === 'fullpage') fullPage();
