// The route() input contract (interfaces.md `route`): strict, with an instant that must carry its offset.
import { z } from 'zod';
import { GenderSchema, RoleSchema, SignalIdSchema } from '../ids.js';
import { parseOrThrow } from '../validation.js';

/** Extended ISO 8601 date-time with seconds and fraction optional, and a mandatory "Z" or "+hh:mm" offset. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Checks the fields are a real calendar date and clock time (no 30 February, no 25:00, offsets up to 14:00). */
function isRealInstant(value: string): boolean {
  const m = INSTANT.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== 'Z' && (Number(m[8]) > 14 || Number(m[9]) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

export const InstantSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'required' : 'expected a string with an ISO 8601 instant, e.g. "2026-11-25T22:30:00+01:00"',
  })
  .refine((v) => INSTANT.test(v), {
    message: 'expected an ISO 8601 instant with an offset or Z, e.g. "2026-11-25T22:30:00+01:00"',
  })
  .refine((v) => isRealInstant(v), { message: 'not a real date and time', abort: true });

export const RouteInputSchema = z.strictObject({
  at: InstantSchema,
  role: RoleSchema,
  /** Whole years. */
  age: z.int({ error: 'expected a whole number of years' }).min(0).max(120).optional(),
  gender: GenderSchema.optional(),
  signals: z.array(SignalIdSchema).default([]),
  staffOnline: z.boolean().default(false),
});

/** What callers may pass: signals and staffOnline may be left out. */
export type RouteInput = z.input<typeof RouteInputSchema>;
/** After parsing: defaults filled in. */
export type ParsedRouteInput = z.output<typeof RouteInputSchema>;

/** Validates untrusted input; throws InvalidInputError naming the field, e.g. "age: ...". */
export function parseRouteInput(value: unknown): ParsedRouteInput {
  return parseOrThrow(RouteInputSchema, value);
}
