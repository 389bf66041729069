// The « Ressources » card of the event page: the event's own resources, then each session's
// under the session's title (the core orders them as the agenda does), « Ajouter une
// ressource » and « Dossier documentaire » (the PDF listing them, saved where the user chooses
// and opened).

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { button, linkButton, loadError } from '../components/layout.js';
import { toast, withButton } from '../components/toast.js';
import { linkedList } from './resources.js';

/** Groups linked resources by their `detail` (empty: the event's own), keeping their order. */
function groups(resources) {
  const result = [];
  for (const resource of resources) {
    const last = result[result.length - 1];
    if (last && last.session === resource.detail) last.items.push(resource);
    else result.push({ session: resource.detail, items: [resource] });
  }
  return result;
}

/** The card of event `eventId`: `el` to place, `load()` reads its resources. */
export class EventResourcesCard {
  constructor({ eventId }) {
    this.eventId = eventId;
    this.body = h('div', { 'data-testid': 'event-resources' });
    const dossier = button(tr('eventResources.dossier'), () => withButton(dossier, async () => {
      const path = await api.saveDossierPdf(eventId);
      if (path) toast(tr('eventResources.dossierSaved', { path }));
    }), { testid: 'event-dossier-pdf' });
    this.el = h('section', { class: 'card', 'aria-labelledby': 'event-resources-title', 'data-testid': 'event-resources-card' },
      h('div', { class: 'card-title-row' },
        h('h2', { class: 'card-title', id: 'event-resources-title' }, tr('eventResources.title')),
        h('div', { class: 'button-row' }, linkButton('#/ressources/nouveau', tr('resources.new'), { testid: 'event-resource-new' }), dossier)),
      this.body);
  }

  async load() {
    let resources;
    try {
      resources = await api.resourcesOfEvent(this.eventId);
    } catch (error) {
      replace(this.body, loadError(error, () => this.load()));
      return;
    }
    if (!resources.length) {
      replace(this.body, h('p', { class: 'muted' }, tr('eventResources.none')));
      return;
    }
    replace(this.body, ...groups(resources).map((group) => [
      h('h3', null, group.session ? tr('eventResources.session', { title: group.session }) : tr('eventResources.event')),
      linkedList(group.items.map((item) => ({ ...item, detail: '' })), group.session ? 'event-session-resources' : 'event-own-resources'),
    ]));
  }
}
