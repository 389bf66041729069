// The home view's « Données personnelles (RGPD) » card: the experts whose review date has
// passed or who have no recorded consent (each a link to their record), the events whose
// participants are past the retention period with « Anonymiser » behind a confirmation, and
// the retention period itself (checked by the backend: 1 to 50 years).

import { h, replace, uid } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatNumber } from '../format.js';
import { button, loadError } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, withButton } from '../components/toast.js';

/** The card; it loads itself, so a failure here leaves the rest of the home view working. */
export function gdprCard() {
  const body = h('div', { 'data-testid': 'home-gdpr-body' });
  const el = h('section', { class: 'card', 'aria-labelledby': 'home-gdpr-title', 'data-testid': 'home-gdpr' },
    h('h2', { class: 'card-title', id: 'home-gdpr-title' }, tr('gdpr.title')), body);

  async function load() {
    let data;
    try {
      data = await api.gdprOverview();
    } catch (error) {
      replace(body, loadError(error, load));
      return;
    }
    replace(body, expertsBlock(data.experts), eventsBlock(data, load), retentionBlock(data.retentionYears, load));
  }
  load();
  return el;
}

function expertsBlock(experts) {
  if (!experts.length) return h('p', { class: 'muted' }, tr('gdpr.expertsNone'));
  return [
    h('h3', null, tr('gdpr.experts', { count: formatNumber(experts.length) })),
    h('ul', { class: 'plain-list', 'data-testid': 'home-gdpr-experts' }, experts.map((e) => h('li', null,
      h('a', { href: `#/experts/${encodeURIComponent(e.expertId)}` }, e.name || tr('gdpr.noName')),
      h('span', { class: 'muted' }, ` — ${e.reason}`)))),
  ];
}

function eventsBlock({ events, retentionYears }, reload) {
  if (!events.length) return h('p', { class: 'muted' }, tr('gdpr.eventsNone', { years: retentionYears }));
  return [
    h('h3', null, tr('gdpr.events', { years: retentionYears })),
    h('p', { class: 'muted' }, tr('gdpr.eventsHelp')),
    h('ul', { class: 'plain-list', 'data-testid': 'home-gdpr-events' }, events.map((event) => {
      const label = `${event.title} (${event.code})`;
      const anonymise = button(tr('gdpr.anonymise'), () => withButton(anonymise, async () => {
        const yes = await confirmDialog({
          title: tr('gdpr.confirmTitle'),
          message: tr('gdpr.confirmMessage', { event: label, count: event.participants }),
          confirmLabel: tr('gdpr.anonymise'),
          danger: true,
        });
        if (!yes) return;
        const count = await api.anonymiseParticipants([event.eventId]);
        toast(tr('gdpr.anonymised', { count, event: label }));
        await reload();
      }), { small: true, kind: 'danger', testid: 'home-gdpr-anonymise', ariaLabel: tr('gdpr.anonymiseNamed', { event: label }) });
      return h('li', { 'data-id': event.eventId },
        h('a', { href: `#/evenements/${encodeURIComponent(event.eventId)}` }, label),
        h('span', { class: 'muted' }, ` — ${tr('gdpr.ended', { date: formatDate(event.endDate), count: formatNumber(event.participants) })} `),
        anonymise);
    })),
  ];
}

function retentionBlock(years, reload) {
  const id = uid('gdpr-retention');
  const errorId = `${id}-error`;
  const input = h('input', { type: 'number', id, min: 1, max: 50, step: 1, value: String(years), class: 'input-number', 'data-testid': 'home-gdpr-retention' });
  const error = h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true });
  const save = button(tr('action.save'), () => withButton(save, async () => {
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    try {
      // Not a whole number: 0, so that the backend's message (1 to 50 years) is the one shown.
      const value = Number(input.value);
      await api.setRetentionYears(input.value !== '' && Number.isInteger(value) ? value : 0);
    } catch (failure) {
      const field = (failure.fields || []).find((f) => f.field === 'retentionYears');
      error.textContent = field ? field.message : failure.message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', errorId);
      input.focus();
      return;
    }
    toast(tr('gdpr.retentionSaved', { years: input.value }));
    await reload();
  }), { testid: 'home-gdpr-retention-save' });
  return h('div', { class: 'field field-inline' },
    h('label', { for: id, class: 'field-label' }, tr('gdpr.retention')), input, save, error);
}
