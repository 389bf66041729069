// Hash routes (#/experts/ID…) matched against the table of routes.js, and the unsaved-changes
// guard. A route change while a form has unsaved changes asks first; answering no puts the
// previous address back. The table is handed over by `start` rather than imported, so that the
// views (which import this module) and the router do not import each other.

import { confirmDialog } from './components/dialog.js';
import { tr } from './i18n.js';

/** The route table (routes.js), given by `start`; the first route is the home view. */
let routes = [];

/** The forms on screen that hold unsaved changes. */
const dirtyOwners = new Set();
let currentHash = '';
let onRoute = () => {};

/** Marks a form (`owner`) as having, or no longer having, unsaved changes. */
export function setDirty(flag, owner = 'page') {
  if (flag) dirtyOwners.add(owner);
  else dirtyOwners.delete(owner);
}

/** Forgets every unsaved change (the page is being replaced). */
export function clearDirty() {
  dirtyOwners.clear();
}

/** Whether a form on screen has unsaved changes. */
export function isDirty() {
  return dirtyOwners.size > 0;
}

/**
 * The route for a hash: {name, params, path, entry} where `entry` is the table's row; unknown
 * addresses go home.
 */
export function resolve(hash) {
  const path = decodeURIComponent((hash || '').replace(/^#/, '')) || '/accueil';
  for (const entry of routes) {
    const match = entry.pattern.exec(path);
    if (match) return { name: entry.name, params: match.slice(1), path, entry };
  }
  return { name: routes[0].name, params: [], path: '/accueil', entry: routes[0] };
}

/**
 * Asks whether to drop unsaved changes (of one form `owner`, or of the whole page); resolves
 * true when it is fine to go on.
 */
export async function confirmLeave(owner = null) {
  if (owner ? !dirtyOwners.has(owner) : !isDirty()) return true;
  const leave = await confirmDialog({
    title: tr('guard.title'),
    message: tr('guard.message'),
    confirmLabel: tr('guard.leave'),
    cancelLabel: tr('guard.stay'),
    danger: true,
  });
  if (leave && owner) dirtyOwners.delete(owner);
  else if (leave) dirtyOwners.clear();
  return leave;
}

async function handleChange() {
  const target = location.hash || '#/accueil';
  if (target === currentHash) return;
  if (isDirty()) {
    const wanted = target;
    // Put the previous address back while the question is asked.
    history.replaceState(null, '', currentHash);
    if (!(await confirmLeave())) return;
    history.pushState(null, '', wanted);
  }
  currentHash = location.hash || '#/accueil';
  remember(currentHash);
  onRoute(resolve(currentHash));
}

const LAST_VIEW_KEY = 'passerelle.lastView';

/**
 * Keeps the section on screen (#/experts, #/evenements…) for the next start. Only the section:
 * a record or a half-filled form from last time may no longer make sense.
 */
function remember(hash) {
  const section = resolve(hash).path.split('/')[1];
  try {
    localStorage.setItem(LAST_VIEW_KEY, `#/${section}`);
  } catch {
    // Storage refused (private mode, full disk): starting on the home view is fine.
  }
}

/** The section remembered from the last run, or the home view. */
function lastView() {
  try {
    const saved = localStorage.getItem(LAST_VIEW_KEY);
    if (saved && resolve(saved).path === saved.slice(1)) return saved;
  } catch {
    // As above.
  }
  return '#/accueil';
}

/**
 * Starts routing on `table` (routes.js `ROUTES`): `handler(route)` is called for the current and
 * every later address.
 */
export function start(table, handler) {
  routes = table;
  onRoute = handler;
  window.addEventListener('hashchange', handleChange);
  if (!location.hash) history.replaceState(null, '', lastView());
  currentHash = location.hash;
  remember(currentHash);
  onRoute(resolve(currentHash));
}

/** Goes to `hash` (e.g. "#/experts/ID"), through the unsaved-changes guard. */
export function navigate(hash) {
  if (location.hash === hash) {
    reload();
  } else {
    location.hash = hash;
  }
}

/** Goes to `hash` replacing the current history entry (after a creation, a deletion). */
export function redirect(hash) {
  dirtyOwners.clear();
  history.replaceState(null, '', hash);
  currentHash = hash;
  remember(hash);
  onRoute(resolve(hash));
}

/** Renders the current address again. */
export function reload() {
  onRoute(resolve(currentHash));
}
