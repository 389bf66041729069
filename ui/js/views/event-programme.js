// The « Programme et versions » card of the event page: the programme printed in French or
// bilingual (when the event has a partner language), with or without its « Ressources »
// section (the event's resources, off by default), the version « à envoyer » (numbered,
// recorded with what changed since the previous one, only once its file is chosen), and the
// versions sent, each saved again exactly as it was sent. The core numbers, compares and keeps
// the versions; this module only shows them.

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate } from '../format.js';
import { labelOf } from '../refdata.js';
import { button, loadError } from '../components/layout.js';
import { toast, withButton } from '../components/toast.js';


/**
 * The card of `event`: `el` to place on the page, `load()` reads the versions. `coherence` (the
 * CoherencePanel) is asked before a programme is printed.
 */
export class ProgrammeVersions {
  constructor({ event, coherence }) {
    this.event = event;
    this.coherence = coherence;
    this.list = h('ol', { class: 'plain-list versions-list', reversed: true, 'data-testid': 'programme-versions' });
    this.language = h('select', { id: 'programme-language', 'data-testid': 'programme-language' },
      h('option', { value: '' }, tr('programme.french')));
    if (event.partnerLanguage) {
      const name = labelOf('languages', event.partnerLanguage);
      this.language.append(h('option', { value: event.partnerLanguage }, tr('programme.bilingual', { language: name })));
    }
    this.withResources = h('input', { type: 'checkbox', id: 'programme-resources', 'data-testid': 'programme-resources' });
    const draft = button(tr('programme.draft'), () => withButton(draft, () => this.printDraft()), { testid: 'programme-draft' });
    const send = button(tr('programme.send'), () => withButton(send, () => this.send()), { kind: 'primary', testid: 'programme-send' });
    this.el = h('section', { class: 'card', 'aria-labelledby': 'programme-title', 'data-testid': 'programme-card' },
      h('h2', { class: 'card-title', id: 'programme-title' }, tr('programme.title')),
      h('div', { class: 'field field-inline' },
        h('label', { for: 'programme-language', class: 'field-label' }, tr('programme.language')), this.language),
      h('div', { class: 'checkbox-field' }, this.withResources, h('label', { for: 'programme-resources' }, tr('programme.withResources'))),
      h('p', { class: 'muted' }, tr('programme.sendHelp')),
      h('div', { class: 'button-group' }, draft, send),
      h('h3', null, tr('programme.versions')),
      this.list);
  }

  chosenLanguage() {
    return this.language.value || null;
  }

  async printDraft() {
    const language = this.chosenLanguage();
    if (!(await this.coherence.confirmPrint(language))) return;
    const path = await api.saveProgrammePdf(this.event.id, language, this.withResources.checked);
    if (path) toast(tr('event.programmeSaved', { path }));
  }

  async send() {
    const language = this.chosenLanguage();
    if (!(await this.coherence.confirmPrint(language))) return;
    const version = await api.sendProgrammeVersion(this.event.id, language, this.withResources.checked);
    if (!version) return;
    toast(tr('programme.sent', { number: version.number }));
    await this.load();
  }

  async load() {
    let versions;
    try {
      versions = await api.listProgrammeVersions(this.event.id);
    } catch (error) {
      replace(this.list, h('li', null, loadError(error, () => this.load())));
      return;
    }
    if (!versions.length) {
      replace(this.list, h('li', { class: 'muted' }, tr('programme.noVersion')));
      return;
    }
    replace(this.list, ...versions.map((version) => this.item(version)));
  }

  item(version) {
    const title = tr('programme.version', { number: version.number, date: formatDate(version.versionDate) });
    const language = version.language ? ` · ${tr('programme.bilingual', { language: labelOf('languages', version.language) })}` : '';
    const again = button(tr('programme.again'), () => withButton(again, async () => {
      const path = await api.saveProgrammeVersion(this.event.id, version.number);
      if (path) toast(tr('event.programmeSaved', { path }));
    }), { small: true, testid: 'programme-version-again', ariaLabel: tr('programme.againNamed', { number: version.number }) });
    return h('li', { class: 'version-item', 'data-testid': 'programme-version' },
      h('p', null, h('strong', null, title), language, ' ', again),
      h('ul', { class: 'version-changes' }, version.changes.map((change) => h('li', null, change.message))));
  }
}
