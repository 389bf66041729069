// The form of a legal note (new, or « Modifier » from its page): the question, the short and
// the full answer, the legal bases as ordered rows (kind, identifier, article, date, link), the
// countries, borders, themes and professions it concerns, « à jour au », the review date, the
// author and the related resources; the backend's errors inline (`bases.N.identifier`…).

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes, choiceLists } from '../refdata.js';
import { Form, section, checklist, rowList, rowInput, rowSelect } from '../components/form.js';
import { pageHeader, card, linkButton } from '../components/layout.js';
import { toast } from '../components/toast.js';
import { redirect, reload } from '../router.js';
import { legalNoteHref } from './legal-notes.js';

const EMPTY = {
  question: '', shortAnswer: '', fullAnswer: '', bases: [], countries: ['FR'], territoryIds: [], themeIds: [], professionIds: [],
  upToDate: '', reviewDate: '', author: '', resourceIds: [],
};

const BASIS_FIELDS = [['identifier', 'text', true], ['article', 'text', false], ['date', 'date', false], ['url', 'url', true]];

/** The legal bases' rows: kind, identifier, article, date, link. */
function basesList(form, note) {
  const codes = getCodes();
  return rowList({
    form, name: 'bases', legend: tr('note.section.bases'), items: note.bases, asSection: true,
    newItem: () => ({ kind: 'law', identifier: '', article: '', date: '', url: '' }),
    addLabel: tr('note.addBasis'), addTestId: 'note-add-basis', emptyText: tr('note.noBasis'), removeLabel: 'note.removeBasis',
    renderRow: (basis, i) => {
      const name = (key) => `bases.${i}.${key}`;
      const el = h('fieldset', { class: 'row-group' }, h('legend', { class: 'row-group-title' }, tr('note.basisN', { n: i + 1 })),
        h('div', { class: 'row-fields' },
          rowSelect(form, { name: name('kind'), label: tr('note.basis.kind'), list: codes.legalBasisKinds, value: basis.kind, testid: `note-basis-${i}-kind` }),
          BASIS_FIELDS.map(([key, kind, grow]) => rowInput(form, {
            name: name(key), label: tr(`note.basis.${key}`), value: basis[key], testid: `note-basis-${i}-${key}`, kind, grow,
          }))));
      return {
        el,
        read: () => ({
          kind: form.value(name('kind')), identifier: form.value(name('identifier')), article: form.value(name('article')),
          date: form.value(name('date')), url: form.value(name('url')),
        }),
      };
    },
  });
}

/** Renders the form of legal note `params[0]` (or of a new one) into `root`. */
export async function render(root, params) {
  const id = params[0] || null;
  const codes = getCodes();
  const [note, lists, resources] = await Promise.all([
    id ? api.getLegalNote(id) : Promise.resolve({ ...EMPTY }), choiceLists(),
    api.listResources({ query: '', sort: 'title', limit: 5000, offset: 0 }),
  ]);
  const back = id ? legalNoteHref(id) : '#/juridique';
  const form = new Form('note', { onSubmit: save, onReload: reload });
  form.el.dataset.main = '';
  const f = (spec) => form.field({ ...spec, value: spec.value ?? note[spec.name] });
  const bases = basesList(form, note);
  const resourceItems = resources.items.map((r) => ({ code: r.id, label: r.title }));

  fill(form.el,
    section(tr('note.section.question'),
      f({ name: 'question', label: tr('note.question'), type: 'textarea', required: true, wide: true, rows: 2 }),
      f({ name: 'shortAnswer', label: tr('note.shortAnswer'), type: 'textarea', required: true, wide: true, rows: 3 }),
      f({ name: 'fullAnswer', label: tr('note.fullAnswer'), type: 'textarea', wide: true, rows: 12 }),
      f({ name: 'upToDate', label: tr('note.upToDate'), type: 'date', required: true }),
      f({ name: 'reviewDate', label: tr('note.reviewDate'), type: 'date' }),
      f({ name: 'author', label: tr('note.author') })),
    bases.el,
    section(tr('note.section.scope'),
      checklist({ form, name: 'countries', legend: tr('note.countries'), items: codes.countries, selected: note.countries, filterable: true }),
      checklist({ form, name: 'territoryIds', legend: tr('note.territories'), items: lists.territories, selected: note.territoryIds, filterable: true }),
      checklist({ form, name: 'themeIds', legend: tr('note.themes'), items: lists.themes, selected: note.themeIds }),
      checklist({ form, name: 'professionIds', legend: tr('note.professions'), items: lists.professions, selected: note.professionIds, filterable: true }),
      checklist({ form, name: 'resourceIds', legend: tr('note.resources'), items: resourceItems, selected: note.resourceIds, filterable: true })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'note-save' }, tr('action.save')),
      linkButton(back, tr('action.cancel'), { testid: 'note-cancel' }),
      h('span', { class: 'form-shortcut muted' }, tr('form.saveShortcut'))));

  async function save() {
    const input = {
      question: form.value('question'),
      shortAnswer: form.value('shortAnswer'),
      fullAnswer: form.value('fullAnswer'),
      bases: bases.read(),
      countries: form.checked('countries'),
      territoryIds: form.checked('territoryIds'),
      themeIds: form.checked('themeIds'),
      professionIds: form.checked('professionIds'),
      upToDate: form.value('upToDate'),
      reviewDate: form.value('reviewDate'),
      author: form.value('author'),
      resourceIds: form.checked('resourceIds'),
    };
    try {
      const saved = id ? await api.updateLegalNote(id, note.version, input) : await api.createLegalNote(input);
      form.markClean();
      toast(tr('note.saved'));
      redirect(legalNoteHref(saved.id));
    } catch (error) {
      form.showError(error);
    }
  }

  fill(root,
    pageHeader(id ? tr('note.editTitle') : tr('note.newTitle'), {
      back: { href: back, label: id ? tr('note.back') : tr('notes.back') },
      subtitle: id ? note.question : tr('form.requiredNote'),
    }),
    card(null, form.el));
  return { focus: form.control('question') };
}
