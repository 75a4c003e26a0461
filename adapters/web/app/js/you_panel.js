// "Your availability": sign in with a name (and a password that protects
// it), paint, save. What is painted lives in a draft on this device until
// the server has it, so a reload or a failed save loses nothing.
import { h, fill, uid, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { t } from './i18n.js';
import { PaintGrid } from './paint_grid.js';
import { TeamFill } from './team_fill.js';
import { emptyDay, eventDays } from './slots.js';
import * as store from './store.js';

export class YouPanel {
  constructor({ uuid, getEvent, writable, onSaved }) {
    this.uuid = uuid;
    this.getEvent = getEvent;
    this.writable = writable;
    this.onSaved = onSaved;
    this.painter = null;
    this.dirty = false;
    this.body = h('div', {});
    this.teamFill = new TeamFill({ uuid, getEvent, writable, onFilled: (name, schedules) => this.filled(name, schedules) });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'you-title' },
      h('h2', { id: 'you-title' }, t('you.title')), this.teamFill.element, this.body);
  }

  async start() {
    this.teamFill.load();
    const me = store.me(this.uuid);
    if (me) await this.open(me.name, store.password(this.uuid) || '', { quiet: true });
    else this.showSignIn();
  }

  showSignIn(message = '', name = '') {
    this.painter?.destroy();
    this.painter = null;
    const nameInput = h('input', { type: 'text', id: uid('name'), maxlength: 50, autocomplete: 'nickname', value: name, required: true });
    const passwordInput = h('input', { type: 'password', id: uid('password'), maxlength: 100, autocomplete: 'current-password' });
    const hint = h('div', { class: 'hint', id: uid('hint') }, t('you.passwordHint'));
    passwordInput.setAttribute('aria-describedby', hint.id);
    const error = h('div', { class: 'notice error', role: 'alert' }, message);
    const button = h('button', { type: 'submit', class: 'primary' }, t('you.continue'));
    const form = h('form', { novalidate: true },
      h('div', { class: 'field' }, h('label', { for: nameInput.id }, t('you.signIn')), nameInput),
      h('div', { class: 'field' }, h('label', { for: passwordInput.id }, t('you.password')), passwordInput, hint),
      error, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const person = nameInput.value.trim();
      if (!person) { nameInput.focus(); return; }
      button.disabled = true;
      const failure = await this.open(person, passwordInput.value);
      if (failure) {
        error.textContent = failure;
        button.disabled = false;
        (failure === t('error.passwordNeeded') || failure === t('error.wrongPassword') ? passwordInput : nameInput).focus();
      }
    });
    fill(this.body, form);
  }

  // Signs in as `name`; answers an error message, or '' when signed in.
  // A typed password is checked at once when the name already has answers
  // (a new name is claimed by its first save). Without one, a protected
  // name is found out at the first save, which brings the person back here.
  async open(name, password, { quiet = false } = {}) {
    const fail = (message) => {
      if (quiet) this.showSignIn(message, name);
      return message;
    };
    let mine = [];
    try {
      mine = (await api.getSchedules(this.uuid, name)).data;
    } catch (error) {
      return fail(errorMessage(error, 'event'));
    }
    if (password && mine.length) {
      try {
        await api.verify(this.uuid, name, password);
      } catch (error) {
        // 404: the name has no password yet; the next save claims it.
        if (error.status !== 404) return fail(errorMessage(error, 'password', this.getEvent()));
      }
    }
    store.setMe(this.uuid, { name });
    store.setPassword(this.uuid, password || null);
    this.name = name;
    this.password = password;
    this.showPainter(mine);
    return '';
  }

  showPainter(schedules) {
    const event = this.getEvent();
    const days = eventDays(event);
    if (!days.length) {
      fill(this.body, h('p', { class: 'notice' }, t('event.noDays')));
      return;
    }
    const values = Object.fromEntries(days.map((key) => [key, emptyDay(event)]));
    for (const schedule of schedules) if (schedule.date in values) values[schedule.date] = schedule.availability;
    const draft = store.draft(this.uuid);
    let restored = false;
    if (draft && draft.name === this.name) {
      for (const key of days) if (draft.days[key]?.length === values[key].length) values[key] = draft.days[key];
      restored = true;
    }
    this.painter?.destroy();
    this.painter = new PaintGrid({
      event, days, values,
      onChange: (snapshot) => {
        store.setDraft(this.uuid, { name: this.name, days: snapshot });
        this.setDirty(true);
      },
    });

    const brushName = uid('brush');
    const brush = (value, text, swatch) => h('label', {},
      h('input', { type: 'radio', name: brushName, value, checked: value === '1', onchange: () => { this.painter.brush = value; } }),
      h('span', {}, h('span', { class: `swatch ${swatch}`, 'aria-hidden': 'true' }), '\u00a0', text));
    this.saveState = h('span', { class: 'save-state', role: 'status' });
    this.saveButton = h('button', { type: 'button', class: 'primary', onclick: () => this.save() }, t('you.save'));
    this.saveError = h('div', { class: 'notice error', role: 'alert' });
    this.notice = h('div', { class: 'notice' }, restored ? t('you.restored') : '');
    const fileInput = h('input', { type: 'file', accept: '.ics,text/calendar', id: uid('ics'), class: 'visually-hidden',
      onchange: (e) => this.importFile(e.target) });
    fill(this.body,
      h('div', { class: 'row' },
        h('span', { class: 'grow' }, t('you.as', { name: this.name })),
        h('button', { type: 'button', class: 'small-button', onclick: () => this.signOut() }, t('you.change'))),
      this.notice,
      h('fieldset', { class: 'brushes' }, h('legend', {}, t('you.brush')),
        h('div', { class: 'segmented' },
          brush('1', t('brush.available'), 'yes'), brush('2', t('brush.ifNeeded'), 'maybe'), brush('0', t('brush.erase'), 'no'))),
      h('p', { class: 'hint' }, t('you.help')),
      this.painter.element,
      h('div', { class: 'save-bar' }, this.saveButton, this.saveState,
        h('button', { type: 'button', class: 'small-button', onclick: () => this.painter.setAll(this.painter.brush) }, t('you.fillAll')),
        h('button', { type: 'button', class: 'small-button', onclick: () => this.painter.setAll('0') }, t('you.clearAll'))),
      this.saveError,
      h('div', { class: 'field' },
        h('label', { for: fileInput.id, class: 'button' }, t('you.import')), fileInput,
        h('p', { class: 'hint' }, t('you.importHint'))));
    this.setDirty(restored);
    this.updateWritable();
  }

  setDirty(dirty) {
    this.dirty = dirty;
    if (!this.saveState) return;
    this.saveState.textContent = dirty ? t('you.unsaved') : '';
    this.saveState.classList.toggle('dirty', dirty);
  }

  updateWritable() {
    if (this.saveButton) this.saveButton.disabled = !this.writable();
    this.teamFill.updateWritable();
  }

  // Answers set from a team week: signed in as that member, nothing to save.
  filled(name, schedules) {
    store.setMe(this.uuid, { name });
    store.setPassword(this.uuid, null);
    store.setDraft(this.uuid, null);
    this.name = name;
    this.password = '';
    this.showPainter(schedules);
    this.notice.textContent = t('teamFill.done');
    announce(t('teamFill.done'));
    this.onSaved();
  }

  days() {
    const snapshot = this.painter.snapshot();
    return eventDays(this.getEvent()).map((key) => snapshot[key]);
  }

  async save() {
    this.saveButton.disabled = true;
    this.saveButton.textContent = t('you.saving');
    fill(this.saveError);
    try {
      await api.putSchedules(this.uuid, this.name, this.days(), this.password);
      store.setDraft(this.uuid, null);
      this.setDirty(false);
      this.notice.textContent = '';
      this.saveState.textContent = t('you.saved');
      announce(t('you.saved'));
      this.onSaved();
    } catch (error) {
      // The draft stays: nothing painted is lost, and the person may retry.
      if (error.status === 401 || error.status === 403) {
        // The name is protected: ask for its password; the draft comes back after.
        this.showSignIn(errorMessage(error, 'password', this.getEvent()), this.name);
        return;
      }
      fill(this.saveError, errorMessage(error, 'password', this.getEvent()), ' ',
        h('button', { type: 'button', class: 'small-button', onclick: () => this.save() }, t('you.retry')));
    } finally {
      if (this.saveButton?.isConnected) {
        this.saveButton.textContent = t('you.save');
        this.updateWritable();
      }
    }
  }

  async importFile(input) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    fill(this.saveError);
    if (file.size > 1024 * 1024) { fill(this.saveError, t('error.tooLarge')); return; }
    try {
      const schedules = await api.importCalendar(this.uuid, this.name, await file.text(), this.password);
      store.setDraft(this.uuid, null);
      this.showPainter(schedules);
      this.notice.textContent = t('you.imported');
      announce(t('you.imported'));
      this.onSaved();
    } catch (error) {
      fill(this.saveError, errorMessage(error, error.status === 400 ? 'calendar' : 'password', this.getEvent()));
    }
  }

  signOut() {
    store.setMe(this.uuid, null);
    store.setPassword(this.uuid, null);
    store.setDraft(this.uuid, null);
    this.showSignIn();
  }

  destroy() { this.painter?.destroy(); }
}
