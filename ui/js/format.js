// French formats for dates, times and numbers, and the conversions between what users type
// (28/11/2026, 9h30) and what the backend stores (2026-11-28, 09:30). Conversions only reshape
// recognisable input; anything else is passed through unchanged for the backend to judge.

import { tr } from './i18n.js';

const numberFormat = new Intl.NumberFormat('fr-FR');
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
const weekdayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' });
const longDateFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
});

/** 1234.5 → "1 234,5". */
export function formatNumber(value) {
  return value === null || value === undefined || value === '' ? '' : numberFormat.format(value);
}

/** "2026-11-28" → "28/11/2026"; anything else unchanged. */
export function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso || '');
}

/** An RFC 3339 timestamp → "28/11/2026 14:05" in local time. */
export function formatDateTime(timestamp) {
  if (!timestamp) return '';
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : dateTimeFormat.format(date);
}

/** "2026-03-03" → "mardi 3 mars 2026". */
export function formatLongDate(iso) {
  const date = isoToUtc(iso);
  return date ? longDateFormat.format(date) : formatDate(iso);
}

/** "2026-03-03" → "mardi". */
export function weekday(iso) {
  const date = isoToUtc(iso);
  return date ? weekdayFormat.format(date) : '';
}

function isoToUtc(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

/** What the user typed in a date field → ISO "YYYY-MM-DD" when recognisable ("3/3/2026" too). */
export function parseDate(text) {
  const value = (text || '').trim();
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) return `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return value;
}

/** What the user typed in a time field → "HH:MM" when recognisable ("9h30", "9:30", "14h"). */
export function parseTime(text) {
  const value = (text || '').trim();
  const match = /^(\d{1,2})\s*[hH:.]\s*(\d{2})?$/.exec(value);
  if (match) return `${match[1].padStart(2, '0')}:${match[2] || '00'}`;
  return value;
}

/** Today as ISO "YYYY-MM-DD" in local time. */
export function todayIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A duration in minutes as the printed programme writes it: "18 heures", "1 heure", "17 h 30", "45 minutes". */
export function formatDuration(total) {
  const minutes = Math.max(0, Math.round(total || 0));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return tr('format.minutes', { m: rest });
  if (rest) return tr('format.hoursMinutes', { h: hours, m: String(rest).padStart(2, '0') });
  return hours === 1 ? tr('format.hour') : tr('format.hours', { h: hours });
}

/** "1 jour", "3 jours". */
export function formatDays(count) {
  return tr(count <= 1 ? 'format.days.one' : 'format.days.other', { count: formatNumber(count) });
}

/** French collation for sorting labels. */
export const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
