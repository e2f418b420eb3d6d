/**
 * Wall-clock times in a named IANA time zone, for `<input type="datetime-local">` values that a coordinator types
 * in the event's zone while the API stores UTC instants (API.md, "Sales rules"). Built on Intl alone: the offset of a
 * zone at an instant is what Intl formats that instant as, minus the instant.
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallAt(epochMs: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(epochMs)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

const wallAsUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at that instant, in milliseconds (Europe/Paris in winter: +3,600,000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000; // Intl drops the milliseconds
  return wallAsUtc(wallAt(whole, timeZone)) - whole;
}

/** Whether Intl knows the zone name. */
export function isTimeZone(name: string): boolean {
  try {
    partsFormatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The browser's own zone (the default choice), UTC when the browser does not say. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/** Every zone Intl lists, with UTC and the given ones (the browser's may be an alias the list leaves out). */
export function timeZoneChoices(...include: string[]): string[] {
  const listed =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/Paris', 'UTC'];
  return [...new Set([...listed, 'UTC', ...include.filter(isTimeZone)])].sort();
}

/**
 * A wall time ("2026-12-04T10:00") in `timeZone` as an ISO-8601 UTC instant, or null when empty or not a time.
 * Like java.time: a time skipped by a clock change moves forward by the gap (02:30 on a spring-forward night is
 * 03:30 summer time); a time that happens twice (autumn) is its first occurrence.
 */
export function zonedInputToIso(value: string, timeZone: string): string | null {
  const match = WALL.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((n) => Number(n ?? 0));
  const wall = { year, month, day, hour, minute, second };
  const guess = wallAsUtc(wall);
  const check = new Date(guess);
  if (
    Number.isNaN(guess) ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  // At most one clock change a day: the offsets a day before and after are the only candidates.
  const before = zoneOffsetMs(guess - DAY, timeZone);
  const after = zoneOffsetMs(guess + DAY, timeZone);
  const candidates = [guess - before, guess - after].filter((t) => zoneOffsetMs(t, timeZone) === guess - t);
  const instant = candidates.length ? Math.min(...candidates) : guess - before;
  return new Date(instant).toISOString();
}

/** An ISO-8601 instant as the `datetime-local` value (minutes) of its wall time in `timeZone`; '' when empty. */
export function isoToZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) return '';
  const w = wallAt(epochMs, timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** "UTC+01:00" / "UTC−05:00" / "UTC": the zone's offset at that instant. */
export function formatOffset(timeZone: string, epochMs = Date.now()): string {
  const minutes = Math.round(zoneOffsetMs(epochMs, timeZone) / MINUTE);
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Calendar days from `from` to `to` as the zone's clocks show them (not 24-hour periods). */
export function calendarDaysBetween(fromMs: number, toMs: number, timeZone: string): number {
  const day = (ms: number) => {
    const w = wallAt(ms, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day) / DAY;
  };
  return Math.round(day(toMs) - day(fromMs));
}

const ZONE_KEY = 'fundrbolt.admin.timeZone';

/** The zone the coordinator last chose for sales times on this browser, else the browser's own. */
export function preferredTimeZone(): string {
  try {
    const saved = localStorage.getItem(ZONE_KEY);
    if (saved && isTimeZone(saved)) return saved;
  } catch {
    // storage refused (private mode): the browser's zone will do
  }
  return browserTimeZone();
}

export function rememberTimeZone(timeZone: string): void {
  try {
    localStorage.setItem(ZONE_KEY, timeZone);
  } catch {
    // not remembered; the form still works in the chosen zone
  }
}
