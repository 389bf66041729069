// Event form: every field the training programme prints (identification, dates and place,
// organisers with roles, audience and target professions, objectives as an editable list,
// content, methods, practical terms, accessibility, contact).

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes, choiceLists } from '../refdata.js';
import { Form, section, checklist, rowList, rowSelect, rowInput } from '../components/form.js';
import { pageHeader, card, linkButton } from '../components/layout.js';
import { toast } from '../components/toast.js';
import { redirect, reload } from '../router.js';

const EMPTY = {
  code: '', title: '', subtitle: '', kind: '', status: 'draft', startDate: '', endDate: '', venue: '', address: '',
  city: '', country: 'FR', territoryId: null, organisers: [], themeIds: [], targetProfessionIds: [], audience: '',
  objectives: [], prerequisites: '', summary: '', teachingMethods: '', evaluationMethods: '', accessibility: '',
  accessibilityContact: '', price: '', accessTerms: '', capacity: null, languages: ['fr'], interpretation: '',
  contactName: '', contactEmail: '', contactPhone: '', notes: '',
};

/**
 * The control of field `name` (`objectives`: the first objective, else the add button), for
 * the coherence panel's « Modifier l'événement »; null when the form has no such field.
 */
function fieldControl(form, name) {
  if (name === 'objectives') return form.control('objectives.0') || form.el.querySelector('[data-testid="event-add-objective"]');
  return form.control(name);
}

/**
 * Renders the form for a new event (no id) or for editing one into `root`; `params[1]`, a field
 * name, gets the focus.
 */
export async function render(root, params) {
  const id = params[0] || null;
  const codes = getCodes();
  const [event, lists] = await Promise.all([id ? api.getEvent(id) : Promise.resolve({ ...EMPTY }), choiceLists()]);
  const back = id ? `#/evenements/${encodeURIComponent(id)}` : '#/evenements';

  const form = new Form('event', { onSubmit: save, onReload: reload });
  form.el.dataset.main = '';
  const f = (spec) => form.field({ ...spec, value: spec.value ?? event[spec.name] });

  const organisers = rowList({
    form, name: 'organisers', legend: tr('event.organisers'), items: event.organisers,
    newItem: () => ({ organisationId: '', role: 'organiser' }),
    addLabel: tr('event.addOrganiser'), addTestId: 'event-add-organiser', emptyText: tr('event.noOrganiser'),
    removeLabel: 'event.removeOrganiser',
    renderRow: (item, i) => ({
      el: h('div', { class: 'row-fields' },
        rowSelect(form, { name: `organisers.${i}.organisationId`, label: tr('event.organisationN', { n: i + 1 }), list: lists.organisations, value: item.organisationId, testid: `event-organiser-${i}` }),
        rowSelect(form, { name: `organisers.${i}.role`, label: tr('event.roleN', { n: i + 1 }), list: codes.organiserRoles, value: item.role, testid: `event-organiser-role-${i}` })),
      read: () => ({ organisationId: form.value(`organisers.${i}.organisationId`), role: form.value(`organisers.${i}.role`) }),
    }),
  });

  const objectives = rowList({
    form, name: 'objectives', legend: tr('event.objectives'), items: event.objectives,
    newItem: () => '', addLabel: tr('event.addObjective'), addTestId: 'event-add-objective', emptyText: tr('event.noObjective'),
    removeLabel: 'event.removeObjective',
    renderRow: (item, i) => ({
      el: h('div', { class: 'row-fields' },
        rowInput(form, { name: `objectives.${i}`, label: tr('event.objectiveN', { n: i + 1 }), value: item, testid: `event-objective-${i}` })),
      read: () => {
        const control = form.control(`objectives.${i}`);
        return control ? control.value : '';
      },
    }),
  });

  fill(form.el, 
    section(tr('event.section.identification'),
      f({ name: 'title', label: tr('event.title'), required: true, wide: true }),
      f({ name: 'subtitle', label: tr('event.subtitle'), wide: true }),
      f({ name: 'code', label: tr('event.code'), required: true, hint: tr('event.codeHint') }),
      f({ name: 'kind', label: tr('event.kind'), type: 'select', options: codes.eventKinds, required: true }),
      f({ name: 'status', label: tr('event.status'), type: 'select', options: codes.eventStatuses, required: true })),
    section(tr('event.section.datesPlace'),
      f({ name: 'startDate', label: tr('event.startDate'), type: 'date', required: true }),
      f({ name: 'endDate', label: tr('event.endDate'), type: 'date', required: true }),
      f({ name: 'venue', label: tr('event.venue') }),
      f({ name: 'address', label: tr('event.address') }),
      f({ name: 'city', label: tr('event.city') }),
      f({ name: 'country', label: tr('event.country'), type: 'select', options: codes.countries, emptyLabel: tr('form.none') }),
      f({ name: 'territoryId', label: tr('event.territory'), type: 'select', options: lists.territories, emptyLabel: tr('form.none') })),
    section(tr('event.section.organisers'), organisers.el,
      checklist({ form, name: 'themeIds', legend: tr('event.themes'), items: lists.themes, selected: event.themeIds })),
    section(tr('event.section.audience'),
      f({ name: 'audience', label: tr('event.audience'), type: 'textarea', wide: true }),
      checklist({ form, name: 'targetProfessionIds', legend: tr('event.targetProfessions'), items: lists.professions, selected: event.targetProfessionIds, filterable: true }),
      f({ name: 'prerequisites', label: tr('event.prerequisites'), type: 'textarea', wide: true, hint: tr('event.prerequisitesHint') }),
      f({ name: 'capacity', label: tr('event.capacity'), type: 'number', min: 1 })),
    section(tr('event.section.content'), objectives.el,
      f({ name: 'summary', label: tr('event.summary'), type: 'textarea', rows: 5, wide: true }),
      f({ name: 'teachingMethods', label: tr('event.teachingMethods'), type: 'textarea', wide: true }),
      f({ name: 'evaluationMethods', label: tr('event.evaluationMethods'), type: 'textarea', wide: true })),
    section(tr('event.section.terms'),
      checklist({ form, name: 'languages', legend: tr('event.languages'), items: codes.languages, selected: event.languages, filterable: true }),
      f({ name: 'interpretation', label: tr('event.interpretation'), wide: true }),
      f({ name: 'price', label: tr('event.price'), type: 'textarea', wide: true }),
      f({ name: 'accessTerms', label: tr('event.accessTerms'), type: 'textarea', wide: true, hint: tr('event.accessTermsHint') }),
      f({ name: 'accessibility', label: tr('event.accessibility'), type: 'textarea', wide: true }),
      f({ name: 'accessibilityContact', label: tr('event.accessibilityContact'), wide: true })),
    section(tr('event.section.contact'),
      f({ name: 'contactName', label: tr('event.contactName') }),
      f({ name: 'contactEmail', label: tr('event.contactEmail'), type: 'email' }),
      f({ name: 'contactPhone', label: tr('event.contactPhone'), type: 'tel', hint: tr('form.phoneHint') }),
      f({ name: 'notes', label: tr('event.notes'), type: 'textarea', wide: true, hint: tr('event.notesHint') })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'event-save' }, tr('action.save')),
      linkButton(back, tr('action.cancel'), { testid: 'event-cancel' }),
      h('span', { class: 'form-shortcut muted' }, tr('form.saveShortcut'))));

  async function save() {
    const input = {
      code: form.value('code'),
      title: form.value('title'),
      subtitle: form.value('subtitle'),
      kind: form.value('kind'),
      status: form.value('status'),
      startDate: form.value('startDate'),
      endDate: form.value('endDate'),
      venue: form.value('venue'),
      address: form.value('address'),
      city: form.value('city'),
      country: form.value('country'),
      territoryId: form.optional('territoryId'),
      organisers: organisers.read(),
      themeIds: form.checked('themeIds'),
      targetProfessionIds: form.checked('targetProfessionIds'),
      audience: form.value('audience'),
      objectives: objectives.read(),
      prerequisites: form.value('prerequisites'),
      summary: form.value('summary'),
      teachingMethods: form.value('teachingMethods'),
      evaluationMethods: form.value('evaluationMethods'),
      accessibility: form.value('accessibility'),
      accessibilityContact: form.value('accessibilityContact'),
      price: form.value('price'),
      accessTerms: form.value('accessTerms'),
      capacity: form.value('capacity'),
      languages: form.checked('languages'),
      interpretation: form.value('interpretation'),
      contactName: form.value('contactName'),
      contactEmail: form.value('contactEmail'),
      contactPhone: form.value('contactPhone'),
      notes: form.value('notes'),
    };
    try {
      const saved = id ? await api.updateEvent(id, event.version, input) : await api.createEvent(input);
      form.markClean();
      toast(tr('event.saved', { title: saved.title }));
      redirect(`#/evenements/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      form.showError(error);
    }
  }

  fill(root, 
    pageHeader(id ? tr('event.editTitle', { title: event.title }) : tr('event.newTitle'), {
      back: { href: back, label: id ? tr('event.backToEvent') : tr('events.back') },
      subtitle: tr('form.requiredNote'),
    }),
    card(null, form.el));
  if (!id) return { focus: form.control('title') };
  const wanted = params[1] ? fieldControl(form, params[1]) : null;
  // The shell focuses without scrolling: bring a field far down the form into view.
  if (wanted) wanted.scrollIntoView({ block: 'center' });
  return { focus: wanted };
}
