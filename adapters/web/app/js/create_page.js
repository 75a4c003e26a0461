// "/": create an event — title, dates or weekdays, the daily window, slot
// size, zone and the optional details — then share its link and keep the
// organiser's link. "/?team={uuid}" creates it for a team: the team's window
// by default, and the event joins the team's list.
import { h, fill, uid } from './dom.js';
import { browserZone, formatWeekday, t, weekdayKeys, zoneNames } from './i18n.js';
import './i18n_team.js';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { MonthCalendar } from './month_calendar.js';
import { dragSelect } from './drag_select.js';
import { field, timeSelect } from './forms.js';
import { instantOf, minutesOf } from './slots.js';
import * as store from './store.js';
import { linkBox } from './links.js';

export function showCreatePage(main, { teamUuid = null } = {}) {
  if (!teamUuid) return showCreateForm(main, null);
  fill(main, h('p', { class: 'muted', role: 'status' }, t('app.loading')));
  api.getTeam(teamUuid).then((team) => showCreateForm(main, team), (error) => {
    fill(main, h('div', { class: 'card' },
      h('h1', {}, error.status === 404 ? t('team.notFound') : errorMessage(error)),
      h('a', { href: '/' }, t('app.home'))));
  });
  return {};
}

function showCreateForm(main, team) {
  document.title = `BisTime — ${t('create.title')}`;
  const state = { dates: new Set(), weekdays: new Set(), kind: 'dates', step: 30 };

  const title = h('input', { type: 'text', maxlength: 100, required: true, autocomplete: 'off', placeholder: t('create.namePlaceholder') });
  const titleError = h('div', { class: 'error-text', id: uid('err') });
  title.setAttribute('aria-describedby', titleError.id);

  const datesLabel = uid('dates');
  const chosenText = h('p', { class: 'hint', 'aria-live': 'polite' });
  const updateChosen = () => { chosenText.textContent = t('create.datesChosen', { n: state.dates.size }); };
  const calendar = new MonthCalendar({ selected: state.dates, onChange: updateChosen, labelId: datesLabel });
  updateChosen();
  const datesBox = h('div', { class: 'field' },
    h('div', { id: datesLabel }, h('strong', {}, t('create.dates'))),
    h('p', { class: 'hint' }, t('create.datesHint')), calendar.element, chosenText);

  const weekdaysLabel = uid('weekdays');
  const weekdaysBox = h('div', { class: 'field', hidden: true },
    h('div', { id: weekdaysLabel }, h('strong', {}, t('create.weekdays'))),
    h('div', { class: 'weekday-picker', role: 'group', 'aria-labelledby': weekdaysLabel },
      weekdayKeys.map((key) => h('button', {
        type: 'button', 'aria-pressed': 'false', 'data-weekday': key,
        'aria-label': formatWeekday(key, { long: true }),
      }, formatWeekday(key)))));
  const weekdayPicker = weekdaysBox.querySelector('.weekday-picker');
  dragSelect(weekdayPicker, {
    items: () => [...weekdayPicker.querySelectorAll('button')],
    isOn: (button) => state.weekdays.has(button.dataset.weekday),
    set: (button, on) => {
      if (on) state.weekdays.add(button.dataset.weekday); else state.weekdays.delete(button.dataset.weekday);
      button.setAttribute('aria-pressed', String(on));
    },
  });

  const kindName = uid('kind');
  const kindOption = (value, text) => h('label', {},
    h('input', { type: 'radio', name: kindName, value, checked: value === 'dates',
      onchange: () => {
        state.kind = value;
        datesBox.hidden = value !== 'dates';
        weekdaysBox.hidden = value !== 'weekdays';
      } }),
    h('span', {}, text));
  const kind = h('fieldset', {}, h('legend', {}, t('create.kind')),
    h('div', { class: 'segmented' }, kindOption('dates', t('create.kindDates')), kindOption('weekdays', t('create.kindWeekdays'))));

  const slot = h('select', {}, [15, 30, 60].map((n) => h('option', { value: n, selected: n === 30 }, t('create.minutes', { n }))));
  let from = timeSelect(30, team ? team.startTime : '09:00');
  let to = timeSelect(30, team ? team.endTime : '18:00', { allowEnd: true, allowStart: false });
  from.id = uid('from');
  to.id = uid('to');
  const fromField = field(t('create.from'), from);
  const toField = field(t('create.to'), to);
  slot.addEventListener('change', () => {
    state.step = Number(slot.value);
    const keep = (select, fallback) => (minutesOf(select.value) % state.step === 0 ? select.value : fallback);
    const newFrom = timeSelect(state.step, keep(from, '09:00'));
    const newTo = timeSelect(state.step, keep(to, '18:00'), { allowEnd: true, allowStart: false });
    newFrom.id = from.id; newTo.id = to.id;
    from.replaceWith(newFrom); to.replaceWith(newTo);
    from = newFrom; to = newTo;
  });
  const windowError = h('div', { class: 'error-text', role: 'alert' });

  const zone = h('select', {}, zoneNames().map((name) => h('option', { value: name, selected: name === browserZone() }, name.replace(/_/g, ' '))));
  const description = h('textarea', { maxlength: 1000 });
  const location = h('input', { type: 'text', maxlength: 200 });
  const closes = h('input', { type: 'datetime-local' });
  const formError = h('div', { class: 'notice error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('create.submit'));

  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', {}, team ? t('create.forTeam', { team: team.name }) : t('create.title')),
    h('p', { class: 'muted' }, team ? t('create.forTeamLead') : t('create.lead')),
    field(t('create.name'), title), titleError,
    kind, datesBox, weekdaysBox,
    h('fieldset', {}, h('legend', {}, t('create.window')),
      h('div', { class: 'row' }, h('div', { class: 'grow' }, fromField), h('div', { class: 'grow' }, toField)),
      windowError),
    h('div', { class: 'row' }, h('div', { class: 'grow' }, field(t('create.slot'), slot)), h('div', { class: 'grow' }, field(t('create.zone'), zone))),
    h('details', {}, h('summary', {}, t('create.more')),
      field(t('create.description'), description),
      field(t('create.location'), location),
      field(t('create.closes'), closes)),
    formError,
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    titleError.textContent = '';
    windowError.textContent = '';
    formError.textContent = '';
    const name = title.value.trim();
    if (!name) {
      titleError.textContent = t('create.needTitle');
      title.focus();
      return;
    }
    if (minutesOf(from.value) >= minutesOf(to.value)) {
      windowError.textContent = t('create.badWindow');
      from.focus();
      return;
    }
    if (state.kind === 'dates' && state.dates.size === 0) {
      formError.textContent = t('create.needDates');
      return;
    }
    if (state.kind === 'weekdays' && state.weekdays.size === 0) {
      formError.textContent = t('create.needWeekdays');
      return;
    }
    const fields = {
      title: name, startTime: from.value, endTime: to.value, timezone: zone.value,
      slotMinutes: state.step,
    };
    if (team) fields.associatedTeam = team.uuid;
    if (state.kind === 'weekdays') fields.weekdays = weekdayKeys.filter((key) => state.weekdays.has(key));
    if (description.value.trim()) fields.description = description.value.trim();
    if (location.value.trim()) fields.location = location.value.trim();
    if (closes.value) fields.closesAt = instantOf(closes.value);

    submit.disabled = true;
    submit.textContent = t('create.creating');
    let created = null;
    try {
      created = await api.createEvent(fields);
      if (state.kind === 'dates') await api.addDates(created.uuid, [...state.dates].sort());
      store.setAdminToken(created.uuid, created.adminToken);
      store.rememberEvent(created.uuid, created.title);
      showCreated(main, created, team);
    } catch (error) {
      // All or nothing: an event whose dates were refused is removed again.
      if (created) api.deleteEvent(created.uuid, created.adminToken).catch(() => {});
      const fieldName = Object.keys(error.errors || {})[0];
      if (fieldName === 'title') titleError.textContent = errorMessage(error);
      else formError.textContent = errorMessage(error);
      submit.disabled = false;
      submit.textContent = t('create.submit');
    }
  });

  const recent = team ? [] : store.recentEvents();
  fill(main, form,
    recent.length ? h('section', { class: 'card narrow' }, h('h2', {}, t('create.recent')),
      h('ul', { class: 'recent' }, recent.map((entry) => h('li', {}, h('a', { href: `/e/${entry.uuid}` }, entry.title))))) : null);
  return {};
}

// A link, a Copy button and, where the system offers it, a Share button.
function showCreated(main, created, team) {
  const share = `${location.origin}/e/${created.uuid}`;
  const organiser = `${share}#admin=${created.adminToken}`;
  const heading = h('h1', { tabindex: -1 }, t('created.title'));
  fill(main, h('section', { class: 'card stack narrow' },
    heading,
    h('p', { class: 'event-title' }, h('strong', {}, created.title)),
    h('h2', {}, t('created.share')),
    linkBox(share, t('created.share'), { share: true, title: created.title }),
    h('h2', {}, t('created.admin')),
    h('p', { class: 'notice warn', role: 'note' }, t('created.adminWarning')),
    linkBox(organiser, t('created.admin')),
    h('p', { class: 'row' }, h('a', { class: 'button primary', href: `/e/${created.uuid}` }, t('created.open')),
      team ? h('a', { class: 'button', href: `/t/${team.uuid}` }, t('created.backToTeam', { team: team.name })) : null)));
  heading.focus();
}
