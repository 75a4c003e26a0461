// An event's days and slots, as the API describes them: a day is a date
// ("2026-12-01") or a weekday key ("MON"); a day string has one character per
// slot of the event's size from midnight ('0' no, '1' yes, '2' if needed).

export const slotMinutes = (event) => event.slotMinutes || 30;
export const slotsPerDay = (event) => (24 * 60) / slotMinutes(event);

export function minutesOf(hhmm) {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

export function timeOf(totalMinutes) {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

// The event's days, in the API's order (ascending dates; Monday first).
export function eventDays(event) {
  if (event.weekdays) return [...event.weekdays];
  return event.availability ? Object.keys(event.availability).sort() : [];
}

// The slot indexes of the daily window: [first, end).
export function windowSlots(event) {
  const size = slotMinutes(event);
  return [minutesOf(event.startTime) / size, minutesOf(event.endTime) / size];
}

export const emptyDay = (event) => '0'.repeat(slotsPerDay(event));

// Every time "HH:MM" from 00:00 to 24:00 on a grid of `step` minutes.
export function timesOnGrid(step) {
  const times = [];
  for (let minute = 0; minute <= 24 * 60; minute += step) times.push(timeOf(minute));
  return times;
}

// A datetime-local value (the browser's wall clock) as the API's instant:
// "2026-12-01T09:30" → "2026-12-01T08:30:00Z" in Europe/Berlin.
export const instantOf = (local) => new Date(local).toISOString().replace(/\.\d{3}Z$/, 'Z');
