// "/t/{uuid}": a team. Its header (name, hours, the link to share), your
// week (join, or paint your recurring week), the team's week (a heatmap by
// weekday and slot with names, filtered by subgroup, the regular events
// drawn over it), the team's events, the members by subgroup and, with the
// admin code, the admin's controls. The panels share one TeamState and
// redraw from it after every load.
import { h, fill, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { formatTime, t } from './i18n.js';
import './i18n_team.js';
import { linkBox } from './links.js';
import { TeamYouPanel } from './team_you.js';
import { TeamWeekPanel } from './team_week.js';
import { TeamEventsPanel, TeamMembersPanel } from './team_lists.js';
import { TeamAdminPanel } from './team_admin.js';
import * as store from './store.js';

const pollMilliseconds = 15000;

export function showTeamPage(main, uuid) {
  const page = new TeamPage(main, uuid);
  page.start();
  return page;
}

// What every panel reads: the team and what was loaded with it.
class TeamState {
  constructor(uuid) {
    this.uuid = uuid;
    this.team = null;
    this.members = [];
    this.regularEvents = [];
    this.events = [];
    this.subgroups = [];  // [{id, name}], for the admin
  }

  code() { return store.teamCode(this.uuid); }
}

class TeamPage {
  constructor(main, uuid) {
    this.main = main;
    this.state = new TeamState(uuid);
    this.timer = null;
  }

  async start() {
    fill(this.main, h('p', { class: 'muted', role: 'status' }, t('app.loading')));
    try {
      this.state.team = await api.getTeam(this.state.uuid);
    } catch (failure) {
      document.title = 'BisTime';
      fill(this.main, h('div', { class: 'card' },
        h('h1', {}, failure.status === 404 ? t('team.notFound') : errorMessage(failure)),
        h('a', { href: '/t' }, t('team.createTitle'))));
      return;
    }
    store.rememberTeam(this.state.uuid, this.state.team.name);
    const reload = () => this.reload();
    this.header = h('section', { class: 'card' });
    this.you = new TeamYouPanel({ state: this.state, reload });
    this.week = new TeamWeekPanel({ state: this.state });
    this.events = new TeamEventsPanel({ state: this.state });
    this.members = new TeamMembersPanel({ state: this.state, reload });
    this.admin = new TeamAdminPanel({ state: this.state, reload, adminChanged: () => this.render() });
    fill(this.main, this.header,
      h('div', { class: 'columns' },
        h('div', {}, this.you.element, this.events.element, this.admin.element),
        h('div', {}, this.week.element, this.members.element)));
    await this.reload();
    this.timer = setInterval(() => this.poll(), pollMilliseconds);
    this.onVisible = () => { if (document.visibilityState === 'visible') this.poll(); };
    document.addEventListener('visibilitychange', this.onVisible);
  }

  // Everything of the team again, in parallel; then every panel redraws.
  async reload() {
    const state = this.state;
    try {
      const [team, members, regularEvents, events] = await Promise.all([
        api.getTeam(state.uuid), api.teamMembers(state.uuid), api.regularEvents(state.uuid), api.teamEvents(state.uuid),
        this.week.load()]);
      Object.assign(state, { team, members, regularEvents, events });
      if (state.code()) state.subgroups = await api.subgroups(state.uuid);
    } catch (failure) {
      announce(errorMessage(failure));
      return;
    }
    this.render();
  }

  render() {
    this.renderHeader();
    this.you.render();
    this.week.render();
    this.events.render();
    this.members.render();
    this.admin.render();
  }

  // A visible page picks up what others changed; a panel being typed in is
  // left alone until the next tick.
  poll() {
    if (document.visibilityState === 'hidden') return;
    if (this.main.querySelector('input:focus, select:focus, textarea:focus')) return;
    if (this.you.dirty) return;
    this.reload();
  }

  renderHeader() {
    const team = this.state.team;
    document.title = `${team.name} — BisTime`;
    fill(this.header,
      h('h1', { class: 'event-title' }, team.name),
      h('p', { class: 'small' },
        h('span', { class: 'badge' }, t('team.window', { from: formatTime(team.startTime), to: formatTime(team.endTime) })),
        team.timezone ? h('span', { class: 'badge' }, t('event.timesIn', { zone: team.timezone })) : null),
      h('details', {}, h('summary', {}, t('team.share')),
        h('p', { class: 'hint' }, t('team.shareHint')),
        linkBox(`${location.origin}/t/${this.state.uuid}`, t('team.share'), { share: true, title: team.name })));
  }

  destroy() {
    clearInterval(this.timer);
    if (this.onVisible) document.removeEventListener('visibilitychange', this.onVisible);
    this.you?.destroy();
    this.week?.destroy();
  }
}
