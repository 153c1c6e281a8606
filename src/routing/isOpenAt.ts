// Whether a channel with the given hours is open at an instant, judged on the Amsterdam wall clock.
import { clockMinutes, weeklyIntervals, type Hours, type HoursInput } from './hours.js';
import { toLocalTime } from './amsterdamClock.js';
import { isPublicHoliday } from './publicHolidays.js';

/** Unknown hours are never open: an unverified service must not be shown as "open now". */
export function isOpenAt(hours: Hours | HoursInput, date: Date): boolean {
  const intervals = weeklyIntervals(hours);
  if (intervals === null) return !Array.isArray(hours) && hours.type === 'always';
  const local = toLocalTime(date);
  let holiday: boolean | undefined;
  for (const interval of intervals) {
    if (!interval.days.includes(local.weekday)) continue;
    if (local.minutes < clockMinutes(interval.from) || local.minutes >= clockMinutes(interval.to)) continue;
    if (interval.closedOnPublicHolidays) {
      holiday ??= isPublicHoliday(local);
      if (holiday) continue;
    }
    return true;
  }
  return false;
}
