// A progress indicator for any backend call slower than half a second: a quick call shows
// nothing, a slow one (a large search, a PDF, an import) shows that the app is working. It
// listens to the calls api.js announces; api.js knows nothing of it.

import { h } from '../dom.js';
import { tr } from '../i18n.js';

const DELAY_MS = 500;
let pending = 0;
let timer = null;
let indicator = null;

function element() {
  if (!indicator) {
    indicator = h('div', { class: 'busy-indicator', role: 'status', 'data-testid': 'busy-indicator', hidden: true },
      h('progress', { class: 'busy-progress', 'aria-label': tr('busy.label') }),
      h('span', { class: 'busy-text' }, tr('busy.label')));
    document.body.appendChild(indicator);
  }
  return indicator;
}

function started() {
  pending += 1;
  if (pending === 1) {
    timer = setTimeout(() => { element().hidden = false; }, DELAY_MS);
  }
}

function ended() {
  pending = Math.max(0, pending - 1);
  if (pending === 0) {
    clearTimeout(timer);
    if (indicator) indicator.hidden = true;
  }
}

/** Counts every call announced by `calls` (api.js) as running work until it settles. */
export function watchCalls(calls) {
  calls.addEventListener('callstart', started);
  calls.addEventListener('callend', ended);
}
