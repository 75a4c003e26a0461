// A month of days to choose from: tap a day to choose it or not; drag from
// one day to another to give every day between them the first day's new
// state. Past days are disabled.
import { h, fill } from './dom.js';
import { lang, t } from './i18n.js';
import { dragSelect } from './drag_select.js';

const pad = (n) => String(n).padStart(2, '0');
export const isoDate = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

export class MonthCalendar {
  // selected: Set of "YYYY-MM-DD", changed in place; onChange() after each change.
  constructor({ selected, onChange, labelId }) {
    this.selected = selected;
    this.onChange = onChange;
    const now = new Date();
    this.today = isoDate(now);
    this.month = new Date(now.getFullYear(), now.getMonth(), 1);
    this.title = h('h3', { class: 'month-title', 'aria-live': 'polite' });
    this.days = h('div', { class: 'month-grid', role: 'group', 'aria-labelledby': labelId });
    this.element = h('div', { class: 'month' },
      h('div', { class: 'month-head' },
        h('button', { type: 'button', class: 'small-button', 'aria-label': t('calendar.previous'), onclick: () => this.shift(-1) }, '‹'),
        this.title,
        h('button', { type: 'button', class: 'small-button', 'aria-label': t('calendar.next'), onclick: () => this.shift(1) }, '›')),
      this.days);
    dragSelect(this.days, {
      items: () => [...this.days.querySelectorAll('button[data-date]:not(:disabled)')],
      isOn: (button) => this.selected.has(button.dataset.date),
      set: (button, on) => this.toggle(button, on),
    });
    this.render();
  }

  shift(months) {
    this.month = new Date(this.month.getFullYear(), this.month.getMonth() + months, 1);
    this.render();
  }

  render() {
    const year = this.month.getFullYear();
    const month = this.month.getMonth();
    this.title.textContent = new Intl.DateTimeFormat(lang(), { year: 'numeric', month: 'long' }).format(this.month);
    // Weeks start on Monday in Korea and in ISO; Sunday-first locales still read it fine.
    const names = [];
    for (let i = 0; i < 7; i += 1) {
      names.push(h('span', { class: 'weekday', 'aria-hidden': 'true' },
        new Intl.DateTimeFormat(lang(), { weekday: 'narrow' }).format(new Date(2024, 0, 1 + i))));
    }
    const offset = (new Date(year, month, 1).getDay() + 6) % 7;
    const count = new Date(year, month + 1, 0).getDate();
    const cells = [];
    for (let i = 0; i < offset; i += 1) cells.push(h('span', { 'aria-hidden': 'true' }));
    const label = new Intl.DateTimeFormat(lang(), { weekday: 'long', month: 'long', day: 'numeric' });
    for (let day = 1; day <= count; day += 1) {
      const date = new Date(year, month, day);
      const key = isoDate(date);
      cells.push(h('button', {
        type: 'button', 'data-date': key, 'aria-label': label.format(date),
        'aria-pressed': String(this.selected.has(key)),
        class: key === this.today ? 'today' : null, disabled: key < this.today,
      }, String(day)));
    }
    fill(this.days, names, cells);
  }

  toggle(button, on) {
    const key = button.dataset.date;
    if (on) this.selected.add(key); else this.selected.delete(key);
    button.setAttribute('aria-pressed', String(on));
    this.onChange();
  }
}
