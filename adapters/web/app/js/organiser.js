// The organiser's panel, shown with the event's admin token: lock answers,
// remove a person, clear the meeting time, export the answers, edit the
// details and closing time, and find the organiser link again. Every action
// shows its outcome at once (Lock becomes Unlock; a removed person leaves
// the list).
import { h, fill, uid, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { t } from './i18n.js';
import { instantOf } from './slots.js';
import { linkBox } from './links.js';

const pad = (n) => String(n).padStart(2, '0');
// An instant as a datetime-local value in the browser's zone.
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export class OrganiserPanel {
  constructor({ uuid, getEvent, token, onChanged }) {
    this.uuid = uuid;
    this.getEvent = getEvent;
    this.token = token;
    this.onChanged = onChanged;
    this.message = h('div', { class: 'notice', role: 'status' });
    this.error = h('div', { class: 'notice error', role: 'alert' });
    this.details = h('div', {});
    this.actions = h('div', {});
    const link = `${location.origin}/e/${uuid}#admin=${encodeURIComponent(token())}`;
    this.element = h('section', { class: 'card', 'aria-labelledby': 'organiser-title' },
      h('h2', { id: 'organiser-title' }, t('organiser.title')),
      h('p', { class: 'muted' }, t('event.organiser')),
      this.message, this.error, this.actions, this.details,
      h('details', { class: 'organiser-link' }, h('summary', {}, t('organiser.link')),
        h('p', { class: 'notice warn', role: 'note' }, t('created.adminWarning')),
        linkBox(link, t('created.admin'))));
    this.renderDetails();
    this.renderActions();
  }

  async run(action, done) {
    fill(this.error);
    fill(this.message);
    try {
      const event = await action();
      if (event) this.onChanged(event);
      if (done) { this.message.textContent = done; announce(done); }
    } catch (error) {
      fill(this.error, errorMessage(error, 'admin', this.getEvent()));
    }
  }

  // After any change of the event: the actions at once; the details form
  // too, unless the organiser is typing in it.
  update() {
    const focused = this.actions.contains(document.activeElement) ? document.activeElement : null;
    const which = focused === this.lockButton ? 'lock' : focused?.tagName === 'SELECT' ? 'who' : null;
    this.renderActions();
    if (which === 'lock') this.lockButton.focus();
    if (which === 'who') this.actions.querySelector('select')?.focus();
    if (!this.details.contains(document.activeElement)) this.renderDetails();
  }

  renderDetails() {
    const event = this.getEvent();
    const token = this.token();
    const input = (tag, value, attributes = {}) => h(tag, { id: uid('o'), value: value || '', ...attributes });
    const title = input('input', event.title, { type: 'text', maxlength: 100 });
    const description = input('textarea', event.description, { maxlength: 1000 });
    const location = input('input', event.location, { type: 'text', maxlength: 200 });
    const closes = input('input', localInput(event.closesAt), { type: 'datetime-local' });
    const labelled = (text, control) => h('div', { class: 'field' }, h('label', { for: control.id }, text), control);
    const details = h('form', { novalidate: true },
      h('h3', {}, t('organiser.details')),
      labelled(t('create.name'), title), labelled(t('create.description'), description),
      labelled(t('create.location'), location), labelled(t('organiser.closes'), closes),
      h('button', { type: 'submit', class: 'primary' }, t('organiser.saveDetails')));
    // Only what the organiser changed is sent: another organiser's change
    // to a field left alone here, saved meanwhile, stays.
    const shown = { title: title.value, description: description.value, location: location.value, closes: closes.value };
    details.addEventListener('submit', (e) => {
      e.preventDefault();
      const changes = {};
      if (title.value !== shown.title) changes.title = title.value.trim();
      if (description.value !== shown.description) changes.description = description.value.trim();
      if (location.value !== shown.location) changes.location = location.value.trim();
      if (closes.value !== shown.closes) changes.closesAt = closes.value ? instantOf(closes.value) : null;
      this.run(async () => (Object.keys(changes).length ? api.patchEvent(this.uuid, token, changes) : null),
        t('organiser.saved'));
    });
    fill(this.details, details);
  }

  renderActions() {
    const event = this.getEvent();
    const token = this.token();
    const people = event.participants;
    // The person chosen stays chosen when the panel is redrawn (a poll, a lock).
    if (!people.includes(this.chosen)) this.chosen = people[0];
    const who = h('select', { id: uid('who'), onchange: () => { this.chosen = who.value; } },
      people.map((name) => h('option', { value: name, selected: name === this.chosen }, name)));
    const remove = h('button', { type: 'button', class: 'danger', disabled: !people.length, onclick: () => {
      const name = who.value;
      if (!name || !confirm(t('organiser.removeConfirm', { name }))) return;
      this.run(async () => { await api.removePerson(this.uuid, name, { token }); return (await api.getEvent(this.uuid)).data; },
        t('organiser.removed', { name }));
    } }, t('organiser.removeButton'));
    this.lockButton = h('button', { type: 'button', onclick: () => this.run(
      () => (this.getEvent().locked ? api.unlock(this.uuid, token) : api.lock(this.uuid, token)),
      this.getEvent().locked ? t('organiser.unlocked') : t('organiser.locked')) },
    event.locked ? t('organiser.unlock') : t('organiser.lock'));
    fill(this.actions,
      h('h3', {}, t('organiser.answers')),
      h('div', { class: 'row' },
        this.lockButton,
        event.decision ? h('button', { type: 'button', onclick: () => this.run(() => api.undecide(this.uuid, token)) }, t('organiser.undecide')) : null),
      people.length ? [h('h3', {}, h('label', { for: who.id }, t('organiser.remove'))), h('div', { class: 'row' }, h('div', { class: 'grow' }, who), remove)] : null,
      h('p', {}, h('a', { href: api.csvLink(this.uuid), download: true }, t('organiser.csv'))));
  }
}
