// The two row lists of the resource form that point at other records: its authors (an expert
// or an organisation each, in order, with a role) and the events or sessions it belongs to
// (an event, then « Tout l'événement » or one of its sessions). Both read back the shapes of
// `ResourceInput`: `authors: [{expertId, organisationId, role}]`, `eventIds`, `sessionIds`.

import { h, replace, options } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes } from '../refdata.js';
import { rowList, rowSelect } from '../components/form.js';
import { formatDate } from '../format.js';

/** A select with the experts and the organisations in two groups; values "e:ID" and "o:ID". */
function authorSelect(form, { name, label, value, experts, organisations, testid }) {
  const id = form.idOf(name);
  const group = (groupLabel, prefix, list) => h('optgroup', { label: groupLabel },
    list.map((item) => h('option', { value: `${prefix}:${item.code}`, selected: `${prefix}:${item.code}` === value }, item.label)));
  return h('div', { class: 'field field-inline field-grow' },
    h('label', { for: id, class: 'field-label' }, label),
    h('select', { id, name, 'data-testid': testid, 'data-describedby': '' },
      h('option', { value: '', selected: !value }, tr('form.choose')),
      group(tr('resource.authorExperts'), 'e', experts),
      group(tr('resource.authorOrganisations'), 'o', organisations)),
    form.errorSlot(name));
}

/** The authors' rows; `experts` and `organisations` are {code, label} lists. */
export function authorsList(form, resource, { experts, organisations }) {
  const codes = getCodes();
  const items = resource.authors.map((a) => ({ who: a.expertId ? `e:${a.expertId}` : a.organisationId ? `o:${a.organisationId}` : '', role: a.role }));
  const list = rowList({
    form, name: 'authors', legend: tr('resource.section.authors'), items, asSection: true,
    newItem: () => ({ who: '', role: 'author' }),
    addLabel: tr('resource.addAuthor'), addTestId: 'resource-add-author', emptyText: tr('resource.noAuthor'),
    removeLabel: 'resource.removeAuthor',
    renderRow: (item, i) => {
      const el = h('fieldset', { class: 'row-group' }, h('legend', { class: 'row-group-title' }, tr('resource.authorN', { n: i + 1 })),
        h('div', { class: 'row-fields' },
          authorSelect(form, { name: `authors.${i}`, label: tr('resource.author'), value: item.who, experts, organisations, testid: `resource-author-${i}` }),
          rowSelect(form, { name: `authors.${i}.role`, label: tr('resource.authorRole'), list: codes.authorRoles, value: item.role, testid: `resource-author-role-${i}` })));
      return { el, read: () => ({ who: form.value(`authors.${i}`), role: form.value(`authors.${i}.role`) }) };
    },
  });
  const read = () => list.read().map(({ who, role }) => ({
    expertId: who.startsWith('e:') ? who.slice(2) : null,
    organisationId: who.startsWith('o:') ? who.slice(2) : null,
    role,
  }));
  return { el: list.el, read };
}

/** Fills `select` with the sessions of `eventId`, `chosen` selected. */
async function fillSessions(select, eventId, chosen) {
  const whole = h('option', { value: '' }, tr('resource.wholeEvent'));
  if (!eventId) {
    replace(select, whole);
    return;
  }
  let sessions = [];
  try {
    sessions = await api.listSessions(eventId);
  } catch {
    // The event's own link still works without its sessions.
  }
  replace(select, whole, options(sessions.map((s) => ({ code: s.id, label: `${formatDate(s.date)} ${s.startTime} — ${s.title}` })), chosen || '', undefined));
}

/**
 * The events' and sessions' rows: `events` are {code, label} (every event), `sessions` the
 * resource's sessions as the backend returns them (with `eventId`).
 */
export function eventsList(form, resource, { events, sessions }) {
  const items = [
    ...resource.eventIds.map((eventId) => ({ eventId, sessionId: '' })),
    ...sessions.map((s) => ({ eventId: s.eventId, sessionId: s.id })),
  ];
  const list = rowList({
    form, name: 'eventIds', legend: tr('resource.section.events'), items, asSection: true,
    newItem: () => ({ eventId: '', sessionId: '' }),
    addLabel: tr('resource.addEvent'), addTestId: 'resource-add-event', emptyText: tr('resource.noEvent'),
    removeLabel: 'resource.removeEvent',
    renderRow: (item, i) => {
      const eventField = rowSelect(form, { name: `events.${i}`, label: tr('resource.event'), list: events, value: item.eventId, testid: `resource-event-${i}` });
      const sessionField = rowSelect(form, { name: `sessions.${i}`, label: tr('resource.session'), list: [], value: '', emptyLabel: tr('resource.wholeEvent'), testid: `resource-session-${i}` });
      const eventSelect = eventField.querySelector('select');
      const sessionSelect = sessionField.querySelector('select');
      // Until its sessions arrive, the row reads back what it was given.
      let pending = item.sessionId;
      fillSessions(sessionSelect, item.eventId, item.sessionId).then(() => { pending = null; });
      eventSelect.addEventListener('change', () => {
        pending = null;
        fillSessions(sessionSelect, eventSelect.value, '');
      });
      const el = h('fieldset', { class: 'row-group' }, h('legend', { class: 'row-group-title' }, tr('resource.eventN', { n: i + 1 })),
        h('div', { class: 'row-fields' }, eventField, sessionField));
      return { el, read: () => ({ eventId: eventSelect.value, sessionId: pending ?? sessionSelect.value }) };
    },
  });
  // The backend names the two lists it checks: the events' errors show in the row list's own
  // slot, the sessions' in this one.
  list.el.insertBefore(form.errorSlot('sessionIds'), list.el.querySelector('.row-list-add'));
  const read = () => {
    const rows = list.read().filter((row) => row.eventId);
    return {
      eventIds: [...new Set(rows.filter((row) => !row.sessionId).map((row) => row.eventId))],
      sessionIds: [...new Set(rows.filter((row) => row.sessionId).map((row) => row.sessionId))],
    };
  };
  return { el: list.el, read };
}
