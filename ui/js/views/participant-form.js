// The form of one participant, opened inside the « Participants » card: identity, contact,
// employer, profession, status, notes, and the special needs — shown here only, never in the
// list (they are sensitive). Every rule (required name, e-mail, capacity, duplicates) is the
// backend's: its errors show under each field.

import { h } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { getCodes, choiceLists } from '../refdata.js';
import { Form, section } from '../components/form.js';
import { button } from '../components/layout.js';

const EMPTY = {
  firstName: '', lastName: '', email: '', phone: '', employer: '', jobTitle: '',
  professionId: null, status: 'registered', specialNeeds: '', notes: '',
};

/**
 * Opens the form for `participant` (null: a new one) of event `eventId`. `onSaved(outcome)`
 * receives the backend's outcome (its `notice` says « Complet : … » or who was promoted);
 * `onClose()` when the form is closed. Returns `{el, owner (for confirmLeave), focus(), close()}`.
 */
export async function participantForm({ eventId, participant, onSaved, onClose }) {
  const lists = await choiceLists();
  const values = participant ? { ...EMPTY, ...participant } : { ...EMPTY };
  const title = participant
    ? tr('participants.editTitle', { name: `${values.firstName} ${values.lastName}`.trim() })
    : tr('participants.addTitle');
  const form = new Form('participant', { onSubmit: () => save(), title, noticeTestId: 'participant-notice', onReload: () => reload() });
  const f = (spec) => form.field({ ...spec, value: spec.value ?? values[spec.name] });

  async function save() {
    form.clearErrors();
    const input = {
      firstName: form.value('firstName'), lastName: form.value('lastName'), email: form.value('email'),
      phone: form.value('phone'), employer: form.value('employer'), jobTitle: form.value('jobTitle'),
      professionId: form.optional('professionId'), status: form.value('status'),
      specialNeeds: form.value('specialNeeds'), notes: form.value('notes'),
    };
    try {
      const outcome = participant
        ? await api.updateParticipant(participant.id, participant.version, input)
        : await api.addParticipant(eventId, input);
      form.markClean();
      onSaved(outcome);
    } catch (error) {
      form.showError(error);
    }
  }

  async function reload() {
    // After a version conflict: reopen on what is saved now.
    const fresh = await api.getParticipant(participant.id);
    form.el.replaceWith((await participantForm({ eventId, participant: fresh, onSaved, onClose })).el);
  }

  function close() {
    form.markClean();
    onClose();
  }

  form.el.append(
    section(tr('participants.section.identity'),
      f({ name: 'lastName', label: tr('participants.lastName'), required: true, autocomplete: 'family-name' }),
      f({ name: 'firstName', label: tr('participants.firstName'), autocomplete: 'given-name' }),
      f({ name: 'email', label: tr('participants.email'), type: 'email' }),
      f({ name: 'phone', label: tr('participants.phone'), type: 'tel' }),
      f({ name: 'employer', label: tr('participants.employer') }),
      f({ name: 'jobTitle', label: tr('participants.jobTitle') }),
      f({ name: 'professionId', label: tr('participants.profession'), type: 'select', options: lists.professions, emptyLabel: tr('form.none'), value: values.professionId || '' }),
      f({ name: 'status', label: tr('participants.status'), type: 'select', options: getCodes().participantStatuses, hint: tr('participants.statusHint') })),
    section(tr('participants.section.private'),
      f({ name: 'specialNeeds', label: tr('participants.specialNeeds'), type: 'textarea', wide: true, hint: tr('participants.specialNeedsHint') }),
      f({ name: 'notes', label: tr('participants.notes'), type: 'textarea', wide: true })),
    h('div', { class: 'form-actions' },
      button(tr('action.save'), null, { kind: 'primary', type: 'submit', testid: 'participant-save' }),
      button(tr('action.cancel'), close, { testid: 'participant-cancel' })));
  form.el.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });
  return {
    el: form.el,
    owner: form,
    focus: () => form.control('lastName').focus(),
    close: () => form.markClean(),
  };
}
