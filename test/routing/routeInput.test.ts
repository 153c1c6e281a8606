// The route input contract: strict fields, instants with offsets, whole ages, known signals; errors name the field.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { parseRouteInput, route } from '../../src/routing/index.js';

const valid = { at: '2026-11-25T22:30:00+01:00', role: 'victim' };

function errorOf(value: unknown): string {
  try {
    parseRouteInput(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected the input to be rejected');
}

describe('parseRouteInput', () => {
  it('fills defaults and keeps the given fields', () => {
    expect(parseRouteInput(valid)).toEqual({ ...valid, signals: [], staffOnline: false });
    expect(parseRouteInput({ ...valid, age: 12, gender: 'other', signals: ['weapon'], staffOnline: true })).toEqual({
      ...valid,
      age: 12,
      gender: 'other',
      signals: ['weapon'],
      staffOnline: true,
    });
  });

  it.each([
    '2026-11-25T21:30:00Z',
    '2026-11-25T21:30Z',
    '2026-11-25T21:30:00.123Z',
    '2026-11-25T22:30:00.000+01:00',
    '2026-11-25T16:30:00-05:00',
  ])('accepts the instant %s', (at) => {
    expect(parseRouteInput({ ...valid, at }).at).toBe(at);
  });

  it.each([
    [{ role: 'victim' }, /^at: required$/],
    [{ ...valid, at: '2026-11-25T22:30:00' }, /^at: expected an ISO 8601 instant with an offset or Z/],
    [{ ...valid, at: '2026-11-25' }, /^at: expected an ISO 8601 instant/],
    [{ ...valid, at: 'tomorrow' }, /^at: expected an ISO 8601 instant/],
    [{ ...valid, at: '2026-02-30T10:00:00Z' }, /^at: not a real date and time$/],
    [{ ...valid, at: '2026-11-25T25:00:00+01:00' }, /^at: not a real date and time$/],
    [{ ...valid, at: 1764106200000 }, /^at: expected a string/],
    [{ at: valid.at }, /^role: /],
    [{ ...valid, role: 'mother' }, /^role: /],
    [{ ...valid, age: -1 }, /^age: /],
    [{ ...valid, age: 121 }, /^age: /],
    [{ ...valid, age: 7.5 }, /^age: expected a whole number/],
    [{ ...valid, age: '12' }, /^age: expected a whole number/],
    [{ ...valid, gender: 'f' }, /^gender: /],
    [{ ...valid, signals: ['weapon', 'knife'] }, /^signals\[1\]: /],
    [{ ...valid, signals: 'weapon' }, /^signals: /],
    [{ ...valid, staffOnline: 'yes' }, /^staffOnline: /],
    [{ ...valid, language: 'nl' }, /^language: unknown field$/],
    [null, /^\(root\): /],
    [[valid], /^\(root\): /],
  ])('rejects %j', (value, message) => {
    expect(errorOf(value)).toMatch(message);
  });

  it('route() validates its input too', () => {
    expect(() => route({ role: 'victim', at: '2026-11-25T22:30:00' })).toThrow(InvalidInputError);
  });
});
