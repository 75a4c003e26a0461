// The painter: one person's answers on the event's own days and window.
// A press on a slot chooses what the drag does — the brush, or erasing when
// the slot already holds the brush (so a tap toggles) — and every slot the
// drag crosses gets it. Keyboard: Space toggles, Shift+arrows paint.
import { SlotGrid } from './slot_grid.js';
import { formatDayKey, formatTime, t } from './i18n.js';
import { slotMinutes, timeOf, windowSlots } from './slots.js';

const stateNames = { 0: 'slot.unavailable', 1: 'slot.available', 2: 'slot.ifNeeded' };

export class PaintGrid {
  // days: [key]; values: {key: day string}; onChange(values) after each stroke.
  constructor({ event, days, values, onChange }) {
    this.days = days;
    this.values = Object.fromEntries(days.map((key) => [key, values[key].split('')]));
    this.onChange = onChange;
    this.brush = '1';
    this.mode = null;
    const [first, end] = windowSlots(event);
    this.firstSlot = first;
    const size = slotMinutes(event);
    const rows = [];
    for (let slot = first; slot < end; slot += 1) {
      const minute = slot * size;
      rows.push({ label: formatTime(timeOf(minute)), hour: minute % 60 === 0, minute });
    }
    this.rows = rows;
    this.grid = new SlotGrid({
      label: t('grid.label'),
      columns: days.map((key) => ({ label: formatDayKey(key) })),
      rows,
      state: (c, r) => this.cellState(c, r),
      onPress: (c, r) => this.press(c, r),
      onDrag: (c, r) => this.apply(c, r),
      onRelease: () => this.finish(),
      onKey: (action, c, r) => this.key(action, c, r),
    });
    this.element = this.grid.element;
  }

  value(c, r) {
    return this.values[this.days[c]][this.firstSlot + r];
  }

  cellState(c, r) {
    const value = this.value(c, r);
    const row = this.rows[r];
    return {
      className: `v${value}`,
      selected: value !== '0',
      label: `${formatDayKey(this.days[c], { long: true })} ${row.label}: ${t(stateNames[value])}`,
    };
  }

  set(c, r, value) {
    if (this.value(c, r) === value) return;
    this.values[this.days[c]][this.firstSlot + r] = value;
    this.grid.refreshCell(c, r);
  }

  press(c, r) {
    this.mode = this.value(c, r) === this.brush ? '0' : this.brush;
    this.set(c, r, this.mode);
  }

  apply(c, r) {
    if (this.mode !== null) this.set(c, r, this.mode);
  }

  finish() {
    this.mode = null;
    this.onChange(this.snapshot());
  }

  key(action, c, r) {
    const value = action === 'toggle' && this.value(c, r) === this.brush ? '0' : this.brush;
    this.set(c, r, value);
    this.onChange(this.snapshot());
  }

  // Every slot of the window to one value.
  setAll(value) {
    for (let c = 0; c < this.days.length; c += 1) {
      for (let r = 0; r < this.rows.length; r += 1) this.values[this.days[c]][this.firstSlot + r] = value;
    }
    this.grid.refresh();
    this.onChange(this.snapshot());
  }

  snapshot() {
    return Object.fromEntries(this.days.map((key) => [key, this.values[key].join('')]));
  }

  destroy() {
    this.grid.destroy();
  }
}
