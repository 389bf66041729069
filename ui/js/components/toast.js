// Short success and failure messages in a polite live region (role="status").

import { h } from '../dom.js';
import { tr } from '../i18n.js';

let container = null;
const MAX_TOASTS = 2;

/** The toasts container, created once by the shell. */
export function createToastContainer() {
  container = h('div', { class: 'toasts', id: 'toasts', 'data-testid': 'toasts', role: 'status', 'aria-live': 'polite' });
  return container;
}

/** Shows `message`; kind is "success" (default) or "error". Errors stay longer. */
export function toast(message, kind = 'success') {
  if (!container) return;
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': tr('action.closeMessage') }, '×');
  const item = h('div', { class: ['toast', `toast-${kind}`], 'data-testid': `toast-${kind}` },
    h('span', { class: 'toast-text' }, message), close);
  const remove = () => item.remove();
  close.addEventListener('click', remove);
  container.appendChild(item);
  // A quick series of actions must not pile messages over the page: the newest few stay.
  const shown = container.querySelectorAll('.toast');
  for (let i = 0; i < shown.length - MAX_TOASTS; i += 1) shown[i].remove();
  setTimeout(remove, kind === 'error' ? 10000 : 5000);
}

/** Shows a failed command's message as an error toast. */
export function toastError(error) {
  toast(error && error.message ? error.message : String(error), 'error');
}

/** Runs `task` with `trigger` disabled meanwhile; a failure shows as an error toast. */
export async function withButton(trigger, task) {
  trigger.disabled = true;
  try {
    await task();
  } catch (error) {
    toastError(error);
  } finally {
    trigger.disabled = false;
    // Disabling the button took the focus away: give it back to keyboard users.
    if (document.activeElement === document.body) trigger.focus();
  }
}
