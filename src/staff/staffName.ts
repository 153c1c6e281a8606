// Rules for staff account names and the first name shown to users ("anna.de-vries" -> "Anna").
import { z } from 'zod';

/** 2-40 characters: starts with a letter; letters, digits, '.', '_' and '-' after it. Lower case, so "Anna" and "anna" are one account. */
export const staffNameSchema = z
  .string()
  .min(2, { message: 'must be at least 2 characters' })
  .max(40, { message: 'must be at most 40 characters' })
  .regex(/^[a-z][a-z0-9._-]*$/, { message: "use lower-case letters, digits, '.', '_' or '-', starting with a letter" });

/** The part before the first separator, capitalised: what the user sees next to the "medewerker" marker. */
export function firstName(staffName: string): string {
  const first = staffName.split(/[._-]/)[0] || staffName;
  return first.charAt(0).toUpperCase() + first.slice(1);
}
