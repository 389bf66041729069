// The filter controls the list views share (experts, events, resources, legal notes): a
// labelled select and a search box, each bringing the list back to its first page and
// reloading it when changed.

import { h, options, debounce } from '../dom.js';

/**
 * A labelled select of `list` bound to `state[name]`, with the id and test id
 * `${prefix}-filter-${name}`; `emptyLabel` names the choice that filters nothing.
 */
export function filterSelect({ prefix, state, reload }, name, label, list, emptyLabel) {
  const id = `${prefix}-filter-${name}`;
  const control = h('select', { id, name, 'data-testid': id }, options(list, state[name], emptyLabel));
  control.addEventListener('change', () => {
    state[name] = control.value;
    state.offset = 0;
    reload();
  });
  return h('div', { class: 'field field-inline' }, h('label', { for: id, class: 'field-label' }, label), control);
}

/**
 * The search box `${prefix}-search` bound to `state.query`, described by
 * `${prefix}-search-hint`: the list follows the words typed after a short pause, and at once
 * on Enter.
 */
export function searchBox({ prefix, state, reload }) {
  const search = h('input', {
    type: 'search', id: `${prefix}-search`, 'data-testid': `${prefix}-search`, 'data-page-search': '',
    value: state.query, autocomplete: 'off', 'aria-describedby': `${prefix}-search-hint`,
  });
  const apply = () => {
    state.query = search.value;
    state.offset = 0;
    reload();
  };
  search.addEventListener('input', debounce(apply, 250));
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    }
  });
  return search;
}
