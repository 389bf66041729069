// The « Fichiers » card of a resource page: « Joindre des fichiers… » (the native dialog, several
// at once) or files dropped anywhere on the window while the page is shown; each file with its
// name, type detected from its content, size and whether its text could be indexed; « Ouvrir »
// (the default application), « Enregistrer sous… » and « Retirer » after confirmation. A
// refused file is named with the backend's reason; the others are still attached.

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { labelOf } from '../refdata.js';
import { button, loadError } from '../components/layout.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError, withButton } from '../components/toast.js';

/** « 1,2 Mo », « 340 Ko », « 12 octets ». */
export function formatSize(bytes) {
  if (bytes >= 1024 * 1024) return tr('files.mb', { size: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10) });
  if (bytes >= 1024) return tr('files.kb', { size: formatNumber(Math.round(bytes / 1024)) });
  return tr('files.bytes', { size: formatNumber(bytes) });
}

/** The files card of `resource`; `onChange()` reloads the page after a change. */
export class FilesCard {
  constructor({ resource, onChange }) {
    this.resource = resource;
    this.onChange = onChange;
    this.stopListening = null;
    this.disposed = false;
    this.report = h('div', { class: 'files-report', role: 'alert', 'data-testid': 'files-report' });
    this.list = h('ul', { class: 'plain-list files-list', 'data-testid': 'resource-files' });
    const attach = button(tr('files.attach'), () => withButton(attach, () => this.choose()), { kind: 'primary', testid: 'files-attach' });
    this.zone = h('div', { class: 'drop-zone', 'data-testid': 'files-drop-zone' },
      h('p', null, tr('files.dropHint')), h('p', { class: 'muted small' }, tr('files.limits')));
    this.el = h('section', { class: 'card', 'aria-labelledby': 'files-title', 'data-testid': 'files-card' },
      h('div', { class: 'card-title-row' }, h('h2', { class: 'card-title', id: 'files-title' }, tr('files.title')), attach),
      this.zone, this.report, this.list);
    this.draw(resource.files);
    this.listen();
  }

  /** Files dropped on the window while this page is shown are attached to this resource. */
  async listen() {
    const stop = await api.onFileDrop(({ kind, paths }) => {
      this.zone.classList.toggle('drop-zone-active', kind === 'enter' || kind === 'over');
      if (kind === 'drop' && paths.length) this.attach(() => api.attachResourceFiles(this.resource.id, paths));
    });
    if (this.disposed) stop();
    else this.stopListening = stop;
  }

  dispose() {
    this.disposed = true;
    if (this.stopListening) this.stopListening();
  }

  async choose() {
    await this.attach(() => api.chooseResourceFiles(this.resource.id));
  }

  /** Runs an attach command and reports what was attached and what was refused, and why. */
  async attach(command) {
    let outcome;
    try {
      outcome = await command();
    } catch (error) {
      replace(this.report, loadError(error));
      return;
    }
    if (!outcome) return;
    const refused = outcome.refused.map((r) => h('li', null, r.message));
    replace(this.report, refused.length ? h('div', { class: 'notice notice-error' },
      h('p', null, tr('files.refused', { count: refused.length })), h('ul', { class: 'notice-list' }, refused)) : null);
    if (outcome.attached.length) {
      toast(tr(outcome.attached.length === 1 ? 'files.attached.one' : 'files.attached.other', { count: outcome.attached.length }));
      await this.onChange();
    }
  }

  draw(files) {
    if (!files.length) {
      replace(this.list, h('li', { class: 'muted' }, tr('files.none')));
      return;
    }
    replace(this.list, ...files.map((file) => this.item(file)));
  }

  item(file) {
    const named = (key) => tr(key, { name: file.name });
    const open = button(tr('files.open'), () => withButton(open, () => api.openResourceFile(file.id)), { small: true, testid: 'file-open', ariaLabel: named('files.openNamed') });
    const saveAs = button(tr('files.saveAs'), () => withButton(saveAs, async () => {
      const path = await api.saveResourceFile(file.id);
      if (path) toast(tr('files.saved', { path }));
    }), { small: true, testid: 'file-save-as', ariaLabel: named('files.saveAsNamed') });
    const remove = button(tr('action.remove'), () => this.remove(file), { small: true, kind: 'tertiary', testid: 'file-remove', ariaLabel: named('files.removeNamed') });
    const readable = file.textStatus === 'extracted';
    return h('li', { class: 'file-item', 'data-testid': 'resource-file', 'data-file-id': file.id },
      h('p', { class: 'file-name' }, h('strong', null, file.name)),
      h('p', { class: 'muted small' }, [file.mediaType, formatSize(file.size), tr('files.added', { date: formatDateTime(file.addedAt) })].join(' · ')),
      h('p', { class: ['small', readable ? 'file-text-ok' : 'file-text-warning'], 'data-testid': 'file-text-status' },
        labelOf('fileTextStatuses', file.textStatus)),
      h('div', { class: 'button-row' }, open, saveAs, remove));
  }

  async remove(file) {
    const yes = await confirmDialog({
      title: tr('files.removeTitle'), message: tr('files.removeMessage', { name: file.name, title: this.resource.title }),
      confirmLabel: tr('action.remove'), danger: true,
    });
    if (!yes) return;
    try {
      await api.removeResourceFile(this.resource.id, file.id);
      toast(tr('files.removed', { name: file.name }));
      await this.onChange();
    } catch (error) {
      toastError(error);
    }
  }
}
