// Small pieces the parts of « Échanges » share: an action button with its description, a
// labelled radio button, a keyboard-scrollable box, and the French count sentences.

import { h, uid } from '../../dom.js';
import { tr } from '../../i18n.js';
import { formatNumber } from '../../format.js';
import { button } from '../../components/layout.js';

/** "{count} fiche créée" / "{count} fiches créées" (French: 0 and 1 take the singular). */
export function countText(key, count) {
  return tr(`${key}.${count <= 1 ? 'one' : 'other'}`, { count: formatNumber(count) });
}

/** A button with a visible description below it, tied to it for screen readers. */
export function actionItem(label, hint, onclick, testid) {
  const hintId = uid('exchange-hint');
  const trigger = button(label, onclick, { testid });
  trigger.setAttribute('aria-describedby', hintId);
  return { trigger, el: h('li', { class: 'exchange-action' }, trigger, h('p', { class: 'field-hint', id: hintId }, hint)) };
}

/** A labelled radio button. */
export function radio({ name, value, label, checked, testid, onchange }) {
  const id = uid('exchange-choice');
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', id, name, value, checked, 'data-testid': testid, onchange }),
    h('label', { for: id }, label));
}

/** A box that scrolls a long list or table, reachable and scrollable with the keyboard. */
export function scrollBox(label, child) {
  return h('div', { class: 'scroll-box', role: 'region', tabindex: '0', 'aria-label': label }, child);
}

/** A compact table with a hidden caption, column headers and `body`. */
export function compactTable(caption, columns, body) {
  return h('table', { class: 'table table-compact' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, columns.map((label) => h('th', { scope: 'col' }, label)))),
    body);
}
