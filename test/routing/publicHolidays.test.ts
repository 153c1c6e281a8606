// The public holidays routing uses come from date-holidays (NL, type "public" only); these pin that choice.
import { describe, expect, it } from 'vitest';
import { isPublicHoliday, publicHolidays } from '../../src/routing/index.js';

const day = (key: string) => {
  const [year, month, d] = key.split('-').map(Number);
  return { year, month, day: d };
};

describe('public holidays (NL)', () => {
  it('lists the 2026 public holidays', () => {
    expect(publicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-05',
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it("moves King's Day 2025 to Saturday 26 April because 27 April was a Sunday", () => {
    expect(isPublicHoliday(day('2025-04-26'))).toBe(true);
    expect(isPublicHoliday(day('2025-04-27'))).toBe(false);
    expect(isPublicHoliday(day('2026-04-27'))).toBe(true);
  });

  it('counts Christmas and Boxing Day, not Good Friday, Liberation Day or Remembrance Day', () => {
    expect(isPublicHoliday(day('2025-12-25'))).toBe(true);
    expect(isPublicHoliday(day('2025-12-26'))).toBe(true);
    expect(isPublicHoliday(day('2026-04-03'))).toBe(false);
    expect(isPublicHoliday(day('2026-05-05'))).toBe(false);
    expect(isPublicHoliday(day('2025-05-05'))).toBe(false);
    expect(isPublicHoliday(day('2026-05-04'))).toBe(false);
    expect(isPublicHoliday(day('2026-12-31'))).toBe(false);
  });
});
