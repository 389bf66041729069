// The page of one event: its details, its agenda (components/agenda-editor.js, with the
// session form and the speaker picker), its study-visit logistics (event-logistics.js), the
// « Vérification » panel (views/event-coherence.js, refreshed after each agenda change), the
// programme's versions (views/event-programme.js), the buttons that print the programme (after
// that check), the attendance sheets and the study-visit booklet, and those that export the
// agenda (calendar file, CSV); its resources and « Dossier documentaire »
// (views/event-resources.js).

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { labelOf, choiceLists } from '../refdata.js';
import { pageHeader, card, button, linkButton, statusBadge, details } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError, withButton } from '../components/toast.js';
import { AgendaEditor } from '../components/agenda-editor.js';
import { CoherencePanel } from './event-coherence.js';
import { ProgrammeVersions } from './event-programme.js';
import { redirect } from '../router.js';
import { dateRange } from './events.js';
import { logisticsCard } from './event-logistics.js';
import { requestLink } from './requests.js';
import { ParticipantsCard } from './event-participants.js';
import { EventResourcesCard } from './event-resources.js';


/**
 * The buttons that print the programme, the attendance sheets and the booklet of event `id`;
 * the programme is printed after `coherence` has had its say.
 */
function printButtons(id, coherence) {
  const documents = {
    programme: [() => api.saveProgrammePdf(id), 'event.programmeSaved'],
    attendance: [() => api.saveAttendancePdf(id, null), 'event.attendanceSaved'],
    booklet: [() => api.printBooklet(id, false), 'event.bookletSaved'],
    bookletImposed: [() => api.printBooklet(id, true), 'event.bookletSaved'],
  };
  const print = (kind, trigger) => withButton(trigger, async () => {
    if (kind === 'programme' && !(await coherence.confirmPrint())) return;
    const [save, saved] = documents[kind];
    const path = await save();
    if (path) toast(tr(saved, { path }));
  });
  const make = (kind, label, testid) => {
    const trigger = button(tr(label), () => print(kind, trigger), { testid });
    return trigger;
  };
  return [
    make('programme', 'event.programmePdf', 'event-programme-pdf'),
    make('attendance', 'event.attendancePdf', 'event-attendance-pdf'),
    make('booklet', 'event.bookletPdf', 'event-booklet-pdf'),
    make('bookletImposed', 'event.bookletImposedPdf', 'event-booklet-imposed-pdf'),
  ];
}

/** « Exporter l'agenda : » with its calendar and CSV buttons, for event `id`. */
function exportGroup(id) {
  const exportAs = (format, trigger) => withButton(trigger, async () => {
    const path = await api.exportData(format, { eventIds: [id] });
    if (path) toast(tr('exchange.saved', { path }));
  });
  const ics = button(tr('event.exportIcs'), () => exportAs('events_ics', ics), { testid: 'event-export-ics' });
  const csv = button(tr('event.exportAgendaCsv'), () => exportAs('agenda_csv', csv), { testid: 'event-export-agenda-csv' });
  const labelId = 'event-export-label';
  return h('div', { class: 'button-group', role: 'group', 'aria-labelledby': labelId },
    h('span', { class: 'button-group-label', id: labelId }, tr('event.exportAgenda')), ics, csv);
}

/** The read-only details of `event`; `lists` are the choice lists that name its references. */
function eventDetails(event, lists) {
  const labels = (list) => new Map(list.map((o) => [o.code, o.label]));
  const orgLabel = labels(lists.organisations);
  const themeLabel = labels(lists.themes);
  const professionLabel = labels(lists.professions);
  const territoryLabel = labels(lists.territories);
  const place = [event.venue, event.address, event.city, labelOf('countries', event.country)].filter(Boolean).join(', ');
  return details([
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
    [tr('partner.language'), labelOf('partnerLanguages', event.partnerLanguage)],
    [tr('event.translatedTitle', { language: labelOf('partnerLanguages', event.partnerLanguage) }),
      event.partnerLanguage && event.translation && event.translation.title
        ? h('span', { lang: event.partnerLanguage, 'data-testid': 'event-translated-title' }, event.translation.title) : ''],
    [tr('event.interpretation'), event.interpretation],
    [tr('event.price'), event.price],
    [tr('event.contact'), [event.contactName, event.contactEmail, event.contactPhone].filter(Boolean).join(' · ')],
    [tr('event.notes'), event.notes],
    [tr('common.record'), `${tr('common.created', { date: formatDateTime(event.createdAt) })} · ${tr('common.updated', { date: formatDateTime(event.updatedAt) })}`],
  ]);
}

/** The line under the title: status, subtitle, kind, dates and city. */
function subtitleOf(event) {
  const facts = `${labelOf('eventKinds', event.kind)} · ${dateRange(event.startDate, event.endDate)}${event.city ? ` · ${event.city}` : ''}`;
  return [statusBadge(event.status, labelOf('eventStatuses', event.status)), ' ', [event.subtitle, facts].filter(Boolean).join(' — ')];
}

/** Renders the event page into `root`. */
export async function render(root, params) {
  const id = params[0];
  const [event, lists] = await Promise.all([api.getEvent(id), choiceLists()]);
  let coherence = null;
  // The participants' card follows the agenda too: its grid's half-days and its speakers.
  const agenda = new AgendaEditor({ eventId: id, event, onLoad: () => { coherence.load(); participants.load(agenda.agenda); } });
  coherence = new CoherencePanel({ eventId: id, agenda });
  const programme = new ProgrammeVersions({ event, coherence });
  const logistics = logisticsCard(event);
  const participants = new ParticipantsCard({ event });
  const resources = new EventResourcesCard({ eventId: id });
  const request = event.requestId ? await requestLink(event.requestId) : null;

  async function removeEvent() {
    const yes = await confirmDialog({
      title: tr('event.deleteTitle'),
      message: tr('event.deleteMessage', { title: event.title, count: agenda.sessionCount() }),
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

  fill(root,
    pageHeader(event.title, {
      back: { href: '#/evenements', label: tr('events.back') },
      subtitle: subtitleOf(event),
      actions: [
        linkButton(`#/evenements/${encodeURIComponent(id)}/modifier`, tr('action.edit'), { testid: 'event-edit' }),
        ...printButtons(id, coherence), exportGroup(id),
        button(tr('action.delete'), removeEvent, { kind: 'danger', testid: 'event-delete' }),
      ],
    }),
    request,
    agenda.el,
    coherence.el,
    programme.el,
    participants.el,
    logistics.el,
    resources.el,
    card(tr('event.information'), eventDetails(event, lists)));
  await Promise.all([agenda.load(), programme.load(), resources.load()]);
  const dispose = () => {
    agenda.dispose();
    logistics.dispose();
    participants.dispose();
  };
  return { create: () => agenda.create(), cancel: () => participants.cancel() || agenda.cancel(), dispose };
}
