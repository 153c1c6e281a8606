// The Amsterdam wall clock: local fields of an instant, local time to instant, ISO formatting with offset.
import { describe, expect, it } from 'vitest';
import { formatAmsterdamIso, fromLocalTime, toLocalTime } from '../../src/routing/amsterdamClock.js';

describe('amsterdam clock', () => {
  it('reads winter and summer time', () => {
    expect(toLocalTime(new Date('2026-01-15T23:30:00Z'))).toMatchObject({ dayKey: '2026-01-16', weekday: 'fri', minutes: 30 });
    expect(toLocalTime(new Date('2026-07-15T22:30:00Z'))).toMatchObject({ dayKey: '2026-07-16', weekday: 'thu', minutes: 30 });
  });

  it('formats with the offset in force at that instant and whole seconds', () => {
    expect(formatAmsterdamIso(new Date('2026-11-26T08:00:00.250Z'))).toBe('2026-11-26T09:00:00+01:00');
    expect(formatAmsterdamIso(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29T01:59:59+01:00');
    expect(formatAmsterdamIso(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
    expect(formatAmsterdamIso(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00');
    expect(formatAmsterdamIso(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
  });

  it('turns local wall time into the right instant on both switch days', () => {
    expect(fromLocalTime({ year: 2026, month: 3, day: 29 }, 11 * 60).toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(fromLocalTime({ year: 2026, month: 10, day: 25 }, 11 * 60).toISOString()).toBe('2026-10-25T10:00:00.000Z');
    // 02:30 does not exist in March: it moves on by the hour the clock skips.
    expect(fromLocalTime({ year: 2026, month: 3, day: 29 }, 150).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice in October: the first one.
    expect(fromLocalTime({ year: 2026, month: 10, day: 25 }, 150).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 24:00 is the next midnight.
    expect(fromLocalTime({ year: 2026, month: 11, day: 28 }, 1440).toISOString()).toBe('2026-11-28T23:00:00.000Z');
  });
});
