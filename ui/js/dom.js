// Small helpers that build DOM nodes. User data only ever reaches the page as text nodes or
// attribute values set through the DOM API, never as HTML, so a name such as
// `<img src=x onerror=alert(1)>` shows as those characters.

/** Properties set directly on the element instead of as attributes. */
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'required', 'indeterminate', 'multiple', 'readOnly']);

/**
 * Builds an element: h('a', {href: '#/x', class: 'link', onclick: fn}, 'text', child).
 * Attribute values of null, undefined or false are skipped; `on*` function values become
 * event listeners; text and number children become text nodes; arrays are flattened.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (key === 'class') {
        el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      } else if (PROPERTIES.has(key)) {
        el[key] = value;
      } else if (value === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings, numbers, nested arrays; null and false are skipped). */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
  return parent;
}

/** Replaces every child of `parent` with `children`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** An <option> list for a <select>: [{code,label}] plus an optional empty first choice. */
export function options(list, selected, emptyLabel) {
  const result = [];
  if (emptyLabel !== undefined) {
    result.push(h('option', { value: '', selected: !selected }, emptyLabel));
  }
  for (const item of list) {
    result.push(h('option', { value: item.code, selected: item.code === selected }, item.label));
  }
  return result;
}

/** Calls `fn` once input has paused for `delay` milliseconds. */
export function debounce(fn, delay) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), delay);
  };
}

/** A unique id for label/field pairs built at run time. */
let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Appends children to `parent`, skipping null and false (unlike Element.append). */
export function fill(parent, ...children) {
  return append(parent, children);
}
