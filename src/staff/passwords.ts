// Staff password hashing with argon2id (@node-rs/argon2) and the length rules a new password must meet.
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** Shorter passwords are refused; longer than the maximum is refused too, so nobody can make us hash megabytes. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { message: `must be at most ${MAX_PASSWORD_LENGTH} characters` })
  .refine((p) => p.trim().length > 0, { message: 'must not be only spaces' });

/** argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: the OWASP minimum); the salt is random per hash. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password; with no stored hash (unknown name) it checks against a dummy hash,
 * so an unknown name costs as long as a wrong password and the answer time tells nothing.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hash('not-a-real-password-just-for-timing');
    await verify(await dummyHash, password.slice(0, MAX_PASSWORD_LENGTH));
    return false;
  }
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
