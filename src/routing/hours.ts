// The shape of opening hours as data: always, unknown, or weekly local-time intervals in Europe/Amsterdam.
import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof WeekdaySchema>;

/** "HH:MM" on a 24-hour clock; "24:00" is allowed as an end so a day can run to midnight. */
export const ClockTimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time "HH:MM" (00:00 to 24:00)');

/** Minutes since local midnight for a validated "HH:MM". */
export function clockMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export const WeeklyIntervalSchema = z
  .strictObject({
    type: z.literal('weekly'),
    days: z.array(WeekdaySchema).min(1, 'list at least one day'),
    /** Local wall-clock time the channel opens (inclusive). */
    from: ClockTimeSchema,
    /** Local wall-clock time the channel closes (exclusive): at 17:00 a 09:00-17:00 chat is closed. */
    to: ClockTimeSchema,
    /** true: closed on days date-holidays lists as type "public" for NL. */
    closedOnPublicHolidays: z.boolean().default(false),
  })
  .refine((w) => w.from === '24:00' || clockMinutes(w.to) > clockMinutes(w.from), {
    // Overnight hours would make "which day does this belong to" ambiguous; two intervals say it plainly.
    message: 'must end after "from" on the same day; split hours past midnight into two intervals',
    path: ['to'],
  })
  .refine((w) => w.from !== '24:00', { message: '"24:00" is only allowed as an end time', path: ['from'] });
export type WeeklyInterval = z.infer<typeof WeeklyIntervalSchema>;

export const AlwaysHoursSchema = z.strictObject({ type: z.literal('always') });
/** Hours we could not verify: never shown as "open now" (domain.md section 5). */
export const UnknownHoursSchema = z.strictObject({ type: z.literal('unknown') });

/** One of: always, unknown, one weekly interval, or several weekly intervals (open when any is open). */
export const HoursSchema = z.union([
  z.discriminatedUnion('type', [AlwaysHoursSchema, UnknownHoursSchema, WeeklyIntervalSchema]),
  z.array(WeeklyIntervalSchema).min(1, 'list at least one interval'),
]);
export type Hours = z.infer<typeof HoursSchema>;
/** Hours as callers may write them: closedOnPublicHolidays may be left out (false). */
export type HoursInput = z.input<typeof HoursSchema>;

/** The weekly intervals of hours, or null when the hours are "always" or "unknown". */
export function weeklyIntervals(hours: Hours | HoursInput): readonly z.input<typeof WeeklyIntervalSchema>[] | null {
  if (Array.isArray(hours)) return hours;
  if (hours.type === 'weekly') return [hours];
  return null;
}
