// The preview of a file chosen for import, as the backend computed it: for a CSV file its
// encoding, counts, rejected rows (to skip or not) and duplicates (to update or skip); for a
// Passerelle JSON file its counts and the conflicts to settle one by one. Each preview returns
// its element and a `choices()` function giving what `apply_pending_import` expects.

import { h, uid } from '../../dom.js';
import { tr } from '../../i18n.js';
import { formatDateTime, formatNumber } from '../../format.js';
import { button } from '../../components/layout.js';
import { countText, radio, scrollBox, compactTable } from './widgets.js';

/** The counts of a preview as a list of figures: items are [name, value, label key]. */
function counts(items) {
  return h('ul', { class: 'import-counts', 'aria-label': tr('exchange.preview.countsLabel') },
    items.map(([name, value, label]) => h('li', { class: ['import-count', value && name === 'rejected' && 'import-count-rejected'], 'data-testid': `import-count-${name}` },
      h('span', { class: 'import-count-value' }, formatNumber(value)), ' ',
      h('span', { class: 'import-count-label' }, tr(label)))));
}

/** The rejected rows with the box that skips them; `onchange` follows the box. */
function rejectedBlock(rejected, onchange) {
  const id = uid('import-skip-invalid');
  const hintId = `${id}-hint`;
  const box = h('input', { type: 'checkbox', id, 'data-testid': 'import-skip-invalid', 'aria-describedby': hintId, onchange });
  const el = h('div', { class: 'preview-block' },
    h('h4', { class: 'preview-subtitle' }, tr('exchange.preview.rejectedTitle', { count: formatNumber(rejected.length) })),
    scrollBox(tr('exchange.preview.rejectedListLabel'),
      h('ul', { class: 'rejected-list', 'data-testid': 'import-rejected' }, rejected.map((row) => h('li', { 'data-line': row.line }, row.reason)))),
    h('div', { class: 'checkbox-field' },
      box,
      h('div', null,
        h('label', { for: id, class: 'field-label' }, tr('exchange.preview.skipInvalid')),
        h('p', { class: 'field-hint', id: hintId }, tr('exchange.preview.skipInvalidHint')))));
  return { el, box };
}

/** The rows already in the base, with the update-or-skip choice when some differ. */
function duplicatesBlock(duplicates, choose) {
  const name = uid('import-on-duplicate');
  const anyChanged = duplicates.some((d) => d.changed);
  const rows = duplicates.map((d) => h('tr', { 'data-testid': 'duplicate-row', 'data-id': d.existingId },
    h('td', { class: 'numeric' }, formatNumber(d.line)),
    h('td', null, d.label),
    h('td', null, d.matchedBy),
    h('td', null, d.changed ? h('span', { class: 'strong' }, tr('exchange.preview.changed')) : tr('exchange.preview.same'))));
  return h('div', { class: 'preview-block' },
    h('h4', { class: 'preview-subtitle' }, tr('exchange.preview.duplicatesTitle', { count: formatNumber(duplicates.length) })),
    anyChanged
      ? h('fieldset', { class: 'choice-group', 'data-testid': 'import-on-duplicate' },
        h('legend', { class: 'field-label' }, tr('exchange.preview.onDuplicate')),
        radio({ name, value: 'update', label: tr('exchange.preview.onDuplicateUpdate'), checked: true, testid: 'import-duplicate-update', onchange: choose }),
        radio({ name, value: 'skip', label: tr('exchange.preview.onDuplicateSkip'), checked: false, testid: 'import-duplicate-skip', onchange: choose }))
      : h('p', { class: 'muted' }, tr('exchange.preview.duplicatesSame')),
    scrollBox(tr('exchange.preview.duplicatesListLabel'), compactTable(tr('exchange.preview.duplicatesCaption'),
      [tr('exchange.preview.col.line'), tr('exchange.preview.col.record'), tr('exchange.preview.col.matchedBy'), tr('exchange.preview.col.changed')],
      h('tbody', { 'data-testid': 'import-duplicates' }, rows))));
}

/**
 * The preview of a CSV file. `applyButton` is disabled while rejected rows are not skipped: this
 * mirrors the backend's rule for the user's sake; the backend checks it again.
 */
export function csvPreview(csv, applyButton) {
  const rejected = csv.rejected || [];
  const duplicates = csv.duplicates || [];
  let onDuplicate = 'update';
  const blockedNote = h('p', { class: 'field-hint', id: uid('import-blocked'), 'data-testid': 'import-blocked' }, tr('exchange.preview.blocked'));
  let skip = null;
  const updateApply = () => {
    const blocked = rejected.length > 0 && !(skip && skip.box.checked);
    applyButton.disabled = blocked;
    blockedNote.hidden = !blocked;
  };
  if (rejected.length) skip = rejectedBlock(rejected, updateApply);
  const info = [tr('exchange.preview.encoding', { encoding: csv.encoding })];
  if (csv.separator) info.push(tr('exchange.preview.separator', { separator: csv.separator }));
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
    skip && skip.el,
    duplicates.length ? duplicatesBlock(duplicates, (event) => { onDuplicate = event.target.value; }) : null);
  updateApply();
  return {
    el,
    note: rejected.length ? blockedNote : null,
    choices: () => ({ onDuplicate, skipInvalid: Boolean(skip && skip.box.checked) }),
  };
}

/** One conflict's row: the record, both dates, the fields that differ, keep or take. */
function conflictRow(conflict, index, takeIncoming, radios) {
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
}

/** The conflicts of a JSON file, each to keep or take, with « all » buttons when several. */
function conflictsBlock(conflicts, takeIncoming) {
  const radios = [];
  const setAll = (take) => {
    for (const { id, keep, takeIt } of radios) {
      keep.checked = !take;
      takeIt.checked = take;
      takeIncoming.set(id, take);
    }
  };
  const rows = conflicts.map((conflict, index) => conflictRow(conflict, index, takeIncoming, radios));
  return h('div', { class: 'preview-block' },
    h('h4', { class: 'preview-subtitle' }, tr('exchange.preview.conflictsTitle', { count: formatNumber(conflicts.length) })),
    h('p', null, tr('exchange.preview.conflictsIntro')),
    conflicts.length > 1 ? h('div', { class: 'button-row' },
      button(tr('exchange.preview.keepAll'), () => setAll(false), { kind: 'tertiary', small: true, testid: 'conflict-keep-all' }),
      button(tr('exchange.preview.takeAll'), () => setAll(true), { kind: 'tertiary', small: true, testid: 'conflict-take-all' })) : null,
    scrollBox(tr('exchange.preview.conflictsListLabel'), compactTable(tr('exchange.preview.conflictsCaption'),
      [tr('exchange.preview.col.record'), tr('exchange.preview.col.updated'), tr('exchange.preview.col.fields'), tr('exchange.preview.col.choice')],
      h('tbody', { 'data-testid': 'import-conflicts' }, rows))));
}

/** The preview of a Passerelle JSON file. */
export function jsonPreview(json) {
  const conflicts = json.conflicts || [];
  /** Conflict id → true when the file's version is taken. */
  const takeIncoming = new Map(conflicts.map((c) => [c.id, false]));
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
    conflicts.length ? conflictsBlock(conflicts, takeIncoming) : null);
  return {
    el,
    note: null,
    choices: () => ({ takeIncoming: [...takeIncoming].filter(([, take]) => take).map(([id]) => id) }),
  };
}
