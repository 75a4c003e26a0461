// BisTime's web app in a real browser (Debian's chromium, headless) against
// the real bistime-server on loopback: phone (390×844, touch) and desktop.
// Each test reads as the rule it checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer, launchBrowser, newPage, phone, desktop, dayFromToday } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = process.env.BISTIME_SCREENSHOTS || path.join(tmpdir(), 'bistime-screenshots');
mkdirSync(screenshots, { recursive: true });

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const dates = [1, 2, 3, 4, 5].map((n) => dayFromToday(n));
const day = (ones, twos = []) => {
  const slots = new Array(48).fill('0');
  for (const i of ones) slots[i] = '1';
  for (const i of twos) slots[i] = '2';
  return slots.join('');
};

// An event made through the API (the create page has its own test).
async function makeEvent(fields = {}) {
  const created = await server.api('POST', '/api/events', {
    title: 'Study group', startTime: '09:00', endTime: '18:00', timezone: 'Europe/Berlin', ...fields,
  });
  assert.equal(created.status, 201);
  if (!fields.weekdays) {
    const added = await server.api('POST', `/api/events/${created.body.uuid}/dates`, { additionalDates: dates });
    assert.equal(added.status, 201);
  }
  return { uuid: created.body.uuid, token: created.body.adminToken };
}

const schedules = async (uuid, name) =>
  (await server.api('GET', `/api/events/${uuid}/schedules?name=${encodeURIComponent(name)}`)).body;

async function signIn(page, name, password = '') {
  await page.getByLabel('Your name').fill(name);
  if (password) await page.getByLabel('Password (optional)').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

const painter = (page) => page.locator('section[aria-labelledby=you-title] [role=grid]');
const heatmap = (page) => page.locator('section[aria-labelledby=group-title] [role=grid]');
const saved = (page) => page.locator('.save-state', { hasText: /^Saved$/ }).waitFor();
const cell = (grid, c, r) => grid.locator(`[data-c="${c}"][data-r="${r}"]`);

async function centre(locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

// A finger drag: real touch events through the DevTools protocol.
async function touchDrag(page, from, to) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= 10; step += 1) {
    const point = { x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

async function mouseDrag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

async function checkAccessibility(page, where) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${where}`);
}

// The whole page, as a screen that tall would show it (so the sticky save bar
// sits at the bottom, not across the middle).
async function shot(page, name) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  await page.setViewportSize(viewport);
}

test('on a phone, an event is created by tapping and dragging dates, and both links are shown', async () => {
  const page = await newPage(browser, phone);
  await page.goto(`${server.base}/`);
  await page.getByLabel('Event name').fill('Team dinner');
  await page.getByRole('button', { name: 'Next month' }).click();
  const first = page.locator('.month-grid button[data-date]').nth(9);
  const last = page.locator('.month-grid button[data-date]').nth(11);
  await touchDrag(page, await centre(first), await centre(last));
  await page.locator('.month-grid button[data-date]').nth(14).tap();
  await assert.doesNotReject(page.getByText('4 dates chosen').waitFor());
  await shot(page, 'create-phone');
  await page.getByRole('button', { name: 'Create event' }).click();
  await page.getByRole('heading', { name: 'Your event is ready' }).waitFor();
  const share = await page.getByLabel('Share this link with the group').inputValue();
  const organiser = await page.getByLabel('Your organiser link').inputValue();
  assert.match(share, /\/e\/[2-9A-HJ-NP-Za-km-z]{22}$/);
  assert.ok(organiser.startsWith(`${share}#admin=`));
  await assert.doesNotReject(page.getByText('Keep this link private').waitFor());
  const uuid = share.split('/').pop();
  const event = (await server.api('GET', `/api/events/${uuid}`)).body;
  assert.equal(event.title, 'Team dinner');
  assert.equal(Object.keys(event.availability).length, 4);
  assert.equal(event.timezone, 'Europe/Berlin');
  assert.deepEqual(page.consoleErrors, []);
});

test('an event of weekdays is created from the days of the week', async () => {
  const page = await newPage(browser, desktop);
  await page.goto(`${server.base}/`);
  await page.getByLabel('Event name').fill('Weekly sync');
  await page.locator('.segmented').getByText('Days of the week').click();
  await page.getByRole('button', { name: 'Monday' }).click();
  await page.getByRole('button', { name: 'Wednesday' }).click();
  await page.getByLabel('Slot length').selectOption('60');
  await page.getByRole('button', { name: 'Create event' }).click();
  const share = await page.getByLabel('Share this link with the group').inputValue();
  const event = (await server.api('GET', `/api/events/${share.split('/').pop()}`)).body;
  assert.deepEqual(event.weekdays, ['MON', 'WED']);
  assert.equal(event.slotMinutes, 60);
  assert.deepEqual(page.consoleErrors, []);
});

test('two people paint by dragging, one with a finger and one with a mouse, and the heatmap counts them by name', async () => {
  const { uuid } = await makeEvent();
  const ann = await newPage(browser, phone);
  await ann.goto(`${server.base}/e/${uuid}`);
  await signIn(ann, 'Ann');
  // Columns 0–1 (the first two dates), rows 2–5 (10:00–12:00).
  await touchDrag(ann, await centre(cell(painter(ann), 0, 2)), await centre(cell(painter(ann), 0, 5)));
  await touchDrag(ann, await centre(cell(painter(ann), 1, 2)), await centre(cell(painter(ann), 1, 5)));
  await ann.getByRole('button', { name: 'Save', exact: true }).click();
  await saved(ann);
  const annDays = await schedules(uuid, 'Ann');
  assert.equal(annDays[0].availability, day([20, 21, 22, 23]));
  assert.equal(annDays[1].availability, day([20, 21, 22, 23]));
  assert.equal(annDays[2].availability, day([]));

  const bo = await newPage(browser, desktop);
  await bo.goto(`${server.base}/e/${uuid}`);
  await signIn(bo, 'Bo');
  await mouseDrag(bo, await centre(cell(painter(bo), 0, 4)), await centre(cell(painter(bo), 0, 7)));
  await bo.getByRole('button', { name: 'Save', exact: true }).click();
  await saved(bo);
  assert.equal((await schedules(uuid, 'Bo'))[0].availability, day([22, 23, 24, 25]));

  // Bo's page reloads the group after saving: 11:00 on day 1 has both.
  const both = cell(heatmap(bo), 0, 4);
  await both.hover();
  assert.match(await both.getAttribute('aria-label'), /2 of 2 available/);
  const detail = bo.locator('.slot-detail');
  await assert.doesNotReject(detail.getByText('Available (2)').waitFor());
  assert.match(await detail.textContent(), /Ann.*Bo/);
  assert.match(await cell(heatmap(bo), 0, 2).getAttribute('aria-label'), /1 of 2 available/);
  await cell(heatmap(bo), 0, 2).hover();
  await assert.doesNotReject(detail.getByText('Not available (1)').waitFor());
  assert.match(await detail.textContent(), /Not available \(1\)Bo/);

  // Ann's page, left open, catches up by itself (polling with If-None-Match).
  await ann.waitForFunction(() => [...document.querySelectorAll('h3')].some((heading) => heading.textContent === 'People (2)'), null, { timeout: 15000 });
  await shot(ann, 'event-phone');
  await shot(bo, 'event-desktop');
  assert.deepEqual(ann.consoleErrors, []);
  assert.deepEqual(bo.consoleErrors, []);
});

test('a tap toggles a slot, and the keyboard paints with Space and Shift+arrows', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(browser, phone);
  await page.goto(`${server.base}/e/${uuid}`);
  await signIn(page, 'Kim');
  await cell(painter(page), 0, 0).tap();
  await cell(painter(page), 0, 1).tap();
  await cell(painter(page), 0, 1).tap();  // off again
  await cell(painter(page), 1, 0).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.getByText('If needed', { exact: true }).first().click();
  await cell(painter(page), 2, 3).focus();
  await page.keyboard.press('Space');
  assert.equal(await cell(painter(page), 2, 3).getAttribute('aria-selected'), 'true');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await saved(page);
  const kim = await schedules(uuid, 'Kim');
  assert.equal(kim[0].availability, day([18]));
  assert.equal(kim[1].availability, day([18, 19, 20]));
  assert.equal(kim[2].availability, day([], [21]));
  assert.deepEqual(page.consoleErrors, []);
});

test('the heatmap follows the chosen time zone, from the grid route', async () => {
  const { uuid } = await makeEvent();
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([18, 19])) });
  const page = await newPage(browser, desktop);
  await page.goto(`${server.base}/e/${uuid}`);
  const firstRow = () => heatmap(page).locator('[role=rowheader]').first().textContent();
  await heatmap(page).waitFor();
  assert.equal(await firstRow(), '9:00 AM');  // the browser is in Europe/Berlin, as the event
  await page.getByLabel('Show times in').selectOption('America/New_York');
  await page.waitForFunction(() => document.querySelector('[role=grid][aria-label^="Group"] [role=rowheader]')?.textContent !== '9:00 AM');
  assert.equal(await firstRow(), '3:00 AM');
  assert.match(await cell(heatmap(page), 0, 0).getAttribute('aria-label'), /3:00 AM: 1 of 1 available/);
  assert.deepEqual(page.consoleErrors, []);
});

test('the organiser finds the best times, decides one, and everyone can download it as .ics', async () => {
  const { uuid, token } = await makeEvent();
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20, 21, 22])) });
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Bo', availability: dates.map((_, i) => (i === 1 ? day([21, 22]) : day([]))) });
  const page = await newPage(browser, desktop);
  await page.goto(`${server.base}/e/${uuid}#admin=${token}`);
  assert.equal(new URL(page.url()).hash, '');  // the token left the address bar
  await page.getByRole('button', { name: 'Find times' }).click();
  const best = page.locator('.results li').first();
  await best.waitFor();
  assert.match(await best.textContent(), /2 available/);
  assert.match(await best.textContent(), /Ann, Bo|Ann and Bo|Ann & Bo/);
  await best.getByRole('button', { name: 'Choose this time' }).click();
  await page.getByRole('heading', { name: 'Meeting time' }).waitFor();
  const event = (await server.api('GET', `/api/events/${uuid}`)).body;
  assert.equal(event.decision.date, dates[1]);
  assert.equal(event.decision.startTime, '10:30');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Add to calendar' }).click()]);
  const calendar = readFileSync(await download.path(), 'utf8');
  assert.match(calendar, /BEGIN:VCALENDAR/);
  assert.match(calendar, new RegExp(`UID:${uuid}@bistime`));
  await shot(page, 'decided-desktop');
  assert.deepEqual(page.consoleErrors, []);
});

test('the organiser edits the details, locks answers, removes a person and exports the answers', async () => {
  const { uuid, token } = await makeEvent();
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20])) });
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Spam', availability: dates.map(() => day([21])) });
  const page = await newPage(browser, phone);
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(`${server.base}/e/${uuid}#admin=${token}`);
  const panel = page.locator('section[aria-labelledby=organiser-title]');
  await panel.getByLabel('Location').fill('Room 101');
  await panel.getByRole('button', { name: 'Save details' }).click();
  await panel.getByText('Saved.').waitFor();
  await page.locator('.badge', { hasText: 'Room 101' }).waitFor();
  await panel.getByRole('button', { name: 'Lock answers' }).click();
  await page.getByText('The organiser has locked this event').waitFor();
  await panel.getByLabel('Remove a person').selectOption('Spam');
  await panel.getByRole('button', { name: 'Remove' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('h3')].some((heading) => heading.textContent === 'People (1)'));
  const event = (await server.api('GET', `/api/events/${uuid}`)).body;
  assert.equal(event.location, 'Room 101');
  assert.equal(event.locked, true);
  assert.deepEqual(event.participants, ['Ann']);
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: 'Export answers (CSV)' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^name,date,start,end,state\r\n/);
  assert.match(csv, /Ann,/);
  assert.deepEqual(page.consoleErrors, []);
});

test('a calendar file imported from the device sets the person\'s answers', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(browser, desktop);
  await page.goto(`${server.base}/e/${uuid}`);
  await signIn(page, 'Lee');
  const busy = dates[0].replace(/-/g, '');
  const calendar = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:busy@test',
    `DTSTART;TZID=Europe/Berlin:${busy}T090000`, `DTEND;TZID=Europe/Berlin:${busy}T170000`, 'SUMMARY:Busy',
    'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  await page.locator('input[type=file]').setInputFiles({ name: 'me.ics', mimeType: 'text/calendar', buffer: Buffer.from(calendar) });
  await page.locator('.notice', { hasText: 'Calendar imported.' }).waitFor();
  const lee = await schedules(uuid, 'Lee');
  assert.equal(lee[0].availability, day([34, 35]));  // free 17:00–18:00 only
  assert.equal(lee[1].availability, day([18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35]));
  assert.equal(await cell(painter(page), 0, 16).getAttribute('aria-selected'), 'true');
  assert.equal(await cell(painter(page), 0, 0).getAttribute('aria-selected'), 'false');
  assert.deepEqual(page.consoleErrors, []);
});

test('a protected name asks for its password and says when it is wrong', async () => {
  const { uuid } = await makeEvent();
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Dee', password: 'secret', availability: dates.map(() => day([20])) });
  const page = await newPage(browser, phone);
  await page.goto(`${server.base}/e/${uuid}`);
  await signIn(page, 'Dee', 'wrong');
  await page.getByText('Wrong password for this name.').waitFor();
  await signIn(page, 'Dee', 'secret');
  await page.getByText('Answering as Dee').waitFor();
  // Without a password the first save finds out, and nothing painted is lost.
  const other = await newPage(browser, phone);
  await other.goto(`${server.base}/e/${uuid}`);
  await signIn(other, 'Dee');
  await cell(painter(other), 0, 0).tap();
  await other.getByRole('button', { name: 'Save', exact: true }).click();
  await other.getByText('This name is protected by a password').waitFor();
  await signIn(other, 'Dee', 'secret');
  await other.getByText('Your unsaved changes were restored.').waitFor();
  assert.equal(await cell(painter(other), 0, 0).getAttribute('aria-selected'), 'true');
  await other.getByRole('button', { name: 'Save', exact: true }).click();
  await saved(other);
  assert.equal((await schedules(uuid, 'Dee'))[0].availability, day([18, 20]));
});

test('a locked event says so and refuses to save, keeping what was painted for a retry', async () => {
  const { uuid, token } = await makeEvent();
  const page = await newPage(browser, desktop);
  await page.goto(`${server.base}/e/${uuid}`);
  await signIn(page, 'Max');
  await cell(painter(page), 0, 0).click();
  // Locked behind the page's back: the save fails with 423.
  await server.api('PUT', `/api/events/${uuid}/lock`, undefined, { 'X-Admin-Token': token });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const failure = page.locator('.notice.error', { hasText: 'This event is locked: answers can no longer change.' });
  await failure.waitFor();
  assert.equal(await failure.getByRole('button', { name: 'Try again' }).count(), 1);
  await page.reload();
  await page.getByText('Your unsaved changes were restored.').waitFor();
  await page.getByText('The organiser has locked this event').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled(), true);
  assert.equal(await cell(painter(page), 0, 0).getAttribute('aria-selected'), 'true');
  await server.api('DELETE', `/api/events/${uuid}/lock`, undefined, { 'X-Admin-Token': token });
});

test('a closed event says since when, and takes no answers', async () => {
  const closesAt = new Date(Date.now() + 2000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { uuid } = await makeEvent({ closesAt });
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const page = await newPage(browser, phone);
  await page.goto(`${server.base}/e/${uuid}`);
  await page.getByText('This event stopped taking answers on').waitFor();
  await signIn(page, 'Late');
  assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled(), true);
  assert.deepEqual(page.consoleErrors, []);
});

test('painting survives a reload before saving', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(browser, phone);
  await page.goto(`${server.base}/e/${uuid}`);
  await signIn(page, 'Noa');
  await cell(painter(page), 2, 4).tap();
  await page.reload();
  await page.getByText('Your unsaved changes were restored.').waitFor();
  assert.equal(await cell(painter(page), 2, 4).getAttribute('aria-selected'), 'true');
  assert.deepEqual(await schedules(uuid, 'Noa'), []);
  assert.deepEqual(page.consoleErrors, []);
});

test('an unknown event says so in the reader\'s language', async () => {
  const page = await newPage(browser, phone, { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  await page.goto(`${server.base}/e/nosuchevent`);
  await page.getByText('없거나 기간이 지난 일정입니다.').waitFor();
});

test('Korean is chosen from the browser and English can be switched to', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(browser, phone, { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  await page.goto(`${server.base}/e/${uuid}`);
  await page.getByRole('heading', { name: '내 가능한 시간' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ko');
  await page.getByLabel('이름').fill('민수');
  await page.getByRole('button', { name: '계속' }).click();
  await page.getByText('민수(으)로 응답 중').waitFor();
  // Korean reads 24-hour-free times as "오전/오후".
  assert.match(await heatmap(page).locator('[role=rowheader]').first().textContent(), /오후|오전/);
  await shot(page, 'event-phone-ko');
  await page.getByLabel('언어').selectOption('en');
  await page.getByRole('heading', { name: 'Your availability' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(page.consoleErrors, []);
});

test('a live refresh keeps the days a phone reader paged to', async () => {
  const many = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => dayFromToday(n));
  const created = await server.api('POST', '/api/events', { title: 'Long', startTime: '09:00', endTime: '12:00', timezone: 'Europe/Berlin' });
  const uuid = created.body.uuid;
  await server.api('POST', `/api/events/${uuid}/dates`, { additionalDates: many });
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: many.map(() => day([20])) });
  const page = await newPage(browser, phone);
  await page.goto(`${server.base}/e/${uuid}`);
  const group = page.locator('section[aria-labelledby=group-title]');
  await group.getByText('1–5 of 8 days').waitFor();
  await group.getByRole('button', { name: 'Later days' }).click();
  await group.getByText('4–8 of 8 days').waitFor();
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Bo', availability: many.map(() => day([21])) });
  await page.waitForFunction(() => [...document.querySelectorAll('h3')].some((heading) => heading.textContent === 'People (2)'), null, { timeout: 15000 });
  assert.equal(await group.locator('.pager-text').textContent(), '4–8 of 8 days');
  assert.deepEqual(page.consoleErrors, []);
});

test('nothing is wider than a 360-pixel phone', async () => {
  const { uuid, token } = await makeEvent({ description: 'A rather long description that should wrap nicely on a small phone screen', location: 'Main building, room 101' });
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20])) });
  const page = await newPage(browser, { ...phone, viewport: { width: 360, height: 740 } });
  for (const target of ['/', `/e/${uuid}`, `/e/${uuid}#admin=${token}`]) {
    await page.goto(`${server.base}${target}`);
    await page.locator('main form, main section').first().waitFor();
    if (target === `/e/${uuid}`) await signIn(page, 'Ann');  // remembered after
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${target} is ${width} px wide`);
  }
  assert.deepEqual(page.consoleErrors, []);
});

test('dark mode follows the system', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(browser, phone);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${server.base}/e/${uuid}`);
  await heatmap(page).waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(18, 20, 26)');
  await shot(page, 'event-phone-dark');
});

test('every page passes axe with no serious or critical violation, on a phone and a desktop', async () => {
  const { uuid, token } = await makeEvent({ description: 'Bring notes', location: 'Room 101' });
  await server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20, 21], [22])) });
  for (const [name, options] of [['phone', phone], ['desktop', desktop]]) {
    for (const colorScheme of ['light', 'dark']) {
      // axe is injected as an inline script, which the app's CSP rightly forbids.
      const page = await newPage(browser, { ...options, bypassCSP: true });
      await page.emulateMedia({ colorScheme });
      await page.goto(`${server.base}/`);
      await page.getByLabel('Event name').waitFor();
      await checkAccessibility(page, `create (${name}, ${colorScheme})`);
      await page.goto(`${server.base}/e/${uuid}`);
      await heatmap(page).waitFor();
      await checkAccessibility(page, `event, signed out (${name}, ${colorScheme})`);
      await signIn(page, 'Ann');
      await painter(page).waitFor();
      await cell(heatmap(page), 0, 2).hover();
      await checkAccessibility(page, `event, painting (${name}, ${colorScheme})`);
      await page.goto(`${server.base}/e/${uuid}#admin=${token}`);
      await page.getByRole('heading', { name: 'Organiser' }).waitFor();
      await checkAccessibility(page, `event, organiser (${name}, ${colorScheme})`);
      assert.deepEqual(page.consoleErrors, []);
    }
  }
});

test('the first load of an event page transfers under 150 KB and is interactive quickly', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(browser, phone);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let transferred = 0;
  cdp.on('Network.loadingFinished', (event) => { transferred += event.encodedDataLength; });
  const started = Date.now();
  await page.goto(`${server.base}/e/${uuid}`);
  await page.getByLabel('Your name').waitFor();
  await heatmap(page).waitFor();
  const interactive = Date.now() - started;
  await page.waitForLoadState('networkidle');
  console.log(`first load of /e/{uuid}: ${transferred} bytes transferred, interactive after ${interactive} ms`);
  writeFileSync(path.join(screenshots, 'first-load.txt'), `${transferred} bytes, ${interactive} ms\n`);
  assert.ok(transferred > 0 && transferred < 150 * 1024, `${transferred} bytes`);
});
