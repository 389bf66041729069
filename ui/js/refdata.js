// Reference lists used by several views (coded values, themes, territories, organisations,
// professions, families), loaded once and reloaded after an edit. Views read them through
// these functions so select lists stay consistent across the application.

import * as api from './api.js';

let codes = null;
const cache = new Map();

const loaders = {
  themes: api.listThemes,
  territories: api.listTerritories,
  organisations: api.listOrganisations,
  professions: () => api.listProfessions(''),
  families: api.listProfessionFamilies,
};

/** Loads the coded lists once at start-up. */
export async function loadCodes() {
  codes = await api.listCodes();
  return codes;
}

/** The coded lists: organisationKinds, eventKinds, languages, countries… */
export function getCodes() {
  return codes;
}

/** The French label of `code` in the coded list `listName`, or the code itself. */
export function labelOf(listName, code) {
  if (!code) return '';
  const list = (codes && codes[listName]) || [];
  const found = list.find((item) => item.code === code);
  return found ? found.label : code;
}

/** A reference list by name (themes, territories, organisations, professions, families). */
export function getList(name) {
  if (!cache.has(name)) {
    const promise = loaders[name]().catch((error) => {
      cache.delete(name);
      throw error;
    });
    cache.set(name, promise);
  }
  return cache.get(name);
}

/** Forgets a cached list after it changed. */
export function invalidate(name) {
  cache.delete(name);
}

/** Forgets every cached list (after an import or the example event added records). */
export function invalidateAll() {
  cache.clear();
}

/** Themes, territories, organisations and professions as {code,label} lists for selects. */
export async function choiceLists() {
  const [themes, territories, organisations, professions] = await Promise.all([
    getList('themes'), getList('territories'), getList('organisations'), getList('professions'),
  ]);
  return {
    themes: themes.map((t) => ({ code: t.id, label: t.label })),
    territories: territories.map((t) => ({ code: t.id, label: t.name })),
    organisations: organisations.map((o) => ({ code: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
    professions: professions.map((p) => ({ code: p.id, label: p.title, group: p.familyLabel || '' })),
  };
}
