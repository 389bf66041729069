// The only module that talks to the Rust backend. Every function returns a promise of the
// command's JSON result; a failure rejects with `{kind, message, fields}` where `message` is
// French and ready to show (see `normaliseError`). It depends on no component: whoever shows
// that the app is working (components/busy.js, wired by main.js) listens to `calls`.

import { tr } from './i18n.js';

/**
 * Fires "callstart" when a backend call begins and "callend" when it settles (either way); each
 * event's `detail` is `{command}`.
 */
export const calls = new EventTarget();

/** Turns anything a command may throw into `{kind, message, fields}`. */
export function normaliseError(error) {
  if (error && typeof error === 'object' && typeof error.message === 'string' && error.kind) {
    return { kind: error.kind, message: error.message, fields: Array.isArray(error.fields) ? error.fields : [] };
  }
  const detail = typeof error === 'string' ? error : (error && error.message) || String(error);
  return { kind: 'internal', message: tr('error.unexpected', { detail }), fields: [] };
}

async function call(name, args) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    throw { kind: 'internal', message: tr('error.noBackend'), fields: [] };
  }
  calls.dispatchEvent(new CustomEvent('callstart', { detail: { command: name } }));
  try {
    return await tauri.core.invoke(name, args || {});
  } catch (error) {
    throw normaliseError(error);
  } finally {
    calls.dispatchEvent(new CustomEvent('callend', { detail: { command: name } }));
  }
}

// Application

/** Database path, schema and app versions, and record counts. */
export const appInfo = () => call('app_info');
/** `{dbPath, problem}`: `problem` is `{kind, message}` when the database did not open. */
export const databaseStatus = () => call('database_status');
/** Every coded list (kinds, statuses, roles, levels, languages, countries) with French labels. */
export const listCodes = () => call('list_codes');
/** Global search across experts, events and professions. */
export const searchAll = (query) => call('search_all', { query });
/** Adds the labelled example study visit; resolves to its event id. */
export const addDemo = () => call('add_demo');
/** Upcoming events whose programme lacks required items: `[{eventId, code, title, startDate, missing}]`. */
export const incompleteProgrammes = () => call('incomplete_programmes');

// Organisations

/** All organisations, by name. */
export const listOrganisations = () => call('list_organisations');
/** One organisation. */
export const getOrganisation = (id) => call('get_organisation', { id });
/** Creates an organisation. */
export const createOrganisation = (input) => call('create_organisation', { input });
/** Saves an organisation edited from `version`. */
export const updateOrganisation = (id, version, input) => call('update_organisation', { id, version, input });
/** Deletes an organisation. */
export const deleteOrganisation = (id) => call('delete_organisation', { id });

// Territories

/** All territories. */
export const listTerritories = () => call('list_territories');
/** One territory. */
export const getTerritory = (id) => call('get_territory', { id });
/** Creates a territory. */
export const createTerritory = (input) => call('create_territory', { input });
/** Saves a territory edited from `version`. */
export const updateTerritory = (id, version, input) => call('update_territory', { id, version, input });
/** Deletes a territory. */
export const deleteTerritory = (id) => call('delete_territory', { id });

// Themes

/** All themes. */
export const listThemes = () => call('list_themes');
/** One theme. */
export const getTheme = (id) => call('get_theme', { id });
/** Creates a theme. */
export const createTheme = (input) => call('create_theme', { input });
/** Saves a theme edited from `version`. */
export const updateTheme = (id, version, input) => call('update_theme', { id, version, input });
/** Deletes a theme. */
export const deleteTheme = (id) => call('delete_theme', { id });

// Read-only reference lists

/** The families of professions. */
export const listProfessionFamilies = () => call('list_profession_families');
/** The Interreg programmes. */
export const listInterregProgrammes = () => call('list_interreg_programmes');

// Professions, competences, observations

/** Professions matching `query` (all when empty), by family then title. */
export const listProfessions = (query) => call('list_professions', { query: query || '' });
/** One profession with its competences and their observations. */
export const getProfession = (id) => call('get_profession', { id });
/** Creates a profession. */
export const createProfession = (input) => call('create_profession', { input });
/** Saves a profession edited from `version`. */
export const updateProfession = (id, version, input) => call('update_profession', { id, version, input });
/** Deletes a profession. */
export const deleteProfession = (id) => call('delete_profession', { id });
/** Adds a competence to a profession; resolves to the updated profession. */
export const addCompetence = (professionId, input) => call('add_competence', { professionId, input });
/** Saves a competence edited from `version`; resolves to the updated profession. */
export const updateCompetence = (id, version, input) => call('update_competence', { id, version, input });
/** Deletes a competence; resolves to the updated profession. */
export const deleteCompetence = (id) => call('delete_competence', { id });
/** Adds an observation to a competence; resolves to the updated profession. */
export const addObservation = (competenceId, input) => call('add_observation', { competenceId, input });
/** Saves an observation edited from `version`; resolves to the updated profession. */
export const updateObservation = (id, version, input) => call('update_observation', { id, version, input });
/** Deletes an observation; resolves to the updated profession. */
export const deleteObservation = (id) => call('delete_observation', { id });

// Experts

/** A page of experts: `{items, total}` for the text query and filters. */
export const searchExperts = (filter) => call('search_experts', { filter });
/** One expert. */
export const getExpert = (id) => call('get_expert', { id });
/** Creates an expert. */
export const createExpert = (input) => call('create_expert', { input });
/** Saves an expert edited from `version`. */
export const updateExpert = (id, version, input) => call('update_expert', { id, version, input });
/** Deletes an expert (refused with kind "inUse" while they speak in a session). */
export const deleteExpert = (id) => call('delete_expert', { id });
/** The events an expert speaks in. */
export const listExpertEvents = (id) => call('list_expert_events', { id });

// Events and sessions

/** A page of events: `{items, total}`, upcoming first. */
export const searchEvents = (filter) => call('search_events', { filter });
/** One event. */
export const getEvent = (id) => call('get_event', { id });
/** Creates an event. */
export const createEvent = (input) => call('create_event', { input });
/** Saves an event edited from `version`. */
export const updateEvent = (id, version, input) => call('update_event', { id, version, input });
/** Deletes an event and its agenda. */
export const deleteEvent = (id) => call('delete_event', { id });
/**
 * The agenda as the event page shows it, computed by the core: `{eventId, days: [{date, inEvent,
 * sessions}], trainingMinutes, trainingDays, conflicts, newSession: {date, startTime}}`; each
 * session also has `speakerDetails` `[{expertId, role, name, organisation}]`, `durationMinutes`
 * and `duplicateSlot` `{date, startTime, endTime}`.
 */
export const getEventAgenda = (eventId) => call('get_event_agenda', { eventId });
/** Adds a session to an event. */
export const createSession = (eventId, input) => call('create_session', { eventId, input });
/** Saves a session edited from `version`. */
export const updateSession = (id, version, input) => call('update_session', { id, version, input });
/** Deletes a session. */
export const deleteSession = (id) => call('delete_session', { id });
/**
 * The coherence findings of an event, `[{kind, severity ("error"|"warning"), message, target:
 * {view ("event"|"session"|"expert"), id, field}, date}]`; `language` (a partner language code)
 * adds the untranslated texts of a bilingual programme.
 */
export const eventCoherence = (eventId, language) => call('event_coherence', { eventId, language: language ?? null });
/** Experts for a session, best fit first, each `{expert, score, reasons}`; `query` narrows. */
export const suggestSpeakers = (eventId, language, query) => call('suggest_speakers', { eventId, language, query });

// Documents

/** Asks where to save the programme PDF (`withResources`: its « Ressources » section), writes and opens it; the path or null. */
export const saveProgrammePdf = (eventId, language, withResources) => call('save_programme_pdf', { eventId, language: language ?? null, withResources: Boolean(withResources) });
/** Prints the next version « à envoyer » (with the « Ressources » section if asked); the recorded version, or null if cancelled. */
export const sendProgrammeVersion = (eventId, language, withResources) => call('send_programme_version', { eventId, language: language ?? null, withResources: Boolean(withResources) });
export const listProgrammeVersions = (eventId) => call('list_programme_versions', { eventId });
/** Saves version `number` again as it was sent; the path, or null if cancelled. */
export const saveProgrammeVersion = (eventId, number) => call('save_programme_version', { eventId, number });
/** Asks where to save the attendance sheets PDF, writes and opens them; resolves to the path or null. */
export const saveAttendancePdf = (eventId, rows) => call('save_attendance_pdf', { eventId, rows: rows ?? null });
/** Asks where to save the study-visit booklet (A5, or `imposed` on A4 sheets for double-sided printing), writes and opens it; resolves to the path or null. */
export const printBooklet = (eventId, imposed) => call('print_booklet', { eventId, imposed: Boolean(imposed) });

/**
 * Asks where to save the competences report in `format` ("pdf" | "csv") for `filter`
 * (`{familyId, fromYear, toYear}`, each null for no filter), writes it (and opens the PDF);
 * resolves to the path or null.
 */
export const saveCompetencesReport = (filter, format) => call('save_competences_report', { filter, format });

// Exchanges: import, export, backups

/**
 * Opens the file dialog for an import of `kind` ("experts" | "professions" | "json") and
 * previews the chosen file without writing anything; resolves to null if the user cancelled,
 * else `{kind, fileName, csv, json}` (one of `csv`/`json` set).
 */
export const chooseImportFile = (kind) => call('choose_import_file', { kind });
/**
 * Applies the previewed file with the user's `choices` (csv: `{onDuplicate, skipInvalid}`,
 * json: `{takeIncoming}`); resolves to `{kind, fileName, summary}`.
 */
export const applyPendingImport = (choices) => call('apply_pending_import', { choices });
/** Forgets the previewed file. */
export const cancelPendingImport = () => call('cancel_pending_import');
/**
 * Asks where to save and writes an export in `format` (experts_csv, professions_csv,
 * events_ics, agenda_csv, vcard, json); resolves to the saved path or null.
 */
export const exportData = (format, { eventIds = null, expertIds = null } = {}) => call('export_data', { format, eventIds, expertIds });
/** Asks where to save a copy of the database; resolves to the path or null. */
export const backupDatabase = () => call('backup_database');
/** The automatic backups and safety copies, newest first: `[{fileName, createdAt, sizeBytes}]`. */
export const listBackups = () => call('list_backups');
/** Restores an automatic backup; resolves to `{restoredFrom, safetyCopy}`. */
export const restoreBackup = (fileName) => call('restore_backup', { fileName });
/** Asks for a database file and restores it; resolves to `{restoredFrom, safetyCopy}` or null. */
export const restoreFromFile = () => call('restore_from_file');

// Training requests

/** Requests matching `{query, status, territoryId, themeId, olderThanDays, openOnly}`, latest first. */
export const listRequests = (filter) => call('list_requests', { filter });
/** One request with its organisations, dated history and events' ids. */
export const getRequest = (id) => call('get_request', { id });
/** Records a request (its history starts with its status). */
export const createRequest = (input) => call('create_request', { input });
/** Saves a request edited from `version`; a new status is added to the history. */
export const updateRequest = (id, version, input) => call('update_request', { id, version, input });
/** Deletes a request that no event answers. */
export const deleteRequest = (id) => call('delete_request', { id });
/** The events answering a request. */
export const listRequestEvents = (id) => call('list_request_events', { id });
/** An event form filled from a request (nothing saved). */
export const prefillEventFromRequest = (id) => call('prefill_event_from_request', { id });
/** `{openByStatus: [{status, label, count}], unanswered: [summary], answerDays}` for the home view. */
export const requestCounts = () => call('request_counts');

// Participants, attendance, documents after the programme, personal data (GDPR)

/** `{capacity (null: unlimited), taken, participants: [{id, firstName, lastName, email, employer, status, waitingRank, anonymised}]}`. */
export const listParticipants = (eventId) => call('list_participants', { eventId });
/** One participant, special needs included. */
export const getParticipant = (id) => call('get_participant', { id });
/** Adds a participant; resolves to `{participant, waitingRank, promoted, notice}` (notice: « Complet : … »). */
export const addParticipant = (eventId, input) => call('add_participant', { eventId, input });
/** Saves a participant edited from `version`; resolves to the same outcome. */
export const updateParticipant = (id, version, input) => call('update_participant', { id, version, input });
/** Cancels a registration; the outcome's `promoted` is who took the freed seat. */
export const cancelParticipant = (id, version) => call('cancel_participant', { id, version });
/** Registers someone waiting (refused when the event is full). */
export const promoteParticipant = (id, version) => call('promote_participant', { id, version });
/** Deletes a participant and their attendance; resolves to who was promoted, or null. */
export const deleteParticipant = (id) => call('delete_participant', { id });
/** `{halfDays: [{date, part}], entries: [{participantId, date, part, mark}]}`. */
export const getAttendance = (eventId) => call('get_attendance', { eventId });
/** Makes the event's attendance exactly `entries`, all or nothing (errors name each entry: `attendance.N`). */
export const setAttendance = (eventId, entries) => call('set_attendance', { eventId, entries });
/** Opens the file dialog and previews a participants' CSV for the event: null if cancelled, else `{fileName, preview}`. */
export const chooseParticipantsFile = (eventId) => call('choose_participants_file', { eventId });
/** Applies the previewed participants' file with `{onDuplicate, skipInvalid}`; resolves to `{fileName, summary}`. */
export const applyParticipantsImport = (eventId, choices) => call('apply_participants_import', { eventId, choices });
/** Forgets the previewed participants' file. */
export const cancelParticipantsImport = () => call('cancel_participants_import');
/**
 * Asks where to save and writes one of the event's documents: `document` is 'emargement',
 * 'convocations', 'certificats', 'attestations', 'badges' or 'chevalets'; resolves to the path or null.
 */
export const saveEventDocument = (eventId, document) => call('save_event_document', { eventId, document });
/** One PDF per person ('convocations', 'certificats', 'attestations') into a folder the user chooses; resolves to `{folder, count}` or null. */
export const saveEventDocumentsEach = (eventId, document) => call('save_event_documents_each', { eventId, document });
/** Asks where to save the mission letter of speaker `expertId` for the event; resolves to the path or null. */
export const saveMissionLetter = (eventId, expertId) => call('save_mission_letter', { eventId, expertId });
/** `{retentionYears, experts: [{expertId, name, reviewDate, consentRecorded, reason}], events: [{eventId, code, title, endDate, participants}]}`. */
export const gdprOverview = () => call('gdpr_overview');
/** Sets the retention period in years (1 to 50, checked by the backend). */
export const setRetentionYears = (years) => call('set_retention_years', { years });
/** Anonymises the participants of these events; resolves to how many were anonymised. */
export const anonymiseParticipants = (eventIds) => call('anonymise_participants', { eventIds });

// The library: resources with their files, legal notes

/** Resources `{items, total}` for `{query, kind, themeId, territoryId, language, status, year, sort, limit, offset}`; `excerpt` marks words in [ ]. */
export const listResources = (filter) => call('list_resources', { filter });
/** One resource with its files (attach order). */
export const getResource = (id) => call('get_resource', { id });
/** Creates a resource. */
export const createResource = (input) => call('create_resource', { input });
/** Saves a resource edited from `version`. */
export const updateResource = (id, version, input) => call('update_resource', { id, version, input });
/** Deletes a resource and its files. */
export const deleteResource = (id) => call('delete_resource', { id });
/** The sessions of an event, in time order. */
export const listSessions = (eventId) => call('list_sessions', { eventId });
/** The sessions named by a resource (with their `eventId`), for its form. */
export const getSessions = (ids) => call('get_sessions', { ids });
/** `[{id, title, kind, publicationDate, detail}]`: the resources an expert wrote (detail: role). */
export const resourcesOfExpert = (expertId) => call('resources_of_expert', { expertId });
/** The resources an organisation published or took part in (detail: role). */
export const resourcesOfOrganisation = (organisationId) => call('resources_of_organisation', { organisationId });
/** The event's own resources (detail "") then each session's (detail: the session's title). */
export const resourcesOfEvent = (eventId) => call('resources_of_event', { eventId });
/** Resources and legal notes past their review date: `[{entity, id, title, reviewDate}]`. */
export const reviewsDue = () => call('reviews_due');
/** Opens the file dialog (several files) and attaches them: null if cancelled, else `{attached, refused: [{name, message}]}`. */
export const chooseResourceFiles = (resourceId) => call('choose_resource_files', { resourceId });
/** Attaches the files at `paths` (dropped on the window): `{attached, refused}`. */
export const attachResourceFiles = (resourceId, paths) => call('attach_resource_files', { resourceId, paths });
/** Opens an attached file with the system's default application. */
export const openResourceFile = (fileId) => call('open_resource_file', { fileId });
/** « Enregistrer sous… »: the saved path, or null if cancelled. */
export const saveResourceFile = (fileId) => call('save_resource_file', { fileId });
/** Removes a file from a resource. */
export const removeResourceFile = (resourceId, fileId) => call('remove_resource_file', { resourceId, fileId });
/** Calls `handler({kind: 'enter'|'over'|'drop'|'leave', paths})` while files are dragged over the window; resolves to a stop function. */
export async function onFileDrop(handler) {
  const events = window.__TAURI__ && window.__TAURI__.event;
  if (!events) return () => {};
  const kinds = { 'tauri://drag-enter': 'enter', 'tauri://drag-over': 'over', 'tauri://drag-drop': 'drop', 'tauri://drag-leave': 'leave' };
  const stops = await Promise.all(Object.entries(kinds).map(([name, kind]) => events.listen(name, (event) => {
    handler({ kind, paths: (event.payload && event.payload.paths) || [] });
  })));
  return () => stops.forEach((stop) => stop());
}

/** A page of legal notes `{items, total}` for `{query, country, territoryId, themeId, reviewDue, limit, offset}`. */
export const listLegalNotes = (filter) => call('list_legal_notes', { filter });
/** One legal note. */
export const getLegalNote = (id) => call('get_legal_note', { id });
/** Creates a legal note. */
export const createLegalNote = (input) => call('create_legal_note', { input });
/** Saves a legal note edited from `version`. */
export const updateLegalNote = (id, version, input) => call('update_legal_note', { id, version, input });
/** Deletes a legal note. */
export const deleteLegalNote = (id) => call('delete_legal_note', { id });
/** Asks where to save the note's PDF (« fiche juridique »), writes and opens it; the path or null. */
export const saveLegalNotePdf = (noteId) => call('save_legal_note_pdf', { noteId });
/** Asks where to save the event's « dossier documentaire », writes and opens it; the path or null. */
export const saveDossierPdf = (eventId) => call('save_dossier_pdf', { eventId });

/** The team sharing's commands (api-sync.js) call the backend through this one function. */
export const command = call;
/** Calls `handler(payload)` on each Tauri event `name` (the sync's progress and status); resolves to a stop function. */
export async function onEvent(name, handler) {
  const events = window.__TAURI__ && window.__TAURI__.event;
  return events ? events.listen(name, (event) => handler(event.payload)) : () => {};
}
