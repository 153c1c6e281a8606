// Abuse limits for the public doors: token buckets per conversation (messages) and per address class (conversation starts), in memory only.
import { createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

/** 429 with the number of seconds after which the same call would pass; the handler sets Retry-After from it. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 'too many requests; please wait a moment and try again', 429);
  }
}

export interface BucketRule {
  /** Calls allowed in a burst (the bucket's size). */
  capacity: number;
  /** Time in ms in which an empty bucket fills up again; refill is continuous. */
  windowMs: number;
}

export interface RateLimitOptions {
  /** Messages a conversation may send: default 20 per 10 s, well above anyone typing or clicking buttons. */
  messages?: BucketRule;
  /** Conversation starts (and tokens) from one address class: default 30 per minute, which a shared office or school NAT stays under. */
  starts?: BucketRule;
  /** Most keys a limiter keeps; beyond it idle buckets go first, so a flood of addresses cannot grow memory without bound. */
  maxKeys?: number;
  now?: () => number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Continuous-refill token buckets keyed by any string; full buckets are forgotten, since a fresh one is the same. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly rule: BucketRule,
    private readonly maxKeys: number,
    private readonly now: () => number,
  ) {
    this.perMs = rule.capacity / rule.windowMs;
  }

  take(key: string): TakeResult {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.rule.capacity, bucket.tokens + (now - bucket.at) * this.perMs) : this.rule.capacity;
    if (tokens < 1) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    // Re-inserting moves the key to the end, so Map order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.sweep(now);
    return { ok: true };
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.rule.capacity) this.buckets.delete(key);
    }
    // Still too many busy keys (a flood): drop the least recently used; at worst they get a fresh bucket.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

// A per-process random key: address classes are never stored or logged, and the hash cannot be reversed or
// compared across restarts or instances.
const ADDRESS_KEY = randomBytes(32);

function expandIPv6(address: string): number[] | null {
  const zoneless = address.split('%')[0]!;
  let text = zoneless;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const parts = v4[1]!.split('.').map(Number);
    text = `${text.slice(0, -v4[1]!.length)}${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return null;
  const groups = [...headGroups, ...Array(tail === undefined ? 0 : missing).fill('0'), ...tailGroups].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The network an address belongs to, hashed: IPv4 by /24 and IPv6 by /48, the blocks a single
 * household or provider customer usually holds. IPv4-mapped IPv6 counts as IPv4.
 */
export function addressClass(address: string | undefined): string {
  let network = 'unknown';
  if (address && isIP(address) === 4) {
    network = `4:${address.split('.').slice(0, 3).join('.')}`;
  } else if (address && isIP(address.split('%')[0]!) === 6) {
    const groups = expandIPv6(address);
    if (groups) {
      const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
      network = mapped ? `4:${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}` : `6:${groups.slice(0, 3).join(':')}`;
    }
  }
  return createHmac('sha256', ADDRESS_KEY).update(network).digest('base64url').slice(0, 22);
}

export interface RateLimits {
  /** Throws RateLimitedError when this conversation sends faster than the message rule allows. */
  checkMessage(conversationId: string): void;
  /** Throws RateLimitedError when this address class starts conversations faster than the start rule allows. */
  checkStart(address: string | undefined): void;
  /** Express middleware for start doors (token generate, conversation start): sets Retry-After and answers 429. */
  startLimiter: RequestHandler;
  /** Express middleware for the message door; reads the conversation id from `req.params.id`. */
  messageLimiter: RequestHandler;
}

export const DEFAULT_MESSAGE_RULE: BucketRule = { capacity: 20, windowMs: 10_000 };
export const DEFAULT_START_RULE: BucketRule = { capacity: 30, windowMs: 60_000 };

export function createRateLimits(options: RateLimitOptions = {}): RateLimits {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const messages = new TokenBuckets(options.messages ?? DEFAULT_MESSAGE_RULE, maxKeys, now);
  const starts = new TokenBuckets(options.starts ?? DEFAULT_START_RULE, maxKeys, now);
  const enforce = (result: TakeResult) => {
    if (!result.ok) throw new RateLimitedError(result.retryAfterSeconds);
  };
  const asMiddleware =
    (check: (req: Parameters<RequestHandler>[0]) => void): RequestHandler =>
    (req, res, next) => {
      try {
        check(req);
        next();
      } catch (error) {
        if (error instanceof RateLimitedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
        next(error);
      }
    };
  const limits: RateLimits = {
    checkMessage: (conversationId) => enforce(messages.take(conversationId)),
    checkStart: (address) => enforce(starts.take(addressClass(address))),
    startLimiter: asMiddleware((req) => limits.checkStart(req.ip ?? req.socket.remoteAddress)),
    messageLimiter: asMiddleware((req) => limits.checkMessage(String(req.params.id ?? ''))),
  };
  return limits;
}
