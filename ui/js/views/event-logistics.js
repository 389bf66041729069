// « Logistique du voyage d'étude » on the event page: the welcome text and the lists the
// booklet prints (meeting points, transport legs, accommodation, contacts, countries crossed,
// glossary), shown read-only and edited in place as lists of rows. Saving sends the whole event
// back with the version it was loaded at, as the event form does, so that an edit made
// meanwhile elsewhere is refused (with a « Recharger » button) instead of overwritten.

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate } from '../format.js';
import { getCodes, labelOf } from '../refdata.js';
import { Form, rowList, rowInput, rowSelect } from '../components/form.js';
import { button } from '../components/layout.js';
import { toast } from '../components/toast.js';
import { confirmLeave, reload } from '../router.js';

/**
 * The lists of rows, in the booklet's order: each field as [key, kind], kind as `rowInput`
 * takes it; 'partner' is text in the event's partner language. `wide` fields take a whole line.
 */
const LISTS = [
  { name: 'meetingPoints', fields: [['date', 'date'], ['time', 'time'], ['place'], ['address'], ['note', 'wide']] },
  {
    name: 'transportLegs',
    fields: [['date', 'date'], ['departureTime', 'time'], ['arrivalTime', 'time'], ['from'], ['to'], ['mode'], ['reference'], ['note', 'wide']],
  },
  { name: 'accommodation', fields: [['name'], ['address'], ['phone', 'tel'], ['checkIn', 'date'], ['checkOut', 'date'], ['note', 'wide']] },
  { name: 'contacts', fields: [['name'], ['role'], ['phone', 'tel'], ['email', 'email']] },
  { name: 'glossary', fields: [['french'], ['partner', 'partner']] },
];

/** The event's logistics with every list present (the backend leaves empty ones out). */
function logisticsOf(event) {
  const given = event.logistics || {};
  const result = { welcome: given.welcome || '', countries: given.countries || [] };
  for (const list of LISTS) result[list.name] = given[list.name] || [];
  return result;
}

/** What `update_event` takes: the event without its record fields. */
function inputOf(event) {
  const { id, createdAt, updatedAt, version, ...input } = event;
  return input;
}

/** The label of field `key` of list `list`; the partner term names the event's language. */
function fieldLabel(list, key, partnerLanguage) {
  if (key === 'partner' && partnerLanguage) return tr('logistics.glossary.partnerIn', { language: labelOf('partnerLanguages', partnerLanguage) });
  return tr(`logistics.${list}.${key}`);
}

/** One row of `list` as read-only text: its non-empty fields separated by « · ». */
function rowText(list, row, partnerLanguage) {
  const parts = [];
  for (const [key, kind] of list.fields) {
    const value = row[key];
    if (!value) continue;
    if (parts.length) parts.push(' · ');
    if (kind === 'date') parts.push(formatDate(value));
    else if (kind === 'partner') parts.push(h('span', { lang: partnerLanguage || null }, value));
    else parts.push(value);
  }
  return parts;
}

/** The read-only view of `logistics`, or a sentence saying there is none yet. */
function showLogistics(logistics, partnerLanguage) {
  const blocks = [];
  if (logistics.welcome) blocks.push(h('h3', { class: 'logistics-title' }, tr('logistics.welcome')), h('p', { class: 'logistics-welcome' }, logistics.welcome));
  for (const list of LISTS) {
    // The countries crossed come before the glossary, as in the booklet.
    if (list.name === 'glossary' && logistics.countries.length) {
      blocks.push(h('h3', { class: 'logistics-title' }, tr('logistics.countries.title')),
        h('p', { 'data-testid': 'logistics-show-countries' }, logistics.countries.map((c) => labelOf('countries', c)).join(', ')));
    }
    const rows = logistics[list.name];
    if (!rows.length) continue;
    blocks.push(h('h3', { class: 'logistics-title' }, tr(`logistics.${list.name}.title`)),
      h('ul', { class: 'plain-list logistics-list', 'data-testid': `logistics-show-${list.name}` }, rows.map((row) => h('li', null, rowText(list, row, partnerLanguage)))));
  }
  return blocks.length ? blocks : [h('p', { class: 'muted' }, tr('logistics.empty'))];
}

/** The editable list of rows of `list`, filled from `rows`. */
function editList(form, list, rows, partnerLanguage) {
  const prefix = `logistics.${list.name}`;
  const blank = () => Object.fromEntries(list.fields.map(([key]) => [key, '']));
  return rowList({
    form, name: prefix, legend: tr(`${prefix}.title`), items: rows, asSection: true,
    newItem: blank, addLabel: tr(`${prefix}.add`), addTestId: `logistics-add-${list.name}`, emptyText: tr(`${prefix}.none`),
    removeLabel: `${prefix}.remove`,
    renderRow: (row, i) => {
      const name = (key) => `${prefix}.${i}.${key}`;
      const fields = list.fields.map(([key, kind = 'text']) => rowInput(form, {
        name: name(key), label: fieldLabel(list.name, key, partnerLanguage), value: row[key], testid: `logistics-${list.name}-${i}-${key}`,
        kind: ['date', 'time', 'tel', 'email'].includes(kind) ? kind : 'text', lang: kind === 'partner' ? partnerLanguage || null : null,
        grow: kind === 'wide',
      }));
      return {
        // One group per row, named « Rendez-vous 2 », so that each « Date » or « Lieu » is read with its row.
        el: h('fieldset', { class: 'row-group' }, h('legend', { class: 'row-group-title' }, tr(`${prefix}.row`, { n: i + 1 })),
          h('div', { class: 'row-fields' }, fields)),
        read: () => ({ ...blank(), ...Object.fromEntries(list.fields.map(([key]) => [key, form.value(name(key))])) }),
      };
    },
  });
}

/** The countries crossed, one select per country. */
function editCountries(form, countries) {
  return rowList({
    form, name: 'logistics.countries', legend: tr('logistics.countries.title'), items: countries, asSection: true,
    newItem: () => '', addLabel: tr('logistics.countries.add'), addTestId: 'logistics-add-countries', emptyText: tr('logistics.countries.none'),
    removeLabel: 'logistics.countries.remove',
    renderRow: (code, i) => ({
      el: h('div', { class: 'row-fields' },
        rowSelect(form, { name: `logistics.countries.${i}`, label: tr('logistics.countries.row', { n: i + 1 }), list: getCodes().countries, value: code, testid: `logistics-countries-${i}` })),
      read: () => form.value(`logistics.countries.${i}`),
    }),
  });
}

/**
 * The logistics card of `event` (as `get_event` returns it). Returns `{el, dispose}`;
 * `dispose` forgets unsaved edits when the page is left.
 */
export function logisticsCard(event) {
  let current = event;
  let editing = null;
  const editButton = button(tr('logistics.edit'), () => edit(), { testid: 'logistics-edit' });
  const body = h('div', { class: 'logistics-body', 'data-testid': 'logistics-body' });
  const heading = h('div', { class: 'card-title-row' }, h('h2', { class: 'card-title', id: 'logistics-title' }, tr('logistics.title')), editButton);
  const el = h('section', { class: 'card', 'aria-labelledby': 'logistics-title', 'data-testid': 'logistics' }, heading, body);

  function show() {
    if (editing) editing.form.markClean();
    editing = null;
    editButton.hidden = false;
    replace(body, ...showLogistics(logisticsOf(current), current.partnerLanguage));
  }

  function edit() {
    const logistics = logisticsOf(current);
    const language = current.partnerLanguage || '';
    const form = new Form('logistics', { onSubmit: () => save(), onReload: reload, noticeTestId: 'logistics-notice' });
    const lists = LISTS.map((list) => [list.name, editList(form, list, logistics[list.name], language)]);
    const countries = editCountries(form, logistics.countries);
    const glossary = lists.pop();
    form.el.append(
      form.field({ name: 'logistics.welcome', label: tr('logistics.welcome'), type: 'textarea', rows: 4, value: logistics.welcome, wide: true, testid: 'logistics-welcome', hint: tr('logistics.welcomeHint') }),
      ...lists.map(([, list]) => list.el), countries.el, glossary[1].el,
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'logistics-save' }, tr('action.save')),
        button(tr('action.cancel'), () => cancel(), { testid: 'logistics-cancel' })));
    const read = () => ({
      welcome: form.value('logistics.welcome'),
      countries: countries.read(),
      ...Object.fromEntries([...lists, glossary].map(([name, list]) => [name, list.read()])),
    });
    editing = { form, read };
    editButton.hidden = true;
    replace(body, form.el);
    form.control('logistics.welcome').focus();
  }

  async function save() {
    const { form, read } = editing;
    try {
      const saved = await api.updateEvent(current.id, current.version, { ...inputOf(current), logistics: read() });
      current = saved;
      show();
      toast(tr('logistics.saved'));
      editButton.focus();
    } catch (error) {
      form.showError(error);
    }
  }

  async function cancel() {
    // « Annuler » after edits asks first, like leaving the page: the lists may hold much work.
    if (editing.form.dirty && !(await confirmLeave(editing.form))) return;
    show();
    editButton.focus();
  }

  show();
  return { el, dispose: () => { if (editing) editing.form.markClean(); } };
}
