// Ressources: the partnership's library (guides, studies, legal texts…), searched in their
// fields and inside their attached files, filtered by kind, theme, territory, language, status
// and year, sorted and paged; the matching passage is shown under each title. Also the small
// pieces other pages share: a resource's address, the excerpt with its matched words marked,
// and the « Ressources » card of an expert's or an organisation's page.

import { h, replace, fill } from '../dom.js';
import { filterSelect, searchBox } from '../components/list-filters.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatNumber } from '../format.js';
import { getCodes, labelOf, choiceLists } from '../refdata.js';
import { pageHeader, card, dataTable, emptyState, linkButton, clickableRow, statusBadge, loadError, pager } from '../components/layout.js';

const PAGE = 50;
const state = { query: '', kind: '', themeId: '', territoryId: '', language: '', status: '', year: '', sort: '', offset: 0 };

/** The address of resource `id`. */
export const resourceHref = (id) => `#/ressources/${encodeURIComponent(id)}`;

/** A publication date as stored (YYYY, YYYY-MM or YYYY-MM-DD) the French way. */
export function formatPublication(value) {
  const text = value || '';
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) return `${month[2]}/${month[1]}`;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return day ? `${day[3]}/${day[2]}/${day[1]}` : text;
}

/** The passage that matched, its matched words (between [ and ] from the core) in <mark>. */
export function excerptNode(excerpt, testid = 'resource-excerpt') {
  if (!excerpt) return null;
  const parts = excerpt.split(/\[([^\]]*)\]/);
  return h('span', { class: 'excerpt muted block', 'data-testid': testid },
    parts.map((part, index) => (index % 2 === 1 ? h('mark', null, part) : part)));
}

/** A list of linked resources ([{id, title, kind, publicationDate, detail}]) as links. */
export function linkedList(resources, testid) {
  return h('ul', { class: 'plain-list', 'data-testid': testid }, resources.map((resource) => h('li', null,
    h('a', { href: resourceHref(resource.id) }, resource.title),
    h('span', { class: 'muted' }, ` — ${[labelOf('resourceKinds', resource.kind), formatPublication(resource.publicationDate), resource.detail && labelOf('authorRoles', resource.detail)].filter(Boolean).join(', ')}`))));
}

/** The « Ressources » card of an expert's or an organisation's page: what they wrote or published. */
export async function authoredCard(load, testid) {
  let resources;
  try {
    resources = await load();
  } catch (error) {
    return card(tr('resources.authored'), loadError(error));
  }
  return card(tr('resources.authored'), resources.length
    ? linkedList(resources, testid)
    : h('p', { class: 'muted' }, tr('resources.noneAuthored')));
}

/** Renders the resources list into `root`. */
export async function render(root) {
  const codes = getCodes();
  const lists = await choiceLists();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 40 }, (_, i) => String(thisYear - i)).map((y) => ({ code: y, label: y }));
  const sorts = ['relevance', 'title', 'date', 'updated'].map((code) => ({ code: code === 'relevance' ? '' : code, label: tr(`resources.sort.${code}`) }));

  const { table, body } = dataTable({
    caption: tr('resources.caption'),
    columns: [
      { label: tr('resources.col.title') }, { label: tr('resources.col.kind') }, { label: tr('resources.col.date') },
      { label: tr('resources.col.status') }, { label: tr('resources.col.files'), class: 'numeric' },
    ],
    bodyTestId: 'resources-table',
  });
  const results = h('div', { class: 'list-results' });

  const filterOf = { prefix: 'resources', state, reload: () => load() };
  const select = (name, label, list, emptyLabel) => filterSelect(filterOf, name, label, list, emptyLabel);
  const search = searchBox(filterOf);

  const filters = h('div', { class: 'filters' },
    h('div', { class: 'field field-search' },
      h('label', { for: 'resources-search', class: 'field-label' }, tr('resources.search')),
      h('p', { class: 'field-hint', id: 'resources-search-hint' }, tr('resources.searchHint')),
      search),
    h('div', { class: 'filter-row' },
      select('kind', tr('resources.filter.kind'), codes.resourceKinds, tr('filter.all')),
      select('themeId', tr('filter.theme'), lists.themes, tr('filter.all')),
      select('territoryId', tr('filter.territory'), lists.territories, tr('filter.all')),
      select('language', tr('resources.filter.language'), codes.languages, tr('filter.all')),
      select('status', tr('filter.status'), codes.resourceStatuses, tr('filter.all')),
      select('year', tr('resources.filter.year'), years, tr('filter.all')),
      select('sort', tr('resources.filter.sort'), sorts, undefined)));

  let sequence = 0;
  async function load() {
    const mine = ++sequence;
    const filter = {
      query: state.query.trim(), kind: state.kind || null, themeId: state.themeId || null, territoryId: state.territoryId || null,
      language: state.language || null, status: state.status || null, year: state.year ? Number(state.year) : null,
      sort: state.sort, limit: PAGE, offset: state.offset,
    };
    let page;
    try {
      page = await api.listResources(filter);
    } catch (error) {
      if (mine === sequence) replace(results, loadError(error, load));
      return;
    }
    if (mine !== sequence) return;
    replace(body);
    for (const resource of page.items) {
      const href = resourceHref(resource.id);
      body.appendChild(clickableRow(h('tr', { 'data-id': resource.id, 'data-testid': 'resource-row' },
        h('td', null, h('a', { href, class: 'strong' }, resource.title),
          resource.authors ? h('span', { class: 'muted block' }, resource.authors) : null,
          excerptNode(resource.excerpt)),
        h('td', null, labelOf('resourceKinds', resource.kind)),
        h('td', { class: 'nowrap' }, formatPublication(resource.publicationDate)),
        h('td', null, statusBadge(resource.status, labelOf('resourceStatuses', resource.status))),
        h('td', { class: 'numeric' }, formatNumber(resource.fileCount))), href));
    }
    const filtered = Boolean(filter.query || filter.kind || filter.themeId || filter.territoryId || filter.language || filter.status || filter.year);
    const paging = pager({ offset: state.offset, limit: PAGE, total: page.total, testid: 'resources-pager', onChange: (offset) => { state.offset = offset; load(); } });
    if (page.items.length) replace(results, paging, table);
    else if (filtered) replace(results, emptyState(tr('resources.noMatch')));
    else replace(results, emptyState(tr('resources.empty'), linkButton('#/ressources/nouveau', tr('resources.new'), { primary: true })));
  }

  fill(root,
    pageHeader(tr('resources.title'), { actions: [linkButton('#/ressources/nouveau', tr('resources.new'), { primary: true, testid: 'resource-new' })] }),
    card(null, filters, results));
  await load();
  return {};
}
