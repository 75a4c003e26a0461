// Where each answer sits on the screen: a layout is the columns (days) and
// rows (times) both grids of an event page draw, and for each cell the
// event's own day and slot it stands for — the painter writes there, the
// heatmap reads there. One layout serves both grids, so both show one clock.
//
//   {columns: [{label, sublabel, long}], rows: [{time, label, hour, gapBefore}],
//    endLabel, cells: [[{key, slot, packed} | null]]}       (cells[c][r])
//
// A dated event is laid out in the reader's zone from the grid route, which
// gives each slot its instant: the slot's day and time on the event's own
// clock come from that instant. A weekday event, which has no instants, and
// a team's week are laid out in their own days.
import { formatDay, formatDayKey, formatDayParts, formatTime, weekdayKeys } from './i18n.js';
import { minutesOf, slotMinutes, timeOf, windowSlots } from './slots.js';

function row(time, previous, size) {
  const minute = minutesOf(time);
  return {
    time, label: formatTime(time), hour: minute % 60 === 0,
    // A row that does not follow the one above: the window wraps past
    // midnight in this zone, or a clock change skipped an hour.
    gapBefore: previous !== null && minute !== previous + size,
  };
}

function rowsOf(times, size) {
  let previous = null;
  return times.map((time) => {
    const made = row(time, previous, size);
    previous = minutesOf(time);
    return made;
  });
}

// When the last row ends ("10:00 PM" under a window that ends then).
const endOf = (times, size) => (times.length ? formatTime(timeOf(Math.min(24 * 60, minutesOf(times[times.length - 1]) + size))) : '');

// A day's column: a weekday alone, or a date as its weekday over its date.
function column(key) {
  if (weekdayKeys.includes(key)) return { label: formatDayKey(key), long: formatDayKey(key, { long: true }) };
  const parts = formatDayParts(key);
  return { label: parts.weekday, sublabel: parts.date, long: formatDay(key, { long: true }) };
}

// The event's days (or a team's weekdays) as they are, its window as rows.
export function dayLayout(event, days) {
  const [first, end] = windowSlots(event);
  const size = slotMinutes(event);
  const times = [];
  for (let slot = first; slot < end; slot += 1) times.push(timeOf(slot * size));
  return {
    columns: days.map((key) => column(key)),
    rows: rowsOf(times, size),
    endLabel: endOf(times, size),
    cells: days.map((key) => times.map((_, r) => ({ key, slot: first + r }))),
  };
}

// A reader of an instant's day and time on one zone's wall clock.
function wallClock(zone) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  return (iso) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
    return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  };
}

// The rows the days' slots need, in time order. A wall-clock time a day has
// twice (its clocks went back) is a row of its own ("01:00#1"), after the
// first pass through the repeated hour. keysOf[d][i] is day d's slot i's row.
function rowKeys(days) {
  const keys = [];
  const keysOf = days.map((day) => {
    const seen = new Map();
    let previous = -1;
    return day.slots.map((slot) => {
      const count = seen.get(slot.start) || 0;
      seen.set(slot.start, count + 1);
      const key = count ? `${slot.start}#${count}` : slot.start;
      let at = keys.indexOf(key);
      if (at < 0) {
        at = previous + 1;
        const minute = minutesOf(slot.start);
        while (at < keys.length && !keys[at].includes('#') && minutesOf(keys[at]) < minute) at += 1;
        keys.splice(at, 0, key);
      }
      previous = at;
      return key;
    });
  });
  return { keys, keysOf };
}

// A dated event in the zone of `grid` (the grid route's answer), each cell
// mapped back to the event's date and slot in `eventZone`.
export function zonedLayout(grid, eventZone) {
  const size = grid.slotMinutes;
  const { keys, keysOf } = rowKeys(grid.days);
  const times = keys.map((key) => key.split('#')[0]);
  const rowOf = new Map(keys.map((key, index) => [key, index]));
  const same = grid.timezone === eventZone;
  const onEventClock = same ? null : wallClock(eventZone);
  const cells = grid.days.map((day, d) => {
    const column = new Array(keys.length).fill(null);
    day.slots.forEach((slot, i) => {
      const local = same ? { date: day.date, minute: minutesOf(slot.start) } : onEventClock(slot.utc);
      column[rowOf.get(keysOf[d][i])] = { key: local.date, slot: local.minute / size, packed: slot.packedStates, utc: slot.utc };
    });
    return column;
  });
  return {
    columns: grid.days.map((day) => column(day.date)),
    rows: rowsOf(times, size),
    endLabel: endOf(times, size),
    cells,
  };
}
