// Référentiels: territories and themes (editable), profession families and Interreg
// programmes (read-only reference tables shipped with the application).

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes, labelOf, getList } from '../refdata.js';
import { section, checklist } from '../components/form.js';
import { pageHeader, card, linkButton } from '../components/layout.js';
import { renderEntityPage, filteredTable } from '../components/entity-page.js';
import { navigate } from '../router.js';

const TABS = [
  ['territoires', 'reference.tab.territories'],
  ['themes', 'reference.tab.themes'],
  ['familles', 'reference.tab.families'],
  ['interreg', 'reference.tab.interreg'],
];

const territoryHref = (id) => `#/referentiels/territoires/${encodeURIComponent(id)}`;
const themeHref = (id) => `#/referentiels/themes/${encodeURIComponent(id)}`;

/** Renders the reference lists (tab in params[0]) into `root`. */
export async function renderTabs(root, params) {
  const tab = params[0] || 'territoires';
  const tabs = h('nav', { class: 'tabs', 'aria-label': tr('reference.tabsLabel') },
    h('ul', null, TABS.map(([key, label]) => h('li', null,
      h('a', { href: `#/referentiels/${key}`, class: 'tab', 'data-testid': `reference-tab-${key}`, 'aria-current': key === tab ? 'page' : null }, tr(label))))));
  let content;
  let actions = [];
  if (tab === 'territoires') {
    const rows = await api.listTerritories();
    actions = [linkButton('#/referentiels/territoires/nouveau', tr('territories.new'), { primary: true, testid: 'territory-new' })];
    content = filteredTable({
      rows,
      caption: tr('reference.tab.territories'),
      columns: [{ label: tr('territories.col.name'), sort: (t) => t.name }, { label: tr('territories.col.kind'), sort: (t) => labelOf('territoryKinds', t.kind) }, { label: tr('territories.col.countries') }],
      bodyTestId: 'territories-table', rowTestId: 'territory-row', searchId: 'territories-search', searchLabel: tr('territories.search'),
      emptyText: tr('territories.empty'), hrefOf: (t) => territoryHref(t.id),
      matches: (t) => `${t.name} ${t.countries.map((c) => labelOf('countries', c)).join(' ')}`,
      cells: (t, href) => [
        h('td', null, h('a', { href, class: 'strong' }, t.name)),
        h('td', null, labelOf('territoryKinds', t.kind)),
        h('td', null, t.countries.map((c) => labelOf('countries', c)).join(', ')),
      ],
    });
  } else if (tab === 'themes') {
    const rows = await api.listThemes();
    actions = [linkButton('#/referentiels/themes/nouveau', tr('themes.new'), { primary: true, testid: 'theme-new' })];
    content = filteredTable({
      rows,
      caption: tr('reference.tab.themes'),
      columns: [{ label: tr('themes.col.label'), sort: (t) => t.label }, { label: tr('themes.col.labelEn'), sort: (t) => t.labelEn }],
      bodyTestId: 'themes-table', rowTestId: 'theme-row', searchId: 'themes-search', searchLabel: tr('themes.search'),
      emptyText: tr('themes.empty'), hrefOf: (t) => themeHref(t.id),
      matches: (t) => `${t.label} ${t.labelEn}`,
      cells: (t, href) => [h('td', null, h('a', { href, class: 'strong' }, t.label)), h('td', { lang: 'en' }, t.labelEn)],
    });
  } else if (tab === 'familles') {
    const rows = await getList('families');
    content = h('div', null, h('p', { class: 'muted' }, tr('reference.readOnly')), filteredTable({
      rows,
      caption: tr('reference.tab.families'),
      columns: [{ label: tr('families.col.label'), sort: (f) => f.label }, { label: tr('families.col.level'), sort: (f) => f.level }],
      bodyTestId: 'families-table', rowTestId: 'family-row', searchId: 'families-search', searchLabel: tr('families.search'),
      emptyText: tr('families.empty'),
      matches: (f) => f.label,
      cells: (f) => [h('td', null, f.label), h('td', null, f.level)],
    }));
  } else {
    const rows = await api.listInterregProgrammes();
    content = h('div', null, h('p', { class: 'muted' }, tr('reference.readOnly')), filteredTable({
      rows,
      caption: tr('reference.tab.interreg'),
      columns: [{ label: tr('interreg.col.name'), sort: (p) => p.name }, { label: tr('interreg.col.period'), sort: (p) => p.period }, { label: tr('interreg.col.kind'), sort: (p) => p.kind }, { label: tr('interreg.col.perimeter'), sort: (p) => p.frenchPerimeter }, { label: tr('interreg.col.notes') }],
      bodyTestId: 'interreg-table', rowTestId: 'interreg-row', searchId: 'interreg-search', searchLabel: tr('interreg.search'),
      emptyText: tr('interreg.empty'),
      matches: (p) => `${p.name} ${p.frenchPerimeter} ${p.kind}`,
      cells: (p) => [h('td', { class: 'strong' }, p.name), h('td', { class: 'nowrap' }, p.period), h('td', null, p.kind), h('td', null, p.frenchPerimeter), h('td', null, p.notes)],
    }));
  }
  fill(root, pageHeader(tr('reference.title'), { actions, subtitle: tr('reference.subtitle') }), tabs, card(null, content));
  const newRoute = { territoires: '#/referentiels/territoires/nouveau', themes: '#/referentiels/themes/nouveau' }[tab];
  return { create: newRoute ? () => navigate(newRoute) : null };
}

/** Renders the form of a new (no id) or existing territory into `root`. */
export function renderTerritory(root, params) {
  const codes = getCodes();
  return renderEntityPage(root, {
    id: params[0] || null,
    prefix: 'territory',
    cache: 'territories',
    empty: { name: '', kind: '', countries: ['FR'], notes: '' },
    load: api.getTerritory,
    create: api.createTerritory,
    update: api.updateTerritory,
    remove: api.deleteTerritory,
    name: (t) => t.name,
    newTitle: tr('territories.newTitle'),
    back: { href: '#/referentiels/territoires', label: tr('territories.back') },
    hrefOf: territoryHref,
    messages: { saved: 'territories.saved', deleted: 'territories.deleted', deleteTitle: 'territories.deleteTitle', deleteMessage: 'territories.deleteMessage' },
    fields: (form, t) => [
      section(tr('territories.section'),
        form.field({ name: 'name', label: tr('territories.name'), required: true, wide: true, value: t.name }),
        form.field({ name: 'kind', label: tr('territories.kind'), type: 'select', options: codes.territoryKinds, required: true, value: t.kind }),
        checklist({ form, name: 'countries', legend: tr('territories.countries'), items: codes.countries, selected: t.countries, filterable: true }),
        form.field({ name: 'notes', label: tr('territories.notes'), type: 'textarea', wide: true, value: t.notes })),
    ],
    read: (form) => ({ name: form.value('name'), kind: form.value('kind'), countries: form.checked('countries'), notes: form.value('notes') }),
  });
}

/** Renders the form of a new (no id) or existing theme into `root`. */
export function renderTheme(root, params) {
  return renderEntityPage(root, {
    id: params[0] || null,
    prefix: 'theme',
    cache: 'themes',
    empty: { label: '', labelEn: '' },
    load: api.getTheme,
    create: api.createTheme,
    update: api.updateTheme,
    remove: api.deleteTheme,
    name: (t) => t.label,
    newTitle: tr('themes.newTitle'),
    back: { href: '#/referentiels/themes', label: tr('themes.back') },
    hrefOf: themeHref,
    messages: { saved: 'themes.saved', deleted: 'themes.deleted', deleteTitle: 'themes.deleteTitle', deleteMessage: 'themes.deleteMessage' },
    fields: (form, t) => [
      section(tr('themes.section'),
        form.field({ name: 'label', label: tr('themes.label'), required: true, value: t.label }),
        form.field({ name: 'labelEn', label: tr('themes.labelEn'), value: t.labelEn })),
    ],
    read: (form) => ({ label: form.value('label'), labelEn: form.value('labelEn') }),
  });
}
