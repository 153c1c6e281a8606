// jsonCopy must return exactly what a JSON round trip returns, since stored and streamed activities are compared as JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCopy } from '../../src/channel/activityLog.js';

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('jsonCopy', () => {
  it('writes -0 as 0, as JSON does', () => {
    expect(Object.is((jsonCopy({ n: -0 }) as { n: number }).n, 0)).toBe(true);
  });

  it('drops undefined and functions from objects, nulls them in arrays, applies toJSON, nulls non-finite numbers', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 2, Number.NaN, Infinity, 1.5],
      d: new Date(0),
      e: { f: undefined, g: 'x', h: null, i: { toJSON: () => ({ j: undefined, k: 2 }) } },
    };
    expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
    expect(Object.keys(jsonCopy(value) as object)).toEqual(['c', 'd', 'e']);
  });

  it('matches a JSON round trip for any JSON-like value with undefined sprinkled in', () => {
    const withHoles = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(undefined),
        fc.constant(null),
        fc.boolean(),
        fc.double(),
        fc.string(),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(fc.string(), withHoles), (value) => {
        expect(JSON.stringify(jsonCopy(value))).toBe(JSON.stringify(roundTrip(value)));
        expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
      }),
    );
  });

  it('keeps a "__proto__" key as an own key, as JSON.parse does', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = jsonCopy(value) as Record<string, unknown>;
    expect(copy).toStrictEqual(roundTrip(value));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  it('returns a copy: changing it leaves the original alone', () => {
    const original = { nested: { list: [1, 2] } };
    const copy = jsonCopy(original) as typeof original;
    copy.nested.list.push(3);
    expect(original.nested.list).toEqual([1, 2]);
  });
});
