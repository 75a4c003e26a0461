// The painter: one person's answers on a layout (layouts.js). A stroke is
// press, drag, release: it paints the rectangle between the first cell and
// the cell under the finger, previewed as it grows — with the brush, or
// erasing when the first cell already held the brush, so a tap toggles one
// cell. The keyboard grows the same rectangle with Shift+arrows. Every
// finished stroke can be undone, most recent first.
import { SlotGrid } from './slot_grid.js';
import { t } from './i18n.js';

const stateNames = { 0: 'slot.unavailable', 1: 'slot.available', 2: 'slot.ifNeeded' };
const undoDepth = 50;

export class PaintGrid {
  // layout: see layouts.js; values: {key: day string}; label: the grid's
  // accessible name; onStroke(values) after each finished stroke or undo.
  constructor({ layout, values, label = t('grid.label'), onStroke, disabled = () => false }) {
    this.layout = layout;
    this.values = Object.fromEntries(Object.entries(values).map(([key, day]) => [key, day.split('')]));
    this.onStroke = onStroke;
    this.disabled = disabled;
    this.brush = '1';
    this.stroke = null;   // {anchor: {c, r}, mode, before: {key: [..]}}
    this.undoStack = [];
    this.grid = new SlotGrid({
      label,
      columns: layout.columns,
      rows: layout.rows,
      endLabel: layout.endLabel,
      state: (c, r) => this.cellState(c, r),
      onPress: (c, r) => this.begin(c, r),
      onDrag: (c, r) => this.extend(c, r),
      onRelease: () => this.finish(),
      onKey: (action, c, r) => this.key(action, c, r),
    });
    this.element = this.grid.element;
  }

  at(c, r) { return this.layout.cells[c]?.[r] ?? null; }

  value(c, r) {
    const place = this.at(c, r);
    return place ? this.values[place.key]?.[place.slot] ?? '0' : null;
  }

  cellState(c, r) {
    const value = this.value(c, r);
    const name = `${this.layout.columns[c].long} ${this.layout.rows[r].label}`;
    if (value === null) return { className: 'void', label: `${name}: —`, disabled: true };
    return { className: `v${value}`, selected: value !== '0', label: `${name}: ${t(stateNames[value])}` };
  }

  copy() {
    return Object.fromEntries(Object.entries(this.values).map(([key, day]) => [key, [...day]]));
  }

  begin(c, r) {
    if (this.disabled() || this.value(c, r) === null) return;
    this.stroke = { anchor: { c, r }, mode: this.value(c, r) === this.brush ? '0' : this.brush, before: this.copy() };
    this.extend(c, r);
  }

  // The stroke's rectangle now reaches (c, r): cells inside it take the
  // stroke's value, cells outside go back to what they held before it.
  extend(c, r) {
    const stroke = this.stroke;
    if (!stroke) return;
    const c0 = Math.min(stroke.anchor.c, c);
    const c1 = Math.max(stroke.anchor.c, c);
    const r0 = Math.min(stroke.anchor.r, r);
    const r1 = Math.max(stroke.anchor.r, r);
    const previous = stroke.rect;
    stroke.rect = { c0, c1, r0, r1 };
    const touched = previous
      ? { c0: Math.min(c0, previous.c0), c1: Math.max(c1, previous.c1), r0: Math.min(r0, previous.r0), r1: Math.max(r1, previous.r1) }
      : stroke.rect;
    for (let cc = touched.c0; cc <= touched.c1; cc += 1) {
      for (let rr = touched.r0; rr <= touched.r1; rr += 1) {
        const place = this.at(cc, rr);
        if (!place || !this.values[place.key]) continue;
        const inside = cc >= c0 && cc <= c1 && rr >= r0 && rr <= r1;
        const value = inside ? stroke.mode : stroke.before[place.key][place.slot];
        if (this.values[place.key][place.slot] !== value) {
          this.values[place.key][place.slot] = value;
          this.grid.refreshCell(cc, rr);
        }
      }
    }
  }

  finish() {
    const stroke = this.stroke;
    if (!stroke) return;
    this.stroke = null;
    this.commit(stroke.before);
  }

  // A finished change: remembered for undo and handed on, unless it changed nothing.
  commit(before) {
    const after = this.snapshot();
    const changed = Object.keys(after).some((key) => after[key] !== before[key].join(''));
    if (!changed) return;
    this.undoStack.push(before);
    if (this.undoStack.length > undoDepth) this.undoStack.shift();
    this.onStroke(after);
  }

  key(action, c, r) {
    if (action === 'undo') { this.undo(); return; }
    if (action === 'extendEnd') { this.finish(); return; }
    if (action === 'extendStart') { if (!this.stroke) this.begin(c, r); return; }
    if (action === 'extend') { this.extend(c, r); return; }
    if (action === 'toggle') { this.begin(c, r); this.finish(); }
  }

  get canUndo() { return this.undoStack.length > 0; }

  undo() {
    if (this.disabled() || !this.undoStack.length) return;
    const before = this.undoStack.pop();
    this.values = before;
    this.grid.refresh();
    this.onStroke(this.snapshot());
  }

  // Every slot of the layout to one value, as one stroke (so it can be undone).
  setAll(value) {
    if (this.disabled()) return;
    const before = this.copy();
    for (const column of this.layout.cells) {
      for (const place of column) if (place && this.values[place.key]) this.values[place.key][place.slot] = value;
    }
    this.grid.refresh();
    this.commit(before);
  }

  // What the server holds, shown once no stroke is under way.
  replace(values) {
    if (this.stroke) return;
    this.values = Object.fromEntries(Object.entries(values).map(([key, day]) => [key, day.split('')]));
    this.grid.refresh();
  }

  snapshot() {
    return Object.fromEntries(Object.entries(this.values).map(([key, day]) => [key, day.join('')]));
  }

  destroy() {
    this.grid.destroy();
  }
}
