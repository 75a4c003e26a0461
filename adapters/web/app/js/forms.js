// Form pieces every page shares: a labelled field, and a time picker on the
// grid of a slot size.
import { h, uid } from './dom.js';
import { formatTime } from './i18n.js';
import { timesOnGrid } from './slots.js';

// A label, its control and, when given, a hint the control is described by.
export function field(labelText, control, hint) {
  const id = control.id || uid('f');
  control.id = id;
  const hintElement = hint ? h('div', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control, hintElement);
}

// The times of a day every `step` minutes; 24:00 only as an end, 00:00 only
// as a start.
export function timeSelect(step, chosen, { allowEnd = false, allowStart = true } = {}) {
  const times = timesOnGrid(step).filter((time) => (allowEnd || time !== '24:00') && (allowStart || time !== '00:00'));
  return h('select', {}, times.map((time) => h('option', { value: time, selected: time === chosen },
    time === '24:00' ? `${formatTime('00:00')} (24:00)` : formatTime(time))));
}
