// "Best times": windows of a chosen length where the most people can come,
// with a minimum head count and the people who must attend (marked in the
// group's people list). One long free block is one answer, its best window
// with the whole block beside it, not five windows of the same block. The organiser can make one
// of them the meeting time, confirmed where it was chosen.
import { h, fill, uid, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { formatDayKey, formatInstant, formatInstantTime, formatList, formatTime, t } from './i18n.js';
import { minutesOf, slotMinutes, timeOf } from './slots.js';

const shown = 5;

// "1 h 30 min" in the reader's words.
function lengthText(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return t('best.minutes', { n: rest });
  return rest ? t('best.hoursMinutes', { h: hours, m: rest }) : t('best.hours', { n: hours });
}

// Where a result sits in time, to tell one free block from another:
// instants, or a day's minutes.
function span(result) {
  if (result.utcStart) return { day: '', start: Date.parse(result.utcStart), end: Date.parse(result.utcEnd) };
  return { day: result.date, start: minutesOf(result.start), end: minutesOf(result.end) };
}

// Who a window has, to tell one block of the same people from another.
const people = (result) => `${result.available.join('\n')}|${result.ifNeeded.join('\n')}`;

// The best window of each free block: a window with the same people that
// overlaps or touches one already kept belongs to its block, which it widens
// (block: {start, end}); a window with other people stands on its own.
function oneByBlock(results, limit) {
  const kept = [];
  for (const result of results) {
    const s = { ...span(result), who: people(result) };
    const block = kept.find((k) => k.day === s.day && k.who === s.who && k.start <= s.end && s.start <= k.end);
    if (block) {
      block.start = Math.min(block.start, s.start);
      block.end = Math.max(block.end, s.end);
    } else if (kept.length < limit) {
      kept.push({ ...s, result, own: s });
    }
  }
  return kept.map((k) => ({ result: k.result, block: k.start < k.own.start || k.end > k.own.end ? k : null }));
}

export class BestTimesPanel {
  // required: the Set of people who must attend, shared with the people list.
  constructor({ uuid, getEvent, token, viewZone, required, onDecided }) {
    Object.assign(this, { uuid, getEvent, token, viewZone, required, onDecided });
    const event = getEvent();
    const size = slotMinutes(event);
    const span = minutesOf(event.endTime) - minutesOf(event.startTime);
    const lengths = [];
    for (let minutes = size; minutes <= Math.min(span, 8 * 60); minutes += size) lengths.push(minutes);
    const fallback = lengths.includes(60) ? 60 : lengths[0];
    this.duration = h('select', { id: uid('duration') }, lengths.map((minutes) => h('option', { value: minutes, selected: minutes === fallback }, lengthText(minutes))));
    this.minPeople = h('input', { type: 'number', id: uid('min'), min: 1, value: 1, inputmode: 'numeric' });
    this.requiredText = h('p', { class: 'small' });
    this.results = h('ol', { class: 'results', 'aria-live': 'polite' });
    this.error = h('div', { class: 'notice error', role: 'alert' });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'best-title' },
      h('h2', { id: 'best-title' }, t('best.title')),
      h('div', { class: 'row' },
        h('div', { class: 'grow field' }, h('label', { for: this.duration.id }, t('best.duration')), this.duration),
        h('div', { class: 'grow field' }, h('label', { for: this.minPeople.id }, t('best.minPeople')), this.minPeople)),
      this.requiredText,
      h('button', { type: 'button', class: 'primary', onclick: () => this.find() }, t('best.find')),
      this.error, this.results);
    this.renderRequired();
  }

  renderRequired() {
    const everyone = this.getEvent().participants;
    for (const name of [...this.required]) if (!everyone.includes(name)) this.required.delete(name);
    this.requiredText.hidden = everyone.length === 0;
    this.requiredText.textContent = this.required.size
      ? t('best.requiredNames', { names: formatList([...this.required]) })
      : t('best.requiredHint');
  }

  async find() {
    fill(this.error);
    try {
      const results = await api.bestTimes(this.uuid, {
        duration: this.duration.value, minPeople: this.minPeople.value || 1,
        required: [...this.required].join(','), limit: shown * 8,
      });
      this.show(oneByBlock(results, shown));
    } catch (error) {
      fill(this.results);
      fill(this.error, errorMessage(error));
    }
  }

  // The whole free block a window belongs to, when it is longer.
  describeBlock(result, block) {
    if (!block) return null;
    const time = (value) => (result.utcStart
      ? formatInstantTime(new Date(value).toISOString(), this.viewZone())
      : formatTime(timeOf(value)));
    return h('div', { class: 'small' }, t('best.block', { from: time(block.start), to: time(block.end) }));
  }

  describe(result) {
    if (result.utcStart) {
      return `${formatInstant(result.utcStart, this.viewZone())}–${formatInstantTime(result.utcEnd, this.viewZone())}`;
    }
    return `${formatDayKey(result.date)} ${formatTime(result.start)}–${formatTime(result.end)}`;
  }

  show(results) {
    if (!results.length) { fill(this.results, h('li', {}, t('best.none'))); return; }
    const token = this.token();
    fill(this.results, results.map(({ result, block }) => {
      const confirmation = h('p', { class: 'notice ok', role: 'status' });
      return h('li', {},
        h('div', { class: 'when' }, this.describe(result)),
        this.describeBlock(result, block),
        h('div', {}, h('span', { class: 'badge' }, t('best.available', { n: result.available.length })),
          result.ifNeeded.length ? h('span', { class: 'badge' }, t('best.ifNeeded', { n: result.ifNeeded.length })) : null),
        result.available.length ? h('div', { class: 'small names-yes' }, formatList(result.available)) : null,
        result.missing.length ? h('div', { class: 'small muted' }, t('best.missing', { names: formatList(result.missing) })) : null,
        token ? h('button', { type: 'button', class: 'small-button', onclick: (e) => this.decide(result, e.currentTarget, confirmation) }, t('best.decide')) : null,
        confirmation);
    }));
  }

  async decide(result, button, confirmation) {
    fill(this.error);
    for (const other of this.results.querySelectorAll('.notice.ok')) other.textContent = '';
    button.disabled = true;
    try {
      const event = await api.decide(this.uuid, this.token(), { date: result.date, startTime: result.start, endTime: result.end });
      this.onDecided(event);
      const words = t('best.decided', { when: this.describe(result) });
      confirmation.textContent = words;
      announce(words);
    } catch (error) {
      fill(this.error, errorMessage(error, 'admin'));
    } finally {
      button.disabled = false;
    }
  }
}
