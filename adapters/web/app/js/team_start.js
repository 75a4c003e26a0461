// "/t": create a team — its name, daily window, security question and
// answer — or find one by its name. A new team's admin code is shown once,
// with how to recover it, and kept on this device (never put in a URL).
import { h, fill } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { browserZone, t } from './i18n.js';
import './i18n_team.js';
import { linkBox } from './links.js';
import { field, timeSelect } from './forms.js';
import { minutesOf } from './slots.js';
import * as store from './store.js';

export function showTeamStart(main) {
  document.title = `BisTime — ${t('team.createTitle')}`;
  const recent = store.recentTeams();
  fill(main, createForm(main), findForm(),
    recent.length ? h('section', { class: 'card narrow' }, h('h2', {}, t('team.recent')),
      h('ul', { class: 'recent' }, recent.map((entry) => h('li', {}, h('a', { href: `/t/${entry.uuid}` }, entry.name))))) : null);
  return {};
}

function createForm(main) {
  const name = h('input', { type: 'text', maxlength: 100, autocomplete: 'off' });
  const from = timeSelect(30, '09:00');
  const to = timeSelect(30, '18:00', { allowEnd: true, allowStart: false });
  const question = h('select', {},
    [1, 2, 3].map((n) => h('option', { value: n }, t(`team.question${n}`))),
    h('option', { value: 0 }, t('team.questionCustom')));
  const custom = h('input', { type: 'text', maxlength: 200 });
  const customField = field(t('team.customQuestion'), custom);
  customField.hidden = true;
  question.addEventListener('change', () => { customField.hidden = question.value !== '0'; });
  const answer = h('input', { type: 'text', maxlength: 50, autocomplete: 'off' });
  const error = h('div', { class: 'notice error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('team.create'));

  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', {}, t('team.createTitle')),
    h('p', { class: 'muted' }, t('team.createLead')),
    field(t('team.name'), name),
    h('fieldset', {}, h('legend', {}, t('create.window')),
      h('div', { class: 'row' }, h('div', { class: 'grow' }, field(t('create.from'), from)),
        h('div', { class: 'grow' }, field(t('create.to'), to)))),
    field(t('team.question'), question), customField,
    field(t('team.answer'), answer, t('team.answerHint')),
    error, submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!name.value.trim()) { error.textContent = t('team.needName'); name.focus(); return; }
    if (minutesOf(from.value) >= minutesOf(to.value)) { error.textContent = t('create.badWindow'); from.focus(); return; }
    if (question.value === '0' && !custom.value.trim()) { error.textContent = t('team.needQuestion'); custom.focus(); return; }
    if (!answer.value.trim()) { error.textContent = t('team.needAnswer'); answer.focus(); return; }
    const fields = {
      name: name.value.trim(), startTime: from.value, endTime: to.value, timezone: browserZone(),
      securityQuestion: Number(question.value), securityAnswer: answer.value.trim(),
    };
    if (question.value === '0') fields.customSecurityQuestion = custom.value.trim();
    submit.disabled = true;
    try {
      const team = await api.createTeam(fields);
      store.setTeamCode(team.uuid, team.adminCode);
      store.rememberTeam(team.uuid, team.name);
      showTeamCreated(main, team);
    } catch (failure) {
      error.textContent = errorMessage(failure);
      submit.disabled = false;
    }
  });
  return form;
}

// A team's name alone finds nothing (names are not unique, and a stranger
// must not learn that a team exists): its admin code, or a member's name and
// password, comes with it.
function findForm() {
  const name = h('input', { type: 'text', maxlength: 100, autocomplete: 'off' });
  const code = h('input', { type: 'password', maxlength: 100, autocomplete: 'off' });
  const member = h('input', { type: 'text', maxlength: 20, autocomplete: 'off' });
  const password = h('input', { type: 'password', maxlength: 100, autocomplete: 'current-password' });
  const error = h('div', { class: 'error-text', role: 'alert' });
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h2', {}, t('team.findTitle')),
    h('p', { class: 'hint' }, t('team.findHint')),
    field(t('team.name'), name), field(t('team.codeTitle'), code),
    h('p', { class: 'hint' }, t('team.findOr')),
    field(t('team.findMember'), member), field(t('team.findPassword'), password), error,
    h('button', { type: 'submit' }, t('team.find')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!name.value.trim()) { name.focus(); return; }
    const proof = code.value.trim()
      ? { code: code.value.trim() }
      : { member: member.value.trim(), password: password.value };
    if (!proof.code && !(proof.member && proof.password)) {
      error.textContent = t('team.findNeedSecret');
      code.focus();
      return;
    }
    try {
      const team = await api.findTeam(name.value.trim(), proof);
      if (proof.code) store.setTeamCode(team.uuid, proof.code);
      location.assign(`/t/${team.uuid}`);
    } catch (failure) {
      error.textContent = failure.status === 404 ? t('team.notFound') : errorMessage(failure);
    }
  });
  return form;
}

// The code, once: the only time the server gives it out.
function showTeamCreated(main, team) {
  const heading = h('h1', { tabindex: -1 }, t('team.created'));
  const link = `${location.origin}/t/${team.uuid}`;
  fill(main, h('section', { class: 'card stack narrow' },
    heading,
    h('p', { class: 'event-title' }, h('strong', {}, team.name)),
    h('h2', {}, t('team.share')),
    linkBox(link, t('team.share'), { share: true, title: team.name }),
    h('h2', {}, t('team.codeTitle')),
    h('p', { class: 'admin-code', 'aria-label': t('team.codeTitle') }, team.adminCode),
    h('p', { class: 'notice warn', role: 'note' }, t('team.codeWarning')),
    h('p', { class: 'hint' }, t('team.codeRecover')),
    h('p', {}, h('a', { class: 'button primary', href: `/t/${team.uuid}` }, t('team.open')))));
  heading.focus();
}
