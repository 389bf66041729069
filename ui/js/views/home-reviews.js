// The home view's « À réviser » card: the resources and legal notes whose review date has
// passed (the core's `reviews_due`, oldest first), each a link to its page.

import { h } from '../dom.js';
import { tr } from '../i18n.js';
import * as api from '../api.js';
import { formatDate } from '../format.js';
import { card, loadError } from '../components/layout.js';
import { resourceHref } from './resources.js';
import { legalNoteHref } from './legal-notes.js';

/** The card, or null when nothing is due. */
export async function reviewsCard() {
  let due;
  try {
    due = await api.reviewsDue();
  } catch (error) {
    return card(tr('home.reviews.title'), loadError(error));
  }
  if (!due.length) return null;
  const href = (item) => (item.entity === 'legalNote' ? legalNoteHref(item.id) : resourceHref(item.id));
  return card(tr('home.reviews.title'),
    h('p', { class: 'muted' }, tr('home.reviews.intro')),
    h('ul', { class: 'plain-list review-list', 'data-testid': 'home-reviews' }, due.map((item) => h('li', null,
      h('span', { class: 'badge badge-none' }, tr(`search.entity.${item.entity}`)),
      h('a', { href: href(item) }, item.title),
      h('span', { class: 'muted' }, tr('home.reviews.since', { date: formatDate(item.reviewDate) }))))));
}
