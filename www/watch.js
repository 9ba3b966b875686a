// The watch page: the chat beside the video, mounted with the embedding API and the plugin's
// parameter object (the participants list starts closed here, as the plugin does).
import { mount } from '/livechat.js';
import { chatParams } from './host.js';

window.livechat = mount(document.getElementById('chat'), chatParams({ autoViewerMode: true }));
