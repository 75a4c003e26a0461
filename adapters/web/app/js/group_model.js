// The group's answers on a layout (layouts.js): who answered, and for a
// cell each person's answer there (0 no, 1 yes, 2 if needed). A dated
// event's come packed in the grid route's slots; a weekday event's from its
// schedules.

// A grid slot's packedStates: three people to a base64url character, person
// 3k + j's answer in bits 2j and 2j + 1 of character k's value.
const PACKED_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PACKED_VALUE = new Uint8Array(128);
for (let value = 0; value < PACKED_ALPHABET.length; value += 1) {
  PACKED_VALUE[PACKED_ALPHABET.charCodeAt(value)] = value;
}

function unpack(packed, count) {
  const states = new Uint8Array(count);
  for (let person = 0; person < count; person += 1) {
    states[person] = (PACKED_VALUE[packed.charCodeAt(Math.floor(person / 3))] >> (2 * (person % 3))) & 3;
  }
  return states;
}

class GroupModel {
  constructor(layout, people, statesAt) {
    this.layout = layout;
    this.people = people;
    this.statesAt = statesAt;
    this.cache = new Map();
    this.totals = null;
  }

  // Each person's answer in cell (c, r), or null where the layout has no slot.
  states(c, r) {
    const key = c * 10000 + r;
    if (!this.cache.has(key)) this.cache.set(key, this.layout.cells[c]?.[r] ? this.statesAt(c, r) : null);
    return this.cache.get(key);
  }

  // How many slots each person can make (yes or if needed), by index.
  slotCounts() {
    if (this.totals) return this.totals;
    this.totals = new Array(this.people.length).fill(0);
    this.layout.cells.forEach((column, c) => column.forEach((place, r) => {
      if (!place) return;
      const states = this.states(c, r);
      for (let p = 0; p < states.length; p += 1) if (states[p]) this.totals[p] += 1;
    }));
    return this.totals;
  }
}

// Whether a grid route's answer is one this page reads: a server of another
// version (mid-deploy) may answer another shape, to be asked for again.
export function readableGrid(grid) {
  return Array.isArray(grid?.people) && Array.isArray(grid.days) && grid.days.every((day) =>
    Array.isArray(day.slots) && day.slots.every((slot) => typeof slot.packedStates === 'string' && typeof slot.utc === 'string'));
}

export function fromGrid(layout, people) {
  return new GroupModel(layout, people, (c, r) => unpack(layout.cells[c][r].packed, people.length));
}

export function fromSchedules(layout, schedules) {
  const people = [...new Set(schedules.map((s) => s.name))].sort();
  const index = new Map(people.map((name, i) => [name, i]));
  const byDay = new Map();
  for (const schedule of schedules) {
    if (!byDay.has(schedule.date)) byDay.set(schedule.date, []);
    byDay.get(schedule.date).push(schedule);
  }
  return new GroupModel(layout, people, (c, r) => {
    const place = layout.cells[c][r];
    const states = new Uint8Array(people.length);
    for (const schedule of byDay.get(place.key) || []) states[index.get(schedule.name)] = Number(schedule.availability[place.slot]) || 0;
    return states;
  });
}
