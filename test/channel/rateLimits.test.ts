// Token buckets per conversation and per hashed address class: limits, refill, Retry-After, bounded memory, address grouping.
import { describe, expect, it } from 'vitest';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { TokenBuckets, addressClass, createRateLimits, RateLimitedError } from '../../src/channel/rateLimits.js';
import { createErrorHandler } from '../../src/channel/errorHandler.js';
import { createLogger } from '../../src/logger.js';

describe('TokenBuckets', () => {
  it('allows a burst of capacity, then refuses with the wait until one token is back', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 20, windowMs: 10_000 }, 100, () => now);
    for (let i = 0; i < 20; i++) expect(buckets.take('c')).toEqual({ ok: true });
    expect(buckets.take('c')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 499;
    expect(buckets.take('c').ok).toBe(false);
    now += 1; // 500 ms = one token at 20 per 10 s
    expect(buckets.take('c')).toEqual({ ok: true });
    expect(buckets.take('other')).toEqual({ ok: true });
  });

  it('reports a longer Retry-After for slow rules', () => {
    const buckets = new TokenBuckets({ capacity: 2, windowMs: 60_000 }, 100, () => 0);
    buckets.take('a');
    buckets.take('a');
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
  });

  it('never keeps more keys than its bound, however many callers flood it', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 5, windowMs: 1_000 }, 1_000, () => now);
    for (let i = 0; i < 10_000; i++) {
      now += 0.01;
      buckets.take(`k${i}`);
    }
    expect(buckets.size).toBeLessThanOrEqual(1_001);
  });
});

describe('addressClass', () => {
  it('groups IPv4 by /24 and IPv6 by /48, and treats IPv4-mapped IPv6 as IPv4', () => {
    expect(addressClass('192.0.2.10')).toBe(addressClass('192.0.2.250'));
    expect(addressClass('192.0.2.10')).not.toBe(addressClass('192.0.3.10'));
    expect(addressClass('2001:db8:1:2::1')).toBe(addressClass('2001:db8:1:ffff:aaaa::9'));
    expect(addressClass('2001:db8:1::1')).not.toBe(addressClass('2001:db8:2::1'));
    expect(addressClass('::ffff:192.0.2.7')).toBe(addressClass('192.0.2.99'));
  });

  it('never contains the address itself', () => {
    const hashed = addressClass('198.51.100.23');
    expect(hashed).not.toContain('198');
    expect(hashed).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(addressClass(undefined)).toBe(addressClass('not an address'));
  });
});

describe('createRateLimits', () => {
  it('throws RateLimitedError (429, rate_limited) past the message rule', () => {
    const limits = createRateLimits({ messages: { capacity: 2, windowMs: 1_000 }, now: () => 0 });
    limits.checkMessage('c1');
    limits.checkMessage('c1');
    expect(() => limits.checkMessage('c1')).toThrow(RateLimitedError);
    expect(() => limits.checkMessage('c2')).not.toThrow();
    try {
      limits.checkMessage('c1');
    } catch (error) {
      expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 1 });
    }
  });

  it('answers 429 with Retry-After and the JSON error shape over HTTP', async () => {
    const limits = createRateLimits({ starts: { capacity: 3, windowMs: 60_000 }, now: () => 0 });
    const app = express();
    app.post('/start', limits.startLimiter, (_req, res) => {
      res.json({ ok: true });
    });
    app.use(createErrorHandler(createLogger('silent')));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/start`;
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(url, { method: 'POST' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await fetch(url, { method: 'POST' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('20');
      expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
