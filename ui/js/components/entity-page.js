// The form page shared by the simple records (organisations, territories, themes): load,
// fields, save (create or update at the loaded version), delete with confirmation.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import { formatDateTime, formatNumber, collator } from '../format.js';
import { invalidate } from '../refdata.js';
import { Form } from './form.js';
import { pageHeader, card, button, linkButton } from './layout.js';
import { confirmDialog } from './dialog.js';
import { toast, toastError } from './toast.js';
import { redirect, reload } from '../router.js';

/**
 * spec: {id, prefix, empty, load(id), create(input), update(id, version, input), remove(id),
 *        fields(form, record) → nodes, read(form) → input, name(record), newTitle, back: {href,label},
 *        hrefOf(id), cache, messages: {saved, deleted, deleteTitle, deleteMessage}}
 */
export async function renderEntityPage(root, spec) {
  const { id } = spec;
  const record = id ? await spec.load(id) : { ...spec.empty };
  const form = new Form(spec.prefix, { onSubmit: save, onReload: reload });
  form.el.dataset.main = '';
  fill(form.el, ...spec.fields(form, record),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': `${spec.prefix}-save` }, tr('action.save')),
      linkButton(spec.back.href, tr('action.cancel'), { testid: `${spec.prefix}-cancel` }),
      h('span', { class: 'form-shortcut muted' }, tr('form.saveShortcut'))));

  async function save() {
    const input = spec.read(form);
    try {
      const saved = id ? await spec.update(id, record.version, input) : await spec.create(input);
      form.markClean();
      invalidate(spec.cache);
      toast(tr(spec.messages.saved, { name: spec.name(saved) }));
      redirect(spec.hrefOf(saved.id));
    } catch (error) {
      form.showError(error);
    }
  }

  async function remove() {
    const yes = await confirmDialog({
      title: tr(spec.messages.deleteTitle),
      message: tr(spec.messages.deleteMessage, { name: spec.name(record) }),
      confirmLabel: tr('action.delete'),
      danger: true,
    });
    if (!yes) return;
    try {
      await spec.remove(id);
      form.markClean();
      invalidate(spec.cache);
      toast(tr(spec.messages.deleted, { name: spec.name(record) }));
      redirect(spec.back.href);
    } catch (error) {
      form.showError(error);
      toastError(error);
    }
  }

  fill(root, 
    pageHeader(id ? spec.name(record) : spec.newTitle, {
      back: spec.back,
      subtitle: id ? (record.referenceKey ? tr('common.fromReference') : null) : tr('form.requiredNote'),
      actions: id ? [button(tr('action.delete'), remove, { kind: 'danger', testid: `${spec.prefix}-delete` })] : [],
    }),
    card(null, form.el),
    id ? h('p', { class: 'app-meta' }, `${tr('common.created', { date: formatDateTime(record.createdAt) })} · ${tr('common.updated', { date: formatDateTime(record.updatedAt) })}`) : null);
  return { focus: id ? null : form.el.querySelector('input, select, textarea') };
}

/**
 * A client-side filtered and sortable table for the short reference lists.
 * columns: [{label, class, sort(row) → string}] — a column with `sort` gets a sort button.
 */
export function filteredTable({ rows, columns, bodyTestId, rowTestId, caption, hrefOf, cells, searchLabel, searchId, emptyText, matches }) {
  const body = h('tbody', { 'data-testid': bodyTestId });
  const count = h('p', { class: 'pager-summary', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', id: searchId, 'data-testid': searchId, 'data-page-search': '', autocomplete: 'off' });
  let sortIndex = -1;
  let ascending = true;
  const headers = columns.map((column, index) => {
    if (!column.sort) return h('th', { scope: 'col', class: column.class }, column.label);
    const th = h('th', { scope: 'col', class: column.class });
    const sortButton = h('button', { type: 'button', class: 'sort-button', 'data-testid': `${bodyTestId}-sort-${index}` },
      column.label, h('span', { class: 'sort-indicator', 'aria-hidden': 'true' }));
    sortButton.addEventListener('click', () => {
      ascending = sortIndex === index ? !ascending : true;
      sortIndex = index;
      headers.forEach((header, i) => {
        if (i === index) header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        else header.removeAttribute('aria-sort');
      });
      draw();
    });
    th.appendChild(sortButton);
    return th;
  });
  const draw = () => {
    const needle = search.value.trim().toLocaleLowerCase('fr');
    let shown = needle ? rows.filter((row) => matches(row).toLocaleLowerCase('fr').includes(needle)) : rows;
    if (sortIndex >= 0) {
      const key = columns[sortIndex].sort;
      shown = [...shown].sort((a, b) => (ascending ? 1 : -1) * collator.compare(key(a) || '', key(b) || ''));
    }
    body.replaceChildren(...shown.map((row) => {
      const href = hrefOf ? hrefOf(row) : null;
      const line = h('tr', { 'data-id': row.id, 'data-testid': rowTestId }, cells(row, href));
      if (href) {
        line.classList.add('row-link');
        line.addEventListener('click', (event) => {
          if (!event.target.closest('a, button')) location.hash = href;
        });
      }
      return line;
    }));
    if (!shown.length) body.appendChild(h('tr', null, h('td', { colspan: String(columns.length), class: 'muted' }, emptyText)));
    count.textContent = tr(shown.length === 1 ? 'common.total.one' : 'common.total.other', { count: formatNumber(shown.length) });
  };
  search.addEventListener('input', draw);
  search.addEventListener('keydown', (event) => { if (event.key === 'Enter') event.preventDefault(); });
  draw();
  return h('div', null,
    h('div', { class: 'filters' }, h('div', { class: 'field field-inline field-grow' }, h('label', { for: searchId, class: 'field-label' }, searchLabel), search)),
    count,
    h('div', { class: 'table-wrapper' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null, headers)),
      body)));
}
