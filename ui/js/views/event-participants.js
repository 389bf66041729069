// The « Participants » card of the event page: the counts (registered / capacity, waiting
// list), the list (name, employer, status, waiting rank), adding and editing a participant
// (participant-form.js), cancelling a registration and promoting from the waiting list (the
// backend's notice says who took a freed seat), the CSV import (participants-import.js) and
// exports, the attendance grid (attendance-grid.js) and the documents printed from them.
// Capacity, waiting list and ranks are the backend's; this module only shows them.

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatNumber } from '../format.js';
import { labelOf } from '../refdata.js';
import { button, dataTable, emptyState, loadError, statusBadge } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError, withButton } from '../components/toast.js';
import { confirmLeave } from '../router.js';
import { participantForm } from './participant-form.js';
import { participantsImport } from './participants-import.js';
import { AttendanceGrid } from './attendance-grid.js';

/** The documents printed from the participants, in the order of the buttons. */
const DOCUMENTS = [
  ['emargement', 'participants.doc.emargement'],
  ['convocations', 'participants.doc.convocations'],
  ['certificats', 'participants.doc.certificats'],
  ['attestations', 'participants.doc.attestations'],
  ['badges', 'participants.doc.badges'],
  ['chevalets', 'participants.doc.chevalets'],
];

/** The documents that can be saved one file per person. */
const PER_PERSON = new Set(['convocations', 'certificats', 'attestations']);

/** « Prénom Nom », or « Participant anonymisé » once the data is gone. */
export function participantName(p) {
  if (p.anonymised) return tr('participants.anonymised');
  return `${p.firstName} ${p.lastName}`.trim();
}

/** The speakers of the event's agenda, once each: `[{expertId, name}]`. */
function speakersOf(agenda) {
  const seen = new Map();
  for (const day of agenda.days || []) {
    for (const session of day.sessions || []) {
      for (const speaker of session.speakerDetails || []) {
        if (!seen.has(speaker.expertId)) seen.set(speaker.expertId, { expertId: speaker.expertId, name: speaker.name });
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The card of `event`: `el` to place on the page, `load(agenda)`, `cancel()` (Échap), `dispose()`. */
export class ParticipantsCard {
  constructor({ event }) {
    this.event = event;
    this.counts = h('p', { class: 'participants-counts', 'data-testid': 'participants-counts', 'aria-live': 'polite' });
    this.list = h('div', { 'data-testid': 'participants-list' });
    this.formSlot = h('div', { class: 'participant-form-slot' });
    this.import = participantsImport({ eventId: event.id, onImported: () => this.load() });
    this.grid = new AttendanceGrid({ eventId: event.id });
    this.speakers = h('select', { id: 'participants-mission-expert', 'data-testid': 'participants-mission-expert' });
    this.addButton = button(tr('participants.add'), () => this.open(null), { kind: 'primary', testid: 'participants-add' });
    const importButton = button(tr('participants.import'), () => withButton(importButton, () => this.import.choose()), { testid: 'participants-import-csv' });
    const exportAs = (format, trigger) => withButton(trigger, async () => {
      const path = await api.exportData(format, { eventIds: [event.id] });
      if (path) toast(tr('exchange.saved', { path }));
    });
    const exportList = button(tr('participants.exportCsv'), () => exportAs('participants_csv', exportList), { testid: 'participants-export-csv' });
    const exportAttendance = button(tr('participants.exportAttendanceCsv'), () => exportAs('attendance_csv', exportAttendance), { testid: 'participants-export-attendance' });
    this.el = h('section', { class: 'card', 'aria-labelledby': 'participants-title', 'data-testid': 'participants-card' },
      h('h2', { class: 'card-title', id: 'participants-title' }, tr('participants.title')),
      this.counts,
      h('div', { class: 'button-group' }, this.addButton, importButton, exportList, exportAttendance),
      this.import.el,
      this.formSlot,
      this.list,
      this.grid.el,
      this.documents());
  }

  /** « Documents » with one button per document and the mission letter of a chosen speaker. */
  documents() {
    const print = (trigger, save) => withButton(trigger, async () => {
      const path = await save();
      if (path) toast(tr('participants.docSaved', { path }));
    });
    // « Un fichier par personne » applies to the letters addressed to one person each.
    const each = h('input', { type: 'checkbox', id: 'participants-doc-each', 'data-testid': 'participants-doc-each' });
    const eachSave = async (document) => {
      const saved = await api.saveEventDocumentsEach(this.event.id, document);
      if (saved) toast(tr('participants.docsSaved', { count: saved.count, path: saved.folder }));
    };
    const buttons = DOCUMENTS.map(([document, label]) => {
      const trigger = button(tr(label), () => {
        if (each.checked && PER_PERSON.has(document)) return withButton(trigger, () => eachSave(document));
        return print(trigger, () => api.saveEventDocument(this.event.id, document));
      }, { testid: `participants-doc-${document}` });
      return trigger;
    });
    const mission = button(tr('participants.doc.mission'), () => {
      if (!this.speakers.value) {
        toast(tr('participants.doc.noSpeaker'), 'error');
        return;
      }
      print(mission, () => api.saveMissionLetter(this.event.id, this.speakers.value));
    }, { testid: 'participants-doc-mission' });
    return h('div', { class: 'participants-documents' },
      h('h3', null, tr('participants.documents')),
      h('p', { class: 'muted' }, tr('participants.documentsHelp')),
      h('div', { class: 'checkbox-field' }, each,
        h('label', { for: 'participants-doc-each' }, tr('participants.doc.each'))),
      h('div', { class: 'button-group' }, buttons),
      h('div', { class: 'field field-inline' },
        h('label', { for: 'participants-mission-expert', class: 'field-label' }, tr('participants.doc.speaker')),
        this.speakers, mission));
  }

  /** Reads the participants again; `agenda` (the agenda editor's, after each of its loads) gives the speakers. */
  async load(agenda) {
    if (agenda) this.agenda = agenda;
    let data;
    try {
      data = await api.listParticipants(this.event.id);
    } catch (error) {
      replace(this.list, loadError(error, () => this.load()));
      return;
    }
    this.participants = data.participants;
    this.showCounts(data);
    this.showList(data.participants);
    const speakers = speakersOf(this.agenda || {});
    replace(this.speakers, speakers.length
      ? speakers.map((s) => h('option', { value: s.expertId }, s.name))
      : h('option', { value: '' }, tr('participants.doc.noSpeakerOption')));
    await this.grid.load(data.participants);
  }

  showCounts({ capacity, taken, participants }) {
    const waiting = participants.filter((p) => p.status === 'waiting_list').length;
    const registered = capacity === null || capacity === undefined
      ? tr('participants.countUnlimited', { taken: formatNumber(taken) })
      : tr('participants.count', { taken: formatNumber(taken), capacity: formatNumber(capacity) });
    replace(this.counts, registered, ' · ', tr('participants.waitingCount', { count: formatNumber(waiting) }));
  }

  showList(participants) {
    if (!participants.length) {
      replace(this.list, emptyState(tr('participants.none')));
      return;
    }
    const { table, body } = dataTable({
      caption: tr('participants.caption'),
      columns: [{ label: tr('participants.col.name') }, { label: tr('participants.col.employer') }, { label: tr('participants.col.status') }, { label: tr('participants.col.actions') }],
      bodyTestId: 'participants-rows',
    });
    for (const p of participants) body.appendChild(this.row(p));
    replace(this.list, table);
  }

  row(p) {
    const name = participantName(p);
    const status = [statusBadge(p.status, labelOf('participantStatuses', p.status)),
      p.waitingRank ? h('span', { class: 'muted', 'data-testid': 'participant-rank' }, ` ${tr('participants.rank', { rank: p.waitingRank })}`) : null];
    const actions = [];
    if (!p.anonymised) {
      actions.push(button(tr('action.edit'), () => this.open(p.id), { small: true, testid: 'participant-edit', ariaLabel: tr('participants.editNamed', { name }) }));
    }
    if (p.status === 'waiting_list' || p.status === 'pre_registered') {
      const promote = button(tr('participants.promote'), () => withButton(promote, () => this.change(p, 'promote')), { small: true, testid: 'participant-promote', ariaLabel: tr('participants.promoteNamed', { name }) });
      actions.push(promote);
    }
    if (p.status !== 'cancelled') {
      const cancel = button(tr('participants.cancel'), () => withButton(cancel, () => this.change(p, 'cancel')), { small: true, kind: 'danger', testid: 'participant-cancel-registration', ariaLabel: tr('participants.cancelNamed', { name }) });
      actions.push(cancel);
    }
    return h('tr', { 'data-id': p.id, 'data-testid': 'participant-row' },
      h('td', null, h('span', { class: 'strong' }, name), p.email ? h('span', { class: 'muted block' }, p.email) : null),
      h('td', null, p.employer),
      h('td', null, status),
      h('td', null, h('div', { class: 'button-row' }, actions)));
  }

  /** Cancels (after confirmation) or promotes `p`, then says what the backend did. */
  async change(p, what) {
    const name = participantName(p);
    if (what === 'cancel') {
      const yes = await confirmDialog({
        title: tr('participants.cancelTitle'),
        message: tr('participants.cancelMessage', { name }),
        confirmLabel: tr('participants.cancel'),
        cancelLabel: tr('participants.keep'),
        danger: true,
      });
      if (!yes) return;
    }
    const current = await api.getParticipant(p.id);
    const outcome = what === 'cancel'
      ? await api.cancelParticipant(p.id, current.version)
      : await api.promoteParticipant(p.id, current.version);
    const done = tr(what === 'cancel' ? 'participants.cancelled' : 'participants.promoted', { name });
    toast(outcome.notice ? `${done} ${outcome.notice}` : done);
    await this.load();
  }

  /** Opens the form for participant `id` (null: a new one), asking first if one is being edited. */
  async open(id) {
    if (this.form && !(await confirmLeave(this.formOwner))) return;
    try {
      const participant = id ? await api.getParticipant(id) : null;
      const form = await participantForm({
        eventId: this.event.id,
        participant,
        onSaved: (outcome) => this.saved(outcome, participant),
        onClose: () => this.closeForm(),
      });
      this.form = form;
      this.formOwner = form.owner;
      replace(this.formSlot, form.el);
      form.focus();
    } catch (error) {
      toastError(error);
    }
  }

  async saved(outcome, before) {
    const name = participantName({ ...outcome.participant, anonymised: false });
    const done = tr(before ? 'participants.saved' : 'participants.added', { name });
    toast(outcome.notice ? `${done} ${outcome.notice}` : done);
    this.closeForm();
    await this.load();
    this.addButton.focus();
  }

  closeForm() {
    if (this.form) this.form.close();
    this.form = null;
    replace(this.formSlot);
  }

  /** Échap: closes the import preview, else the form. */
  cancel() {
    if (this.import.isOpen()) {
      this.import.cancel();
      return true;
    }
    if (this.form) {
      this.closeForm();
      this.addButton.focus();
      return true;
    }
    return false;
  }

  dispose() {
    this.import.dispose();
    this.grid.dispose();
    if (this.form) this.form.close();
  }
}
