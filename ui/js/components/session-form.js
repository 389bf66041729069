// The form of one session of the agenda: when (date, start, end), what (title, kind, language,
// place, description) and who (the speaker picker). What it is given to start from (an existing
// session, the core's defaults for a new one or the slot of a copy) comes from the agenda
// editor; every rule on what is saved is the backend's.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import { getCodes } from '../refdata.js';
import { Form, section } from './form.js';
import { button } from './layout.js';
import { PartnerTexts } from './partner-texts.js';
import { SpeakerPicker } from './speaker-picker.js';

/** Minutes since midnight of "HH:MM", or NaN. */
function minutes(time) {
  const match = /^(\d{2}):(\d{2})$/.exec(time || '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
}

/** "HH:MM" for minutes since midnight. */
function clock(total) {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Retyping the start keeps the session's length: the end follows by the same amount, until the
 * user edits the end themselves. An aid while typing, not a rule: the backend checks the result.
 */
function keepDuration(form) {
  const end = form.control('endTime');
  let previousStart = form.value('startTime');
  let endTouched = false;
  end.addEventListener('input', () => { endTouched = true; });
  form.control('startTime').addEventListener('change', () => {
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

/** The fields of the « Séquence » section, filled from `values`. */
function whenAndWhat(form, values) {
  const codes = getCodes();
  const f = (spec) => form.field({ ...spec, value: spec.value ?? values[spec.name] });
  return section(tr('agenda.section.when'),
    f({ name: 'date', label: tr('session.date'), type: 'date', required: true }),
    h('div', { class: 'field-pair' },
      f({ name: 'startTime', label: tr('session.startTime'), type: 'time', required: true }),
      f({ name: 'endTime', label: tr('session.endTime'), type: 'time', required: true })),
    f({ name: 'title', label: tr('session.title'), required: true, wide: true }),
    f({ name: 'kind', label: tr('session.kind'), type: 'select', options: codes.sessionKinds, required: true }),
    f({ name: 'language', label: tr('session.language'), type: 'select', options: codes.languages, emptyLabel: tr('form.none') }),
    f({ name: 'place', label: tr('session.place'), wide: true }),
    f({ name: 'description', label: tr('session.description'), type: 'textarea', wide: true }));
}

/**
 * « Titre traduit » and « Description traduite » in the event's partner language `code`; none
 * without one (the session's texts are then kept as they are).
 */
function partnerSection(form, code, values) {
  if (!code) return null;
  const partner = new PartnerTexts(form, code);
  const field = (name, labelKey, type) => partner.mark(
    form.field({ name, label: partner.labelFor(tr(labelKey)), type, value: values[name] || '', wide: true }), tr(labelKey));
  return section(tr('agenda.section.partner', { language: partner.languageLabel() }),
    field('titlePartner', 'session.titlePartner', 'text'),
    field('descriptionPartner', 'session.descriptionPartner', 'textarea'));
}

/**
 * A session form for event `eventId`, filled from `values` (a session's fields, `speakers` as
 * `[{expertId, role, name}]`), headed `title`. `onSave(input)` receives what `create_session` /
 * `update_session` expect; `onCancel` and `onReload` (after a version conflict) are the editor's.
 * `partnerLanguage`: the event's, whose translated title and description the form then edits.
 * Returns `{form, el}`.
 */
export function createSessionForm({ eventId, values, title, onSave, onCancel, onReload, partnerLanguage = '' }) {
  const form = new Form('session', {
    onSubmit: () => onSave(readInput()),
    onReload,
    noticeTestId: 'session-notice',
    title,
  });
  const speakers = new SpeakerPicker(form, values.speakers || [], eventId);
  const readInput = () => ({
    date: form.value('date'),
    startTime: form.value('startTime'),
    endTime: form.value('endTime'),
    title: form.value('title'),
    description: form.value('description'),
    kind: form.value('kind'),
    place: form.value('place'),
    language: form.value('language'),
    // Without a partner language the fields are not shown: what the session holds is kept.
    titlePartner: partnerLanguage ? form.value('titlePartner') : values.titlePartner || '',
    descriptionPartner: partnerLanguage ? form.value('descriptionPartner') : values.descriptionPartner || '',
    speakers: speakers.read(),
  });
  fill(form.el,
    whenAndWhat(form, values),
    partnerSection(form, partnerLanguage, values),
    section(tr('agenda.section.speakers'), speakers.el),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'session-save' }, tr('action.save')),
      button(tr('action.cancel'), () => onCancel(), { testid: 'session-cancel' })));
  keepDuration(form);
  speakers.refresh();
  form.control('language').addEventListener('change', () => speakers.refresh());
  return { form, el: h('div', { class: 'session-form card-inset' }, form.el) };
}
