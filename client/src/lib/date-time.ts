// Times are shown in the reader's own zone, named, so that a closing time is never misread.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
});
const zoneName = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' });

/** An ISO instant for people: "31 March 2027, 12:00 BST". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = zoneName.formatToParts(date).find((part) => part.type === 'timeZoneName');
  return zone ? `${dateTime.format(date)} ${zone.value}` : dateTime.format(date);
}

/** The time zone the browser runs in, as the hint under a date-time field names it. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` field's value ("2027-03-31T12:00"), in local time. */
export function toLocalInputValue(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A `datetime-local` value as an ISO date-time with the local offset of that very moment
 * ("2027-03-31T12:00:00+01:00"), so that summer time is right; null when it is no time.
 */
export function localInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  if (Number.isNaN(date.getTime()) || date.getDate() !== d) return null;
  // A time skipped by the clocks going forward lands an hour later; say what it became.
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unit(count: number, singular: string): string {
  return `${count} ${count === 1 ? singular : `${singular}s`}`;
}

/** A span ahead in words, to its two largest units: "3 days and 4 hours", "12 minutes". */
export function describeTimeLeft(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0)
    return hours > 0 ? `${unit(days, 'day')} and ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) {
    return minutes > 0
      ? `${unit(hours, 'hour')} and ${unit(minutes, 'minute')}`
      : unit(hours, 'hour');
  }
  return unit(minutes, 'minute');
}

const longDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' });

/** The day of an ISO instant, in the reader's zone: "1 May 2027". */
export function formatInstantDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : longDate.format(date);
}
