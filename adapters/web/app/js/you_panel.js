// "Your availability": sign in with a name (and a password that protects
// it), then paint; each stroke saves itself (answer_saver.js) and the status
// says so quietly. A protected name asks for its password before painting
// starts; a locked or closed event cannot be painted and says so. Undo takes
// back the last stroke, "Fill all" and "Clear all" included; "Not you?"
// offers to come back.
import { h, fill, uid, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { t } from './i18n.js';
import { PaintGrid } from './paint_grid.js';
import { AnswerSaver } from './answer_saver.js';
import { emptyDay, eventDays } from './slots.js';
import * as store from './store.js';

export class YouPanel {
  // getLayout(): the page's layout (layouts.js), shared with the group's grid.
  constructor({ uuid, getEvent, getLayout, writable, onSaved }) {
    Object.assign(this, { uuid, getEvent, getLayout, writable, onSaved });
    this.painter = null;
    this.saver = null;
    this.values = null;
    this.body = h('div', {});
    this.teamBox = h('div', {});
    this.element = h('section', { class: 'card you', 'aria-labelledby': 'you-title' },
      h('h2', { id: 'you-title' }, t('you.title')), this.teamBox, this.body);
  }

  // mine: the promise of this device's person's answers, asked for with the event.
  async start(mine) {
    const event = this.getEvent();
    if (event.team && !event.weekdays) {
      import('./team_fill.js').then(({ TeamFill }) => {
        this.teamFill = new TeamFill({ uuid: this.uuid, getEvent: this.getEvent, writable: this.writable,
          onFilled: (name, password, schedules) => this.filled(name, password, schedules) });
        fill(this.teamBox, this.teamFill.element);
        this.teamFill.load();
      }).catch(() => {});
    }
    const me = store.me(this.uuid);
    if (me) await this.open(me.name, store.password(this.uuid) || '', { quiet: true, mine });
    else this.showSignIn();
  }

  showSignIn({ message = '', name = '', undo = null, needPassword = false } = {}) {
    this.stopPainting();
    this.waitingForDays = false;
    this.values = null;
    const nameInput = h('input', { type: 'text', id: uid('name'), maxlength: 50, autocomplete: 'nickname', value: name, required: true });
    const passwordInput = h('input', { type: 'password', id: uid('password'), maxlength: 100, autocomplete: 'current-password' });
    const hint = h('div', { class: 'hint', id: uid('hint') }, t('you.passwordHint'));
    passwordInput.setAttribute('aria-describedby', hint.id);
    const error = h('div', { class: 'notice error', role: 'alert' }, message);
    const button = h('button', { type: 'submit', class: 'primary' }, t('you.continue'));
    const form = h('form', { novalidate: true },
      undo ? h('div', { class: 'notice row' }, h('span', { class: 'grow' }, t('you.signedOut', { name: undo.name })),
        h('button', { type: 'button', class: 'small-button', onclick: () => this.open(undo.name, undo.password, { quiet: true }) }, t('you.undo'))) : null,
      h('div', { class: 'field' }, h('label', { for: nameInput.id }, t('you.signIn')), nameInput),
      h('div', { class: 'field' }, h('label', { for: passwordInput.id }, needPassword ? t('you.passwordNeeded') : t('you.password')), passwordInput, hint),
      error, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const person = nameInput.value.trim();
      if (!person) { nameInput.focus(); return; }
      button.disabled = true;
      const failure = await this.open(person, passwordInput.value);
      if (failure) {
        error.textContent = failure.message;
        button.disabled = false;
        (failure.password ? passwordInput : nameInput).focus();
      }
    });
    fill(this.body, form);
    if (needPassword) passwordInput.focus();
  }

  // Signs in as `name`: answers null, or {message, password} saying why not.
  // A name that already has answers is asked for its password now, if it
  // has one, rather than at the first stroke.
  async open(name, password, { quiet = false, mine = null } = {}) {
    const fail = (message, passwordField = false) => {
      if (quiet) this.showSignIn({ message, name, needPassword: passwordField });
      return { message, password: passwordField };
    };
    let schedules = [];
    try {
      schedules = (await (mine || api.getSchedules(this.uuid, name))).data;
    } catch (error) {
      return fail(errorMessage(error, 'event'));
    }
    // Names are case-sensitive: "bob" beside "Bob" would be a second person.
    // Ask once; Continue again means a new person after all.
    const similar = this.getEvent().participants.find((other) => other !== name
      && other.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (!schedules.length && similar && !quiet && this.newAnyway !== name) {
      this.newAnyway = name;
      return { message: t('you.similarName', { name: similar, typed: name }), password: false };
    }
    if (schedules.length) {
      try {
        await api.verify(this.uuid, name, password);
      } catch (error) {
        // 404: the name has no password; one typed now claims it at the first stroke.
        if (error.status !== 404) return fail(errorMessage(error, 'password', this.getEvent()), true);
      }
    }
    store.setMe(this.uuid, { name });
    store.setPassword(this.uuid, password || null);
    this.name = name;
    this.password = password;
    this.showPainter(schedules);
    // Signed in by the person's own hand: the keyboard goes on into the grid.
    if (!quiet) this.painter?.grid.focusGrid();
    return null;
  }

  // Every event day's answer: the server's, then an unsaved draft over it.
  valuesFrom(schedules) {
    const event = this.getEvent();
    const values = Object.fromEntries(eventDays(event).map((key) => [key, emptyDay(event)]));
    for (const schedule of schedules) if (schedule.date in values) values[schedule.date] = schedule.availability;
    return values;
  }

  showPainter(schedules) {
    this.stopPainting();
    const event = this.getEvent();
    if (!eventDays(event).length) {
      fill(this.body, h('p', { class: 'notice' }, t('event.noDays')));
      this.waitingForDays = true;  // the painter comes once dates are added
      return;
    }
    this.waitingForDays = false;
    this.values = this.valuesFrom(schedules);
    const draft = store.draft(this.uuid);
    let restored = false;
    if (draft && draft.name === this.name) {
      for (const key of Object.keys(this.values)) {
        if (draft.days[key]?.length === this.values[key].length && draft.days[key] !== this.values[key]) {
          this.values[key] = draft.days[key];
          restored = true;
        }
      }
    }
    this.saver = new AnswerSaver({
      uuid: this.uuid, name: this.name, password: this.password,
      order: () => eventDays(this.getEvent()), blank: emptyDay(event),
      onState: (state, error) => this.showState(state, error),
      onSaved: (saved) => this.saved(saved),
    });
    this.render();
    if (schedules.length && !restored) this.showState('saved');
    if (restored) {
      this.notice.textContent = t('you.restored');
      this.saver.changed(this.values);
    } else if (draft?.name === this.name) {
      store.setDraft(this.uuid, null);
    }
  }

  render() {
    const brushName = uid('brush');
    const brush = (value, text, swatch) => h('label', {},
      h('input', { type: 'radio', name: brushName, value, checked: value === (this.painter?.brush ?? '1'), onchange: () => { this.painter.brush = value; } }),
      h('span', {}, h('span', { class: `swatch ${swatch}`, 'aria-hidden': 'true' }), '\u00a0', text));
    this.status = h('span', { class: 'save-state', role: 'status' });
    this.problem = h('div', { class: 'notice error', role: 'alert' });
    this.notice = h('div', { class: 'notice' });
    this.lockedNotice = h('p', { class: 'notice warn' });
    this.undoButton = h('button', { type: 'button', class: 'small-button', disabled: true, onclick: () => this.painter.undo() }, t('you.undo'));
    this.gridBox = h('div', {});
    this.tools = h('div', { class: 'paint-tools' },
      h('fieldset', { class: 'brushes' }, h('legend', { class: 'visually-hidden' }, t('you.brush')),
        h('div', { class: 'segmented' },
          brush('1', t('brush.available'), 'yes'), brush('2', t('brush.ifNeeded'), 'maybe'), brush('0', t('brush.erase'), 'no'))),
      h('p', { class: 'hint' }, t('you.help'), h('span', { class: 'keys-hint' }, ' ', t('you.keys'))));
    const fileInput = h('input', { type: 'file', accept: '.ics,text/calendar', id: uid('ics'), class: 'visually-hidden',
      onchange: (e) => this.importFile(e.target) });
    this.more = h('div', { class: 'row paint-more' },
      this.undoButton,
      h('button', { type: 'button', class: 'small-button', onclick: () => this.painter.setAll(this.painter.brush) }, t('you.fillAll')),
      h('button', { type: 'button', class: 'small-button', onclick: () => this.painter.setAll('0') }, t('you.clearAll')),
      h('label', { for: fileInput.id, class: 'button small-button' }, t('you.import')), fileInput);
    fill(this.body,
      h('div', { class: 'row you-line' },
        h('span', { class: 'grow' }, t('you.as', { name: this.name })), this.status,
        h('button', { type: 'button', class: 'small-button', onclick: () => this.signOut() }, t('you.change'))),
      this.notice, this.lockedNotice, this.tools, this.gridBox, this.problem, this.more,
      h('p', { class: 'hint' }, t('you.importHint')));
    this.buildGrid();
    this.updateWritable();
  }

  // The painter on the page's current layout (again after a change of zone).
  buildGrid() {
    if (this.waitingForDays && eventDays(this.getEvent()).length) { this.showPainter([]); return; }
    if (!this.values) return;
    if (this.painter?.stroke) { this.layoutWaiting = true; return; }  // after the stroke
    this.layoutWaiting = false;
    // A date added since: nothing marked on it yet.
    const event = this.getEvent();
    for (const key of eventDays(event)) this.values[key] ??= emptyDay(event);
    const layout = this.getLayout();
    if (!layout) {
      // The grid did not load; the page asks again at its next poll.
      fill(this.gridBox, h('p', { class: 'muted' }, t('app.loading')));
      return;
    }
    const brush = this.painter?.brush ?? '1';
    const undo = this.painter?.undoStack ?? [];
    this.painter?.destroy();
    this.painter = new PaintGrid({
      layout, values: this.values, label: t('grid.label'),
      disabled: () => !this.writable(),
      onStroke: (snapshot) => this.stroke(snapshot),
    });
    this.painter.brush = brush;
    this.painter.undoStack = undo;
    this.values = this.painter.snapshot();
    fill(this.gridBox, this.painter.element);
  }

  stroke(snapshot) {
    this.values = snapshot;
    if (this.layoutWaiting) this.buildGrid();
    this.undoButton.disabled = !this.painter.canUndo;
    this.notice.textContent = '';
    this.saver.changed(snapshot);
  }

  showState(state, error) {
    if (!this.status?.isConnected) return;
    const words = { saving: t('save.saving'), saved: t('save.saved'), retrying: t('save.retrying'), failed: t('save.failed'), password: t('save.failed') };
    this.status.textContent = words[state];
    this.status.dataset.state = state;
    fill(this.problem);
    if (state === 'saved') announce(t('save.saved'));
    if (state === 'password') {
      // The name turned out to be protected: ask for its password; the draft waits.
      this.showSignIn({ message: errorMessage(error, 'password', this.getEvent()), name: this.name, needPassword: true });
    } else if (state === 'failed' || state === 'retrying') {
      fill(this.problem, errorMessage(error, 'password', this.getEvent()), ' ',
        h('button', { type: 'button', class: 'small-button', onclick: () => this.saver.retry() }, t('you.retry')));
    }
  }

  // What the server holds after the latest stroke.
  saved(schedules) {
    this.values = this.valuesFrom(schedules);
    this.painter?.replace(this.values);
    this.onSaved();
  }

  updateWritable() {
    this.teamFill?.updateWritable();
    if (!this.tools) return;
    const open = this.writable();
    const event = this.getEvent();
    this.tools.hidden = !open;
    this.more.hidden = !open;
    this.lockedNotice.textContent = open ? '' : (event.locked ? t('you.lockedPaint') : t('you.closedPaint'));
    this.gridBox.classList.toggle('read-only', !open);
  }

  // Answers set from a team week: signed in as that member.
  filled(name, password, schedules) {
    store.setMe(this.uuid, { name });
    store.setPassword(this.uuid, password || null);
    store.setDraft(this.uuid, null);
    this.name = name;
    this.password = password;
    this.showPainter(schedules);
    this.notice.textContent = t('teamFill.done');
    announce(t('teamFill.done'));
    this.onSaved();
  }

  async importFile(input) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    fill(this.problem);
    if (file.size > 1024 * 1024) { fill(this.problem, t('error.tooLarge')); return; }
    try {
      const schedules = await api.importCalendar(this.uuid, this.name, await file.text(), this.password);
      store.setDraft(this.uuid, null);
      this.showPainter(schedules);
      this.notice.textContent = t('you.imported');
      announce(t('you.imported'));
      this.onSaved();
    } catch (error) {
      fill(this.problem, errorMessage(error, error.status === 400 ? 'calendar' : 'password', this.getEvent()));
    }
  }

  // Nothing is lost: what is saved stays on the server, an unsaved draft on
  // the device, and the sign-in form offers to come back.
  signOut() {
    const undo = { name: this.name, password: this.password };
    this.saver?.finishQuietly();
    this.saver = null;
    store.setMe(this.uuid, null);
    store.setPassword(this.uuid, null);
    this.showSignIn({ undo });
  }

  stopPainting() {
    this.saver?.stop();
    this.saver = null;
    this.painter?.destroy();
    this.painter = null;
    this.tools = null;
  }

  destroy() { this.stopPainting(); }
}
