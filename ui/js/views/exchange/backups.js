// The backup part of « Échanges »: a copy of the database now, the list of automatic backups and
// safety copies, and a restore from one of them or from a chosen file, each after the shared
// confirmation dialog. A restore reloads the page so that every screen reads the restored data;
// its report waits in sessionStorage and shows at the top of the view after the reload.

import { h, replace } from '../../dom.js';
import { tr } from '../../i18n.js';
import * as api from '../../api.js';
import { formatDateTime, formatNumber } from '../../format.js';
import { card, button, emptyState, loadError } from '../../components/layout.js';
import { confirmDialog } from '../../components/dialog.js';
import { toast } from '../../components/toast.js';

/** Where the report of a restore waits for the reload that follows it. */
const RESTORED_KEY = 'passerelle.restored';

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 2048 → "2 ko". */
function formatSize(bytes) {
  if (bytes < 1024) return tr('exchange.size.bytes', { size: formatNumber(bytes) });
  if (bytes < 1024 * 1024) return tr('exchange.size.kb', { size: sizeFormat.format(bytes / 1024) });
  return tr('exchange.size.mb', { size: sizeFormat.format(bytes / (1024 * 1024)) });
}

/** The restore report left before the reload, read once. */
function takeRestoreReport() {
  try {
    const saved = sessionStorage.getItem(RESTORED_KEY);
    sessionStorage.removeItem(RESTORED_KEY);
    return saved ? JSON.parse(saved) : null;
  } catch {
    return null;
  }
}

/**
 * After a restore every screen must read the new database: reload on « Échanges », where the
 * report waits (a restore from the recovery screen lands there too).
 */
function restored(report) {
  try {
    sessionStorage.setItem(RESTORED_KEY, JSON.stringify(report));
  } catch {
    toast(tr('exchange.backup.restored', { from: report.restoredFrom }));
  }
  if (location.hash !== '#/echanges') location.hash = '#/echanges';
  location.reload();
}

/** The report of the restore that just reloaded the page, or null. */
export function restoreReport() {
  const report = takeRestoreReport();
  if (!report) return null;
  toast(tr('exchange.backup.restored', { from: report.restoredFrom }));
  return h('div', { class: 'notice notice-success', role: 'status', 'data-testid': 'restore-summary' },
    h('p', { class: 'notice-message' }, tr('exchange.backup.restored', { from: report.restoredFrom })),
    report.safetyCopy ? h('p', { class: 'break' }, tr('exchange.backup.safetyCopy', { path: report.safetyCopy })) : null);
}

/** The table of backups; `onRestore(backup, date)` restores one. */
function backupsTable(backups, onRestore) {
  return h('div', { class: 'table-wrapper' }, h('table', { class: 'table' },
    h('caption', { class: 'visually-hidden' }, tr('exchange.backup.caption')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, tr('exchange.backup.col.date')),
      h('th', { scope: 'col' }, tr('exchange.backup.col.file')),
      h('th', { scope: 'col', class: 'numeric' }, tr('exchange.backup.col.size')),
      h('th', { scope: 'col' }, tr('exchange.backup.col.action')))),
    h('tbody', { 'data-testid': 'backups-table' }, backups.map((backup) => {
      const date = formatDateTime(backup.createdAt);
      return h('tr', { 'data-testid': 'backup-row', 'data-file': backup.fileName },
        h('td', { class: 'nowrap' }, date),
        h('td', { class: 'break' }, backup.fileName),
        h('td', { class: 'numeric nowrap' }, formatSize(backup.sizeBytes)),
        h('td', { class: 'actions' }, button(tr('exchange.backup.restore'), () => onRestore(backup, date), {
          small: true, testid: 'backup-restore', ariaLabel: tr('exchange.backup.restoreLabel', { date }),
        })));
    }))));
}

/**
 * The backup card, running its commands through `runner` (runner.js). Returns `{el, load}`;
 * `load()` fills the list of backups. `canBackUp: false` leaves out « Sauvegarder maintenant »
 * (the recovery screen: a database that does not open cannot be copied).
 */
export function createBackupPart(runner, { canBackUp = true } = {}) {
  const backupArea = runner.area();
  const backupsSlot = h('div', { class: 'backups-slot' });

  async function load() {
    let backups;
    try {
      backups = await api.listBackups();
    } catch (error) {
      replace(backupsSlot, loadError(error, load));
      return;
    }
    replace(backupsSlot, backups.length ? backupsTable(backups, restoreBackup) : emptyState(tr('exchange.backup.empty')));
  }

  function backupNow() {
    return runner.run(backupArea, tr('exchange.progress.backup'), async () => {
      const path = await api.backupDatabase();
      if (!path) return;
      toast(tr('exchange.backup.saved', { path }));
      await load();
    });
  }

  /** Asks `question` ({title, message, confirmLabel}), then runs `restore` if the user agrees. */
  async function confirmAndRestore(question, restore) {
    if (runner.isRunning()) return;
    if (!(await confirmDialog({ ...question, danger: true }))) return;
    await runner.run(backupArea, tr('exchange.progress.restore'), async () => {
      const report = await restore();
      if (report) restored(report);
    });
  }

  const restoreBackup = (backup, date) => confirmAndRestore({
    title: tr('exchange.backup.confirmTitle'),
    message: tr('exchange.backup.confirmMessage', { date, file: backup.fileName }),
    confirmLabel: tr('exchange.backup.confirmRestore'),
  }, () => api.restoreBackup(backup.fileName));

  const restoreFile = () => confirmAndRestore({
    title: tr('exchange.backup.confirmFileTitle'),
    message: tr('exchange.backup.confirmFileMessage'),
    confirmLabel: tr('exchange.backup.confirmChoose'),
  }, () => api.restoreFromFile());

  const el = card(tr('exchange.backup.title'),
    h('p', { class: 'section-intro' }, tr('exchange.backup.intro')),
    h('div', { class: 'button-row exchange-backup-buttons' },
      canBackUp ? button(tr('exchange.backup.now'), backupNow, { kind: 'primary', testid: 'exchange-backup' }) : null,
      button(tr('exchange.backup.restoreFile'), restoreFile, { testid: 'exchange-restore-file' })),
    backupArea.progress, backupArea.error,
    h('h3', { class: 'exchange-subtitle' }, tr('exchange.backup.listTitle')),
    backupsSlot);
  return { el, load };
}
