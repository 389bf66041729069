// The team sharing's backend calls (« Partage », the header's status), apart from api.js for
// its size; they go through api.js's one `command`, so api.js stays the only caller of Tauri.

import { command, onEvent } from './api.js';

/** `{server, database, user}` or null when no server is set up. */
export const getSyncSettings = () => command('get_sync_settings');
/** Saves the settings and the password typed (may be empty): `{notice}` (keychain unavailable). */
export const saveSyncSettings = (settings, password) => command('save_sync_settings', { settings, password });
/** Forgets the server and its password; the records stay. */
export const forgetSyncSettings = () => command('forget_sync_settings');
/** Starts a sync: `{joined}` when one was already running. */
export const syncNow = () => command('sync_now');
/** `{configured, lastSyncAt, lastError, offline, changesWaiting, conflicts, waitingLinks, running}`. */
export const syncStatus = () => command('sync_status');
/** `[{docId, entityLabel, label, fields, mineDeleted, theirsDeleted, theirsAuthor, mineUpdatedAt, theirsUpdatedAt}]`. */
export const syncConflicts = () => command('sync_conflicts');
/** `[{entityLabel, label, reason}]`: colleagues' records waiting for their links. */
export const syncWaiting = () => command('sync_waiting');
/** Settles a conflict: choice is 'keepMine' or 'takeTheirs'. */
export const resolveSyncConflict = (docId, choice) => command('resolve_sync_conflict', { docId, choice: { choice } });
/** `handler(status)` on each status pushed by the backend. */
export const onSyncStatus = (handler) => onEvent('sync:status', handler);
/** `handler({phase, done, total})` during a sync. */
export const onSyncProgress = (handler) => onEvent('sync:progress', handler);
