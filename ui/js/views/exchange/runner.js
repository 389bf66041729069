// The one-task-at-a-time rule of « Échanges »: an import, an export or a backup runs alone;
// past half a second a progress bar shows next to the buttons that started it and every control
// of the view is disabled; a failure shows in that part's alert region and as a toast.

import { h, replace, uid } from '../../dom.js';
import { toastError } from '../../components/toast.js';

/** A command running longer than this shows the progress bar and disables the buttons. */
const PROGRESS_DELAY = 500;

/** Shows a backend error `{message, fields}` in `slot` as an alert. */
function showError(slot, error) {
  const fieldMessages = (error.fields || []).map((f) => f.message).filter(Boolean);
  replace(slot, h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'exchange-error' },
    h('p', { class: 'notice-message' }, error.message),
    fieldMessages.length ? h('ul', { class: 'notice-list' }, fieldMessages.map((m) => h('li', null, m))) : null));
}

/** Disables every enabled control under `root`; returns the function that enables them again. */
function disableAll(root) {
  const controls = [...root.querySelectorAll('button, input, select, textarea')].filter((el) => !el.disabled);
  for (const control of controls) control.disabled = true;
  root.setAttribute('aria-busy', 'true');
  return () => {
    for (const control of controls) control.disabled = false;
    root.removeAttribute('aria-busy');
  };
}

/** Shows the progress bar labelled `label` in `slot`. */
function showProgress(slot, label) {
  const id = uid('exchange-progress');
  replace(slot, h('div', { class: 'exchange-progress', role: 'status' },
    h('label', { for: id, class: 'exchange-progress-label' }, label),
    h('progress', { id, 'data-testid': 'exchange-progress' })));
}

/** Gives the focus back to `trigger` when disabling the buttons took it away. */
function restoreFocus(trigger) {
  const active = document.activeElement;
  if ((!active || active === document.body) && trigger && trigger.isConnected && !trigger.disabled) trigger.focus();
}

/**
 * The task runner of the view drawn in `root`: `area()` makes a part's progress and error slots
 * (to place next to its buttons), `run(area, label, task)` runs `task` unless one is running.
 */
export function createRunner(root) {
  const areas = [];
  let running = false;

  function area() {
    const made = { progress: h('div', { class: 'exchange-progress-slot' }), error: h('div', { class: 'exchange-error-slot' }) };
    areas.push(made);
    return made;
  }

  async function run(where, label, task) {
    if (running) return;
    running = true;
    for (const each of areas) replace(each.error);
    const trigger = document.activeElement;
    let enable = null;
    const timer = setTimeout(() => {
      enable = disableAll(root);
      showProgress(where.progress, label);
    }, PROGRESS_DELAY);
    try {
      await task();
    } catch (error) {
      showError(where.error, error);
      toastError(error);
    } finally {
      clearTimeout(timer);
      replace(where.progress);
      if (enable) enable();
      running = false;
      // A disabled button loses the focus: give it back so keyboard users stay where they were.
      restoreFocus(trigger);
    }
  }

  return { area, run, isRunning: () => running };
}
