// The helpdesk's planned hours as data (data/helpdesk-hours.json: per weekday spans) and their conversion to routing Hours.
import { z } from 'zod';
import { TIME_ZONE } from './amsterdamClock.js';
import { ClockTimeSchema, clockMinutes, WEEKDAYS, type Hours, type WeeklyInterval } from './hours.js';

/** One staffed span of a day: "from" inclusive, "to" exclusive; "24:00" ends the day. */
const SpanSchema = z
  .strictObject({ from: ClockTimeSchema, to: ClockTimeSchema })
  .refine((s) => s.from !== '24:00', { message: '"24:00" is only allowed as an end time', path: ['from'] })
  .refine((s) => s.from === '24:00' || clockMinutes(s.to) > clockMinutes(s.from), {
    message: 'must end after "from" on the same day; split hours past midnight over two days',
    path: ['to'],
  });
export type HelpdeskSpan = z.infer<typeof SpanSchema>;

/**
 * The one file both routing (the helpdesk option of route()) and the staff side (whether staff count as available)
 * read. Per-day spans are easier to edit than routing's intervals; helpdeskHoursToHours converts.
 */
export const HelpdeskHoursFileSchema = z.strictObject({
  /** Why these hours; for people editing the file. */
  $comment: z.string().optional(),
  /** Written out so editors see which clock counts; routing judges all hours on the Amsterdam clock. */
  timezone: z.literal(TIME_ZONE, {
    error: (issue) => (issue.input === undefined ? `missing; write "${TIME_ZONE}"` : `only "${TIME_ZONE}" is supported (all opening hours are Amsterdam wall-clock time)`),
  }),
  /** true: closed on the Dutch public holidays of date-holidays (type "public"). */
  closedOnPublicHolidays: z.boolean(),
  weekly: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(SpanSchema)])) as Record<(typeof WEEKDAYS)[number], z.ZodArray<typeof SpanSchema>>),
});
export type HelpdeskHoursFile = z.infer<typeof HelpdeskHoursFileSchema>;

/** A day's spans sorted, with overlapping or touching spans joined (09:00-12:00 + 12:00-17:00 is 09:00-17:00). */
function joinSpans(spans: readonly HelpdeskSpan[]): Array<{ from: number; to: number }> {
  const sorted = spans.map((s) => ({ from: clockMinutes(s.from), to: clockMinutes(s.to) })).sort((a, b) => a.from - b.from);
  const joined: Array<{ from: number; to: number }> = [];
  for (const span of sorted) {
    const last = joined.at(-1);
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else joined.push({ ...span });
  }
  return joined;
}

const clockText = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const FULL_DAY = 24 * 60;

/**
 * The same hours as routing Hours: "always" when every day runs 00:00-24:00 and holidays do not close it; otherwise
 * one weekly interval per distinct span, listing the days that have it. A week without any span is never open:
 * that is "unknown" hours, which route() never shows as open (the helpdesk is then left out).
 */
export function helpdeskHoursToHours(file: HelpdeskHoursFile): Hours {
  const days = WEEKDAYS.map((day) => ({ day, spans: joinSpans(file.weekly[day]) }));
  const allDay = days.every(({ spans }) => spans.length === 1 && spans[0].from === 0 && spans[0].to === FULL_DAY);
  if (allDay && !file.closedOnPublicHolidays) return { type: 'always' };
  const bySpan = new Map<string, WeeklyInterval>();
  for (const { day, spans } of days) {
    for (const span of spans) {
      const key = `${span.from}-${span.to}`;
      const found = bySpan.get(key);
      if (found) found.days.push(day);
      else bySpan.set(key, { type: 'weekly', days: [day], from: clockText(span.from), to: clockText(span.to), closedOnPublicHolidays: file.closedOnPublicHolidays });
    }
  }
  const intervals = [...bySpan.values()];
  if (intervals.length === 0) return { type: 'unknown' };
  return intervals.length === 1 ? intervals[0] : intervals;
}
