// The page of one training request (or a new one): the form with every field of the request
// and its errors inline, the status with the reason it asks for when the request is declined
// or dropped, the dated history of its statuses (who, why), the events that answer it, and
// « Créer l'événement », which opens the event form prefilled from the request.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDateTime } from '../format.js';
import { getCodes, labelOf, choiceLists } from '../refdata.js';
import { Form, section, checklist } from '../components/form.js';
import { pageHeader, card, button, linkButton, statusBadge, emptyState } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { redirect, reload, navigate } from '../router.js';
import { dateRange } from './events.js';
import { requestHref } from './requests.js';

const EMPTY = {
  receivedDate: '', title: '', requesterIds: [], contactName: '', contactEmail: '', contactPhone: '', projectName: '',
  interregProgrammeId: null, territoryId: null, themeIds: [], targetProfessionIds: [], audience: '',
  expectedParticipants: null, languages: ['fr'], desiredPeriod: '', format: '', need: '', handlerIds: [],
  status: 'received', statusReason: '', notes: '', history: [], eventIds: [],
};

/** Statuses that need a reason (the backend says so too; this only shows the field as required). */
const NEEDS_REASON = new Set(['declined', 'dropped']);

/** The dated history: when, which status, who, why. */
function historyList(history) {
  if (!history.length) return emptyState(tr('request.noHistory'));
  return h('ol', { class: 'plain-list request-history', 'data-testid': 'request-history' }, history.map((change) => h('li', null,
    h('span', { class: 'nowrap' }, formatDateTime(change.at)), ' — ',
    statusBadge(change.status, labelOf('requestStatuses', change.status)),
    change.by ? h('span', { class: 'muted' }, ` ${tr('request.by', { who: change.by })}`) : null,
    change.reason ? h('span', { class: 'block' }, change.reason) : null)));
}

/** The events answering request `id`, each a link, and the button that creates another. */
async function eventsBlock(id) {
  const events = await api.listRequestEvents(id);
  const create = linkButton(`#/evenements/nouveau/demande/${encodeURIComponent(id)}`, tr('request.createEvent'), { primary: !events.length, testid: 'request-create-event' });
  const list = events.length
    ? h('ul', { class: 'plain-list', 'data-testid': 'request-events' }, events.map((event) => h('li', null,
      h('a', { href: `#/evenements/${encodeURIComponent(event.id)}` }, event.title),
      h('span', { class: 'muted' }, ` — ${event.code}, ${dateRange(event.startDate, event.endDate)}`))))
    : h('p', { class: 'muted' }, tr('request.noEvents'));
  return [list, h('div', { class: 'button-row' }, create)];
}

/** Renders the page of request `params[0]`, or the form of a new request, into `root`. */
export async function render(root, params) {
  const id = params[0] || null;
  const codes = getCodes();
  const [request, lists, programmes] = await Promise.all([
    id ? api.getRequest(id) : Promise.resolve({ ...EMPTY }), choiceLists(), api.listInterregProgrammes(),
  ]);
  const programmeList = programmes.map((p) => ({ code: p.id, label: p.period ? `${p.name} (${p.period})` : p.name }));
  const back = '#/demandes';

  const form = new Form('request', { onSubmit: save, onReload: reload });
  form.el.dataset.main = '';
  const f = (spec) => form.field({ ...spec, value: spec.value ?? request[spec.name] });
  const reasonField = f({ name: 'statusReason', label: tr('request.statusReason'), type: 'textarea', wide: true, hint: tr('request.statusReasonHint') });
  const status = f({ name: 'status', label: tr('request.status'), type: 'select', options: codes.requestStatuses, required: true });
  // The reason is asked for when the status changes; required for « Déclinée » and « Abandonnée ».
  const showReason = () => {
    const chosen = form.value('status');
    reasonField.hidden = Boolean(id) && chosen === request.status;
    const label = reasonField.querySelector('label');
    label.querySelector('.required')?.remove();
    if (NEEDS_REASON.has(chosen)) label.appendChild(h('span', { class: 'required', 'aria-hidden': 'true' }, ' *'));
    form.control('statusReason').setAttribute('aria-required', NEEDS_REASON.has(chosen) ? 'true' : 'false');
  };
  status.querySelector('select').addEventListener('change', showReason);

  fill(form.el,
    section(tr('request.section.request'),
      f({ name: 'title', label: tr('request.title'), required: true, wide: true }),
      f({ name: 'receivedDate', label: tr('request.receivedDate'), type: 'date', required: true }),
      f({ name: 'format', label: tr('request.format'), type: 'select', options: codes.requestFormats, emptyLabel: tr('form.none') }),
      status, reasonField,
      f({ name: 'need', label: tr('request.need'), type: 'textarea', wide: true, rows: 5 })),
    section(tr('request.section.requester'),
      f({ name: 'projectName', label: tr('request.projectName') }),
      f({ name: 'interregProgrammeId', label: tr('request.interregProgramme'), type: 'select', options: programmeList, emptyLabel: tr('form.none') }),
      checklist({ form, name: 'requesterIds', legend: tr('request.requesters'), items: lists.organisations, selected: request.requesterIds, filterable: true }),
      f({ name: 'contactName', label: tr('request.contactName') }),
      f({ name: 'contactEmail', label: tr('request.contactEmail'), type: 'email' }),
      f({ name: 'contactPhone', label: tr('request.contactPhone'), type: 'tel', hint: tr('form.phoneHint') })),
    section(tr('request.section.training'),
      f({ name: 'territoryId', label: tr('request.territory'), type: 'select', options: lists.territories, emptyLabel: tr('form.none') }),
      f({ name: 'desiredPeriod', label: tr('request.desiredPeriod'), hint: tr('request.desiredPeriodHint') }),
      f({ name: 'expectedParticipants', label: tr('request.expectedParticipants'), type: 'number', min: 1 }),
      f({ name: 'audience', label: tr('request.audience'), type: 'textarea', wide: true }),
      checklist({ form, name: 'themeIds', legend: tr('request.themes'), items: lists.themes, selected: request.themeIds }),
      checklist({ form, name: 'targetProfessionIds', legend: tr('request.targetProfessions'), items: lists.professions, selected: request.targetProfessionIds, filterable: true }),
      checklist({ form, name: 'languages', legend: tr('request.languages'), items: codes.languages, selected: request.languages, filterable: true })),
    section(tr('request.section.handling'),
      checklist({ form, name: 'handlerIds', legend: tr('request.handlers'), items: lists.organisations, selected: request.handlerIds, filterable: true }),
      f({ name: 'notes', label: tr('request.notes'), type: 'textarea', wide: true })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'request-save' }, tr('action.save')),
      linkButton(back, tr('action.cancel'), { testid: 'request-cancel' }),
      h('span', { class: 'form-shortcut muted' }, tr('form.saveShortcut'))));
  showReason();

  async function save() {
    const input = {
      receivedDate: form.value('receivedDate'),
      title: form.value('title'),
      requesterIds: form.checked('requesterIds'),
      contactName: form.value('contactName'),
      contactEmail: form.value('contactEmail'),
      contactPhone: form.value('contactPhone'),
      projectName: form.value('projectName'),
      interregProgrammeId: form.optional('interregProgrammeId'),
      territoryId: form.optional('territoryId'),
      themeIds: form.checked('themeIds'),
      targetProfessionIds: form.checked('targetProfessionIds'),
      audience: form.value('audience'),
      expectedParticipants: form.value('expectedParticipants'),
      languages: form.checked('languages'),
      desiredPeriod: form.value('desiredPeriod'),
      format: form.value('format'),
      need: form.value('need'),
      handlerIds: form.checked('handlerIds'),
      status: form.value('status'),
      statusReason: form.value('statusReason'),
      notes: form.value('notes'),
    };
    try {
      const saved = id ? await api.updateRequest(id, request.version, input) : await api.createRequest(input);
      form.markClean();
      toast(tr('request.saved', { title: saved.title }));
      if (id) reload();
      else redirect(requestHref(saved.id));
    } catch (error) {
      form.showError(error);
    }
  }

  async function removeRequest() {
    const yes = await confirmDialog({
      title: tr('request.deleteTitle'), message: tr('request.deleteMessage', { title: request.title }),
      confirmLabel: tr('action.delete'), danger: true,
    });
    if (!yes) return;
    try {
      await api.deleteRequest(id);
      toast(tr('request.deleted', { title: request.title }));
      navigate(back);
    } catch (error) {
      toastError(error);
    }
  }

  const header = pageHeader(id ? request.title : tr('request.newTitle'), {
    back: { href: back, label: tr('requests.back') },
    subtitle: id ? statusBadge(request.status, labelOf('requestStatuses', request.status)) : tr('form.requiredNote'),
    actions: id ? [button(tr('action.delete'), removeRequest, { kind: 'danger', testid: 'request-delete' })] : [],
  });
  if (!id) {
    fill(root, header, card(null, form.el));
    return { focus: form.control('title') };
  }
  fill(root, header,
    card(tr('request.events'), ...(await eventsBlock(id))),
    card(tr('request.history'), historyList(request.history)),
    card(tr('request.information'), form.el));
  return {};
}
