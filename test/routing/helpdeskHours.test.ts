// The helpdesk hours file (per-day spans) converted to routing Hours: same answer at every instant, compact intervals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { helpdeskHoursToHours, isOpenAt, loadHelpdeskHours, publicHolidays, WEEKDAYS, type HelpdeskHoursFile, type HelpdeskSpan } from '../../src/routing/index.js';

type Week = HelpdeskHoursFile['weekly'];
const week = (spans: Partial<Week>): Week => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...spans });
const file = (weekly: Week, closedOnPublicHolidays = false): HelpdeskHoursFile => ({ timezone: 'Europe/Amsterdam', closedOnPublicHolidays, weekly });
const ninetofive = [{ from: '09:00', to: '17:00' }];
const at = (iso: string) => new Date(iso);

describe('helpdeskHoursToHours', () => {
  it('the shipped file is around the clock: "always"', () => {
    expect(helpdeskHoursToHours(loadHelpdeskHours())).toEqual({ type: 'always' });
  });

  it('the same span on several days is one interval listing the days', () => {
    const hours = helpdeskHoursToHours(file(week({ mon: ninetofive, tue: ninetofive, wed: ninetofive, thu: ninetofive, fri: ninetofive }), true));
    expect(hours).toEqual({ type: 'weekly', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', closedOnPublicHolidays: true });
  });

  it('touching and overlapping spans of a day are joined; different spans stay apart', () => {
    const hours = helpdeskHoursToHours(
      file(week({ mon: [{ from: '12:00', to: '17:00' }, { from: '09:00', to: '12:00' }], tue: [{ from: '09:00', to: '13:00' }, { from: '10:00', to: '17:00' }], sat: [{ from: '10:00', to: '14:00' }] })),
    );
    expect(hours).toEqual([
      { type: 'weekly', days: ['mon', 'tue'], from: '09:00', to: '17:00', closedOnPublicHolidays: false },
      { type: 'weekly', days: ['sat'], from: '10:00', to: '14:00', closedOnPublicHolidays: false },
    ]);
    expect(isOpenAt(hours, at('2026-11-28T11:00:00+01:00'))).toBe(true); // Saturday
    expect(isOpenAt(hours, at('2026-11-28T14:00:00+01:00'))).toBe(false);
    expect(isOpenAt(hours, at('2026-11-29T11:00:00+01:00'))).toBe(false); // Sunday
  });

  it('around the clock but closed on public holidays is not "always": Koningsdag 2026 is closed', () => {
    const allDay = [{ from: '00:00', to: '24:00' }];
    const hours = helpdeskHoursToHours(file(week(Object.fromEntries(WEEKDAYS.map((d) => [d, allDay]))), true));
    expect(hours).toEqual({ type: 'weekly', days: [...WEEKDAYS], from: '00:00', to: '24:00', closedOnPublicHolidays: true });
    expect(isOpenAt(hours, at('2026-04-26T23:59:00+02:00'))).toBe(true);
    expect(isOpenAt(hours, at('2026-04-27T12:00:00+02:00'))).toBe(false);
    expect(isOpenAt(hours, at('2026-04-28T00:00:00+02:00'))).toBe(true);
  });

  it('a week without spans is never open', () => {
    const hours = helpdeskHoursToHours(file(week({})));
    expect(hours).toEqual({ type: 'unknown' });
    expect(isOpenAt(hours, at('2026-11-25T12:00:00+01:00'))).toBe(false);
  });

  // An independent reading of the file: Amsterdam wall clock from Intl, the day's spans, the holiday list.
  function reference(hours: HelpdeskHoursFile, instant: Date): boolean {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(instant)
        .map((p) => [p.type, p.value]),
    );
    const day = parts.weekday.toLowerCase() as keyof Week;
    if (hours.closedOnPublicHolidays && publicHolidays(Number(parts.year)).includes(`${parts.year}-${parts.month}-${parts.day}`)) return false;
    const minute = Number(parts.hour) * 60 + Number(parts.minute);
    const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    return hours.weekly[day].some((s) => minute >= toMinutes(s.from) && minute < toMinutes(s.to));
  }

  it('answers exactly as the file reads, at any instant (property)', () => {
    const quarter = fc.integer({ min: 0, max: 96 });
    const span: fc.Arbitrary<HelpdeskSpan> = fc
      .tuple(quarter, quarter)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => {
        const [from, to] = [Math.min(a, b) * 15, Math.max(a, b) * 15];
        const text = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        return { from: text(from), to: text(to) };
      });
    const files = fc.record({
      closedOnPublicHolidays: fc.boolean(),
      weekly: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, fc.array(span, { maxLength: 3 })])) as { [K in keyof Week]: fc.Arbitrary<HelpdeskSpan[]> }),
    });
    // 2026 and 2027: DST switch days and every public holiday fall in this range.
    const instants = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T23:59:00Z') }).map((ms) => new Date(ms - (ms % 60_000)));
    fc.assert(
      fc.property(files, fc.array(instants, { minLength: 1, maxLength: 20 }), (f, moments) => {
        const hours = file(f.weekly, f.closedOnPublicHolidays);
        const converted = helpdeskHoursToHours(hours);
        for (const moment of moments) expect(isOpenAt(converted, moment)).toBe(reference(hours, moment));
      }),
      { numRuns: 300 },
    );
  });
});
