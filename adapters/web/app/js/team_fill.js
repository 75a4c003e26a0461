// On an event of a team: fill your answers from your team week in one tap
// (the from-member route sets every date from its weekday's slots), then
// adjust them like any others. The device remembers which member it is per
// team; someone new here picks their name from the team's members.
import { h, fill } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { field } from './forms.js';
import { t } from './i18n.js';
import * as store from './store.js';

export class TeamFill {
  // onFilled(name, schedules) once the server has set the answers.
  constructor({ uuid, getEvent, writable, onFilled }) {
    this.uuid = uuid;
    this.getEvent = getEvent;
    this.writable = writable;
    this.onFilled = onFilled;
    this.team = null;
    this.members = [];
    this.element = h('div', { class: 'team-fill' });
  }

  async load() {
    const event = this.getEvent();
    if (!event.associatedTeam || event.weekdays) return;
    try {
      this.team = await api.findTeam(event.associatedTeam);
      this.members = await api.teamMembers(this.team.uuid);
    } catch {
      return;  // the team is gone or unreachable: nothing to offer
    }
    this.render();
  }

  render() {
    if (!this.team || !this.members.length) { fill(this.element); return; }
    const error = h('div', { class: 'notice error', role: 'alert' });
    const mine = store.teamMember(this.team.uuid);
    const known = mine && this.members.find((m) => m.id === mine.id);
    const choose = known ? null : h('select', {}, this.members.map((m) => h('option', { value: m.id }, m.name)));
    const button = this.button = h('button', { type: 'button', class: 'primary', disabled: !this.writable(), onclick: async () => {
      const member = known || this.members.find((m) => String(m.id) === choose.value);
      error.textContent = '';
      button.disabled = true;
      try {
        const schedules = await api.fillFromMember(this.uuid, member.id);
        store.setTeamMember(this.team.uuid, { id: member.id, name: member.name });
        this.onFilled(member.name, schedules);
      } catch (failure) {
        error.textContent = errorMessage(failure, 'password', this.getEvent());
      } finally {
        button.disabled = !this.writable();
      }
    } }, known ? t('teamFill.mine', { name: known.name }) : t('teamFill.member'));
    fill(this.element, h('div', { class: 'notice' },
      h('p', {}, t('teamFill.lead', { team: this.team.name })),
      choose ? field(t('team.whoAreYou'), choose) : null,
      h('div', { class: 'row' }, button, h('a', { href: `/t/${this.team.uuid}` }, t('teamFill.openTeam'))), error));
  }

  updateWritable() {
    if (this.button) this.button.disabled = !this.writable();
  }
}
