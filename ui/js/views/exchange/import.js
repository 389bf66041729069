// The import part of « Échanges », in two steps: the backend opens the file dialog and returns
// a preview (nothing written yet); the user's choices on it are sent to `apply_pending_import`,
// or « Annuler » forgets the file. The formats, checks and merge rules are the backend's.

import { h, replace, uid } from '../../dom.js';
import { tr } from '../../i18n.js';
import * as api from '../../api.js';
import { invalidateAll } from '../../refdata.js';
import { card, button } from '../../components/layout.js';
import { toast } from '../../components/toast.js';
import { actionItem, countText } from './widgets.js';
import { csvPreview, jsonPreview } from './import-preview.js';

const IMPORTS = [
  { kind: 'experts', label: 'exchange.import.experts', hint: 'exchange.import.expertsHint', testid: 'exchange-import-experts' },
  { kind: 'professions', label: 'exchange.import.professions', hint: 'exchange.import.professionsHint', testid: 'exchange-import-professions' },
  { kind: 'json', label: 'exchange.import.json', hint: 'exchange.import.jsonHint', testid: 'exchange-import-json' },
];

/** The sentence that reports an applied import, from the backend's summary. */
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

/**
 * The import card, running its commands through `runner` (runner.js). Returns `{el, cancel,
 * dispose}`: `cancel` forgets an open preview (Échap), `dispose` too when the view is left.
 */
export function createImportPart(runner) {
  const importArea = runner.area();
  const previewArea = runner.area();
  const previewSlot = h('div', { class: 'import-preview-slot' });
  const resultSlot = h('div', { class: 'import-result-slot' });
  const importButtons = new Map();
  let preview = null;
  let disposed = false;

  function chooseFile(kind) {
    return runner.run(importArea, tr('exchange.progress.read'), async () => {
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
    const headingId = uid('import-preview-title');
    const heading = h('h3', { class: 'preview-title', id: headingId, tabindex: '-1' }, tr('exchange.preview.title', { file: chosen.fileName }));
    const applyButton = button(tr('exchange.preview.apply'), () => apply(), { kind: 'primary', testid: 'import-apply' });
    const body = chosen.json ? jsonPreview(chosen.json) : csvPreview(chosen.csv || {}, applyButton);
    preview = { kind: chosen.kind, choices: body.choices };
    replace(previewSlot, h('section', { class: 'import-preview card-inset', 'data-testid': 'import-preview', 'aria-labelledby': headingId },
      heading,
      h('p', { class: 'muted' }, tr('exchange.preview.kind', { kind: tr(`exchange.kind.${chosen.kind}`) })),
      body.el,
      previewArea.progress, previewArea.error,
      h('div', { class: 'form-actions' },
        applyButton,
        button(tr('exchange.preview.cancel'), () => cancel(), { testid: 'import-cancel' }),
        body.note)));
    heading.focus();
  }

  function apply() {
    if (!preview) return undefined;
    const choices = preview.choices();
    return runner.run(previewArea, tr('exchange.progress.import'), async () => {
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
    return runner.run(previewArea, tr('exchange.progress.cancel'), async () => {
      await api.cancelPendingImport();
      preview = null;
      replace(previewSlot);
      const back = importButtons.get(kind);
      if (back) back.focus();
    });
  }

  const importList = h('ul', { class: 'exchange-actions' }, IMPORTS.map((item) => {
    const action = actionItem(tr(item.label), tr(item.hint), () => chooseFile(item.kind), item.testid);
    importButtons.set(item.kind, action.trigger);
    return action.el;
  }));
  const el = card(tr('exchange.import.title'),
    h('p', { class: 'section-intro' }, tr('exchange.import.intro')),
    importList, importArea.progress, importArea.error, resultSlot, previewSlot);

  return {
    el,
    cancel: () => { if (preview && !runner.isRunning()) cancel(); },
    dispose: () => {
      disposed = true;
      // Leaving the view with a preview open forgets it, as « Annuler » would.
      if (preview) api.cancelPendingImport().catch(() => {});
      preview = null;
    },
  };
}
