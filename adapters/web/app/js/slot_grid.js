// SlotGrid: days as columns, time slots as rows — the shape both the painter
// (your availability) and the heatmap (the group's) share. It owns layout,
// paging (as many days as fit the width; buttons, and a sideways swipe on
// the day labels or, on a grid that does not paint, anywhere), focus (one
// cell in the tab order; arrows move it), and pointer tracking (the press,
// then the cell under the finger or mouse as it moves, found by position so
// no cell is skipped however fast it moves). What a cell shows and what a
// press means belong to its user, through callbacks.
//
// A painting grid's cells take `touch-action: none`, so a drag paints
// instead of scrolling; the time column beside them scrolls the page.
import { h, fill } from './dom.js';
import { t } from './i18n.js';

const gutter = 64;      // the time column, in CSS pixels (app.css agrees)
const swipeDistance = 40;
const edgeZone = 16;    // px inside the first or last day shown that page on mid-stroke
const edgeWait = 600;   // ms a stroke rests there before the days page

// The narrowest day column: a finger needs more than a mouse.
function minColumn() {
  return document.documentElement.classList.contains('touch') ? 48 : 36;
}

export class SlotGrid {
  // columns: [{label, sublabel}]; rows: [{label, hour, gapBefore}] (hour:
  // label shown; gapBefore: the row does not follow the one above in time);
  // endLabel: when the last row ends, written under it;
  // state(c, r) → {className, label, selected, disabled, level}
  // events: onPress(c, r), onDrag(c, r), onRelease(), onInspect(c, r),
  //         onKey('toggle' | 'extend' | 'extendEnd' | 'undo', c, r)
  constructor({ label, columns, rows, state, endLabel = '', ...events }) {
    this.endLabel = endLabel;
    this.columns = columns;
    this.rows = rows;
    this.state = state;
    this.events = events;
    this.paints = Boolean(events.onPress);
    this.first = 0;          // index of the first column shown
    this.perPage = columns.length;
    this.focus = { c: 0, r: 0 };
    this.cells = new Map();  // "c,r" → element, for the columns shown
    this.pressing = null;
    this.swipe = null;

    this.previous = h('button', { type: 'button', class: 'pager-button', 'aria-label': t('grid.previousDays'), onclick: () => this.page(-1) }, '‹');
    this.next = h('button', { type: 'button', class: 'pager-button', 'aria-label': t('grid.nextDays'), onclick: () => this.page(1) }, '›');
    this.pageText = h('span', { class: 'pager-text', 'aria-live': 'polite' });
    this.pager = h('div', { class: 'pager' }, this.previous, this.pageText, this.next);
    this.grid = h('div', { class: `slot-grid${this.paints ? ' paints' : ''}`, role: 'grid', 'aria-label': label });
    this.element = h('div', { class: 'slot-grid-frame' }, this.pager, this.grid);

    this.grid.addEventListener('pointerdown', (event) => this.pointerDown(event));
    this.grid.addEventListener('pointermove', (event) => this.pointerMove(event));
    this.grid.addEventListener('pointerup', (event) => this.pointerUp(event));
    this.grid.addEventListener('pointercancel', () => this.release());
    this.grid.addEventListener('lostpointercapture', () => this.release());
    this.grid.addEventListener('keydown', (event) => this.keyDown(event));
    this.grid.addEventListener('keyup', (event) => {
      if (event.key === 'Shift') this.events.onKey?.('extendEnd', this.focus.c, this.focus.r);
    });
    // A keyboard stroke ends when Shift is let go — or when focus leaves the grid.
    this.grid.addEventListener('focusout', (event) => {
      if (!this.grid.contains(event.relatedTarget)) this.events.onKey?.('extendEnd', this.focus.c, this.focus.r);
    });
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
    const fit = Math.max(1, Math.floor((width - gutter) / minColumn()));
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
    if (this.pressing !== null) this.repage();
    else this.render();
  }

  renderPager(count) {
    this.pager.hidden = this.perPage >= this.columns.length;
    this.previous.disabled = this.first === 0;
    this.next.disabled = this.first + this.perPage >= this.columns.length;
    this.pageText.textContent = t('grid.daysShown', {
      from: this.first + 1, to: this.first + count, n: this.columns.length,
    });
  }

  // Pages mid-stroke without replacing a cell: the one a finger pressed
  // must stay in the page, or the browser ends the touch. Every page shows
  // as many days, so the cells are relabelled and repainted where they are.
  repage() {
    const heads = [...this.grid.querySelectorAll('.day-head')];
    this.columns.slice(this.first, this.first + heads.length).forEach((column, offset) => {
      fill(heads[offset], h('span', { class: 'day-line' }, column.label),
        column.sublabel ? h('span', { class: 'day-sub' }, column.sublabel) : null);
    });
    const moved = [...this.cells.values()];
    this.cells.clear();
    for (const element of moved) {
      const offset = Number(element.dataset.c) - this.shownFirst;
      const c = this.first + offset;
      const r = Number(element.dataset.r);
      element.dataset.c = c;
      this.cells.set(`${c},${r}`, element);
      this.paintCell(element, c, r);
    }
    this.shownFirst = this.first;
    for (const element of moved) element.setAttribute('tabindex', '-1');
    this.cells.get(`${this.focus.c},${this.focus.r}`)?.setAttribute('tabindex', '0');
    this.renderPager(heads.length);
  }

  render() {
    const shown = this.columns.slice(this.first, this.first + this.perPage);
    this.shownFirst = this.first;
    this.grid.style.setProperty('--columns', String(shown.length));
    this.renderPager(shown.length);

    const header = h('div', { class: 'slot-row slot-head', role: 'row' },
      h('span', { class: 'corner', role: 'columnheader' }, h('span', { class: 'visually-hidden' }, '')),
      shown.map((column) => h('span', { class: 'day-head', role: 'columnheader' },
        h('span', { class: 'day-line' }, column.label),
        column.sublabel ? h('span', { class: 'day-sub' }, column.sublabel) : null)));
    this.cells.clear();
    const rows = this.rows.map((row, r) => h('div', {
      class: `slot-row${row.hour ? ' hour' : ''}${row.gapBefore ? ' gap' : ''}`, role: 'row',
    },
    h('span', { class: `time-head${row.hour || row.gapBefore ? '' : ' minor'}`, role: 'rowheader' }, row.label),
    shown.map((_, offset) => {
      const c = this.first + offset;
      const cell = h('span', { class: 'cell', role: 'gridcell', 'data-c': c, 'data-r': r, tabindex: -1 });
      this.cells.set(`${c},${r}`, cell);
      this.paintCell(cell, c, r);
      return cell;
    })));
    // Not a row of the grid: the time the last one ends, for the eye.
    const end = this.endLabel ? h('div', { class: 'slot-end', 'aria-hidden': 'true' }, this.endLabel) : null;
    fill(this.grid, header, rows, end);
    this.focus.c = Math.min(Math.max(this.focus.c, this.first), this.first + shown.length - 1);
    this.focus.r = Math.min(this.focus.r, this.rows.length - 1);
    const focused = this.cells.get(`${this.focus.c},${this.focus.r}`);
    focused?.setAttribute('tabindex', '0');
    if (this.focusWanted && focused) { this.focusWanted = false; focused.focus(); }
  }

  // Moves keyboard focus into the grid, once it is drawn.
  focusGrid() {
    const focused = this.cells.get(`${this.focus.c},${this.focus.r}`);
    if (focused) focused.focus();
    else this.focusWanted = true;
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

  // The shown cell nearest a point: a finger that leaves the grid mid-drag
  // still points at its edge row or column.
  cellNear(x, y) {
    const first = this.cells.get(`${this.first},0`);
    const lastColumn = Math.min(this.columns.length, this.first + this.perPage) - 1;
    const last = this.cells.get(`${lastColumn},${this.rows.length - 1}`);
    if (!first || !last) return null;
    const top = first.getBoundingClientRect();
    const bottom = last.getBoundingClientRect();
    const cx = Math.min(Math.max(x, top.left + 1), bottom.right - 1);
    const cy = Math.min(Math.max(y, top.top + 1), bottom.bottom - 1);
    const below = this.cellOf(document.elementFromPoint(cx, cy));
    if (below) return below;
    // A gap between rows: the row whose box is nearest.
    let best = null;
    for (const [key, element] of this.cells) {
      const box = element.getBoundingClientRect();
      if (cx < box.left || cx > box.right) continue;
      const distance = Math.min(Math.abs(cy - box.top), Math.abs(cy - box.bottom));
      if (!best || distance < best.distance) {
        const [c, r] = key.split(',').map(Number);
        best = { c, r, element, distance };
      }
    }
    return best;
  }

  pointerDown(event) {
    if (event.button > 0) return;
    const cell = this.cellOf(event.target);
    const onHead = event.target.closest?.('.slot-head');
    if (onHead || (cell && !this.paints)) this.swipe = { x: event.clientX, y: event.clientY, id: event.pointerId };
    if (!cell || !this.paints) {
      if (cell && event.pointerType !== 'mouse') this.events.onInspect?.(cell.c, cell.r);
      return;
    }
    event.preventDefault();  // no text selection, no focus ring flash
    this.moveFocus(cell.c, cell.r, { focus: event.pointerType !== 'touch' });
    this.pressing = `${cell.c},${cell.r}`;
    this.grid.setPointerCapture?.(event.pointerId);
    this.events.onPress?.(cell.c, cell.r);
  }

  pointerMove(event) {
    if (this.pressing === null) {
      if (event.pointerType === 'mouse') {
        const cell = this.cellOf(document.elementFromPoint(event.clientX, event.clientY));
        if (cell) this.events.onInspect?.(cell.c, cell.r);
      }
      return;
    }
    this.pointer = { x: event.clientX, y: event.clientY };
    this.dragTo(event.clientX, event.clientY);
    this.watchEdge(event.clientX);
  }

  dragTo(x, y) {
    const cell = this.cellNear(x, y);
    if (!cell) return;
    const key = `${cell.c},${cell.r}`;
    if (key === this.pressing) return;
    this.pressing = key;
    this.events.onDrag?.(cell.c, cell.r);
  }

  // A stroke held at the edge of the days shown pages on after a moment,
  // so one drag can reach days on the next page.
  watchEdge(x) {
    const first = this.cells.get(`${this.first},0`)?.getBoundingClientRect();
    const lastColumn = Math.min(this.columns.length, this.first + this.perPage) - 1;
    const last = this.cells.get(`${lastColumn},0`)?.getBoundingClientRect();
    const direction = last && x >= last.right - edgeZone && lastColumn < this.columns.length - 1 ? 1
      : first && x <= first.left + edgeZone && this.first > 0 ? -1 : 0;
    if (direction === this.edge?.direction) return;
    clearTimeout(this.edge?.timer);
    this.edge = direction ? { direction, timer: setTimeout(() => this.pageWhileDragging(direction), edgeWait) } : null;
  }

  pageWhileDragging(direction) {
    this.edge = null;
    if (this.pressing === null) return;
    this.page(direction);
    this.dragTo(this.pointer.x, this.pointer.y);
    this.watchEdge(this.pointer.x);
  }

  pointerUp(event) {
    const swipe = this.swipe;
    this.swipe = null;
    if (swipe && swipe.id === event.pointerId && this.pressing === null) {
      const dx = event.clientX - swipe.x;
      const dy = event.clientY - swipe.y;
      if (Math.abs(dx) >= swipeDistance && Math.abs(dx) > 2 * Math.abs(dy)) this.page(dx < 0 ? 1 : -1);
    }
    this.release();
  }

  release() {
    clearTimeout(this.edge?.timer);
    this.edge = null;
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
      if (event.shiftKey) this.events.onKey?.('extendStart', cell.c, cell.r);
      const [dc, dr] = moves[event.key];
      const r = Number.isFinite(dr) ? cell.r + dr : (dr < 0 ? 0 : this.rows.length - 1);
      this.moveFocus(cell.c + dc, r);
      if (event.shiftKey) this.events.onKey?.('extend', this.focus.c, this.focus.r);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      this.events.onKey?.('toggle', cell.c, cell.r);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      this.events.onKey?.('undo', cell.c, cell.r);
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
