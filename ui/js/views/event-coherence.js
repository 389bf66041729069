// The « Vérification » panel of the event page: the core's coherence findings (holidays, dates,
// overlaps, speakers booked twice or without consent, languages, programme items missing,
// translations), each with a button to what to fix, refreshed after every agenda change; and
// the question asked before printing the programme when there are some.

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { loadError } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { navigate } from '../router.js';

/** At most this many findings are named in the question before printing; the panel has all. */
const NAMED_BEFORE_PRINT = 8;

/**
 * The panel of event `eventId`: `el` to place on the page, `load()` reads the findings again,
 * `confirmPrint(language)` asks before printing when there are findings. `agenda` (the
 * AgendaEditor) opens a session's form and a new session's.
 */
export class CoherencePanel {
  constructor({ eventId, agenda }) {
    this.eventId = eventId;
    this.agenda = agenda;
    this.findings = [];
    this.counter = 0;
    this.status = h('p', { class: 'coherence-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'coherence-status' });
    this.list = h('ul', { class: 'coherence-list plain-list', 'data-testid': 'coherence-list' });
    this.heading = h('h2', { class: 'card-title', id: 'coherence-title', tabindex: '-1' }, tr('coherence.title'));
    this.el = h('section', { class: 'card coherence', 'aria-labelledby': 'coherence-title', 'data-testid': 'coherence' },
      h('div', { class: 'card-title-row' }, this.heading), this.status, this.list);
  }

  /** Reads the findings from the core and draws them; a later call wins over a slower earlier one. */
  async load() {
    const mine = ++this.counter;
    let findings;
    try {
      findings = await api.eventCoherence(this.eventId);
    } catch (error) {
      if (mine === this.counter) replace(this.list, h('li', null, loadError(error, () => this.load())));
      return;
    }
    if (mine !== this.counter) return;
    this.findings = findings;
    const count = findings.length;
    replace(this.status, count ? tr(count === 1 ? 'coherence.count.one' : 'coherence.count.other', { count }) : tr('coherence.none'));
    this.status.className = count ? 'coherence-status notice notice-warning' : 'coherence-status muted';
    replace(this.list, ...findings.map((finding, index) => this.item(finding, index)));
  }

  item(finding, index) {
    const messageId = `coherence-message-${index}`;
    const error = finding.severity === 'error';
    return h('li', { class: ['coherence-item', error ? 'coherence-error' : 'coherence-warning'], 'data-testid': 'coherence-finding', 'data-kind': finding.kind },
      h('span', { class: ['badge', error ? 'badge-error' : 'badge-warn'] }, tr(error ? 'coherence.error' : 'coherence.warning')),
      ' ',
      h('span', { id: messageId, class: 'coherence-message' }, finding.message),
      ' ',
      // Described by its message: every button of the list says what it fixes.
      h('button', {
        type: 'button', class: 'button button-tertiary button-small', 'data-testid': 'coherence-fix',
        'aria-describedby': messageId, onclick: () => this.fix(finding.target),
      }, fixLabel(finding.target)));
  }

  /** Opens what `target` names: the session's form, the expert's page, the event's form field. */
  fix({ view, id, field }) {
    if (view === 'session') {
      this.agenda.editSession(id, field);
    } else if (view === 'expert') {
      navigate(`#/experts/${encodeURIComponent(id)}`);
    } else if (field === 'sessions') {
      this.agenda.create();
    } else {
      navigate(`#/evenements/${encodeURIComponent(id)}/modifier${field ? `/${encodeURIComponent(field)}` : ''}`);
    }
  }

  /**
   * Before printing the programme (in partner `language`, or French when null): true to go on.
   * With findings, asks « Imprimer quand même » naming the first of them; answering no brings
   * the panel into view.
   */
  async confirmPrint(language = null) {
    const findings = await api.eventCoherence(this.eventId, language);
    if (!findings.length) return true;
    const count = findings.length;
    const lines = [tr(count === 1 ? 'coherence.print.one' : 'coherence.print.other', { count })];
    lines.push(...findings.slice(0, NAMED_BEFORE_PRINT).map((finding) => `• ${finding.message}`));
    if (count > NAMED_BEFORE_PRINT) lines.push(tr('coherence.print.more', { count: count - NAMED_BEFORE_PRINT }));
    const go = await confirmDialog({
      title: tr('coherence.print.title'),
      message: lines.join('\n'),
      confirmLabel: tr('coherence.print.anyway'),
      cancelLabel: tr('coherence.print.review'),
    });
    if (!go) {
      await this.load();
      this.el.scrollIntoView({ block: 'start' });
      this.heading.focus({ preventScroll: true });
    }
    return go;
  }
}

/** The button's words for what a finding points at. */
function fixLabel({ view, field }) {
  if (view === 'session') return tr('coherence.fix.session');
  if (view === 'expert') return tr('coherence.fix.expert');
  return field === 'sessions' ? tr('coherence.fix.agenda') : tr('coherence.fix.event');
}
