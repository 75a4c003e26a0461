// "/e/{uuid}": the event. Its header (details, the meeting time, whether
// answers are open), one clock for the whole page, your answers and the
// group's — side by side on a desktop, one at a time with a switch on a
// phone — the best times and, for the organiser, the controls. While open it
// polls the event with If-None-Match every few seconds and redraws only what
// changed.
import { h, fill, uid } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { browserZone, formatDayKey, formatInstant, formatInstantTime, formatTime, t, zoneNames } from './i18n.js';
import { dayLayout, zonedLayout } from './layouts.js';
import { fromGrid, fromSchedules, readableGrid } from './group_model.js';
import { YouPanel } from './you_panel.js';
import { GroupPanel } from './heatmap.js';
import { eventDays, slotMinutes } from './slots.js';
import * as store from './store.js';

const pollMilliseconds = 5000;

// early: the event, its grid and your answers, asked for by main.js.
export function showEventPage(main, uuid, early) {
  const page = new EventPage(main, uuid);
  page.start(early);
  return page;
}

// What decides a layout's shape: a change of it rebuilds the painter.
const shapeOf = (grid) => `${grid.timezone}|${grid.days.map((d) => `${d.date}:${d.slots.length}:${d.slots[0]?.utc}`).join()}`;

class EventPage {
  constructor(main, uuid) {
    this.main = main;
    this.main.classList.add('wide');
    this.uuid = uuid;
    this.event = null;
    this.etag = null;
    this.groupEtag = null;
    this.layout = null;
    this.shape = null;
    this.timer = null;
    this.view = 'you';
    this.selection = { hidden: new Set(), required: new Set() };
  }

  token() { return store.adminToken(this.uuid); }

  get dated() { return !this.event.weekdays; }

  writable() {
    const event = this.event;
    if (!event || event.locked) return false;
    return !(event.closesAt && new Date(event.closesAt) <= new Date());
  }

  async start(early) {
    fill(this.main, h('p', { class: 'muted', role: 'status' }, t('app.loading')));
    this.zone = early.zone;
    try {
      const reply = await early.event;
      this.event = reply.data;
      this.etag = reply.etag;
    } catch (error) {
      document.title = 'BisTime';
      fill(this.main, h('div', { class: 'card' },
        h('h1', {}, error.status === 404 ? t('event.notFound') : errorMessage(error, 'event')),
        h('a', { href: '/' }, t('app.home'))));
      return;
    }
    // An organiser link's token, checked while the event loaded.
    const link = early.linkToken ? await early.linkToken : null;
    const refused = link && [401, 403, 404].includes(link.status);
    this.linkNotice = link && link !== 'kept'
      ? h('p', { class: 'notice error', role: 'alert' }, errorMessage(link, 'admin'),
        ` ${t(refused ? 'event.linkIgnored' : 'event.linkUnchecked')}`)
      : null;
    store.rememberEvent(this.uuid, this.event.title);
    store.setEventKind(this.uuid, this.event.weekdays ? 'weekdays' : 'dates');
    this.eventZone = this.event.timezone || null;
    if (!this.dated) this.layout = dayLayout(this.event, eventDays(this.event));
    let firstGrid = null;
    if (this.dated && early.grid && this.eventZone) firstGrid = await early.grid.catch(() => null);
    if (this.dated) await this.loadGroup(firstGrid, { build: false }).catch(() => {});
    else await this.loadGroup(null, { build: false }).catch(() => {});
    this.build(early.mine);
    this.timer = setInterval(() => this.poll(), pollMilliseconds);
    this.onVisible = () => { if (document.visibilityState === 'visible') this.poll(); };
    document.addEventListener('visibilitychange', this.onVisible);
  }

  build(mine) {
    const getEvent = () => this.event;
    this.header = h('section', { class: 'card event-head' });
    this.clock = h('div', { class: 'clock' });
    this.you = new YouPanel({ uuid: this.uuid, getEvent, getLayout: () => this.layout, writable: () => this.writable(), onSaved: () => this.poll() });
    this.group = new GroupPanel({ selection: this.selection, slotMinutes: slotMinutes(this.event), onRequired: () => this.best?.renderRequired() });
    this.extras = h('div', {});
    this.youButton = h('button', { type: 'button', 'aria-controls': 'you-section', onclick: () => this.switchTo('you') }, t('event.viewYou'));
    this.groupButton = h('button', { type: 'button', 'aria-controls': 'group-section', onclick: () => this.switchTo('group') });
    this.you.element.id = 'you-section';
    this.group.element.id = 'group-section';
    this.area = h('div', { class: 'answer-area' }, this.you.element, this.group.element);
    this.renderHeader();
    this.renderClock();
    fill(this.main, this.linkNotice, this.header, this.clock,
      h('div', { class: 'view-switch segmented', role: 'group', 'aria-label': t('event.view') }, this.youButton, this.groupButton),
      this.area, this.extras);
    this.switchTo(this.view);
    this.renderCounts();
    if (this.model) this.group.show(this.model);
    this.you.start(mine);
    this.loadExtras(getEvent);
  }

  // The best times and the organiser's panel come after the grids: their
  // code is not on the way to a first answer.
  async loadExtras(getEvent) {
    const [{ BestTimesPanel }, organiser] = await Promise.all([
      import('./best_times.js'),
      this.token() ? import('./organiser.js') : null,
    ]);
    this.best = new BestTimesPanel({
      uuid: this.uuid, getEvent, token: () => this.token(), viewZone: () => this.zone, required: this.selection.required,
      onDecided: (event) => this.changed(event),
    });
    this.organiser = organiser
      ? new organiser.OrganiserPanel({ uuid: this.uuid, getEvent, token: () => this.token(), onChanged: (event) => this.changed(event) })
      : null;
    fill(this.extras, this.best.element, this.organiser?.element);
  }

  // Phones show one of the two grids; a desktop shows both (app.css).
  switchTo(view) {
    this.view = view;
    this.area.dataset.view = view;
    this.youButton.setAttribute('aria-pressed', String(view === 'you'));
    this.groupButton.setAttribute('aria-pressed', String(view === 'group'));
  }

  renderCounts() {
    this.groupButton.textContent = t('event.viewGroup', { n: this.event.participants.length });
  }

  // One clock: the zone every time on the page is shown in.
  renderClock() {
    if (!this.dated) {
      fill(this.clock, this.eventZone ? h('p', { class: 'small muted' }, t('event.timesIn', { zone: this.eventZone })) : null);
      return;
    }
    const here = browserZone();
    const label = (name) => {
      if (name === here) return t('group.zoneHere', { zone: name.replace(/_/g, ' ') });
      if (name === this.eventZone) return t('group.zoneEvent', { zone: name.replace(/_/g, ' ') });
      return name.replace(/_/g, ' ');
    };
    const names = [...new Set([this.zone, here, this.eventZone, ...zoneNames()].filter(Boolean))];
    const select = h('select', { id: uid('zone'), onchange: () => this.changeZone(select.value) },
      names.map((name) => h('option', { value: name, selected: name === this.zone }, label(name))));
    fill(this.clock, h('label', { for: select.id }, t('event.clock')), select);
  }

  async changeZone(zone) {
    this.zone = zone;
    store.setViewZone(this.uuid, zone === browserZone() ? null : zone);
    this.groupEtag = null;
    await this.loadGroup().catch(() => {});
    this.renderHeader();
    if (this.best?.results.childElementCount) this.best.find();
  }

  // The group's answers, and with them the layout both grids share.
  async loadGroup(reply = null, { build = true } = {}) {
    // Only the latest load lands: a poll's answer for the zone before a
    // change must not overwrite the change's.
    const turn = this.groupTurn = (this.groupTurn || 0) + 1;
    this.behind = true;
    if (this.dated) {
      if (!this.eventZone) {
        // An event made without a zone: its grid in its own zone says which.
        this.eventZone = (await api.getGrid(this.uuid, null)).data.timezone;
      }
      if (!reply) reply = await api.getGrid(this.uuid, this.zone, this.groupEtag);
      if (turn !== this.groupTurn) return;
      if (reply.status === 304) { this.behind = false; return; }
      if (!readableGrid(reply.data)) return;
      const shape = shapeOf(reply.data);
      const layout = zonedLayout(reply.data, this.eventZone);
      this.groupEtag = reply.etag;
      if (shape !== this.shape || !this.layout) {
        this.shape = shape;
        this.layout = layout;
        if (build) this.you.buildGrid();
      }
      this.model = fromGrid(layout, reply.data.people);
    } else {
      reply = await api.getSchedules(this.uuid, undefined, this.groupEtag);
      if (turn !== this.groupTurn) return;
      if (reply.status === 304) { this.behind = false; return; }
      this.groupEtag = reply.etag;
      this.model = fromSchedules(this.layout, reply.data);
    }
    this.behind = false;
    if (build) this.group?.show(this.model);
  }

  renderHeader() {
    const event = this.event;
    document.title = `${event.title} — BisTime`;
    const closed = event.closesAt && new Date(event.closesAt) <= new Date();
    const zone = this.dated ? this.zone : this.eventZone;
    let decision = null;
    if (event.decision) {
      const d = event.decision;
      const when = d.utcStart
        ? `${formatInstant(d.utcStart, zone)}–${formatInstantTime(d.utcEnd, zone)}`
        : `${formatDayKey(d.date)} ${formatTime(d.startTime)}–${formatTime(d.endTime)}`;
      decision = h('div', { class: 'decision' },
        h('h2', {}, t('event.decided')),
        h('p', {}, h('strong', {}, when), zone ? h('span', { class: 'muted small' }, ` (${zone.replace(/_/g, ' ')})`) : null),
        d.utcStart ? h('a', { class: 'button primary', href: api.calendarLink(this.uuid), download: `${event.title}.ics` }, t('event.addToCalendar')) : null);
    }
    fill(this.header,
      h('h1', { class: 'event-title' }, event.title),
      // The organiser's tools are below the grids: one tap away from the top.
      this.token() ? h('p', { class: 'small' }, h('a', { href: '#organiser-title' }, t('event.organiserTools'))) : null,
      event.location ? h('p', { class: 'small' }, h('span', { class: 'badge' }, event.location)) : null,
      event.description ? h('p', {}, event.description) : null,
      decision,
      event.locked && !closed ? h('p', { class: 'notice warn' }, t('event.locked')) : null,
      closed ? h('p', { class: 'notice warn' }, t('event.closed', { when: formatInstant(event.closesAt, zone || browserZone()) })) : null,
      event.closesAt && !closed ? h('p', { class: 'small muted' }, t('event.closes', { when: formatInstant(event.closesAt, zone || browserZone()) })) : null,
      this.shareBox(event));
  }

  // The share link, drawn when first opened: its code is not needed before.
  shareBox(event) {
    const box = h('details', { ontoggle: async () => {
      if (!box.open || box.childElementCount > 1) return;
      const { linkBox } = await import('./links.js');
      box.append(linkBox(`${location.origin}/e/${this.uuid}`, t('event.share'), { share: true, title: event.title }));
    } }, h('summary', {}, t('event.share')));
    return box;
  }

  // The event as a write answered it (or the poll found it).
  changed(event) {
    this.event = event;
    this.etag = null;
    this.redraw();
  }

  redraw() {
    this.renderHeader();
    this.renderCounts();
    this.you.updateWritable();
    this.best?.renderRequired();
    this.organiser?.update();
    this.loadGroup().catch(() => {});
  }

  async poll() {
    if (document.visibilityState === 'hidden') return;
    try {
      const reply = await api.getEvent(this.uuid, this.etag);
      if (reply.status === 304) {
        // A group's answers that failed to load (a network error, or an
        // answer from a server of another version mid-deploy) load again.
        if (this.behind) this.loadGroup().catch(() => {});
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
