// Event form: every field the training programme prints (identification, dates and place,
// organisers with roles, audience and target professions, objectives as an editable list,
// content, methods, practical terms, accessibility, contact), and their translation in the
// partner language beside each French text (components/partner-texts.js). The study-visit
// logistics are edited on the event page (event-logistics.js) and kept as they are here.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes, choiceLists } from '../refdata.js';
import { Form, section, checklist, rowList, rowSelect, rowInput } from '../components/form.js';
import { pageHeader, card, linkButton } from '../components/layout.js';
import { toast } from '../components/toast.js';
import { PartnerTexts } from '../components/partner-texts.js';
import { redirect, reload } from '../router.js';

const EMPTY = {
  code: '', title: '', subtitle: '', kind: '', status: 'draft', startDate: '', endDate: '', venue: '', address: '',
  city: '', country: 'FR', territoryId: null, organisers: [], themeIds: [], targetProfessionIds: [], audience: '',
  objectives: [], prerequisites: '', summary: '', teachingMethods: '', evaluationMethods: '', accessibility: '',
  accessibilityContact: '', price: '', accessTerms: '', capacity: null, languages: ['fr'], interpretation: '',
  contactName: '', contactEmail: '', contactPhone: '', notes: '', partnerLanguage: '',
};

/** The translatable texts besides the objectives: field → [label key, type, rows]. */
const TRANSLATED = {
  title: ['event.title', 'text'],
  subtitle: ['event.subtitle', 'text'],
  audience: ['event.audience', 'textarea'],
  prerequisites: ['event.prerequisites', 'textarea'],
  summary: ['event.summary', 'textarea', 5],
  teachingMethods: ['event.teachingMethods', 'textarea'],
  evaluationMethods: ['event.evaluationMethods', 'textarea'],
  price: ['event.price', 'textarea'],
  accessTerms: ['event.accessTerms', 'textarea'],
  accessibility: ['event.accessibility', 'textarea'],
};

/** The French objectives beside their translations, one row each (the longer list sets the count). */
function objectivePairs(event) {
  const partner = event.translation.objectives || [];
  const count = Math.max(event.objectives.length, partner.length);
  return Array.from({ length: count }, (_, i) => ({ french: event.objectives[i] || '', partner: partner[i] || '' }));
}

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
export async function render(root, params, route) {
  // « Créer l'événement » of a request: a new event prefilled from it, linked to it.
  const requestId = route && route.name === 'eventFromRequest' ? params[0] : null;
  const id = requestId ? null : params[0] || null;
  const codes = getCodes();
  const blank = requestId ? api.prefillEventFromRequest(requestId).then((prefill) => ({ ...EMPTY, ...prefill })) : Promise.resolve({ ...EMPTY });
  const [loaded, lists] = await Promise.all([id ? api.getEvent(id) : blank, choiceLists()]);
  // The backend leaves empty translations and logistics out of the record.
  const event = { partnerLanguage: '', ...loaded, translation: { objectives: [], ...loaded.translation }, logistics: loaded.logistics || {} };
  const back = id ? `#/evenements/${encodeURIComponent(id)}` : requestId ? `#/demandes/${encodeURIComponent(requestId)}` : '#/evenements';

  const form = new Form('event', { onSubmit: save, onReload: reload });
  form.el.dataset.main = '';
  const f = (spec) => form.field({ ...spec, value: spec.value ?? event[spec.name] });
  const partner = new PartnerTexts(form, event.partnerLanguage);
  // A French field and its translation beside it; both take the form's width.
  const t = (name, spec = {}) => {
    const [labelKey, type, rows] = TRANSLATED[name];
    const label = tr(labelKey);
    return partner.pair(f({ name, label, type, rows, ...spec }),
      { name: `translation.${name}`, label, type, rows, value: event.translation[name], testid: `event-translation-${name}` });
  };

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
    form, name: 'objectives', legend: tr('event.objectives'), items: objectivePairs(event),
    newItem: () => ({ french: '', partner: '' }), addLabel: tr('event.addObjective'), addTestId: 'event-add-objective', emptyText: tr('event.noObjective'),
    removeLabel: 'event.removeObjective',
    renderRow: (item, i) => ({
      el: h('div', { class: 'row-fields' },
        rowInput(form, { name: `objectives.${i}`, label: tr('event.objectiveN', { n: i + 1 }), value: item.french, testid: `event-objective-${i}`, grow: false }),
        partner.rowInput({ name: `translation.objectives.${i}`, label: tr('event.objectiveN', { n: i + 1 }), value: item.partner, testid: `event-translation-objective-${i}` })),
      read: () => {
        const text = (name) => {
          const control = form.control(name);
          return control ? control.value : '';
        };
        return { french: text(`objectives.${i}`), partner: text(`translation.objectives.${i}`) };
      },
    }),
  });
  objectives.el.appendChild(form.errorSlot('translation.objectives'));

  fill(form.el, 
    section(tr('event.section.identification'),
      partner.select(),
      t('title', { required: true }),
      t('subtitle'),
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
      t('audience'),
      checklist({ form, name: 'targetProfessionIds', legend: tr('event.targetProfessions'), items: lists.professions, selected: event.targetProfessionIds, filterable: true }),
      t('prerequisites', { hint: tr('event.prerequisitesHint') }),
      f({ name: 'capacity', label: tr('event.capacity'), type: 'number', min: 1 })),
    section(tr('event.section.content'), objectives.el,
      t('summary'), t('teachingMethods'), t('evaluationMethods')),
    section(tr('event.section.terms'),
      checklist({ form, name: 'languages', legend: tr('event.languages'), items: codes.languages, selected: event.languages, filterable: true }),
      f({ name: 'interpretation', label: tr('event.interpretation'), wide: true }),
      t('price'),
      t('accessTerms', { hint: tr('event.accessTermsHint') }),
      t('accessibility'),
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

  /** The translated texts as typed; no objective translated sends none, so nothing is left to translate. */
  function readTranslation(pairs) {
    const translation = {};
    for (const name of Object.keys(TRANSLATED)) translation[name] = form.value(`translation.${name}`);
    translation.objectives = pairs.some((p) => p.partner.trim()) ? pairs.map((p) => p.partner) : [];
    return translation;
  }

  async function save() {
    const pairs = objectives.read();
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
      objectives: pairs.map((p) => p.french),
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
      partnerLanguage: form.value('partnerLanguage'),
      translation: readTranslation(pairs),
      // Edited on the event page: sent back as loaded, so that saving this form keeps them.
      logistics: event.logistics,
      // Set from a request's « Créer l'événement »; kept as loaded on an edit.
      requestId: event.requestId || null,
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
    pageHeader(id ? tr('event.editTitle', { title: event.title }) : requestId ? tr('event.fromRequest', { title: event.title }) : tr('event.newTitle'), {
      back: { href: back, label: id ? tr('event.backToEvent') : requestId ? tr('requests.back') : tr('events.back') },
      subtitle: tr('form.requiredNote'),
    }),
    card(null, form.el));
  if (!id) return { focus: form.control('title') };
  const wanted = params[1] ? fieldControl(form, params[1]) : null;
  // The shell focuses without scrolling: bring a field far down the form into view.
  if (wanted) wanted.scrollIntoView({ block: 'center' });
  return { focus: wanted };
}
