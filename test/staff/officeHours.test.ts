// The staff side reads the helpdesk hours from routing's one file and judges them exactly as route() does.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError, DEFAULT_HELPDESK_HOURS_PATH, buildServiceDirectory, loadHelpdeskHours, route } from '../../src/routing/index.js';
import { isWithinOfficeHours, loadOfficeHours, type OfficeHours } from '../../src/staff/index.js';
import shippedServices from '../../src/routing/data/services.json' with { type: 'json' };

const dir = mkdtempSync(path.join(tmpdir(), 'office-hours-'));
const write = (name: string, value: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};
const day = [{ from: '09:00', to: '17:00' }];
const EVENINGS: OfficeHours = {
  timezone: 'Europe/Amsterdam',
  closedOnPublicHolidays: true,
  weekly: { mon: day, tue: day, wed: [{ from: '09:00', to: '12:00' }, { from: '19:00', to: '24:00' }], thu: [{ from: '00:00', to: '02:00' }], fri: day, sat: [], sun: [] },
};

describe('one hours file for routing and staff', () => {
  it('the shipped hours come from src/routing/data/helpdesk-hours.json; the old staff copy is gone', () => {
    expect(loadOfficeHours()).toEqual(loadHelpdeskHours());
    expect(loadOfficeHours(DEFAULT_HELPDESK_HOURS_PATH)).toEqual(loadOfficeHours());
    expect(path.relative(process.cwd(), DEFAULT_HELPDESK_HOURS_PATH)).toBe(path.join('src', 'routing', 'data', 'helpdesk-hours.json'));
    expect(existsSync(path.resolve('src/staff/data/office-hours.json'))).toBe(false);
  });

  it('staff availability and the helpdesk in route() agree at every instant, holidays and DST included', () => {
    const file = write('evenings.json', EVENINGS);
    const hours = loadOfficeHours(file);
    const directory = buildServiceDirectory(shippedServices, hours);
    const instants = [
      '2026-11-25T08:59:00+01:00', // Wednesday
      '2026-11-25T09:00:00+01:00',
      '2026-11-25T12:00:00+01:00',
      '2026-11-25T21:30:00+01:00',
      '2026-11-26T01:59:00+01:00', // Thursday, the evening running past midnight
      '2026-11-26T02:00:00+01:00',
      '2026-11-28T10:00:00+01:00', // Saturday
      '2026-12-25T10:00:00+01:00', // Kerstmis, a Friday: closed on public holidays
      '2026-12-18T10:00:00+01:00', // the Friday before: open
      '2026-03-30T09:30:00+02:00', // Monday after the switch to summer time
      '2026-10-26T08:30:00+01:00', // Monday after the switch back
    ];
    const within = instants.map((iso) => isWithinOfficeHours(hours, new Date(iso)));
    expect(within).toEqual([false, true, false, true, true, false, false, false, true, true, false]);
    const routed = instants.map((iso) => route({ at: iso, role: 'victim', staffOnline: true }, directory).options.some((o) => o.service === 'helpdesk'));
    expect(routed).toEqual(within);
  });

  it('a bad file stops the start naming the file and the field', () => {
    const file = write('bad.json', { ...EVENINGS, weekly: { ...EVENINGS.weekly, mon: [{ from: '17:00', to: '09:00' }] } });
    expect(() => loadOfficeHours(file)).toThrow(DataFileError);
    expect(() => loadOfficeHours(file)).toThrow(`${file}: weekly.mon[0].to: must end after "from"`);
    expect(() => loadOfficeHours(path.join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read \(ENOENT\)/);
  });
});
