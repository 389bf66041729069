// « Partage » (#/partage): the team server's settings (address, database, login, password —
// the password goes to the system's keychain and the field is emptied once saved),
// « Synchroniser » with its progress (« Envoi 1 200 / 52 000 »), « Oublier ce serveur », and
// the conflicts to settle, each with « Garder la mienne » / « Prendre celle de ‹auteur› », and
// the colleagues' records that wait for their links, with why.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import { formatNumber, formatDateTime } from '../format.js';
import { pageHeader, card, button, emptyState } from '../components/layout.js';
import { Form } from '../components/form.js';
import { toast, toastError } from '../components/toast.js';
import { confirmDialog } from '../components/dialog.js';
import * as sync from '../api-sync.js';

/** « Envoi 1 200 / 52 000 » or « Réception 300 ». */
function progressText({ phase, done, total }) {
  const key = phase === 'receiving' ? 'sync.progress.receiving' : 'sync.progress.sending';
  const count = total === null || total === undefined ? formatNumber(done) : `${formatNumber(done)} / ${formatNumber(total)}`;
  return tr(key, { count });
}

/** One conflict: the record, both versions (a deletion shown as such), the two choices. */
function conflictRow(conflict, settle) {
  const author = conflict.theirsAuthor || tr('sync.conflict.colleague');
  const mine = conflict.mineDeleted ? tr('sync.conflict.mineDeleted') : tr('sync.conflict.mineOn', { date: formatDateTime(conflict.mineUpdatedAt) });
  const theirs = conflict.theirsDeleted ? tr('sync.conflict.theirsDeleted', { author }) : tr('sync.conflict.theirsOn', { author, date: formatDateTime(conflict.theirsUpdatedAt) });
  return h('tr', { 'data-testid': 'sync-conflict-row', 'data-id': conflict.docId },
    h('td', null, h('span', { class: 'strong block' }, conflict.label), h('span', { class: 'muted block' }, conflict.entityLabel)),
    h('td', null, h('span', { class: 'block' }, mine), h('span', { class: 'block' }, theirs)),
    h('td', null, (conflict.fields || []).join(', ')),
    h('td', null, h('div', { class: 'button-row' },
      button(tr('sync.conflict.keepMine'), () => settle(conflict, 'keepMine'), { small: true, testid: 'sync-keep-mine', ariaLabel: tr('sync.conflict.keepMineFor', { label: conflict.label }) }),
      button(tr('sync.conflict.takeTheirs', { author }), () => settle(conflict, 'takeTheirs'), { small: true, testid: 'sync-take-theirs', ariaLabel: tr('sync.conflict.takeTheirsFor', { author, label: conflict.label }) }))));
}

/** Renders the « Partage » view into `root`. */
export async function render(root) {
  const settings = (await sync.getSyncSettings()) || { server: '', database: '', user: '' };
  const conflictsSlot = h('div', { 'data-testid': 'sync-conflicts' });
  const waitingSlot = h('div', { 'data-testid': 'sync-waiting' });
  const progress = h('p', { class: 'sync-progress', 'aria-live': 'polite', 'data-testid': 'sync-progress' });
  const problem = h('p', { class: 'notice notice-warning', 'data-testid': 'sync-problem', hidden: true });
  const showProblem = (status) => {
    problem.textContent = (status && status.lastError) || '';
    problem.hidden = !problem.textContent;
  };
  const form = new Form('sync', { onSubmit: () => save() });
  form.el.append(
    form.field({ name: 'server', label: tr('sync.field.server'), type: 'url', value: settings.server, hint: tr('sync.field.serverHint'), required: true }),
    form.field({ name: 'database', label: tr('sync.field.database'), value: settings.database, required: true }),
    form.field({ name: 'user', label: tr('sync.field.user'), value: settings.user, autocomplete: 'username' }),
    form.field({ name: 'password', label: tr('sync.field.password'), type: 'password', hint: tr('sync.field.passwordHint'), autocomplete: 'current-password' }),
    h('div', { class: 'button-row' }, button(tr('action.save'), null, { kind: 'primary', type: 'submit', testid: 'sync-save' })));

  async function loadConflicts() {
    const conflicts = await sync.syncConflicts();
    fill(conflictsSlot, conflicts.length
      ? h('table', { class: 'table table-compact' },
        h('caption', { class: 'visually-hidden' }, tr('sync.conflicts.caption')),
        h('thead', null, h('tr', null, ['sync.col.record', 'sync.col.versions', 'sync.col.fields', 'sync.col.choice'].map((key) => h('th', { scope: 'col' }, tr(key))))),
        h('tbody', null, conflicts.map((conflict) => conflictRow(conflict, settle))))
      : emptyState(tr('sync.conflicts.none')));
  }
  async function loadWaiting() {
    const waiting = await sync.syncWaiting();
    fill(waitingSlot, waiting.length
      ? h('ul', { class: 'plain-list' }, waiting.map((item) => h('li', { 'data-testid': 'sync-waiting-row' },
        h('span', { class: 'strong' }, `${item.entityLabel} « ${item.label} »`), ' — ', item.reason)))
      : emptyState(tr('sync.waiting.none')));
  }
  const loadLists = () => Promise.all([loadConflicts(), loadWaiting()]);
  async function settle(conflict, choice) {
    try {
      await sync.resolveSyncConflict(conflict.docId, choice);
      toast(tr('sync.conflict.settled', { label: conflict.label }));
      await loadConflicts();
    } catch (error) { toastError(error); }
  }
  async function save() {
    const password = form.control('password');
    try {
      const saved = await sync.saveSyncSettings({ server: form.value('server'), database: form.value('database'), user: form.value('user') }, password.value);
      password.value = '';
      form.clearErrors();
      form.markClean();
      toast(saved.notice || tr('sync.saved'), saved.notice ? 'error' : 'success');
    } catch (error) { form.showError(error); }
  }
  async function forget() {
    if (!await confirmDialog({ title: tr('sync.forgetTitle'), message: tr('sync.forgetMessage'), confirmLabel: tr('sync.forget'), danger: true })) return;
    try {
      await sync.forgetSyncSettings();
      toast(tr('sync.forgotten'));
      for (const name of ['server', 'database', 'user', 'password']) form.control(name).value = '';
    } catch (error) { toastError(error); }
  }
  const stops = [
    sync.onSyncProgress((step) => { progress.textContent = progressText(step); }),
    sync.onSyncStatus((status) => { showProblem(status); if (!status.running) { progress.textContent = ''; loadLists().catch(() => {}); } }),
  ];
  fill(root,
    pageHeader(tr('sync.title'), { subtitle: tr('sync.subtitle') }),
    card(tr('sync.serverCard'), form.el),
    card(tr('sync.actionsCard'),
      h('div', { class: 'button-row' },
        button(tr('sync.now'), async () => { try { await sync.syncNow(); } catch (error) { toastError(error); } }, { kind: 'primary', testid: 'sync-now' }),
        button(tr('sync.forget'), forget, { kind: 'danger', testid: 'sync-forget' })),
      progress, problem),
    card(tr('sync.conflicts.title'), conflictsSlot),
    card(tr('sync.waiting.title'), h('p', { class: 'muted' }, tr('sync.waiting.hint')), waitingSlot));
  await loadLists();
  sync.syncStatus().then(showProblem, () => {});
  return { dispose: () => stops.forEach((stop) => stop.then((s) => s())) };
}
