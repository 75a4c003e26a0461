// "/e/{uuid}": the event. Its header (details, the meeting time, whether
// answers are open), your answers, the group's, the best times and, for the
// organiser, the controls. While open it polls the event with If-None-Match
// every few seconds and redraws only what changed.
import { h, fill } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { formatDayKey, formatInstant, formatInstantTime, formatTime, t } from './i18n.js';
import { linkBox } from './create_page.js';
import { YouPanel } from './you_panel.js';
import { GroupPanel } from './heatmap.js';
import { BestTimesPanel } from './best_times.js';
import { OrganiserPanel } from './organiser.js';
import * as store from './store.js';

const pollMilliseconds = 5000;

export function showEventPage(main, uuid) {
  const page = new EventPage(main, uuid);
  page.start();
  return page;
}

class EventPage {
  constructor(main, uuid) {
    this.main = main;
    this.uuid = uuid;
    this.event = null;
    this.etag = null;
    this.timer = null;
    // The organiser's link carries the token in the fragment, which never
    // reaches a server: keep it on this device and take it out of the address bar.
    const match = /(?:^#|&)admin=([^&]+)/.exec(location.hash);
    if (match) {
      store.setAdminToken(uuid, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
  }

  token() { return store.adminToken(this.uuid); }

  writable() {
    const event = this.event;
    if (!event || event.locked) return false;
    return !(event.closesAt && new Date(event.closesAt) <= new Date());
  }

  async start() {
    fill(this.main, h('p', { class: 'muted', role: 'status' }, t('app.loading')));
    try {
      const reply = await api.getEvent(this.uuid);
      this.event = reply.data;
      this.etag = reply.etag;
    } catch (error) {
      document.title = 'BisTime';
      fill(this.main, h('div', { class: 'card' },
        h('h1', {}, error.status === 404 ? t('event.notFound') : errorMessage(error, 'event')),
        h('a', { href: '/' }, t('app.home'))));
      return;
    }
    store.rememberEvent(this.uuid, this.event.title);
    this.build();
    this.timer = setInterval(() => this.poll(), pollMilliseconds);
    this.onVisible = () => { if (document.visibilityState === 'visible') this.poll(); };
    document.addEventListener('visibilitychange', this.onVisible);
  }

  build() {
    const getEvent = () => this.event;
    this.header = h('section', { class: 'card' });
    this.you = new YouPanel({ uuid: this.uuid, getEvent, writable: () => this.writable(), onSaved: () => this.poll() });
    this.group = new GroupPanel({ uuid: this.uuid, getEvent });
    this.best = new BestTimesPanel({
      uuid: this.uuid, getEvent, token: () => this.token(), viewZone: () => this.group.zone,
      onDecided: (event) => this.changed(event),
    });
    this.organiser = this.token()
      ? new OrganiserPanel({ uuid: this.uuid, getEvent, token: () => this.token(), onChanged: (event) => this.changed(event) })
      : null;
    this.renderHeader();
    fill(this.main, this.header,
      h('div', { class: 'columns' },
        h('div', {}, this.you.element),
        h('div', {}, this.group.element, this.best.element, this.organiser?.element)));
    this.you.start();
    this.group.load().catch(() => {});
  }

  renderHeader() {
    const event = this.event;
    document.title = `${event.title} — BisTime`;
    const zone = event.timezone;
    const closed = event.closesAt && new Date(event.closesAt) <= new Date();
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    let decision = null;
    if (event.decision) {
      const d = event.decision;
      const when = d.utcStart
        ? `${formatInstant(d.utcStart, zone || here)}–${formatInstantTime(d.utcEnd, zone || here)}`
        : `${formatDayKey(d.date)} ${formatTime(d.startTime)}–${formatTime(d.endTime)}`;
      decision = h('div', { class: 'decision' },
        h('h2', {}, t('event.decided')),
        h('p', {}, h('strong', {}, when), zone ? h('span', { class: 'muted small' }, ` (${zone})`) : null),
        d.utcStart && zone !== here ? h('p', { class: 'small muted' }, `${formatInstant(d.utcStart, here)} (${here})`) : null,
        d.utcStart ? h('a', { class: 'button primary', href: api.calendarLink(this.uuid), download: `${event.title}.ics` }, t('event.addToCalendar')) : null);
    }
    fill(this.header,
      h('h1', { class: 'event-title' }, event.title),
      h('p', { class: 'small' },
        zone ? h('span', { class: 'badge' }, t('event.timesIn', { zone })) : null,
        event.location ? h('span', { class: 'badge' }, event.location) : null),
      event.description ? h('p', {}, event.description) : null,
      decision,
      event.locked && !closed ? h('p', { class: 'notice warn' }, t('event.locked')) : null,
      closed ? h('p', { class: 'notice warn' }, t('event.closed', { when: formatInstant(event.closesAt, here) })) : null,
      event.closesAt && !closed ? h('p', { class: 'small muted' }, t('event.closes', { when: formatInstant(event.closesAt, here) })) : null,
      h('details', {}, h('summary', {}, t('event.share')), linkBox(`${location.origin}/e/${this.uuid}`, t('event.share'), { share: true, title: event.title })));
  }

  // The event as a write answered it (or the poll found it).
  changed(event) {
    this.event = event;
    this.etag = null;
    this.redraw();
  }

  redraw() {
    this.renderHeader();
    this.you.updateWritable();
    this.best.renderPeople();
    if (this.organiser && !this.organiser.element.contains(document.activeElement)) this.organiser.render();
    this.group.load().catch(() => {});
  }

  async poll() {
    if (document.visibilityState === 'hidden') return;
    try {
      const reply = await api.getEvent(this.uuid, this.etag);
      if (reply.status === 304) {
        // A group's answers that failed to load (a network error, or an
        // answer from a server of another version mid-deploy) load again.
        if (this.group?.behind) this.group.load().catch(() => {});
        return;
      }
      this.event = reply.data;
      this.etag = reply.etag;
      this.redraw();
    } catch {
      // A missed poll is retried at the next tick.
    }
  }

  destroy() {
    clearInterval(this.timer);
    if (this.onVisible) document.removeEventListener('visibilitychange', this.onVisible);
    this.you?.destroy();
    this.group?.destroy();
  }
}
