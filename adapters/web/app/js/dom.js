// Building the page: a tiny element factory. User text only ever goes in as
// text nodes or attribute values, never as markup, so names cannot inject.

// h('button', {class: 'primary', onclick: fn}, 'Save', child, ...)
// Attributes: `class`, `for`, aria-*, data-* and the like as attributes;
// `on<event>` as listeners; `hidden`, `disabled`, `checked`... when true.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value') {
      element.value = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

// Replaces an element's content.
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let idCounter = 0;
// A unique id for pairing labels and controls.
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// A polite live region that screen readers announce.
let announcer = null;
export function announce(message) {
  if (!announcer) {
    announcer = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    document.body.append(announcer);
  }
  announcer.textContent = '';
  // A fresh node on the next frame, so the same message is read again.
  requestAnimationFrame(() => { announcer.textContent = message; });
}
