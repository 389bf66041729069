// Structures: the organisations (MOT, CNFPT structures, local authorities, cross-border
// structures, partners), their form and the resources they published.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes, labelOf } from '../refdata.js';
import { section } from '../components/form.js';
import { pageHeader, card, linkButton, emptyState } from '../components/layout.js';
import { renderEntityPage, filteredTable } from '../components/entity-page.js';
import { authoredCard } from './resources.js';

const hrefOf = (id) => `#/structures/${encodeURIComponent(id)}`;

/** Renders the organisation list into `root`. */
export async function renderList(root) {
  const rows = await api.listOrganisations();
  fill(root, 
    pageHeader(tr('organisations.title'), { actions: [linkButton('#/structures/nouveau', tr('organisations.new'), { primary: true, testid: 'organisation-new' })] }),
    card(null, rows.length ? filteredTable({
      rows,
      caption: tr('organisations.caption'),
      columns: [
        { label: tr('organisations.col.name'), sort: (o) => o.name },
        { label: tr('organisations.col.acronym'), sort: (o) => o.acronym },
        { label: tr('organisations.col.kind'), sort: (o) => labelOf('organisationKinds', o.kind) },
        { label: tr('organisations.col.place'), sort: (o) => o.city },
      ],
      bodyTestId: 'organisations-table',
      rowTestId: 'organisation-row',
      searchId: 'organisations-search',
      searchLabel: tr('organisations.search'),
      emptyText: tr('organisations.noMatch'),
      hrefOf: (o) => hrefOf(o.id),
      matches: (o) => `${o.name} ${o.acronym} ${o.city} ${labelOf('organisationKinds', o.kind)}`,
      cells: (o, href) => [
        h('td', null, h('a', { href, class: 'strong' }, o.name)),
        h('td', null, o.acronym),
        h('td', null, labelOf('organisationKinds', o.kind)),
        h('td', null, [o.city, labelOf('countries', o.country)].filter(Boolean).join(', ')),
      ],
    }) : emptyState(tr('organisations.empty'), linkButton('#/structures/nouveau', tr('organisations.new'), { primary: true }))));
  return {};
}

/** Renders the form of a new (no id) or existing organisation, and what it published, into `root`. */
export async function renderForm(root, params) {
  const codes = getCodes();
  const id = params[0] || null;
  const handle = await renderEntityPage(root, {
    id: params[0] || null,
    prefix: 'organisation',
    cache: 'organisations',
    empty: { name: '', acronym: '', kind: '', country: 'FR', city: '', address: '', website: '', email: '', phone: '', notes: '' },
    load: api.getOrganisation,
    create: api.createOrganisation,
    update: api.updateOrganisation,
    remove: api.deleteOrganisation,
    name: (o) => o.name,
    newTitle: tr('organisations.newTitle'),
    back: { href: '#/structures', label: tr('organisations.back') },
    hrefOf,
    messages: { saved: 'organisations.saved', deleted: 'organisations.deleted', deleteTitle: 'organisations.deleteTitle', deleteMessage: 'organisations.deleteMessage' },
    fields: (form, o) => {
      const f = (spec) => form.field({ ...spec, value: o[spec.name] });
      return [
        section(tr('organisations.section.identity'),
          f({ name: 'name', label: tr('organisations.name'), required: true, wide: true }),
          f({ name: 'acronym', label: tr('organisations.acronym') }),
          f({ name: 'kind', label: tr('organisations.kind'), type: 'select', options: codes.organisationKinds, required: true })),
        section(tr('organisations.section.contact'),
          f({ name: 'address', label: tr('organisations.address'), wide: true }),
          f({ name: 'city', label: tr('organisations.city') }),
          f({ name: 'country', label: tr('organisations.country'), type: 'select', options: codes.countries, emptyLabel: tr('form.none') }),
          f({ name: 'website', label: tr('organisations.website'), type: 'url', hint: tr('organisations.websiteHint') }),
          f({ name: 'email', label: tr('organisations.email'), type: 'email' }),
          f({ name: 'phone', label: tr('organisations.phone'), type: 'tel', hint: tr('form.phoneHint') }),
          f({ name: 'notes', label: tr('organisations.notes'), type: 'textarea', wide: true })),
      ];
    },
    read: (form) => ({
      name: form.value('name'), acronym: form.value('acronym'), kind: form.value('kind'), country: form.value('country'),
      city: form.value('city'), address: form.value('address'), website: form.value('website'), email: form.value('email'),
      phone: form.value('phone'), notes: form.value('notes'),
    }),
  });
  if (id) root.appendChild(await authoredCard(() => api.resourcesOfOrganisation(id), 'organisation-resources'));
  return handle;
}
