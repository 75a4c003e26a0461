// Two lists of a team: its events (each a link; the admin makes new ones)
// and its members by subgroup (the admin may remove one).
import { h, fill, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { formatDayKey, t } from './i18n.js';
import './i18n_team.js';
import { eventDays } from './slots.js';

export class TeamEventsPanel {
  constructor({ state }) {
    this.state = state;
    this.element = h('section', { class: 'card', 'aria-labelledby': 'team-events-title' });
  }

  render() {
    const { events, uuid } = this.state;
    const when = (event) => {
      const days = eventDays(event);
      if (!days.length) return '';
      const first = formatDayKey(days[0]);
      return days.length === 1 ? first : `${first} – ${formatDayKey(days[days.length - 1])}`;
    };
    fill(this.element,
      h('h2', { id: 'team-events-title' }, t('team.eventsTitle')),
      events.length
        ? h('ul', { class: 'results' }, events.map((event) => h('li', {},
          h('a', { href: `/e/${event.uuid}`, class: 'when' }, event.title),
          h('div', { class: 'small muted' }, when(event), event.decision ? ` · ${t('team.decided')}` : ''))))
        : h('p', { class: 'muted' }, t('team.noEvents')),
      this.state.code()
        ? h('p', {}, h('a', { class: 'button primary', href: `/?team=${encodeURIComponent(uuid)}` }, t('team.newEvent')))
        : h('p', { class: 'hint' }, t('team.eventsHint')));
  }
}

export class TeamMembersPanel {
  constructor({ state, reload }) {
    this.state = state;
    this.reload = reload;
    this.error = h('div', { class: 'notice error', role: 'alert' });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'team-members-title' });
  }

  render() {
    const { members } = this.state;
    const code = this.state.code();
    const groups = new Map();
    for (const member of members) {
      const key = member.subgroup || '';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(member);
    }
    // Subgroups by name; the unassigned last.
    const keys = [...groups.keys()].sort((a, b) => (a === '') - (b === '') || a.localeCompare(b));
    fill(this.element,
      h('h2', { id: 'team-members-title' }, t('team.membersTitle', { n: members.length })),
      members.length ? null : h('p', { class: 'notice' }, t('team.noMembers')),
      keys.map((key) => h('div', { class: 'member-group' },
        h('h3', {}, key || t('team.noSubgroup')),
        h('ul', { class: 'people-list' }, groups.get(key).map((member) => h('li', { class: 'member-row' },
          h('span', {}, member.name),
          code ? h('button', { type: 'button', class: 'small-button danger', 'aria-label': t('team.removeMember', { name: member.name }),
            onclick: () => this.remove(member) }, t('team.remove')) : null))))),
      this.error);
  }

  async remove(member) {
    if (!confirm(t('team.removeConfirm', { name: member.name }))) return;
    this.error.textContent = '';
    try {
      await api.removeMember(member.id, this.state.code());
      announce(t('team.removed', { name: member.name }));
      await this.reload();
    } catch (failure) {
      this.error.textContent = errorMessage(failure);
    }
  }
}
