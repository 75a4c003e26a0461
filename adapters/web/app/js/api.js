// The BisTime HTTP API, as the app calls it: same origin, JSON in and out.
// Every failure becomes an ApiError carrying the status and the contract's
// error body ({code, detail, errors}); a network failure has status 0.

export class ApiError extends Error {
  constructor(status, body = {}, retryAfter = null) {
    super(body.detail || `HTTP ${status}`);
    this.status = status;
    this.retryAfter = retryAfter;  // seconds, from a 429's Retry-After
    this.detail = body.detail || '';
    this.errors = body.errors || {};
  }
}

const accept = 'application/json; version=1';

async function call(method, path, { json, text, type, headers = {}, etag, keepalive = false } = {}) {
  const init = { method, headers: { Accept: accept, ...headers }, cache: 'no-store', keepalive };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] = 'application/json';
  } else if (text !== undefined) {
    init.body = text;
    init.headers['Content-Type'] = type;
  }
  if (etag) init.headers['If-None-Match'] = etag;
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { detail: 'network' });
  }
  if (response.status === 304) return { status: 304, etag };
  if (!response.ok) {
    let body = {};
    try { body = await response.json(); } catch { /* not JSON: keep the status */ }
    throw new ApiError(response.status, body, Number(response.headers.get('Retry-After')) || null);
  }
  const data = response.status === 204 ? null : await response.json();
  return { status: response.status, data, etag: response.headers.get('ETag') };
}

const event = (uuid) => `/api/events/${encodeURIComponent(uuid)}`;
const admin = (token) => ({ 'X-Admin-Token': token });
const team = (uuid) => `/api/teams/${encodeURIComponent(uuid)}`;
const teamAdmin = (code) => ({ 'X-Admin-Code': code });
const withPassword = (password) => (password ? { 'X-Participant-Password': password } : {});

export const api = {
  createEvent: (fields) => call('POST', '/api/events', { json: fields }).then((r) => r.data),
  addDates: (uuid, dates) =>
    call('POST', `${event(uuid)}/dates`, { json: { additionalDates: dates } }),
  deleteEvent: (uuid, token) => call('DELETE', event(uuid), { headers: admin(token) }),
  // Conditional: answers {status: 304} when `etag` still matches.
  getEvent: (uuid, etag) => call('GET', event(uuid), { etag }),
  // Whether `token` is the event's organiser token (a 204), changing nothing.
  verifyOrganiser: (uuid, token) => call('POST', `${event(uuid)}/admin/verify`, { json: { adminToken: token } }),
  patchEvent: (uuid, token, fields) =>
    call('PATCH', event(uuid), { json: fields, headers: admin(token) }).then((r) => r.data),
  // zone null: the event's own zone.
  getGrid: (uuid, zone, etag) =>
    call('GET', `${event(uuid)}/grid${zone ? `?tz=${encodeURIComponent(zone)}` : ''}`, { etag }),
  getSchedules: (uuid, name, etag) =>
    call('GET', `${event(uuid)}/schedules${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`, { etag }),
  // keepalive: sent even as the page closes.
  putSchedules: (uuid, name, days, password, { keepalive = false } = {}) =>
    call('POST', `${event(uuid)}/schedules`, {
      json: { name, availability: days }, headers: withPassword(password), keepalive,
    }).then((r) => r.data),
  verify: (uuid, name, password) =>
    call('POST', `${event(uuid)}/participants/${encodeURIComponent(name)}/verify`, {
      json: password ? { password } : {},
    }),
  importCalendar: (uuid, name, calendar, password) =>
    call('POST', `${event(uuid)}/schedules/import?name=${encodeURIComponent(name)}`, {
      text: calendar, type: 'text/calendar', headers: withPassword(password),
    }).then((r) => r.data),
  removePerson: (uuid, name, { token, password } = {}) =>
    call('DELETE', `${event(uuid)}/schedules/${encodeURIComponent(name)}`, {
      headers: token ? admin(token) : withPassword(password),
    }),
  bestTimes: (uuid, query) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, value);
    }
    return call('GET', `${event(uuid)}/best-times?${params}`).then((r) => r.data.results);
  },
  decide: (uuid, token, choice) =>
    call('PUT', `${event(uuid)}/decision`, { json: choice, headers: admin(token) }).then((r) => r.data),
  undecide: (uuid, token) =>
    call('DELETE', `${event(uuid)}/decision`, { headers: admin(token) }).then((r) => r.data),
  lock: (uuid, token) =>
    call('PUT', `${event(uuid)}/lock`, { headers: admin(token) }).then((r) => r.data),
  unlock: (uuid, token) =>
    call('DELETE', `${event(uuid)}/lock`, { headers: admin(token) }).then((r) => r.data),
  calendarLink: (uuid) => `${event(uuid)}/calendar.ics`,

  // Team mode. The admin code goes in X-Admin-Code, never in a URL.
  createTeam: (fields) => call('POST', '/api/teams', { json: fields }).then((r) => r.data),
  // A team by its name, with its admin code or a member's name and password.
  findTeam: (name, { code, member, password } = {}) => call('GET',
    `/api/teams?name=${encodeURIComponent(name)}${member ? `&member=${encodeURIComponent(member)}` : ''}`,
    { headers: { ...(code ? teamAdmin(code) : {}), ...(password ? { 'X-Member-Password': password } : {}) } })
    .then((r) => r.data),
  getTeam: (uuid) => call('GET', team(uuid)).then((r) => r.data),
  patchTeam: (uuid, fields, code) =>
    call('PATCH', team(uuid), { json: fields, headers: teamAdmin(code) }).then((r) => r.data),
  deleteTeam: (uuid, code) => call('DELETE', team(uuid), { headers: teamAdmin(code) }),
  verifyTeamCode: (uuid, code) => call('POST', `${team(uuid)}/admin/verify`, { json: { adminCode: code } }),
  resetTeamCode: (uuid, answer) =>
    call('POST', `${team(uuid)}/admin/reset`, { json: { securityAnswer: answer } }).then((r) => r.data),
  teamMembers: (uuid) => call('GET', `${team(uuid)}/members`).then((r) => r.data),
  teamAvailability: (uuid, subgroup) =>
    call('GET', `${team(uuid)}/availability${subgroup ? `?subgroup=${encodeURIComponent(subgroup)}` : ''}`).then((r) => r.data),
  teamEvents: (uuid) => call('GET', `${team(uuid)}/events`).then((r) => r.data),
  joinTeam: (fields) => call('POST', '/api/teams/members', { json: fields }).then((r) => r.data),
  patchMember: (id, fields, code) =>
    call('PATCH', `/api/teams/members/${id}`, { json: fields, headers: code ? teamAdmin(code) : {} }).then((r) => r.data),
  removeMember: (id, code) => call('DELETE', `/api/teams/members/${id}`, { headers: teamAdmin(code) }),
  subgroups: (uuid) => call('GET', `${team(uuid)}/subgroups`).then((r) => r.data),
  addSubgroup: (uuid, name, code) =>
    call('POST', `${team(uuid)}/subgroups`, { json: { name }, headers: teamAdmin(code) }).then((r) => r.data),
  renameSubgroup: (id, name, code) =>
    call('PATCH', `/api/teams/subgroups/${id}`, { json: { name }, headers: teamAdmin(code) }).then((r) => r.data),
  removeSubgroup: (id, code) => call('DELETE', `/api/teams/subgroups/${id}`, { headers: teamAdmin(code) }),
  regularEvents: (uuid) => call('GET', `${team(uuid)}/regular-events`).then((r) => r.data),
  addRegularEvent: (uuid, fields, code) =>
    call('POST', `${team(uuid)}/regular-events`, { json: fields, headers: teamAdmin(code) }).then((r) => r.data),
  patchRegularEvent: (uuid, fields, code) =>
    call('PATCH', `/api/teams/regular-events/${encodeURIComponent(uuid)}`, { json: fields, headers: teamAdmin(code) }).then((r) => r.data),
  removeRegularEvent: (uuid, code) =>
    call('DELETE', `/api/teams/regular-events/${encodeURIComponent(uuid)}`, { headers: teamAdmin(code) }),
  teamCalendarLink: (uuid) => `${team(uuid)}/calendar.ics`,
  // An event's answers for a team member, from their week.
  // A protected member's password opens their week and, as a participant
  // password, their name on the event.
  fillFromMember: (uuid, memberId, password) =>
    call('POST', `${event(uuid)}/schedules/from-member`, {
      json: { memberId }, headers: password ? { 'X-Member-Password': password, ...withPassword(password) } : {},
    }).then((r) => r.data),
  csvLink: (uuid) => `${event(uuid)}/export.csv`,
};
