// Opening hours on the Amsterdam clock: weekday boundaries, DST switch days, public holidays, next opening.
import { describe, expect, it } from 'vitest';
import { isOpenAt, nextOpening, type HoursInput } from '../../src/routing/index.js';

const VT_CHAT: HoursInput = {
  type: 'weekly',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
  closedOnPublicHolidays: true,
};
const KINDERTELEFOON: HoursInput = {
  type: 'weekly',
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  from: '11:00',
  to: '21:00',
  closedOnPublicHolidays: false,
};
const at = (iso: string) => new Date(iso);

describe('always and unknown hours', () => {
  it('always is open at any instant, with nothing to wait for', () => {
    for (const iso of ['2026-12-25T03:00:00+01:00', '2026-03-29T01:30:00Z', '2026-07-04T23:59:59+02:00']) {
      expect(isOpenAt({ type: 'always' }, at(iso))).toBe(true);
      expect(nextOpening({ type: 'always' }, at(iso))).toBeNull();
    }
  });

  it('unknown is never open and has no next opening', () => {
    for (const iso of ['2026-11-25T12:00:00+01:00', '2026-11-28T20:00:00+01:00', '2026-03-29T09:00:00Z']) {
      expect(isOpenAt({ type: 'unknown' }, at(iso))).toBe(false);
      expect(nextOpening({ type: 'unknown' }, at(iso))).toBeNull();
    }
  });
});

describe('Veilig Thuis chat, Mon-Fri 09:00-17:00, closed on public holidays', () => {
  it.each([
    ['2026-11-25T08:59:59+01:00', false, '2026-11-25T09:00:00+01:00'],
    ['2026-11-25T09:00:00+01:00', true, null],
    ['2026-11-25T16:59:59+01:00', true, null],
    ['2026-11-25T22:30:00+01:00', false, '2026-11-26T09:00:00+01:00'],
    // The same instant written in UTC and with another offset must give the same answer.
    ['2026-11-25T21:30:00Z', false, '2026-11-26T09:00:00+01:00'],
    ['2026-11-26T03:30:00+05:00', false, '2026-11-26T09:00:00+01:00'],
  ])('%s open=%s opensAt=%s', (iso, open, opensAt) => {
    expect(isOpenAt(VT_CHAT, at(iso))).toBe(open);
    expect(nextOpening(VT_CHAT, at(iso))).toBe(opensAt);
  });

  it('closes at 17:00 on a Friday and opens on Monday 09:00', () => {
    expect(isOpenAt(VT_CHAT, at('2026-11-27T16:59:00+01:00'))).toBe(true);
    expect(isOpenAt(VT_CHAT, at('2026-11-27T17:00:00+01:00'))).toBe(false);
    expect(nextOpening(VT_CHAT, at('2026-11-27T17:00:00+01:00'))).toBe('2026-11-30T09:00:00+01:00');
  });

  it('is closed all weekend', () => {
    for (const iso of ['2026-11-28T10:00:00+01:00', '2026-11-29T12:00:00+01:00', '2026-11-29T16:00:00+01:00']) {
      expect(isOpenAt(VT_CHAT, at(iso))).toBe(false);
      expect(nextOpening(VT_CHAT, at(iso))).toBe('2026-11-30T09:00:00+01:00');
    }
  });

  it('on the Monday after the spring switch (2026-03-29) opens at 09:00 summer time = 07:00 UTC', () => {
    expect(isOpenAt(VT_CHAT, at('2026-03-30T06:59:00Z'))).toBe(false);
    expect(isOpenAt(VT_CHAT, at('2026-03-30T07:00:00Z'))).toBe(true);
    expect(isOpenAt(VT_CHAT, at('2026-03-30T14:59:00Z'))).toBe(true);
    expect(isOpenAt(VT_CHAT, at('2026-03-30T15:00:00Z'))).toBe(false);
    // Asked before the switch (winter time), the answer is in summer time.
    expect(nextOpening(VT_CHAT, at('2026-03-28T20:00:00+01:00'))).toBe('2026-03-30T09:00:00+02:00');
  });

  it('on the Monday after the autumn switch (2026-10-25) opens at 09:00 winter time = 08:00 UTC', () => {
    expect(isOpenAt(VT_CHAT, at('2026-10-26T07:59:00Z'))).toBe(false);
    expect(isOpenAt(VT_CHAT, at('2026-10-26T08:00:00Z'))).toBe(true);
    expect(isOpenAt(VT_CHAT, at('2026-10-26T15:59:00Z'))).toBe(true);
    expect(isOpenAt(VT_CHAT, at('2026-10-26T16:00:00Z'))).toBe(false);
    expect(nextOpening(VT_CHAT, at('2026-10-24T20:00:00+02:00'))).toBe('2026-10-26T09:00:00+01:00');
  });

  it('is closed on Christmas and Boxing Day (weekdays in 2025) and opens the next working day', () => {
    expect(isOpenAt(VT_CHAT, at('2025-12-24T12:00:00+01:00'))).toBe(true);
    expect(isOpenAt(VT_CHAT, at('2025-12-25T12:00:00+01:00'))).toBe(false);
    expect(isOpenAt(VT_CHAT, at('2025-12-26T12:00:00+01:00'))).toBe(false);
    expect(nextOpening(VT_CHAT, at('2025-12-24T18:00:00+01:00'))).toBe('2025-12-29T09:00:00+01:00');
  });

  it("is closed on King's Day 2026 (Monday 27 April) and opens on Tuesday", () => {
    expect(isOpenAt(VT_CHAT, at('2026-04-27T10:00:00+02:00'))).toBe(false);
    expect(nextOpening(VT_CHAT, at('2026-04-27T10:00:00+02:00'))).toBe('2026-04-28T09:00:00+02:00');
    expect(nextOpening(VT_CHAT, at('2026-04-24T18:00:00+02:00'))).toBe('2026-04-28T09:00:00+02:00');
  });

  it('skips Easter Monday but not Good Friday (date-holidays marks Good Friday "school", not "public")', () => {
    expect(isOpenAt(VT_CHAT, at('2026-04-03T10:00:00+02:00'))).toBe(true);
    expect(isOpenAt(VT_CHAT, at('2026-04-06T10:00:00+02:00'))).toBe(false);
    expect(nextOpening(VT_CHAT, at('2026-04-03T17:30:00+02:00'))).toBe('2026-04-07T09:00:00+02:00');
  });

  it('is open on Liberation Day 2026 (Tuesday 5 May, "school" in date-holidays)', () => {
    expect(isOpenAt(VT_CHAT, at('2026-05-05T10:00:00+02:00'))).toBe(true);
  });

  it('skips a run of holidays when searching: New Year 2027 (Friday) opens on Monday 4 January', () => {
    expect(nextOpening(VT_CHAT, at('2026-12-31T17:00:00+01:00'))).toBe('2027-01-04T09:00:00+01:00');
  });
});

describe('Kindertelefoon, daily 11:00-21:00, holidays included', () => {
  it('opens at 11:00 summer time on the spring switch day itself (09:00 UTC)', () => {
    expect(isOpenAt(KINDERTELEFOON, at('2026-03-29T08:59:00Z'))).toBe(false);
    expect(nextOpening(KINDERTELEFOON, at('2026-03-29T08:59:00Z'))).toBe('2026-03-29T11:00:00+02:00');
    expect(isOpenAt(KINDERTELEFOON, at('2026-03-29T09:00:00Z'))).toBe(true);
    expect(isOpenAt(KINDERTELEFOON, at('2026-03-29T18:59:00Z'))).toBe(true);
    expect(isOpenAt(KINDERTELEFOON, at('2026-03-29T19:00:00Z'))).toBe(false);
  });

  it('opens at 11:00 winter time on the autumn switch day itself (10:00 UTC)', () => {
    expect(isOpenAt(KINDERTELEFOON, at('2026-10-25T09:59:00Z'))).toBe(false);
    expect(nextOpening(KINDERTELEFOON, at('2026-10-25T09:59:00Z'))).toBe('2026-10-25T11:00:00+01:00');
    expect(isOpenAt(KINDERTELEFOON, at('2026-10-25T10:00:00Z'))).toBe(true);
    expect(isOpenAt(KINDERTELEFOON, at('2026-10-25T19:59:00Z'))).toBe(true);
    expect(isOpenAt(KINDERTELEFOON, at('2026-10-25T20:00:00Z'))).toBe(false);
  });

  it('answers during the night of the switch (01:30 UTC) with the next 11:00', () => {
    expect(nextOpening(KINDERTELEFOON, at('2026-03-29T01:30:00Z'))).toBe('2026-03-29T11:00:00+02:00');
    expect(nextOpening(KINDERTELEFOON, at('2026-10-25T00:30:00Z'))).toBe('2026-10-25T11:00:00+01:00');
  });

  it('is open on Christmas, Boxing Day and New Year', () => {
    for (const iso of ['2025-12-25T12:00:00+01:00', '2025-12-26T20:59:00+01:00', '2026-01-01T11:00:00+01:00']) {
      expect(isOpenAt(KINDERTELEFOON, at(iso))).toBe(true);
    }
  });

  it('after 21:00 opens tomorrow at 11:00', () => {
    expect(nextOpening(KINDERTELEFOON, at('2026-11-25T21:00:00+01:00'))).toBe('2026-11-26T11:00:00+01:00');
  });
});

describe('several intervals', () => {
  const split: HoursInput = [
    { type: 'weekly', days: ['sat'], from: '10:00', to: '12:00' },
    { type: 'weekly', days: ['sat'], from: '14:00', to: '24:00' },
  ];

  it('is open in either interval and opens at the next start in the gap', () => {
    expect(isOpenAt(split, at('2026-11-28T11:00:00+01:00'))).toBe(true);
    expect(isOpenAt(split, at('2026-11-28T13:00:00+01:00'))).toBe(false);
    expect(nextOpening(split, at('2026-11-28T13:00:00+01:00'))).toBe('2026-11-28T14:00:00+01:00');
    expect(isOpenAt(split, at('2026-11-28T23:59:00+01:00'))).toBe(true);
    expect(nextOpening(split, at('2026-11-29T00:00:00+01:00'))).toBe('2026-12-05T10:00:00+01:00');
  });
});
