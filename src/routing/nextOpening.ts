// When a closed channel next opens: the start of its next weekly interval, as ISO 8601 with the Amsterdam offset.
import { clockMinutes, weeklyIntervals, type Hours, type HoursInput } from './hours.js';
import { addDays, formatAmsterdamIso, fromLocalTime, toLocalTime, weekdayOf } from './amsterdamClock.js';
import { isOpenAt } from './isOpenAt.js';
import { isPublicHoliday } from './publicHolidays.js';

/** How far ahead to look, in calendar days. Two weeks covers any weekly schedule plus a run of holidays. */
export const NEXT_OPENING_SEARCH_DAYS = 14;

/**
 * The next instant after `date` at which the channel opens, e.g. "2026-11-26T09:00:00+01:00".
 * null when there is nothing to wait for or nothing we can say: the channel is open at `date`,
 * its hours are "always" or "unknown", or it does not open within NEXT_OPENING_SEARCH_DAYS.
 */
export function nextOpening(hours: Hours | HoursInput, date: Date): string | null {
  const intervals = weeklyIntervals(hours);
  if (intervals === null || isOpenAt(hours, date)) return null;
  const today = toLocalTime(date);
  for (let offset = 0; offset <= NEXT_OPENING_SEARCH_DAYS; offset += 1) {
    const day = addDays(today, offset);
    const weekday = weekdayOf(day);
    let best: Date | null = null;
    for (const interval of intervals) {
      if (!interval.days.includes(weekday)) continue;
      if (interval.closedOnPublicHolidays && isPublicHoliday(day)) continue;
      const opens = fromLocalTime(day, clockMinutes(interval.from));
      if (opens.getTime() <= date.getTime()) continue;
      if (best === null || opens.getTime() < best.getTime()) best = opens;
    }
    if (best !== null) return formatAmsterdamIso(best);
  }
  return null;
}
