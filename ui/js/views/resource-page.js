// The page of one resource: its fields read-only (authors, subjects, events and sessions as
// links), its files (resource-files.js: attach by button or by dropping on the window, open,
// save as, remove), « Modifier » (resource-form.js) and « Supprimer » after confirmation.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { labelOf, choiceLists } from '../refdata.js';
import { pageHeader, card, button, linkButton, statusBadge, details } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { redirect } from '../router.js';
import { resourceHref, formatPublication } from './resources.js';
import { FilesCard } from './resource-files.js';

/** The authors in order, each a link to the expert's or the organisation's page, with its role. */
async function authorsNode(authors, organisationLabel) {
  const experts = await Promise.all(authors.map((a) => (a.expertId ? api.getExpert(a.expertId).catch(() => null) : null)));
  return h('ol', { class: 'plain-list', 'data-testid': 'resource-authors' }, authors.map((author, i) => {
    const expert = experts[i];
    const link = author.expertId
      ? h('a', { href: `#/experts/${encodeURIComponent(author.expertId)}` }, expert ? `${expert.firstName} ${expert.lastName}` : author.expertId)
      : h('a', { href: `#/structures/${encodeURIComponent(author.organisationId)}` }, organisationLabel.get(author.organisationId) || author.organisationId);
    return h('li', null, link, h('span', { class: 'muted' }, ` — ${labelOf('authorRoles', author.role)}`));
  }));
}

/** The events and sessions the resource belongs to, each a link to its event's page. */
async function eventsNode(resource) {
  const [events, sessions] = await Promise.all([
    Promise.all(resource.eventIds.map((id) => api.getEvent(id).catch(() => null))),
    resource.sessionIds.length ? api.getSessions(resource.sessionIds).catch(() => []) : [],
  ]);
  const eventHref = (id) => `#/evenements/${encodeURIComponent(id)}`;
  const items = [
    ...events.filter(Boolean).map((event) => h('li', null, h('a', { href: eventHref(event.id) }, event.title), h('span', { class: 'muted' }, ` — ${event.code}`))),
    ...sessions.map((session) => h('li', null, h('a', { href: eventHref(session.eventId) }, session.title),
      h('span', { class: 'muted' }, ` — ${tr('resource.sessionOn', { date: formatDate(session.date) })}`))),
  ];
  return items.length ? h('ul', { class: 'plain-list', 'data-testid': 'resource-events' }, items) : '';
}

/** Renders the page of resource `params[0]` into `root`. */
export async function render(root, params) {
  const id = params[0];
  const [resource, lists] = await Promise.all([api.getResource(id), choiceLists()]);
  const labels = (list) => new Map(list.map((o) => [o.code, o.label]));
  const names = (ids, list) => ids.map((code) => labels(list).get(code) || code).join(', ');
  const files = new FilesCard({
    resource,
    onChange: async () => {
      const fresh = await api.getResource(id);
      files.resource = fresh;
      files.draw(fresh.files);
    },
  });

  async function remove() {
    const yes = await confirmDialog({
      title: tr('resource.deleteTitle'), message: tr('resource.deleteMessage', { title: resource.title, count: files.resource.files.length }),
      confirmLabel: tr('action.delete'), danger: true,
    });
    if (!yes) return;
    try {
      await api.deleteResource(id);
      toast(tr('resource.deleted', { title: resource.title }));
      redirect('#/ressources');
    } catch (error) {
      toastError(error);
    }
  }

  const info = details([
    [tr('resource.kind'), labelOf('resourceKinds', resource.kind)],
    [tr('resource.status'), statusBadge(resource.status, labelOf('resourceStatuses', resource.status))],
    [tr('resource.publicationDate'), formatPublication(resource.publicationDate)],
    [tr('resource.summary'), resource.summary ? h('p', { class: 'preserve-lines' }, resource.summary) : ''],
    [tr('resource.section.authors'), resource.authors.length ? await authorsNode(resource.authors, labels(lists.organisations)) : ''],
    [tr('resource.languages'), resource.languages.map((l) => labelOf('languages', l)).join(', ')],
    [tr('resource.themes'), names(resource.themeIds, lists.themes)],
    [tr('resource.territories'), names(resource.territoryIds, lists.territories)],
    [tr('resource.professions'), names(resource.professionIds, lists.professions)],
    [tr('resource.section.events'), await eventsNode(resource)],
    [tr('resource.audience'), resource.audience],
    [tr('resource.reviewDate'), formatDate(resource.reviewDate)],
    [tr('resource.rights'), resource.rights],
    [tr('resource.reference'), resource.reference],
    [tr('resource.notes'), resource.notes],
    [tr('common.record'), `${tr('common.created', { date: formatDateTime(resource.createdAt) })} · ${tr('common.updated', { date: formatDateTime(resource.updatedAt) })}`],
  ]);

  fill(root,
    pageHeader(resource.title, {
      back: { href: '#/ressources', label: tr('resources.back') },
      subtitle: [statusBadge(resource.status, labelOf('resourceStatuses', resource.status)), ' ', labelOf('resourceKinds', resource.kind)],
      actions: [
        linkButton(`${resourceHref(id)}/modifier`, tr('action.edit'), { testid: 'resource-edit' }),
        button(tr('action.delete'), remove, { kind: 'danger', testid: 'resource-delete' }),
      ],
    }),
    files.el,
    card(tr('resource.information'), info));
  return { dispose: () => files.dispose() };
}
