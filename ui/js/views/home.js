// Accueil: what the database holds, the next events, and a first-start hint on an empty base;
// the requests, the resources and legal notes to review (home-reviews.js), personal data.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatNumber, todayIso } from '../format.js';
import { labelOf, invalidateAll } from '../refdata.js';
import { pageHeader, card, dataTable, emptyState, linkButton, button, statusBadge, clickableRow } from '../components/layout.js';
import { toast, toastError } from '../components/toast.js';
import { navigate } from '../router.js';
import { gdprCard } from './home-gdpr.js';
import { reviewsCard } from './home-reviews.js';

/** Renders the home view into `root`. */
export async function render(root) {
  const [info, upcoming, incomplete, requests, reviews] = await Promise.all([
    api.appInfo(),
    api.searchEvents({ query: '', from: todayIso(), limit: 5, offset: 0 }),
    api.incompleteProgrammes(),
    api.requestCounts(),
    reviewsCard(),
  ]);
  const counts = info.counts;
  const addDemo = async () => {
    try {
      const id = await api.addDemo();
      invalidateAll();
      toast(tr('events.demoAdded'));
      navigate(`#/evenements/${encodeURIComponent(id)}`);
    } catch (error) {
      toastError(error);
    }
  };

  const stats = [
    ['home.count.events', counts.events, '#/evenements'],
    ['home.count.experts', counts.experts, '#/experts'],
    ['home.count.professions', counts.professions, '#/metiers'],
    ['home.count.organisations', counts.organisations, '#/structures'],
    ['home.count.territories', counts.territories, '#/referentiels/territoires'],
    ['home.count.themes', counts.themes, '#/referentiels/themes'],
  ];

  const firstStart = counts.events === 0 && counts.experts === 0
    ? h('section', { class: 'card card-hint', 'data-testid': 'first-start' },
      h('h2', { class: 'card-title' }, tr('home.firstStart.title')),
      h('p', null, tr('home.firstStart.text1')),
      h('p', null, tr('home.firstStart.text2')),
      h('div', { class: 'button-row' },
        button(tr('events.addDemo'), addDemo, { kind: 'primary', testid: 'home-add-demo' }),
        linkButton('#/evenements/nouveau', tr('events.new')),
        linkButton('#/experts/nouveau', tr('experts.new'))))
    : null;

  let upcomingBlock;
  if (upcoming.items.length) {
    const { table, body } = dataTable({
      caption: tr('home.upcoming'),
      columns: [{ label: tr('events.col.dates') }, { label: tr('events.col.title') }, { label: tr('events.col.kind') }, { label: tr('events.col.status') }, { label: tr('events.col.place') }],
      bodyTestId: 'home-upcoming',
    });
    for (const event of upcoming.items) {
      const href = `#/evenements/${encodeURIComponent(event.id)}`;
      body.appendChild(clickableRow(h('tr', { 'data-id': event.id },
        h('td', { class: 'nowrap' }, formatDate(event.startDate), event.endDate && event.endDate !== event.startDate ? [h('br'), formatDate(event.endDate)] : null),
        h('td', null, h('a', { href }, event.title), event.code ? h('span', { class: 'muted block' }, event.code) : null),
        h('td', null, labelOf('eventKinds', event.kind)),
        h('td', null, statusBadge(event.status, labelOf('eventStatuses', event.status))),
        h('td', null, [event.city, labelOf('countries', event.country)].filter(Boolean).join(', '))), href));
    }
    upcomingBlock = table;
  } else {
    upcomingBlock = emptyState(tr('home.noUpcoming'), linkButton('#/evenements/nouveau', tr('events.new'), { primary: true }));
  }

  fill(root, 
    pageHeader(tr('home.title'), { subtitle: tr('home.subtitle') }),
    firstStart,
    h('section', { class: 'stats', 'aria-label': tr('home.statsLabel') },
      stats.map(([key, value, href]) => h('a', { class: 'stat', href, 'data-testid': `stat-${key.split('.').pop()}` },
        h('span', { class: 'stat-value' }, formatNumber(value)),
        h('span', { class: 'stat-label' }, tr(key))))),
    card(tr('home.upcoming'), upcomingBlock,
      h('p', { class: 'card-footer-link' }, h('a', { href: '#/evenements' }, tr('home.allEvents')))),
    incomplete.length
      ? card(tr('home.incomplete.title'),
        h('p', { class: 'muted' }, tr('home.incomplete.intro')),
        h('ul', { class: 'plain-list incomplete-list', 'data-testid': 'home-incomplete' }, incomplete.map((item) => h('li', null,
          h('a', { href: `#/evenements/${encodeURIComponent(item.eventId)}/modifier` }, item.title),
          h('span', { class: 'muted' }, ` — ${item.code}, ${formatDate(item.startDate)}`),
          h('span', { class: 'block' }, tr('home.incomplete.missing', { items: item.missing.join(', ') }))))))
      : null,
    requestsCard(requests),
    reviews,
    gdprCard(),
    h('p', { class: 'app-meta', 'data-testid': 'app-meta' },
      tr('home.meta', { path: info.dbPath, schema: info.schemaVersion, version: info.appVersion })));
  return {};
}

/** Open requests by status (each a link to the filtered list) and those unanswered after 30 days. */
function requestsCard(counts) {
  const open = counts.openByStatus.filter((c) => c.count > 0);
  const href = (id) => `#/demandes/${encodeURIComponent(id)}`;
  return card(tr('home.requests.title'),
    open.length
      ? h('ul', { class: 'plain-list', 'data-testid': 'home-requests', 'aria-label': tr('home.requests.open') },
        open.map((c) => h('li', null, statusBadge(c.status, c.label), ` ${formatNumber(c.count)}`)))
      : h('p', { class: 'muted' }, tr('home.requests.none')),
    counts.unanswered.length
      ? [h('p', null, tr('home.requests.unanswered', { days: counts.answerDays })),
        h('ul', { class: 'plain-list', 'data-testid': 'home-requests-unanswered' }, counts.unanswered.map((r) => h('li', null,
          h('a', { href: href(r.id) }, r.title),
          h('span', { class: 'muted' }, ` — ${tr('home.requests.received', { date: formatDate(r.receivedDate) })}`))))]
      : null,
    h('p', { class: 'card-footer-link' }, h('a', { href: '#/demandes' }, tr('home.requests.all'))));
}
