// The app's entry: the frame (brand, language switch) and the route, read
// from the path the server answered: "/" creates (for a team with
// "?team={uuid}"), "/e/{uuid}" is an event, "/t" creates or finds a team,
// "/t/{uuid}" is a team.
import { h, fill } from './dom.js';
import { languages, lang, onLangChange, setLang, t, viewZone } from './i18n.js';
import { api } from './api.js';
import * as store from './store.js';

// Each page's code is loaded only on that page; the server's shell for the
// page preloads it and everything it imports, so none waits on another.
const pages = {
  create: () => import('./create_page.js').then((m) => m.showCreatePage),
  event: () => import('./event_page.js').then((m) => m.showEventPage),
  teamStart: () => import('./team_start.js').then((m) => m.showTeamStart),
  team: () => import('./team_page.js').then((m) => m.showTeamPage),
};

const root = document.getElementById('app');
// A touch screen gets finger-sized grid cells (app.css, slot_grid.js).
document.documentElement.classList.toggle('touch',
  navigator.maxTouchPoints > 0 || Boolean(window.matchMedia?.('(any-pointer: coarse)').matches));
const assets = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

function frame() {
  const picker = h('select', { id: 'language', 'aria-label': t('app.language'), onchange: (e) => setLang(e.target.value) },
    languages.map((l) => h('option', { value: l.code, selected: l.code === lang() }, l.name)));
  const main = h('main', { id: 'main' });
  fill(root,
    h('header', { class: 'top' },
      h('a', { class: 'brand', href: '/' }, h('img', { src: `${assets}/icon.svg`, alt: '' }), 'BisTime'),
      h('nav', { class: 'top-links', 'aria-label': t('app.nav') },
        h('a', { href: '/t', 'aria-current': location.pathname.startsWith('/t') ? 'page' : null }, t('app.teams'))),
      picker),
    main);
  return main;
}

// What the event page needs first, asked for all at once as soon as the
// route is known — while the page's own code is still on its way: the
// event, the group's grid in the reader's zone (which also lays out both
// grids), and this device's person's answers.
// Each promise settles; a failure is the caller's to handle.
function prefetchEvent(uuid) {
  const settle = (promise) => { promise.catch(() => {}); return promise; };
  const known = store.eventKind(uuid);
  const me = store.me(uuid);
  return {
    event: settle(api.getEvent(uuid)),
    // A weekday event has no grid: ask only where the event may have dates.
    grid: known === 'weekdays' ? null : settle(api.getGrid(uuid, viewZone(uuid))),
    zone: viewZone(uuid),
    mine: me ? settle(api.getSchedules(uuid, me.name)) : null,
  };
}

// The organiser's link carries the token in the fragment, which never
// reaches a server. It replaces what the device holds only once the server
// says it is the event's, so a crafted link cannot take an organiser's
// control away. It leaves the address bar once the server has answered: a
// link that could not be checked (offline, a busy server) stays there, and
// reloading checks it again. Settles with 'kept' or the ApiError.
function takeLinkToken(uuid) {
  const match = /(?:^#|&)admin=([^&]+)/.exec(location.hash);
  if (!match) return null;
  const clear = () => history.replaceState(null, '', location.pathname + location.search);
  let token;
  try { token = decodeURIComponent(match[1]); } catch { token = match[1]; }
  if (token === store.adminToken(uuid)) { clear(); return null; }
  return api.verifyOrganiser(uuid, token).then(
    () => { store.setAdminToken(uuid, token); clear(); return 'kept'; },
    (error) => { if ([401, 403, 404].includes(error.status)) clear(); return error; });
}

let view = null;
let routing = 0;

function notFound(main) {
  document.title = 'BisTime';
  fill(main, h('div', { class: 'card' }, h('h1', {}, t('app.notFound')), h('a', { href: '/' }, t('app.home'))));
  return null;
}

async function route() {
  view?.destroy?.();
  view = null;
  const main = frame();
  const turn = ++routing;
  const parts = location.pathname.split('/').filter(Boolean);
  const show = async (page, ...args) => {
    let open;
    try {
      open = await pages[page]();
    } catch {
      fill(main, h('div', { class: 'card' }, h('h1', {}, t('error.network')), h('a', { href: location.href }, t('app.reload'))));
      return;
    }
    if (turn === routing) view = open(main, ...args);
  };
  if (parts.length === 0) await show('create', { teamUuid: new URLSearchParams(location.search).get('team') });
  else if (parts.length === 2 && parts[0] === 'e') {
    // The event's data is asked for while the page's code is still loading.
    const uuid = decodeURIComponent(parts[1]);
    const linkToken = takeLinkToken(uuid);
    await show('event', uuid, { ...prefetchEvent(uuid), linkToken });
  }
  else if (parts.length === 1 && parts[0] === 't') await show('teamStart');
  else if (parts.length === 2 && parts[0] === 't') await show('team', decodeURIComponent(parts[1]));
  else view = notFound(main);
}

onLangChange(route);
// An organiser link opened in a tab already showing the event changes only
// the fragment: take the token in as a fresh visit would.
window.addEventListener('hashchange', () => { if (/admin=/.test(location.hash)) route(); });
route();
