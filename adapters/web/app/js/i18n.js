// Korean and English: the words of the app, and dates, times and time zones
// through Intl in the reader's locale (24-hour or 12-hour as it prefers).
import * as store from './store.js';

const messages = {
  en: {
    'app.language': 'Language',
    'app.notFound': 'This page does not exist.',
    'app.home': 'Create an event',
    'app.loading': 'Loading…',
    'create.title': 'Plan a meeting',
    'create.lead': 'Pick the candidate days and hours, share the link, and see when everyone is free.',
    'create.name': 'Event name',
    'create.namePlaceholder': 'Team dinner, study group…',
    'create.kind': 'Which days?',
    'create.kindDates': 'Specific dates',
    'create.kindWeekdays': 'Days of the week',
    'create.dates': 'Candidate dates',
    'create.datesHint': 'Tap days to choose them, or drag across several.',
    'create.datesChosen': '{n} dates chosen',
    'create.weekdays': 'Days of the week',
    'create.from': 'From',
    'create.to': 'To',
    'create.window': 'Hours each day',
    'create.slot': 'Slot length',
    'create.minutes': '{n} minutes',
    'create.zone': 'Time zone',
    'create.more': 'More options',
    'create.description': 'Description',
    'create.location': 'Location',
    'create.closes': 'Stop taking answers at',
    'create.submit': 'Create event',
    'create.creating': 'Creating…',
    'create.needDates': 'Choose at least one date.',
    'create.needWeekdays': 'Choose at least one day of the week.',
    'create.needTitle': 'Give the event a name.',
    'create.badWindow': 'The end must come after the start.',
    'create.recent': 'Your recent events',
    'calendar.previous': 'Previous month',
    'calendar.next': 'Next month',
    'created.title': 'Your event is ready',
    'created.share': 'Share this link with the group',
    'created.shareButton': 'Share',
    'created.copy': 'Copy',
    'created.copied': 'Copied',
    'created.admin': 'Your organiser link',
    'created.adminWarning': 'Keep this link private. It is the only way to manage the event (decide the time, lock it, remove people), and it is shown only now.',
    'created.open': 'Open the event',
    'event.notFound': 'This event does not exist, or it has expired.',
    'event.share': 'Share',
    'event.locked': 'The organiser has locked this event: answers can no longer change.',
    'event.closed': 'This event stopped taking answers on {when}.',
    'event.closes': 'Answers close on {when}.',
    'event.decided': 'Meeting time',
    'event.addToCalendar': 'Add to calendar',
    'event.timesIn': 'Times in {zone}',
    'event.organiser': 'You are the organiser of this event.',
    'event.noDays': 'This event has no dates yet.',
    'you.title': 'Your availability',
    'you.signIn': 'Your name',
    'you.password': 'Password (optional)',
    'you.passwordHint': 'Protects your answers: with a password, only you can change them.',
    'you.continue': 'Continue',
    'you.as': 'Answering as {name}',
    'you.change': 'Not you?',
    'you.brush': 'Brush',
    'brush.available': 'Available',
    'brush.ifNeeded': 'If needed',
    'brush.erase': 'Erase',
    'you.help': 'Drag to paint a rectangle, tap to toggle a slot. It saves itself.',
    'you.keys': 'Keyboard: arrows move, Space toggles, Shift+arrows paint a rectangle, Ctrl+Z undoes.',
    'you.saved': 'Saved',
    'you.unsaved': 'Unsaved changes',
    'you.restored': 'Your unsaved changes were restored.',
    'you.retry': 'Try again',
    'you.import': 'Import a calendar (.ics)',
    'you.importHint': 'Importing replaces your answers with the times your calendar is free.',
    'you.imported': 'Calendar imported.',
    'you.clearAll': 'Clear all',
    'you.fillAll': 'Fill all',
    'grid.label': 'Your availability, one cell per time slot',
    'grid.groupLabel': 'Group availability, one cell per time slot',
    'grid.previousDays': 'Earlier days',
    'grid.nextDays': 'Later days',
    'grid.daysShown': '{from}–{to} of {n} days',
    'slot.available': 'available',
    'slot.ifNeeded': 'if needed',
    'slot.unavailable': 'not available',
    'slot.summary': '{available} of {total} available',
    'slot.summaryIfNeeded': '{available} of {total} available, {ifNeeded} if needed',
    'group.title': 'Group availability',
    'group.people': 'People ({n})',
    'group.nobody': 'Nobody has answered yet. Share the link!',
    'group.zoneEvent': '{zone} (event)',
    'group.zoneHere': '{zone} (yours)',
    'group.canCome': 'Available',
    'group.ifNeeded': 'If needed',
    'group.cannot': 'Not available',
    'group.pick': 'Tap or hover a slot to see who can make it.',
    'group.legend': 'Fewer people → more people',
    'best.title': 'Best times',
    'best.duration': 'Length',
    'best.minPeople': 'Minimum people',
    'best.find': 'Find times',
    'best.none': 'No time fits these conditions.',
    'best.available': '{n} available',
    'best.ifNeeded': '{n} if needed',
    'best.missing': 'Missing: {names}',
    'best.decide': 'Choose this time',
    'organiser.title': 'Organiser',
    'organiser.details': 'Details',
    'organiser.saveDetails': 'Save details',
    'organiser.saved': 'Saved.',
    'organiser.answers': 'Answers',
    'organiser.lock': 'Lock answers',
    'organiser.unlock': 'Unlock answers',
    'organiser.closes': 'Stop taking answers at',
    'organiser.remove': 'Remove a person',
    'organiser.removeButton': 'Remove',
    'organiser.removeConfirm': 'Remove {name} and all their answers?',
    'organiser.undecide': 'Clear the meeting time',
    'organiser.csv': 'Export answers (CSV)',
    'error.network': 'The server could not be reached. Check your connection and try again.',
    'error.unknownEvent': 'This event does not exist, or it has expired.',
    'error.passwordNeeded': 'This name is protected by a password. Enter it to continue.',
    'error.wrongPassword': 'Wrong password for this name.',
    'error.tooMany': 'Too many wrong attempts. Wait a few minutes and try again.',
    'error.locked': 'This event is locked: answers can no longer change.',
    'error.closed': 'This event is closed: answers can no longer change.',
    'error.wrongToken': 'This organiser link is not valid for this event.',
    'event.linkIgnored': 'Nothing on this device changed.',
    'event.linkUnchecked': 'The organiser link could not be checked yet: reload the page to try again.',
    'error.invalid': 'Please check this: {detail}',
    'error.tooLarge': 'That file is too large.',
    'error.unavailable': 'The server is busy. Try again in a moment.',
    'error.other': 'Something went wrong ({status}). Try again.',
    'error.pastDate': 'A chosen date is in the past for this time zone.',
    'error.badCalendar': 'That calendar file could not be read: {detail}',
    'app.nav': 'Pages',
    'app.teams': 'Teams',
    'create.forTeam': 'New event for {team}',
    'create.forTeamLead': 'The event joins the team’s list, and members can fill in their answers from their team week in one tap.',
    'created.backToTeam': 'Back to {team}',
    'app.reload': 'Reload',
    'you.signedOut': 'Signed out of {name}.',
    'you.undo': 'Undo',
    'you.similarName': '“{name}” has already answered. If that is you, type the name just so; to answer as “{typed}”, press Continue again.',
    'you.passwordNeeded': 'Password for this name',
    'you.lockedPaint': 'Answers are locked: nothing can be painted.',
    'you.closedPaint': 'This event no longer takes answers: nothing can be painted.',
    'save.saving': 'Saving…',
    'save.saved': 'Saved',
    'save.retrying': 'Not saved — retrying',
    'save.failed': 'Not saved',
    'people.find': 'Find a person',
    'people.everyone': 'Everyone',
    'people.slots': '{n} slots',
    'people.slot': '1 slot',
    'people.only': 'Only',
    'people.onlyName': 'Show only {name}',
    'people.must': 'Must attend',
    'people.mustName': '{name} must attend',
    'people.noMatch': 'Nobody by that name.',
    'group.showingAll': 'Showing everyone ({n})',
    'group.showingSome': 'Showing {n} of {total}',
    'group.maybeMark': 'someone only if needed',
    'event.viewYou': 'Your answers',
    'event.organiserTools': 'Organiser tools: lock, remove people, export ↓',
    'event.viewGroup': 'Group ({n})',
    'event.view': 'Show',
    'event.clock': 'Times in',
    'best.minutes': '{n} min',
    'best.hours': '{n} h',
    'best.hoursMinutes': '{h} h {m} min',
    'best.requiredNames': 'Must attend: {names}',
    'best.requiredHint': 'Mark who must attend in the group’s people list.',
    'best.block': 'Free from {from} to {to}',
    'best.decided': 'Chosen: {when}. Everyone now sees it at the top of the page.',
    'organiser.link': 'Your organiser link',
    'organiser.removed': '{name} was removed.',
    'organiser.locked': 'Answers are locked.',
    'organiser.unlocked': 'Answers are open again.',
  },
  ko: {
    'app.language': '언어',
    'app.notFound': '없는 페이지입니다.',
    'app.home': '일정 만들기',
    'app.loading': '불러오는 중…',
    'create.title': '모임 시간 정하기',
    'create.lead': '후보 날짜와 시간을 고르고 링크를 공유하면, 모두가 가능한 시간을 한눈에 볼 수 있어요.',
    'create.name': '일정 이름',
    'create.namePlaceholder': '팀 회식, 스터디…',
    'create.kind': '어떤 날짜인가요?',
    'create.kindDates': '특정 날짜',
    'create.kindWeekdays': '요일',
    'create.dates': '후보 날짜',
    'create.datesHint': '날짜를 눌러 고르거나, 끌어서 여러 날을 한 번에 고르세요.',
    'create.datesChosen': '{n}일 선택됨',
    'create.weekdays': '요일',
    'create.from': '시작',
    'create.to': '끝',
    'create.window': '하루 중 시간대',
    'create.slot': '칸 단위',
    'create.minutes': '{n}분',
    'create.zone': '시간대',
    'create.more': '추가 설정',
    'create.description': '설명',
    'create.location': '장소',
    'create.closes': '응답 마감 시각',
    'create.submit': '일정 만들기',
    'create.creating': '만드는 중…',
    'create.needDates': '날짜를 하나 이상 고르세요.',
    'create.needWeekdays': '요일을 하나 이상 고르세요.',
    'create.needTitle': '일정 이름을 입력하세요.',
    'create.badWindow': '끝 시각은 시작 시각보다 늦어야 해요.',
    'create.recent': '최근 일정',
    'calendar.previous': '이전 달',
    'calendar.next': '다음 달',
    'created.title': '일정이 만들어졌어요',
    'created.share': '이 링크를 참여자들에게 보내세요',
    'created.shareButton': '공유',
    'created.copy': '복사',
    'created.copied': '복사됨',
    'created.admin': '관리자 링크',
    'created.adminWarning': '이 링크는 혼자만 보관하세요. 일정을 관리(시간 확정, 잠금, 참여자 삭제)할 수 있는 유일한 방법이며, 지금 한 번만 보여요.',
    'created.open': '일정 열기',
    'event.notFound': '없거나 기간이 지난 일정입니다.',
    'event.share': '공유',
    'event.locked': '관리자가 일정을 잠갔어요. 더 이상 응답을 바꿀 수 없어요.',
    'event.closed': '{when}에 응답이 마감됐어요.',
    'event.closes': '응답 마감: {when}',
    'event.decided': '확정된 시간',
    'event.addToCalendar': '캘린더에 추가',
    'event.timesIn': '시간대: {zone}',
    'event.organiser': '이 일정의 관리자입니다.',
    'event.noDays': '아직 날짜가 없는 일정이에요.',
    'you.title': '내 가능한 시간',
    'you.signIn': '이름',
    'you.password': '비밀번호 (선택)',
    'you.passwordHint': '비밀번호를 정하면 나만 내 응답을 바꿀 수 있어요.',
    'you.continue': '계속',
    'you.as': '{name}(으)로 응답 중',
    'you.change': '본인이 아닌가요?',
    'you.brush': '칠하기',
    'brush.available': '가능',
    'brush.ifNeeded': '필요하면 가능',
    'brush.erase': '지우기',
    'you.help': '끌어서 사각형으로 칠하고, 눌러서 한 칸을 바꾸세요. 저절로 저장돼요.',
    'you.keys': '키보드: 화살표로 이동, 스페이스로 바꾸기, Shift+화살표로 사각형 칠하기, Ctrl+Z로 되돌리기.',
    'you.saved': '저장됨',
    'you.unsaved': '저장하지 않은 변경 사항',
    'you.restored': '저장하지 않았던 변경 사항을 되살렸어요.',
    'you.retry': '다시 시도',
    'you.import': '캘린더 가져오기 (.ics)',
    'you.importHint': '가져오면 캘린더에서 비어 있는 시간으로 응답이 바뀌어요.',
    'you.imported': '캘린더를 가져왔어요.',
    'you.clearAll': '모두 지우기',
    'you.fillAll': '모두 칠하기',
    'grid.label': '내 가능한 시간, 칸마다 한 시간 단위',
    'grid.groupLabel': '모두의 가능한 시간, 칸마다 한 시간 단위',
    'grid.previousDays': '이전 날짜',
    'grid.nextDays': '다음 날짜',
    'grid.daysShown': '{n}일 중 {from}–{to}',
    'slot.available': '가능',
    'slot.ifNeeded': '필요하면 가능',
    'slot.unavailable': '불가능',
    'slot.summary': '{total}명 중 {available}명 가능',
    'slot.summaryIfNeeded': '{total}명 중 {available}명 가능, {ifNeeded}명 필요하면 가능',
    'group.title': '모두의 가능한 시간',
    'group.people': '참여자 ({n})',
    'group.nobody': '아직 아무도 응답하지 않았어요. 링크를 공유하세요!',
    'group.zoneEvent': '{zone} (일정)',
    'group.zoneHere': '{zone} (내 위치)',
    'group.canCome': '가능',
    'group.ifNeeded': '필요하면 가능',
    'group.cannot': '불가능',
    'group.pick': '칸을 누르거나 마우스를 올리면 누가 되는지 보여요.',
    'group.legend': '적은 인원 → 많은 인원',
    'best.title': '추천 시간',
    'best.duration': '길이',
    'best.minPeople': '최소 인원',
    'best.find': '시간 찾기',
    'best.none': '조건에 맞는 시간이 없어요.',
    'best.available': '{n}명 가능',
    'best.ifNeeded': '{n}명 필요하면 가능',
    'best.missing': '불참: {names}',
    'best.decide': '이 시간으로 확정',
    'organiser.title': '관리자',
    'organiser.details': '일정 정보',
    'organiser.saveDetails': '정보 저장',
    'organiser.saved': '저장했어요.',
    'organiser.answers': '응답',
    'organiser.lock': '응답 잠그기',
    'organiser.unlock': '응답 잠금 풀기',
    'organiser.closes': '응답 마감 시각',
    'organiser.remove': '참여자 삭제',
    'organiser.removeButton': '삭제',
    'organiser.removeConfirm': '{name}님과 그 응답을 모두 지울까요?',
    'organiser.undecide': '확정 취소',
    'organiser.csv': '응답 내보내기 (CSV)',
    'error.network': '서버에 연결할 수 없어요. 연결을 확인하고 다시 시도하세요.',
    'error.unknownEvent': '없거나 기간이 지난 일정입니다.',
    'error.passwordNeeded': '비밀번호로 보호된 이름이에요. 비밀번호를 입력하세요.',
    'error.wrongPassword': '비밀번호가 틀렸어요.',
    'error.tooMany': '틀린 시도가 너무 많아요. 몇 분 뒤에 다시 시도하세요.',
    'error.locked': '잠긴 일정이라 응답을 바꿀 수 없어요.',
    'error.closed': '마감된 일정이라 응답을 바꿀 수 없어요.',
    'error.wrongToken': '이 일정의 관리자 링크가 아니에요.',
    'event.linkIgnored': '이 기기에서는 아무것도 바뀌지 않았어요.',
    'event.linkUnchecked': '관리자 링크를 아직 확인하지 못했어요. 페이지를 새로 고쳐 다시 시도하세요.',
    'error.invalid': '입력을 확인하세요: {detail}',
    'error.tooLarge': '파일이 너무 커요.',
    'error.unavailable': '서버가 바빠요. 잠시 뒤에 다시 시도하세요.',
    'error.other': '문제가 생겼어요 ({status}). 다시 시도하세요.',
    'error.pastDate': '이 시간대 기준으로 이미 지난 날짜가 있어요.',
    'error.badCalendar': '캘린더 파일을 읽을 수 없어요: {detail}',
    'app.nav': '페이지',
    'app.teams': '팀',
    'create.forTeam': '{team} 팀의 새 일정',
    'create.forTeamLead': '일정은 팀 목록에 추가되고, 팀원은 팀의 한 주 시간으로 한 번에 답을 채울 수 있어요.',
    'created.backToTeam': '{team}(으)로 돌아가기',
    'app.reload': '새로 고침',
    'you.signedOut': '{name}(으)로 응답하던 것을 멈췄어요.',
    'you.undo': '되돌리기',
    'you.similarName': '“{name}” 님이 이미 응답했어요. 본인이라면 이름을 똑같이 입력하세요. “{typed}”(으)로 응답하려면 계속을 한 번 더 누르세요.',
    'you.passwordNeeded': '이 이름의 비밀번호',
    'you.lockedPaint': '응답이 잠겨 있어서 칠할 수 없어요.',
    'you.closedPaint': '이 일정은 더 이상 응답을 받지 않아서 칠할 수 없어요.',
    'save.saving': '저장 중…',
    'save.saved': '저장됨',
    'save.retrying': '저장 안 됨 — 다시 시도하는 중',
    'save.failed': '저장 안 됨',
    'people.find': '사람 찾기',
    'people.everyone': '모두 보기',
    'people.slots': '{n}칸',
    'people.slot': '1칸',
    'people.only': '이 사람만',
    'people.onlyName': '{name}만 보기',
    'people.must': '꼭 참석',
    'people.mustName': '{name} 꼭 참석',
    'people.noMatch': '그런 이름이 없어요.',
    'group.showingAll': '모두 {n}명을 보는 중',
    'group.showingSome': '{total}명 중 {n}명을 보는 중',
    'group.maybeMark': '필요하면 가능한 사람 있음',
    'event.viewYou': '내 응답',
    'event.organiserTools': '주최자 도구: 잠그기, 사람 빼기, 내보내기 ↓',
    'event.viewGroup': '모두의 응답 ({n})',
    'event.view': '보기',
    'event.clock': '시간대',
    'best.minutes': '{n}분',
    'best.hours': '{n}시간',
    'best.hoursMinutes': '{h}시간 {m}분',
    'best.requiredNames': '꼭 참석: {names}',
    'best.requiredHint': '꼭 참석할 사람은 모두의 응답 아래 사람 목록에서 고르세요.',
    'best.block': '{from}부터 {to}까지 비어 있음',
    'best.decided': '{when}(으)로 정했어요. 이제 모두가 페이지 맨 위에서 볼 수 있어요.',
    'organiser.link': '내 주최자 링크',
    'organiser.removed': '{name} 님을 뺐어요.',
    'organiser.locked': '응답을 잠갔어요.',
    'organiser.unlocked': '응답을 다시 받아요.',
  },
};

export const languages = [
  { code: 'en', name: 'English' },
  { code: 'ko', name: '한국어' },
];

function detect() {
  const chosen = store.language();
  if (chosen && messages[chosen]) return chosen;
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = tag.toLowerCase().split('-')[0];
    if (messages[base]) return base;
  }
  return 'en';
}

let current = detect();
const listeners = new Set();

export const lang = () => current;

export function setLang(code) {
  if (!messages[code] || code === current) return;
  current = code;
  store.setLanguage(code);
  document.documentElement.lang = code;
  for (const listener of listeners) listener();
}

// Time zones: the browser's, and every IANA zone it knows.
export function browserZone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch { return 'UTC'; }
}

export function zoneNames() {
  try { return Intl.supportedValuesOf('timeZone'); } catch { return [browserZone(), 'UTC']; }
}

// The zone an event is shown in on this device: chosen once per event, the
// browser's until then.
export const viewZone = (uuid) => store.viewZoneChoice(uuid) || browserZone();

// Words that only some pages need (team mode) join from their own module.
export function addMessages(more) {
  for (const [code, words] of Object.entries(more)) Object.assign(messages[code], words);
}

// Called after every language change (views re-render).
export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function t(key, params = {}) {
  const text = messages[current][key] ?? messages.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

// The locale for Intl: the language, with the browser's region when it matches.
function locale() {
  const preferred = (navigator.languages || []).find((tag) => tag.toLowerCase().startsWith(current));
  return preferred || current;
}

// "2026-12-01" → "Tue, Dec 1" / "12월 1일 (화)"
export function formatDay(isoDate, { long = false } = {}) {
  const [year, month, day] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC', weekday: 'short', month: long ? 'long' : 'short', day: 'numeric',
    year: long ? 'numeric' : undefined,
  }).format(date);
}

// "2026-12-01" as a column's two lines: {weekday: "Tue", date: "Dec 1"}.
export function formatDayParts(isoDate) {
  const [year, month, day] = isoDate.split('-').map(Number);
  const instant = new Date(Date.UTC(year, month - 1, day));
  const format = (options) => new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', ...options }).format(instant);
  // Korean's "12월 10일" is too wide for a phone's column: "12. 10." fits.
  const date = current === 'ko' ? { month: 'numeric', day: 'numeric' } : { month: 'short', day: 'numeric' };
  return { weekday: format({ weekday: 'short' }), date: format(date) };
}

// "MON" → "Mon" / "월"; long: "Monday" / "월요일"
export function formatWeekday(key, { long = false } = {}) {
  const index = weekdayKeys.indexOf(key);
  const monday = new Date(Date.UTC(2024, 0, 1 + index));  // 2024-01-01 was a Monday
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: long ? 'long' : 'short' })
    .format(monday);
}

export const weekdayKeys = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

// A day key of an event: a date, or a weekday key.
export const formatDayKey = (key, options) =>
  (weekdayKeys.includes(key) ? formatWeekday(key, options) : formatDay(key, options));

// "13:30" → "13:30" or "1:30 PM", by locale; "24:00" shows as midnight.
export function formatTime(hhmm) {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const date = new Date(Date.UTC(2024, 0, 1, hours % 24, minutes));
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' })
    .format(date);
}

// An instant in a zone: "Tue, Dec 1, 10:00".
export function formatInstant(iso, zone) {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
  }).format(new Date(iso));
}

export function formatInstantTime(iso, zone) {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: 'numeric', minute: '2-digit' })
    .format(new Date(iso));
}

// A list of names: "Ann, Bo and Cy" / "Ann, Bo, Cy"
export function formatList(names) {
  return new Intl.ListFormat(locale(), { style: 'short', type: 'conjunction' }).format(names);
}

document.documentElement.lang = current;
