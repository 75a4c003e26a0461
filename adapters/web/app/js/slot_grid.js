// SlotGrid: days as columns, time slots as rows — the shape both the painter
// (your availability) and the heatmap (the group's) share. It owns layout,
// paging (as many days as fit the width; a phone pages through them), focus
// (one cell in the tab order; arrows move it), and pointer tracking (a press
// and the cells a finger or mouse drags over). What a cell shows and what a
// press means belong to its user, through callbacks.
//
// Cells take `touch-action: none`, so a drag paints instead of scrolling;
// the time column beside them scrolls the page as usual.
import { h, fill } from './dom.js';
import { t } from './i18n.js';

const gutter = 64;      // the time column, in CSS pixels (app.css agrees)
const minColumn = 48;   // the narrowest day column

export class SlotGrid {
  // columns: [{label, sublabel}]; rows: [{label, hour}] (hour: label shown);
  // state(c, r) → {className, label, selected, disabled}
  // events: onPress(c, r), onDrag(c, r), onRelease(), onInspect(c, r),
  //         onKey('toggle' | 'paint', c, r)
  constructor({ label, columns, rows, state, ...events }) {
    this.columns = columns;
    this.rows = rows;
    this.state = state;
    this.events = events;
    this.first = 0;          // index of the first column shown
    this.perPage = columns.length;
    this.focus = { c: 0, r: 0 };
    this.cells = new Map();  // "c,r" → element, for the columns shown
    this.pressing = null;

    this.previous = h('button', { type: 'button', class: 'pager-button', 'aria-label': t('grid.previousDays'), onclick: () => this.page(-1) }, '‹');
    this.next = h('button', { type: 'button', class: 'pager-button', 'aria-label': t('grid.nextDays'), onclick: () => this.page(1) }, '›');
    this.pageText = h('span', { class: 'pager-text', 'aria-live': 'polite' });
    this.pager = h('div', { class: 'pager' }, this.previous, this.pageText, this.next);
    this.grid = h('div', { class: 'slot-grid', role: 'grid', 'aria-label': label });
    this.element = h('div', { class: 'slot-grid-frame' }, this.pager, this.grid);

    this.grid.addEventListener('pointerdown', (event) => this.pointerDown(event));
    this.grid.addEventListener('pointermove', (event) => this.pointerMove(event));
    this.grid.addEventListener('pointerup', () => this.release());
    this.grid.addEventListener('pointercancel', () => this.release());
    this.grid.addEventListener('lostpointercapture', () => this.release());
    this.grid.addEventListener('keydown', (event) => this.keyDown(event));
    this.grid.addEventListener('focusin', (event) => {
      const cell = this.cellOf(event.target);
      if (cell) this.events.onInspect?.(cell.c, cell.r);
    });

    this.resizeObserver = new ResizeObserver(() => this.layout());
    this.resizeObserver.observe(this.element);
  }

  // Re-reads every shown cell's state (after a change of data).
  refresh() {
    for (const [key, element] of this.cells) {
      const [c, r] = key.split(',').map(Number);
      this.paintCell(element, c, r);
    }
  }

  refreshCell(c, r) {
    const element = this.cells.get(`${c},${r}`);
    if (element) this.paintCell(element, c, r);
  }

  layout() {
    const width = this.element.clientWidth;
    if (!width) return;
    const fit = Math.max(1, Math.floor((width - gutter) / minColumn));
    const perPage = Math.min(this.columns.length, fit);
    if (perPage !== this.perPage || !this.grid.childElementCount) {
      this.perPage = perPage;
      this.first = Math.min(this.first, Math.max(0, this.columns.length - perPage));
      this.render();
    }
  }

  page(direction) {
    const last = Math.max(0, this.columns.length - this.perPage);
    const first = Math.min(last, Math.max(0, this.first + direction * this.perPage));
    if (first === this.first) return;
    this.first = first;
    this.focus.c = Math.min(Math.max(this.focus.c, first), first + this.perPage - 1);
    this.render();
  }

  render() {
    const shown = this.columns.slice(this.first, this.first + this.perPage);
    this.grid.style.setProperty('--columns', String(shown.length));
    const paged = this.perPage < this.columns.length;
    this.pager.hidden = !paged;
    this.previous.disabled = this.first === 0;
    this.next.disabled = this.first + this.perPage >= this.columns.length;
    this.pageText.textContent = t('grid.daysShown', {
      from: this.first + 1, to: this.first + shown.length, n: this.columns.length,
    });

    const header = h('div', { class: 'slot-row slot-head', role: 'row' },
      h('span', { class: 'corner', role: 'columnheader' }, h('span', { class: 'visually-hidden' }, '')),
      shown.map((column) => h('span', { class: 'day-head', role: 'columnheader' },
        h('span', { class: 'day-line' }, column.label),
        column.sublabel ? h('span', { class: 'day-sub' }, column.sublabel) : null)));
    this.cells.clear();
    const rows = this.rows.map((row, r) => h('div', { class: `slot-row${row.hour ? ' hour' : ''}`, role: 'row' },
      h('span', { class: `time-head${row.hour ? '' : ' minor'}`, role: 'rowheader' }, row.label),
      shown.map((_, offset) => {
        const c = this.first + offset;
        const cell = h('span', { class: 'cell', role: 'gridcell', 'data-c': c, 'data-r': r, tabindex: -1 });
        this.cells.set(`${c},${r}`, cell);
        this.paintCell(cell, c, r);
        return cell;
      })));
    fill(this.grid, header, rows);
    this.focus.c = Math.min(Math.max(this.focus.c, this.first), this.first + shown.length - 1);
    this.focus.r = Math.min(this.focus.r, this.rows.length - 1);
    this.cells.get(`${this.focus.c},${this.focus.r}`)?.setAttribute('tabindex', '0');
  }

  paintCell(element, c, r) {
    const state = this.state(c, r);
    element.className = `cell ${state.className || ''}`;
    element.setAttribute('aria-label', state.label);
    if (state.selected !== undefined) element.setAttribute('aria-selected', String(state.selected));
    if (state.disabled) element.setAttribute('aria-disabled', 'true');
    else element.removeAttribute('aria-disabled');
    if (state.level !== undefined) element.style.setProperty('--level', String(state.level));
  }

  cellOf(target) {
    const cell = target?.closest?.('.cell');
    if (!cell || !this.grid.contains(cell)) return null;
    return { c: Number(cell.dataset.c), r: Number(cell.dataset.r), element: cell };
  }

  pointerDown(event) {
    const cell = this.cellOf(event.target);
    if (!cell || event.button > 0) return;
    event.preventDefault();  // no text selection, no focus ring flash
    this.moveFocus(cell.c, cell.r, { focus: event.pointerType !== 'touch' });
    this.pressing = `${cell.c},${cell.r}`;
    this.grid.setPointerCapture?.(event.pointerId);
    this.events.onPress?.(cell.c, cell.r);
    this.events.onInspect?.(cell.c, cell.r);
  }

  pointerMove(event) {
    // Under capture every move lands on the grid: find the cell beneath.
    const below = document.elementFromPoint(event.clientX, event.clientY);
    const cell = this.cellOf(below);
    if (!cell) return;
    const key = `${cell.c},${cell.r}`;
    if (this.pressing === null) {
      if (event.pointerType === 'mouse') this.events.onInspect?.(cell.c, cell.r);
      return;
    }
    if (key === this.pressing) return;
    this.pressing = key;
    this.events.onDrag?.(cell.c, cell.r);
    this.events.onInspect?.(cell.c, cell.r);
  }

  release() {
    if (this.pressing === null) return;
    this.pressing = null;
    this.events.onRelease?.();
  }

  moveFocus(c, r, { focus = true } = {}) {
    c = Math.min(Math.max(c, 0), this.columns.length - 1);
    r = Math.min(Math.max(r, 0), this.rows.length - 1);
    if (c < this.first || c >= this.first + this.perPage) {
      this.first = Math.floor(c / this.perPage) * this.perPage;
      this.first = Math.min(this.first, Math.max(0, this.columns.length - this.perPage));
      this.focus = { c, r };
      this.render();
    }
    this.cells.get(`${this.focus.c},${this.focus.r}`)?.setAttribute('tabindex', '-1');
    this.focus = { c, r };
    const element = this.cells.get(`${c},${r}`);
    element?.setAttribute('tabindex', '0');
    if (focus) element?.focus();
  }

  keyDown(event) {
    const cell = this.cellOf(event.target);
    if (!cell) return;
    const moves = {
      ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0],
      Home: [0, -Infinity], End: [0, Infinity],
      PageUp: [-this.perPage, 0], PageDown: [this.perPage, 0],
    };
    if (event.key in moves) {
      event.preventDefault();
      const [dc, dr] = moves[event.key];
      const r = Number.isFinite(dr) ? cell.r + dr : (dr < 0 ? 0 : this.rows.length - 1);
      this.moveFocus(cell.c + dc, r);
      if (event.shiftKey) this.events.onKey?.('paint', this.focus.c, this.focus.r);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.events.onKey?.('toggle', cell.c, cell.r);
    }
  }

  destroy() {
    this.resizeObserver.disconnect();
  }
}

// The legend of a heatmap: "fewer → more people" over a ramp of heat cells,
// then what else its cells can show.
export function heatLegend(...more) {
  return h('div', { class: 'legend', 'aria-hidden': 'true' },
    h('span', {}, t('group.legend')),
    h('span', { class: 'ramp' }, [0, 0.25, 0.5, 0.75, 1].map((level) => {
      const swatch = h('span', { class: 'cell heat' });
      swatch.style.setProperty('--level', String(level));
      return swatch;
    })),
    // A further mark and its words stay on one line when the legend wraps.
    more.length ? h('span', { class: 'legend-item' }, ...more) : null);
}
