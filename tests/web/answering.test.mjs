// Answering an event as people do, mostly on a phone (390×844, real touch
// through the DevTools protocol): strokes paint rectangles and save
// themselves, both grids keep one clock, the group view holds at 150
// people, and the first visit is quick on a slow link. Each test reads as
// the rule it checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, phone, desktop, dayFromToday } from './harness.mjs';
import {
  stage, dates, day, makeEvent, schedules, signIn, painter, heatmap, saved, cell, centre, mouseDrag, shot,
} from './scene.mjs';

const scene = stage(['--create-rate', 'off']);

const slots = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// A finger stroke whose touch points are `gap` pixels apart along the way.
async function touchStroke(page, from, to, gap) {
  const cdp = await page.context().newCDPSession(page);
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const steps = Math.max(1, Math.ceil(length / gap));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= steps; step += 1) {
    const point = { x: from.x + ((to.x - from.x) * step) / steps, y: from.y + ((to.y - from.y) * step) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

// The centres of two cells, both on screen at once and clear of the grid's
// sticky day labels (centre() scrolls each into view, which may move the other).
async function ends(page, a, b) {
  await a.evaluate((element) => { element.scrollIntoView({ block: 'start' }); window.scrollBy(0, -80); });
  const box = async (locator) => {
    const { x, y, width, height } = await locator.boundingBox();
    assert.ok(y >= 0 && y + height <= page.viewportSize().height, 'both ends on screen');
    return { x: x + width / 2, y: y + height / 2 };
  };
  return [await box(a), await box(b)];
}

async function waitForServer(uuid, name, check, limit) {
  const started = Date.now();
  while (Date.now() - started < limit) {
    const answers = await schedules(uuid, name);
    if (answers.length && check(answers)) return Date.now() - started;
    await new Promise((done) => setTimeout(done, 50));
  }
  return Infinity;
}

test('a diagonal drag paints exactly its rectangle, by finger and by mouse', async () => {
  const { uuid } = await makeEvent();
  const phonePage = await newPage(scene.browser, phone);
  await phonePage.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(phonePage, 'Ann');
  // Monday 10:00 to Wednesday 11:30: three days × four slots, twelve cells.
  await touchStroke(phonePage, await centre(cell(painter(phonePage), 0, 2)), await centre(cell(painter(phonePage), 2, 5)), 10);
  await saved(phonePage);
  const ann = await schedules(uuid, 'Ann');
  assert.deepEqual(ann.map((a) => a.availability), [0, 1, 2, 3, 4].map((d) => day(d <= 2 ? slots(20, 23) : [])));

  const desk = await newPage(scene.browser, desktop);
  await desk.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(desk, 'Bo');
  await mouseDrag(desk, await centre(cell(painter(desk), 3, 7)), await centre(cell(painter(desk), 1, 4)));
  await saved(desk);
  const bo = await schedules(uuid, 'Bo');
  assert.deepEqual(bo.map((a) => a.availability), [0, 1, 2, 3, 4].map((d) => day(d >= 1 && d <= 3 ? slots(22, 25) : [])));
  // A drag that starts on a painted cell erases its rectangle.
  await mouseDrag(desk, await centre(cell(painter(desk), 1, 4)), await centre(cell(painter(desk), 2, 5)));
  const erased = (answers) => answers[1].availability === day([24, 25]) && answers[2].availability === day([24, 25]);
  assert.ok(await waitForServer(uuid, 'Bo', erased, 3000) < 3000, 'the rectangle is erased');
  assert.deepEqual([...phonePage.consoleErrors, ...desk.consoleErrors], []);
});

test('on a phone a stroke held at the edge of the days shown pages on, and paints across pages', async () => {
  const nine = Array.from({ length: 9 }, (_, i) => dayFromToday(i + 1));
  const created = await scene.server.api('POST', '/api/events', { title: 'Nine days', startTime: '09:00', endTime: '12:00', timezone: 'Europe/Berlin' });
  const uuid = created.body.uuid;
  await scene.server.api('POST', `/api/events/${uuid}/dates`, { additionalDates: nine });
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Mo');
  await page.locator('section[aria-labelledby=you-title]').getByText('1–5 of 9 days').waitFor();
  const from = await centre(cell(painter(page), 0, 1));
  const edge = await cell(painter(page), 4, 1).boundingBox();
  const at = { x: edge.x + edge.width - 4, y: from.y };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= 5; step += 1) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + ((at.x - from.x) * step) / 5, y: at.y }] });
  }
  for (let held = 0; held < 12; held += 1) {  // resting on the edge, as a finger does
    await new Promise((done) => setTimeout(done, 100));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: at.x - (held % 2), y: at.y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await page.locator('section[aria-labelledby=you-title]').getByText('5–9 of 9 days').waitFor();
  await saved(page);
  assert.deepEqual((await schedules(uuid, 'Mo')).map((a) => a.availability), nine.map(() => day([19])));
});

test('a fast stroke, 44 px between pointer events, leaves no gap', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Cy');
  const [top, bottom] = await ends(page, cell(painter(page), 0, 0), cell(painter(page), 0, 11));
  await touchStroke(page, top, bottom, 44);
  await saved(page);
  assert.equal((await schedules(uuid, 'Cy'))[0].availability, day(slots(18, 29)));

  const desk = await newPage(scene.browser, desktop);
  await desk.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(desk, 'Dee');
  const [from, to] = await ends(desk, cell(painter(desk), 0, 0), cell(painter(desk), 0, 17));
  await desk.mouse.move(from.x, from.y);
  await desk.mouse.down();
  await desk.mouse.move(to.x, to.y, { steps: Math.ceil((to.y - from.y) / 44) });
  await desk.mouse.up();
  await saved(desk);
  assert.equal((await schedules(uuid, 'Dee'))[0].availability, day(slots(18, 35)));
});

test('a stroke is on the server within 2 s of the finger lifting, with no other tap, and survives closing the tab', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Eve');
  assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).count(), 0);
  await cell(painter(page), 1, 3).tap();
  const took = await waitForServer(uuid, 'Eve', (answers) => answers[1].availability === day([21]), 2000);
  assert.ok(took < 2000, `saved after ${took} ms`);
  await page.locator('.save-state', { hasText: /^Saved$/ }).waitFor();
  await page.close();
  const again = await page.context().newPage();
  await again.goto(`${scene.server.base}/e/${uuid}`);
  await again.getByText('Answering as Eve').waitFor();
  assert.equal(await cell(painter(again), 1, 3).getAttribute('aria-selected'), 'true');
  assert.equal(await again.getByText('Your unsaved changes were restored.').count(), 0);
});

test('offline, a stroke waits on the device and is saved once the network is back', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Fred');
  await page.context().setOffline(true);
  await cell(painter(page), 0, 0).tap();
  await page.locator('.save-state', { hasText: 'Not saved — retrying' }).waitFor();
  assert.deepEqual(await schedules(uuid, 'Fred'), []);
  const leaving = await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
  assert.equal(leaving, true, 'the page warns before leaving while something is unsaved');
  await page.context().setOffline(false);
  await saved(page);
  assert.equal((await schedules(uuid, 'Fred'))[0].availability, day([18]));
  const stays = await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
  assert.equal(stays, false, 'no warning once everything is saved');
});

test('a viewer in America/New_York of an Asia/Seoul event sees one clock in both grids, with a break where days wrap', async () => {
  const seoul = [dayFromToday(3), dayFromToday(4)];
  const created = await scene.server.api('POST', '/api/events', { title: 'Seoul sync', startTime: '09:00', endTime: '18:00', timezone: 'Asia/Seoul' });
  const uuid = created.body.uuid;
  await scene.server.api('POST', `/api/events/${uuid}/dates`, { additionalDates: seoul });
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Min', availability: seoul.map(() => day([18])) });
  const page = await newPage(scene.browser, desktop, { timezoneId: 'America/New_York' });
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Ann');
  await heatmap(page).waitFor();
  assert.match(await page.getByLabel('Times in').locator('option:checked').textContent(), /America\/New York|America\/New_York/);
  const rows = (grid) => grid.locator('[role=rowheader]').allTextContents();
  const heads = (grid) => grid.locator('[role=columnheader]').allTextContents();
  assert.deepEqual(await rows(painter(page)), await rows(heatmap(page)));
  assert.deepEqual(await heads(painter(page)), await heads(heatmap(page)));
  const times = await rows(painter(page));
  assert.equal(times[0], '12:00 AM');
  assert.ok(times.includes('7:00 PM') && !times.includes('9:00 AM'), times.join(' '));
  // The rows jump from 3:30 AM to 7:00 PM: a visible break.
  const gap = painter(page).locator('.slot-row.gap [role=rowheader]');
  assert.equal(await gap.textContent(), '7:00 PM');
  // Min's 09:00 in Seoul is 7:00 PM the evening before in New York, in both grids.
  const evening = times.indexOf('7:00 PM');
  assert.match(await cell(heatmap(page), 0, evening).getAttribute('aria-label'), /7:00 PM: 1 of 1 available/);
  // Painting there answers Seoul's first date at 09:00.
  await cell(painter(page), 0, evening).click();
  await saved(page);
  assert.equal((await schedules(uuid, 'Ann'))[0].availability, day([18]));
  assert.equal((await schedules(uuid, 'Ann'))[1].availability, day([]));
  await shot(page, 'event-zone-desktop');
  assert.deepEqual(page.consoleErrors, []);
});

test('an hour the viewer\'s clocks repeat is shown twice, and each answers its own instant', async () => {
  // Sydney's clocks go back from 03:00 to 02:00 on the first Sunday of
  // April: 15:00–17:00 UTC on the Saturday before. The next one to come:
  const saturday = [0, 1].map((ahead) => {
    const year = new Date().getUTCFullYear() + ahead;
    const april = new Date(Date.UTC(year, 3, 1));
    return new Date(Date.UTC(year, 3, 1 + ((7 - april.getUTCDay()) % 7) - 1)).toISOString().slice(0, 10);
  }).find((date) => date > dayFromToday(1));
  const created = await scene.server.api('POST', '/api/events', { title: 'Fall back', startTime: '14:00', endTime: '18:00', timezone: 'UTC' });
  const uuid = created.body.uuid;
  assert.equal((await scene.server.api('POST', `/api/events/${uuid}/dates`, { additionalDates: [saturday] })).status, 201);
  const page = await newPage(scene.browser, desktop, { timezoneId: 'Australia/Sydney' });
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Kai');
  const times = await painter(page).locator('[role=rowheader]').allTextContents();
  assert.deepEqual(times, ['1:00 AM', '1:30 AM', '2:00 AM', '2:30 AM', '2:00 AM', '2:30 AM', '3:00 AM', '3:30 AM']);
  await cell(painter(page), 0, 4).click();  // the second 2:00 AM: 16:00 UTC
  await saved(page);
  assert.equal((await schedules(uuid, 'Kai'))[0].availability, day([32]));
});

test('a date added while the page is open can be painted at once', async () => {
  const { uuid, token } = await makeEvent();
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Lia');
  await cell(painter(page), 0, 0).click();
  await saved(page);
  const added = await scene.server.api('POST', `/api/events/${uuid}/dates`, { additionalDates: [dayFromToday(6)] }, { 'X-Admin-Token': token });
  assert.equal(added.status, 201);
  // The page's poll finds the new date and redraws the painter with it.
  await painter(page).locator('[data-c="5"][data-r="0"]').waitFor({ timeout: 15000 });
  await cell(painter(page), 5, 1).click();
  await page.waitForFunction(() => document.querySelector(
    'section[aria-labelledby=you-title] [data-c="5"][data-r="1"]')?.getAttribute('aria-selected') === 'true');
  assert.ok(await waitForServer(uuid, 'Lia', (answers) => answers.length === 6, 5000) < 5000, 'the new date is saved');
  const lia = await schedules(uuid, 'Lia');
  assert.equal(lia[0].availability, day([18]));
  assert.equal(lia[5].availability, day([19]));
});

test('at 150 people the group grid starts within one phone screen of its heading, and one person is shown in one tap', async () => {
  const { uuid } = await makeEvent();
  for (let i = 0; i < 150; i += 1) {
    const ones = slots(18 + (i % 6), 24 + (i % 9));
    const written = await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: `Person ${i}`, availability: dates.map(() => day(ones, [30])) });
    assert.equal(written.status, 201);
  }
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await page.getByRole('button', { name: 'Group (150)' }).click();
  await heatmap(page).waitFor();
  const headingTop = await page.getByRole('heading', { name: 'Group availability' }).evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  const gridTop = await heatmap(page).evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  assert.ok(gridTop - headingTop < 844, `the grid starts ${gridTop - headingTop} px below its heading`);
  // A tap on a slot says who can make it, on screen, without scrolling.
  await cell(heatmap(page), 1, 4).tap();
  const detail = page.locator('.slot-detail');
  await detail.getByText(/^Available \(\d+\)$/).waitFor();
  const box = await detail.boundingBox();
  assert.ok(box.y + Math.min(box.height, 60) <= 844, `who can come starts at ${box.y} px`);
  const list = page.locator('.people-rows');
  assert.ok((await list.boundingBox()).height <= 400, 'the people list stays compact');
  await page.getByRole('button', { name: 'Show only Person 7', exact: true }).click();
  await page.getByText('Showing 1 of 150').waitFor();
  assert.match(await cell(heatmap(page), 0, 1).getAttribute('aria-label'), /of 1 available/);
  await page.getByRole('button', { name: 'Everyone' }).first().click();
  await page.getByText('Showing everyone (150)').waitFor();
  await page.getByLabel('Find a person').fill('Person 14');
  assert.deepEqual(await list.locator('.person-name').evaluateAll((names) => names.map((n) => n.firstChild.textContent)),
    ['Person 14', 'Person 140', 'Person 141', 'Person 142', 'Person 143', 'Person 144', 'Person 145', 'Person 146', 'Person 147', 'Person 148', 'Person 149']);
  await shot(page, 'group-150-phone');
  assert.deepEqual(page.consoleErrors, []);
});

test('undo takes back the last stroke, Fill all and Clear all included', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Gus');
  await cell(painter(page), 0, 0).click();
  await saved(page);
  await page.getByRole('button', { name: 'Clear all' }).click();
  await waitForServer(uuid, 'Gus', (answers) => answers[0].availability === day([]), 3000);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.ok(await waitForServer(uuid, 'Gus', (answers) => answers[0].availability === day([18]), 3000) < 3000);
  await page.getByRole('button', { name: 'Fill all' }).click();
  await waitForServer(uuid, 'Gus', (answers) => answers[0].availability === day(slots(18, 35)), 3000);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.ok(await waitForServer(uuid, 'Gus', (answers) => answers[4].availability === day([]), 3000) < 3000);
  assert.equal((await schedules(uuid, 'Gus'))[0].availability, day([18]));
});

test('a name that differs from an answered one only in case asks before making a second person', async () => {
  const { uuid } = await makeEvent();
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Bob', availability: dates.map(() => day([20])) });
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'bob');
  await page.getByText('“Bob” has already answered.').waitFor();
  assert.equal(await painter(page).count(), 0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Answering as bob').waitFor();
});

test('"Not you?" can be taken back in one tap', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, phone);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await signIn(page, 'Hana');
  await page.getByRole('button', { name: 'Not you?' }).click();
  await page.getByText('Signed out of Hana.').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Answering as Hana').waitFor();
});

test('an answer can be given with the keyboard alone', async () => {
  const { uuid } = await makeEvent();
  const page = await newPage(scene.browser, desktop);
  await page.goto(`${scene.server.base}/e/${uuid}`);
  await page.getByLabel('Your name').focus();
  await page.keyboard.type('Ivy');
  await page.keyboard.press('Enter');
  await page.getByText('Answering as Ivy').waitFor();
  // Focus lands in the grid, not on the page's body.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'gridcell');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.down('Shift');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.up('Shift');
  await saved(page);
  const ivy = await schedules(uuid, 'Ivy');
  assert.deepEqual(ivy.map((a) => a.availability), [0, 1, 2, 3, 4].map((d) => day(d === 1 || d === 2 ? [18, 19] : [])));
});

test('the first visit of an event on a 400 kbps, 400 ms link is usable within 3 s', async () => {
  const { uuid } = await makeEvent();
  await scene.server.api('POST', `/api/events/${uuid}/schedules`, { name: 'Ann', availability: dates.map(() => day([20])) });
  const page = await newPage(scene.browser, phone);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8,
  });
  await page.goto(`${scene.server.base}/e/${uuid}`, { waitUntil: 'commit' });
  // Usable: the name field to start answering, drawn with the layout both
  // grids share; timed by the page's own clock from the start of navigation.
  const usable = await (await page.waitForFunction(() => {
    const ready = document.querySelector('#you-section input[autocomplete=nickname]')
      && document.querySelector('[role=grid][aria-label^="Group"]');
    return ready ? performance.now() : null;
  }, null, { polling: 'raf', timeout: 15000 })).jsonValue();
  console.log(`first visit of /e/{uuid} at 400 kbps, 400 ms: usable after ${Math.round(usable)} ms`);
  assert.ok(usable < 3000, `usable after ${usable} ms`);
});
