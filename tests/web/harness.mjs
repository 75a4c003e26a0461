// What every browser test needs: the real bistime-server on a loopback port
// (a fresh SQLite file), Debian's chromium driven by playwright-core, and
// small helpers to call the API directly when setting a scene.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const serverPath = process.env.BISTIME_SERVER || path.resolve(import.meta.dirname, '../../build/app/bistime-server');
const chromiumPath = process.env.BISTIME_CHROMIUM || '/usr/bin/chromium';

export async function startServer(extra = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bistime-web-'));
  const child = spawn(serverPath, ['--port', '0', '--db', `sqlite:${dir}/web.db`, '--quiet', '--timezone', 'UTC', ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no banner from the server: ${text}`)), 15000);
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (match) { clearTimeout(timer); resolve(Number(match[1])); }
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${text}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => { if (child.exitCode !== null) resolve(); else child.on('exit', resolve); });
      rmSync(dir, { recursive: true, force: true });
    },
    async api(method, target, body, headers = {}) {
      const response = await fetch(base + target, {
        method, headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
export const desktop = { viewport: { width: 1280, height: 800 } };

// A new page that fails the test on any console error or uncaught exception.
export async function newPage(browser, options, { locale = 'en-US', timezoneId = 'Europe/Berlin' } = {}) {
  const context = await browser.newContext({ ...options, locale, timezoneId });
  const page = await context.newPage();
  page.consoleErrors = [];
  // Chromium logs every 4xx answer as a console error; the app asks some
  // questions whose answer may be a 4xx (is this name protected? 404 says
  // no), and shows what it means. Scripts' errors still fail the test.
  const answered = /^Failed to load resource: the server responded with a status of 4\d\d/;
  page.on('console', (message) => {
    if (message.type() === 'error' && !answered.test(message.text())) page.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => page.consoleErrors.push(String(error)));
  return page;
}

// "YYYY-MM-DD", `days` after today (UTC).
export function dayFromToday(days) {
  const date = new Date(Date.now() + days * 86400000);
  return date.toISOString().slice(0, 10);
}
