// Dutch national public holidays from the maintained date-holidays calendar, cached per year.
import Holidays from 'date-holidays';
import { dayKey, type LocalDay } from './amsterdamClock.js';

/*
 * Only type "public" counts. For NL, date-holidays 3.x lists as "public": Nieuwjaar, Pasen, Tweede paasdag,
 * Koningsdag (moved to 26 April when 27 April is a Sunday, e.g. 2025), Hemelvaartsdag, Pinksteren,
 * Tweede pinksterdag, Kerstmis and Tweede kerstdag. Goede Vrijdag and Bevrijdingsdag are type "school":
 * most employers stay open on them, so services that close on public holidays count as open then.
 */
/** The one country whose calendar is read; the bundle keeps only its data (src/build/bundle.ts). */
export const HOLIDAY_COUNTRY = 'NL';
const calendar = new Holidays(HOLIDAY_COUNTRY);
const byYear = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    const keys = new Set<string>();
    // `date` is the local calendar day as "YYYY-MM-DD hh:mm:ss"; the day part is all we need.
    for (const h of calendar.getHolidays(year)) if (h.type === 'public') keys.add(h.date.slice(0, 10));
    days = keys;
    byYear.set(year, days);
  }
  return days;
}

/** True when the Amsterdam calendar day is a national public holiday. */
export function isPublicHoliday(day: LocalDay): boolean {
  return holidaysOf(day.year).has(dayKey(day));
}

/** The public holidays of a year as "YYYY-MM-DD", sorted; for documentation and tests. */
export function publicHolidays(year: number): string[] {
  return [...holidaysOf(year)].sort();
}
