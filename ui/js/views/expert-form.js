// Expert form: identity, languages with levels, themes / territories / professions, bios,
// availability, GDPR consent, notes; the events where the expert speaks and the resources
// they wrote; deletion.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { getCodes, labelOf, choiceLists } from '../refdata.js';
import { Form, section, checklist, rowList, rowSelect } from '../components/form.js';
import { pageHeader, card, button, linkButton, statusBadge } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { redirect, reload } from '../router.js';
import { authoredCard } from './resources.js';

const EMPTY = {
  firstName: '', lastName: '', jobTitle: '', organisationId: null, country: '', city: '', email: '', phone: '',
  languages: [], themeIds: [], territoryIds: [], professionIds: [], bioFr: '', bioOther: '', bioOtherLanguage: '',
  keywords: '', availability: '', fees: '', consentDate: '', consentSource: '', reviewDate: '', notes: '',
};

/** Renders the form for a new expert (no id) or an existing one into `root`. */
export async function render(root, params) {
  const id = params[0] || null;
  const codes = getCodes();
  const [expert, lists, events] = await Promise.all([
    id ? api.getExpert(id) : Promise.resolve({ ...EMPTY }),
    choiceLists(),
    id ? api.listExpertEvents(id).catch(() => []) : Promise.resolve([]),
  ]);
  const fullName = `${expert.firstName} ${expert.lastName}`.trim();

  const form = new Form('expert', { onSubmit: save, onReload: reload });
  form.el.dataset.main = '';
  const f = (spec) => form.field({ ...spec, value: spec.value ?? expert[spec.name] });

  const languages = rowList({
    form, name: 'languages', legend: tr('expert.section.languages'), items: expert.languages, asSection: true,
    newItem: () => ({ language: '', level: '' }),
    addLabel: tr('expert.addLanguage'), addTestId: 'expert-add-language', emptyText: tr('expert.noLanguage'),
    removeLabel: 'expert.removeLanguage',
    renderRow: (item, i) => {
      const el = h('div', { class: 'row-fields' },
        rowSelect(form, { name: `languages.${i}.language`, label: tr('expert.languageN', { n: i + 1 }), list: codes.languages, value: item.language, testid: `expert-language-${i}` }),
        rowSelect(form, { name: `languages.${i}.level`, label: tr('expert.levelN', { n: i + 1 }), list: codes.languageLevels, value: item.level, testid: `expert-level-${i}` }));
      return {
        el,
        read: () => ({ language: form.value(`languages.${i}.language`), level: form.value(`languages.${i}.level`) }),
      };
    },
  });

  fill(form.el, 
    section(tr('expert.section.identity'),
      f({ name: 'lastName', label: tr('expert.lastName'), required: true, autocomplete: 'family-name' }),
      f({ name: 'firstName', label: tr('expert.firstName'), required: true, autocomplete: 'given-name' }),
      f({ name: 'jobTitle', label: tr('expert.jobTitle') }),
      f({ name: 'organisationId', label: tr('expert.organisation'), type: 'select', options: lists.organisations, emptyLabel: tr('form.none') }),
      f({ name: 'country', label: tr('expert.country'), type: 'select', options: codes.countries, emptyLabel: tr('form.none') }),
      f({ name: 'city', label: tr('expert.city') }),
      f({ name: 'email', label: tr('expert.email'), type: 'email', autocomplete: 'email' }),
      f({ name: 'phone', label: tr('expert.phone'), type: 'tel', autocomplete: 'tel', hint: tr('form.phoneHint') })),
    languages.el,
    section(tr('expert.section.domains'),
      checklist({ form, name: 'themeIds', legend: tr('expert.themes'), items: lists.themes, selected: expert.themeIds }),
      checklist({ form, name: 'territoryIds', legend: tr('expert.territories'), items: lists.territories, selected: expert.territoryIds, filterable: lists.territories.length > 12 }),
      checklist({ form, name: 'professionIds', legend: tr('expert.professions'), items: lists.professions, selected: expert.professionIds, filterable: true })),
    section(tr('expert.section.presentation'),
      f({ name: 'bioFr', label: tr('expert.bioFr'), type: 'textarea', rows: 5, wide: true }),
      f({ name: 'bioOther', label: tr('expert.bioOther'), type: 'textarea', rows: 5, wide: true, hint: tr('expert.bioOtherHint') }),
      f({ name: 'bioOtherLanguage', label: tr('expert.bioOtherLanguage'), type: 'select', options: codes.languages, emptyLabel: tr('form.none') }),
      f({ name: 'keywords', label: tr('expert.keywords'), hint: tr('expert.keywordsHint') })),
    section(tr('expert.section.availability'),
      f({ name: 'availability', label: tr('expert.availability'), type: 'textarea' }),
      f({ name: 'fees', label: tr('expert.fees'), type: 'textarea' })),
    section(tr('expert.section.consent'),
      h('p', { class: 'section-intro field-wide' }, tr('expert.consentIntro')),
      f({ name: 'consentDate', label: tr('expert.consentDate'), type: 'date' }),
      f({ name: 'consentSource', label: tr('expert.consentSource'), hint: tr('expert.consentSourceHint') }),
      f({ name: 'reviewDate', label: tr('expert.reviewDate'), type: 'date' })),
    section(tr('expert.section.notes'),
      f({ name: 'notes', label: tr('expert.notes'), type: 'textarea', rows: 4, wide: true })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'expert-save' }, tr('action.save')),
      linkButton('#/experts', tr('action.cancel'), { testid: 'expert-cancel' }),
      h('span', { class: 'form-shortcut muted' }, tr('form.saveShortcut'))));

  async function save() {
    const input = {
      firstName: form.value('firstName'),
      lastName: form.value('lastName'),
      jobTitle: form.value('jobTitle'),
      organisationId: form.optional('organisationId'),
      country: form.value('country'),
      city: form.value('city'),
      email: form.value('email'),
      phone: form.value('phone'),
      languages: languages.read(),
      themeIds: form.checked('themeIds'),
      territoryIds: form.checked('territoryIds'),
      professionIds: form.checked('professionIds'),
      bioFr: form.value('bioFr'),
      bioOther: form.value('bioOther'),
      bioOtherLanguage: form.value('bioOtherLanguage'),
      keywords: form.value('keywords'),
      availability: form.value('availability'),
      fees: form.value('fees'),
      consentDate: form.value('consentDate'),
      consentSource: form.value('consentSource'),
      reviewDate: form.value('reviewDate'),
      notes: form.value('notes'),
    };
    try {
      const saved = id ? await api.updateExpert(id, expert.version, input) : await api.createExpert(input);
      form.markClean();
      toast(tr('expert.saved', { name: `${saved.firstName} ${saved.lastName}` }));
      redirect(`#/experts/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      form.showError(error);
    }
  }

  async function remove() {
    const yes = await confirmDialog({
      title: tr('expert.deleteTitle'),
      message: tr('expert.deleteMessage', { name: fullName }),
      confirmLabel: tr('action.delete'),
      danger: true,
    });
    if (!yes) return;
    try {
      await api.deleteExpert(id);
      form.markClean();
      toast(tr('expert.deleted', { name: fullName }));
      redirect('#/experts');
    } catch (error) {
      form.showError(error);
      toastError(error);
    }
  }

  const side = id ? h('aside', { class: 'form-aside' },
    card(tr('expert.events'), events.length
      ? h('ul', { class: 'plain-list', 'data-testid': 'expert-events' }, events.map((event) => h('li', null,
        h('a', { href: `#/evenements/${encodeURIComponent(event.id)}` }, event.title),
        h('span', { class: 'muted block' }, `${formatDate(event.startDate)} · `, statusBadge(event.status, labelOf('eventStatuses', event.status))))))
      : h('p', { class: 'muted' }, tr('expert.noEvents'))),
    await authoredCard(() => api.resourcesOfExpert(id), 'expert-resources'),
    card(tr('common.record'), h('p', { class: 'muted small' },
      tr('common.created', { date: formatDateTime(expert.createdAt) }), h('br'),
      tr('common.updated', { date: formatDateTime(expert.updatedAt) })))) : null;

  fill(root, 
    pageHeader(id ? fullName : tr('expert.newTitle'), {
      back: { href: '#/experts', label: tr('experts.back') },
      subtitle: id ? [expert.jobTitle, expert.organisationName].filter(Boolean).join(' · ') : tr('form.requiredNote'),
      actions: id ? [button(tr('action.delete'), remove, { kind: 'danger', testid: 'expert-delete' })] : [],
    }),
    h('div', { class: ['form-layout', side && 'with-aside'] }, card(null, form.el), side));
  return { focus: id ? null : form.control('lastName') };
}
