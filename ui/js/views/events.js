// Événements: the list with search, filters (status, kind, territory, theme, year) and pages
// of 50; on an empty base, a button adds the labelled example study visit.

import { h, replace, fill } from '../dom.js';
import { filterSelect, searchBox } from '../components/list-filters.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatNumber } from '../format.js';
import { getCodes, labelOf, choiceLists, invalidateAll } from '../refdata.js';
import { pageHeader, card, dataTable, emptyState, linkButton, button, pager, clickableRow, statusBadge, loadError } from '../components/layout.js';
import { toast, toastError } from '../components/toast.js';
import { navigate } from '../router.js';

const PAGE_SIZE = 50;
const state = { query: '', status: '', kind: '', territoryId: '', themeId: '', year: '', offset: 0 };

/** "du 03/03/2026 au 05/03/2026", or one date. */
export function dateRange(start, end) {
  if (!end || end === start) return formatDate(start);
  return tr('events.dateRange', { start: formatDate(start), end: formatDate(end) });
}

/** Adds the example event and opens it. */
export async function addDemoEvent() {
  try {
    const id = await api.addDemo();
    invalidateAll();
    toast(tr('events.demoAdded'));
    navigate(`#/evenements/${encodeURIComponent(id)}`);
  } catch (error) {
    toastError(error);
  }
}

/** Renders the event list into `root`. */
export async function render(root) {
  const codes = getCodes();
  const lists = await choiceLists();
  const thisYear = new Date().getFullYear();
  const years = [];
  for (let y = thisYear + 2; y >= thisYear - 5; y -= 1) years.push({ code: String(y), label: String(y) });

  const { table, body } = dataTable({
    caption: tr('events.caption'),
    columns: [
      { label: tr('events.col.dates') }, { label: tr('events.col.title') }, { label: tr('events.col.kind') },
      { label: tr('events.col.status') }, { label: tr('events.col.place') }, { label: tr('events.col.sessions'), class: 'numeric' },
    ],
    bodyTestId: 'events-table',
  });
  const pagerSlot = h('div', { class: 'pager-slot' });
  const results = h('div', { class: 'list-results' });

  const filterOf = { prefix: 'events', state, reload: () => load() };
  const select = (name, label, list, emptyLabel) => filterSelect(filterOf, name, label, list, emptyLabel);
  const search = searchBox(filterOf);

  const resetButton = h('button', {
    type: 'button', class: 'button button-tertiary', 'data-testid': 'events-reset',
    onclick: () => {
      Object.assign(state, { query: '', status: '', kind: '', territoryId: '', themeId: '', year: '', offset: 0 });
      replace(root);
      render(root).then(() => root.querySelector('#events-search').focus());
    },
  }, tr('filter.reset'));

  const filters = h('div', { class: 'filters' },
    h('div', { class: 'field field-search' },
      h('label', { for: 'events-search', class: 'field-label' }, tr('events.search')),
      h('p', { class: 'field-hint', id: 'events-search-hint' }, tr('events.searchHint')),
      search),
    h('div', { class: 'filter-row' },
      select('status', tr('filter.status'), codes.eventStatuses, tr('filter.all')),
      select('kind', tr('filter.kind'), codes.eventKinds, tr('filter.all')),
      select('territoryId', tr('filter.territory'), lists.territories, tr('filter.all')),
      select('themeId', tr('filter.theme'), lists.themes, tr('filter.all')),
      select('year', tr('filter.year'), years, tr('filter.allYears'))));

  let sequence = 0;
  async function load() {
    const mine = ++sequence;
    const filter = {
      query: state.query.trim(),
      status: state.status || null,
      kind: state.kind || null,
      themeId: state.themeId || null,
      territoryId: state.territoryId || null,
      from: state.year ? `${state.year}-01-01` : null,
      to: state.year ? `${state.year}-12-31` : null,
      limit: PAGE_SIZE,
      offset: state.offset,
    };
    let page;
    try {
      page = await api.searchEvents(filter);
    } catch (error) {
      if (mine === sequence) replace(results, loadError(error, load));
      return;
    }
    if (mine !== sequence) return;
    replace(body);
    for (const event of page.items) {
      const href = `#/evenements/${encodeURIComponent(event.id)}`;
      body.appendChild(clickableRow(h('tr', { 'data-id': event.id, 'data-testid': 'event-row' },
        h('td', { class: 'nowrap' }, formatDate(event.startDate),
          event.endDate && event.endDate !== event.startDate ? h('span', { class: 'muted block' }, tr('events.until', { date: formatDate(event.endDate) })) : null),
        h('td', null, h('a', { href, class: 'strong' }, event.title), event.code ? h('span', { class: 'muted block' }, event.code) : null),
        h('td', null, labelOf('eventKinds', event.kind)),
        h('td', null, statusBadge(event.status, labelOf('eventStatuses', event.status))),
        h('td', null, [event.city, labelOf('countries', event.country)].filter(Boolean).join(', ')),
        h('td', { class: 'numeric' }, formatNumber(event.sessionCount))), href));
    }
    const filtered = Boolean(filter.query || filter.status || filter.kind || filter.themeId || filter.territoryId || filter.from);
    if (page.total === 0) {
      replace(results, filtered
        ? emptyState(tr('events.noMatch'))
        : emptyState(tr('events.empty'),
          linkButton('#/evenements/nouveau', tr('events.new'), { primary: true }),
          button(tr('events.addDemo'), addDemoEvent, { testid: 'add-demo' })));
    } else {
      replace(results, table);
    }
    replace(pagerSlot, pager({
      offset: state.offset, limit: PAGE_SIZE, total: page.total, testid: 'events-pager',
      onChange: (offset) => {
        state.offset = offset;
        load().then(() => search.focus());
      },
    }));
  }

  fill(root, 
    pageHeader(tr('events.title'), { actions: [linkButton('#/evenements/nouveau', tr('events.new'), { primary: true, testid: 'event-new' })] }),
    card(null, filters, h('div', { class: 'list-status' }, pagerSlot, resetButton), results));
  await load();
  return {};
}
