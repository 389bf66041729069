// The attendance grid of an event: one row per participant (cancelled ones aside, unless they
// already have marks), one column per half-day with training (the backend's
// `attendance_half_days`, by the 13 h rule). Fast from the keyboard: a WAI-ARIA grid with a
// roving tabindex; arrows (and Début/Fin) move, P, A and E set Présent, Absent and Excusé,
// Espace (or Entrée, or a click) cycles, Suppr clears. « Enregistrer les présences » saves the
// whole grid at once (all or nothing, checked by the backend) and marks the cells it refuses.
// Unsaved marks make leaving the page ask first (router.js).

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate } from '../format.js';
import { labelOf } from '../refdata.js';
import { button, loadError } from '../components/layout.js';
import { toast, toastError } from '../components/toast.js';
import { setDirty } from '../router.js';

/** The order Espace cycles through; '' is an empty cell. */
const CYCLE = ['', 'present', 'absent', 'excused'];
const KEYS = { p: 'present', a: 'absent', e: 'excused' };

const keyOf = (participantId, date, part) => `${participantId}|${date}|${part}`;

/** « 12/05/2026 matin ». */
function halfDayLabel(slot) {
  return `${formatDate(slot.date)} ${labelOf('halfDayParts', slot.part).toLocaleLowerCase('fr')}`;
}

/** The grid of event `eventId`: `el`, `load(participants)`, `dispose()`. */
export class AttendanceGrid {
  constructor({ eventId }) {
    this.eventId = eventId;
    this.marks = new Map();
    this.cells = [];
    this.body = h('div', { class: 'attendance-body' });
    this.errors = h('div', { class: 'attendance-errors' });
    this.save = button(tr('attendance.save'), () => this.saveAll(), { kind: 'primary', testid: 'attendance-save' });
    this.save.disabled = true;
    this.el = h('section', { class: 'attendance', 'aria-labelledby': 'attendance-title' },
      h('h3', { id: 'attendance-title' }, tr('attendance.title')),
      h('p', { class: 'muted', id: 'attendance-help' }, tr('attendance.help')),
      this.errors, this.body,
      h('div', { class: 'form-actions' }, this.save));
  }

  async load(participants) {
    let data;
    try {
      data = await api.getAttendance(this.eventId);
    } catch (error) {
      replace(this.body, loadError(error, () => this.load(participants)));
      return;
    }
    this.slots = data.halfDays;
    // The list reloads after each change of a participant: unsaved marks stay on screen.
    if (!this.dirty) {
      this.marks = new Map(data.entries.map((e) => [keyOf(e.participantId, e.date, e.part), e.mark]));
      replace(this.errors);
    }
    const marked = new Set([...this.marks.keys()].map((key) => key.split('|')[0]));
    this.rows = participants.filter((p) => p.status !== 'cancelled' || marked.has(p.id));
    this.render();
  }

  render() {
    this.cells = [];
    if (!this.slots.length) {
      replace(this.body, h('p', { class: 'muted', 'data-testid': 'attendance-empty' }, tr('attendance.noHalfDay')));
      return;
    }
    if (!this.rows.length) {
      replace(this.body, h('p', { class: 'muted', 'data-testid': 'attendance-empty' }, tr('attendance.noParticipant')));
      return;
    }
    const head = h('tr', { role: 'row' },
      h('th', { scope: 'col', role: 'columnheader' }, tr('attendance.participant')),
      this.slots.map((slot) => h('th', { scope: 'col', role: 'columnheader' }, halfDayLabel(slot))));
    const rows = this.rows.map((p, r) => {
      const name = p.anonymised ? tr('participants.anonymised') : `${p.lastName.toLocaleUpperCase('fr')} ${p.firstName}`.trim();
      this.cells[r] = this.slots.map((slot, c) => this.cell(p, name, slot, r, c));
      return h('tr', { role: 'row', 'data-participant': p.id },
        h('th', { scope: 'row', role: 'rowheader' }, name), this.cells[r]);
    });
    const table = h('table', {
      class: 'table table-compact attendance-grid', role: 'grid', 'data-testid': 'attendance-grid',
      'aria-labelledby': 'attendance-title', 'aria-describedby': 'attendance-help', 'aria-rowcount': this.rows.length + 1,
    }, h('thead', null, head), h('tbody', null, rows));
    table.addEventListener('keydown', (event) => this.onKey(event));
    replace(this.body, h('div', { class: 'scroll-box', role: 'presentation' }, table));
    this.cells[0][0].tabIndex = 0;
  }

  cell(p, name, slot, r, c) {
    const td = h('td', {
      role: 'gridcell', tabindex: '-1', class: 'attendance-cell', 'data-testid': 'attendance-cell',
      'data-participant': p.id, 'data-date': slot.date, 'data-part': slot.part, 'data-row': r, 'data-col': c,
    });
    td.dataset.label = `${name} – ${halfDayLabel(slot)}`;
    td.addEventListener('click', () => {
      this.focusCell(r, c);
      this.cycle(td);
    });
    this.show(td);
    return td;
  }

  markOf(td) {
    return this.marks.get(keyOf(td.dataset.participant, td.dataset.date, td.dataset.part)) || '';
  }

  /** Shows the cell's mark as text and in its accessible name. */
  show(td) {
    const mark = this.markOf(td);
    const text = mark ? labelOf('attendanceMarks', mark) : '—';
    td.textContent = text;
    td.dataset.mark = mark;
    td.setAttribute('aria-label', `${td.dataset.label} : ${mark ? text : tr('attendance.unset')}`);
  }

  set(td, mark) {
    const key = keyOf(td.dataset.participant, td.dataset.date, td.dataset.part);
    if ((this.marks.get(key) || '') === mark) return;
    if (mark) this.marks.set(key, mark);
    else this.marks.delete(key);
    td.removeAttribute('aria-invalid');
    this.show(td);
    this.dirty = true;
    this.save.disabled = false;
    setDirty(true, this);
  }

  cycle(td) {
    this.set(td, CYCLE[(CYCLE.indexOf(this.markOf(td)) + 1) % CYCLE.length]);
  }

  focusCell(r, c) {
    const row = Math.max(0, Math.min(this.cells.length - 1, r));
    const col = Math.max(0, Math.min(this.cells[row].length - 1, c));
    for (const line of this.cells) for (const td of line) td.tabIndex = -1;
    const td = this.cells[row][col];
    td.tabIndex = 0;
    td.focus();
  }

  onKey(event) {
    const td = event.target.closest('[role="gridcell"]');
    if (!td || event.altKey || event.ctrlKey || event.metaKey) return;
    const r = Number(td.dataset.row);
    const c = Number(td.dataset.col);
    const moves = {
      ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1],
      Home: [r, 0], End: [r, Infinity], PageUp: [r - 10, c], PageDown: [r + 10, c],
    };
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (moves[key]) {
      this.focusCell(...moves[key]);
    } else if (KEYS[key]) {
      this.set(td, KEYS[key]);
    } else if (key === ' ' || key === 'Enter') {
      this.cycle(td);
    } else if (key === 'Delete' || key === 'Backspace') {
      this.set(td, '');
    } else {
      return;
    }
    event.preventDefault();
  }

  /** Every mark of the grid, in row then column order (the error indexes refer to it). */
  entries() {
    const list = [];
    for (const line of this.cells) {
      for (const td of line) {
        const mark = this.markOf(td);
        if (mark) list.push({ td, entry: { participantId: td.dataset.participant, date: td.dataset.date, part: td.dataset.part, mark } });
      }
    }
    return list;
  }

  async saveAll() {
    const list = this.entries();
    this.save.disabled = true;
    replace(this.errors);
    try {
      await api.setAttendance(this.eventId, list.map((item) => item.entry));
      this.markClean();
      toast(tr('attendance.saved', { count: list.length }));
    } catch (error) {
      this.save.disabled = false;
      this.showErrors(error, list);
      toastError(error);
    }
  }

  /** The backend's message and each refused cell (`attendance.N`) marked invalid and listed. */
  showErrors(error, list) {
    const messages = [];
    for (const field of error.fields || []) {
      const index = /^attendance\.(\d+)$/.exec(field.field || '');
      const item = index ? list[Number(index[1])] : null;
      if (item) item.td.setAttribute('aria-invalid', 'true');
      messages.push(field.message);
    }
    replace(this.errors, h('div', { class: 'notice notice-error', role: 'alert', tabindex: '-1', 'data-testid': 'attendance-error' },
      h('p', { class: 'notice-message' }, error.message),
      messages.length ? h('ul', { class: 'notice-list' }, messages.map((m) => h('li', null, m))) : null));
    this.errors.firstChild.focus();
  }

  markClean() {
    this.dirty = false;
    this.save.disabled = true;
    setDirty(false, this);
  }

  dispose() {
    setDirty(false, this);
  }
}
