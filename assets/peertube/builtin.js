// The PeerTube livechat plugin's glue, under the name and path it loads (`static/builtin.js`,
// a classic script): the globals its pages call. Each forwards to the chat that
// conversejs/converse.min.js loads (window.converse.livechat); the chat decides what the plugin's
// modes mean. See docs/peertube.md.
(function () {
  'use strict';

  function call(name, args) {
    var converse = window.converse;
    if (!converse || !converse.livechat) {
      return Promise.reject(new Error('livechat: conversejs/converse.min.js is not loaded'));
    }
    return converse.livechat.then(function (chat) {
      return chat[name].apply(null, args);
    });
  }

  // The plugin registers its ConverseJS plugins here. The chat has every feature built in:
  // nothing to register (`embedded`, true in PeerTube's pages, is what the modes say already).
  window.initConversePlugins = function () {};

  // `mode`: 'chat-only' (the standalone page), 'peertube-fullpage' or 'peertube-video'.
  // `authHeader`: PeerTube's { Authorization } header, null when nobody is logged in, undefined
  // to read PeerTube's token from localStorage. Resolves once the room is shown; rejects when it
  // cannot be reached. A second call on the page replaces the first chat.
  window.initConverse = function (params, mode, authHeader) {
    return call('initConverse', [params, mode, authHeader]);
  };

  // Another chat on the same page, as the previous call's mode and viewer.
  window.reconnectConverse = function (params) {
    return call('reconnectConverse', [params]);
  };
})();
