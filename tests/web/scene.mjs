// What the browser tests share: a scene set through the API (an event and
// its answers), the grids on the page, real touch and mouse drags, axe, and
// full-page screenshots.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { dayFromToday, launchBrowser, startServer } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const screenshots = process.env.BISTIME_SCREENSHOTS || path.join(tmpdir(), 'bistime-screenshots');
mkdirSync(screenshots, { recursive: true });

let server = null;

// A test file's stage: the real server (with `args`) and chromium, started
// before its tests and stopped after them.
export function stage(args = []) {
  const set = { server: null, browser: null };
  before(async () => {
    set.server = await startServer(args);
    server = set.server;
    set.browser = await launchBrowser();
  });
  after(async () => {
    await set.browser?.close();
    await set.server?.stop();
  });
  return set;
}

export const dates = [1, 2, 3, 4, 5].map((n) => dayFromToday(n));
export const day = (ones, twos = []) => {
  const slots = new Array(48).fill('0');
  for (const i of ones) slots[i] = '1';
  for (const i of twos) slots[i] = '2';
  return slots.join('');
};

// An event made through the API (the create page has its own test).
export async function makeEvent(fields = {}) {
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

export const schedules = async (uuid, name) =>
  (await server.api('GET', `/api/events/${uuid}/schedules?name=${encodeURIComponent(name)}`)).body;

export async function signIn(page, name, password = '') {
  await page.getByLabel('Your name').fill(name);
  if (password) await page.getByLabel('Password (optional)').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

export const painter = (page) => page.locator('section[aria-labelledby=you-title] [role=grid]');
export const heatmap = (page) => page.locator('section[aria-labelledby=group-title] [role=grid]');
export const saved = (page) => page.locator('.save-state', { hasText: /^Saved$/ }).waitFor();
export const cell = (grid, c, r) => grid.locator(`[data-c="${c}"][data-r="${r}"]`);

export async function centre(locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

// A finger drag: real touch events through the DevTools protocol.
export async function touchDrag(page, from, to) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= 10; step += 1) {
    const point = { x: from.x + ((to.x - from.x) * step) / 10, y: from.y + ((to.y - from.y) * step) / 10 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

export async function mouseDrag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

export async function checkAccessibility(page, where) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${where}`);
}

// The whole page, as a screen that tall would show it (so the sticky save bar
// sits at the bottom, not across the middle).
export async function shot(page, name) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
  await page.setViewportSize(viewport);
}

