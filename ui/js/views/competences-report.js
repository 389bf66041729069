// « Rapport d'évolution des compétences », on the « Métiers » view: a family, a period and two
// buttons that save the report as PDF or CSV through the native save dialog. The checks of the
// period (1900–2100, start not after end) are the core's: its French message is shown as is.

import { h, options } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { card, button } from '../components/layout.js';
import { toast, toastError } from '../components/toast.js';

/** A year typed in `input`, or null when it is left empty; throws a French message naming
 * the field when it is not a whole number (the input gives '' for text that is no number). */
function year(input, label) {
  if (input.validity && input.validity.badInput) throw { message: tr('competencesReport.badYear', { label }) };
  const text = input.value.trim();
  if (!text) return null;
  const n = Number(text);
  if (!Number.isInteger(n)) throw { message: tr('competencesReport.badYear', { label }) };
  return n;
}

/** The report's card, with the families of `families` to choose from. */
export function competencesReportCard(families) {
  const family = h('select', { id: 'report-family', 'data-testid': 'report-family' },
    options(families.map((f) => ({ code: f.id, label: f.label })), '', tr('filter.allFamilies')));
  const yearInput = (id) => h('input', { id, 'data-testid': id, type: 'number', inputmode: 'numeric', min: '1900', max: '2100', step: '1', autocomplete: 'off' });
  const from = yearInput('report-from');
  const to = yearInput('report-to');

  async function save(format, trigger) {
    trigger.disabled = true;
    try {
      const filter = { familyId: family.value || null, fromYear: year(from, tr('competencesReport.from')), toYear: year(to, tr('competencesReport.to')) };
      const path = await api.saveCompetencesReport(filter, format);
      if (path) toast(tr('competencesReport.saved', { path }));
    } catch (error) {
      toastError(error);
    } finally {
      trigger.disabled = false;
      // Disabling the button took the focus away: give it back to keyboard users.
      if (document.activeElement === document.body) trigger.focus();
    }
  }
  const pdf = button(tr('competencesReport.pdf'), () => save('pdf', pdf), { testid: 'report-pdf', ariaLabel: tr('competencesReport.pdfLabel') });
  const csv = button(tr('competencesReport.csv'), () => save('csv', csv), { testid: 'report-csv', ariaLabel: tr('competencesReport.csvLabel') });
  const field = (id, label, control) =>
    h('div', { class: 'field field-inline' }, h('label', { for: id, class: 'field-label' }, label), control);

  return card(tr('competencesReport.title'),
    h('p', { class: 'muted' }, tr('competencesReport.intro')),
    h('div', { class: 'filters' },
      h('div', { class: 'filter-row' },
        field('report-family', tr('filter.family'), family),
        field('report-from', tr('competencesReport.from'), from),
        field('report-to', tr('competencesReport.to'), to))),
    h('div', { class: 'button-row', role: 'group', 'aria-label': tr('competencesReport.title') }, pdf, csv));
}
