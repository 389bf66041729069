// The page of one event: its details, the agenda grouped by day with an inline session form
// (speakers picked from the expert directory), conflict warnings beside the sessions they
// concern, the buttons that print the programme and the attendance sheets, and those that
// export the agenda (calendar file, CSV).

import { h, replace, debounce, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatDateTime, formatNumber, weekday } from '../format.js';
import { getCodes, labelOf, choiceLists } from '../refdata.js';
import { Form, section } from '../components/form.js';
import { pageHeader, card, button, linkButton, statusBadge, details, emptyState, loadError } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { redirect, confirmLeave } from '../router.js';
import { dateRange } from './events.js';

/** Expert id → {name, organisation}, shared across pages so names load once. */
const expertNames = new Map();

async function loadExpertNames(ids) {
  const missing = [...new Set(ids)].filter((id) => !expertNames.has(id));
  await Promise.all(missing.map(async (id) => {
    try {
      const expert = await api.getExpert(id);
      expertNames.set(id, { name: `${expert.firstName} ${expert.lastName}`, organisation: expert.organisationName || '' });
    } catch {
      expertNames.set(id, { name: tr('agenda.unknownExpert'), organisation: '' });
    }
  }));
}

function expertName(id) {
  const known = expertNames.get(id);
  return known ? known.name : id;
}

/** Every ISO date from start to end (at most 62 days), for the day headings. */
function daysBetween(start, end) {
  const days = [];
  const match = (iso) => /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  const a = match(start);
  const b = match(end);
  if (!a) return days;
  const first = Date.UTC(Number(a[1]), Number(a[2]) - 1, Number(a[3]));
  const last = b ? Date.UTC(Number(b[1]), Number(b[2]) - 1, Number(b[3])) : first;
  for (let t = first, n = 0; t <= last && n < 62; t += 86400000, n += 1) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const capitalise = (text) => text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);

/** Renders the event page into `root`. */
export async function render(root, params) {
  const id = params[0];
  const codes = getCodes();
  const [event, lists] = await Promise.all([api.getEvent(id), choiceLists()]);
  const orgLabel = new Map(lists.organisations.map((o) => [o.code, o.label]));
  const themeLabel = new Map(lists.themes.map((o) => [o.code, o.label]));
  const professionLabel = new Map(lists.professions.map((o) => [o.code, o.label]));
  const territoryLabel = new Map(lists.territories.map((o) => [o.code, o.label]));

  let sessions = [];
  let sessionForm = null;
  const formSlot = h('div', { class: 'session-form-slot' });
  const agenda = h('div', { class: 'agenda', 'data-testid': 'agenda' });
  const conflictSummary = h('div', { class: 'conflict-summary' });
  const newButton = button(tr('agenda.new'), () => openForm(null), { kind: 'primary', testid: 'session-new' });

  // ---- Agenda -------------------------------------------------------------------------------

  async function loadAgenda() {
    let conflicts;
    try {
      [sessions, conflicts] = await Promise.all([api.listSessions(id), api.listSessionConflicts(id).catch(() => [])]);
      await loadExpertNames(sessions.flatMap((s) => s.speakers.map((sp) => sp.expertId)));
    } catch (error) {
      replace(agenda, loadError(error, loadAgenda));
      return;
    }
    const warnings = new Map();
    for (const conflict of conflicts) {
      if (!warnings.has(conflict.sessionId)) warnings.set(conflict.sessionId, []);
      warnings.get(conflict.sessionId).push(conflict.message);
    }
    replace(conflictSummary, conflicts.length
      ? h('p', { class: 'notice notice-warning' }, tr(conflicts.length === 1 ? 'agenda.conflicts.one' : 'agenda.conflicts.other', { count: conflicts.length }))
      : null);

    const byDay = new Map();
    for (const day of daysBetween(event.startDate, event.endDate)) byDay.set(day, []);
    for (const session of sessions) {
      if (!byDay.has(session.date)) byDay.set(session.date, []);
      byDay.get(session.date).push(session);
    }
    const days = [...byDay.keys()].sort();
    if (!sessions.length && !days.length) {
      replace(agenda, emptyState(tr('agenda.empty')));
      return;
    }
    replace(agenda, ...days.map((day) => {
      const items = byDay.get(day).sort((a, b) => a.startTime.localeCompare(b.startTime));
      const headingId = `day-${day}`;
      const heading = h('div', { class: 'day-heading' },
        h('h3', { id: headingId }, capitalise(`${weekday(day)} ${formatDate(day)}`)),
        button(tr('agenda.addToDay'), () => openForm(null, day), { kind: 'tertiary', small: true, testid: `session-new-${day}`, ariaLabel: tr('agenda.addToDayLabel', { date: formatDate(day) }) }));
      if (!items.length) {
        return h('section', { class: 'day', 'aria-labelledby': headingId }, heading, h('p', { class: 'muted' }, tr('agenda.emptyDay')));
      }
      const body = h('tbody', { 'data-testid': 'sessions-table' }, items.map((session) => sessionRow(session, warnings.get(session.id) || [])));
      return h('section', { class: 'day', 'aria-labelledby': headingId }, heading,
        h('div', { class: 'table-wrapper' }, h('table', { class: 'table table-agenda' },
          h('caption', { class: 'visually-hidden' }, tr('agenda.caption', { date: formatDate(day) })),
          h('thead', null, h('tr', null,
            [tr('agenda.col.start'), tr('agenda.col.end'), tr('agenda.col.title'), tr('agenda.col.kind'), tr('agenda.col.place'),
              tr('agenda.col.language'), tr('agenda.col.speakers'), tr('agenda.col.actions')].map((label) => h('th', { scope: 'col' }, label)))),
          body)));
    }));
  }

  function sessionRow(session, messages) {
    return h('tr', { 'data-id': session.id, 'data-testid': 'session-row', class: messages.length ? 'row-warning' : null },
      h('td', { class: 'nowrap' }, session.startTime),
      h('td', { class: 'nowrap' }, session.endTime),
      h('td', null,
        h('span', { class: 'strong' }, session.title),
        session.description ? h('span', { class: 'muted block clamp' }, session.description) : null,
        messages.map((message) => h('p', { class: 'inline-warning', 'data-testid': 'session-warning' },
          h('span', { class: 'warning-icon', 'aria-hidden': 'true' }, '⚠ '), h('span', { class: 'visually-hidden' }, tr('agenda.warning')), message))),
      h('td', null, labelOf('sessionKinds', session.kind)),
      h('td', null, session.place),
      h('td', null, labelOf('languages', session.language)),
      h('td', null, session.speakers.length
        ? h('ul', { class: 'plain-list' }, session.speakers.map((sp) => h('li', null,
          h('a', { href: `#/experts/${encodeURIComponent(sp.expertId)}` }, expertName(sp.expertId)),
          sp.role && sp.role !== 'speaker' ? h('span', { class: 'muted' }, ` (${labelOf('speakerRoles', sp.role)})`) : null)))
        : null),
      h('td', { class: 'actions' },
        button(tr('action.edit'), () => openForm(session), { kind: 'tertiary', small: true, testid: 'session-edit', ariaLabel: tr('agenda.editLabel', { title: session.title }) }),
        button(tr('agenda.move'), () => openForm(session, null, { focusField: 'date' }), { kind: 'tertiary', small: true, testid: 'session-move', ariaLabel: tr('agenda.moveLabel', { title: session.title }) }),
        button(tr('agenda.duplicate'), () => openForm(null, null, { template: duplicateOf(session) }), { kind: 'tertiary', small: true, testid: 'session-duplicate', ariaLabel: tr('agenda.duplicateLabel', { title: session.title }) }),
        button(tr('action.delete'), () => removeSession(session), { kind: 'tertiary', small: true, testid: 'session-delete', ariaLabel: tr('agenda.deleteLabel', { title: session.title }) })));
  }

  async function removeSession(session) {
    const yes = await confirmDialog({
      title: tr('agenda.deleteTitle'),
      message: tr('agenda.deleteMessage', { title: session.title, date: formatDate(session.date), start: session.startTime }),
      confirmLabel: tr('action.delete'),
      danger: true,
    });
    if (!yes) return;
    try {
      await api.deleteSession(session.id);
      toast(tr('agenda.deleted', { title: session.title }));
      await loadAgenda();
      newButton.focus();
    } catch (error) {
      toastError(error);
    }
  }

  // ---- Session form -------------------------------------------------------------------------

  /**
   * Opens the session form: `session` to edit (focus on `focusField`, "title" by default), or
   * a new one on `day`, or a new one prefilled from `template` (a duplicate).
   */
  async function openForm(session, day, { template = null, focusField = null } = {}) {
    if (sessionForm && sessionForm.dirty && !(await confirmLeave(sessionForm))) return;
    closeForm();
    const last = sessions.length ? sessions[sessions.length - 1] : null;
    const values = session || template || {
      date: day || (last ? last.date : event.startDate), startTime: last && !day ? last.endTime : '', endTime: '', title: '', description: '',
      kind: 'talk', place: event.venue || '', language: (event.languages && event.languages[0]) || '', speakers: [],
    };
    const form = new Form('session', {
      onSubmit: () => saveSession(session, form, speakers),
      onReload: () => { closeForm(); loadAgenda(); },
      noticeTestId: 'session-notice',
      title: session ? tr('agenda.editTitle') : template ? tr('agenda.duplicateTitle', { title: template.title }) : tr('agenda.newTitle'),
    });
    sessionForm = form;
    const f = (spec) => form.field({ ...spec, value: spec.value ?? values[spec.name] });
    const speakers = speakerEditor(form, values.speakers, id);
    fill(form.el, 
      section(tr('agenda.section.when'),
        f({ name: 'date', label: tr('session.date'), type: 'date', required: true }),
        h('div', { class: 'field-pair' },
          f({ name: 'startTime', label: tr('session.startTime'), type: 'time', required: true }),
          f({ name: 'endTime', label: tr('session.endTime'), type: 'time', required: true })),
        f({ name: 'title', label: tr('session.title'), required: true, wide: true }),
        f({ name: 'kind', label: tr('session.kind'), type: 'select', options: codes.sessionKinds, required: true }),
        f({ name: 'language', label: tr('session.language'), type: 'select', options: codes.languages, emptyLabel: tr('form.none') }),
        f({ name: 'place', label: tr('session.place'), wide: true }),
        f({ name: 'description', label: tr('session.description'), type: 'textarea', wide: true })),
      section(tr('agenda.section.speakers'), speakers.el),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'session-save' }, tr('action.save')),
        button(tr('action.cancel'), () => cancelForm(), { testid: 'session-cancel' })));
    keepDuration(form);
    speakers.refresh();
    form.control('language').addEventListener('change', () => speakers.refresh());
    replace(formSlot, h('div', { class: 'session-form card-inset' }, form.el));
    const first = form.control(focusField || (session ? 'title' : 'date'));
    first.focus();
    formSlot.scrollIntoView({ block: 'start' });
  }

  /**
   * Moving a session keeps its length: when the start changes, the end follows by the same
   * amount, until the user edits the end themselves. The backend still checks the result.
   */
  function keepDuration(form) {
    const start = form.control('startTime');
    const end = form.control('endTime');
    let previousStart = form.value('startTime');
    let endTouched = false;
    end.addEventListener('input', () => { endTouched = true; });
    start.addEventListener('change', () => {
      const newStart = form.value('startTime');
      // A start being retyped may pass through empty: keep the last real one as reference.
      if (Number.isNaN(minutes(newStart))) return;
      const shift = minutes(newStart) - minutes(previousStart);
      const currentEnd = minutes(form.value('endTime'));
      previousStart = newStart;
      if (endTouched || Number.isNaN(shift) || Number.isNaN(currentEnd)) return;
      const moved = currentEnd + shift;
      if (moved > 0 && moved < 24 * 60) end.value = clock(moved);
    });
  }

  /** A session like `session`, placed right after it on the same day. */
  function duplicateOf(session) {
    const length = minutes(session.endTime) - minutes(session.startTime);
    const end = minutes(session.endTime) + length;
    const fits = !Number.isNaN(end) && end < 24 * 60;
    return {
      ...session,
      startTime: fits ? session.endTime : session.startTime,
      endTime: fits ? clock(end) : session.endTime,
      speakers: session.speakers.map((speaker) => ({ ...speaker })),
    };
  }

  function closeForm() {
    if (sessionForm) sessionForm.markClean();
    sessionForm = null;
    replace(formSlot);
  }

  async function cancelForm() {
    if (sessionForm && sessionForm.dirty && !(await confirmLeave(sessionForm))) return;
    closeForm();
    newButton.focus();
  }

  async function saveSession(session, form, speakers) {
    const input = {
      date: form.value('date'),
      startTime: form.value('startTime'),
      endTime: form.value('endTime'),
      title: form.value('title'),
      description: form.value('description'),
      kind: form.value('kind'),
      place: form.value('place'),
      language: form.value('language'),
      speakers: speakers.read(),
    };
    try {
      const saved = session ? await api.updateSession(session.id, session.version, input) : await api.createSession(id, input);
      closeForm();
      toast(tr('agenda.saved', { title: saved.title }));
      await loadAgenda();
      const row = agenda.querySelector(`tr[data-id="${CSS.escape(saved.id)}"]`);
      const target = row ? row.querySelector('button') : newButton;
      target.focus();
    } catch (error) {
      form.showError(error);
    }
  }

  // ---- Page ---------------------------------------------------------------------------------

  async function printDocument(kind, trigger) {
    trigger.disabled = true;
    try {
      const path = kind === 'programme' ? await api.saveProgrammePdf(id) : await api.saveAttendancePdf(id, null);
      if (path) toast(tr(kind === 'programme' ? 'event.programmeSaved' : 'event.attendanceSaved', { path }));
    } catch (error) {
      toastError(error);
    } finally {
      trigger.disabled = false;
    }
  }

  async function exportAgenda(format, trigger) {
    trigger.disabled = true;
    try {
      const path = await api.exportData(format, { eventIds: [id] });
      if (path) toast(tr('exchange.saved', { path }));
    } catch (error) {
      toastError(error);
    } finally {
      trigger.disabled = false;
      // Disabling the button took the focus away: give it back to keyboard users.
      if (document.activeElement === document.body) trigger.focus();
    }
  }

  async function removeEvent() {
    const yes = await confirmDialog({
      title: tr('event.deleteTitle'),
      message: tr('event.deleteMessage', { title: event.title, count: sessions.length }),
      confirmLabel: tr('action.delete'),
      danger: true,
    });
    if (!yes) return;
    try {
      await api.deleteEvent(id);
      toast(tr('event.deleted', { title: event.title }));
      redirect('#/evenements');
    } catch (error) {
      toastError(error);
    }
  }

  const programmeButton = button(tr('event.programmePdf'), () => printDocument('programme', programmeButton), { testid: 'event-programme-pdf' });
  const attendanceButton = button(tr('event.attendancePdf'), () => printDocument('attendance', attendanceButton), { testid: 'event-attendance-pdf' });
  const icsButton = button(tr('event.exportIcs'), () => exportAgenda('events_ics', icsButton), { testid: 'event-export-ics' });
  const agendaCsvButton = button(tr('event.exportAgendaCsv'), () => exportAgenda('agenda_csv', agendaCsvButton), { testid: 'event-export-agenda-csv' });
  const exportLabelId = 'event-export-label';
  const exportGroup = h('div', { class: 'button-group', role: 'group', 'aria-labelledby': exportLabelId },
    h('span', { class: 'button-group-label', id: exportLabelId }, tr('event.exportAgenda')), icsButton, agendaCsvButton);

  const place = [event.venue, event.address, event.city, labelOf('countries', event.country)].filter(Boolean).join(', ');
  const info = details([
    [tr('event.code'), event.code],
    [tr('event.kind'), labelOf('eventKinds', event.kind)],
    [tr('event.status'), statusBadge(event.status, labelOf('eventStatuses', event.status))],
    [tr('event.dates'), dateRange(event.startDate, event.endDate)],
    [tr('event.place'), place],
    [tr('event.territory'), event.territoryId ? territoryLabel.get(event.territoryId) || '' : ''],
    [tr('event.organisers'), event.organisers.length ? h('ul', { class: 'plain-list' }, event.organisers.map((o) => h('li', null,
      orgLabel.get(o.organisationId) || o.organisationId, h('span', { class: 'muted' }, ` — ${labelOf('organiserRoles', o.role)}`)))) : ''],
    [tr('event.themes'), event.themeIds.map((t) => themeLabel.get(t) || t).join(', ')],
    [tr('event.audience'), event.audience],
    [tr('event.targetProfessions'), event.targetProfessionIds.map((p) => professionLabel.get(p) || p).join(', ')],
    [tr('event.prerequisites'), event.prerequisites],
    [tr('event.objectives'), event.objectives.length ? h('ul', { class: 'bullets' }, event.objectives.map((o) => h('li', null, o))) : ''],
    [tr('event.capacity'), event.capacity ? formatNumber(event.capacity) : ''],
    [tr('event.languages'), event.languages.map((l) => labelOf('languages', l)).join(', ')],
    [tr('event.interpretation'), event.interpretation],
    [tr('event.price'), event.price],
    [tr('event.contact'), [event.contactName, event.contactEmail, event.contactPhone].filter(Boolean).join(' · ')],
    [tr('event.notes'), event.notes],
    [tr('common.record'), `${tr('common.created', { date: formatDateTime(event.createdAt) })} · ${tr('common.updated', { date: formatDateTime(event.updatedAt) })}`],
  ]);

  fill(root, 
    pageHeader(event.title, {
      back: { href: '#/evenements', label: tr('events.back') },
      subtitle: [statusBadge(event.status, labelOf('eventStatuses', event.status)), ' ',
        [event.subtitle, `${labelOf('eventKinds', event.kind)} · ${dateRange(event.startDate, event.endDate)}${event.city ? ` · ${event.city}` : ''}`].filter(Boolean).join(' — ')],
      actions: [
        linkButton(`#/evenements/${encodeURIComponent(id)}/modifier`, tr('action.edit'), { testid: 'event-edit' }),
        programmeButton, attendanceButton, exportGroup,
        button(tr('action.delete'), removeEvent, { kind: 'danger', testid: 'event-delete' }),
      ],
    }),
    h('section', { class: 'card', 'aria-labelledby': 'agenda-title' },
      h('div', { class: 'card-title-row' },
        h('h2', { class: 'card-title', id: 'agenda-title' }, tr('agenda.title')),
        newButton),
      formSlot, conflictSummary, agenda),
    card(tr('event.information'), info));
  await loadAgenda();
  return {
    create: () => openForm(null),
    cancel: () => { if (sessionForm) cancelForm(); },
    dispose: () => { if (sessionForm) sessionForm.markClean(); },
  };
}

// ---- Speakers -------------------------------------------------------------------------------

/** The ordered speakers of a session, with a search in the expert directory to add one. */
function speakerEditor(form, initial, eventId) {
  const codes = getCodes();
  let speakers = initial.map((s) => ({ ...s }));
  const list = h('ol', { class: 'speaker-list', 'data-testid': 'session-speakers' });
  const searchId = 'session-speaker-search';
  const search = h('input', { type: 'search', id: searchId, 'data-testid': 'session-speaker-search', autocomplete: 'off', 'aria-describedby': 'session-speaker-hint' });
  const results = h('ul', { class: 'speaker-results', 'data-testid': 'session-speaker-results', 'aria-live': 'polite' });

  const readRoles = () => {
    speakers.forEach((speaker, i) => {
      const control = form.control(`speakers.${i}.role`);
      if (control) speaker.role = control.value;
    });
  };
  const changed = () => form.el.dispatchEvent(new Event('change'));

  const render = (focusSelector) => {
    replace(list, ...speakers.map((speaker, i) => {
      const roleId = form.idOf(`speakers.${i}.role`);
      const move = (delta) => {
        readRoles();
        const [item] = speakers.splice(i, 1);
        speakers.splice(i + delta, 0, item);
        render(`[data-testid="session-speaker-${delta < 0 ? 'up' : 'down'}-${i + delta}"]`);
        changed();
      };
      return h('li', { class: 'speaker-item', 'data-testid': `session-speaker-${i}` },
        h('span', { class: 'speaker-name' }, expertName(speaker.expertId)),
        h('div', { class: 'field field-inline' },
          h('label', { for: roleId, class: 'visually-hidden' }, tr('agenda.speakerRole', { name: expertName(speaker.expertId) })),
          h('select', { id: roleId, name: `speakers.${i}.role`, 'data-testid': `session-speaker-role-${i}`, 'data-describedby': '' },
            codes.speakerRoles.map((role) => h('option', { value: role.code, selected: role.code === speaker.role }, role.label)))),
        h('div', { class: 'speaker-actions' },
          h('button', { type: 'button', class: 'button button-tertiary button-small', disabled: i === 0, 'data-testid': `session-speaker-up-${i}`, 'aria-label': tr('agenda.moveUp', { name: expertName(speaker.expertId) }), onclick: () => move(-1) }, '↑'),
          h('button', { type: 'button', class: 'button button-tertiary button-small', disabled: i === speakers.length - 1, 'data-testid': `session-speaker-down-${i}`, 'aria-label': tr('agenda.moveDown', { name: expertName(speaker.expertId) }), onclick: () => move(1) }, '↓'),
          h('button', {
            type: 'button', class: 'button button-tertiary button-small', 'data-testid': `session-speaker-remove-${i}`,
            'aria-label': tr('agenda.removeSpeaker', { name: expertName(speaker.expertId) }),
            onclick: () => {
              readRoles();
              speakers.splice(i, 1);
              render();
              changed();
              search.focus();
            },
          }, tr('action.remove'))),
        form.errorSlot(`speakers.${i}.expertId`), form.errorSlot(`speakers.${i}.role`));
    }));
    if (!speakers.length) list.appendChild(h('li', { class: 'muted' }, tr('agenda.noSpeaker')));
    if (focusSelector) {
      const target = list.querySelector(focusSelector);
      if (target && !target.disabled) target.focus();
      else if (target) search.focus();
    }
  };

  // The experts who fit the session best come first, with why (shared themes, the event's
  // territory, the session's language); typing narrows the list. The ranking is the backend's.
  let sequence = 0;
  const runSearch = async () => {
    const mine = ++sequence;
    const query = search.value.trim();
    let suggestions;
    try {
      suggestions = await api.suggestSpeakers(eventId, form.value('language') || null, query || null);
    } catch (error) {
      replace(results, h('li', { class: 'field-error' }, error.message));
      return;
    }
    if (mine !== sequence) return;
    const chosen = new Set(speakers.map((s) => s.expertId));
    const items = suggestions.filter((suggestion) => !chosen.has(suggestion.expert.id));
    if (!items.length) {
      replace(results, query ? h('li', { class: 'muted' }, tr('agenda.noExpertFound')) : null);
      return;
    }
    replace(results,
      query ? null : h('li', { class: 'speaker-results-title muted' }, tr('agenda.suggestionsTitle')),
      ...items.map(({ expert, reasons }) => {
        const name = `${expert.firstName} ${expert.lastName}`;
        const detail = [expert.organisationName, expert.city].filter(Boolean).join(', ');
        return h('li', { class: 'speaker-suggestion' }, h('button', {
          type: 'button', class: 'button button-secondary button-small speaker-option', 'data-testid': 'session-speaker-option', 'data-id': expert.id,
          onclick: () => {
            readRoles();
            expertNames.set(expert.id, { name, organisation: expert.organisationName || '' });
            speakers.push({ expertId: expert.id, role: 'speaker' });
            render();
            changed();
            search.value = '';
            runSearch();
            search.focus();
          },
        }, tr('agenda.addSpeaker', { name }), detail ? h('span', { class: 'muted' }, ` — ${detail}`) : null),
        reasons.length
          ? h('ul', { class: 'speaker-reasons', 'data-testid': 'session-speaker-reasons' }, reasons.map((reason) => h('li', null, reason)))
          : null);
      }));
  };
  search.addEventListener('input', (event) => {
    event.stopPropagation();
    searchLater();
  });
  search.addEventListener('change', (event) => event.stopPropagation());
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      runSearch();
    }
  });
  const searchLater = debounce(runSearch, 200);
  render();

  const el = h('div', { class: 'speakers field-wide', 'data-error-control': 'speakers' },
    list, form.errorSlot('speakers'),
    h('div', { class: 'field speaker-search' },
      h('label', { for: searchId, class: 'field-label' }, tr('agenda.searchSpeaker')),
      h('p', { class: 'field-hint', id: 'session-speaker-hint' }, tr('agenda.searchSpeakerHint')),
      search, results));
  return {
    el,
    read: () => {
      readRoles();
      return speakers.map((s) => ({ expertId: s.expertId, role: s.role }));
    },
    /** Shows the suggestions for the session as the form now describes it. */
    refresh: () => runSearch(),
  };
}

/** Minutes since midnight of "HH:MM", or NaN. */
function minutes(time) {
  const match = /^(\d{2}):(\d{2})$/.exec(time || '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
}

/** "HH:MM" for minutes since midnight. */
function clock(total) {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
