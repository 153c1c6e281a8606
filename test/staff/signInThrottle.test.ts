// The sign-in brake: address classes, per-name and per-address limits, the window, and the memory bound.
import { describe, expect, it } from 'vitest';
import { MAX_THROTTLE_KEYS, SignInThrottle, addressClass } from '../../src/staff/signInThrottle.js';

describe('addressClass', () => {
  it.each([
    ['192.168.1.77', '192.168.1'],
    ['::ffff:10.0.0.5', '10.0.0'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2'],
    ['2001:db8::1', '2001:db8:0:0'],
    ['::1', '0:0:0:0'],
    [undefined, 'unknown'],
  ])('%s -> %s', (ip, expected) => {
    expect(addressClass(ip)).toBe(expected);
  });
});

describe('SignInThrottle', () => {
  it('blocks a name after 5 failures and frees it when the window has passed', () => {
    let now = 0;
    const throttle = new SignInThrottle(() => new Date(now));
    for (let i = 0; i < 4; i++) throttle.fail('anna', `10.0.${i}.1`);
    expect(throttle.retryAfterSeconds('anna', '10.9.9.9')).toBe(0);
    throttle.fail('Anna ', '10.0.5.1'); // same account, other spelling
    expect(throttle.retryAfterSeconds('anna', '10.9.9.9')).toBe(900);
    now = 15 * 60 * 1000;
    expect(throttle.retryAfterSeconds('anna', '10.9.9.9')).toBe(0);
  });

  it('blocks an address class after 20 failures across names, but not its neighbours', () => {
    const throttle = new SignInThrottle(() => new Date(0));
    for (let i = 0; i < 20; i++) throttle.fail(`name${i}`, `10.1.1.${i}`);
    expect(throttle.retryAfterSeconds('someone-new', '10.1.1.200')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('someone-new', '10.1.2.1')).toBe(0);
  });

  it('a correct password clears the name but not the address', () => {
    const throttle = new SignInThrottle(() => new Date(0), { windowMs: 1000, perName: 2, perAddress: 3 });
    throttle.fail('anna', '10.0.0.1');
    throttle.fail('anna', '10.0.0.1');
    throttle.succeed('anna', '10.0.0.1');
    expect(throttle.retryAfterSeconds('anna', '10.0.0.2')).toBe(0);
    throttle.fail('bram', '10.0.0.1');
    expect(throttle.retryAfterSeconds('carla', '10.0.0.1')).toBe(1);
  });

  it('keeps at most maxKeys keys, dropping the least recently failed', () => {
    const throttle = new SignInThrottle(() => new Date(0), undefined, 100);
    for (let i = 0; i < 500; i++) throttle.fail(`n${i}`, '10.0.0.1');
    expect(throttle.size).toBe(100);
    expect(throttle.retryAfterSeconds('n499', '10.5.5.5')).toBe(0); // one failure: not blocked, but still counted
    expect(MAX_THROTTLE_KEYS).toBeGreaterThanOrEqual(10_000);
  });
});
