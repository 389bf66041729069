// The page of one legal note: the question, the short and the full answer, its legal bases,
// what it concerns, « à jour au » and the review date (flagged once passed), the related
// resources as links; « Imprimer la fiche » (the A4 PDF, saved where the user chooses and
// opened), « Modifier » (legal-note-form.js) and « Supprimer » after confirmation.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { labelOf, choiceLists } from '../refdata.js';
import { pageHeader, card, button, linkButton, details } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError, withButton } from '../components/toast.js';
import { redirect } from '../router.js';
import { legalNoteHref, reviewNode } from './legal-notes.js';
import { resourceHref } from './resources.js';

/** The bases as a list: « Loi — Code général de la fonction publique, art. L. 512-6, 01/03/2022 ». */
function basesNode(bases) {
  if (!bases.length) return h('p', { class: 'muted' }, tr('note.noBasis'));
  return h('ol', { class: 'plain-list', 'data-testid': 'note-bases' }, bases.map((basis) => h('li', null,
    h('strong', null, labelOf('legalBasisKinds', basis.kind)), ' — ',
    [basis.identifier, basis.article && tr('note.basis.articleShort', { article: basis.article }), formatDate(basis.date)].filter(Boolean).join(', '),
    basis.url ? h('span', { class: 'muted block' }, basis.url) : null)));
}

/** The related resources, each a link (a resource deleted since is left out). */
async function resourcesNode(ids) {
  const resources = (await Promise.all(ids.map((id) => api.getResource(id).catch(() => null)))).filter(Boolean);
  if (!resources.length) return '';
  return h('ul', { class: 'plain-list', 'data-testid': 'note-resources' }, resources.map((r) => h('li', null,
    h('a', { href: resourceHref(r.id) }, r.title), h('span', { class: 'muted' }, ` — ${labelOf('resourceKinds', r.kind)}`))));
}

/** Renders the page of legal note `params[0]` into `root`. */
export async function render(root, params) {
  const id = params[0];
  const [note, lists] = await Promise.all([api.getLegalNote(id), choiceLists()]);
  const labels = (list) => new Map(list.map((o) => [o.code, o.label]));
  const names = (ids, list) => ids.map((code) => labels(list).get(code) || code).join(', ');

  async function remove() {
    const yes = await confirmDialog({
      title: tr('note.deleteTitle'), message: tr('note.deleteMessage', { question: note.question }),
      confirmLabel: tr('action.delete'), danger: true,
    });
    if (!yes) return;
    try {
      await api.deleteLegalNote(id);
      toast(tr('note.deleted'));
      redirect('#/juridique');
    } catch (error) {
      toastError(error);
    }
  }
  const print = button(tr('note.print'), () => withButton(print, async () => {
    const path = await api.saveLegalNotePdf(id);
    if (path) toast(tr('note.printed', { path }));
  }), { kind: 'primary', testid: 'note-print' });

  fill(root,
    pageHeader(note.question, {
      back: { href: '#/juridique', label: tr('notes.back') },
      subtitle: tr('note.upToDateOn', { date: formatDate(note.upToDate) }),
      actions: [
        print,
        linkButton(`${legalNoteHref(id)}/modifier`, tr('action.edit'), { testid: 'note-edit' }),
        button(tr('action.delete'), remove, { kind: 'danger', testid: 'note-delete' }),
      ],
    }),
    card(tr('note.answer'),
      h('p', { class: 'lead', 'data-testid': 'note-short-answer' }, note.shortAnswer),
      note.fullAnswer ? h('div', { class: 'preserve-lines', 'data-testid': 'note-full-answer' }, note.fullAnswer) : null),
    card(tr('note.section.bases'), basesNode(note.bases)),
    card(tr('note.information'), details([
      [tr('note.upToDate'), formatDate(note.upToDate)],
      [tr('note.reviewDate'), reviewNode(note.reviewDate)],
      [tr('note.author'), note.author],
      [tr('note.countries'), note.countries.map((c) => labelOf('countries', c)).join(', ')],
      [tr('note.territories'), names(note.territoryIds, lists.territories)],
      [tr('note.themes'), names(note.themeIds, lists.themes)],
      [tr('note.professions'), names(note.professionIds, lists.professions)],
      [tr('note.resources'), await resourcesNode(note.resourceIds)],
      [tr('common.record'), `${tr('common.created', { date: formatDateTime(note.createdAt) })} · ${tr('common.updated', { date: formatDateTime(note.updatedAt) })}`],
    ])));
  return {};
}
