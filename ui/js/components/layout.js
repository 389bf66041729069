// Building blocks shared by the views: page header, cards, tables, empty states, pager,
// loading and load-failure messages.

import { h } from '../dom.js';
import { tr } from '../i18n.js';
import { formatNumber } from '../format.js';

/** The page title (focusable for screen readers after navigation) and its action buttons. */
export function pageHeader(title, { actions = [], subtitle = null, back = null } = {}) {
  return h('header', { class: 'page-header' },
    back ? h('a', { class: 'back-link', href: back.href }, '← ', back.label) : null,
    h('div', { class: 'page-header-row' },
      h('div', { class: 'page-heading' },
        h('h1', { class: 'page-title', tabindex: '-1' }, title),
        subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null),
      actions.length ? h('div', { class: 'page-actions' }, actions) : null));
}

/** A white card, with an optional heading. */
export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', { class: 'card-title' }, title) : null, children);
}

/** A link styled as a button. */
export function linkButton(href, label, { primary = false, testid = null } = {}) {
  return h('a', { href, class: ['button', primary ? 'button-primary' : 'button-secondary'], 'data-testid': testid }, label);
}

/** A button. kind: primary | secondary | tertiary | danger. */
export function button(label, onclick, { kind = 'secondary', testid = null, type = 'button', small = false, ariaLabel = null } = {}) {
  return h('button', { type, class: ['button', `button-${kind}`, small && 'button-small'], 'data-testid': testid, onclick, 'aria-label': ariaLabel }, label);
}

/**
 * A table with a caption (visually hidden when `hideCaption`), column headers and a body.
 * columns: [{label, class}]. Returns {table, body}.
 */
export function dataTable({ caption, columns, bodyTestId, hideCaption = true, className = '' }) {
  const body = h('tbody', { 'data-testid': bodyTestId });
  const table = h('table', { class: ['table', className] },
    h('caption', { class: hideCaption ? 'visually-hidden' : 'table-caption' }, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    body);
  return { table: h('div', { class: 'table-wrapper' }, table), body };
}

/** Makes a whole row open `href` on click, while its first link stays the keyboard target. */
export function clickableRow(row, href) {
  row.classList.add('row-link');
  row.addEventListener('click', (event) => {
    if (event.target.closest('a, button, input, select, textarea')) return;
    location.hash = href;
  });
  return row;
}

/** What to show when a list is empty: a sentence and what to do next. */
export function emptyState(text, ...actions) {
  return h('div', { class: 'empty-state', 'data-testid': 'empty-state' },
    h('p', null, text), actions.length ? h('div', { class: 'empty-actions' }, actions) : null);
}

/** "Chargement…" placeholder. */
export function loading() {
  return h('p', { class: 'loading', role: 'status' }, tr('common.loading'));
}

/** A view that could not load its data. */
export function loadError(error, retry) {
  return h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'load-error' },
    h('p', null, error.message || String(error)),
    retry ? h('button', { type: 'button', class: 'button button-secondary', onclick: retry }, tr('action.retry')) : null);
}

/** Previous / next buttons and "1–50 sur 1 234". */
export function pager({ offset, limit, total, onChange, testid }) {
  if (total <= limit && offset === 0) {
    return h('p', { class: 'pager-summary', 'data-testid': `${testid}-total` }, tr(total === 1 ? 'common.total.one' : 'common.total.other', { count: formatNumber(total) }));
  }
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return h('nav', { class: 'pager', 'aria-label': tr('common.pagination') },
    h('button', { type: 'button', class: 'button button-secondary button-small', disabled: offset === 0, 'data-testid': `${testid}-prev`, onclick: () => onChange(Math.max(0, offset - limit)) }, tr('action.previous')),
    h('p', { class: 'pager-summary', 'data-testid': `${testid}-total` }, tr('common.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })),
    h('button', { type: 'button', class: 'button button-secondary button-small', disabled: to >= total, 'data-testid': `${testid}-next`, onclick: () => onChange(offset + limit) }, tr('action.next')));
}

/** A coloured label for an event status. */
export function statusBadge(code, label) {
  return h('span', { class: ['badge', `badge-${code || 'none'}`] }, label);
}

/** A term/definition list of read-only details; empty values are left out. */
export function details(pairs) {
  const items = pairs.filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length));
  return h('dl', { class: 'details' }, items.map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}
