// What an API error means to the person, in their language. `context` says
// what was being done, since the same status means different things:
// 'password' (a name's password), 'admin' (the organiser link), 'write' (an
// answer), 'calendar' (an imported file), 'event' (loading the event).
import { t } from './i18n.js';

export function errorMessage(error, context = '', event = null) {
  switch (error.status) {
    case 0: return t('error.network');
    case 401: return context === 'admin' ? t('error.wrongToken') : t('error.passwordNeeded');
    case 403: return context === 'admin' ? t('error.wrongToken') : t('error.wrongPassword');
    case 404: return context === 'event' || /event/.test(error.detail) ? t('error.unknownEvent') : t('error.other', { status: 404 });
    case 413: return t('error.tooLarge');
    case 423: {
      const closed = event && event.closesAt && new Date(event.closesAt) <= new Date();
      return closed ? t('error.closed') : t('error.locked');
    }
    case 429: return t('error.tooMany');
    case 503: return t('error.unavailable');
    case 400:
      if (context === 'calendar') return t('error.badCalendar', { detail: error.detail });
      if (/before today|past/.test(error.detail)) return t('error.pastDate');
      return t('error.invalid', { detail: firstFieldError(error) || error.detail });
    default: return t('error.other', { status: error.status });
  }
}

function firstFieldError(error) {
  const messages = Object.values(error.errors || {});
  return messages.length ? messages[0] : '';
}
