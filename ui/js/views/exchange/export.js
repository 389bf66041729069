// The export part of « Échanges »: one button per exchange format; the backend asks where to
// save and writes the file. The event page (.ics, agenda CSV) and the expert list (vCard) have
// their own export buttons.

import { h, replace } from '../../dom.js';
import { tr } from '../../i18n.js';
import * as api from '../../api.js';
import { card } from '../../components/layout.js';
import { toast } from '../../components/toast.js';
import { actionItem } from './widgets.js';

const EXPORTS = ['experts_csv', 'professions_csv', 'events_ics', 'vcard', 'json', 'resources_csv'];

/** The export card, running its commands through `runner` (runner.js); returns `{el}`. */
export function createExportPart(runner) {
  const exportArea = runner.area();
  const exportResult = h('p', { class: 'exchange-last muted', 'data-testid': 'export-result', hidden: true });

  function exportAs(format) {
    return runner.run(exportArea, tr('exchange.progress.export'), async () => {
      const path = await api.exportData(format);
      if (!path) return;
      replace(exportResult, tr('exchange.export.last', { path }));
      exportResult.hidden = false;
      toast(tr('exchange.saved', { path }));
    });
  }

  const exportList = h('ul', { class: 'exchange-actions' }, EXPORTS.map((format) => actionItem(
    tr(`exchange.export.${format}`), tr(`exchange.export.${format}Hint`), () => exportAs(format), `exchange-export-${format}`).el));
  const el = card(tr('exchange.export.title'),
    h('p', { class: 'section-intro' }, tr('exchange.export.intro')),
    exportList,
    h('p', { class: 'muted small' }, tr('exchange.export.agendaNote')),
    exportArea.progress, exportArea.error, exportResult);
  return { el };
}
