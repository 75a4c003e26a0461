// The app's entry: the frame (brand, language switch) and the route, read
// from the path the server answered: "/" creates (for a team with
// "?team={uuid}"), "/e/{uuid}" is an event, "/t" creates or finds a team,
// "/t/{uuid}" is a team.
import { h, fill } from './dom.js';
import { languages, lang, onLangChange, setLang, t } from './i18n.js';
import { showCreatePage } from './create_page.js';
import { showEventPage } from './event_page.js';
import { showTeamStart } from './team_start.js';
import { showTeamPage } from './team_page.js';

const root = document.getElementById('app');
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

let view = null;

function route() {
  view?.destroy?.();
  const main = frame();
  const parts = location.pathname.split('/').filter(Boolean);
  if (parts.length === 0) {
    view = showCreatePage(main, { teamUuid: new URLSearchParams(location.search).get('team') });
  } else if (parts.length === 2 && parts[0] === 'e') {
    view = showEventPage(main, decodeURIComponent(parts[1]));
  } else if (parts.length === 1 && parts[0] === 't') {
    view = showTeamStart(main);
  } else if (parts.length === 2 && parts[0] === 't') {
    view = showTeamPage(main, decodeURIComponent(parts[1]));
  } else {
    document.title = 'BisTime';
    fill(main, h('div', { class: 'card' }, h('h1', {}, t('app.notFound')), h('a', { href: '/' }, t('app.home'))));
    view = null;
  }
}

onLangChange(route);
// An organiser link opened in a tab already showing the event changes only
// the fragment: take the token in as a fresh visit would.
window.addEventListener('hashchange', () => { if (/admin=/.test(location.hash)) route(); });
route();
