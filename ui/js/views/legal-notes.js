// Questions juridiques: the legal notes (fiches juridiques) on the territorial civil service,
// searched in their question, answers and bases, filtered by country, territory, theme and
// « à réviser », paged; each line shows its short answer, « à jour au » and review dates, the
// review date marked once it has passed.

import { h, replace, fill } from '../dom.js';
import { filterSelect, searchBox } from '../components/list-filters.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, todayIso } from '../format.js';
import { getCodes, choiceLists } from '../refdata.js';
import { pageHeader, card, dataTable, emptyState, linkButton, clickableRow, loadError, pager } from '../components/layout.js';
import { excerptNode } from './resources.js';

const PAGE = 50;
const state = { query: '', country: '', territoryId: '', themeId: '', reviewDue: false, offset: 0 };

/** The address of legal note `id`. */
export const legalNoteHref = (id) => `#/juridique/${encodeURIComponent(id)}`;

/** The review date, flagged « à réviser » once it has passed. */
export function reviewNode(reviewDate) {
  if (!reviewDate) return '';
  const due = reviewDate <= todayIso();
  return h('span', { class: due ? 'review-due' : null, 'data-testid': due ? 'review-due' : null },
    formatDate(reviewDate), due ? [' ', h('span', { class: 'badge badge-warn' }, tr('notes.reviewDue'))] : null);
}

/** Renders the legal notes list into `root`. */
export async function render(root) {
  const codes = getCodes();
  const lists = await choiceLists();
  const { table, body } = dataTable({
    caption: tr('notes.caption'),
    columns: [{ label: tr('notes.col.question') }, { label: tr('notes.col.upToDate') }, { label: tr('notes.col.review') }, { label: tr('notes.col.author') }],
    bodyTestId: 'notes-table',
  });
  const results = h('div', { class: 'list-results' });

  const filterOf = { prefix: 'notes', state, reload: () => load() };
  const select = (name, label, list) => filterSelect(filterOf, name, label, list, tr('filter.all'));
  const search = searchBox(filterOf);
  const dueBox = h('input', { type: 'checkbox', id: 'notes-filter-due', 'data-testid': 'notes-filter-due', checked: state.reviewDue });
  dueBox.addEventListener('change', () => {
    state.reviewDue = dueBox.checked;
    state.offset = 0;
    load();
  });

  const filters = h('div', { class: 'filters' },
    h('div', { class: 'field field-search' },
      h('label', { for: 'notes-search', class: 'field-label' }, tr('notes.search')),
      h('p', { class: 'field-hint', id: 'notes-search-hint' }, tr('notes.searchHint')),
      search),
    h('div', { class: 'filter-row' },
      select('country', tr('notes.filter.country'), codes.countries),
      select('territoryId', tr('filter.territory'), lists.territories),
      select('themeId', tr('filter.theme'), lists.themes),
      h('div', { class: 'field field-inline checkbox-field' }, dueBox, h('label', { for: 'notes-filter-due' }, tr('notes.filter.due')))));

  let sequence = 0;
  async function load() {
    const mine = ++sequence;
    const filter = {
      query: state.query.trim(), country: state.country || null, territoryId: state.territoryId || null, themeId: state.themeId || null,
      reviewDue: state.reviewDue, limit: PAGE, offset: state.offset,
    };
    let page;
    try {
      page = await api.listLegalNotes(filter);
    } catch (error) {
      if (mine === sequence) replace(results, loadError(error, load));
      return;
    }
    if (mine !== sequence) return;
    replace(body);
    for (const note of page.items) {
      const href = legalNoteHref(note.id);
      body.appendChild(clickableRow(h('tr', { 'data-id': note.id, 'data-testid': 'note-row' },
        h('td', null, h('a', { href, class: 'strong' }, note.question),
          note.shortAnswer ? h('span', { class: 'muted block' }, note.shortAnswer) : null,
          excerptNode(note.excerpt, 'note-excerpt')),
        h('td', { class: 'nowrap' }, formatDate(note.upToDate)),
        h('td', { class: 'nowrap' }, reviewNode(note.reviewDate)),
        h('td', null, note.author)), href));
    }
    const filtered = Boolean(filter.query || filter.country || filter.territoryId || filter.themeId || filter.reviewDue);
    const paging = pager({ offset: state.offset, limit: PAGE, total: page.total, testid: 'notes-pager', onChange: (offset) => { state.offset = offset; load(); } });
    if (page.items.length) replace(results, paging, table);
    else if (filtered) replace(results, emptyState(tr('notes.noMatch')));
    else replace(results, emptyState(tr('notes.empty'), linkButton('#/juridique/nouveau', tr('notes.new'), { primary: true })));
  }

  fill(root,
    pageHeader(tr('notes.title'), { actions: [linkButton('#/juridique/nouveau', tr('notes.new'), { primary: true, testid: 'note-new' })] }),
    card(null, filters, results));
  await load();
  return {};
}
