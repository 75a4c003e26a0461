// Save as you paint: each finished stroke is sent by itself, shortly after
// the finger lifts, as the person's whole schedule. Until the server has
// acknowledged the latest stroke it stays in the device's draft (store.js),
// so a reload, a closed tab or a lost connection loses nothing; failures
// that may pass (no network, a busy or restarting server) are retried with
// growing pauses, and at once when the browser comes back online. The page
// warns before leaving only while something is unsaved.
//
// A saver belongs to one person: it sends its own copy of their latest
// stroke, never what the page shows later (someone else may have signed in).
import { api } from './api.js';
import * as store from './store.js';

const settle = 250;                // ms after a stroke before it is sent
const backoff = [1, 2, 4, 8, 10];  // seconds between retries

// Failures a later try may get past.
const passing = (error) => error.status === 0 || error.status === 429 || error.status >= 500;

export class AnswerSaver {
  // order(): the event's day keys, in the order the API takes them; blank:
  // a day's answer with nothing marked (a date added since the stroke);
  // onState(state, error): 'saving' | 'saved' | 'retrying' | 'failed' | 'password';
  // onSaved(schedules): the server's answer to the latest change.
  constructor({ uuid, name, password, order, blank, onState, onSaved }) {
    Object.assign(this, { uuid, name, password, order, blank, onState, onSaved });
    this.latest = null;     // {key: day string}, the latest stroke's
    this.version = 0;       // changes made
    this.savedVersion = 0;  // changes the server has
    this.sending = false;
    this.timer = null;
    this.failures = 0;
    this.notBefore = 0;     // a 429's Retry-After: no request before then
    this.onUnload = (event) => {
      if (!this.unsaved) return;
      event.preventDefault();
      event.returnValue = '';
    };
    this.onOnline = () => { if (this.unsaved && !this.stopped) this.retry(); };
    // A tab closed (or sent to the background) right after a stroke: send it
    // now, through the same queue, in a request that outlives the page.
    this.onHide = (event) => {
      if (event.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
      if (this.unsaved && !this.stopped) this.send({ keepalive: true });
    };
    window.addEventListener('beforeunload', this.onUnload);
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onHide);
  }

  get unsaved() { return this.version > this.savedVersion; }

  // A finished stroke: keep it on the device, send it soon.
  changed(snapshot) {
    this.latest = { ...snapshot };
    this.version += 1;
    store.setDraft(this.uuid, { name: this.name, days: this.latest });
    this.failures = 0;
    this.halted = false;
    this.onState('saving');  // at once: the status never says "Saved" over an unsent stroke
    this.schedule(settle);
  }

  schedule(delay) {
    clearTimeout(this.timer);
    const wait = Math.max(delay, this.notBefore - Date.now());
    this.timer = setTimeout(() => { this.timer = null; this.send(); }, wait);
  }

  // One request at a time; a change made while one is out is sent after it.
  async send({ keepalive = false } = {}) {
    if (this.sending || !this.unsaved || this.stopped) return;
    this.sending = true;
    const version = this.version;
    const days = this.order().map((key) => this.latest[key] ?? this.blank);
    this.onState('saving');
    try {
      const schedules = await api.putSchedules(this.uuid, this.name, days, this.password, { keepalive });
      if (this.stopped) return;
      this.savedVersion = Math.max(this.savedVersion, version);
      this.failures = 0;
      this.halted = false;
      if (!this.unsaved) {
        if (store.draft(this.uuid)?.name === this.name) store.setDraft(this.uuid, null);
        this.onState('saved');
        this.onSaved(schedules);
      }
    } catch (error) {
      if (this.stopped) return;
      this.fail(error);
    } finally {
      this.sending = false;
    }
    if (this.unsaved && !this.timer && !this.halted && !this.stopped) this.schedule(0);
  }

  fail(error) {
    this.halted = true;
    if (error.status === 401 || error.status === 403) {
      this.onState('password', error);
    } else if (passing(error)) {
      const seconds = error.retryAfter || backoff[Math.min(this.failures, backoff.length - 1)];
      this.failures += 1;
      if (error.retryAfter) this.notBefore = Date.now() + error.retryAfter * 1000;
      this.onState('retrying', error);
      this.schedule(seconds * 1000);
    } else {
      this.onState('failed', error);
    }
  }

  // Sends what is unsaved now (a retry asked for by the person, or a
  // password given after a 401).
  retry() { this.failures = 0; this.halted = false; this.schedule(0); }

  // Goes on sending what is unsaved with nobody watching (the person signed
  // out mid-save), then stops; at once if it had given up.
  finishQuietly() {
    this.onSaved = () => {};
    this.onState = (state) => { if (state !== 'saving' && state !== 'retrying') this.stop(); };
    if (!this.unsaved || (this.halted && !this.timer)) this.stop();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    window.removeEventListener('beforeunload', this.onUnload);
    window.removeEventListener('online', this.onOnline);
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.onHide);
  }
}
