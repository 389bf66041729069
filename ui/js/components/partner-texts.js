// Texts in the event's partner language, edited beside their French original: each translated
// field sits in a pair with the French one (two columns on wide windows, stacked on narrow ones),
// is labelled with the language (« Titre (allemand) ») and carries its `lang` so that screen
// readers and spell checkers read it as that language. Without a partner language the
// translated fields are hidden, their values kept: the backend says if texts remain without a
// language.

import { h } from '../dom.js';
import { tr } from '../i18n.js';
import { getCodes, labelOf } from '../refdata.js';
import { rowInput } from './form.js';

export class PartnerTexts {
  /** `form`: the Form the fields belong to; `code`: the partner language, or ''. */
  constructor(form, code) {
    this.form = form;
    this.code = code || '';
  }

  /** The French name of the chosen language (« allemand »), or ''. */
  languageLabel() {
    return this.code ? labelOf('partnerLanguages', this.code) : '';
  }

  /** « Titre (allemand) ». */
  labelFor(base) {
    return this.code ? tr('partner.label', { label: base, language: this.languageLabel() }) : base;
  }

  /** The « Langue partenaire » select (field `partnerLanguage`); choosing shows the fields. */
  select() {
    const field = this.form.field({
      name: 'partnerLanguage', label: tr('partner.language'), type: 'select', value: this.code,
      options: getCodes().partnerLanguages, emptyLabel: tr('partner.none'), hint: tr('partner.languageHint'),
    });
    const control = field.querySelector('select');
    control.addEventListener('change', () => this.setLanguage(control.value));
    return field;
  }

  /** Shows, labels and marks every translated field for language `code` ('' hides them). */
  setLanguage(code) {
    this.code = code || '';
    const root = this.form.el;
    for (const label of root.querySelectorAll('[data-partner-label]')) label.textContent = this.labelFor(label.dataset.partnerLabel);
    for (const input of root.querySelectorAll('[data-partner-input]')) {
      if (this.code) input.setAttribute('lang', this.code);
      else input.removeAttribute('lang');
    }
    for (const box of root.querySelectorAll('.partner-field')) box.hidden = !this.code;
    for (const pair of root.querySelectorAll('.translation-pair')) pair.classList.toggle('is-paired', Boolean(this.code));
  }

  /** Marks a field built by `Form.field` or `rowInput` as a translated one. */
  mark(field, base, extraClass) {
    field.querySelector('label').dataset.partnerLabel = base;
    const control = field.querySelector('input, textarea, select');
    control.dataset.partnerInput = '';
    if (this.code) control.setAttribute('lang', this.code);
    return h('div', { class: ['partner-field', extraClass], hidden: !this.code }, field);
  }

  /**
   * The French field `french` (built without `wide`) and its translation beside it.
   * spec: {name ('translation.title'), label (the French field's label), type, rows, value, testid}
   */
  pair(french, { name, label, type = 'text', rows, value, testid }) {
    const field = this.form.field({ name, label: this.labelFor(label), type, rows, value: value || '', testid });
    return h('div', { class: ['translation-pair', 'field-wide', this.code && 'is-paired'] }, french, this.mark(field, label));
  }

  /** A translated input for a list row (an objective), labelled from `label`. */
  rowInput({ name, label, value, testid }) {
    const field = rowInput(this.form, { name, label: this.labelFor(label), value, testid, grow: false });
    return this.mark(field, label, 'partner-row-field');
  }
}
