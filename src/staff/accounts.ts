// Creating staff accounts (name rules, password rules, no duplicates) and checking a sign-in.
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import type { HulpwijzerStore } from '../storage/store.js';
import { parseOrThrow } from '../validation.js';
import { StaffExistsError } from '../storage/storeErrors.js';
import { newPasswordSchema, hashPassword, verifyPassword } from './passwords.js';
import { staffNameSchema } from './staffName.js';

/** Adds an account; bad name, short password or a taken name throw InvalidInputError (CLI exit 2). */
export async function addStaffAccount(store: HulpwijzerStore, name: string, password: string, now: number): Promise<void> {
  // Wrapped in an object so the error names the field: "password: must be at least 10 characters".
  const { name: checkedName, password: checkedPassword } = parseOrThrow(z.object({ name: staffNameSchema, password: newPasswordSchema }), { name, password });
  const taken = new InvalidInputError(`name: a staff account named "${checkedName}" already exists`, 'staff_exists', 409);
  if (await store.getStaff(checkedName)) throw taken;
  const passwordHash = await hashPassword(checkedPassword);
  try {
    await store.createStaff({ name: checkedName, passwordHash, createdAt: now });
  } catch (error) {
    // Two `staff add` runs at once: the store's unique name decides.
    if (error instanceof StaffExistsError) throw taken;
    throw error;
  }
}

/** The account name when name and password match, else null; takes about as long either way. */
export async function checkCredentials(store: HulpwijzerStore, name: string, password: string): Promise<string | null> {
  const normalised = name.trim().toLowerCase();
  const account = staffNameSchema.safeParse(normalised).success ? await store.getStaff(normalised) : null;
  const ok = await verifyPassword(account?.passwordHash ?? null, password);
  return ok && account ? account.name : null;
}
