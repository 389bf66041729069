// The speakers of a session in the session form: an ordered list (role, move up or down,
// remove) and a search in the expert directory to add one. With an empty search the list offers
// the experts who fit the session best, with why; the ranking is the backend's.

import { h, replace, debounce } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes } from '../refdata.js';

const SEARCH_ID = 'session-speaker-search';
const HINT_ID = 'session-speaker-hint';

/** A small tertiary button of a speaker's row. */
function smallButton(label, testid, ariaLabel, onclick, disabled = false) {
  return h('button', { type: 'button', class: 'button button-tertiary button-small', disabled, 'data-testid': testid, 'aria-label': ariaLabel, onclick }, label);
}

/**
 * The picker for `form` (a components/form.js Form), starting with `initial` speakers
 * `[{expertId, role, name}]`, for a session of event `eventId`. Returns `{el, read, refresh}`:
 * `read()` gives `[{expertId, role}]` in order, `refresh()` shows the suggestions again for the
 * session as the form now describes it (its language).
 */
export function createSpeakerPicker(form, initial, eventId) {
  const speakers = initial.map((s) => ({ expertId: s.expertId, role: s.role, name: s.name || tr('agenda.unknownExpert') }));
  const list = h('ol', { class: 'speaker-list', 'data-testid': 'session-speakers' });
  const search = h('input', { type: 'search', id: SEARCH_ID, 'data-testid': 'session-speaker-search', autocomplete: 'off', 'aria-describedby': HINT_ID });
  const results = h('ul', { class: 'speaker-results', 'data-testid': 'session-speaker-results', 'aria-live': 'polite' });
  const changed = () => form.el.dispatchEvent(new Event('change'));

  /** Takes the roles chosen in the selects before the list is redrawn. */
  function readRoles() {
    speakers.forEach((speaker, i) => {
      const control = form.control(`speakers.${i}.role`);
      if (control) speaker.role = control.value;
    });
  }

  function move(i, delta) {
    readRoles();
    const [item] = speakers.splice(i, 1);
    speakers.splice(i + delta, 0, item);
    draw(`[data-testid="session-speaker-${delta < 0 ? 'up' : 'down'}-${i + delta}"]`);
    changed();
  }

  function remove(i) {
    readRoles();
    speakers.splice(i, 1);
    draw();
    changed();
    search.focus();
  }

  function add(expert, name) {
    readRoles();
    speakers.push({ expertId: expert.id, role: 'speaker', name });
    draw();
    changed();
    search.value = '';
    runSearch();
    search.focus();
  }

  function speakerItem(speaker, i) {
    const roleId = form.idOf(`speakers.${i}.role`);
    const { name } = speaker;
    return h('li', { class: 'speaker-item', 'data-testid': `session-speaker-${i}` },
      h('span', { class: 'speaker-name' }, name),
      h('div', { class: 'field field-inline' },
        h('label', { for: roleId, class: 'visually-hidden' }, tr('agenda.speakerRole', { name })),
        h('select', { id: roleId, name: `speakers.${i}.role`, 'data-testid': `session-speaker-role-${i}`, 'data-describedby': '' },
          getCodes().speakerRoles.map((role) => h('option', { value: role.code, selected: role.code === speaker.role }, role.label)))),
      h('div', { class: 'speaker-actions' },
        smallButton('↑', `session-speaker-up-${i}`, tr('agenda.moveUp', { name }), () => move(i, -1), i === 0),
        smallButton('↓', `session-speaker-down-${i}`, tr('agenda.moveDown', { name }), () => move(i, 1), i === speakers.length - 1),
        smallButton(tr('action.remove'), `session-speaker-remove-${i}`, tr('agenda.removeSpeaker', { name }), () => remove(i))),
      form.errorSlot(`speakers.${i}.expertId`), form.errorSlot(`speakers.${i}.role`));
  }

  /** Redraws the list; the focus goes to `focusSelector`, or to the search if it is disabled. */
  function draw(focusSelector) {
    replace(list, ...speakers.map(speakerItem));
    if (!speakers.length) list.appendChild(h('li', { class: 'muted' }, tr('agenda.noSpeaker')));
    if (!focusSelector) return;
    const target = list.querySelector(focusSelector);
    if (target && !target.disabled) target.focus();
    else if (target) search.focus();
  }

  function suggestionItem({ expert, reasons }) {
    const name = `${expert.firstName} ${expert.lastName}`;
    const detail = [expert.organisationName, expert.city].filter(Boolean).join(', ');
    return h('li', { class: 'speaker-suggestion' },
      h('button', {
        type: 'button', class: 'button button-secondary button-small speaker-option', 'data-testid': 'session-speaker-option', 'data-id': expert.id,
        onclick: () => add(expert, name),
      }, tr('agenda.addSpeaker', { name }), detail ? h('span', { class: 'muted' }, ` — ${detail}`) : null),
      reasons.length
        ? h('ul', { class: 'speaker-reasons', 'data-testid': 'session-speaker-reasons' }, reasons.map((reason) => h('li', null, reason)))
        : null);
  }

  // Only the answer to the latest search is shown, whatever order the answers come back in.
  let sequence = 0;
  async function runSearch() {
    const mine = ++sequence;
    const query = search.value.trim();
    let suggestions;
    try {
      suggestions = await api.suggestSpeakers(eventId, form.value('language') || null, query || null);
    } catch (error) {
      replace(results, h('li', { class: 'field-error' }, error.message));
      return;
    }
    if (mine !== sequence) return;
    const chosen = new Set(speakers.map((s) => s.expertId));
    const items = suggestions.filter((suggestion) => !chosen.has(suggestion.expert.id));
    if (!items.length) {
      replace(results, query ? h('li', { class: 'muted' }, tr('agenda.noExpertFound')) : null);
      return;
    }
    replace(results,
      query ? null : h('li', { class: 'speaker-results-title muted' }, tr('agenda.suggestionsTitle')),
      ...items.map(suggestionItem));
  }

  const searchLater = debounce(runSearch, 200);
  // The search box is not part of the session: typing in it must not mark the form as changed.
  search.addEventListener('input', (event) => {
    event.stopPropagation();
    searchLater();
  });
  search.addEventListener('change', (event) => event.stopPropagation());
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      runSearch();
    }
  });
  draw();

  const el = h('div', { class: 'speakers field-wide', 'data-error-control': 'speakers' },
    list, form.errorSlot('speakers'),
    h('div', { class: 'field speaker-search' },
      h('label', { for: SEARCH_ID, class: 'field-label' }, tr('agenda.searchSpeaker')),
      h('p', { class: 'field-hint', id: HINT_ID }, tr('agenda.searchSpeakerHint')),
      search, results));
  return {
    el,
    read: () => {
      readRoles();
      return speakers.map((s) => ({ expertId: s.expertId, role: s.role }));
    },
    refresh: () => runSearch(),
  };
}
