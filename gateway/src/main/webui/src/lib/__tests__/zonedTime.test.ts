import { describe, expect, it } from 'vitest';
import {
  calendarDaysBetween,
  formatOffset,
  isoToZonedInput,
  isTimeZone,
  timeZoneChoices,
  zonedInputToIso,
} from '../zonedTime';

describe('a wall time in a zone to a UTC instant', () => {
  it('uses the zone’s offset on that date, winter and summer', () => {
    expect(zonedInputToIso('2026-12-04T10:00', 'Europe/Paris')).toBe('2026-12-04T09:00:00.000Z');
    expect(zonedInputToIso('2026-07-01T10:00', 'Europe/Paris')).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedInputToIso('2026-12-04T10:00', 'America/New_York')).toBe('2026-12-04T15:00:00.000Z');
    expect(zonedInputToIso('2026-12-04T10:00', 'Asia/Kolkata')).toBe('2026-12-04T04:30:00.000Z');
    expect(zonedInputToIso('2026-12-04T10:00', 'UTC')).toBe('2026-12-04T10:00:00.000Z');
    expect(zonedInputToIso('2026-12-04T10:00:30', 'UTC')).toBe('2026-12-04T10:00:30.000Z');
  });

  it('crosses the date line both ways', () => {
    expect(zonedInputToIso('2026-12-04T00:30', 'Europe/Paris')).toBe('2026-12-03T23:30:00.000Z');
    expect(zonedInputToIso('2026-12-31T20:00', 'America/Los_Angeles')).toBe('2027-01-01T04:00:00.000Z');
  });

  it('moves a time skipped by the spring clock change forward by the gap, like java.time', () => {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT in New York: 02:30 does not exist and means 03:30 EDT.
    expect(zonedInputToIso('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedInputToIso('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of a time that happens twice in autumn', () => {
    // 2026-11-01 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(zonedInputToIso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedInputToIso('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('answers null for empty or impossible times', () => {
    for (const value of [
      '',
      '  ',
      'tomorrow',
      '2026-02-30T10:00',
      '2026-12-04T24:00',
      '2026-12-04T10:60',
      '2026-12-04',
    ])
      expect(zonedInputToIso(value, 'Europe/Paris')).toBeNull();
  });
});

describe('a UTC instant to a wall time in a zone', () => {
  it('shows the instant on the zone’s clock, in datetime-local form', () => {
    expect(isoToZonedInput('2026-12-04T09:00:00.000Z', 'Europe/Paris')).toBe('2026-12-04T10:00');
    expect(isoToZonedInput('2026-12-04T09:00:00Z', 'America/New_York')).toBe('2026-12-04T04:00');
    expect(isoToZonedInput('2026-12-03T23:30:00+00:00', 'Europe/Paris')).toBe('2026-12-04T00:30');
    expect(isoToZonedInput('2026-12-04T10:00:00+01:00', 'UTC')).toBe('2026-12-04T09:00');
    expect(isoToZonedInput(null, 'UTC')).toBe('');
    expect(isoToZonedInput('not a date', 'UTC')).toBe('');
  });

  it('round-trips a year of instants across two clock changes (the repeated autumn hour reads as its first)', () => {
    const zone = 'Europe/Paris';
    const repeated = [Date.parse('2026-10-25T01:00:00Z'), Date.parse('2026-10-25T02:00:00Z')];
    for (
      let t = Date.parse('2026-01-01T00:00:00Z');
      t < Date.parse('2027-01-01T00:00:00Z');
      t += 3 * 3600_000 + 15 * 60_000
    ) {
      const back = Date.parse(zonedInputToIso(isoToZonedInput(new Date(t).toISOString(), zone), zone)!);
      expect(back).toBe(t >= repeated[0] && t < repeated[1] ? t - 3600_000 : t);
    }
  });
});

describe('zones', () => {
  it('names the offset at an instant', () => {
    expect(formatOffset('Europe/Paris', Date.parse('2026-12-04T09:00:00Z'))).toBe('UTC+01:00');
    expect(formatOffset('Europe/Paris', Date.parse('2026-07-04T09:00:00Z'))).toBe('UTC+02:00');
    expect(formatOffset('America/New_York', Date.parse('2026-12-04T09:00:00Z'))).toBe('UTC−05:00');
    expect(formatOffset('Asia/Kolkata', Date.parse('2026-12-04T09:00:00Z'))).toBe('UTC+05:30');
    expect(formatOffset('UTC')).toBe('UTC');
  });

  it('lists UTC and the browser’s zone among the choices, and knows a zone from a typo', () => {
    const choices = timeZoneChoices('Europe/Paris');
    expect(choices).toContain('UTC');
    expect(choices).toContain('Europe/Paris');
    expect(choices).toEqual([...choices].sort());
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Europe/Pariss')).toBe(false);
  });

  it('counts calendar days on the zone’s clock', () => {
    // 23:30Z on the 3rd is already the 4th in Paris.
    expect(
      calendarDaysBetween(Date.parse('2026-12-03T12:00:00Z'), Date.parse('2026-12-03T23:30:00Z'), 'Europe/Paris'),
    ).toBe(1);
    expect(calendarDaysBetween(Date.parse('2026-12-03T12:00:00Z'), Date.parse('2026-12-03T23:30:00Z'), 'UTC')).toBe(0);
  });
});
