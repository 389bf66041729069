// The window's answer to a database that does not open (damaged, written by a newer version,
// not a Passerelle file): the reason, the file, and the way out — restore one of the automatic
// backups or a chosen file. The other views are not offered: each would only fail the same way.

import { h } from '../dom.js';
import { tr } from '../i18n.js';
import { createRunner } from './exchange/runner.js';
import { createBackupPart } from './exchange/backups.js';

/** Draws the recovery screen into `root` for `status` ({dbPath, problem}); returns its title. */
export function renderRecovery(root, status) {
  const runner = createRunner(root);
  const backups = createBackupPart(runner, { canBackUp: false });
  const title = h('h1', { tabindex: '-1' }, tr('recovery.title'));
  root.append(
    title,
    h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'recovery-reason' },
      h('p', { class: 'notice-message' }, status.problem.message),
      h('p', { class: 'break' }, tr('recovery.file', { path: status.dbPath }))),
    h('p', { class: 'section-intro' }, tr('recovery.intro')),
    backups.el);
  backups.load();
  return title;
}
