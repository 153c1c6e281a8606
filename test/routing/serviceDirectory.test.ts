// The services data files: the shipped ones load with the facts of domain.md 5; bad files name file, field and reason.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DataFileError,
  DEFAULT_HELPDESK_HOURS_PATH,
  DEFAULT_SERVICES_PATH,
  loadServiceDirectory,
  SERVICE_IDS,
} from '../../src/routing/index.js';
import shippedServices from '../../src/routing/data/services.json' with { type: 'json' };
import shippedHelpdeskHours from '../../src/routing/data/helpdesk-hours.json' with { type: 'json' };

const dir = mkdtempSync(join(tmpdir(), 'routing-data-'));
let counter = 0;
function writeJson(value: unknown): string {
  const file = join(dir, `file-${(counter += 1)}.json`);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

type HoursFile = { timezone?: string; closedOnPublicHolidays?: boolean; weekly: Record<string, unknown> };

function withService(id: string, change: (service: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(shippedServices) as { services: Record<string, unknown>[] };
  change(copy.services.find((s) => s.id === id)!);
  return copy;
}

function loadError(services: unknown, hours: unknown = shippedHelpdeskHours): string {
  const servicesFile = writeJson(services);
  try {
    loadServiceDirectory(servicesFile, writeJson(hours));
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return (error as Error).message;
  }
  throw new Error('expected the files to be rejected');
}

describe('shipped directory', () => {
  const directory = loadServiceDirectory();

  it('has every service id route() uses', () => {
    expect([...directory.services.keys()].sort()).toEqual([...SERVICE_IDS].sort());
  });

  it('holds the contacts and hours of domain.md section 5', () => {
    const contacts = (id: (typeof SERVICE_IDS)[number]) => directory.services.get(id)!.channels.map((c) => `${c.channel}:${c.contact}`);
    expect(contacts('112')).toEqual(['phone:112']);
    expect(contacts('113')).toEqual(['phone:113', 'phone:0800-0113', 'chat:https://www.113.nl']);
    expect(contacts('veilig-thuis')).toEqual(['phone:0800-2000', 'chat:https://veiligthuis.nl']);
    expect(contacts('kindertelefoon')).toEqual(['phone:0800-0432', 'chat:https://www.kindertelefoon.nl']);
    expect(contacts('centrum-seksueel-geweld')).toEqual(['phone:0800-0188']);
    expect(directory.services.get('veilig-thuis')!.channels[1].hours).toEqual({
      type: 'weekly',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '09:00',
      to: '17:00',
      closedOnPublicHolidays: true,
    });
    expect(directory.services.get('fier')!.channels[0].hours).toEqual({ type: 'unknown' });
    expect(directory.services.get('safewomen')!.audience).toEqual({ roles: ['victim'], minAge: 19, genders: ['female'] });
    expect(directory.services.get('kindertelefoon')!.audience).toMatchObject({ minAge: 8, maxAge: 18 });
  });

  it('marks unverified services and keeps their chat hours unknown', () => {
    for (const id of ['fier', 'safewomen'] as const) {
      const service = directory.services.get(id)!;
      expect(service.status).toBe('unverified');
      expect(service.channels.filter((c) => c.channel === 'chat').map((c) => c.hours)).toEqual([{ type: 'unknown' }]);
    }
  });

  it('gives every outside service a source and a check date; the helpdesk uses the helpdesk hours', () => {
    for (const service of directory.services.values()) {
      if (service.provider === 'own') continue;
      expect(service.source).toMatch(/^https:\/\//);
      expect(service.checked).toMatch(/^\d{4}/);
    }
    expect(directory.services.get('helpdesk')!.channels[0].hours).toBe(directory.helpdeskHours);
    expect(directory.helpdeskHours).toEqual({ type: 'always' });
  });

  it('reads the same data from the default paths', () => {
    expect(loadServiceDirectory(DEFAULT_SERVICES_PATH, DEFAULT_HELPDESK_HOURS_PATH)).toEqual(directory);
  });
});

describe('bad data files', () => {
  it('a missing file', () => {
    expect(() => loadServiceDirectory(join(dir, 'nope.json'))).toThrow(/nope\.json: cannot read \(ENOENT\)/);
  });

  it('not JSON', () => {
    const file = writeJson('{ "services": [');
    expect(() => loadServiceDirectory(file)).toThrow(new RegExp(`^${file.replace(/[.\\]/g, '\\$&')}: \\(root\\): not valid JSON`));
  });

  it.each([
    ['an unknown id', withService('fier', (s) => (s.id = 'fier-nl')), /services\[5\]\.id: Invalid option/],
    ['a phone number that is not one', withService('112', (s) => ((s.channels as { contact: string }[])[0].contact = 'call us')), /services\[0\]\.channels\[0\]\.contact: expected a phone number/],
    ['a chat address without https', withService('fier', (s) => ((s.channels as { contact: string }[])[0].contact = 'http://fier.nl')), /services\[5\]\.channels\[0\]\.contact: expected an https:\/\/ URL/],
    ['an unknown weekday', withService('veilig-thuis', (s) => (((s.channels as { hours: { days: string[] } }[])[1].hours.days[0] = 'maandag'))), /services\[3\]\.channels\[1\]\.hours\.days\[0\]: Invalid option/],
    ['a bad clock time', withService('veilig-thuis', (s) => (((s.channels as { hours: { from: string } }[])[1].hours.from = '9:00'))), /services\[3\]\.channels\[1\]\.hours\.from: expected a time "HH:MM"/],
    ['hours past midnight', withService('kindertelefoon', (s) => (((s.channels as { hours: { to: string } }[])[0].hours.to = '02:00'))), /services\[4\]\.channels\[0\]\.hours\.to: must end after "from"/],
    ['an unknown hours type', withService('112', (s) => ((s.channels as { hours: unknown }[])[0].hours = { type: 'sometimes' })), /services\[0\]\.channels\[0\]\.hours\.type: Invalid discriminator value/],
    ['an unknown field', withService('112', (s) => (s.phone = '112')), /services\[0\]: unknown field "phone"/],
    ['a missing source', withService('113', (s) => delete s.source), /services\[1\]\.source: /],
    ['a bad check date', withService('113', (s) => (s.checked = 'October 2025')), /services\[1\]\.checked: expected "YYYY", "YYYY-MM" or "YYYY-MM-DD"/],
    ['a bad status', withService('113', (s) => (s.status = 'maybe')), /services\[1\]\.status: /],
    ['helpdesk hours on another service', withService('fier', (s) => ((s.channels as { hours: unknown }[])[0].hours = { type: 'helpdesk-hours' })), /services\[5\]\.channels\[0\]\.hours: "helpdesk-hours" is only for the helpdesk/],
    ['inverted age bounds', withService('kindertelefoon', (s) => ((s.audience as { minAge: number }).minAge = 20)), /services\[4\]\.audience\.maxAge: must not be below minAge/],
    ['a duplicate id', { services: [...shippedServices.services, shippedServices.services[0]] }, /services\[8\]\.id: duplicate id "112"/],
    ['no Veilig Thuis', { services: shippedServices.services.filter((s) => s.id !== 'veilig-thuis') }, /services: service "veilig-thuis" is required/],
  ])('%s names the file, field and reason', (_name, services, message) => {
    const error = loadError(services);
    expect(error).toMatch(/file-\d+\.json: /);
    expect(error).toMatch(message);
  });

  const hoursWith = (change: (h: HoursFile) => void): HoursFile => {
    const hours = structuredClone(shippedHelpdeskHours) as unknown as HoursFile;
    change(hours);
    return hours;
  };

  it.each([
    ['a wrong time zone', hoursWith((h) => (h.timezone = 'Europe/London')), /timezone: only "Europe\/Amsterdam" is supported/],
    ['a day that is not one', hoursWith((h) => (h.weekly.maandag = [])), /weekly: unknown field "maandag"/],
    ['a missing day', hoursWith((h) => delete h.weekly.sun), /weekly\.sun: /],
    ['a bad clock time', hoursWith((h) => (h.weekly.tue = [{ from: '9:00', to: '17:00' }])), /weekly\.tue\[0\]\.from: expected a time "HH:MM"/],
    ['hours past midnight', hoursWith((h) => (h.weekly.fri = [{ from: '22:00', to: '02:00' }])), /weekly\.fri\[0\]\.to: must end after "from"/],
    ['an unknown span field', hoursWith((h) => (h.weekly.mon = [{ from: '09:00', to: '17:00', until: '18:00' }])), /weekly\.mon\[0\]: unknown field "until"/],
    ['a missing holiday choice', hoursWith((h) => delete h.closedOnPublicHolidays), /closedOnPublicHolidays: /],
    ['the old routing format', { hours: { type: 'always' } }, /: timezone: missing; write "Europe\/Amsterdam"/],
  ])('a bad helpdesk hours file: %s names the file, field and reason', (_name, hours, message) => {
    const error = loadError(shippedServices, hours);
    expect(error).toMatch(/file-\d+\.json: /);
    expect(error).toMatch(message);
  });
});
