// Staff sessions: a random cookie value whose SHA-256 is the stored id, a CSRF token, 8 h absolute and 30 min idle expiry.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HulpwijzerStore, StaffSession } from '../storage/store.js';

export const SESSION_COOKIE = 'hw_staff';

export interface SessionTimes {
  /** A session ends this long after sign-in whatever happens (ms). */
  absoluteMs: number;
  /** A session ends after this long without a request (ms). */
  idleMs: number;
}

export const DEFAULT_SESSION_TIMES: SessionTimes = { absoluteMs: 8 * 3600 * 1000, idleMs: 30 * 60 * 1000 };

/** Sliding the idle deadline writes to the store; once a minute is enough. */
const SLIDE_EVERY_MS = 60 * 1000;

export function hashSessionValue(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SessionManager {
  constructor(
    private readonly store: HulpwijzerStore,
    private readonly clock: () => Date,
    private readonly times: SessionTimes = DEFAULT_SESSION_TIMES,
  ) {}

  /** A brand-new session (new id on every sign-in, so a planted cookie never becomes a signed-in one). */
  async create(staffName: string): Promise<{ cookieValue: string; session: StaffSession }> {
    const cookieValue = randomBytes(32).toString('base64url');
    const now = this.clock().getTime();
    const session: StaffSession = {
      id: hashSessionValue(cookieValue),
      staffName,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      expiresAt: now + Math.min(this.times.idleMs, this.times.absoluteMs),
    };
    await this.store.createSession(session);
    return { cookieValue, session };
  }

  /** The live session for a cookie value, sliding its idle deadline; null (and deleted) when expired. */
  async lookup(cookieValue: string | undefined): Promise<StaffSession | null> {
    if (!cookieValue) return null;
    const session = await this.store.getSession(hashSessionValue(cookieValue));
    if (!session) return null;
    const now = this.clock().getTime();
    const absoluteEnd = session.createdAt + this.times.absoluteMs;
    if (now >= session.expiresAt || now >= absoluteEnd) {
      await this.store.deleteSession(session.id);
      return null;
    }
    const slid = Math.min(now + this.times.idleMs, absoluteEnd);
    if (slid - session.expiresAt >= SLIDE_EVERY_MS) {
      session.expiresAt = slid;
      await this.store.createSession(session);
    }
    return session;
  }

  async end(cookieValue: string | undefined): Promise<void> {
    if (cookieValue) await this.store.deleteSession(hashSessionValue(cookieValue));
  }
}

/** Reads one cookie from a Cookie header without a parser dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
