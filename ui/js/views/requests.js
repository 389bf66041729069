// Demandes: the training requests, filtered by status, territory, theme and age (« sans
// réponse depuis plus de 30 jours »), with a search over title, project and need; and the
// « Demande : … » link the event page shows for an event that answers a request.

import { h, replace, options, debounce, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatNumber } from '../format.js';
import { getCodes, labelOf, choiceLists } from '../refdata.js';
import { pageHeader, card, dataTable, emptyState, linkButton, clickableRow, statusBadge, loadError } from '../components/layout.js';

const state = { query: '', status: '', territoryId: '', themeId: '', age: '' };

/** The address of request `id`. */
export const requestHref = (id) => `#/demandes/${encodeURIComponent(id)}`;

/** « Demande : {title} », linking to the request event `requestId` answers. */
export async function requestLink(requestId) {
  const line = h('p', { class: 'request-link', 'data-testid': 'event-request-link' });
  try {
    const request = await api.getRequest(requestId);
    fill(line, tr('requests.eventLink'), ' ', h('a', { href: requestHref(requestId) }, request.title));
  } catch (error) {
    fill(line, tr('requests.eventLink'), ' ', error.message);
  }
  return line;
}

/** Renders the requests list into `root`. */
export async function render(root) {
  const codes = getCodes();
  const lists = await choiceLists();
  const territoryLabel = new Map(lists.territories.map((t) => [t.code, t.label]));
  const ages = [{ code: '30', label: tr('requests.age.30') }, { code: '90', label: tr('requests.age.90') }];

  const { table, body } = dataTable({
    caption: tr('requests.caption'),
    columns: [
      { label: tr('requests.col.received') }, { label: tr('requests.col.title') }, { label: tr('requests.col.status') },
      { label: tr('requests.col.territory') }, { label: tr('requests.col.age'), class: 'numeric' }, { label: tr('requests.col.events'), class: 'numeric' },
    ],
    bodyTestId: 'requests-table',
  });
  const results = h('div', { class: 'list-results' });

  const select = (name, label, list, emptyLabel) => {
    const id = `requests-filter-${name}`;
    const control = h('select', { id, name, 'data-testid': id }, options(list, state[name], emptyLabel));
    control.addEventListener('change', () => {
      state[name] = control.value;
      load();
    });
    return h('div', { class: 'field field-inline' }, h('label', { for: id, class: 'field-label' }, label), control);
  };
  const search = h('input', {
    type: 'search', id: 'requests-search', 'data-testid': 'requests-search', 'data-page-search': '', value: state.query,
    autocomplete: 'off', 'aria-describedby': 'requests-search-hint',
  });
  search.addEventListener('input', debounce(() => {
    state.query = search.value;
    load();
  }, 250));

  const filters = h('div', { class: 'filters' },
    h('div', { class: 'field field-search' },
      h('label', { for: 'requests-search', class: 'field-label' }, tr('requests.search')),
      h('p', { class: 'field-hint', id: 'requests-search-hint' }, tr('requests.searchHint')),
      search),
    h('div', { class: 'filter-row' },
      select('status', tr('filter.status'), codes.requestStatuses, tr('filter.all')),
      select('territoryId', tr('filter.territory'), lists.territories, tr('filter.all')),
      select('themeId', tr('filter.theme'), lists.themes, tr('filter.all')),
      select('age', tr('requests.filter.age'), ages, tr('filter.all'))));

  let sequence = 0;
  async function load() {
    const mine = ++sequence;
    const filter = {
      query: state.query.trim(),
      status: state.status || null,
      territoryId: state.territoryId || null,
      themeId: state.themeId || null,
      olderThanDays: state.age ? Number(state.age) : null,
    };
    let rows;
    try {
      rows = await api.listRequests(filter);
    } catch (error) {
      if (mine === sequence) replace(results, loadError(error, load));
      return;
    }
    if (mine !== sequence) return;
    replace(body);
    for (const request of rows) {
      const href = requestHref(request.id);
      body.appendChild(clickableRow(h('tr', { 'data-id': request.id, 'data-testid': 'request-row' },
        h('td', { class: 'nowrap' }, formatDate(request.receivedDate)),
        h('td', null, h('a', { href, class: 'strong' }, request.title),
          request.projectName ? h('span', { class: 'muted block' }, request.projectName) : null),
        h('td', null, statusBadge(request.status, labelOf('requestStatuses', request.status))),
        h('td', null, request.territoryId ? territoryLabel.get(request.territoryId) || '' : ''),
        h('td', { class: 'numeric' }, tr('requests.days', { count: formatNumber(request.ageDays) })),
        h('td', { class: 'numeric' }, formatNumber(request.eventCount))), href));
    }
    const filtered = Boolean(filter.query || filter.status || filter.territoryId || filter.themeId || filter.olderThanDays);
    if (rows.length) replace(results, table);
    else if (filtered) replace(results, emptyState(tr('requests.noMatch')));
    else replace(results, emptyState(tr('requests.empty'), linkButton('#/demandes/nouveau', tr('requests.new'), { primary: true })));
  }

  fill(root,
    pageHeader(tr('requests.title'), { actions: [linkButton('#/demandes/nouveau', tr('requests.new'), { primary: true, testid: 'request-new' })] }),
    card(null, filters, results));
  await load();
  return {};
}
