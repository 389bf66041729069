// « Échanges » (#/echanges): importing a file, exporting in each exchange format, backing up
// and restoring the database. Each task is its own part (exchange/import.js, export.js,
// backups.js); this view lays them out and shares one runner between them (exchange/runner.js),
// so that only one runs at a time and a slow one disables the whole view.

import { h, fill } from '../dom.js';
import { tr } from '../i18n.js';
import { pageHeader } from '../components/layout.js';
import { createRunner } from './exchange/runner.js';
import { createImportPart } from './exchange/import.js';
import { createExportPart } from './exchange/export.js';
import { createBackupPart, restoreReport } from './exchange/backups.js';

/** Renders the exchange view into `root`. */
export async function render(root) {
  const runner = createRunner(root);
  const importPart = createImportPart(runner);
  const exportPart = createExportPart(runner);
  const backupPart = createBackupPart(runner);
  fill(root,
    pageHeader(tr('exchange.title'), { subtitle: tr('exchange.subtitle') }),
    h('div', { class: 'restore-result-slot' }, restoreReport()),
    importPart.el,
    exportPart.el,
    backupPart.el);
  await backupPart.load();
  return {
    cancel: importPart.cancel,
    dispose: importPart.dispose,
  };
}
