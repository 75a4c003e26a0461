// Save as you paint: each finished stroke is sent by itself, shortly after
// the finger lifts, as the person's whole schedule. Until the server has
// acknowledged the latest stroke it stays in the device's draft (store.js),
// so a reload, a closed tab or a lost connection loses nothing; failures
// that may pass (no network, a busy or restarting server) are retried with
// growing pauses, and at once when the browser comes back online. The page
// warns before leaving only while something is unsaved.
import { api } from './api.js';
import * as store from './store.js';

const settle = 250;                 // ms after a stroke before it is sent
const backoff = [1, 2, 4, 8, 10];  // seconds between retries

// Failures a later try may get past.
const passing = (error) => error.status === 0 || error.status === 429 || error.status >= 500;

export class AnswerSaver {
  // days(): the schedule to send (one string per event day, in order);
  // onState(state, error): 'saving' | 'saved' | 'retrying' | 'failed' | 'password';
  // onSaved(schedules): the server's answer to the latest change.
  constructor({ uuid, name, password, days, onState, onSaved }) {
    Object.assign(this, { uuid, name, password, days, onState, onSaved });
    this.version = 0;       // changes made
    this.savedVersion = 0;  // changes the server has
    this.sending = false;
    this.timer = null;
    this.failures = 0;
    this.onUnload = (event) => {
      if (!this.unsaved) return;
      event.preventDefault();
      event.returnValue = '';
    };
    this.onOnline = () => { if (this.unsaved && !this.stopped) this.retry(); };
    // A tab closed (or sent to the background) right after a stroke: send
    // it now, in a request that outlives the page. The draft stays until a
    // later visit sees the server has it.
    this.onHide = (event) => {
      if (event.type === 'visibilitychange' && document.visibilityState !== 'hidden') return;
      if (!this.unsaved || this.stopped) return;
      api.putSchedules(this.uuid, this.name, this.days(), this.password, { keepalive: true }).catch(() => {});
    };
    window.addEventListener('beforeunload', this.onUnload);
    window.addEventListener('online', this.onOnline);
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onHide);
  }

  get unsaved() { return this.version > this.savedVersion; }

  // A finished stroke: keep it on the device, send it soon.
  changed(snapshot) {
    this.version += 1;
    store.setDraft(this.uuid, { name: this.name, days: snapshot });
    this.failures = 0;
    this.halted = false;
    this.onState('saving');  // at once: the status never says "Saved" over an unsent stroke
    this.schedule(settle);
  }

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.send(); }, delay);
  }

  // One request at a time; a change made while one is out is sent after it.
  async send() {
    if (this.sending || !this.unsaved || this.stopped) return;
    this.sending = true;
    const version = this.version;
    this.onState('saving');
    try {
      const schedules = await api.putSchedules(this.uuid, this.name, this.days(), this.password);
      if (this.stopped) return;
      this.savedVersion = Math.max(this.savedVersion, version);
      this.failures = 0;
      this.halted = false;
      if (!this.unsaved) {
        store.setDraft(this.uuid, null);
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
  // out mid-save), then stops.
  finishQuietly() {
    this.onSaved = () => {};
    this.onState = (state) => { if (state !== 'saving' && state !== 'retrying') this.stop(); };
    if (!this.unsaved) this.stop();
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
