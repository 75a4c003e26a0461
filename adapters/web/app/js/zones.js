// Time zones: the browser's, and every IANA zone it knows.
import * as store from './store.js';

export function browserZone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch { return 'UTC'; }
}

export function zoneNames() {
  try { return Intl.supportedValuesOf('timeZone'); } catch { return [browserZone(), 'UTC']; }
}

// The zone an event is shown in on this device: chosen once per event, the
// browser's until then.
export const viewZone = (uuid) => store.viewZoneChoice(uuid) || browserZone();
