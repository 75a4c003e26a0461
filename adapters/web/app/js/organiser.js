// The organiser's panel, shown with the event's admin token: edit the
// details, lock answers, set a closing time, remove a person, clear the
// meeting time, export the answers.
import { h, fill, uid, announce } from './dom.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { t } from './i18n.js';
import { instantOf } from './slots.js';

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
    this.body = h('div', {});
    this.element = h('section', { class: 'card', 'aria-labelledby': 'organiser-title' },
      h('h2', { id: 'organiser-title' }, t('organiser.title')),
      h('p', { class: 'muted' }, t('event.organiser')),
      this.message, this.error, this.body);
    this.render();
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

  render() {
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
    details.addEventListener('submit', (e) => {
      e.preventDefault();
      this.run(() => api.patchEvent(this.uuid, token, {
        title: title.value.trim(), description: description.value.trim(), location: location.value.trim(),
        closesAt: closes.value ? instantOf(closes.value) : null,
      }), t('organiser.saved'));
    });

    const people = event.participants;
    const who = h('select', { id: uid('who') }, people.map((name) => h('option', { value: name }, name)));
    const remove = h('button', { type: 'button', class: 'danger', disabled: !people.length, onclick: () => {
      const name = who.value;
      if (!name || !confirm(t('organiser.removeConfirm', { name }))) return;
      this.run(async () => { await api.removePerson(this.uuid, name, { token }); return (await api.getEvent(this.uuid)).data; }, null);
    } }, t('organiser.removeButton'));

    fill(this.body,
      details,
      h('h3', {}, t('organiser.answers')),
      h('div', { class: 'row' },
        h('button', { type: 'button', onclick: () => this.run(() => (event.locked ? api.unlock(this.uuid, token) : api.lock(this.uuid, token))) },
          event.locked ? t('organiser.unlock') : t('organiser.lock')),
        event.decision ? h('button', { type: 'button', onclick: () => this.run(() => api.undecide(this.uuid, token)) }, t('organiser.undecide')) : null),
      people.length ? [h('h3', {}, h('label', { for: who.id }, t('organiser.remove'))), h('div', { class: 'row' }, h('div', { class: 'grow' }, who), remove)] : null,
      h('p', {}, h('a', { href: api.csvLink(this.uuid), download: true }, t('organiser.csv'))));
  }
}
