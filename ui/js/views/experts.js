// Experts: the directory with search as you type, filters (theme, territory, language and
// minimum level, country) and pages of 50, and the export of the whole directory as vCards.

import { h, replace, fill } from '../dom.js';
import { filterSelect, searchBox } from '../components/list-filters.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDateTime } from '../format.js';
import { getCodes, labelOf, choiceLists } from '../refdata.js';
import { pageHeader, card, dataTable, emptyState, linkButton, button, pager, clickableRow, loadError } from '../components/layout.js';
import { toast, toastError } from '../components/toast.js';

const PAGE_SIZE = 50;

/** The filters survive leaving and coming back to the list. */
const state = { query: '', themeId: '', territoryId: '', language: '', minLevel: '', country: '', offset: 0 };

/** "de:C1, en:B2" → "allemand C1, anglais B2". */
export function languagesText(summary) {
  return (summary || '').split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const [code, level] = part.split(':');
    return level ? `${labelOf('languages', code)} ${labelOf('languageLevels', level)}` : labelOf('languages', code);
  }).join(', ');
}

/** Renders the expert list into `root`. */
export async function render(root) {
  const codes = getCodes();
  const lists = await choiceLists();
  const { table, body } = dataTable({
    caption: tr('experts.caption'),
    columns: [
      { label: tr('experts.col.name') }, { label: tr('experts.col.job') }, { label: tr('experts.col.place') },
      { label: tr('experts.col.languages') }, { label: tr('experts.col.updated') },
    ],
    bodyTestId: 'experts-table',
  });
  const pagerSlot = h('div', { class: 'pager-slot' });
  const results = h('div', { class: 'list-results' });

  const filterOf = { prefix: 'experts', state, reload: () => load() };
  const select = (name, label, list, emptyLabel) => filterSelect(filterOf, name, label, list, emptyLabel);
  const search = searchBox(filterOf);

  const resetButton = h('button', {
    type: 'button', class: 'button button-tertiary', 'data-testid': 'experts-reset',
    onclick: () => {
      Object.assign(state, { query: '', themeId: '', territoryId: '', language: '', minLevel: '', country: '', offset: 0 });
      replace(root);
      render(root).then(() => root.querySelector('#experts-search').focus());
    },
  }, tr('filter.reset'));

  const filters = h('div', { class: 'filters' },
    h('div', { class: 'field field-search' },
      h('label', { for: 'experts-search', class: 'field-label' }, tr('experts.search')),
      h('p', { class: 'field-hint', id: 'experts-search-hint' }, tr('experts.searchHint')),
      search),
    h('div', { class: 'filter-row' },
      select('themeId', tr('filter.theme'), lists.themes, tr('filter.all')),
      select('territoryId', tr('filter.territory'), lists.territories, tr('filter.all')),
      select('language', tr('filter.language'), codes.languages, tr('filter.allLanguages')),
      select('minLevel', tr('filter.minLevel'), codes.languageLevels, tr('filter.anyLevel')),
      select('country', tr('filter.country'), codes.countries, tr('filter.all'))));

  let sequence = 0;
  async function load() {
    const mine = ++sequence;
    const filter = {
      query: state.query.trim(),
      themeId: state.themeId || null,
      territoryId: state.territoryId || null,
      language: state.language || null,
      minLevel: state.minLevel || null,
      country: state.country || null,
      limit: PAGE_SIZE,
      offset: state.offset,
    };
    let page;
    try {
      page = await api.searchExperts(filter);
    } catch (error) {
      if (mine === sequence) replace(results, loadError(error, load));
      return;
    }
    if (mine !== sequence) return;
    replace(body);
    for (const expert of page.items) {
      const href = `#/experts/${encodeURIComponent(expert.id)}`;
      body.appendChild(clickableRow(h('tr', { 'data-id': expert.id, 'data-testid': 'expert-row' },
        h('td', null, h('a', { href }, h('span', { class: 'strong' }, expert.lastName), ' ', expert.firstName),
          expert.email ? h('span', { class: 'muted block' }, expert.email) : null),
        h('td', null, expert.jobTitle, expert.organisationName ? h('span', { class: 'muted block' }, expert.organisationName) : null),
        h('td', null, [expert.city, labelOf('countries', expert.country)].filter(Boolean).join(', ')),
        h('td', null, languagesText(expert.languages)),
        h('td', { class: 'nowrap' }, formatDateTime(expert.updatedAt))), href));
    }
    const filtered = Boolean(filter.query || filter.themeId || filter.territoryId || filter.language || filter.minLevel || filter.country);
    if (page.total === 0) {
      replace(results, filtered
        ? emptyState(tr('experts.noMatch'))
        : emptyState(tr('experts.empty'), linkButton('#/experts/nouveau', tr('experts.new'), { primary: true })));
    } else {
      replace(results, table);
    }
    replace(pagerSlot, pager({
      offset: state.offset, limit: PAGE_SIZE, total: page.total, testid: 'experts-pager',
      onChange: (offset) => {
        state.offset = offset;
        load().then(() => search.focus());
      },
    }));
  }

  const vcardButton = button(tr('experts.exportVcard'), async () => {
    vcardButton.disabled = true;
    try {
      const path = await api.exportData('vcard');
      if (path) toast(tr('exchange.saved', { path }));
    } catch (error) {
      toastError(error);
    } finally {
      vcardButton.disabled = false;
      // Disabling the button took the focus away: give it back to keyboard users.
      if (document.activeElement === document.body) vcardButton.focus();
    }
  }, { testid: 'experts-export-vcard' });

  fill(root, 
    pageHeader(tr('experts.title'), { actions: [vcardButton, linkButton('#/experts/nouveau', tr('experts.new'), { primary: true, testid: 'expert-new' })] }),
    card(null, filters, h('div', { class: 'list-status' }, pagerSlot, resetButton), results));
  await load();
  return {};
}
