// A third-party page: the standalone chat page in an iframe, with the room from this page's query.
import { chatQuery } from './host.js';

document.getElementById('chat-frame').src = `/index.html?${chatQuery()}`;
