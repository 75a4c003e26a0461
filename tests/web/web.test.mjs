// BisTime's web app in a real browser (Debian's chromium, headless) against
// the real bistime-server on loopback: phone (390×844, touch) and desktop.
// Each test reads as the rule it checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newPage, phone, desktop, dayFromToday } from './harness.mjs';
import {
  stage, dates, day, makeEvent, schedules, signIn, painter, heatmap, saved, cell, centre, touchDrag, mouseDrag,
  checkAccessibility, shot, screenshots,
} from './scene.mjs';

const scene = stage();

test('on a phone, an event is created by tapping and dragging dates, and both links are shown', async () => {
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/`);
  await page.getByLabel('Event name').fill('Team dinner');
  await page.getByRole('button', { name: 'Next month' }).click();
  // Three days side by side in one week's row (a drag paints every day it crosses), then a fourth by a tap.
  const days = page.locator('.month-grid button[data-date]');
  let start = 7;
  while ((await centre(days.nth(start))).y !== (await centre(days.nth(start + 2))).y) start += 1;
  await touchDrag(page, await centre(days.nth(start)), await centre(days.nth(start + 2)));
  await days.nth(start + 5).tap();
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
  const event = (await scene.server.api('GET', `/api/events/${uuid}`)).body;
  assert.equal(event.title, 'Team dinner');
  assert.equal(Object.keys(event.availability).length, 4);
  assert.equal(event.timezone, 'Europe/Berlin');
  assert.deepEqual(page.consoleErrors, []);
});

test('an event of weekdays is created from the days of the week', async () => {
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/`);
  await page.getByLabel('Event name').fill('Weekly sync');
  await page.locator('.segmented').getByText('Days of the week').click();
  await page.getByRole('button', { name: 'Monday' }).click();
  await page.getByRole('button', { name: 'Wednesday' }).click();
  await page.getByLabel('Slot length').selectOption('60');
  await page.getByRole('button', { name: 'Create event' }).click();
  const share = await page.getByLabel('Share this link with the group').inputValue();
  const event = (await scene.server.api('GET', `/api/events/${share.split('/').pop()}`)).body;
  assert.deepEqual(event.weekdays, ['MON', 'WED']);
  assert.equal(event.slotMinutes, 60);
  assert.deepEqual(page.consoleErrors, []);
});

test('two people paint by dragging, one with a finger and one with a mouse, and the heatmap counts them by name', async () => {
  const { uuid } = await makeEvent();
  const ann = await newPage(scene.browser, phone);
  await ann.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(ann, 'Ann');
  // Columns 0–1 (the first two dates), rows 2–5 (10:00–12:00).
  await touchDrag(ann, await centre(cell(painter(ann), 0, 2)), await centre(cell(painter(ann), 0, 5)));
  await touchDrag(ann, await centre(cell(painter(ann), 1, 2)), await centre(cell(painter(ann), 1, 5)));
  await saved(ann);
  const annDays = await schedules(uuid, 'Ann');
  assert.equal(annDays[0].availability, day([20, 21, 22, 23]));
  assert.equal(annDays[1].availability, day([20, 21, 22, 23]));
  assert.equal(annDays[2].availability, day([]));

  const bo = await newPage(scene.browser, desktop);
  await bo.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(bo, 'Bo');
  await mouseDrag(bo, await centre(cell(painter(bo), 0, 4)), await centre(cell(painter(bo), 0, 7)));
  await saved(bo);
  assert.equal((await schedules(uuid, 'Bo'))[0].availability, day([22, 23, 24, 25]));

  // Bo's page reloads the group after saving: 11:00 on day 1 has both.
  await bo.waitForFunction(() => /2 of 2 available/.test(document.querySelector('[role=grid][aria-label^="Group"] [data-c="0"][data-r="4"]')?.getAttribute('aria-label')));
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

test('a tap toggles a slot, and the keyboard paints with Space and grows a rectangle with Shift+arrows', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Kim');
  await cell(painter(page), 0, 0).tap();
  await cell(painter(page), 0, 1).tap();
  await cell(painter(page), 0, 1).tap();  // off again
  await cell(painter(page), 1, 0).focus();
  await page.keyboard.down('Shift');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.up('Shift');
  await page.getByText('If needed', { exact: true }).first().click();
  await cell(painter(page), 2, 3).focus();
  await page.keyboard.press('Space');
  assert.equal(await cell(painter(page), 2, 3).getAttribute('aria-selected'), 'true');
  await saved(page);
  await page.waitForFunction(() => !document.querySelector('.save-state')?.textContent.startsWith('Saving'));
  const kim = await schedules(uuid, 'Kim');
  assert.equal(kim[0].availability, day([18]));
  assert.equal(kim[1].availability, day([18, 19, 20]));
  assert.equal(kim[2].availability, day([], [21]));
  assert.deepEqual(page.consoleErrors, []);
});

test('the heatmap follows the chosen time zone, from the grid route', async () => {
  const { uuid } = await makeEvent();
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([18, 19])) });
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  const firstRow = () => heatmap(page).locator('[role=rowheader]').first().textContent();
  await heatmap(page).waitFor({ state: 'attached' });
  assert.equal(await firstRow(), '9:00 AM');  // the browser is in Europe/Berlin, as the event
  await page.getByLabel('Times in').selectOption('America/New_York');
  await page.waitForFunction(() => document.querySelector('[role=grid][aria-label^="Group"] [role=rowheader]')?.textContent !== '9:00 AM');
  assert.equal(await firstRow(), '3:00 AM');
  assert.match(await cell(heatmap(page), 0, 0).getAttribute('aria-label'), /3:00 AM: 1 of 1 available/);
  // Who can come, decoded from the grid's packed answers (three people to a
  // character: Dee and Eve are in the second).
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Bo', availability: dates.map(() => day([], [18])) });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Cy', availability: dates.map(() => day([19])) });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Dee', availability: dates.map(() => day([18])) });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Eve', availability: dates.map(() => day([], [19])) });
  await page.reload();
  await heatmap(page).waitFor({ state: 'attached' });
  await page.getByLabel('Times in').selectOption('America/New_York');
  await page.waitForFunction(() => /3:00 AM: \d of 5 available/.test(document.querySelector('[role=grid][aria-label^="Group"] [data-c="0"][data-r="0"]')?.getAttribute('aria-label')));
  assert.match(await cell(heatmap(page), 0, 0).getAttribute('aria-label'), /3:00 AM: 2 of 5 available, 1 if needed/);
  await cell(heatmap(page), 0, 0).hover();
  const detail = page.locator('.slot-detail');
  assert.match(await detail.textContent(), /Available \(2\)Ann.*Dee/);
  assert.match(await detail.textContent(), /If needed \(1\)Bo/);
  assert.match(await detail.textContent(), /Not available \(2\)Cy.*Eve/);
  await cell(heatmap(page), 0, 1).hover();
  assert.match(await detail.textContent(), /Available \(2\)Ann.*Cy/);
  assert.match(await detail.textContent(), /If needed \(1\)Eve/);
  assert.match(await detail.textContent(), /Not available \(2\)Bo.*Dee/);
  await page.getByRole('checkbox', { name: /^Bo\b/ }).uncheck();
  assert.match(await cell(heatmap(page), 0, 0).getAttribute('aria-label'), /3:00 AM: 2 of 4 available$/);
  assert.match(await cell(heatmap(page), 0, 1).getAttribute('aria-label'), /3:30 AM: 2 of 4 available, 1 if needed$/);
  assert.deepEqual(page.consoleErrors, []);
});

test('a group refresh the page cannot read, as from a server of another version mid-deploy, is asked for again', async () => {
  const { uuid } = await makeEvent();
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([18])) });
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await heatmap(page).waitFor({ state: 'attached' });
  const firstCell = () => page.locator('[role=grid][aria-label^="Group"] [data-c="0"][data-r="0"]').getAttribute('aria-label');
  assert.match(await firstCell(), /1 of 1 available/);
  // The next grid that comes back is in the shape of the release before
  // (one digit per person, `states`), which this page does not read.
  let rewritten = 0;
  await page.route(/\/grid\?/, async (route) => {
    const response = await route.fetch();
    if (rewritten > 0 || response.status() !== 200) return route.fulfill({ response });
    rewritten += 1;
    const grid = await response.json();
    for (const gridDay of grid.days) {
      for (const slot of gridDay.slots) {
        slot.states = '1'.repeat(slot.available) + '0'.repeat(grid.people.length - slot.available);
        delete slot.packedStates;
      }
    }
    return route.fulfill({ response, json: grid });
  });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Bo', availability: dates.map(() => day([18])) });
  for (let waited = 0; rewritten === 0 && waited < 15000; waited += 100) await new Promise((done) => setTimeout(done, 100));
  assert.equal(rewritten, 1);
  // Nothing changes on the server after that, yet the page catches up.
  await page.waitForFunction(() => /2 of 2 available/.test(document.querySelector('[role=grid][aria-label^="Group"] [data-c="0"][data-r="0"]')?.getAttribute('aria-label')), null, { timeout: 15000 });
});

test('the organiser finds the best times, decides one, and everyone can download it as .ics', async () => {
  const { uuid, token } = await makeEvent();
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20, 21, 22])) });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Bo', availability: dates.map((_, i) => (i === 1 ? day([21, 22]) : day([]))) });
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${uuid}#admin=${token}`);
  // The token leaves the address bar once the server has said it is the event's.
  await page.getByRole('heading', { name: 'Organiser', exact: true }).waitFor();
  assert.equal(new URL(page.url()).hash, '');
  await page.getByRole('button', { name: 'Find times' }).click();
  const best = page.locator('.results li').first();
  await best.waitFor();
  assert.match(await best.textContent(), /2 available/);
  assert.match(await best.textContent(), /Ann, Bo|Ann and Bo|Ann & Bo/);
  await best.getByRole('button', { name: 'Choose this time' }).click();
  await page.getByRole('heading', { name: 'Meeting time' }).waitFor();
  const event = (await scene.server.api('GET', `/api/events/${uuid}`)).body;
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
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20])) });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Spam', availability: dates.map(() => day([21])) });
  const page = await newPage(scene.browser, phone);
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(`${scene.server.base}/e/${uuid}#admin=${token}`);
  const panel = page.locator('section[aria-labelledby=organiser-title]');
  await panel.getByLabel('Location').fill('Room 101');
  await panel.getByRole('button', { name: 'Save details' }).click();
  await panel.getByText('Saved.').waitFor();
  await page.locator('.badge', { hasText: 'Room 101' }).waitFor();
  await panel.getByRole('button', { name: 'Lock answers' }).click();
  await page.getByText('The organiser has locked this event').waitFor();
  // The panel follows at once: Lock becomes Unlock, and back, without a reload.
  await panel.getByRole('button', { name: 'Unlock answers' }).click();
  await panel.getByRole('button', { name: 'Lock answers' }).click();
  await panel.getByRole('button', { name: 'Unlock answers' }).waitFor();
  await panel.getByLabel('Remove a person').selectOption('Spam');
  await panel.getByRole('button', { name: 'Remove' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('h3')].some((heading) => heading.textContent === 'People (1)'));
  await panel.getByText('Spam was removed.').waitFor();
  assert.deepEqual(await panel.getByLabel('Remove a person').locator('option').allTextContents(), ['Ann']);
  // The organiser link can be found again on this device.
  await panel.getByText('Your organiser link').click();
  assert.match(await panel.getByLabel('Your organiser link').inputValue(), new RegExp(`/e/${uuid}#admin=`));
  const event = (await scene.server.api('GET', `/api/events/${uuid}`)).body;
  assert.equal(event.location, 'Room 101');
  assert.equal(event.locked, true);
  assert.deepEqual(event.participants, ['Ann']);
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: 'Export answers (CSV)' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^\uFEFFname,date,start,end,state\r\n/);  // a byte-order mark first, for Excel
  assert.match(csv, /Ann,/);
  assert.deepEqual(page.consoleErrors, []);
});

test('a calendar file imported from the device sets the person\'s answers', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${uuid}`);
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

test('a protected name asks for its password before painting starts, and says when it is wrong', async () => {
  const { uuid } = await makeEvent();
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Dee', password: 'secret', availability: dates.map(() => day([20])) });
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Dee');
  await page.getByText('This name is protected by a password').waitFor();
  assert.equal(await painter(page).count(), 0);
  await signIn(page, 'Dee', 'wrong');
  await page.getByText('Wrong password for this name.').waitFor();
  await signIn(page, 'Dee', 'secret');
  await page.getByText('Answering as Dee').waitFor();
  await cell(painter(page), 0, 0).tap();
  await saved(page);
  assert.equal((await schedules(uuid, 'Dee'))[0].availability, day([18, 20]));
  assert.deepEqual(page.consoleErrors.filter((e) => !/401|403/.test(e)), []);
});

test('a locked event cannot be painted and says so; what was painted before the lock is kept on the device', async () => {
  const { uuid, token } = await makeEvent();
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Max');
  // Locked behind the page's back: the stroke's save fails with 423.
  await scene.server.api('PUT', `/api/events/${uuid}/lock`, undefined, { 'X-Admin-Token': token });
  await cell(painter(page), 0, 0).click();
  const failure = page.locator('.notice.error', { hasText: 'This event is locked: answers can no longer change.' });
  await failure.waitFor();
  assert.equal(await page.locator('.save-state').textContent(), 'Not saved');
  await page.reload();
  await page.getByText('The organiser has locked this event').waitFor();
  await page.getByText('Answers are locked: nothing can be painted.').waitFor();
  assert.equal(await cell(painter(page), 0, 0).getAttribute('aria-selected'), 'true');
  await cell(painter(page), 1, 0).click();
  assert.equal(await cell(painter(page), 1, 0).getAttribute('aria-selected'), 'false');
  assert.equal(await page.getByRole('button', { name: 'Fill all' }).isVisible(), false);
  assert.deepEqual(await schedules(uuid, 'Max'), []);
  await scene.server.api('DELETE', `/api/events/${uuid}/lock`, undefined, { 'X-Admin-Token': token });
});

test('a closed event says since when, and cannot be painted', async () => {
  const closesAt = new Date(Date.now() + 2000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { uuid } = await makeEvent({ closesAt });
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await page.getByText('This event stopped taking answers on').waitFor();
  await signIn(page, 'Late');
  await page.getByText('This event no longer takes answers: nothing can be painted.').waitFor();
  await cell(painter(page), 0, 0).tap();
  assert.equal(await cell(painter(page), 0, 0).getAttribute('aria-selected'), 'false');
  assert.deepEqual(await schedules(uuid, 'Late'), []);
  assert.deepEqual(page.consoleErrors, []);
});

test('a stroke survives a reload while the server cannot be reached, and is saved once it can', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Noa');
  const refuse = (route) => (route.request().method() === 'POST' ? route.abort() : route.continue());
  await page.route(/\/schedules$/, refuse);
  await cell(painter(page), 2, 4).tap();
  await page.locator('.save-state', { hasText: 'Not saved — retrying' }).waitFor();
  // Whether the draft on the device or the request sent as the page went
  // brings it back, the stroke is there after the reload.
  await page.reload();
  await page.getByText('Answering as Noa').waitFor();
  assert.equal(await cell(painter(page), 2, 4).getAttribute('aria-selected'), 'true');
  await page.unroute(/\/schedules$/, refuse);
  for (let waited = 0; waited < 10000 && (await schedules(uuid, 'Noa')).length === 0; waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.equal((await schedules(uuid, 'Noa'))[2].availability, day([22]));
});

test('an unknown event says so in the reader\'s language', async () => {
  const page = await newPage(scene.browser, phone, { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  await page.goto(`${scene.server.base}/e/nosuchevent`);
  await page.getByText('없거나 기간이 지난 일정입니다.').waitFor();
});

test('Korean is chosen from the browser and English can be switched to', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone, { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await page.getByRole('heading', { name: '내 가능한 시간' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ko');
  await page.getByLabel('이름').fill('민수');
  await page.getByRole('button', { name: '계속' }).click();
  await page.getByText('민수(으)로 응답 중').waitFor();
  // Korean reads 24-hour-free times as "오전/오후".
  await page.getByRole('button', { name: /^모두의 응답/ }).click();
  assert.match(await heatmap(page).locator('[role=rowheader]').first().textContent(), /오후|오전/);
  await shot(page, 'event-phone-ko');
  await page.getByLabel('언어').selectOption('en');
  await page.getByRole('heading', { name: 'Your availability' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(page.consoleErrors, []);
});

test('a live refresh keeps the days a phone reader paged to', async () => {
  const many = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => dayFromToday(n));
  const created = await scene.server.api('POST', '/api/events', { title: 'Long', startTime: '09:00', endTime: '12:00', timezone: 'Europe/Berlin' });
  const uuid = created.body.uuid;
  await scene.server.api('POST', `/api/events/${uuid}/dates`, { additionalDates: many });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: many.map(() => day([20])) });
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  const group = page.locator('section[aria-labelledby=group-title]');
  await page.getByRole('button', { name: 'Group (1)' }).click();
  await group.getByText('1–5 of 8 days').waitFor();
  await group.getByRole('button', { name: 'Later days' }).click();
  await group.getByText('4–8 of 8 days').waitFor();
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Bo', availability: many.map(() => day([21])) });
  await page.waitForFunction(() => [...document.querySelectorAll('h3')].some((heading) => heading.textContent === 'People (2)'), null, { timeout: 15000 });
  assert.equal(await group.locator('.pager-text').textContent(), '4–8 of 8 days');
  assert.deepEqual(page.consoleErrors, []);
});

test('nothing is wider than a 360-pixel phone', async () => {
  const { uuid, token } = await makeEvent({ description: 'A rather long description that should wrap nicely on a small phone screen', location: 'Main building, room 101' });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20])) });
  const page = await newPage(scene.browser, { ...phone, viewport: { width: 360, height: 740 } });
  for (const target of ['/', `/e/${uuid}`, `/e/${uuid}#admin=${token}`]) {
    await page.goto(`${scene.server.base}${target}`);
    await page.locator('main form, main section').first().waitFor();
    if (target === `/e/${uuid}`) await signIn(page, 'Ann');  // remembered after
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${target} is ${width} px wide`);
  }
  assert.deepEqual(page.consoleErrors, []);
});

test('dark mode follows the system', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await heatmap(page).waitFor({ state: 'attached' });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(18, 20, 26)');
  await shot(page, 'event-phone-dark');
});

test('every page passes axe with no serious or critical violation, on a phone and a desktop', async () => {
  const { uuid, token } = await makeEvent({ description: 'Bring notes', location: 'Room 101' });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20, 21], [22])) });
  for (const [name, options] of [['phone', phone], ['desktop', desktop]]) {
    for (const colorScheme of ['light', 'dark']) {
      // axe is injected as an inline script, which the app's CSP rightly forbids.
      const page = await newPage(scene.browser, { ...options, bypassCSP: true });
      await page.emulateMedia({ colorScheme });
      await page.goto(`${scene.server.base}/`);
      await page.getByLabel('Event name').waitFor();
      await checkAccessibility(page, `create (${name}, ${colorScheme})`);
      await page.goto(`${scene.server.base}/e/${uuid}`);
      await heatmap(page).waitFor({ state: 'attached' });
      await checkAccessibility(page, `event, signed out (${name}, ${colorScheme})`);
      await signIn(page, 'Ann');
      await painter(page).waitFor();
      if (name === 'phone') await page.getByRole('button', { name: /^Group/ }).click();
      await cell(heatmap(page), 0, 2).hover();
      await checkAccessibility(page, `event, painting (${name}, ${colorScheme})`);
      await page.goto(`${scene.server.base}/e/${uuid}#admin=${token}`);
      await page.getByRole('heading', { name: 'Organiser' }).waitFor();
      await checkAccessibility(page, `event, organiser (${name}, ${colorScheme})`);
      assert.deepEqual(page.consoleErrors, []);
    }
  }
});

test('the first load of an event page transfers under 150 KB and is interactive quickly', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let transferred = 0;
  cdp.on('Network.loadingFinished', (event) => { transferred += event.encodedDataLength; });
  const started = Date.now();
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await page.getByLabel('Your name').waitFor();
  await heatmap(page).waitFor({ state: 'attached' });
  const interactive = Date.now() - started;
  await page.waitForLoadState('networkidle');
  console.log(`first load of /e/{uuid}: ${transferred} bytes transferred, interactive after ${interactive} ms`);
  writeFileSync(path.join(screenshots, 'first-load.txt'), `${transferred} bytes, ${interactive} ms\n`);
  assert.ok(transferred > 0 && transferred < 150 * 1024, `${transferred} bytes`);
});

// ---- Team mode ----

// A week string per weekday: `ones` free on Monday to Friday, nothing at the weekend.
const teamWeek = (ones) => Array.from({ length: 7 }, (_, d) => day(d < 5 ? ones : []));
const teamGrid = (page) => page.locator('section[aria-labelledby=team-week-title] [role=grid]');
const teamPainter = (page) => page.locator('section[aria-labelledby=team-you-title] [role=grid]');
const teamAdmin = (page) => page.locator('section[aria-labelledby=team-admin-title]');
const weekLabel = (page, c, r) => cell(teamGrid(page), c, r).getAttribute('aria-label');
const member = async (uuid, name) =>
  (await scene.server.api('GET', `/api/teams/${uuid}/members?name=${encodeURIComponent(name)}`)).body;

async function makeTeam(name, extra = {}) {
  const created = await scene.server.api('POST', '/api/teams', { name, securityQuestion: 3, securityAnswer: 'Nabi', startTime: '09:00', endTime: '18:00', ...extra });
  assert.equal(created.status, 201);
  return { uuid: created.body.uuid, code: created.body.adminCode };
}

test('on a phone, a team is created, its admin code is shown once, and three members in two subgroups fill the team\'s week', async () => {
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/t`);
  await page.getByLabel('Team name').first().fill('Climbing club');
  await page.getByLabel('Answer', { exact: true }).fill('Mr Kim');
  await page.getByRole('button', { name: 'Create team' }).click();
  await page.getByRole('heading', { name: 'Your team is ready' }).waitFor();
  const code = (await page.locator('.admin-code').textContent()).trim();
  assert.match(code, /^[A-Za-z0-9]{6}$/);
  await page.getByText('it is shown only once').waitFor();
  await shot(page, 'team-created-phone');
  // A team's name finds it only with a secret: here the code just shown.
  const found = await scene.server.api('GET', '/api/teams?name=Climbing%20club', undefined, { 'X-Admin-Code': code });
  assert.equal(found.status, 200);
  const uuid = found.body.uuid;
  assert.equal(found.body.timezone, 'Europe/Berlin');
  // The code stays on this device, never in the address.
  assert.equal(await page.evaluate((u) => JSON.parse(localStorage.getItem(`bistime.team-code.${u}`)), uuid), code);

  // The admin adds two subgroups from the team page.
  await page.getByRole('link', { name: 'Open the team' }).click();
  await teamGrid(page).waitFor();
  assert.equal(page.url(), `${scene.server.base}/t/${uuid}`);
  assert.ok(!page.url().includes(code));
  await teamAdmin(page).getByText('Subgroups', { exact: true }).click();
  for (const name of ['Boulder', 'Rope']) {
    await teamAdmin(page).getByLabel('New subgroup').fill(name);
    await teamAdmin(page).getByRole('button', { name: 'Add subgroup' }).click();
    await teamAdmin(page).getByLabel(`Name of subgroup ${name}`).waitFor();
  }
  assert.deepEqual((await scene.server.api('GET', `/api/teams/${uuid}`)).body.subgroups, ['Boulder', 'Rope']);

  // Ann joins on a desktop with a mouse drag over Monday 10:00–11:30 (rows 2–4 of 09:00–18:00).
  const ann = await newPage(scene.browser, desktop);
  await ann.goto(`${scene.server.base}/t/${uuid}`);
  await ann.getByLabel('Your name').fill('Ann');
  await ann.getByLabel('Subgroup', { exact: true }).selectOption('Boulder');
  await mouseDrag(ann, await centre(cell(teamPainter(ann), 0, 2)), await centre(cell(teamPainter(ann), 0, 4)));
  await ann.getByRole('button', { name: 'Join with this week' }).click();
  await ann.getByRole('heading', { name: 'Your week, Ann' }).waitFor();
  assert.equal((await member(uuid, 'Ann')).weekSchedule[0], day([20, 21, 22]));
  // Bo joins through the API, in Rope, free at 10:00 on weekdays.
  assert.equal((await scene.server.api('POST', '/api/teams/members', { team: uuid, name: 'Bo', subgroup: 'Rope', weekSchedule: teamWeek([20]) })).status, 201);

  // Cy joins on the phone, in Boulder, tapping Monday 10:00 and 10:30.
  await page.reload();
  await teamGrid(page).waitFor();
  await page.getByLabel('Your name').fill('Cy');
  await page.getByLabel('Subgroup', { exact: true }).selectOption('Boulder');
  await cell(teamPainter(page), 0, 2).tap();
  await cell(teamPainter(page), 0, 3).tap();
  await page.getByRole('button', { name: 'Join with this week' }).click();
  await page.getByRole('heading', { name: 'Your week, Cy' }).waitFor();
  const cy = await member(uuid, 'Cy');
  assert.equal(cy.subgroup, 'Boulder');
  assert.equal(cy.weekSchedule[0], day([20, 21]));

  // Monday 10:00 (slot 20): all three; 10:30: Ann and Cy; 11:00: Ann alone.
  assert.match(await weekLabel(page, 0, 2), /3 of 3 available/);
  assert.match(await weekLabel(page, 0, 3), /2 of 3 available/);
  assert.match(await weekLabel(page, 0, 4), /1 of 3 available/);
  assert.match(await weekLabel(page, 1, 2), /1 of 3 available/);
  await cell(teamGrid(page), 0, 3).tap();
  const detail = page.locator('section[aria-labelledby=team-week-title] .slot-detail');
  await detail.getByRole('heading', { name: 'Available (2)' }).waitFor();
  const who = await detail.textContent();
  assert.ok(who.includes('Ann') && who.includes('Cy') && !who.includes('Bo'), who);
  // Rope alone: Bo, who is free at 10:00 only.
  await page.getByLabel('Show').selectOption('Rope');
  await page.getByText('Members shown: 1').waitFor();
  assert.match(await weekLabel(page, 0, 2), /1 of 1 available/);
  assert.match(await weekLabel(page, 0, 3), /0 of 1 available/);
  await page.getByLabel('Show').selectOption('Boulder');
  await page.getByText('Members shown: 2').waitFor();
  assert.match(await weekLabel(page, 0, 3), /2 of 2 available/);
  await page.getByLabel('Show').selectOption('');
  await page.getByText('Members shown: 3').waitFor();
  const members = page.locator('section[aria-labelledby=team-members-title]');
  await members.getByRole('heading', { name: 'Members (3)' }).waitFor();
  assert.deepEqual(await members.locator('.member-group h3').allTextContents(), ['Boulder', 'Rope']);
  assert.deepEqual(await members.locator('.member-group li span').allTextContents(), ['Ann', 'Cy', 'Bo']);

  // Cy moves to Rope and adds Tuesday 10:00 on a second visit.
  await cell(teamPainter(page), 1, 2).tap();
  await page.locator('section[aria-labelledby=team-you-title]').getByLabel('Subgroup', { exact: true }).selectOption('Rope');
  await page.getByRole('button', { name: 'Save my week' }).click();
  await page.locator('section[aria-labelledby=team-you-title] .save-state', { hasText: /^Saved$/ }).waitFor();
  const moved = await member(uuid, 'Cy');
  assert.equal(moved.subgroup, 'Rope');
  assert.equal(moved.weekSchedule[1], day([20]));
  assert.match(await weekLabel(page, 1, 2), /2 of 3 available/);

  // A regular event, drawn over the week and in the team's calendar.
  await teamAdmin(page).getByText('Regular events', { exact: true }).click();
  const form = teamAdmin(page).locator('form.regular-form').last();
  await form.getByLabel('What', { exact: true }).fill('Wall session');
  await form.getByLabel('Day', { exact: true }).selectOption({ label: 'Monday' });
  await form.getByLabel('From', { exact: true }).selectOption('10:00');
  await form.getByLabel('To', { exact: true }).selectOption('11:00');
  await form.getByRole('button', { name: 'Add a regular event' }).click();
  await teamAdmin(page).getByText('Regular event added.').waitFor();
  assert.match(await weekLabel(page, 0, 2), /3 of 3 available; Wall session/);
  assert.doesNotMatch(await weekLabel(page, 0, 4), /Wall session/);
  assert.match(await cell(teamGrid(page), 0, 3).getAttribute('class'), /regular/);
  const week = page.locator('section[aria-labelledby=team-week-title]');
  await week.getByText('Wall session').first().waitFor();
  const ics = await (await fetch(`${scene.server.base}/api/teams/${uuid}/calendar.ics`)).text();
  assert.match(ics, /SUMMARY:Wall session/);
  assert.match(ics, /RRULE:FREQ=WEEKLY;BYDAY=MO/);
  await week.getByText('The regular events in your calendar').click();
  assert.equal(await week.getByRole('link', { name: 'Subscribe' }).getAttribute('href'),
    `webcal://${new URL(scene.server.base).host}/api/teams/${uuid}/calendar.ics`);
  assert.equal(await week.getByRole('link', { name: 'Download .ics' }).getAttribute('href'), `/api/teams/${uuid}/calendar.ics`);
  await cell(teamGrid(page), 0, 2).tap();
  await shot(page, 'team-phone');
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(ann.consoleErrors, []);

  await ann.reload();
  await teamGrid(ann).waitFor();
  await cell(teamGrid(ann), 0, 3).hover();
  await shot(ann, 'team-desktop');
});

test('the admin creates an event for the team, and a member fills in their answers from their week in one tap', async () => {
  const { uuid, code } = await makeTeam('Study circle', { startTime: '09:00', endTime: '18:00' });
  const week = teamWeek([20, 21]);
  week[5] = day([26]);  // Saturday 13:00
  const joined = await scene.server.api('POST', '/api/teams/members', { team: uuid, name: 'Dee', weekSchedule: week });
  assert.equal(joined.status, 201);

  const admin = await newPage(scene.browser, desktop);
  await admin.addInitScript(([u, c]) => localStorage.setItem(`bistime.team-code.${u}`, JSON.stringify(c)), [uuid, code]);
  await admin.goto(`${scene.server.base}/t/${uuid}`);
  const events = admin.locator('section[aria-labelledby=team-events-title]');
  await events.getByText('The team has no events yet.').waitFor();
  await events.getByRole('link', { name: 'New event for the team' }).click();
  await admin.getByRole('heading', { name: 'New event for Study circle' }).waitFor();
  await admin.getByLabel('Event name').fill('Exam prep');
  await admin.getByRole('button', { name: 'Next month' }).click();
  for (const n of [7, 8, 9, 10, 11, 12, 13]) await admin.locator('.month-grid button[data-date]').nth(n).click();
  await admin.getByText('7 dates chosen').waitFor();
  await admin.getByRole('button', { name: 'Create event' }).click();
  await admin.getByRole('heading', { name: 'Your event is ready' }).waitFor();
  const share = await admin.getByLabel('Share this link with the group').inputValue();
  const eventUuid = share.split('/').pop();
  const event = (await scene.server.api('GET', `/api/events/${eventUuid}`)).body;
  assert.equal(event.associatedTeam, 'Study circle');
  await admin.getByRole('link', { name: 'Back to Study circle' }).click();
  await events.getByRole('link', { name: 'Exam prep' }).waitFor();

  // Dee, on a phone this device knows as Dee, taps once on the event page.
  const dee = await newPage(scene.browser, phone);
  await dee.addInitScript(([u, id]) => localStorage.setItem(`bistime.team-member.${u}`, JSON.stringify({ id, name: 'Dee' })),
    [uuid, joined.body.id]);
  await dee.goto(`${scene.server.base}/e/${eventUuid}`);
  await dee.getByText('This event belongs to the team Study circle').waitFor();
  // Dee's week is open (no password): the button names whose answers it replaces.
  await dee.getByRole('button', { name: 'Replace Dee’s answers' }).click();
  await dee.getByText('Your answers were filled in from your team week and saved.').first().waitFor();
  const answers = await schedules(eventUuid, 'Dee');
  assert.equal(answers.length, 7);
  for (const answer of answers) {
    const weekday = (new Date(`${answer.date}T00:00:00Z`).getUTCDay() + 6) % 7;
    assert.equal(answer.availability, week[weekday], answer.date);
  }
  // The painter shows them, ready to adjust: 10:00 (row 2) of the first date.
  const first = week[(new Date(`${answers[0].date}T00:00:00Z`).getUTCDay() + 6) % 7][20];
  assert.match(await cell(painter(dee), 0, 2).getAttribute('aria-label'), first === '1' ? /: available$/ : /: not available$/);
  await shot(dee, 'team-event-fill-phone');

  // Someone this device does not know picks their name first.
  const other = await newPage(scene.browser, desktop);
  await scene.server.api('POST', '/api/teams/members', { team: uuid, name: 'Eun', weekSchedule: teamWeek([22]) });
  await other.goto(`${scene.server.base}/e/${eventUuid}`);
  // Nobody is chosen for them.
  await other.getByText('This event belongs to the team Study circle').waitFor();
  assert.equal(await other.getByLabel('Who are you?').inputValue(), '');
  assert.equal(await other.getByRole('button', { name: /Replace|Fill from/ }).count(), 0);
  await other.getByLabel('Who are you?').selectOption({ label: 'Eun' });
  await other.getByRole('button', { name: 'Replace Eun’s answers' }).click();
  await other.getByText('Your answers were filled in from your team week and saved.').first().waitFor();
  assert.equal((await schedules(eventUuid, 'Eun')).filter((a) => a.availability === day([22])).length, 5);
  for (const page of [admin, dee, other]) assert.deepEqual(page.consoleErrors, []);

  // A protected member's week fills an event only with their password: the
  // server refuses without it, and the page asks for it.
  const fay = await scene.server.api('POST', '/api/teams/members', { team: uuid, name: 'Fay', password: 'fay-pw', weekSchedule: teamWeek([24]) });
  const bare = await scene.server.api('POST', `/api/events/${eventUuid}/schedules/from-member`, { memberId: fay.body.id });
  assert.equal(bare.status, 401);
  const stranger = await newPage(scene.browser, phone);
  await stranger.goto(`${scene.server.base}/e/${eventUuid}`);
  await stranger.getByLabel('Who are you?').selectOption({ label: 'Fay' });
  await stranger.getByLabel('Fay’s team password').fill('guess');
  await stranger.getByRole('button', { name: 'Fill from my team week' }).click();
  await stranger.getByText('Wrong password for this name.').waitFor();
  assert.deepEqual(await schedules(eventUuid, 'Fay'), []);
  await stranger.getByLabel('Fay’s team password').fill('fay-pw');
  await stranger.getByRole('button', { name: 'Fill from my team week' }).click();
  await stranger.getByText('Your answers were filled in from your team week and saved.').first().waitFor();
  assert.equal((await schedules(eventUuid, 'Fay')).filter((a) => a.availability === day([24])).length, 5);
});

test('the admin renames the team, changes its hours, renames and removes a subgroup and a member, and edits a regular event', async () => {
  const { uuid, code } = await makeTeam('Book club');
  for (const name of ['Poetry', 'Prose']) await scene.server.api('POST', `/api/teams/${uuid}/subgroups`, { name }, { 'X-Admin-Code': code });
  await scene.server.api('POST', '/api/teams/members', { team: uuid, name: 'Gil', subgroup: 'Poetry', weekSchedule: teamWeek([20]) });
  await scene.server.api('POST', '/api/teams/members', { team: uuid, name: 'Spam', weekSchedule: teamWeek([]) });
  await scene.server.api('POST', `/api/teams/${uuid}/regular-events`, { title: 'Reading', day: 2, startTime: '19:00', endTime: '20:00' }, { 'X-Admin-Code': code });
  const page = await newPage(scene.browser, phone);
  page.on('dialog', (dialog) => dialog.accept());
  await page.addInitScript(([u, c]) => localStorage.setItem(`bistime.team-code.${u}`, JSON.stringify(c)), [uuid, code]);
  await page.goto(`${scene.server.base}/t/${uuid}`);
  const admin = teamAdmin(page);
  await admin.getByLabel('Team name').fill('Book club 2');
  await admin.getByLabel('To', { exact: true }).first().selectOption('21:00');
  await admin.getByRole('button', { name: 'Save name and hours' }).click();
  await page.getByRole('heading', { name: 'Book club 2', level: 1 }).waitFor();
  const team = (await scene.server.api('GET', `/api/teams/${uuid}`)).body;
  assert.equal(team.name, 'Book club 2');
  assert.equal(team.endTime, '21:00');
  // The week now runs 09:00–21:00: 24 rows.
  assert.equal(await teamGrid(page).locator('[data-c="0"]').count(), 24);

  await admin.getByText('Subgroups', { exact: true }).click();
  await admin.getByLabel('Name of subgroup Poetry').fill('Verse');
  await admin.getByRole('button', { name: 'Rename' }).first().click();
  await admin.getByText('Renamed.').waitFor();
  assert.equal((await member(uuid, 'Gil')).subgroup, 'Verse');
  await admin.getByRole('button', { name: 'Remove subgroup Prose' }).click();
  await admin.getByText('Subgroup Prose removed.').waitFor();
  assert.deepEqual((await scene.server.api('GET', `/api/teams/${uuid}`)).body.subgroups, ['Verse']);

  const members = page.locator('section[aria-labelledby=team-members-title]');
  await members.getByRole('button', { name: 'Remove Spam' }).click();
  await members.getByRole('heading', { name: 'Members (1)' }).waitFor();
  assert.equal((await scene.server.api('GET', `/api/teams/${uuid}/members?name=Spam`)).status, 404);

  await admin.getByText('Regular events', { exact: true }).click();
  await admin.getByText('Change Reading').click();
  const edit = admin.locator('form.regular-form').first();
  await edit.getByLabel('What', { exact: true }).fill('Reading night');
  await edit.getByLabel('From', { exact: true }).selectOption('18:30');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await admin.getByText('Regular event saved.').waitFor();
  const [regular] = (await scene.server.api('GET', `/api/teams/${uuid}/regular-events`)).body;
  assert.equal(regular.title, 'Reading night');
  assert.equal(regular.startTime, '18:30');
  assert.equal(regular.day, 2);
  await shot(page, 'team-admin-phone');
  await admin.getByRole('button', { name: 'Remove Reading night' }).click();
  await admin.getByText('Regular event removed.').waitFor();
  assert.deepEqual((await scene.server.api('GET', `/api/teams/${uuid}/regular-events`)).body, []);
  assert.deepEqual(page.consoleErrors, []);
});

test('a wrong team admin code is refused until 429 says when to try again, for the code and the answer alike', async () => {
  const created = await makeTeam('Chess circle');
  const uuid = created.uuid;
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/t/${uuid}`);
  const admin = teamAdmin(page);
  const error = admin.locator('.notice.error');
  let throttled = false;
  let refused = 0;
  for (let attempt = 0; attempt < 8 && !throttled; attempt += 1) {
    await admin.getByLabel('Admin code').fill('ZZZZZZ');
    await admin.getByRole('button', { name: 'Use this code' }).click();
    await error.filter({ hasText: /wrong|Too many/ }).waitFor();
    const text = await error.textContent();
    throttled = /Too many wrong attempts\. Try again in \d+ seconds\./.test(text);
    if (!throttled) { assert.match(text, /That admin code is wrong/); refused += 1; }
    await error.evaluate((e) => { e.textContent = ''; });
  }
  assert.ok(throttled, 'no 429 after 8 wrong codes');
  assert.equal(refused, 5);
  // Throttled, even the right code waits.
  await admin.getByLabel('Admin code').fill(created.code);
  await admin.getByRole('button', { name: 'Use this code' }).click();
  await error.filter({ hasText: /Too many/ }).waitFor();

  // The code and the answer are one team's secrets: a throttled client waits for both.
  await admin.getByText('Forgot the code?').click();
  await admin.getByLabel('Answer').fill('nabi');
  await admin.getByRole('button', { name: 'Get a new code' }).click();
  await error.filter({ hasText: /Too many wrong attempts\. Try again in \d+ seconds\./ }).waitFor();
  assert.deepEqual(page.consoleErrors.filter((e) => !/status of (403|429)/.test(e)), []);
});

test('a team is found by its name only with its admin code, even when another team shares the name', async () => {
  const first = await makeTeam('Rowing club');
  const second = await makeTeam('Rowing club');
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/t`);
  const find = page.locator('form', { has: page.getByRole('heading', { name: 'Find a team' }) });
  await find.getByLabel('Team name').fill('Rowing club');
  await find.getByRole('button', { name: 'Find' }).click();
  await find.getByText('Give the admin code, or your name and password in the team.').waitFor();
  await find.getByLabel('Admin code').fill('ZZZZZZ');
  await find.getByRole('button', { name: 'Find' }).click();
  await find.getByText('No team of this name has that code or member password.').waitFor();
  await find.getByLabel('Admin code').fill(second.code);
  await find.getByRole('button', { name: 'Find' }).click();
  await page.waitForURL(`${scene.server.base}/t/${second.uuid}`);
  assert.notEqual(first.uuid, second.uuid);
  assert.deepEqual(page.consoleErrors.filter((e) => !/status of 404/.test(e)), []);
});

test('a lost team admin code is replaced by answering the security question', async () => {
  const created = await makeTeam('Go circle');
  const uuid = created.uuid;
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/t/${uuid}`);
  const admin = teamAdmin(page);
  const error = admin.locator('.notice.error');
  await admin.getByText('Forgot the code?').click();
  await admin.getByText('the pet you kept the longest').waitFor();
  await admin.getByLabel('Answer').fill('Wrong');
  await admin.getByRole('button', { name: 'Get a new code' }).click();
  await error.filter({ hasText: 'That answer is wrong.' }).waitFor();
  await admin.getByLabel('Answer').fill(' nabi ');
  await admin.getByRole('button', { name: 'Get a new code' }).click();
  const fresh = (await admin.locator('.admin-code').textContent()).trim();
  assert.match(fresh, /^[A-Za-z0-9]{6}$/);
  assert.notEqual(fresh, created.code);
  assert.equal((await scene.server.api('POST', `/api/teams/${uuid}/admin/verify`, { adminCode: created.code })).status, 403);
  await admin.getByRole('button', { name: 'Continue' }).click();
  await admin.getByText('Subgroups', { exact: true }).click();
  await admin.getByLabel('New subgroup').fill('Openings');
  await admin.getByRole('button', { name: 'Add subgroup' }).click();
  await page.getByLabel('Show').locator('option', { hasText: 'Openings' }).waitFor({ state: 'attached' });
  assert.equal(await page.evaluate((u) => JSON.parse(localStorage.getItem(`bistime.team-code.${u}`)), uuid), fresh);
  assert.deepEqual(page.consoleErrors.filter((e) => !/status of 401/.test(e)), []);
});

test('the team pages pass axe with no serious or critical violation, on a phone and a desktop, light and dark', async () => {
  const { uuid, code } = await makeTeam('Axe team');
  await scene.server.api('POST', `/api/teams/${uuid}/subgroups`, { name: 'A' }, { 'X-Admin-Code': code });
  const ann = await scene.server.api('POST', '/api/teams/members', { team: uuid, name: 'Ann', subgroup: 'A', weekSchedule: teamWeek([20, 21]) });
  await scene.server.api('POST', `/api/teams/${uuid}/regular-events`, { title: 'Standup', day: 0, startTime: '10:00', endTime: '10:30' }, { 'X-Admin-Code': code });
  const event = await scene.server.api('POST', '/api/events', { title: 'Axe team event', associatedTeam: uuid, timezone: 'Europe/Berlin' });
  await scene.server.api('POST', `/api/events/${event.body.uuid}/dates`, { additionalDates: dates });
  for (const [name, options] of [['phone', phone], ['desktop', desktop]]) {
    for (const colorScheme of ['light', 'dark']) {
      const page = await newPage(scene.browser, { ...options, bypassCSP: true });
      await page.emulateMedia({ colorScheme });
      await page.goto(`${scene.server.base}/t`);
      await page.getByLabel('Team name').first().waitFor();
      await checkAccessibility(page, `team start (${name}, ${colorScheme})`);
      await page.goto(`${scene.server.base}/t/${uuid}`);
      await teamGrid(page).waitFor();
      await cell(teamGrid(page), 0, 2).hover();
      await checkAccessibility(page, `team (${name}, ${colorScheme})`);
      await page.evaluate(([u, c, id]) => {
        localStorage.setItem(`bistime.team-code.${u}`, JSON.stringify(c));
        localStorage.setItem(`bistime.team-member.${u}`, JSON.stringify({ id, name: 'Ann' }));
      }, [uuid, code, ann.body.id]);
      await page.reload();
      await page.getByRole('heading', { name: 'Your week, Ann' }).waitFor();
      for (const summary of ['Subgroups', 'Regular events']) await teamAdmin(page).getByText(summary, { exact: true }).click();
      await checkAccessibility(page, `team as admin and member (${name}, ${colorScheme})`);
      if (name === 'desktop' && colorScheme === 'light') await shot(page, 'team-admin-desktop');
      await page.goto(`${scene.server.base}/?team=${uuid}`);
      await page.getByRole('heading', { name: 'New event for Axe team' }).waitFor();
      await checkAccessibility(page, `new team event (${name}, ${colorScheme})`);
      await page.goto(`${scene.server.base}/e/${event.body.uuid}`);
      await page.getByRole('button', { name: 'Replace Ann’s answers' }).waitFor();
      await checkAccessibility(page, `team event (${name}, ${colorScheme})`);
      assert.deepEqual(page.consoleErrors, []);
    }
  }
});

test('no team page is wider than a 360-pixel phone', async () => {
  const { uuid, code } = await makeTeam('A team with a rather long name that has to wrap on a small phone');
  await scene.server.api('POST', `/api/teams/${uuid}/subgroups`, { name: 'A subgroup with a long name, too' }, { 'X-Admin-Code': code });
  const joined = await scene.server.api('POST', '/api/teams/members', { team: uuid, name: 'Maximilianus Long', subgroup: 'A subgroup with a long name, too', weekSchedule: teamWeek([20]) });
  await scene.server.api('POST', `/api/teams/${uuid}/regular-events`, { title: 'A weekly meeting with a long title', day: 0, startTime: '10:00', endTime: '11:00' }, { 'X-Admin-Code': code });
  const page = await newPage(scene.browser, { ...phone, viewport: { width: 360, height: 740 } });
  await page.goto(`${scene.server.base}/t`);
  await page.getByLabel('Team name').first().waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, '/t');
  await page.evaluate(([u, c, id]) => {
    localStorage.setItem(`bistime.team-code.${u}`, JSON.stringify(c));
    localStorage.setItem(`bistime.team-member.${u}`, JSON.stringify({ id, name: 'Maximilianus Long' }));
  }, [uuid, code, joined.body.id]);
  await page.goto(`${scene.server.base}/t/${uuid}`);
  await teamGrid(page).waitFor();
  for (const summary of ['Subgroups', 'Regular events']) await teamAdmin(page).getByText(summary, { exact: true }).click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `/t/{uuid} is ${width} px wide`);
  assert.deepEqual(page.consoleErrors, []);
});

test('the team page speaks Korean', async () => {
  const { uuid } = await makeTeam('한글 팀');
  await scene.server.api('POST', '/api/teams/members', { team: uuid, name: '민지', weekSchedule: teamWeek([20]) });
  const page = await newPage(scene.browser, phone, { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  await page.goto(`${scene.server.base}/t/${uuid}`);
  await page.getByRole('heading', { name: '팀의 한 주' }).waitFor();
  await page.getByRole('heading', { name: '팀에 들어가기' }).waitFor();
  assert.match(await weekLabel(page, 0, 2), /1명 중 1명 가능/);
  await shot(page, 'team-phone-ko');
  assert.deepEqual(page.consoleErrors, []);
});

test('the first load of a team page transfers under 150 KB', async () => {
  const { uuid } = await makeTeam('Weighed team');
  const page = await newPage(scene.browser, phone);
  let transferred = 0;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
  await page.goto(`${scene.server.base}/t/${uuid}`);
  await teamGrid(page).waitFor();
  await page.waitForLoadState('networkidle');
  writeFileSync(path.join(screenshots, 'team-first-load.txt'), `${transferred} bytes\n`);
  assert.ok(transferred > 0 && transferred < 150 * 1024, `${transferred} bytes`);
});
