// The group's answers, slot by slot, on the page's layout and clock: a
// heatmap coloured by how many of the people shown are available, a corner
// mark where someone is available only if needed (a shape, so not by colour
// alone, and small, so it never buries the green), and under it who can and
// cannot make the slot under the finger, mouse or keyboard focus. The grid
// comes first, right under its heading; the people list follows it.
import { h, fill } from './dom.js';
import { formatList, formatTime, t } from './i18n.js';
import { SlotGrid, heatLegend } from './slot_grid.js';
import { PeopleList } from './people_list.js';
import { minutesOf, timeOf } from './slots.js';

export class GroupPanel {
  // selection: {hidden, required} Sets shared with the best times;
  // onRequired() when "must attend" changes; slotMinutes of the event.
  constructor({ selection, onRequired, slotMinutes }) {
    this.selection = selection;
    this.slotMinutes = slotMinutes;
    this.model = null;
    this.grid = null;
    this.active = null;
    this.showing = h('p', { class: 'small showing' });
    this.gridBox = h('div', {});
    this.detail = h('div', { class: 'slot-detail', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('group.pick')));
    this.empty = h('p', { class: 'notice' }, t('group.nobody'));
    this.peopleList = new PeopleList({ selection, onChange: (what) => {
      if (what.hidden) this.refresh();
      if (what.required) onRequired();
    } });
    this.element = h('section', { class: 'card group', 'aria-labelledby': 'group-title' },
      h('h2', { id: 'group-title' }, t('group.title')),
      this.empty, this.showing, this.gridBox,
      heatLegend(h('span', { class: 'swatch maybe-mark' }), h('span', {}, t('group.maybeMark'))),
      this.detail, this.peopleList.element);
  }

  // The group's answers (group_model.js), after a load.
  show(model) {
    const first = this.grid?.first ?? 0;
    const focus = this.grid?.focus;
    const hadFocus = Boolean(this.grid?.element.contains(document.activeElement));
    this.model = model;
    this.empty.hidden = model.people.length > 0;
    this.peopleList.update(model.people, model.slotCounts());
    this.grid?.destroy();
    this.grid = null;
    const layout = model.layout;
    if (!layout.columns.length) { fill(this.gridBox); return; }
    this.grid = new SlotGrid({
      label: t('grid.groupLabel'),
      columns: layout.columns,
      rows: layout.rows,
      endLabel: layout.endLabel,
      state: (c, r) => this.cellState(c, r),
      onInspect: (c, r) => this.inspect(c, r),
    });
    // A refresh keeps the days the reader paged to.
    this.grid.first = Math.min(first, layout.columns.length - 1);
    if (focus) this.grid.focus = { c: Math.min(focus.c, layout.columns.length - 1), r: Math.min(focus.r, layout.rows.length - 1) };
    else this.grid.focus.c = this.grid.first;
    fill(this.gridBox, this.grid.element);
    if (hadFocus) this.grid.focusGrid();  // a refresh does not throw the reader out
    this.renderShowing();
    if (this.active) this.inspect(this.active.c, this.active.r);
  }

  // After the people shown change.
  refresh() {
    this.renderShowing();
    this.grid?.refresh();
    if (this.active) this.inspect(this.active.c, this.active.r);
  }

  renderShowing() {
    const total = this.model?.people.length ?? 0;
    const shown = this.chosen().length;
    fill(this.showing, total === 0 ? null : shown === total ? t('group.showingAll', { n: total }) : [
      t('group.showingSome', { n: shown, total }), ' ',
      h('button', { type: 'button', class: 'small-button', onclick: () => this.peopleList.showEveryone() }, t('people.everyone')),
    ]);
  }

  chosen() {
    return (this.model?.people ?? []).filter((name) => !this.selection.hidden.has(name));
  }

  // The people shown who answered yes and if needed in a cell.
  split(states) {
    const yes = [];
    const maybe = [];
    const { hidden } = this.selection;
    this.model.people.forEach((name, p) => {
      if (hidden.has(name)) return;
      if (states[p] === 1) yes.push(name);
      else if (states[p] === 2) maybe.push(name);
    });
    return { yes, maybe };
  }

  cellState(c, r) {
    const layout = this.model.layout;
    const label = `${layout.columns[c].long} ${layout.rows[r].label}`;
    const states = this.model.states(c, r);
    if (!states) return { className: 'heat void', label: `${label}: —`, disabled: true, level: 0 };
    const total = this.chosen().length;
    const { yes, maybe } = this.split(states);
    const summary = maybe.length
      ? t('slot.summaryIfNeeded', { available: yes.length, total, ifNeeded: maybe.length })
      : t('slot.summary', { available: yes.length, total });
    const active = this.active && this.active.c === c && this.active.r === r;
    return {
      className: `heat${maybe.length ? ' maybe' : ''}${active ? ' active' : ''}`,
      label: `${label}: ${summary}`,
      level: total ? yes.length / total : 0,
    };
  }

  inspect(c, r) {
    if (!this.model?.layout.cells[c]) return;
    const previous = this.active;
    this.active = { c, r };
    if (previous) this.grid?.refreshCell(previous.c, previous.r);
    this.grid?.refreshCell(c, r);
    const states = this.model.states(c, r);
    if (!states) return;
    const { yes, maybe } = this.split(states);
    const no = this.chosen().filter((name) => !yes.includes(name) && !maybe.includes(name));
    const layout = this.model.layout;
    const time = layout.rows[r].time;
    const endTime = timeOf(Math.min(24 * 60, minutesOf(time) + this.slotMinutes));
    const list = (title, names, className) => (names.length
      ? [h('h3', { class: className }, `${title} (${names.length})`), h('p', {}, formatList(names))] : []);
    fill(this.detail,
      h('p', {}, h('strong', {}, `${layout.columns[c].long}, ${formatTime(time)}–${formatTime(endTime)}`)),
      list(t('group.canCome'), yes, 'names-yes'),
      list(t('group.ifNeeded'), maybe, ''),
      list(t('group.cannot'), no, 'muted'));
  }

  destroy() { this.grid?.destroy(); }
}
