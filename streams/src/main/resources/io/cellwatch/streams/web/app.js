// The live page: picks the view from the address (#/ the fleet, #/channel/ID one channel) and
// redraws it from the query API every few seconds, without reloading the page.
import { fleetView, channelView } from './views.js';

const REFRESH_MS = 5000;
let timer = null;
let drawing = Promise.resolve();

function status(text, failed) {
  const el = document.getElementById('status');
  el.textContent = text;
  el.classList.toggle('failed', Boolean(failed));
}

async function draw() {
  const view = document.getElementById('view');
  const channel = location.hash.match(/^#\/channel\/(.+)$/);
  document.getElementById('where').textContent = channel ? decodeURIComponent(channel[1]) : 'fleet';
  try {
    if (channel) {
      await channelView(view, decodeURIComponent(channel[1]));
    } else {
      await fleetView(view);
    }
    status('updated ' + new Date().toLocaleTimeString());
    document.body.dataset.drawn = String(Number(document.body.dataset.drawn || 0) + 1);
  } catch (e) {
    status('cannot read the query API: ' + e.message, true);
  }
}

function redraw() {
  drawing = drawing.then(draw);
  return drawing;
}

function every() {
  clearTimeout(timer);
  timer = setTimeout(() => redraw().then(every), REFRESH_MS);
}

window.addEventListener('hashchange', () => {
  document.getElementById('view').replaceChildren();
  redraw().then(every);
});
redraw().then(every);
