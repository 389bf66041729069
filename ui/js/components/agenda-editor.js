// The agenda of an event on its page, as the core computes it (`get_event_agenda`): one
// section per day, the sessions of each day in a table with the conflict warnings beside the
// sessions they concern, the training time, and the session form (components/session-form.js)
// opened inline to add, edit, move or duplicate a session. Day grouping, durations, the start of
// a new session and the slot of a copy all come from the core.

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate, formatDays, formatDuration, weekday } from '../format.js';
import { labelOf } from '../refdata.js';
import { button, emptyState, loadError } from './layout.js';
import { confirmDialog } from './dialog.js';
import { toast, toastError } from './toast.js';
import { confirmLeave } from '../router.js';
import { createSessionForm } from './session-form.js';

const COLUMNS = ['start', 'end', 'title', 'kind', 'place', 'language', 'speakers', 'actions'];

const capitalise = (text) => text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);

/** Session id → the messages of the conflicts that concern it. */
function warningsBySession(conflicts) {
  const warnings = new Map();
  for (const conflict of conflicts) {
    if (!warnings.has(conflict.sessionId)) warnings.set(conflict.sessionId, []);
    warnings.get(conflict.sessionId).push(conflict.message);
  }
  return warnings;
}

/** "Durée de formation : 2 jours (17 h 30)", as the printed programme says it; '' when none. */
function trainingText(agenda) {
  if (!agenda.trainingMinutes) return '';
  return tr('agenda.training', { days: formatDays(agenda.trainingDays), duration: formatDuration(agenda.trainingMinutes) });
}

/** The speakers of a session as the session form takes them: `[{expertId, role, name}]`. */
function speakerEntries(session) {
  return (session.speakerDetails || []).map(({ expertId, role, name }) => ({ expertId, role, name }));
}

/** A session row's list of speakers, each a link to their record. */
function speakersCell(session) {
  const speakers = session.speakerDetails || [];
  if (!speakers.length) return null;
  return h('ul', { class: 'plain-list' }, speakers.map((sp) => h('li', null,
    h('a', { href: `#/experts/${encodeURIComponent(sp.expertId)}` }, sp.name || tr('agenda.unknownExpert')),
    sp.role && sp.role !== 'speaker' ? h('span', { class: 'muted' }, ` (${labelOf('speakerRoles', sp.role)})`) : null)));
}

/** A session's title, description and conflict warnings. */
function titleCell(session, messages) {
  return h('td', null,
    h('span', { class: 'strong' }, session.title),
    session.description ? h('span', { class: 'muted block clamp' }, session.description) : null,
    messages.map((message) => h('p', { class: 'inline-warning', 'data-testid': 'session-warning' },
      h('span', { class: 'warning-icon', 'aria-hidden': 'true' }, '⚠ '), h('span', { class: 'visually-hidden' }, tr('agenda.warning')), message)));
}

/** The table of one day's sessions; `actions(session)` gives a row's buttons. */
function dayTable(day, warnings, actions) {
  const rows = day.sessions.map((session) => {
    const messages = warnings.get(session.id) || [];
    return h('tr', { 'data-id': session.id, 'data-testid': 'session-row', class: messages.length ? 'row-warning' : null },
      h('td', { class: 'nowrap' }, session.startTime),
      h('td', { class: 'nowrap' }, session.endTime),
      titleCell(session, messages),
      h('td', null, labelOf('sessionKinds', session.kind)),
      h('td', null, session.place),
      h('td', null, labelOf('languages', session.language)),
      h('td', null, speakersCell(session)),
      h('td', { class: 'actions' }, actions(session)));
  });
  return h('div', { class: 'table-wrapper' }, h('table', { class: 'table table-agenda' },
    h('caption', { class: 'visually-hidden' }, tr('agenda.caption', { date: formatDate(day.date) })),
    h('thead', null, h('tr', null, COLUMNS.map((column) => h('th', { scope: 'col' }, tr(`agenda.col.${column}`))))),
    h('tbody', { 'data-testid': 'sessions-table' }, rows)));
}

/** A copy of `session` in the slot the core proposes (right after it, same length). */
function duplicateOf(session) {
  return { ...session, ...session.duplicateSlot, speakers: speakerEntries(session) };
}

/** The heading of the session form. */
function formTitle(session, template) {
  if (session) return tr('agenda.editTitle');
  return template ? tr('agenda.duplicateTitle', { title: template.title }) : tr('agenda.newTitle');
}

/**
 * The agenda editor of event `event` (id `eventId`): `el` to place on the page, `load()` reads
 * and draws the agenda, `create()` opens the form of a new session (Ctrl+N), `cancel()` closes
 * the form (Échap), `dispose()` forgets its unsaved changes, `sessionCount()` for messages,
 * `editSession(id, field)` opens a session's form; `onLoad()` is called after each load.
 */
export class AgendaEditor {
  constructor({ eventId, event, onLoad = () => {} }) {
    this.eventId = eventId;
    this.event = event;
    // Told after each (re)load, so that what depends on the agenda (the coherence panel) follows.
    this.onLoad = onLoad;
    this.agenda = null;
    this.sessionForm = null;
    this.formSlot = h('div', { class: 'session-form-slot' });
    this.days = h('div', { class: 'agenda', 'data-testid': 'agenda' });
    this.conflictSummary = h('div', { class: 'conflict-summary' });
    this.training = h('p', { class: 'agenda-training muted', 'data-testid': 'agenda-training', hidden: true });
    this.newButton = button(tr('agenda.new'), () => this.create(), { kind: 'primary', testid: 'session-new' });
    this.el = h('section', { class: 'card', 'aria-labelledby': 'agenda-title' },
      h('div', { class: 'card-title-row' },
        h('div', { class: 'agenda-heading' }, h('h2', { class: 'card-title', id: 'agenda-title' }, tr('agenda.title')), this.training),
        this.newButton),
      this.formSlot, this.conflictSummary, this.days);
  }

  /** Reads the agenda from the core and draws it. */
  async load() {
    try {
      this.agenda = await api.getEventAgenda(this.eventId);
    } catch (error) {
      replace(this.days, loadError(error, () => this.load()));
      return;
    }
    const { conflicts, days, trainingMinutes } = this.agenda;
    const warnings = warningsBySession(conflicts);
    const count = conflicts.length;
    replace(this.conflictSummary, count
      ? h('p', { class: 'notice notice-warning' }, tr(count === 1 ? 'agenda.conflicts.one' : 'agenda.conflicts.other', { count }))
      : null);
    replace(this.training, trainingText(this.agenda));
    this.training.hidden = !trainingMinutes;
    if (!days.length) replace(this.days, emptyState(tr('agenda.empty')));
    else replace(this.days, ...days.map((day) => this.dayView(day, warnings)));
    this.onLoad();
  }

  /** Opens the form of session `id` with the focus on `field` (the coherence panel's links). */
  editSession(id, field) {
    const session = this.agenda && this.agenda.days.flatMap((day) => day.sessions).find((each) => each.id === id);
    if (session) this.openForm(session, null, { focusField: field });
  }

  /** The number of sessions on the agenda. */
  sessionCount() {
    return this.agenda ? this.agenda.days.reduce((count, day) => count + day.sessions.length, 0) : 0;
  }

  dayView(day, warnings) {
    const headingId = `day-${day.date}`;
    const heading = h('div', { class: 'day-heading' },
      h('h3', { id: headingId }, capitalise(`${weekday(day.date)} ${formatDate(day.date)}`),
        day.inEvent ? null : h('span', { class: 'day-outside muted' }, ` — ${tr('agenda.outsideEvent')}`)),
      button(tr('agenda.addToDay'), () => this.openForm(null, day.date), { kind: 'tertiary', small: true, testid: `session-new-${day.date}`, ariaLabel: tr('agenda.addToDayLabel', { date: formatDate(day.date) }) }));
    return h('section', { class: 'day', 'aria-labelledby': headingId }, heading,
      day.sessions.length ? dayTable(day, warnings, (session) => this.rowActions(session)) : h('p', { class: 'muted' }, tr('agenda.emptyDay')));
  }

  rowActions(session) {
    const small = (label, onclick, testid, ariaKey) => button(label, onclick, { kind: 'tertiary', small: true, testid, ariaLabel: tr(ariaKey, { title: session.title }) });
    return [
      small(tr('action.edit'), () => this.openForm(session), 'session-edit', 'agenda.editLabel'),
      small(tr('agenda.move'), () => this.openForm(session, null, { focusField: 'date' }), 'session-move', 'agenda.moveLabel'),
      small(tr('agenda.duplicate'), () => this.openForm(null, null, { template: duplicateOf(session) }), 'session-duplicate', 'agenda.duplicateLabel'),
      small(tr('action.delete'), () => this.removeSession(session), 'session-delete', 'agenda.deleteLabel'),
    ];
  }

  async removeSession(session) {
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
      await this.load();
      this.newButton.focus();
    } catch (error) {
      toastError(error);
    }
  }

  /** The values of a new session: on `day` from its start, else where the core proposes. */
  newValues(day) {
    const { event } = this;
    const proposed = (this.agenda && this.agenda.newSession) || { date: event.startDate, startTime: '' };
    return {
      date: day || proposed.date || event.startDate,
      startTime: day ? '' : proposed.startTime || '',
      endTime: day ? '' : proposed.endTime || '',
      title: '', description: '',
      kind: 'talk', place: event.venue || '', language: (event.languages && event.languages[0]) || '', speakers: [],
    };
  }

  /** Opens the form of a new session (Ctrl+N, « Ajouter une séquence »). */
  create() {
    return this.openForm(null);
  }

  /**
   * Opens the session form: `session` to edit (focus on `focusField`, "title" by default), or
   * a new one on `day`, or a new one prefilled from `template` (a duplicate).
   */
  async openForm(session, day, { template = null, focusField = null } = {}) {
    if (this.sessionForm && this.sessionForm.dirty && !(await confirmLeave(this.sessionForm))) return;
    this.closeForm();
    const values = session ? { ...session, speakers: speakerEntries(session) } : template || this.newValues(day);
    const opened = createSessionForm({
      eventId: this.eventId,
      values,
      title: formTitle(session, template),
      partnerLanguage: this.event.partnerLanguage || '',
      onSave: (input) => this.saveSession(session, opened.form, input),
      onCancel: () => this.cancel(),
      onReload: () => { this.closeForm(); this.load(); },
    });
    this.sessionForm = opened.form;
    replace(this.formSlot, opened.el);
    // A field the form does not have (the speakers, a partner-language text) falls back.
    const fallback = session ? 'title' : 'date';
    (opened.form.control(focusField || fallback) || opened.form.control(fallback)).focus();
    this.formSlot.scrollIntoView({ block: 'start' });
  }

  closeForm() {
    if (this.sessionForm) this.sessionForm.markClean();
    this.sessionForm = null;
    replace(this.formSlot);
  }

  /** Closes the session form, asking first if it holds changes. */
  async cancel() {
    if (!this.sessionForm) return;
    if (this.sessionForm.dirty && !(await confirmLeave(this.sessionForm))) return;
    this.closeForm();
    this.newButton.focus();
  }

  /** The view is left: its form's changes no longer hold the navigation. */
  dispose() {
    if (this.sessionForm) this.sessionForm.markClean();
  }

  async saveSession(session, form, input) {
    try {
      const saved = session ? await api.updateSession(session.id, session.version, input) : await api.createSession(this.eventId, input);
      this.closeForm();
      toast(tr('agenda.saved', { title: saved.title }));
      await this.load();
      const row = this.days.querySelector(`tr[data-id="${CSS.escape(saved.id)}"]`);
      (row ? row.querySelector('button') : this.newButton).focus();
    } catch (error) {
      form.showError(error);
    }
  }
}
