// Sign-in brute-force brake, in memory: failures per account name and per address class; addresses are only kept as keyed hashes.
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4 } from 'node:net';

export interface ThrottleLimits {
  /** Failed sign-ins counted over this window (ms). */
  windowMs: number;
  /** Failures per account name in the window before sign-in is refused (429). */
  perName: number;
  /** Failures per address class (IPv4 /24, IPv6 /64) in the window; higher, since offices share addresses. */
  perAddress: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { windowMs: 15 * 60 * 1000, perName: 5, perAddress: 20 };

/** Most keys kept; a flood of made-up names cannot grow memory beyond this (the oldest keys go first). */
export const MAX_THROTTLE_KEYS = 50_000;

/** IPv4 /24 or IPv6 /64: one household or office network counts as one source. */
export function addressClass(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(mapped)) return mapped.split('.').slice(0, 3).join('.');
  const [head, tail = ''] = mapped.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups.slice(0, 4).map((g) => g.toLowerCase()).join(':');
}

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  // A per-process key: the map never holds an address, not even one a dictionary could reverse.
  private readonly key = randomBytes(32);

  constructor(
    private readonly clock: () => Date,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
    private readonly maxKeys: number = MAX_THROTTLE_KEYS,
  ) {}

  private keys(name: string, ip: string | undefined): Array<[string, number]> {
    const address = createHmac('sha256', this.key).update(addressClass(ip)).digest('base64url');
    return [
      [`n:${createHmac('sha256', this.key).update(name.trim().toLowerCase()).digest('base64url')}`, this.limits.perName],
      [`a:${address}`, this.limits.perAddress],
    ];
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
    if (list.length > 0) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait when blocked, else 0. */
  retryAfterSeconds(name: string, ip: string | undefined): number {
    const now = this.clock().getTime();
    let wait = 0;
    for (const [key, limit] of this.keys(name, ip)) {
      const list = this.recent(key, now);
      if (list.length >= limit) wait = Math.max(wait, Math.ceil((list[list.length - limit] + this.limits.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(name: string, ip: string | undefined): void {
    const now = this.clock().getTime();
    for (const [key, limit] of this.keys(name, ip)) {
      // Only the last `limit` failures decide whether and how long a key waits.
      const list = [...this.recent(key, now), now].slice(-limit);
      this.failures.delete(key); // re-insert so Map order is "least recently failed first"
      this.failures.set(key, list);
    }
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value as string);
  }

  /** Keys held now (for tests and the memory bound). */
  get size(): number {
    return this.failures.size;
  }

  /** A correct password clears the name's count (not the address's: one good account must not unlock guessing others). */
  succeed(name: string, ip: string | undefined): void {
    this.failures.delete(this.keys(name, ip)[0][0]);
  }
}
