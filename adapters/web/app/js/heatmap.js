// The group's answers, slot by slot: a heatmap coloured by how many of the
// chosen people are available ("if needed" hatched apart), and beside it who
// can and who cannot make the slot under the finger, mouse or keyboard focus.
// Dated events come from the grid route in any zone; weekday events, which
// have no instants, from the schedules in the event's own zone.
import { h, fill, uid } from './dom.js';
import { api } from './api.js';
import { formatDay, formatDayKey, formatList, formatTime, t } from './i18n.js';
import { SlotGrid, heatLegend } from './slot_grid.js';
import { eventDays, slotMinutes, timeOf, windowSlots } from './slots.js';
import { zoneNames } from './create_page.js';

// A grid slot's packedStates: three people to a base64url character, person
// 3k + j's answer (0, 1 or 2) in bits 2j and 2j + 1 of character k's value.
const PACKED_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PACKED_VALUE = new Uint8Array(128);
for (let value = 0; value < PACKED_ALPHABET.length; value += 1) {
  PACKED_VALUE[PACKED_ALPHABET.charCodeAt(value)] = value;
}

function stateOf(packed, person) {
  return (PACKED_VALUE[packed.charCodeAt(Math.floor(person / 3))] >> (2 * (person % 3))) & 3;
}

// {columns: [{label, long}], rows: [{time}], cells: [[{yes: [], maybe: []} | null]]}
function modelFromGrid(grid) {
  const times = [...new Set(grid.days.flatMap((day) => day.slots.map((slot) => slot.start)))].sort();
  const rowOf = new Map(times.map((time, index) => [time, index]));
  const cells = grid.days.map((day) => {
    const column = new Array(times.length).fill(null);
    for (const slot of day.slots) {
      const cell = { yes: [], maybe: [] };
      for (let person = 0; person < grid.people.length; person += 1) {
        const state = stateOf(slot.packedStates, person);
        if (state === 1) cell.yes.push(grid.people[person]);
        else if (state === 2) cell.maybe.push(grid.people[person]);
      }
      column[rowOf.get(slot.start)] = cell;
    }
    return column;
  });
  return {
    columns: grid.days.map((day) => ({ label: formatDay(day.date), long: formatDay(day.date, { long: true }) })),
    rows: times.map((time) => ({ time })),
    cells,
  };
}

function modelFromSchedules(event, schedules) {
  const days = eventDays(event);
  const [first, end] = windowSlots(event);
  const size = slotMinutes(event);
  const rows = [];
  for (let slot = first; slot < end; slot += 1) rows.push({ time: timeOf(slot * size) });
  const byDay = new Map(days.map((key) => [key, []]));
  for (const schedule of schedules) byDay.get(schedule.date)?.push(schedule);
  const cells = days.map((key) => rows.map((_, r) => {
    const cell = { yes: [], maybe: [] };
    for (const schedule of byDay.get(key)) {
      const value = schedule.availability[first + r];
      if (value === '1') cell.yes.push(schedule.name);
      else if (value === '2') cell.maybe.push(schedule.name);
    }
    return cell;
  }));
  return {
    columns: days.map((key) => ({ label: formatDayKey(key), long: formatDayKey(key, { long: true }) })),
    rows,
    cells,
  };
}

export class GroupPanel {
  constructor({ uuid, getEvent }) {
    this.uuid = uuid;
    this.getEvent = getEvent;
    this.hidden = new Set();  // people left out by the filter
    this.etag = null;
    this.model = null;
    this.behind = false;  // the last load failed: the page's poll tries again
    this.grid = null;
    this.active = null;
    this.zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

    this.people = h('div', { class: 'chips', role: 'group' });
    this.peopleHeading = h('h3', { id: uid('people') });
    this.people.setAttribute('aria-labelledby', this.peopleHeading.id);
    this.zoneSelect = h('select', { id: uid('zone'), onchange: () => { this.zone = this.zoneSelect.value; this.etag = null; this.load(); } });
    this.zoneField = h('div', { class: 'field' }, h('label', { for: this.zoneSelect.id }, t('group.zone')), this.zoneSelect);
    this.gridBox = h('div', {});
    this.detail = h('div', { class: 'slot-detail', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('group.pick')));
    this.empty = h('p', { class: 'notice' }, t('group.nobody'));
    this.filterHint = h('p', { class: 'hint' }, t('group.filter'));
    this.element = h('section', { class: 'card', 'aria-labelledby': 'group-title' },
      h('h2', { id: 'group-title' }, t('group.title')),
      this.empty, this.zoneField, this.peopleHeading, this.people, this.filterHint,
      this.gridBox,
      heatLegend(h('span', { class: 'swatch maybe' }), h('span', {}, t('slot.ifNeeded'))),
      this.detail);
  }

  get dated() { return !this.getEvent().weekdays; }

  renderZones() {
    const event = this.getEvent();
    const eventZone = event.timezone;
    const mine = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const label = (name) => {
      if (name === mine) return t('group.zoneHere', { zone: name });
      if (name === eventZone) return t('group.zoneEvent', { zone: name });
      return name.replace(/_/g, ' ');
    };
    const names = [...new Set([mine, eventZone, ...zoneNames()].filter(Boolean))];
    fill(this.zoneSelect, names.map((name) => h('option', { value: name, selected: name === this.zone }, label(name))));
    this.zoneField.hidden = !this.dated;
  }

  // Fetches the answers again unless unchanged (a conditional request).
  async load() {
    this.behind = true;
    const event = this.getEvent();
    if (!this.zoneSelect.childElementCount) this.renderZones();
    if (this.dated) {
      if (!event.availability) { this.model = null; this.behind = false; this.render(); return; }
      const reply = await api.getGrid(this.uuid, this.zone, this.etag);
      if (reply.status === 304) { this.behind = false; return; }
      // The tag only once the answer is read: an answer this page cannot
      // read (a server of another version, mid-deploy) is asked for again.
      this.model = modelFromGrid(reply.data);
      this.etag = reply.etag;
    } else {
      const reply = await api.getSchedules(this.uuid, undefined, this.etag);
      if (reply.status === 304) { this.behind = false; return; }
      this.model = modelFromSchedules(event, reply.data);
      this.etag = reply.etag;
    }
    this.behind = false;
    this.render();
  }

  chosen() {
    return this.getEvent().participants.filter((name) => !this.hidden.has(name));
  }

  renderPeople() {
    const everyone = this.getEvent().participants;
    this.peopleHeading.textContent = t('group.people', { n: everyone.length });
    this.empty.hidden = everyone.length > 0;
    this.peopleHeading.hidden = this.filterHint.hidden = everyone.length === 0;
    fill(this.people, everyone.map((name) => h('label', { class: 'chip' },
      h('input', { type: 'checkbox', checked: !this.hidden.has(name), onchange: (e) => {
        if (e.target.checked) this.hidden.delete(name); else this.hidden.add(name);
        this.grid?.refresh();
        if (this.active) this.inspect(this.active.c, this.active.r);
      } }),
      name)));
  }

  render() {
    this.renderPeople();
    // A refresh keeps the days the reader paged to.
    const first = this.grid?.first ?? 0;
    this.grid?.destroy();
    this.grid = null;
    if (!this.model || !this.model.columns.length) { fill(this.gridBox); return; }
    this.grid = new SlotGrid({
      label: t('grid.groupLabel'),
      columns: this.model.columns,
      rows: this.model.rows.map((row) => ({ label: formatTime(row.time), hour: row.time.endsWith(':00') })),
      state: (c, r) => this.cellState(c, r),
      onInspect: (c, r) => this.inspect(c, r),
    });
    this.grid.first = Math.min(first, this.model.columns.length - 1);
    this.grid.focus.c = this.grid.first;
    fill(this.gridBox, this.grid.element);
    if (this.active) this.inspect(this.active.c, this.active.r);
  }

  counts(cell) {
    const hidden = this.hidden;
    const yes = cell.yes.filter((name) => !hidden.has(name));
    const maybe = cell.maybe.filter((name) => !hidden.has(name));
    return { yes, maybe };
  }

  cellState(c, r) {
    const cell = this.model.cells[c][r];
    const label = `${this.model.columns[c].long} ${formatTime(this.model.rows[r].time)}`;
    if (!cell) return { className: 'heat void', label: `${label}: —`, disabled: true, level: 0 };
    const total = this.chosen().length;
    const { yes, maybe } = this.counts(cell);
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
    if (!this.model?.cells[c]) return;
    const previous = this.active;
    this.active = { c, r };
    if (previous) this.grid?.refreshCell(previous.c, previous.r);
    this.grid?.refreshCell(c, r);
    const cell = this.model.cells[c][r];
    if (!cell) return;
    const { yes, maybe } = this.counts(cell);
    const no = this.chosen().filter((name) => !yes.includes(name) && !maybe.includes(name));
    const size = slotMinutes(this.getEvent());
    const time = this.model.rows[r].time;
    const [hours, minutes] = time.split(':').map(Number);
    const endTime = timeOf(Math.min(24 * 60, hours * 60 + minutes + size));
    const list = (title, names, className) => (names.length
      ? [h('h3', { class: className }, `${title} (${names.length})`), h('p', {}, formatList(names))] : []);
    fill(this.detail,
      h('p', {}, h('strong', {}, `${this.model.columns[c].long}, ${formatTime(time)}–${formatTime(endTime)}`)),
      list(t('group.canCome'), yes, 'names-yes'),
      list(t('group.ifNeeded'), maybe, ''),
      list(t('group.cannot'), no, 'muted'));
  }

  destroy() { this.grid?.destroy(); }
}
