// The team's week: a heatmap of its members' recurring availability by
// weekday and slot (shaded by the share of the shown members free), who is
// free in a slot, a subgroup filter, and the regular events drawn over it —
// with the team's calendar to subscribe to.
import { h, fill } from './dom.js';
import { api } from './api.js';
import { field } from './forms.js';
import { formatList, formatTime, formatWeekday, t, weekdayKeys } from './i18n.js';
import './i18n_team.js';
import { linkBox } from './links.js';
import { SlotGrid, heatLegend } from './slot_grid.js';
import { minutesOf, timeOf, windowSlots } from './slots.js';

const slotSize = 30;  // a team's week is 48 half hours a day

// The regular events covering a weekday's slot.
export function regularAt(regularEvents, day, slot) {
  const minute = slot * slotSize;
  return regularEvents.filter((e) => e.day === day && minutesOf(e.startTime) <= minute && minute < minutesOf(e.endTime));
}

export const formatRegular = (e) =>
  `${formatWeekday(weekdayKeys[e.day], { long: true })} ${formatTime(e.startTime)}–${formatTime(e.endTime)}`;

export class TeamWeekPanel {
  constructor({ state }) {
    this.state = state;
    this.subgroup = '';
    this.availability = null;
    this.active = null;
    this.grid = null;
    this.filter = h('select', { onchange: async (e) => {
      this.subgroup = e.target.value;
      this.active = null;
      try { await this.load(); } catch { this.subgroup = ''; await this.load().catch(() => {}); }
      this.render();
    } });
    this.count = h('p', { class: 'hint', role: 'status' });
    this.gridBox = h('div', {});
    this.detail = h('div', { class: 'slot-detail', 'aria-live': 'polite' });
    this.regularBox = h('div', {});
    this.element = h('section', { class: 'card', 'aria-labelledby': 'team-week-title' },
      h('h2', { id: 'team-week-title' }, t('team.weekTitle')),
      field(t('team.filter'), this.filter), this.count, this.gridBox,
      heatLegend(h('span', { class: 'swatch regular' }), h('span', {}, t('team.regularMark'))),
      this.detail, this.regularBox);
  }

  async load() {
    this.availability = await api.teamAvailability(this.state.uuid, this.subgroup);
  }

  rows() {
    const [first, end] = windowSlots(this.state.team);
    const rows = [];
    for (let slot = first; slot < end; slot += 1) {
      const time = timeOf(slot * slotSize);
      rows.push({ label: formatTime(time), hour: time.endsWith(':00'), slot });
    }
    return rows;
  }

  render() {
    const { team, regularEvents } = this.state;
    const names = team.subgroups || [];
    if (this.subgroup && !names.includes(this.subgroup)) this.subgroup = '';
    fill(this.filter, h('option', { value: '' }, t('team.everyone')),
      names.map((name) => h('option', { value: name, selected: name === this.subgroup }, name)));
    const total = this.availability.members;
    this.count.textContent = t('team.membersShown', { n: total });

    this.rowList = this.rows();
    this.grid?.destroy();
    this.grid = new SlotGrid({
      label: t('team.weekLabel'),
      columns: weekdayKeys.map((key) => ({ label: formatWeekday(key) })),
      rows: this.rowList,
      state: (c, r) => {
        const { count, regular } = this.cell(c, r);
        const active = this.active && this.active.c === c && this.active.r === r;
        const what = regular.length ? `; ${regular.map((e) => e.title).join(', ')}` : '';
        return {
          className: `heat${regular.length ? ' regular' : ''}${active ? ' active' : ''}`,
          label: `${formatWeekday(weekdayKeys[c], { long: true })} ${this.rowList[r].label}: ${t('slot.summary', { available: count, total })}${what}`,
          level: total ? count / total : 0,
        };
      },
      onInspect: (c, r) => this.inspect(c, r),
    });
    fill(this.gridBox, this.grid.element);
    if (this.active && this.active.r < this.rowList.length) this.inspect(this.active.c, this.active.r);
    else fill(this.detail, h('p', { class: 'muted' }, t('group.pick')));

    const calendar = api.teamCalendarLink(this.state.uuid);
    fill(this.regularBox,
      h('h3', {}, t('team.regularTitle')),
      regularEvents.length
        ? h('ul', { class: 'results' }, regularEvents.map((e) => h('li', {},
          h('div', { class: 'when' }, formatRegular(e)), h('div', {}, e.title),
          e.description ? h('div', { class: 'small muted' }, e.description) : null)))
        : h('p', { class: 'muted' }, t('team.noRegular')),
      regularEvents.length ? h('details', {}, h('summary', {}, t('team.calendar')),
        h('p', { class: 'hint' }, t('team.calendarHint')),
        linkBox(`${location.origin}${calendar}`, t('team.calendar')),
        h('p', { class: 'row' },
          h('a', { class: 'button', href: `webcal://${location.host}${calendar}` }, t('team.subscribe')),
          h('a', { class: 'button', href: calendar, download: `${this.state.team.name}.ics` }, t('team.download')))) : null);
  }

  cell(c, r) {
    const day = this.availability.days[weekdayKeys[c]];
    const slot = this.rowList[r].slot;
    return { count: day.counts[slot], names: day.names[slot], regular: regularAt(this.state.regularEvents, c, slot) };
  }

  inspect(c, r) {
    const previous = this.active;
    this.active = { c, r };
    if (previous && previous.r < this.rowList.length) this.grid.refreshCell(previous.c, previous.r);
    this.grid.refreshCell(c, r);
    const { names, regular } = this.cell(c, r);
    fill(this.detail,
      h('p', {}, h('strong', {}, `${formatWeekday(weekdayKeys[c], { long: true })}, ${this.rowList[r].label}`)),
      regular.map((e) => h('p', { class: 'notice warn' }, `${e.title} (${formatTime(e.startTime)}–${formatTime(e.endTime)})`)),
      h('h3', { class: 'names-yes' }, `${t('group.canCome')} (${names.length})`),
      h('p', {}, names.length ? formatList(names) : '—'));
  }

  destroy() { this.grid?.destroy(); }
}
