// Métiers: professions listed by family with a search; the page of a profession with its
// competences and the observations of how each evolves (year, trend, required level, source).

import { h, replace, options, debounce, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatNumber, formatDateTime } from '../format.js';
import { getCodes, labelOf, getList, invalidate } from '../refdata.js';
import { Form, section } from '../components/form.js';
import { pageHeader, card, button, linkButton, emptyState, clickableRow, loadError } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { redirect, reload, confirmLeave } from '../router.js';
import { competencesReportCard } from './competences-report.js';

const state = { query: '', familyId: '' };

/** Renders the list of professions into `root`. */
export async function renderList(root) {
  const families = await getList('families');
  const results = h('div', { class: 'list-results' });
  const status = h('p', { class: 'pager-summary', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', id: 'professions-search', 'data-testid': 'professions-search', 'data-page-search': '', value: state.query, autocomplete: 'off' });
  const family = h('select', { id: 'professions-family', 'data-testid': 'professions-family' },
    options(families.map((f) => ({ code: f.id, label: f.label })), state.familyId, tr('filter.allFamilies')));

  let sequence = 0;
  async function load() {
    const mine = ++sequence;
    let list;
    try {
      list = await api.listProfessions(state.query.trim());
    } catch (error) {
      if (mine === sequence) replace(results, loadError(error, load));
      return;
    }
    if (mine !== sequence) return;
    if (state.familyId) list = list.filter((p) => p.familyId === state.familyId);
    status.textContent = tr(list.length === 1 ? 'professions.count.one' : 'professions.count.other', { count: formatNumber(list.length) });
    if (!list.length) {
      replace(results, state.query || state.familyId
        ? emptyState(tr('professions.noMatch'))
        : emptyState(tr('professions.empty'), linkButton('#/metiers/nouveau', tr('professions.new'), { primary: true })));
      return;
    }
    const body = h('tbody', { 'data-testid': 'professions-table' });
    let current = null;
    for (const profession of list) {
      const group = profession.familyLabel || tr('professions.noFamily');
      if (group !== current) {
        current = group;
        body.appendChild(h('tr', { class: 'group-row' }, h('th', { scope: 'colgroup', colspan: '3' }, group)));
      }
      const href = `#/metiers/${encodeURIComponent(profession.id)}`;
      body.appendChild(clickableRow(h('tr', { 'data-id': profession.id, 'data-testid': 'profession-row' },
        h('td', null, h('a', { href, class: 'strong' }, profession.title)),
        h('td', null, profession.code),
        h('td', null, profession.description ? h('span', { class: 'muted clamp' }, profession.description) : null)), href));
    }
    replace(results, h('div', { class: 'table-wrapper' }, h('table', { class: 'table' },
      h('caption', { class: 'visually-hidden' }, tr('professions.caption')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, tr('professions.col.title')),
        h('th', { scope: 'col' }, tr('professions.col.code')),
        h('th', { scope: 'col' }, tr('professions.col.description')))),
      body)));
  }
  search.addEventListener('input', debounce(() => {
    state.query = search.value;
    load();
  }, 250));
  search.addEventListener('keydown', (event) => { if (event.key === 'Enter') event.preventDefault(); });
  family.addEventListener('change', () => {
    state.familyId = family.value;
    load();
  });

  fill(root, 
    pageHeader(tr('professions.title'), { actions: [linkButton('#/metiers/nouveau', tr('professions.new'), { primary: true, testid: 'profession-new' })] }),
    card(null,
      h('div', { class: 'filters' },
        h('div', { class: 'filter-row' },
          h('div', { class: 'field field-inline field-grow' }, h('label', { for: 'professions-search', class: 'field-label' }, tr('professions.search')), search),
          h('div', { class: 'field field-inline' }, h('label', { for: 'professions-family', class: 'field-label' }, tr('filter.family')), family))),
      status, results),
    competencesReportCard(families));
  await load();
  return {};
}

/** Renders the page of a new (no id) or existing profession into `root`. */
export async function renderDetail(root, params) {
  const id = params[0] || null;
  const [families, loaded] = await Promise.all([
    getList('families'),
    id ? api.getProfession(id) : Promise.resolve({ title: '', familyId: null, code: '', description: '', competences: [] }),
  ]);
  let profession = loaded;
  const form = new Form('profession', { onSubmit: save, onReload: reload });
  form.el.dataset.main = '';
  const f = (spec) => form.field({ ...spec, value: spec.value ?? profession[spec.name] });
  fill(form.el, 
    section(tr('profession.section.main'),
      f({ name: 'title', label: tr('profession.title'), required: true, wide: true }),
      f({ name: 'familyId', label: tr('profession.family'), type: 'select', options: families.map((fa) => ({ code: fa.id, label: fa.label })), emptyLabel: tr('form.none') }),
      f({ name: 'code', label: tr('profession.code'), hint: tr('profession.codeHint') }),
      f({ name: 'description', label: tr('profession.description'), type: 'textarea', rows: 4, wide: true })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'profession-save' }, tr('action.save')),
      linkButton('#/metiers', tr('action.cancel'), { testid: 'profession-cancel' })));

  async function save() {
    const input = { title: form.value('title'), familyId: form.optional('familyId'), code: form.value('code'), description: form.value('description') };
    try {
      const saved = id ? await api.updateProfession(id, profession.version, input) : await api.createProfession(input);
      form.markClean();
      invalidate('professions');
      toast(tr('profession.saved', { title: saved.title }));
      redirect(`#/metiers/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      form.showError(error);
    }
  }

  async function remove() {
    const yes = await confirmDialog({ title: tr('profession.deleteTitle'), message: tr('profession.deleteMessage', { title: profession.title }), confirmLabel: tr('action.delete'), danger: true });
    if (!yes) return;
    try {
      await api.deleteProfession(id);
      form.markClean();
      invalidate('professions');
      toast(tr('profession.deleted', { title: profession.title }));
      redirect('#/metiers');
    } catch (error) {
      form.showError(error);
      toastError(error);
    }
  }

  fill(root, 
    pageHeader(id ? profession.title : tr('profession.newTitle'), {
      back: { href: '#/metiers', label: tr('professions.back') },
      subtitle: id ? profession.familyLabel || '' : tr('form.requiredNote'),
      actions: id ? [button(tr('action.delete'), remove, { kind: 'danger', testid: 'profession-delete' })] : [],
    }),
    card(null, form.el));
  if (id) {
    fill(root, competencesCard(() => profession, (updated) => { profession = updated; }));
    fill(root, h('p', { class: 'app-meta' }, `${tr('common.created', { date: formatDateTime(profession.createdAt) })} · ${tr('common.updated', { date: formatDateTime(profession.updatedAt) })}`));
  }
  return { focus: id ? null : form.control('title') };
}

/** The competences of a profession with their observations, edited in place. */
function competencesCard(getProfession, setProfession) {
  const codes = getCodes();
  const list = h('div', { class: 'competences', 'data-testid': 'competences' });
  const addSlot = h('div');
  let openForm = null;

  const apply = (updated, focusSelector) => {
    setProfession(updated);
    closeSub();
    draw();
    const target = focusSelector && list.querySelector(focusSelector);
    if (target) target.focus();
  };
  function closeSub() {
    if (openForm) openForm.form.markClean();
    if (openForm) openForm.slot.replaceChildren();
    openForm = null;
  }
  async function openSub(slot, build) {
    if (openForm && openForm.form.dirty && !(await confirmLeave(openForm.form))) return;
    closeSub();
    const form = build();
    openForm = { form, slot };
    slot.replaceChildren(h('div', { class: 'card-inset' }, form.el));
    const first = form.el.querySelector('input, select, textarea');
    if (first) first.focus();
  }
  const subActions = (prefix) => h('div', { class: 'form-actions' },
    h('button', { type: 'submit', class: 'button button-primary', 'data-testid': `${prefix}-save` }, tr('action.save')),
    button(tr('action.cancel'), () => { closeSub(); }, { testid: `${prefix}-cancel` }));

  function competenceForm(competence) {
    const form = new Form('competence', {
      noticeTestId: 'competence-notice',
      title: competence ? tr('competence.editTitle') : tr('competence.newTitle'),
      onReload: async () => apply(await api.getProfession(getProfession().id)),
      onSubmit: async () => {
        const input = { label: form.value('label'), description: form.value('description') };
        try {
          const updated = competence
            ? await api.updateCompetence(competence.id, competence.version, input)
            : await api.addCompetence(getProfession().id, input);
          toast(tr('competence.saved', { label: input.label }));
          apply(updated);
        } catch (error) {
          form.showError(error);
        }
      },
    });
    const values = competence || { label: '', description: '' };
    fill(form.el, 
      h('div', { class: 'form-grid' },
        form.field({ name: 'label', label: tr('competence.label'), required: true, wide: true, value: values.label }),
        form.field({ name: 'description', label: tr('competence.description'), type: 'textarea', wide: true, value: values.description })),
      subActions('competence'));
    return form;
  }

  function observationForm(competence, observation) {
    const form = new Form('observation', {
      noticeTestId: 'observation-notice',
      title: observation ? tr('observation.editTitle') : tr('observation.newTitle', { label: competence.label }),
      onReload: async () => apply(await api.getProfession(getProfession().id)),
      onSubmit: async () => {
        const yearText = form.control('year').value.trim();
        const input = {
          year: yearText === '' ? 0 : Number(yearText),
          trend: form.value('trend'), level: form.value('level'), source: form.value('source'), notes: form.value('notes'),
        };
        try {
          const updated = observation
            ? await api.updateObservation(observation.id, observation.version, input)
            : await api.addObservation(competence.id, input);
          toast(tr('observation.saved'));
          apply(updated);
        } catch (error) {
          form.showError(error);
        }
      },
    });
    const values = observation || { year: new Date().getFullYear(), trend: '', level: '', source: '', notes: '' };
    fill(form.el, 
      h('div', { class: 'form-grid' },
        form.field({ name: 'year', label: tr('observation.year'), type: 'number', required: true, value: values.year }),
        form.field({ name: 'trend', label: tr('observation.trend'), type: 'select', options: codes.trends, required: true, value: values.trend }),
        form.field({ name: 'level', label: tr('observation.level'), hint: tr('observation.levelHint'), value: values.level }),
        form.field({ name: 'source', label: tr('observation.source'), value: values.source }),
        form.field({ name: 'notes', label: tr('observation.notes'), type: 'textarea', wide: true, value: values.notes })),
      subActions('observation'));
    return form;
  }

  async function removeCompetence(competence) {
    const yes = await confirmDialog({ title: tr('competence.deleteTitle'), message: tr('competence.deleteMessage', { label: competence.label, count: competence.observations.length }), confirmLabel: tr('action.delete'), danger: true });
    if (!yes) return;
    try {
      apply(await api.deleteCompetence(competence.id), '[data-testid="competence-new"]');
      toast(tr('competence.deleted', { label: competence.label }));
    } catch (error) {
      toastError(error);
    }
  }

  async function removeObservation(observation) {
    const yes = await confirmDialog({ title: tr('observation.deleteTitle'), message: tr('observation.deleteMessage', { year: observation.year }), confirmLabel: tr('action.delete'), danger: true });
    if (!yes) return;
    try {
      apply(await api.deleteObservation(observation.id));
      toast(tr('observation.deleted'));
    } catch (error) {
      toastError(error);
    }
  }

  /** Competences × years: the trend observed each year, at a glance. */
  function trendsByYear(competences) {
    const years = [...new Set(competences.flatMap((c) => c.observations.map((o) => o.year)))].sort((a, b) => a - b);
    if (!years.length) return null;
    return h('div', { class: 'trends-by-year' },
      h('h3', { id: 'trends-title' }, tr('trends.title')),
      h('div', { class: 'table-wrapper' }, h('table', { class: 'table table-compact', 'data-testid': 'trends-by-year', 'aria-labelledby': 'trends-title' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, tr('trends.competence')), years.map((year) => h('th', { scope: 'col', class: 'numeric' }, String(year))))),
        h('tbody', null, competences.map((competence) => h('tr', null,
          h('th', { scope: 'row' }, competence.label),
          years.map((year) => {
            const seen = competence.observations.filter((o) => o.year === year);
            return h('td', { class: 'numeric' }, seen.map((o) => h('span', { class: ['trend', `trend-${o.trend}`, 'block'] }, labelOf('trends', o.trend))));
          })))))));
  }

  function draw() {
    const competences = getProfession().competences || [];
    if (!competences.length) {
      replace(list, emptyState(tr('competence.empty')));
      return;
    }
    replace(list, trendsByYear(competences), ...competences.map((competence) => {
      const editSlot = h('div');
      const obsSlot = h('div');
      const headingId = `competence-${competence.id}`;
      const observations = [...competence.observations].sort((a, b) => b.year - a.year);
      return h('article', { class: 'competence', 'data-id': competence.id, 'data-testid': 'competence', 'aria-labelledby': headingId },
        h('div', { class: 'competence-header' },
          h('h3', { id: headingId }, competence.label),
          h('div', { class: 'button-row' },
            button(tr('action.edit'), () => openSub(editSlot, () => competenceForm(competence)), { kind: 'tertiary', small: true, testid: 'competence-edit', ariaLabel: tr('competence.editLabel', { label: competence.label }) }),
            button(tr('action.delete'), () => removeCompetence(competence), { kind: 'tertiary', small: true, testid: 'competence-delete', ariaLabel: tr('competence.deleteLabel', { label: competence.label }) }))),
        competence.description ? h('p', { class: 'competence-description' }, competence.description) : null,
        editSlot,
        observations.length
          ? h('div', { class: 'table-wrapper' }, h('table', { class: 'table table-compact' },
            h('caption', { class: 'visually-hidden' }, tr('observation.caption', { label: competence.label })),
            h('thead', null, h('tr', null, [tr('observation.year'), tr('observation.trend'), tr('observation.level'), tr('observation.source'), tr('observation.notes'), tr('agenda.col.actions')].map((l) => h('th', { scope: 'col' }, l)))),
            h('tbody', { 'data-testid': 'observations-table' }, observations.map((o) => h('tr', { 'data-id': o.id, 'data-testid': 'observation-row' },
              h('td', null, String(o.year)),
              h('td', null, h('span', { class: ['trend', `trend-${o.trend}`] }, labelOf('trends', o.trend))),
              h('td', null, o.level), h('td', null, o.source), h('td', null, o.notes),
              h('td', { class: 'actions' },
                button(tr('action.edit'), () => openSub(obsSlot, () => observationForm(competence, o)), { kind: 'tertiary', small: true, testid: 'observation-edit', ariaLabel: tr('observation.editLabel', { year: o.year }) }),
                button(tr('action.delete'), () => removeObservation(o), { kind: 'tertiary', small: true, testid: 'observation-delete', ariaLabel: tr('observation.deleteLabel', { year: o.year }) })))))))
          : h('p', { class: 'muted' }, tr('observation.empty')),
        obsSlot,
        h('div', { class: 'button-row' },
          button(tr('observation.add'), () => openSub(obsSlot, () => observationForm(competence, null)), { kind: 'secondary', small: true, testid: 'observation-new', ariaLabel: tr('observation.addLabel', { label: competence.label }) })));
    }));
  }
  draw();
  return h('section', { class: 'card', 'aria-labelledby': 'competences-title' },
    h('div', { class: 'card-title-row' },
      h('h2', { class: 'card-title', id: 'competences-title' }, tr('competence.title')),
      button(tr('competence.add'), () => openSub(addSlot, () => competenceForm(null)), { kind: 'primary', testid: 'competence-new' })),
    addSlot, list);
}
