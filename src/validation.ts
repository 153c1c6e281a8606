// Turns zod failures into one English line that names the offending field.
import { z } from 'zod';
import { InvalidInputError } from './errors.js';

/** Path like `partnerViolence.mildIncidents` or `options[2].hours`; `(root)` for the whole value. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** One line naming the first problem: "field: message". Unknown keys are named too. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '(root): invalid input';
  if (issue.code === 'unrecognized_keys') {
    const base = formatPath(issue.path);
    const keys = issue.keys.map((k) => (base === '(root)' ? k : `${base}.${k}`)).join(', ');
    return `${keys}: unknown field`;
  }
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** Parse or throw InvalidInputError whose message names the field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, context?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const line = describeZodError(result.error);
  throw new InvalidInputError(context ? `${context}: ${line}` : line);
}
