// Wall-clock arithmetic in Europe/Amsterdam: the local day, weekday and time of an instant, and back, across DST.
import { tzOffset } from '@date-fns/tz';
import type { Weekday } from './hours.js';

export const TIME_ZONE = 'Europe/Amsterdam';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Date.getUTCDay() order: Sunday is 0. */
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A calendar day in Amsterdam, independent of any instant. */
export interface LocalDay {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export interface LocalTime extends LocalDay {
  weekday: Weekday;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
  /** "YYYY-MM-DD" of the local day. */
  dayKey: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function dayKey(day: LocalDay): string {
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

/** Offset of Amsterdam from UTC at that instant, in minutes (+60 in winter, +120 in summer). */
export function amsterdamOffsetMinutes(date: Date): number {
  return tzOffset(TIME_ZONE, date);
}

/** The Amsterdam wall clock at an instant. */
export function toLocalTime(date: Date): LocalTime {
  // Shifting by the offset and reading UTC fields gives the local fields without a formatter per call.
  const shifted = new Date(date.getTime() + amsterdamOffsetMinutes(date) * MINUTE_MS);
  const local: LocalDay = { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
  return {
    ...local,
    weekday: WEEKDAY_BY_UTC_DAY[shifted.getUTCDay()],
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
    dayKey: dayKey(local),
  };
}

/** The local day `count` days after `day` (calendar days, not 24-hour steps, so DST cannot skip one). */
export function addDays(day: LocalDay, count: number): LocalDay {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day) + count * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOf(day: LocalDay): Weekday {
  return WEEKDAY_BY_UTC_DAY[new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()];
}

/**
 * The instant when the Amsterdam clock shows `minutes` after midnight on `day`.
 * A wall time that does not exist (the skipped hour in March) moves forward by the jump (02:30 becomes 03:30),
 * and an ambiguous one (the repeated hour in October) takes the earlier instant, as Temporal's "compatible" does.
 */
export function fromLocalTime(day: LocalDay, minutes: number): Date {
  const wall = Date.UTC(day.year, day.month - 1, day.day) + minutes * MINUTE_MS;
  // A switch is at most one a day and moves the clock by at most an hour or two: the offsets in force three
  // hours either side of the wall time are the only ones that can apply.
  const before = amsterdamOffsetMinutes(new Date(wall - 3 * 60 * MINUTE_MS));
  const after = amsterdamOffsetMinutes(new Date(wall + 3 * 60 * MINUTE_MS));
  const candidates = [wall - before * MINUTE_MS, wall - after * MINUTE_MS];
  const showing = candidates.filter((t) => t + amsterdamOffsetMinutes(new Date(t)) * MINUTE_MS === wall);
  // Overlap (October): both show the time, take the earlier. Gap (March): neither does, read with the offset before.
  return new Date(showing.length > 0 ? Math.min(...showing) : wall - before * MINUTE_MS);
}

/** ISO 8601 with the Amsterdam offset and whole seconds, e.g. "2026-11-26T09:00:00+01:00". */
export function formatAmsterdamIso(date: Date): string {
  const offset = amsterdamOffsetMinutes(date);
  const shifted = new Date(date.getTime() + offset * MINUTE_MS);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
