// "Best times": windows of a chosen length where the most people can come,
// with a minimum head count and people who must attend. The organiser can
// make one of them the meeting time.
import { h, fill, uid } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { formatDayKey, formatInstant, formatInstantTime, formatList, formatTime, t } from './i18n.js';
import { minutesOf, slotMinutes } from './slots.js';

export class BestTimesPanel {
  constructor({ uuid, getEvent, token, viewZone, onDecided }) {
    this.uuid = uuid;
    this.getEvent = getEvent;
    this.token = token;
    this.viewZone = viewZone;
    this.onDecided = onDecided;
    this.required = new Set();
    const event = getEvent();
    const size = slotMinutes(event);
    const span = minutesOf(event.endTime) - minutesOf(event.startTime);
    const lengths = [];
    for (let minutes = size; minutes <= Math.min(span, 8 * 60); minutes += size) lengths.push(minutes);
    const fallback = lengths.includes(60) ? 60 : lengths[0];
    this.duration = h('select', { id: uid('duration') }, lengths.map((minutes) => h('option', { value: minutes, selected: minutes === fallback },
      minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60) ? `${Math.floor(minutes / 60)} h ` : ''}${minutes % 60} min`)));
    this.minPeople = h('input', { type: 'number', id: uid('min'), min: 1, value: 1, inputmode: 'numeric' });
    this.requiredBox = h('div', { class: 'chips' });
    this.requiredField = h('fieldset', {}, h('legend', {}, t('best.required')), this.requiredBox);
    this.results = h('ol', { class: 'results', 'aria-live': 'polite' });
    this.error = h('div', { class: 'notice error', role: 'alert' });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'best-title' },
      h('h2', { id: 'best-title' }, t('best.title')),
      h('div', { class: 'row' },
        h('div', { class: 'grow field' }, h('label', { for: this.duration.id }, t('best.duration')), this.duration),
        h('div', { class: 'grow field' }, h('label', { for: this.minPeople.id }, t('best.minPeople')), this.minPeople)),
      this.requiredField,
      h('button', { type: 'button', class: 'primary', onclick: () => this.find() }, t('best.find')),
      this.error, this.results);
    this.renderPeople();
  }

  renderPeople() {
    const everyone = this.getEvent().participants;
    for (const name of [...this.required]) if (!everyone.includes(name)) this.required.delete(name);
    this.requiredField.hidden = everyone.length === 0;
    fill(this.requiredBox, everyone.map((name) => h('label', { class: 'chip' },
      h('input', { type: 'checkbox', checked: this.required.has(name), onchange: (e) => {
        if (e.target.checked) this.required.add(name); else this.required.delete(name);
      } }), name)));
  }

  async find() {
    fill(this.error);
    try {
      const results = await api.bestTimes(this.uuid, {
        duration: this.duration.value, minPeople: this.minPeople.value || 1,
        required: [...this.required].join(','), limit: 5,
      });
      this.show(results);
    } catch (error) {
      fill(this.results);
      fill(this.error, errorMessage(error));
    }
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
    fill(this.results, results.map((result) => h('li', {},
      h('div', { class: 'when' }, this.describe(result)),
      h('div', {}, h('span', { class: 'badge' }, t('best.available', { n: result.available.length })),
        result.ifNeeded.length ? h('span', { class: 'badge' }, t('best.ifNeeded', { n: result.ifNeeded.length })) : null),
      result.available.length ? h('div', { class: 'small names-yes' }, formatList(result.available)) : null,
      result.missing.length ? h('div', { class: 'small muted' }, t('best.missing', { names: formatList(result.missing) })) : null,
      token ? h('button', { type: 'button', class: 'small-button', onclick: () => this.decide(result) }, t('best.decide')) : null)));
  }

  async decide(result) {
    fill(this.error);
    try {
      const event = await api.decide(this.uuid, this.token(), { date: result.date, startTime: result.start, endTime: result.end });
      this.onDecided(event);
    } catch (error) {
      fill(this.error, errorMessage(error, 'admin'));
    }
  }
}
