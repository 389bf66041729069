// Importing participants from a CSV file (as Excel-FR writes it) into one event, in the two
// steps of the experts' import in « Échanges »: the backend opens the file dialog and returns a
// preview (nothing written), then applies exactly the previewed bytes — all or nothing unless
// the user chose to leave the rejected lines out. The preview is the one of « Échanges »
// (exchange/import-preview.js), plus the number of people who would go on the waiting list.

import { h, replace, uid } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { button } from '../components/layout.js';
import { toast, toastError } from '../components/toast.js';
import { csvPreview } from './exchange/import-preview.js';
import { countText } from './exchange/widgets.js';

/** The sentence reporting an applied import. */
function summaryText(result) {
  const s = result.summary || {};
  const details = [
    countText('exchange.count.created', s.created || 0),
    countText('exchange.count.updated', s.updated || 0),
    countText('exchange.count.unchanged', s.unchanged || 0),
    countText('exchange.count.skipped', s.skipped || 0),
    countText('exchange.count.rejected', s.rejected || 0),
  ].join(', ');
  const waiting = s.waitingList ? ` ${tr('participants.import.waiting', { count: s.waitingList })}` : '';
  return `${tr('exchange.import.summary', { file: result.fileName, details })}${waiting}`;
}

/**
 * The import block of event `eventId`: `el` (the preview and result slots), `choose()` opens
 * the file dialog (the card's « Importer » button calls it), `dispose()` forgets an open preview.
 * `onImported()` runs after a successful import (the card reloads its list).
 */
export function participantsImport({ eventId, onImported }) {
  const slot = h('div', { class: 'import-preview-slot', 'data-testid': 'participants-import' });
  let open = false;
  let disposed = false;

  async function choose() {
    const chosen = await api.chooseParticipantsFile(eventId);
    if (!chosen) return;
    if (disposed) {
      await api.cancelParticipantsImport();
      return;
    }
    show(chosen);
  }

  function show(chosen) {
    open = true;
    const headingId = uid('participants-import-title');
    const heading = h('h3', { class: 'preview-title', id: headingId, tabindex: '-1' }, tr('exchange.preview.title', { file: chosen.fileName }));
    const error = h('div', { class: 'exchange-error-slot' });
    const applyButton = button(tr('exchange.preview.apply'), () => apply(body.choices(), applyButton, error), { kind: 'primary', testid: 'import-apply' });
    const body = csvPreview(chosen.preview, applyButton);
    const preview = chosen.preview;
    const waiting = preview.waitingList
      ? h('p', { class: 'notice notice-warning', 'data-testid': 'participants-import-waiting' },
        tr('participants.import.wouldWait', { capacity: preview.capacity ?? '', count: preview.waitingList }))
      : null;
    replace(slot, h('section', { class: 'import-preview card-inset', 'data-testid': 'import-preview', 'aria-labelledby': headingId },
      heading, body.el, waiting, error,
      h('div', { class: 'form-actions' },
        applyButton,
        button(tr('exchange.preview.cancel'), () => cancel(), { testid: 'import-cancel' }),
        body.note)));
    heading.focus();
  }

  async function apply(choices, applyButton, error) {
    applyButton.disabled = true;
    try {
      const result = await api.applyParticipantsImport(eventId, choices);
      open = false;
      const summary = h('p', { class: 'notice notice-success', 'data-testid': 'import-summary', tabindex: '-1' }, summaryText(result));
      replace(slot, summary);
      toast(tr('exchange.import.done', { file: result.fileName }));
      await onImported();
      summary.focus();
    } catch (failure) {
      applyButton.disabled = false;
      replace(error, h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'exchange-error' },
        h('p', { class: 'notice-message' }, failure.message),
        (failure.fields || []).length ? h('ul', { class: 'notice-list' }, failure.fields.map((f) => h('li', null, f.message))) : null));
      toastError(failure);
    }
  }

  async function cancel() {
    open = false;
    replace(slot);
    try {
      await api.cancelParticipantsImport();
    } catch (error) {
      toastError(error);
    }
  }

  return {
    el: slot,
    choose,
    isOpen: () => open,
    cancel,
    dispose: () => {
      disposed = true;
      if (open) api.cancelParticipantsImport().catch(() => {});
      open = false;
    },
  };
}
