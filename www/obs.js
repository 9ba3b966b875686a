// The OBS browser source: the overlay as a <livechat-room> element, read-only without a scrollbar,
// transparent, messages fading out after `?fade=<seconds>` (default 30). `?preview=1` puts a
// stand-in picture behind it to judge readability.
import '/livechat.js';
import { query } from './host.js';

if (query.get('preview') === '1') document.documentElement.classList.add('preview');

const room = document.createElement('livechat-room');
const attributes = {
  room: query.get('room') ?? '',
  'local-websocket-service-url': query.get('ws') ?? '',
  'local-anonymous-jid': query.get('anon') ?? '',
  'force-readonly': 'noscroll',
  transparent: '',
  'overlay-fade-seconds': query.get('fade') ?? '30',
};
// `?lang=fr`: the overlay's few words (its hidden status) in French.
if (query.has('lang')) attributes.lang = query.get('lang');
for (const [name, value] of Object.entries(attributes)) room.setAttribute(name, value);
document.getElementById('overlay').append(room);
