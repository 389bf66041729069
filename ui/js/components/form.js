// Forms: labelled fields, checklists and editable row lists, and the display of the errors the
// backend returns (`fields[]` inline under each input, `message` in the notice area). The
// interface adds no rule of its own: the form is `novalidate` and every message comes from Rust.

import { h, replace, options, uid } from '../dom.js';
import { tr } from '../i18n.js';
import { formatDate, parseDate, parseTime } from '../format.js';
import { setDirty } from '../router.js';

const safe = (name) => name.replace(/[^A-Za-z0-9_-]/g, '-');

/** A form with a notice area, fields that know their error slot, and dirty tracking. */
export class Form {
  /**
   * prefix: used for ids and data-testids ("expert" → "expert-lastName").
   * options: {onSubmit, onReload, noticeTestId, trackDirty, title (a heading above the notice)}
   */
  constructor(prefix, { onSubmit, onReload, noticeTestId = 'form-notice', trackDirty = true, title = null } = {}) {
    this.prefix = prefix;
    this.onReload = onReload;
    this.dirty = false;
    this.notice = h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': noticeTestId, tabindex: '-1', hidden: true });
    const heading = title ? h('h3', { class: 'session-form-title', id: `${prefix}-form-title`, tabindex: '-1' }, title) : null;
    this.el = h('form', { class: 'form', novalidate: true, 'data-testid': `${prefix}-form`, 'aria-labelledby': heading ? heading.id : null }, heading, this.notice);
    this.el.addEventListener('submit', (event) => {
      event.preventDefault();
      if (onSubmit) onSubmit();
    });
    if (trackDirty) {
      const mark = () => {
        this.dirty = true;
        setDirty(true, this);
      };
      this.el.addEventListener('input', mark);
      this.el.addEventListener('change', mark);
    }
  }

  /** Forgets unsaved changes (after a save, or when the form is closed). */
  markClean() {
    this.dirty = false;
    setDirty(false, this);
  }

  /** The id of a control. */
  idOf(name) {
    return `${this.prefix}-${safe(name)}`;
  }

  /** An error slot tied to field `name` (shown by `showError`). */
  errorSlot(name) {
    return h('p', {
      class: 'field-error', id: `${this.prefix}-error-${safe(name)}`, 'data-testid': `error-${name}`,
      'data-error-for': name, hidden: true,
    });
  }

  /**
   * A labelled control with its hint and error slot.
   * spec: {name, label, type ('text'|'email'|'tel'|'url'|'number'|'date'|'time'|'select'|'textarea'),
   *        value, required, hint, wide, options, emptyLabel, rows, testid, autocomplete}
   */
  field(spec) {
    const { name, label, type = 'text', value = '', required = false, wide = false } = spec;
    const id = this.idOf(name);
    const testid = spec.testid || `${this.prefix}-${name}`;
    let hint = spec.hint;
    if (type === 'date' && hint === undefined) hint = tr('form.dateHint');
    if (type === 'time' && hint === undefined) hint = tr('form.timeHint');
    const hintId = hint ? `${id}-hint` : null;
    const common = {
      id, name, 'data-testid': testid, 'aria-describedby': hintId, 'data-describedby': hintId || '',
      'aria-required': required ? 'true' : null, 'data-kind': type,
    };
    let control;
    if (type === 'select') {
      control = h('select', common, options(spec.options || [], value || '', spec.emptyLabel ?? tr('form.choose')));
    } else if (type === 'textarea') {
      control = h('textarea', { ...common, rows: spec.rows || 3, value: value || '' });
    } else if (type === 'date') {
      control = h('input', { ...common, type: 'text', inputmode: 'numeric', placeholder: tr('form.datePlaceholder'), value: formatDate(value), class: 'input-date', autocomplete: 'off' });
    } else if (type === 'time') {
      control = h('input', { ...common, type: 'text', placeholder: tr('form.timePlaceholder'), value: value || '', class: 'input-time', autocomplete: 'off' });
    } else if (type === 'number') {
      control = h('input', { ...common, type: 'number', inputmode: 'numeric', value: value === null || value === undefined ? '' : String(value), min: spec.min, step: spec.step || 1, class: 'input-number' });
    } else {
      control = h('input', { ...common, type, value: value || '', autocomplete: spec.autocomplete || 'off', spellcheck: type === 'text' ? null : 'false' });
    }
    return h('div', { class: ['field', wide && 'field-wide'] },
      h('label', { for: id, class: 'field-label' }, label, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
      control,
      this.errorSlot(name));
  }

  /** The control named `name`. */
  control(name) {
    return this.el.querySelector(`[name="${CSS.escape(name)}"]:not([type="checkbox"])`);
  }

  /** The value of control `name`, dates and times reshaped to ISO / HH:MM. */
  value(name) {
    const control = this.control(name);
    if (!control) return '';
    const kind = control.dataset.kind;
    if (kind === 'date') return parseDate(control.value);
    if (kind === 'time') return parseTime(control.value);
    if (kind === 'number') return control.value === '' ? null : Number(control.value);
    return control.value.trim() === '' ? '' : control.value;
  }

  /** The value of a select or input, or null when empty. */
  optional(name) {
    const value = this.value(name);
    return value === '' ? null : value;
  }

  /** The values of the checked boxes named `name`. */
  checked(name) {
    return [...this.el.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(name)}"]:checked`)].map((box) => box.value);
  }

  /** Removes every error mark. */
  clearErrors() {
    this.notice.hidden = true;
    this.notice.replaceChildren();
    for (const slot of this.el.querySelectorAll('[data-error-for]')) {
      slot.hidden = true;
      slot.replaceChildren();
    }
    for (const control of this.el.querySelectorAll('[aria-invalid]')) {
      control.removeAttribute('aria-invalid');
      const base = control.dataset.describedby || '';
      if (base) control.setAttribute('aria-describedby', base);
      else control.removeAttribute('aria-describedby');
    }
  }

  /** Shows a backend error: field messages under their fields, the summary in the notice. */
  showError(error) {
    this.clearErrors();
    const unmatched = [];
    let first = null;
    for (const { field, message } of error.fields || []) {
      const slot = this.el.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (!slot) {
        unmatched.push(message);
        continue;
      }
      slot.appendChild(h('span', { class: 'field-error-line' }, message));
      slot.hidden = false;
      const controls = this.el.querySelectorAll(`[name="${CSS.escape(field)}"], [data-error-control="${CSS.escape(field)}"]`);
      for (const control of controls) {
        control.setAttribute('aria-invalid', 'true');
        const base = control.dataset.describedby || '';
        control.setAttribute('aria-describedby', `${base} ${slot.id}`.trim());
        if (!control.dataset.describedby) control.dataset.describedby = base;
        if (!first) first = control;
      }
    }
    const parts = [h('p', { class: 'notice-message' }, error.message)];
    if (unmatched.length) parts.push(h('ul', { class: 'notice-list' }, unmatched.map((m) => h('li', null, m))));
    if (error.kind === 'conflict' && this.onReload) {
      parts.push(h('button', {
        type: 'button', class: 'button button-secondary', 'data-testid': 'form-reload',
        onclick: () => { this.markClean(); this.onReload(); },
      }, tr('action.reload')));
    }
    replace(this.notice, ...parts);
    this.notice.hidden = false;
    const target = first && typeof first.focus === 'function' && first.tagName !== 'FIELDSET' ? first : this.notice;
    target.focus();
    if (target.scrollIntoView) target.scrollIntoView({ block: 'center' });
  }
}

/** A titled group of fields laid out in two columns on wide windows. */
export function section(title, ...fields) {
  return h('fieldset', { class: 'form-section' },
    h('legend', { class: 'form-section-title' }, title),
    h('div', { class: 'form-grid' }, fields));
}

/**
 * A list of checkboxes, optionally with a filter box and group headings.
 * spec: {form, name, legend, items: [{code,label,group?}], selected: [], filterable, wide}
 */
export function checklist({ form, name, legend, items, selected = [], filterable = false, wide = true }) {
  const chosen = new Set(selected);
  const count = h('span', { class: 'checklist-count', 'aria-live': 'polite' });
  const box = h('div', { class: 'checklist-box' });
  let group = null;
  let groupEl = null;
  const groups = [];
  for (const item of items) {
    if (item.group !== undefined && item.group !== group) {
      group = item.group;
      groupEl = h('div', { class: 'checklist-group' }, h('p', { class: 'checklist-group-title' }, group || tr('form.noGroup')));
      groups.push(groupEl);
      box.appendChild(groupEl);
    }
    const id = uid(`${form.prefix}-${safe(name)}`);
    const row = h('div', { class: 'checklist-item', 'data-label': item.label.toLocaleLowerCase('fr') },
      h('input', { type: 'checkbox', id, name, value: item.code, checked: chosen.has(item.code) }),
      h('label', { for: id }, item.label));
    (groupEl || box).appendChild(row);
  }
  if (!items.length) box.appendChild(h('p', { class: 'muted' }, tr('form.emptyChoices')));
  const updateCount = () => {
    const n = box.querySelectorAll('input:checked').length;
    count.textContent = tr(n === 0 ? 'form.selected.zero' : n === 1 ? 'form.selected.one' : 'form.selected.other', { count: n });
  };
  box.addEventListener('change', updateCount);
  updateCount();
  let filter = null;
  if (filterable) {
    const filterId = uid(`${form.prefix}-${safe(name)}-filter`);
    const input = h('input', { type: 'search', id: filterId, class: 'checklist-filter', autocomplete: 'off', 'data-testid': `${form.prefix}-${name}-filter` });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') event.preventDefault();
    });
    // Filtering the list is not an edit of the record.
    input.addEventListener('change', (event) => event.stopPropagation());
    input.addEventListener('input', (event) => {
      event.stopPropagation();
      const needle = input.value.trim().toLocaleLowerCase('fr');
      for (const row of box.querySelectorAll('.checklist-item')) {
        row.hidden = Boolean(needle) && !row.dataset.label.includes(needle);
      }
      for (const g of groups) g.hidden = !g.querySelector('.checklist-item:not([hidden])');
    });
    filter = h('div', { class: 'checklist-filter-row' }, h('label', { for: filterId }, tr('form.filterList')), input);
  }
  return h('fieldset', { class: ['checklist', wide && 'field-wide'], 'data-error-control': name, 'data-testid': `${form.prefix}-${name}` },
    h('legend', { class: 'field-label' }, legend, ' ', count),
    filter, box, form.errorSlot(name));
}

/**
 * An editable list of rows (languages, organisers, objectives, speakers).
 * spec: {form, name, legend, items, renderRow(item, index) → {el, read()}, newItem(), addLabel, addTestId, emptyText,
 *        removeLabel, asSection (the legend is a section title)}
 * Returns {el, read(), add(item)}.
 */
export function rowList({ form, name, legend, items, renderRow, newItem, addLabel, addTestId, emptyText, removeLabel, asSection = false }) {
  let rows = [];
  const list = h('div', { class: 'row-list' });
  const render = (values, focusIndex) => {
    rows = values.map((item, index) => {
      const row = renderRow(item, index);
      const remove = h('button', {
        type: 'button', class: 'button button-tertiary button-small', 'data-testid': `${form.prefix}-remove-${name}-${index}`,
        'aria-label': tr(removeLabel || 'form.removeRow', { n: index + 1 }),
      }, tr('action.remove'));
      remove.addEventListener('click', () => {
        const current = read();
        current.splice(index, 1);
        render(current, Math.min(index, current.length - 1));
        form.el.dispatchEvent(new Event('change'));
      });
      const wrapper = h('div', { class: 'row-item', 'data-index': String(index) }, row.el, h('div', { class: 'row-actions' }, remove));
      return { ...row, wrapper };
    });
    replace(list, ...rows.map((r) => r.wrapper));
    if (!rows.length && emptyText) list.appendChild(h('p', { class: 'muted' }, emptyText));
    if (focusIndex !== undefined) {
      const target = focusIndex >= 0 && rows[focusIndex] ? rows[focusIndex].wrapper.querySelector('input, select, textarea, button') : addButton;
      if (target) target.focus();
    }
  };
  const read = () => rows.map((r) => r.read());
  const addButton = h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': addTestId }, addLabel);
  const add = (item) => {
    const current = read();
    current.push(item ?? newItem());
    render(current, current.length - 1);
    form.el.dispatchEvent(new Event('change'));
  };
  addButton.addEventListener('click', () => add());
  render(items);
  const el = h('fieldset', { class: ['row-list-field', 'field-wide', asSection && 'form-section'], 'data-error-control': name },
    h('legend', { class: asSection ? 'form-section-title' : 'field-label' }, legend), list, form.errorSlot(name), h('div', { class: 'row-list-add' }, addButton));
  return { el, read, add };
}

/** A select inside a list row, with its own label and error slot. */
export function rowSelect(form, { name, label, list, value, emptyLabel, testid }) {
  const id = form.idOf(name);
  return h('div', { class: 'field field-inline' },
    h('label', { for: id, class: 'field-label' }, label),
    h('select', { id, name, 'data-testid': testid || id, 'data-describedby': '' }, options(list, value || '', emptyLabel ?? tr('form.choose'))),
    form.errorSlot(name));
}

/**
 * A text input inside a list row, with its own label and error slot. kind: 'text' (default),
 * 'date' and 'time' (typed the French way, read back as ISO / HH:MM by `Form.value`), 'tel',
 * 'email'; `lang` marks text in another language; `grow` makes it take the row's width.
 */
export function rowInput(form, { name, label, value, testid, kind = 'text', lang = null, grow = true }) {
  const id = form.idOf(name);
  const typed = kind === 'date' || kind === 'time';
  const input = h('input', {
    id, name, type: typed ? 'text' : kind, value: kind === 'date' ? formatDate(value) : value || '', 'data-testid': testid || id,
    'data-describedby': '', autocomplete: 'off', lang, 'data-kind': typed ? kind : null,
    class: typed ? `input-${kind}` : null, placeholder: typed ? tr(`form.${kind}Placeholder`) : null,
  });
  return h('div', { class: ['field field-inline', grow && 'field-grow'] },
    h('label', { for: id, class: 'field-label' }, label), input, form.errorSlot(name));
}
