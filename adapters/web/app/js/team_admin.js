// The admin's panel. Without the code on this device: enter it (checked by
// the server, then kept in localStorage), or answer the security question
// for a new one. With it: the team's name and hours, its subgroups, its
// regular events, forgetting the code here, and deleting the team.
import { h, fill, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { field, timeSelect } from './forms.js';
import { formatWeekday, t, weekdayKeys } from './i18n.js';
import './i18n_team.js';
import { formatRegular } from './team_week.js';
import { minutesOf } from './slots.js';
import * as store from './store.js';

// A refused code or answer, and when a throttled client may try again.
export function codeError(failure, what = 'code') {
  if (failure.status === 429) {
    return failure.retryAfter ? t('team.tooManyWait', { seconds: failure.retryAfter }) : t('error.tooMany');
  }
  if (failure.status === 401 || failure.status === 403) return what === 'answer' ? t('team.wrongAnswer') : t('team.wrongCode');
  if (failure.status === 409) return t('team.nameInUse');
  return errorMessage(failure);
}

export class TeamAdminPanel {
  constructor({ state, reload, adminChanged }) {
    this.state = state;
    this.reload = reload;
    this.adminChanged = adminChanged;
    this.error = h('div', { class: 'notice error', role: 'alert' });
    this.message = h('div', { class: 'notice', role: 'status' });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'team-admin-title' });
    this.open = new Set(['settings']);  // which sections stay open across redraws
  }

  render() {
    if (this.element.contains(document.activeElement) && document.activeElement.matches('input, textarea')) return;
    if (this.state.code()) this.renderControls(); else this.renderEntry();
  }

  // Runs an admin call; a code the server no longer takes is forgotten here.
  async run(action, done) {
    this.error.textContent = '';
    this.message.textContent = '';
    try {
      await action(this.state.code());
      await this.reload();
      if (done) { this.message.textContent = done; announce(done); }
    } catch (failure) {
      this.error.textContent = codeError(failure);
      if (failure.status === 403) {
        store.setTeamCode(this.state.uuid, null);
        this.adminChanged();
      }
    }
  }

  renderEntry() {
    const title = h('h2', { id: 'team-admin-title' }, t('team.adminTitle'));
    const input = h('input', { type: 'text', maxlength: 6, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false' });
    const enter = h('button', { type: 'button', onclick: async () => {
      const code = input.value.trim();
      this.error.textContent = '';
      if (!code) { input.focus(); return; }
      try {
        await api.verifyTeamCode(this.state.uuid, code);
        store.setTeamCode(this.state.uuid, code);
        this.message.textContent = '';
        await this.reload();
        this.adminChanged();
      } catch (failure) { this.error.textContent = codeError(failure); }
    } }, t('team.enterCode'));
    const answer = h('input', { type: 'text', maxlength: 50, autocomplete: 'off' });
    const reset = h('button', { type: 'button', onclick: async () => {
      this.error.textContent = '';
      if (!answer.value.trim()) { answer.focus(); return; }
      try {
        const team = await api.resetTeamCode(this.state.uuid, answer.value.trim());
        store.setTeamCode(this.state.uuid, team.adminCode);
        const heading = h('h3', { tabindex: -1 }, t('team.newCode'));
        fill(this.element, title, heading,
          h('p', { class: 'admin-code', 'aria-label': t('team.codeTitle') }, team.adminCode),
          h('p', { class: 'notice warn', role: 'note' }, t('team.codeWarning')),
          h('button', { type: 'button', class: 'primary', onclick: async () => { await this.reload(); this.adminChanged(); } }, t('team.continue')));
        heading.focus();
      } catch (failure) { this.error.textContent = codeError(failure, 'answer'); }
    } }, t('team.reset'));
    fill(this.element, title,
      h('p', { class: 'hint' }, t('team.adminHint')),
      h('div', { class: 'row end' }, h('div', { class: 'grow' }, field(t('team.code'), input)), enter),
      h('details', {}, h('summary', {}, t('team.forgot')),
        h('p', {}, this.state.team.securityQuestion),
        field(t('team.answer'), answer), reset),
      this.error);
  }

  section(key, heading, ...content) {
    const details = h('details', { open: this.open.has(key) }, h('summary', {}, heading), ...content);
    details.addEventListener('toggle', () => { if (details.open) this.open.add(key); else this.open.delete(key); });
    return details;
  }

  renderControls() {
    fill(this.element,
      h('h2', { id: 'team-admin-title' }, t('team.adminTitle')),
      h('p', { class: 'hint' }, t('team.adminHere')),
      this.message, this.error,
      this.section('settings', t('team.settings'), this.settingsForm()),
      this.section('subgroups', t('team.subgroups'), this.subgroupControls()),
      this.section('regular', t('team.regularTitle'), this.regularControls()),
      h('div', { class: 'row admin-foot' },
        h('button', { type: 'button', onclick: () => { store.setTeamCode(this.state.uuid, null); this.adminChanged(); } }, t('team.forget')),
        h('button', { type: 'button', class: 'danger', onclick: () => this.deleteTeam() }, t('team.delete'))));
  }

  settingsForm() {
    const team = this.state.team;
    const name = h('input', { type: 'text', maxlength: 100, value: team.name });
    const from = timeSelect(30, team.startTime);
    const to = timeSelect(30, team.endTime, { allowEnd: true, allowStart: false });
    const form = h('form', { novalidate: true },
      field(t('team.name'), name),
      h('div', { class: 'row' }, h('div', { class: 'grow' }, field(t('create.from'), from)), h('div', { class: 'grow' }, field(t('create.to'), to))),
      h('button', { type: 'submit', class: 'primary' }, t('team.saveSettings')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!name.value.trim()) { this.error.textContent = t('team.needName'); name.focus(); return; }
      if (minutesOf(from.value) >= minutesOf(to.value)) { this.error.textContent = t('create.badWindow'); return; }
      document.activeElement?.blur();
      this.run((code) => api.patchTeam(this.state.uuid, { name: name.value.trim(), startTime: from.value, endTime: to.value }, code),
        t('team.settingsSaved'));
    });
    return form;
  }

  subgroupControls() {
    const rows = this.state.subgroups.map((subgroup) => {
      const input = h('input', { type: 'text', maxlength: 50, value: subgroup.name, 'aria-label': t('team.subgroupNameOf', { name: subgroup.name }) });
      return h('li', { class: 'edit-row' }, input,
        h('button', { type: 'button', class: 'small-button', onclick: () => {
          if (!input.value.trim() || input.value.trim() === subgroup.name) return;
          document.activeElement?.blur();
          this.run((code) => api.renameSubgroup(subgroup.id, input.value.trim(), code), t('team.renamed'));
        } }, t('team.rename')),
        h('button', { type: 'button', class: 'small-button danger', 'aria-label': t('team.removeSubgroup', { name: subgroup.name }), onclick: () => {
          if (!confirm(t('team.removeSubgroupConfirm', { name: subgroup.name }))) return;
          this.run((code) => api.removeSubgroup(subgroup.id, code), t('team.removedSubgroup', { name: subgroup.name }));
        } }, t('team.remove')));
    });
    const name = h('input', { type: 'text', maxlength: 50, autocomplete: 'off' });
    const form = h('form', { novalidate: true, class: 'row end' },
      h('div', { class: 'grow' }, field(t('team.subgroupName'), name)),
      h('button', { type: 'submit' }, t('team.addSubgroup')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!name.value.trim()) { name.focus(); return; }
      document.activeElement?.blur();
      this.run((code) => api.addSubgroup(this.state.uuid, name.value.trim(), code), t('team.addedSubgroup'));
    });
    return [rows.length ? h('ul', { class: 'people-list' }, rows) : h('p', { class: 'muted' }, t('team.noSubgroups')), form];
  }

  // One form for a new regular event or to change an existing one.
  regularForm(existing, submitText) {
    const team = this.state.team;
    const title = h('input', { type: 'text', maxlength: 100, value: existing?.title || '' });
    const day = h('select', {}, weekdayKeys.map((key, i) => h('option', { value: i, selected: existing ? existing.day === i : i === 0 },
      formatWeekday(key, { long: true }))));
    const from = timeSelect(30, existing?.startTime || team.startTime);
    const to = timeSelect(30, existing?.endTime || team.endTime, { allowEnd: true, allowStart: false });
    const description = h('input', { type: 'text', maxlength: 200, value: existing?.description || '' });
    const form = h('form', { novalidate: true, class: 'regular-form' },
      field(t('team.regularName'), title),
      field(t('team.day'), day),
      h('div', { class: 'row' }, h('div', { class: 'grow' }, field(t('create.from'), from)), h('div', { class: 'grow' }, field(t('create.to'), to))),
      field(t('create.description'), description),
      h('button', { type: 'submit', class: existing ? '' : 'primary' }, submitText));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!title.value.trim()) { this.error.textContent = t('team.needRegularName'); title.focus(); return; }
      if (minutesOf(from.value) >= minutesOf(to.value)) { this.error.textContent = t('create.badWindow'); return; }
      const fields = { title: title.value.trim(), day: Number(day.value), startTime: from.value, endTime: to.value,
        description: description.value.trim() };
      document.activeElement?.blur();
      this.run((code) => (existing ? api.patchRegularEvent(existing.uuid, fields, code) : api.addRegularEvent(this.state.uuid, fields, code)),
        existing ? t('team.regularSaved') : t('team.regularAdded'));
    });
    return form;
  }

  regularControls() {
    const list = this.state.regularEvents.map((e) => h('li', {},
      h('div', { class: 'member-row' },
        h('span', {}, h('span', { class: 'when' }, e.title), h('br'), h('span', { class: 'small muted' }, formatRegular(e))),
        h('button', { type: 'button', class: 'small-button danger', 'aria-label': t('team.removeRegular', { name: e.title }), onclick: () => {
          if (!confirm(t('team.removeRegularConfirm', { name: e.title }))) return;
          this.run((code) => api.removeRegularEvent(e.uuid, code), t('team.regularRemoved'));
        } }, t('team.remove'))),
      h('details', {}, h('summary', {}, t('team.edit', { name: e.title })), this.regularForm(e, t('team.saveRegular')))));
    return [list.length ? h('ul', { class: 'results' }, list) : null,
      h('h3', {}, t('team.addRegular')), this.regularForm(null, t('team.addRegular'))];
  }

  async deleteTeam() {
    if (!confirm(t('team.deleteConfirm', { name: this.state.team.name }))) return;
    try {
      await api.deleteTeam(this.state.uuid, this.state.code());
      store.setTeamCode(this.state.uuid, null);
      store.forgetTeam(this.state.uuid);
      location.assign('/t');
    } catch (failure) { this.error.textContent = codeError(failure); }
  }
}
