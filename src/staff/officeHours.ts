// The helpdesk's office hours as data (src/staff/data/office-hours.json, zod-validated) and whether a moment falls inside them.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TZDate } from '@date-fns/tz';
import Holidays from 'date-holidays';
import { parseOrThrow } from '../validation.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'expected HH:MM (00:00 to 24:00)' });
const span = z
  .object({ from: clock, to: clock })
  .strict()
  .refine((s) => minutes(s.from) < minutes(s.to), { message: "'from' must be before 'to'" });
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export const officeHoursSchema = z
  .object({
    $comment: z.string().optional(),
    timezone: z.string().refine(isTimeZone, { message: 'unknown IANA time zone' }),
    closedOnPublicHolidays: z.boolean(),
    weekly: z.object(Object.fromEntries(DAYS.map((d) => [d, z.array(span)])) as Record<(typeof DAYS)[number], z.ZodArray<typeof span>>).strict(),
  })
  .strict();
export type OfficeHours = z.infer<typeof officeHoursSchema>;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function defaultFile(): string {
  // Works from src/staff (tsx) and from dist/src/staff (built; data files are not copied by tsc).
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'data', 'office-hours.json'), path.resolve(here, '..', '..', '..', 'src', 'staff', 'data', 'office-hours.json')];
  return candidates.find((f) => existsSync(f)) ?? candidates[0];
}

/** Reads and validates the file; a bad file stops the start with the file name and the field. */
export function loadOfficeHours(file = defaultFile()): OfficeHours {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${path.basename(file)}: cannot read as JSON (${(error as Error).message})`);
  }
  return parseOrThrow(officeHoursSchema, raw, path.basename(file));
}

const holidayCalendars = new Map<string, Holidays>();
function isPublicHoliday(at: Date, timezone: string): boolean {
  let calendar = holidayCalendars.get(timezone);
  if (!calendar) {
    calendar = new Holidays('NL', { timezone, types: ['public'] });
    holidayCalendars.set(timezone, calendar);
  }
  const found = calendar.isHoliday(at);
  return Array.isArray(found) && found.some((h) => h.type === 'public');
}

/** True when `at` falls in one of the day's spans, in the helpdesk's time zone. */
export function isWithinOfficeHours(hours: OfficeHours, at: Date): boolean {
  if (hours.closedOnPublicHolidays && isPublicHoliday(at, hours.timezone)) return false;
  const local = new TZDate(at.getTime(), hours.timezone);
  const now = local.getHours() * 60 + local.getMinutes();
  return hours.weekly[DAYS[local.getDay()]].some((s) => now >= minutes(s.from) && now < minutes(s.to));
}
