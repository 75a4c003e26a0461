// What the app keeps on this device, in localStorage (and sessionStorage for
// participant passwords, which should not outlive the browser session).
// Every access tolerates storage being unavailable (private modes, quotas).

const prefix = 'bistime.';

function read(storage, key) {
  try {
    const text = storage.getItem(prefix + key);
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function write(storage, key, value) {
  try {
    if (value === null || value === undefined) storage.removeItem(prefix + key);
    else storage.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the app still works, it just forgets.
  }
}

const local = () => window.localStorage;
const session = () => window.sessionStorage;

// The organiser's token of an event, from its #admin= link.
export const adminToken = (uuid) => read(local(), `admin.${uuid}`);
export const setAdminToken = (uuid, token) => write(local(), `admin.${uuid}`, token);

// Who this device answers as, per event: {name}.
export const me = (uuid) => read(local(), `me.${uuid}`);
export const setMe = (uuid, value) => write(local(), `me.${uuid}`, value);
export const password = (uuid) => read(session(), `password.${uuid}`);
export const setPassword = (uuid, value) => write(session(), `password.${uuid}`, value);

// What a person painted but has not saved yet: {name, days: {key: string}}.
export const draft = (uuid) => read(local(), `draft.${uuid}`);
export const setDraft = (uuid, value) => write(local(), `draft.${uuid}`, value);

// A team's admin code, entered once on this device; and who this device is
// in the team: {id, name}.
export const teamCode = (uuid) => read(local(), `team-code.${uuid}`);
export const setTeamCode = (uuid, code) => write(local(), `team-code.${uuid}`, code);
export const teamMember = (uuid) => read(local(), `team-member.${uuid}`);
export const setTeamMember = (uuid, value) => write(local(), `team-member.${uuid}`, value);

// The zone an event is shown in, once chosen.
export const viewZoneChoice = (uuid) => read(local(), `zone.${uuid}`);
export const setViewZone = (uuid, zone) => write(local(), `zone.${uuid}`, zone);

// Whether an event has dates or weekdays, once seen: 'dates' | 'weekdays'.
export const eventKind = (uuid) => read(local(), `kind.${uuid}`);
export const setEventKind = (uuid, kind) => write(local(), `kind.${uuid}`, kind);

export const language = () => read(local(), 'language');
export const setLanguage = (value) => write(local(), 'language', value);

// Events this device created or answered, newest first, for the home page.
export const recentEvents = () => read(local(), 'recent') || [];
export function rememberEvent(uuid, title) {
  const list = recentEvents().filter((entry) => entry.uuid !== uuid);
  list.unshift({ uuid, title });
  write(local(), 'recent', list.slice(0, 8));
}

// Teams this device created or opened, newest first, for "/t".
export const recentTeams = () => read(local(), 'recent-teams') || [];
export function rememberTeam(uuid, name) {
  const list = recentTeams().filter((entry) => entry.uuid !== uuid);
  list.unshift({ uuid, name });
  write(local(), 'recent-teams', list.slice(0, 8));
}
export const forgetTeam = (uuid) => write(local(), 'recent-teams', recentTeams().filter((entry) => entry.uuid !== uuid));
