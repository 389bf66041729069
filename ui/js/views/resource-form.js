// The form of a resource (new, or « Modifier » from its page): every field of the library's
// record, its ordered authors and the events or sessions it belongs to (resource-links.js),
// the backend's errors inline under each field. Its files are attached from its page.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes, choiceLists } from '../refdata.js';
import { Form, section, checklist } from '../components/form.js';
import { pageHeader, card, linkButton } from '../components/layout.js';
import { toast } from '../components/toast.js';
import { redirect, reload } from '../router.js';
import { resourceHref, formatPublication } from './resources.js';
import { authorsList, eventsList } from './resource-links.js';

const EMPTY = {
  title: '', kind: '', summary: '', authors: [], publicationDate: '', languages: ['fr'], themeIds: [], territoryIds: [],
  professionIds: [], eventIds: [], sessionIds: [], audience: '', status: 'draft', reviewDate: '', rights: '', reference: '', notes: '',
};

/** « 03/2026 » → « 2026-03 », « 15/03/2026 » → « 2026-03-15 »; a year or anything else unchanged. */
function parsePublication(text) {
  const value = (text || '').trim();
  const month = /^(\d{1,2})[/.-](\d{4})$/.exec(value);
  if (month) return `${month[2]}-${month[1].padStart(2, '0')}`;
  const day = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  return day ? `${day[3]}-${day[2].padStart(2, '0')}-${day[1].padStart(2, '0')}` : value;
}

/** Every expert and event as {code, label}, for the authors' and events' selects. */
async function pickerLists() {
  const [experts, events] = await Promise.all([
    api.searchExperts({ query: '', limit: 5000, offset: 0 }),
    api.searchEvents({ query: '', limit: 5000, offset: 0 }),
  ]);
  return {
    experts: experts.items.map((e) => ({ code: e.id, label: `${e.lastName.toLocaleUpperCase('fr')} ${e.firstName}` })),
    events: events.items.map((e) => ({ code: e.id, label: e.code ? `${e.title} (${e.code})` : e.title })),
  };
}

/** Renders the form of resource `params[0]` (or of a new one) into `root`. */
export async function render(root, params) {
  const id = params[0] || null;
  const codes = getCodes();
  const resource = id ? await api.getResource(id) : { ...EMPTY };
  const [lists, pickers, sessions] = await Promise.all([
    choiceLists(), pickerLists(), resource.sessionIds.length ? api.getSessions(resource.sessionIds) : Promise.resolve([]),
  ]);
  const back = id ? resourceHref(id) : '#/ressources';

  const form = new Form('resource', { onSubmit: save, onReload: reload });
  form.el.dataset.main = '';
  const f = (spec) => form.field({ ...spec, value: spec.value ?? resource[spec.name] });
  const authors = authorsList(form, resource, { experts: pickers.experts, organisations: lists.organisations });
  const links = eventsList(form, resource, { events: pickers.events, sessions });

  fill(form.el,
    section(tr('resource.section.resource'),
      f({ name: 'title', label: tr('resource.title'), required: true, wide: true }),
      f({ name: 'kind', label: tr('resource.kind'), type: 'select', options: codes.resourceKinds, required: true }),
      f({ name: 'status', label: tr('resource.status'), type: 'select', options: codes.resourceStatuses, required: true }),
      f({ name: 'publicationDate', label: tr('resource.publicationDate'), hint: tr('resource.publicationDateHint'), value: formatPublication(resource.publicationDate) }),
      f({ name: 'reviewDate', label: tr('resource.reviewDate'), type: 'date' }),
      f({ name: 'summary', label: tr('resource.summary'), type: 'textarea', wide: true, rows: 5 }),
      f({ name: 'reference', label: tr('resource.reference'), hint: tr('resource.referenceHint') }),
      f({ name: 'rights', label: tr('resource.rights'), hint: tr('resource.rightsHint') }),
      f({ name: 'audience', label: tr('resource.audience'), type: 'textarea', wide: true })),
    authors.el,
    section(tr('resource.section.subjects'),
      checklist({ form, name: 'languages', legend: tr('resource.languages'), items: codes.languages, selected: resource.languages, filterable: true }),
      checklist({ form, name: 'themeIds', legend: tr('resource.themes'), items: lists.themes, selected: resource.themeIds }),
      checklist({ form, name: 'territoryIds', legend: tr('resource.territories'), items: lists.territories, selected: resource.territoryIds, filterable: true }),
      checklist({ form, name: 'professionIds', legend: tr('resource.professions'), items: lists.professions, selected: resource.professionIds, filterable: true })),
    links.el,
    section(tr('resource.section.notes'),
      f({ name: 'notes', label: tr('resource.notes'), type: 'textarea', wide: true })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'resource-save' }, tr('action.save')),
      linkButton(back, tr('action.cancel'), { testid: 'resource-cancel' }),
      h('span', { class: 'form-shortcut muted' }, tr('form.saveShortcut'))));

  async function save() {
    const input = {
      title: form.value('title'),
      kind: form.value('kind'),
      summary: form.value('summary'),
      authors: authors.read(),
      publicationDate: parsePublication(form.value('publicationDate')),
      languages: form.checked('languages'),
      themeIds: form.checked('themeIds'),
      territoryIds: form.checked('territoryIds'),
      professionIds: form.checked('professionIds'),
      ...links.read(),
      audience: form.value('audience'),
      status: form.value('status'),
      reviewDate: form.value('reviewDate'),
      rights: form.value('rights'),
      reference: form.value('reference'),
      notes: form.value('notes'),
    };
    try {
      const saved = id ? await api.updateResource(id, resource.version, input) : await api.createResource(input);
      form.markClean();
      toast(tr('resource.saved', { title: saved.title }));
      redirect(resourceHref(saved.id));
    } catch (error) {
      form.showError(error);
    }
  }

  fill(root,
    pageHeader(id ? tr('resource.editTitle', { title: resource.title }) : tr('resource.newTitle'), {
      back: { href: back, label: id ? tr('resource.back') : tr('resources.back') },
      subtitle: tr('form.requiredNote'),
    }),
    card(null, form.el));
  return { focus: form.control('title') };
}
