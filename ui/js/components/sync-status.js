// The sharing's status, always visible in the header: « Synchronisé à 14 h 32 »,
// « 3 modifications en attente », « Hors ligne — reprise automatique », « 2 conflits » (a link
// to the list in « Partage »). Polite live region: a change is read without interrupting.

import { h } from '../dom.js';
import { tr } from '../i18n.js';
import { formatNumber, formatDate } from '../format.js';
import * as sync from '../api-sync.js';

/** « 14 h 32 », today; « 28/11/2026 à 14 h 32 » another day. */
function when(timestamp) {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const time = `${date.getHours()}\u00a0h\u00a0${String(date.getMinutes()).padStart(2, '0')}`;
  const today = new Date().toDateString() === date.toDateString();
  return today ? tr('sync.status.today', { time }) : tr('sync.status.otherDay', { date: formatDate(date.toISOString().slice(0, 10)), time });
}

const plural = (key, count) => tr(`${key}.${count <= 1 ? 'one' : 'other'}`, { count: formatNumber(count) });

/** The parts of the status to show, as nodes. */
function parts(status) {
  if (!status || !status.configured) return [];
  const shown = [];
  if (status.running) shown.push(tr('sync.status.running'));
  else if (status.offline) shown.push(tr('sync.status.offline'));
  else if (status.lastError) shown.push(h('span', { class: 'sync-status-error' }, tr('sync.status.error')));
  else if (status.lastSyncAt) shown.push(when(status.lastSyncAt));
  if (status.changesWaiting) shown.push(plural('sync.status.waiting', status.changesWaiting));
  if (status.conflicts) shown.push(h('a', { href: '#/partage', 'data-testid': 'sync-status-conflicts' }, plural('sync.status.conflicts', status.conflicts)));
  return shown;
}

/** The header's status element, kept up to date by the backend's events. */
export function createSyncStatus() {
  const el = h('div', { class: 'sync-status', 'aria-live': 'polite', 'data-testid': 'sync-status' });
  const show = (status) => {
    const shown = parts(status);
    el.replaceChildren(...shown.flatMap((part, index) => (index ? [' · ', part] : [part])));
  };
  sync.onSyncStatus(show);
  sync.syncStatus().then(show, () => show(null));
  return el;
}
