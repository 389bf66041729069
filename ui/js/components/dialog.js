// One modal confirmation dialog (<dialog>), shared by every view: delete confirmations and
// the unsaved-changes guard. Escape or "Annuler" answers no.

import { h, replace } from '../dom.js';
import { tr } from '../i18n.js';

let dialog = null;
let title = null;
let body = null;
let yes = null;
let no = null;
let pending = null;

/** The dialog element, created once by the shell. */
export function createConfirmDialog() {
  title = h('h2', { class: 'dialog-title', id: 'confirm-title' });
  body = h('div', { class: 'dialog-body', id: 'confirm-body' });
  yes = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'confirm-yes' });
  no = h('button', { type: 'button', class: 'button button-secondary', 'data-testid': 'confirm-no' });
  dialog = h('dialog', {
    class: 'dialog', 'data-testid': 'confirm-dialog', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-body',
  }, title, body, h('div', { class: 'dialog-actions' }, no, yes));
  yes.addEventListener('click', () => finish(true));
  no.addEventListener('click', () => finish(false));
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    finish(false);
  });
  return dialog;
}

function finish(answer) {
  if (dialog.open) dialog.close();
  const resolve = pending;
  pending = null;
  if (resolve) resolve(answer);
}

/** Whether the dialog is showing (keyboard shortcuts stand aside while it is). */
export function isDialogOpen() {
  return Boolean(dialog && dialog.open);
}

/**
 * Asks a yes/no question; resolves to true when confirmed.
 * options: {title, message, confirmLabel, cancelLabel, danger}
 */
export function confirmDialog({ title: heading, message, confirmLabel, cancelLabel, danger = false }) {
  if (pending) finish(false);
  const previousFocus = document.activeElement;
  replace(title, heading);
  replace(body, ...String(message).split('\n').map((line) => h('p', null, line)));
  replace(yes, confirmLabel || tr('action.confirm'));
  replace(no, cancelLabel || tr('action.cancel'));
  yes.className = danger ? 'button button-danger' : 'button button-primary';
  dialog.showModal();
  no.focus();
  return new Promise((resolve) => {
    pending = (answer) => {
      if (previousFocus && previousFocus.isConnected && typeof previousFocus.focus === 'function') previousFocus.focus();
      resolve(answer);
    };
  });
}
