// The search box of the top bar: experts, events, professions, resources and legal notes as you
// type, shown as a list of links (a resource's or a note's matching passage under its title,
// matched words marked). Arrow keys move through the results, Escape closes them.

import { h, replace, debounce } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { recordHref } from '../routes.js';

/** A hit's detail; a library passage has its matched words between [ and ], shown marked. */
function detailNodes(hit) {
  if (hit.entity !== 'resource' && hit.entity !== 'legalNote') return hit.detail;
  return hit.detail.split(/\[([^\]]*)\]/).map((part, index) => (index % 2 === 1 ? h('mark', null, part) : part));
}

/** Builds the search box; returns {el, input, close()}. */
export function createGlobalSearch() {
  const input = h('input', {
    type: 'search', id: 'global-search', class: 'global-search-input', 'data-testid': 'global-search',
    autocomplete: 'off', placeholder: tr('search.placeholder'), 'aria-describedby': 'global-search-status',
    // A search box may not carry aria-expanded (WCAG 4.1.2; axe aria-allowed-attr), and the
    // results are links, not a listbox's options, so this is no combobox: the live status
    // announces how many were found and the links follow the box in the reading order.
    'aria-controls': 'global-search-results',
  });
  const status = h('p', { id: 'global-search-status', class: 'visually-hidden', 'aria-live': 'polite' });
  const results = h('ul', { id: 'global-search-results', class: 'global-search-results', 'data-testid': 'global-search-results', hidden: true });
  let sequence = 0;

  const close = () => {
    results.hidden = true;
  };
  const links = () => [...results.querySelectorAll('a')];

  const run = async () => {
    const query = input.value.trim();
    const mine = ++sequence;
    if (!query) {
      replace(results);
      status.textContent = '';
      close();
      return;
    }
    let hits;
    try {
      hits = await api.searchAll(query);
    } catch (error) {
      hits = [];
      status.textContent = error.message;
    }
    if (mine !== sequence) return;
    replace(results, ...(hits.length ? hits.map((hit) => h('li', null,
      h('a', { href: recordHref(hit.entity, hit.id), class: 'global-search-hit', 'data-testid': 'global-search-hit', 'data-entity': hit.entity },
        h('span', { class: 'hit-entity' }, tr(`search.entity.${hit.entity}`)),
        h('span', { class: 'hit-title' }, hit.title),
        hit.detail ? h('span', { class: 'hit-detail' }, detailNodes(hit)) : null)))
      : [h('li', { class: 'global-search-empty' }, tr('search.none', { query }))]));
    status.textContent = tr(hits.length === 0 ? 'search.count.zero' : hits.length === 1 ? 'search.count.one' : 'search.count.other', { count: hits.length });
    results.hidden = false;
  };
  const later = debounce(run, 200);

  input.addEventListener('input', later);
  input.addEventListener('focus', () => {
    if (input.value.trim() && results.childElementCount) results.hidden = false;
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      const first = links()[0];
      if (first) first.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = links()[0];
      if (first) first.click();
    } else if (event.key === 'Escape') {
      if (!results.hidden) {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    }
  });
  results.addEventListener('keydown', (event) => {
    const all = links();
    const index = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && index < all.length - 1) {
      event.preventDefault();
      all[index + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (index > 0 ? all[index - 1] : input).focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      input.focus();
    }
  });
  results.addEventListener('click', (event) => {
    if (event.target.closest('a')) {
      close();
      input.value = '';
    }
  });
  document.addEventListener('click', (event) => {
    if (!event.target.closest('.global-search')) close();
  });

  const el = h('div', { class: 'global-search', role: 'search' },
    h('label', { for: 'global-search', class: 'visually-hidden' }, tr('search.label')),
    input, status, results);
  return { el, input, close, isOpen: () => !results.hidden };
}
