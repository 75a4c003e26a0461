// What the event page needs first, asked for all at once as soon as the
// route is known — while the page's own code is still on its way: the
// event, the group's grid in the reader's zone (which also lays out both
// grids), and this device's person's answers.
import { api } from './api.js';
import { viewZone } from './zones.js';
import * as store from './store.js';

// Each promise settles; a failure is the caller's to handle.
export function prefetchEvent(uuid) {
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
// reaches a server: keep it on this device and take it out of the address
// bar at once, before anything else loads.
export function keepAdminToken(uuid) {
  const match = /(?:^#|&)admin=([^&]+)/.exec(location.hash);
  if (!match) return;
  store.setAdminToken(uuid, decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
}
