// "Your week": join the team with a name, a subgroup and the hours you are
// usually free each week, or — once this device knows who you are — paint
// your week again and move between subgroups. Someone already in the team
// picks their name to be recognised on a new device.
import { h, fill, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { field } from './forms.js';
import { t, weekdayKeys } from './i18n.js';
import './i18n_team.js';
import { PaintGrid } from './paint_grid.js';
import { dayLayout } from './layouts.js';
import * as store from './store.js';

const emptyWeek = () => Object.fromEntries(weekdayKeys.map((key) => [key, '0'.repeat(48)]));

export class TeamYouPanel {
  constructor({ state, reload }) {
    this.state = state;
    this.reload = reload;
    this.painter = null;
    this.dirty = false;
    this.element = h('section', { class: 'card', 'aria-labelledby': 'team-you-title' });
  }

  me() {
    const mine = store.teamMember(this.state.uuid);
    return mine ? this.state.members.find((m) => m.id === mine.id) : null;
  }

  // Unsaved strokes survive a reload of the team's data.
  render() {
    if (this.dirty && this.painter) return;
    const member = this.me();
    if (member) this.renderMember(member); else this.renderJoin();
  }

  painterFor(week) {
    this.painter?.destroy();
    const team = this.state.team;
    this.painter = new PaintGrid({
      layout: dayLayout({ startTime: team.startTime, endTime: team.endTime, slotMinutes: 30 }, weekdayKeys),
      values: week,
      onStroke: () => { this.dirty = true; this.status.textContent = t('you.unsaved'); },
    });
    return this.painter.element;
  }

  subgroupSelect(chosen) {
    return h('select', {}, h('option', { value: '' }, t('team.noSubgroup')),
      (this.state.team.subgroups || []).map((name) => h('option', { value: name, selected: name === chosen }, name)));
  }

  week() {
    const snapshot = this.painter.snapshot();
    return weekdayKeys.map((key) => snapshot[key]);
  }

  renderMember(member) {
    this.status = h('p', { class: 'save-state', role: 'status' });
    const error = h('div', { class: 'notice error', role: 'alert' });
    const subgroup = this.subgroupSelect(member.subgroup);
    subgroup.addEventListener('change', () => { this.dirty = true; this.status.textContent = t('you.unsaved'); });
    const grid = this.painterFor(Object.fromEntries(weekdayKeys.map((key, i) => [key, member.weekSchedule[i]])));
    const save = h('button', { type: 'button', class: 'primary', onclick: async () => {
      error.textContent = '';
      save.disabled = true;
      try {
        await api.patchMember(member.id, { weekSchedule: this.week(), subgroup: subgroup.value || null }, this.state.code());
        this.dirty = false;
        announce(t('you.saved'));
        await this.reload();
        this.status.textContent = t('you.saved');
      } catch (failure) {
        error.textContent = failure.status === 401 || failure.status === 403 ? t('team.protected') : errorMessage(failure);
      } finally {
        save.disabled = false;
      }
    } }, t('team.saveWeek'));
    fill(this.element,
      h('h2', { id: 'team-you-title' }, t('team.yourWeek', { name: member.name })),
      field(t('team.subgroup'), subgroup),
      h('p', { class: 'hint' }, t('team.paintHint')), grid,
      h('div', { class: 'save-bar' }, save, this.status,
        h('button', { type: 'button', class: 'small-button', onclick: () => this.painter.setAll('1') }, t('you.fillAll')),
        h('button', { type: 'button', class: 'small-button', onclick: () => this.painter.setAll('0') }, t('you.clearAll'))),
      error,
      h('p', {}, h('button', { type: 'button', class: 'link', onclick: () => this.forget() }, t('team.notYou'))));
  }

  forget() {
    store.setTeamMember(this.state.uuid, null);
    this.dirty = false;
    this.render();
  }

  renderJoin() {
    this.status = h('p', { class: 'save-state', role: 'status' });
    const error = h('div', { class: 'notice error', role: 'alert' });
    const name = h('input', { type: 'text', maxlength: 20, autocomplete: 'name' });
    const subgroup = this.subgroupSelect('');
    const grid = this.painterFor(emptyWeek());
    const join = h('button', { type: 'button', class: 'primary', onclick: async () => {
      error.textContent = '';
      if (!name.value.trim()) { error.textContent = t('team.needMemberName'); name.focus(); return; }
      const fields = { team: this.state.uuid, name: name.value.trim(), weekSchedule: this.week() };
      if (subgroup.value) fields.subgroup = subgroup.value;
      join.disabled = true;
      try {
        const created = await api.joinTeam(fields);
        store.setTeamMember(this.state.uuid, { id: created.id, name: created.name });
        this.dirty = false;
        announce(t('team.joined'));
        await this.reload();
      } catch (failure) {
        error.textContent = failure.status === 409 ? t('team.memberTaken') : errorMessage(failure);
        join.disabled = false;
      }
    } }, t('team.joinButton'));
    const members = this.state.members;
    const who = h('select', {}, members.map((m) => h('option', { value: m.id }, m.name)));
    const already = members.length ? h('details', {}, h('summary', {}, t('team.already')),
      h('div', { class: 'row end' }, h('div', { class: 'grow' }, field(t('team.whoAreYou'), who)),
        h('button', { type: 'button', onclick: () => {
          const member = members.find((m) => String(m.id) === who.value);
          if (!member) return;
          store.setTeamMember(this.state.uuid, { id: member.id, name: member.name });
          this.dirty = false;
          this.render();
        } }, t('team.thatsMe')))) : null;
    fill(this.element,
      h('h2', { id: 'team-you-title' }, t('team.join')),
      already,
      h('div', { class: 'row' }, h('div', { class: 'grow' }, field(t('you.signIn'), name)),
        h('div', { class: 'grow' }, field(t('team.subgroup'), subgroup))),
      h('p', { class: 'hint' }, t('team.paintHint')), grid, this.status, error, join);
  }

  destroy() { this.painter?.destroy(); }
}
