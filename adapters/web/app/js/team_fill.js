// On an event of a team: fill your answers from your team week in one tap
// (the from-member route sets every date from its weekday's slots), then
// adjust them like any others. Nobody is chosen for you: the device
// remembers which member it is per team, and someone new picks their name.
// A protected member's week opens only with their password; an open one
// asks first, naming whose answers will be replaced.
import { h, fill, uid } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { field } from './forms.js';
import { t } from './i18n.js';
import './i18n_team.js';
import * as store from './store.js';

export class TeamFill {
  // onFilled(name, password, schedules) once the server has set the answers.
  constructor({ uuid, getEvent, writable, onFilled }) {
    Object.assign(this, { uuid, getEvent, writable, onFilled });
    this.team = null;
    this.members = [];
    this.element = h('div', { class: 'team-fill' });
  }

  async load() {
    const event = this.getEvent();
    // The event names its team by uuid: a team's name finds it only with a secret.
    if (!event.team || event.weekdays) return;
    try {
      this.team = await api.getTeam(event.team);
      this.members = await api.teamMembers(this.team.uuid);
    } catch {
      return;  // the team is gone or unreachable: nothing to offer
    }
    this.render();
  }

  render() {
    if (!this.team || !this.members.length) { fill(this.element); return; }
    const mine = store.teamMember(this.team.uuid);
    const known = mine && this.members.find((m) => m.id === mine.id);
    this.error = h('div', { class: 'notice error', role: 'alert' });
    this.step = h('div', {});
    const choose = h('select', { id: uid('member'), onchange: () => this.chosen(this.members.find((m) => String(m.id) === choose.value)) },
      h('option', { value: '', selected: !known }, t('teamFill.choose')),
      this.members.map((m) => h('option', { value: m.id, selected: known?.id === m.id }, m.name)));
    fill(this.element, h('div', { class: 'notice' },
      h('p', {}, t('teamFill.lead', { team: this.team.name })),
      field(t('team.whoAreYou'), choose), this.step, this.error,
      h('a', { href: `/t/${this.team.uuid}` }, t('teamFill.openTeam'))));
    this.chosen(known || null);
  }

  // The step after choosing a member: their password, or a confirmation.
  chosen(member) {
    fill(this.error);
    if (!member) { fill(this.step); this.button = null; return; }
    const password = member.protected
      ? h('input', { type: 'password', id: uid('member-password'), maxlength: 100, autocomplete: 'current-password' }) : null;
    const button = this.button = h('button', { type: 'button', class: 'primary', disabled: !this.writable(),
      onclick: () => this.fill(member, password) },
    member.protected ? t('teamFill.withPassword') : t('teamFill.confirm', { name: member.name }));
    fill(this.step,
      password ? h('div', { class: 'field' }, h('label', { for: password.id }, t('teamFill.password', { name: member.name })), password) : null,
      member.protected ? null : h('p', { class: 'small' }, t('teamFill.replaces', { name: member.name })),
      button);
  }

  async fill(member, passwordInput) {
    const password = passwordInput?.value || '';
    if (passwordInput && !password) { this.error.textContent = t('error.passwordNeeded'); passwordInput.focus(); return; }
    this.error.textContent = '';
    this.button.disabled = true;
    try {
      const schedules = await api.fillFromMember(this.uuid, member.id, password);
      store.setTeamMember(this.team.uuid, { id: member.id, name: member.name });
      this.onFilled(member.name, password, schedules);
    } catch (failure) {
      this.error.textContent = errorMessage(failure, 'password', this.getEvent());
      passwordInput?.focus();
    } finally {
      if (this.button) this.button.disabled = !this.writable();
    }
  }

  updateWritable() {
    if (this.button) this.button.disabled = !this.writable();
  }
}
