// Direct Line tokens: HMAC-SHA256 over conversation id and expiry, keyed by a secret all instances share through the store.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthorizedError } from './httpErrors.js';

const VERSION = 'hw1';
const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface IssuedToken {
  token: string;
  conversationId: string;
  /** Seconds until the token expires (Direct Line's `expires_in`). */
  expiresIn: number;
}

export interface VerifiedToken {
  conversationId: string;
  expiresAt: number; // ms since epoch
}

/** Tokens whose signature was checked recently; a conversation posts with the same token for its whole life. */
const VERIFIED_CACHE_SIZE = 10_000;

export class TokenService {
  /** token -> what it verified to; the expiry is still checked on every use. Insertion order = eviction order. */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly key: string,
    private readonly ttlSeconds: number,
    private readonly clock: () => Date,
  ) {}

  issue(conversationId: string): IssuedToken {
    if (!CONVERSATION_ID.test(conversationId)) throw new Error('conversation id has an unexpected shape');
    const expiresAt = Math.floor(this.clock().getTime() / 1000) + this.ttlSeconds;
    const body = `${VERSION}.${conversationId}.${expiresAt}`;
    return { token: `${body}.${this.sign(body)}`, conversationId, expiresIn: this.ttlSeconds };
  }

  /** Throws 401 for a missing or garbled token, 403 (Direct Line's "expired") when it is past its time. */
  verify(token: string | undefined | null): VerifiedToken {
    if (!token) throw new UnauthorizedError();
    // The signature of a token already seen needs no second HMAC; only the clock can change the answer.
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt <= this.clock().getTime()) throw new ForbiddenError('the token has expired', 'token_expired');
      return { ...known };
    }
    const result = this.verifySignature(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, result);
    return { ...result };
  }

  private verifySignature(token: string): VerifiedToken {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new UnauthorizedError('the token is not valid', 'invalid_token');
    const [version, conversationId, expiry, signature] = parts as [string, string, string, string];
    const expected = Buffer.from(this.sign(`${version}.${conversationId}.${expiry}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedError('the token is not valid', 'invalid_token');
    }
    if (!CONVERSATION_ID.test(conversationId) || !/^\d{1,12}$/.test(expiry)) throw new UnauthorizedError('the token is not valid', 'invalid_token');
    const expiresAt = Number(expiry) * 1000;
    if (expiresAt <= this.clock().getTime()) throw new ForbiddenError('the token has expired', 'token_expired');
    return { conversationId, expiresAt };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** Reads `Authorization: Bearer <token>`; null when absent or of another scheme. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
