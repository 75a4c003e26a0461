// Creating and deciding, and the words around them, as people do them:
// days chosen by dragging a range, best times that are distinct windows, a
// decision confirmed where it was made, a desktop wide enough for two weeks,
// the group's days paged by a swipe, and Korean that breaks between words.
// Each test reads as the rule it checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, phone, desktop, dayFromToday } from './harness.mjs';
import { stage, dates, day, makeEvent, painter, heatmap, centre, touchDrag } from './scene.mjs';

const scene = stage();

test('a diagonal drag on the month calendar chooses every day from the first to the last, and weekdays can be dragged', async () => {
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/`);
  await page.getByRole('button', { name: 'Next month' }).click();
  const days = page.locator('.month-grid button[data-date]');
  // From the third day of next month to the thirteenth: eleven days over two or three rows.
  await touchDrag(page, await centre(days.nth(2)), await centre(days.nth(12)));
  await page.getByText('11 dates chosen').waitFor();
  // Dragging back shrinks the range: what it leaves goes back to unchosen.
  await touchDrag(page, await centre(days.nth(20)), await centre(days.nth(22)));
  await page.getByText('14 dates chosen').waitFor();
  await page.locator('.segmented').getByText('Days of the week').click();
  await touchDrag(page, await centre(page.getByRole('button', { name: 'Monday' })), await centre(page.getByRole('button', { name: 'Wednesday' })));
  for (const name of ['Monday', 'Tuesday', 'Wednesday']) {
    assert.equal(await page.getByRole('button', { name }).getAttribute('aria-pressed'), 'true', name);
  }
  assert.equal(await page.getByRole('button', { name: 'Thursday' }).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(page.consoleErrors, []);
});

test('best times are distinct windows, and a decision is confirmed where it was made', async () => {
  const { uuid, token } = await makeEvent();
  // One long free block, 10:00–14:00 on every date: one answer per date, not five overlapping ones.
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20, 21, 22, 23, 24, 25, 26, 27])) });
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}#admin=${token}`);
  await page.getByRole('button', { name: 'Find times' }).click();
  const results = page.locator('.results li');
  await results.first().waitFor();
  const windows = await results.locator('.when').allTextContents();
  assert.equal(windows.length, 5);
  assert.equal(new Set(windows.map((w) => w.split(',').slice(0, 2).join())).size, 5, windows.join(' | '));
  for (const text of await results.allTextContents()) assert.match(text, /Free from 10:00 AM to 2:00 PM/);
  await results.nth(1).getByRole('button', { name: 'Choose this time' }).click();
  const confirmation = results.nth(1).getByRole('status');
  await confirmation.getByText(/^Chosen: .*Everyone now sees it at the top of the page\.$/).waitFor();
  assert.ok((await confirmation.boundingBox()).y < 844, 'the confirmation is on screen where the choice was made');
  await page.getByRole('heading', { name: 'Meeting time' }).waitFor();
  assert.deepEqual(page.consoleErrors, []);
});

test('a 1280-pixel desktop shows two weeks of dates in both grids, side by side', async () => {
  const fourteen = Array.from({ length: 14 }, (_, i) => dayFromToday(i + 1));
  const created = await scene.server.api('POST', '/api/events', { title: 'Two weeks', startTime: '09:00', endTime: '12:00', timezone: 'Europe/Berlin' });
  await scene.server.api('POST', `/api/events/${created.body.uuid}/dates`, { additionalDates: fourteen });
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${created.body.uuid}`);
  await page.getByLabel('Your name').fill('Ann');
  await page.getByRole('button', { name: 'Continue' }).click();
  await painter(page).locator('[role=gridcell]').first().waitFor();
  for (const grid of [painter(page), heatmap(page)]) {
    assert.equal(await grid.locator('[role=columnheader].day-head').count(), 14);
  }
  const mine = await painter(page).boundingBox();
  const group = await heatmap(page).boundingBox();
  assert.ok(group.x > mine.x + mine.width - 1 && Math.abs(group.y - mine.y) < 80, 'side by side');
});

test('on a phone the group\'s days page by a sideways swipe', async () => {
  const many = Array.from({ length: 9 }, (_, i) => dayFromToday(i + 1));
  const created = await scene.server.api('POST', '/api/events', { title: 'Nine days', startTime: '09:00', endTime: '12:00', timezone: 'Europe/Berlin' });
  await scene.server.api('POST', `/api/events/${created.body.uuid}/dates`, { additionalDates: many });
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${created.body.uuid}`);
  await page.getByRole('button', { name: /^Group/ }).click();
  const group = page.locator('section[aria-labelledby=group-title]');
  await group.getByText('1–5 of 9 days').waitFor();
  const from = await centre(heatmap(page).locator('[data-c="3"][data-r="2"]'));
  await touchDrag(page, from, { x: from.x - 200, y: from.y + 10 });
  await group.getByText('5–9 of 9 days').waitFor();
  const back = await centre(heatmap(page).locator('.day-head').first());
  await touchDrag(page, back, { x: back.x + 200, y: back.y });
  await group.getByText('1–5 of 9 days').waitFor();
});

test('Korean breaks between words, and best times\' lengths are in Korean', async () => {
  const { uuid } = await makeEvent({ title: '모두가 가능한 시간을 찾는 아주 긴 스터디 모임 제목입니다' });
  const page = await newPage(scene.browser, { ...phone, viewport: { width: 360, height: 740 } }, { locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await page.getByRole('heading', { name: '내 가능한 시간' }).waitFor();
  assert.equal(await page.locator('h1.event-title').evaluate((e) => getComputedStyle(e).wordBreak), 'keep-all');
  await page.getByRole('button', { name: '시간 찾기' }).waitFor();
  const lengths = await page.locator('section[aria-labelledby=best-title] select option').allTextContents();
  assert.ok(lengths.includes('1시간') && lengths.includes('30분') && lengths.includes('1시간 30분'), lengths.join(', '));
  assert.deepEqual(page.consoleErrors, []);
});

test('an organiser link with a wrong token leaves the organiser\'s control as it was, and says so', async () => {
  const { uuid, token } = await makeEvent();
  const other = await makeEvent();
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}#admin=${token}`);
  await page.getByRole('heading', { name: 'Organiser', exact: true }).waitFor();
  // A crafted link for the same event, and the other event's own link: the
  // device keeps both events' tokens, and the wrong one replaces nothing.
  await page.goto(`${scene.server.base}/e/${other.uuid}#admin=${other.token}`);
  await page.getByRole('heading', { name: 'Organiser', exact: true }).waitFor();
  await page.goto(`${scene.server.base}/e/${uuid}#admin=not-the-token`);
  await page.getByText('This organiser link is not valid for this event').waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
  await page.getByRole('button', { name: 'Lock answers' }).click();
  await page.getByRole('button', { name: 'Unlock answers' }).waitFor();
  const event = await scene.server.api('GET', `/api/events/${uuid}`);
  assert.equal(event.body.locked, true);
  // On a device that held no token, a wrong link gives no organiser tools.
  const fresh = await newPage(scene.browser, phone);
  await fresh.goto(`${scene.server.base}/e/${other.uuid}#admin=not-the-token`);
  await fresh.getByText('This organiser link is not valid for this event').waitFor();
  assert.equal(await fresh.getByRole('heading', { name: 'Organiser', exact: true }).count(), 0);
  // A link that could not be checked stays in the address bar: a reload checks it again.
  const offline = await newPage(scene.browser, phone);
  await offline.route('**/admin/verify', (route) => route.abort());
  await offline.goto(`${scene.server.base}/e/${uuid}#admin=${token}`);
  await offline.getByText('reload the page to try again').waitFor();
  assert.match(new URL(offline.url()).hash, /admin=/);
  await offline.unroute('**/admin/verify');
  await offline.reload();
  await offline.getByRole('heading', { name: 'Organiser', exact: true }).waitFor();
  assert.equal(new URL(offline.url()).hash, '');
  assert.deepEqual(page.consoleErrors, []);
});

test('two organisers saving different details at once both keep what they changed', async () => {
  const { uuid, token } = await makeEvent();
  const open = async () => {
    const page = await newPage(scene.browser, desktop);
    await page.goto(`${scene.server.base}/e/${uuid}#admin=${token}`);
    await page.getByRole('button', { name: 'Save details' }).waitFor();
    return page;
  };
  const first = await open();
  const second = await open();
  // Both forms show the same details; each organiser changes one field.
  await first.getByLabel('Description').fill('Bring snacks');
  await second.getByLabel('Event name').fill('Renamed walk');
  await first.getByRole('button', { name: 'Save details' }).click();
  await first.getByRole('region', { name: 'Organiser' }).getByText('Saved.').waitFor();
  await second.getByRole('button', { name: 'Save details' }).click();
  await second.getByRole('region', { name: 'Organiser' }).getByText('Saved.').waitFor();
  const event = (await scene.server.api('GET', `/api/events/${uuid}`)).body;
  assert.equal(event.title, 'Renamed walk');
  assert.equal(event.description, 'Bring snacks');
  assert.deepEqual(first.consoleErrors, []);
  assert.deepEqual(second.consoleErrors, []);
});
