// The one table of the interface's addresses: each route's hash pattern, the view that draws
// it and the navigation section it belongs to; a section's list route also carries its entry in
// the left navigation. The router matches against it, the shell draws the navigation from it,
// and the global search builds its links from it.

import * as home from './views/home.js';
import * as experts from './views/experts.js';
import * as expertForm from './views/expert-form.js';
import * as events from './views/events.js';
import * as eventForm from './views/event-form.js';
import * as eventPage from './views/event-page.js';
import * as professions from './views/professions.js';
import * as organisations from './views/organisations.js';
import * as reference from './views/reference.js';
import * as exchange from './views/exchange.js';
import * as requests from './views/requests.js';
import * as requestPage from './views/request-page.js';
import * as resources from './views/resources.js';
import * as resourceForm from './views/resource-form.js';
import * as resourcePage from './views/resource-page.js';
import * as legalNotes from './views/legal-notes.js';
import * as legalNoteForm from './views/legal-note-form.js';
import * as legalNotePage from './views/legal-note-page.js';
import * as sharing from './views/sharing.js';

/**
 * In matching order. name: the route's name (also `data-view` on the view's root);
 * pattern: the path after "#", its groups are the view's params; section: the navigation entry
 * lit while the route is on screen; view: `render(root, params, route)`; nav: on the section's
 * list route, {label (i18n key), create (the address Ctrl+N opens), testid}; record: the kind of
 * global search hit that opens on this route.
 */
export const ROUTES = [
  { name: 'home', pattern: /^\/accueil$/, section: 'accueil', view: home.render, nav: { label: 'nav.home' } },
  { name: 'events', pattern: /^\/evenements$/, section: 'evenements', view: events.render, nav: { label: 'nav.events', create: '#/evenements/nouveau' } },
  { name: 'eventNew', pattern: /^\/evenements\/nouveau$/, section: 'evenements', view: eventForm.render },
  { name: 'eventFromRequest', pattern: /^\/evenements\/nouveau\/demande\/([^/]+)$/, section: 'evenements', view: eventForm.render },
  { name: 'eventEdit', pattern: /^\/evenements\/([^/]+)\/modifier(?:\/([A-Za-z.]+))?$/, section: 'evenements', view: eventForm.render },
  { name: 'event', pattern: /^\/evenements\/([^/]+)$/, section: 'evenements', view: eventPage.render, record: 'event' },
  { name: 'experts', pattern: /^\/experts$/, section: 'experts', view: experts.render, nav: { label: 'nav.experts', create: '#/experts/nouveau' } },
  { name: 'expertNew', pattern: /^\/experts\/nouveau$/, section: 'experts', view: expertForm.render },
  { name: 'expert', pattern: /^\/experts\/([^/]+)$/, section: 'experts', view: expertForm.render, record: 'expert' },
  { name: 'professions', pattern: /^\/metiers$/, section: 'metiers', view: professions.renderList, nav: { label: 'nav.professions', create: '#/metiers/nouveau' } },
  { name: 'professionNew', pattern: /^\/metiers\/nouveau$/, section: 'metiers', view: professions.renderDetail },
  { name: 'profession', pattern: /^\/metiers\/([^/]+)$/, section: 'metiers', view: professions.renderDetail, record: 'profession' },
  { name: 'organisations', pattern: /^\/structures$/, section: 'structures', view: organisations.renderList, nav: { label: 'nav.organisations', create: '#/structures/nouveau' } },
  { name: 'organisationNew', pattern: /^\/structures\/nouveau$/, section: 'structures', view: organisations.renderForm },
  { name: 'organisation', pattern: /^\/structures\/([^/]+)$/, section: 'structures', view: organisations.renderForm },
  { name: 'reference', pattern: /^\/referentiels(?:\/(territoires|themes|familles|interreg))?$/, section: 'referentiels', view: reference.renderTabs, nav: { label: 'nav.reference' } },
  { name: 'territoryNew', pattern: /^\/referentiels\/territoires\/nouveau$/, section: 'referentiels', view: reference.renderTerritory },
  { name: 'territory', pattern: /^\/referentiels\/territoires\/([^/]+)$/, section: 'referentiels', view: reference.renderTerritory },
  { name: 'themeNew', pattern: /^\/referentiels\/themes\/nouveau$/, section: 'referentiels', view: reference.renderTheme },
  { name: 'theme', pattern: /^\/referentiels\/themes\/([^/]+)$/, section: 'referentiels', view: reference.renderTheme },
  { name: 'requests', pattern: /^\/demandes$/, section: 'demandes', view: requests.render, nav: { label: 'nav.requests', create: '#/demandes/nouveau' } },
  { name: 'requestNew', pattern: /^\/demandes\/nouveau$/, section: 'demandes', view: requestPage.render },
  { name: 'request', pattern: /^\/demandes\/([^/]+)$/, section: 'demandes', view: requestPage.render },
  { name: 'resources', pattern: /^\/ressources$/, section: 'ressources', view: resources.render, nav: { label: 'nav.resources', create: '#/ressources/nouveau' } },
  { name: 'resourceNew', pattern: /^\/ressources\/nouveau$/, section: 'ressources', view: resourceForm.render },
  { name: 'resourceEdit', pattern: /^\/ressources\/([^/]+)\/modifier$/, section: 'ressources', view: resourceForm.render },
  { name: 'resource', pattern: /^\/ressources\/([^/]+)$/, section: 'ressources', view: resourcePage.render, record: 'resource' },
  { name: 'legalNotes', pattern: /^\/juridique$/, section: 'juridique', view: legalNotes.render, nav: { label: 'nav.legalNotes', create: '#/juridique/nouveau' } },
  { name: 'legalNoteNew', pattern: /^\/juridique\/nouveau$/, section: 'juridique', view: legalNoteForm.render },
  { name: 'legalNoteEdit', pattern: /^\/juridique\/([^/]+)\/modifier$/, section: 'juridique', view: legalNoteForm.render },
  { name: 'legalNote', pattern: /^\/juridique\/([^/]+)$/, section: 'juridique', view: legalNotePage.render, record: 'legalNote' },
  { name: 'exchange', pattern: /^\/echanges$/, section: 'echanges', view: exchange.render, nav: { label: 'nav.exchange', testid: 'nav-exchange' } },
  { name: 'sharing', pattern: /^\/partage$/, section: 'partage', view: sharing.render, nav: { label: 'nav.sharing', testid: 'nav-sharing' } },
];

/** The route drawn for an unknown address. */
export const HOME = ROUTES[0];

/** The left navigation, in table order: [{key, href, label, create, testid}]. */
export const NAV = ROUTES.filter((route) => route.nav).map((route) => ({
  key: route.section,
  href: `#/${route.section}`,
  label: route.nav.label,
  create: route.nav.create || null,
  testid: route.nav.testid || `nav-${route.section}`,
}));

/** The address of a record found by the global search ("expert", "event", "profession", "resource", "legalNote"). */
export function recordHref(kind, id) {
  const route = ROUTES.find((each) => each.record === kind);
  return route ? `#/${route.section}/${encodeURIComponent(id)}` : '#/';
}
