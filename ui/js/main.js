// Entry point: builds the shell (top bar, navigation drawn from the route table, main area,
// toasts, dialog), ties the busy indicator to the backend calls, loads the coded lists, starts
// the router and wires the keyboard shortcuts.

import { h, replace } from './dom.js';
import { tr } from './i18n.js';
import * as router from './router.js';
import { ROUTES, NAV } from './routes.js';
import * as api from './api.js';
import { loadCodes } from './refdata.js';
import { createToastContainer } from './components/toast.js';
import { createConfirmDialog, isDialogOpen } from './components/dialog.js';
import { createGlobalSearch } from './components/global-search.js';
import { loadError } from './components/layout.js';
import { watchCalls } from './components/busy.js';
import { renderRecovery } from './views/recovery.js';
import { createSyncStatus } from './components/sync-status.js';

const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
const navLinks = new Map();
const search = createGlobalSearch();
let handle = null;
let section = 'accueil';
let renderCount = 0;

/** The database did not open: only the recovery screen, without navigation or search. */
function showRecovery(status) {
  document.querySelector('.sidenav').hidden = true;
  document.querySelector('.layout').classList.add('layout-without-nav');
  search.el.hidden = true;
  const root = h('div', { class: 'view', 'data-view': 'recovery', 'data-testid': 'recovery' });
  main.replaceChildren(root);
  const title = renderRecovery(root, status);
  document.title = `${title.textContent} – ${tr('app.name')}`;
  title.focus({ preventScroll: true });
}

function buildShell() {
  const skip = h('button', { type: 'button', class: 'skip-link', onclick: () => main.focus() }, tr('nav.skip'));
  const nav = h('nav', { class: 'sidenav', 'aria-label': tr('nav.label') },
    h('ul', { class: 'sidenav-list' }, NAV.map((item) => {
      const link = h('a', { href: item.href, class: 'sidenav-link', 'data-testid': item.testid }, tr(item.label));
      navLinks.set(item.key, link);
      return h('li', null, link);
    })));
  const topbar = h('header', { class: 'topbar' },
    h('a', { href: '#/accueil', class: 'brand' },
      h('span', { class: 'brand-name' }, tr('app.name')),
      h('span', { class: 'brand-tagline' }, tr('app.tagline'))),
    search.el,
    createSyncStatus());
  document.body.append(skip, topbar, h('div', { class: 'layout' }, nav, main), createToastContainer(), createConfirmDialog());
}

async function show(route) {
  const { section: viewSection, view: render } = route.entry;
  section = viewSection;
  for (const [key, link] of navLinks) {
    if (key === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (handle && handle.dispose) handle.dispose();
  handle = null;
  router.clearDirty();
  search.close();
  const mine = ++renderCount;
  // Each view draws into its own root: a slow load for a page already left writes into a
  // detached node instead of over the page now on screen.
  const root = h('div', { class: 'view', 'data-view': route.name });
  main.replaceChildren(root);
  window.scrollTo(0, 0);
  try {
    const result = await render(root, route.params, route);
    if (mine !== renderCount) {
      if (result && result.dispose) result.dispose();
      return;
    }
    handle = result || null;
  } catch (error) {
    if (mine === renderCount) replace(root, loadError(error, () => router.reload()));
  }
  if (mine !== renderCount) return;
  const title = root.querySelector('h1');
  document.title = title ? `${title.textContent} – ${tr('app.name')}` : tr('app.name');
  const active = document.activeElement;
  const target = (handle && handle.focus) || title;
  if (target && (active === document.body || active === main || !active || active.closest('.sidenav'))) {
    target.focus({ preventScroll: true });
  }
}

function onKeydown(event) {
  if (isDialogOpen()) return;
  const ctrl = event.ctrlKey || event.metaKey;
  const key = (event.key || '').toLowerCase();
  if (ctrl && key === 's') {
    event.preventDefault();
    const active = document.activeElement;
    const form = (active && active.closest && active.closest('form')) || main.querySelector('form[data-main]');
    if (form) form.requestSubmit();
  } else if (ctrl && key === 'n') {
    event.preventDefault();
    if (handle && handle.create) {
      handle.create();
    } else {
      const item = NAV.find((n) => n.key === section);
      if (item && item.create) router.navigate(item.create);
    }
  } else if (ctrl && key === 'f') {
    event.preventDefault();
    const pageSearch = main.querySelector('[data-page-search]');
    (pageSearch || search.input).focus();
    (pageSearch || search.input).select();
  } else if (key === 'escape' && !ctrl) {
    if (search.isOpen()) {
      search.close();
    } else if (handle && handle.cancel) {
      handle.cancel();
    }
  }
}

async function boot() {
  document.documentElement.lang = 'fr';
  watchCalls(api.calls);
  buildShell();
  let status;
  try {
    status = await api.databaseStatus();
    await loadCodes();
  } catch (error) {
    main.replaceChildren(loadError(error, () => location.reload()));
    return;
  }
  if (status.problem) {
    showRecovery(status);
    return;
  }
  document.addEventListener('keydown', onKeydown);
  router.start(ROUTES, show);
}

boot();
