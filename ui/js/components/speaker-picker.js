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

/** One expert offered by the search, with why they fit; `onAdd(expert, name)` adds them. */
function suggestionItem({ expert, reasons }, onAdd) {
  const name = `${expert.firstName} ${expert.lastName}`;
  const detail = [expert.organisationName, expert.city].filter(Boolean).join(', ');
  return h('li', { class: 'speaker-suggestion' },
    h('button', {
      type: 'button', class: 'button button-secondary button-small speaker-option', 'data-testid': 'session-speaker-option', 'data-id': expert.id,
      onclick: () => onAdd(expert, name),
    }, tr('agenda.addSpeaker', { name }), detail ? h('span', { class: 'muted' }, ` — ${detail}`) : null),
    reasons.length
      ? h('ul', { class: 'speaker-reasons', 'data-testid': 'session-speaker-reasons' }, reasons.map((reason) => h('li', null, reason)))
      : null);
}

/**
 * The picker for `form` (a components/form.js Form), starting with `initial` speakers
 * `[{expertId, role, name}]`, for a session of event `eventId`: `el` to place in the form,
 * `read()` gives `[{expertId, role}]` in order, `refresh()` shows the suggestions again for the
 * session as the form now describes it (its language).
 */
export class SpeakerPicker {
  constructor(form, initial, eventId) {
    this.form = form;
    this.eventId = eventId;
    this.speakers = initial.map((s) => ({ expertId: s.expertId, role: s.role, name: s.name || tr('agenda.unknownExpert') }));
    // Only the answer to the latest search is shown, whatever order the answers come back in.
    this.sequence = 0;
    this.list = h('ol', { class: 'speaker-list', 'data-testid': 'session-speakers' });
    this.search = h('input', { type: 'search', id: SEARCH_ID, 'data-testid': 'session-speaker-search', autocomplete: 'off', 'aria-describedby': HINT_ID });
    this.results = h('ul', { class: 'speaker-results', 'data-testid': 'session-speaker-results', 'aria-live': 'polite' });
    this.listenToSearch();
    this.draw();
    this.el = h('div', { class: 'speakers field-wide', 'data-error-control': 'speakers' },
      this.list, form.errorSlot('speakers'),
      h('div', { class: 'field speaker-search' },
        h('label', { for: SEARCH_ID, class: 'field-label' }, tr('agenda.searchSpeaker')),
        h('p', { class: 'field-hint', id: HINT_ID }, tr('agenda.searchSpeakerHint')),
        this.search, this.results));
  }

  /** The speakers in order, as the backend takes them. */
  read() {
    this.readRoles();
    return this.speakers.map((s) => ({ expertId: s.expertId, role: s.role }));
  }

  /** Shows the suggestions for the session as the form now describes it. */
  refresh() {
    return this.runSearch();
  }

  listenToSearch() {
    const searchLater = debounce(() => this.runSearch(), 200);
    // The search box is not part of the session: typing in it must not mark the form as changed.
    this.search.addEventListener('input', (event) => {
      event.stopPropagation();
      searchLater();
    });
    this.search.addEventListener('change', (event) => event.stopPropagation());
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.runSearch();
      }
    });
  }

  /** Takes the roles chosen in the selects before the list is redrawn. */
  readRoles() {
    this.speakers.forEach((speaker, i) => {
      const control = this.form.control(`speakers.${i}.role`);
      if (control) speaker.role = control.value;
    });
  }

  /** Tells the form that its speakers changed (for the unsaved-changes guard). */
  changed() {
    this.form.el.dispatchEvent(new Event('change'));
  }

  move(i, delta) {
    this.readRoles();
    const [item] = this.speakers.splice(i, 1);
    this.speakers.splice(i + delta, 0, item);
    this.draw(`[data-testid="session-speaker-${delta < 0 ? 'up' : 'down'}-${i + delta}"]`);
    this.changed();
  }

  remove(i) {
    this.readRoles();
    this.speakers.splice(i, 1);
    this.draw();
    this.changed();
    this.search.focus();
  }

  add(expert, name) {
    this.readRoles();
    this.speakers.push({ expertId: expert.id, role: 'speaker', name });
    this.draw();
    this.changed();
    this.search.value = '';
    this.runSearch();
    this.search.focus();
  }

  speakerItem(speaker, i) {
    const roleId = this.form.idOf(`speakers.${i}.role`);
    const { name } = speaker;
    return h('li', { class: 'speaker-item', 'data-testid': `session-speaker-${i}` },
      h('span', { class: 'speaker-name' }, name),
      h('div', { class: 'field field-inline' },
        h('label', { for: roleId, class: 'visually-hidden' }, tr('agenda.speakerRole', { name })),
        h('select', { id: roleId, name: `speakers.${i}.role`, 'data-testid': `session-speaker-role-${i}`, 'data-describedby': '' },
          getCodes().speakerRoles.map((role) => h('option', { value: role.code, selected: role.code === speaker.role }, role.label)))),
      h('div', { class: 'speaker-actions' },
        smallButton('↑', `session-speaker-up-${i}`, tr('agenda.moveUp', { name }), () => this.move(i, -1), i === 0),
        smallButton('↓', `session-speaker-down-${i}`, tr('agenda.moveDown', { name }), () => this.move(i, 1), i === this.speakers.length - 1),
        smallButton(tr('action.remove'), `session-speaker-remove-${i}`, tr('agenda.removeSpeaker', { name }), () => this.remove(i))),
      this.form.errorSlot(`speakers.${i}.expertId`), this.form.errorSlot(`speakers.${i}.role`));
  }

  /** Redraws the list; the focus goes to `focusSelector`, or to the search if it is disabled. */
  draw(focusSelector) {
    replace(this.list, ...this.speakers.map((speaker, i) => this.speakerItem(speaker, i)));
    if (!this.speakers.length) this.list.appendChild(h('li', { class: 'muted' }, tr('agenda.noSpeaker')));
    if (!focusSelector) return;
    const target = this.list.querySelector(focusSelector);
    if (target && !target.disabled) target.focus();
    else if (target) this.search.focus();
  }

  async runSearch() {
    const mine = ++this.sequence;
    const query = this.search.value.trim();
    let suggestions;
    try {
      suggestions = await api.suggestSpeakers(this.eventId, this.form.value('language') || null, query || null);
    } catch (error) {
      replace(this.results, h('li', { class: 'field-error' }, error.message));
      return;
    }
    if (mine !== this.sequence) return;
    const chosen = new Set(this.speakers.map((s) => s.expertId));
    const items = suggestions.filter((suggestion) => !chosen.has(suggestion.expert.id));
    if (!items.length) {
      replace(this.results, query ? h('li', { class: 'muted' }, tr('agenda.noExpertFound')) : null);
      return;
    }
    replace(this.results,
      query ? null : h('li', { class: 'speaker-results-title muted' }, tr('agenda.suggestionsTitle')),
      ...items.map((item) => suggestionItem(item, (expert, name) => this.add(expert, name))));
  }
}
