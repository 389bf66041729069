// Échanges: importing a file in two steps (choose and preview, then apply with the user's
// choices), exporting in each exchange format, and backing up or restoring the database. The
// formats, checks and merge rules are the backend's: this view shows its preview and summary as
// they come, and sends back the choices.

import { h, replace, fill, uid } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { invalidateAll } from '../refdata.js';
import { pageHeader, card, button, emptyState, loadError } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';

/** A command running longer than this shows the progress bar and disables the buttons. */
const PROGRESS_DELAY = 500;

/** Where the report of a restore waits for the reload that follows it. */
const RESTORED_KEY = 'passerelle.restored';

const IMPORTS = [
  { kind: 'experts', label: 'exchange.import.experts', hint: 'exchange.import.expertsHint', testid: 'exchange-import-experts' },
  { kind: 'professions', label: 'exchange.import.professions', hint: 'exchange.import.professionsHint', testid: 'exchange-import-professions' },
  { kind: 'json', label: 'exchange.import.json', hint: 'exchange.import.jsonHint', testid: 'exchange-import-json' },
];

const EXPORTS = ['experts_csv', 'professions_csv', 'events_ics', 'vcard', 'json'];

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 2048 → "2 ko". */
function formatSize(bytes) {
  if (bytes < 1024) return tr('exchange.size.bytes', { size: formatNumber(bytes) });
  if (bytes < 1024 * 1024) return tr('exchange.size.kb', { size: sizeFormat.format(bytes / 1024) });
  return tr('exchange.size.mb', { size: sizeFormat.format(bytes / (1024 * 1024)) });
}

/** "{count} fiche créée" / "{count} fiches créées" (French: 0 and 1 take the singular). */
function countText(key, count) {
  return tr(`${key}.${count <= 1 ? 'one' : 'other'}`, { count: formatNumber(count) });
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

/** A button with a visible description below it, tied to it for screen readers. */
function actionItem(label, hint, onclick, testid) {
  const hintId = uid('exchange-hint');
  const trigger = button(label, onclick, { testid });
  trigger.setAttribute('aria-describedby', hintId);
  return { trigger, el: h('li', { class: 'exchange-action' }, trigger, h('p', { class: 'field-hint', id: hintId }, hint)) };
}

/** A labelled radio button. */
function radio({ name, value, label, checked, testid, onchange }) {
  const id = uid('exchange-choice');
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', id, name, value, checked, 'data-testid': testid, onchange }),
    h('label', { for: id }, label));
}

/** A box that scrolls a long list or table, reachable and scrollable with the keyboard. */
function scrollBox(label, child) {
  return h('div', { class: 'scroll-box', role: 'region', tabindex: '0', 'aria-label': label }, child);
}

/** Renders the exchange view into `root`. */
export async function render(root) {
  let running = false;
  let disposed = false;
  let preview = null;

  /** A part of the page with its own progress and error slots, next to its buttons. */
  const area = () => ({ progress: h('div', { class: 'exchange-progress-slot' }), error: h('div', { class: 'exchange-error-slot' }) });
  const importArea = area();
  const previewArea = area();
  const exportArea = area();
  const backupArea = area();
  const areas = [importArea, previewArea, exportArea, backupArea];

  const previewSlot = h('div', { class: 'import-preview-slot' });
  const resultSlot = h('div', { class: 'import-result-slot' });
  const exportResult = h('p', { class: 'exchange-last muted', 'data-testid': 'export-result', hidden: true });
  const backupsSlot = h('div', { class: 'backups-slot' });
  const restoreSlot = h('div', { class: 'restore-result-slot' });

  function clearErrors() {
    for (const each of areas) replace(each.error);
  }

  function showError(where, error) {
    const fieldMessages = (error.fields || []).map((f) => f.message).filter(Boolean);
    replace(where.error, h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'exchange-error' },
      h('p', { class: 'notice-message' }, error.message),
      fieldMessages.length ? h('ul', { class: 'notice-list' }, fieldMessages.map((m) => h('li', null, m))) : null));
  }

  /** Disables every control of the view; resolves to the function that enables them again. */
  function disableAll() {
    const controls = [...root.querySelectorAll('button, input, select, textarea')].filter((el) => !el.disabled);
    for (const control of controls) control.disabled = true;
    root.setAttribute('aria-busy', 'true');
    return () => {
      for (const control of controls) control.disabled = false;
      root.removeAttribute('aria-busy');
    };
  }

  /**
   * Runs `task` (one backend command and what follows it) unless one is running already: past
   * half a second a progress bar with `label` shows in `where` and the buttons are disabled; a
   * failure shows in `where`'s alert region and as a toast.
   */
  async function run(where, label, task) {
    if (running) return;
    running = true;
    clearErrors();
    const trigger = document.activeElement;
    let enable = null;
    const timer = setTimeout(() => {
      enable = disableAll();
      const id = uid('exchange-progress');
      replace(where.progress, h('div', { class: 'exchange-progress', role: 'status' },
        h('label', { for: id, class: 'exchange-progress-label' }, label),
        h('progress', { id, 'data-testid': 'exchange-progress' })));
    }, PROGRESS_DELAY);
    try {
      await task();
    } catch (error) {
      showError(where, error);
      toastError(error);
    } finally {
      clearTimeout(timer);
      replace(where.progress);
      if (enable) enable();
      running = false;
      // A disabled button loses the focus: give it back so keyboard users stay where they were.
      const active = document.activeElement;
      if ((!active || active === document.body) && trigger && trigger.isConnected && !trigger.disabled) trigger.focus();
    }
  }

  // ---- Import -------------------------------------------------------------------------------

  const importButtons = new Map();

  function chooseFile(kind) {
    return run(importArea, tr('exchange.progress.read'), async () => {
      const chosen = await api.chooseImportFile(kind);
      if (!chosen) return;
      if (disposed) {
        // The user left the view while the file was read: nobody will apply this preview.
        await api.cancelPendingImport();
        return;
      }
      replace(resultSlot);
      showPreview(chosen);
    });
  }

  function showPreview(chosen) {
    preview = chosen;
    const headingId = uid('import-preview-title');
    const heading = h('h3', { class: 'preview-title', id: headingId, tabindex: '-1' }, tr('exchange.preview.title', { file: chosen.fileName }));
    const applyButton = button(tr('exchange.preview.apply'), () => apply(), { kind: 'primary', testid: 'import-apply' });
    const body = chosen.json ? jsonPreview(chosen.json) : csvPreview(chosen.csv || {}, applyButton);
    replace(previewSlot, h('section', { class: 'import-preview card-inset', 'data-testid': 'import-preview', 'aria-labelledby': headingId },
      heading,
      h('p', { class: 'muted' }, tr('exchange.preview.kind', { kind: tr(`exchange.kind.${chosen.kind}`) })),
      body.el,
      previewArea.progress, previewArea.error,
      h('div', { class: 'form-actions' },
        applyButton,
        button(tr('exchange.preview.cancel'), () => cancel(), { testid: 'import-cancel' }),
        body.note)));
    preview.choices = body.choices;
    heading.focus();
  }

  /** The counts of a preview as a list of figures. */
  function counts(items) {
    return h('ul', { class: 'import-counts', 'aria-label': tr('exchange.preview.countsLabel') },
      items.map(([name, value, label]) => h('li', { class: ['import-count', value && name === 'rejected' && 'import-count-rejected'], 'data-testid': `import-count-${name}` },
        h('span', { class: 'import-count-value' }, formatNumber(value)), ' ',
        h('span', { class: 'import-count-label' }, tr(label)))));
  }

  function csvPreview(csv, applyButton) {
    const rejected = csv.rejected || [];
    const duplicates = csv.duplicates || [];
    let onDuplicate = 'update';
    let skipBox = null;
    const blockedId = uid('import-blocked');
    const blockedNote = h('p', { class: 'field-hint', id: blockedId, 'data-testid': 'import-blocked' }, tr('exchange.preview.blocked'));

    // Mirrors the backend's rule for the user's sake; the backend checks it again.
    const updateApply = () => {
      const blocked = rejected.length > 0 && !(skipBox && skipBox.checked);
      applyButton.disabled = blocked;
      blockedNote.hidden = !blocked;
    };

    const info = [tr('exchange.preview.encoding', { encoding: csv.encoding })];
    if (csv.separator) info.push(tr('exchange.preview.separator', { separator: csv.separator }));

    let rejectedBlock = null;
    if (rejected.length) {
      const id = uid('import-skip-invalid');
      const hintId = `${id}-hint`;
      skipBox = h('input', { type: 'checkbox', id, 'data-testid': 'import-skip-invalid', 'aria-describedby': hintId, onchange: updateApply });
      rejectedBlock = h('div', { class: 'preview-block' },
        h('h4', { class: 'preview-subtitle' }, tr('exchange.preview.rejectedTitle', { count: formatNumber(rejected.length) })),
        scrollBox(tr('exchange.preview.rejectedListLabel'),
          h('ul', { class: 'rejected-list', 'data-testid': 'import-rejected' }, rejected.map((row) => h('li', { 'data-line': row.line }, row.reason)))),
        h('div', { class: 'checkbox-field' },
          skipBox,
          h('div', null,
            h('label', { for: id, class: 'field-label' }, tr('exchange.preview.skipInvalid')),
            h('p', { class: 'field-hint', id: hintId }, tr('exchange.preview.skipInvalidHint')))));
    }

    let duplicatesBlock = null;
    if (duplicates.length) {
      const name = uid('import-on-duplicate');
      const anyChanged = duplicates.some((d) => d.changed);
      const choose = (event) => { onDuplicate = event.target.value; };
      duplicatesBlock = h('div', { class: 'preview-block' },
        h('h4', { class: 'preview-subtitle' }, tr('exchange.preview.duplicatesTitle', { count: formatNumber(duplicates.length) })),
        anyChanged
          ? h('fieldset', { class: 'choice-group', 'data-testid': 'import-on-duplicate' },
            h('legend', { class: 'field-label' }, tr('exchange.preview.onDuplicate')),
            radio({ name, value: 'update', label: tr('exchange.preview.onDuplicateUpdate'), checked: true, testid: 'import-duplicate-update', onchange: choose }),
            radio({ name, value: 'skip', label: tr('exchange.preview.onDuplicateSkip'), checked: false, testid: 'import-duplicate-skip', onchange: choose }))
          : h('p', { class: 'muted' }, tr('exchange.preview.duplicatesSame')),
        scrollBox(tr('exchange.preview.duplicatesListLabel'), h('table', { class: 'table table-compact' },
          h('caption', { class: 'visually-hidden' }, tr('exchange.preview.duplicatesCaption')),
          h('thead', null, h('tr', null, [
            tr('exchange.preview.col.line'), tr('exchange.preview.col.record'), tr('exchange.preview.col.matchedBy'), tr('exchange.preview.col.changed'),
          ].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', { 'data-testid': 'import-duplicates' }, duplicates.map((d) => h('tr', { 'data-testid': 'duplicate-row', 'data-id': d.existingId },
            h('td', { class: 'numeric' }, formatNumber(d.line)),
            h('td', null, d.label),
            h('td', null, d.matchedBy),
            h('td', null, d.changed ? h('span', { class: 'strong' }, tr('exchange.preview.changed')) : tr('exchange.preview.same'))))))));
    }

    const ignored = csv.ignoredColumns || [];
    const el = h('div', { class: 'preview-body' },
      h('p', { 'data-testid': 'import-encoding' }, info.join(' · ')),
      h('p', null, csv.rows ? countText('exchange.preview.rows', csv.rows) : tr('exchange.preview.noRows')),
      counts([
        ['new', csv.new || 0, 'exchange.preview.new'],
        ['updated', csv.updated || 0, 'exchange.preview.updated'],
        ['unchanged', csv.unchanged || 0, 'exchange.preview.unchanged'],
        ['rejected', rejected.length, 'exchange.preview.rejected'],
      ]),
      ignored.length ? h('p', { class: 'notice notice-warning' }, tr('exchange.preview.ignoredColumns', { columns: ignored.join(', ') })) : null,
      rejectedBlock, duplicatesBlock);
    updateApply();
    return {
      el,
      note: rejected.length ? blockedNote : null,
      choices: () => ({ onDuplicate, skipInvalid: Boolean(skipBox && skipBox.checked) }),
    };
  }

  function jsonPreview(json) {
    const conflicts = json.conflicts || [];
    /** Conflict id → true when the file's version is taken. */
    const takeIncoming = new Map(conflicts.map((c) => [c.id, false]));
    const radios = [];

    let conflictsBlock = null;
    if (conflicts.length) {
      const setAll = (take) => {
        for (const { id, keep, takeIt } of radios) {
          keep.checked = !take;
          takeIt.checked = take;
          takeIncoming.set(id, take);
        }
      };
      const rows = conflicts.map((conflict, index) => {
        const name = `import-conflict-${index}`;
        const legendId = uid('conflict-legend');
        const keepChoice = radio({ name, value: 'keep', label: tr('exchange.preview.keepLocal'), checked: true, testid: 'conflict-keep', onchange: () => takeIncoming.set(conflict.id, false) });
        const takeChoice = radio({ name, value: 'take', label: tr('exchange.preview.takeIncoming'), checked: false, testid: 'conflict-take', onchange: () => takeIncoming.set(conflict.id, true) });
        radios.push({ id: conflict.id, keep: keepChoice.querySelector('input'), takeIt: takeChoice.querySelector('input') });
        return h('tr', { 'data-testid': 'conflict-row', 'data-id': conflict.id },
          h('td', null, h('span', { class: 'strong block' }, conflict.label), h('span', { class: 'muted block' }, conflict.entityLabel)),
          h('td', null,
            h('span', { class: 'block' }, tr('exchange.preview.localOn', { date: formatDateTime(conflict.localUpdatedAt) })),
            h('span', { class: 'block' }, tr('exchange.preview.incomingOn', { date: formatDateTime(conflict.incomingUpdatedAt) }))),
          h('td', null, (conflict.fields || []).join(', ')),
          h('td', null, h('fieldset', { class: 'choice-group choice-group-compact', 'aria-labelledby': legendId },
            h('legend', { class: 'visually-hidden', id: legendId }, tr('exchange.preview.choiceLegend', { label: conflict.label })),
            keepChoice, takeChoice)));
      });
      conflictsBlock = h('div', { class: 'preview-block' },
        h('h4', { class: 'preview-subtitle' }, tr('exchange.preview.conflictsTitle', { count: formatNumber(conflicts.length) })),
        h('p', null, tr('exchange.preview.conflictsIntro')),
        conflicts.length > 1 ? h('div', { class: 'button-row' },
          button(tr('exchange.preview.keepAll'), () => setAll(false), { kind: 'tertiary', small: true, testid: 'conflict-keep-all' }),
          button(tr('exchange.preview.takeAll'), () => setAll(true), { kind: 'tertiary', small: true, testid: 'conflict-take-all' })) : null,
        scrollBox(tr('exchange.preview.conflictsListLabel'), h('table', { class: 'table table-compact' },
          h('caption', { class: 'visually-hidden' }, tr('exchange.preview.conflictsCaption')),
          h('thead', null, h('tr', null, [
            tr('exchange.preview.col.record'), tr('exchange.preview.col.updated'), tr('exchange.preview.col.fields'), tr('exchange.preview.col.choice'),
          ].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', { 'data-testid': 'import-conflicts' }, rows))));
    }

    const el = h('div', { class: 'preview-body' },
      json.formatVersion !== undefined && json.formatVersion !== null
        ? h('p', null, tr('exchange.preview.formatVersion', { version: json.formatVersion })) : null,
      counts([
        ['new', json.added || 0, 'exchange.preview.new'],
        ['updated', json.updated || 0, 'exchange.preview.updated'],
        ['unchanged', json.unchanged || 0, 'exchange.preview.unchanged'],
        ['keptLocal', json.keptLocal || 0, 'exchange.preview.keptLocal'],
        ['conflicts', conflicts.length, 'exchange.preview.conflicts'],
      ]),
      conflictsBlock);
    return {
      el,
      note: null,
      choices: () => ({ takeIncoming: [...takeIncoming].filter(([, take]) => take).map(([id]) => id) }),
    };
  }

  function summaryText(result) {
    const s = result.summary || {};
    const parts = result.kind === 'json'
      ? [
        countText('exchange.count.added', s.added || 0),
        countText('exchange.count.updated', s.updated || 0),
        countText('exchange.count.unchanged', s.unchanged || 0),
        countText('exchange.count.keptLocal', s.keptLocal || 0),
        countText('exchange.count.conflictsTakenFromFile', s.conflictsTakenFromFile || 0),
        countText('exchange.count.conflictsKeptLocal', s.conflictsKeptLocal || 0),
      ]
      : [
        countText('exchange.count.created', s.created || 0),
        countText('exchange.count.updated', s.updated || 0),
        countText('exchange.count.unchanged', s.unchanged || 0),
        countText('exchange.count.skipped', s.skipped || 0),
        countText('exchange.count.rejected', s.rejected || 0),
      ];
    return tr('exchange.import.summary', { file: result.fileName, details: parts.join(', ') });
  }

  function apply() {
    if (!preview) return undefined;
    const choices = preview.choices();
    return run(previewArea, tr('exchange.progress.import'), async () => {
      const result = await api.applyPendingImport(choices);
      preview = null;
      invalidateAll();
      const summary = h('p', { class: 'notice notice-success', 'data-testid': 'import-summary', tabindex: '-1' }, summaryText(result));
      replace(previewSlot);
      replace(resultSlot, summary);
      toast(tr('exchange.import.done', { file: result.fileName }));
      summary.focus();
    });
  }

  function cancel() {
    if (!preview) return undefined;
    const kind = preview.kind;
    return run(previewArea, tr('exchange.progress.cancel'), async () => {
      await api.cancelPendingImport();
      preview = null;
      replace(previewSlot);
      const back = importButtons.get(kind);
      if (back) back.focus();
    });
  }

  // ---- Export -------------------------------------------------------------------------------

  function exportAs(format) {
    return run(exportArea, tr('exchange.progress.export'), async () => {
      const path = await api.exportData(format);
      if (!path) return;
      replace(exportResult, tr('exchange.export.last', { path }));
      exportResult.hidden = false;
      toast(tr('exchange.saved', { path }));
    });
  }

  // ---- Backups ------------------------------------------------------------------------------

  async function loadBackups() {
    let backups;
    try {
      backups = await api.listBackups();
    } catch (error) {
      replace(backupsSlot, loadError(error, loadBackups));
      return;
    }
    if (!backups.length) {
      replace(backupsSlot, emptyState(tr('exchange.backup.empty')));
      return;
    }
    replace(backupsSlot, h('div', { class: 'table-wrapper' }, h('table', { class: 'table' },
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
          h('td', { class: 'actions' }, button(tr('exchange.backup.restore'), () => restoreBackup(backup, date), {
            small: true, testid: 'backup-restore', ariaLabel: tr('exchange.backup.restoreLabel', { date }),
          })));
      })))));
  }

  function backupNow() {
    return run(backupArea, tr('exchange.progress.backup'), async () => {
      const path = await api.backupDatabase();
      if (!path) return;
      toast(tr('exchange.backup.saved', { path }));
      await loadBackups();
    });
  }

  /** After a restore every screen must read the new database: reload, keeping the report. */
  function restored(report) {
    try {
      sessionStorage.setItem(RESTORED_KEY, JSON.stringify(report));
    } catch {
      toast(tr('exchange.backup.restored', { from: report.restoredFrom }));
    }
    location.reload();
  }

  async function restoreBackup(backup, date) {
    if (running) return;
    const yes = await confirmDialog({
      title: tr('exchange.backup.confirmTitle'),
      message: tr('exchange.backup.confirmMessage', { date, file: backup.fileName }),
      confirmLabel: tr('exchange.backup.confirmRestore'),
      danger: true,
    });
    if (!yes) return;
    await run(backupArea, tr('exchange.progress.restore'), async () => {
      const report = await api.restoreBackup(backup.fileName);
      if (report) restored(report);
    });
  }

  async function restoreFile() {
    if (running) return;
    const yes = await confirmDialog({
      title: tr('exchange.backup.confirmFileTitle'),
      message: tr('exchange.backup.confirmFileMessage'),
      confirmLabel: tr('exchange.backup.confirmChoose'),
      danger: true,
    });
    if (!yes) return;
    await run(backupArea, tr('exchange.progress.restore'), async () => {
      const report = await api.restoreFromFile();
      if (report) restored(report);
    });
  }

  // ---- Page ---------------------------------------------------------------------------------

  const importList = h('ul', { class: 'exchange-actions' }, IMPORTS.map((item) => {
    const action = actionItem(tr(item.label), tr(item.hint), () => chooseFile(item.kind), item.testid);
    importButtons.set(item.kind, action.trigger);
    return action.el;
  }));
  const exportList = h('ul', { class: 'exchange-actions' }, EXPORTS.map((format) => actionItem(
    tr(`exchange.export.${format}`), tr(`exchange.export.${format}Hint`), () => exportAs(format), `exchange-export-${format}`).el));

  const report = takeRestoreReport();
  if (report) {
    replace(restoreSlot, h('div', { class: 'notice notice-success', role: 'status', 'data-testid': 'restore-summary' },
      h('p', { class: 'notice-message' }, tr('exchange.backup.restored', { from: report.restoredFrom })),
      h('p', { class: 'break' }, tr('exchange.backup.safetyCopy', { path: report.safetyCopy }))));
    toast(tr('exchange.backup.restored', { from: report.restoredFrom }));
  }

  fill(root,
    pageHeader(tr('exchange.title'), { subtitle: tr('exchange.subtitle') }),
    restoreSlot,
    card(tr('exchange.import.title'),
      h('p', { class: 'section-intro' }, tr('exchange.import.intro')),
      importList, importArea.progress, importArea.error, resultSlot, previewSlot),
    card(tr('exchange.export.title'),
      h('p', { class: 'section-intro' }, tr('exchange.export.intro')),
      exportList,
      h('p', { class: 'muted small' }, tr('exchange.export.agendaNote')),
      exportArea.progress, exportArea.error, exportResult),
    card(tr('exchange.backup.title'),
      h('p', { class: 'section-intro' }, tr('exchange.backup.intro')),
      h('div', { class: 'button-row exchange-backup-buttons' },
        button(tr('exchange.backup.now'), backupNow, { kind: 'primary', testid: 'exchange-backup' }),
        button(tr('exchange.backup.restoreFile'), restoreFile, { testid: 'exchange-restore-file' })),
      backupArea.progress, backupArea.error,
      h('h3', { class: 'exchange-subtitle' }, tr('exchange.backup.listTitle')),
      backupsSlot));
  await loadBackups();

  return {
    cancel: () => { if (preview && !running) cancel(); },
    dispose: () => {
      disposed = true;
      // Leaving the view with a preview open forgets it, as « Annuler » would.
      if (preview) api.cancelPendingImport().catch(() => {});
      preview = null;
    },
  };
}
