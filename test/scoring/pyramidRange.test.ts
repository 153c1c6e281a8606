// The pyramid group with unknowns: strict priority, and the range of groups still possible.
import { describe, expect, it } from 'vitest';
import { RISK_FACTOR_IDS } from '../../src/ids.js';
import { pyramidRange, score } from '../../src/scoring/index.js';

type B = boolean | null;
const T = true;
const F = false;
const U = null;

describe('pyramidRange, named cases', () => {
  it.each<[string, B, B, B, B, [number, number]]>([
    ['all false -> 1', F, F, F, F, [1, 1]],
    ['trauma -> 5 over everything', T, T, T, T, [5, 5]],
    ['trauma true, rest unknown -> 5', T, U, U, U, [5, 5]],
    ['attachment -> 4', F, T, F, F, [4, 4]],
    ['attachment beats insecurity and cumulation', F, T, T, T, [4, 4]],
    ['insecurity -> 3', F, F, T, F, [3, 3]],
    ['insecurity beats cumulation', F, F, T, T, [3, 3]],
    ['cumulation -> 2', F, F, F, T, [2, 2]],
    ['trauma unknown, rest false: {5,1}', U, F, F, F, [1, 5]],
    ['trauma unknown, attachment true: {5,4}', U, T, F, F, [4, 5]],
    ['trauma unknown, cumulation true: {5,2}', U, F, F, T, [2, 5]],
    ['all false but cumulation unknown: {2,1}', F, F, F, U, [1, 2]],
    ['attachment unknown, insecurity true: {4,3}', F, U, T, F, [3, 4]],
    ['insecurity unknown, cumulation true: {3,2}', F, F, U, T, [2, 3]],
    ['attachment unknown, rest false: {4,1}', F, U, F, F, [1, 4]],
    ['everything unknown: {5,4,3,2,1}', U, U, U, U, [1, 5]],
    ['everything unknown but cumulation true: {5,4,3,2}', U, U, U, T, [2, 5]],
    ['insecurity and cumulation unknown: {3,2,1}', F, F, U, U, [1, 3]],
  ])('%s', (_name, trauma, attachment, insecurity, cumulation, range) => {
    expect(pyramidRange(trauma, attachment, insecurity, cumulation)).toEqual(range);
  });
});

/** Independent oracle: try every way the unknowns could turn out and collect the groups. */
function possibleGroups(answers: B[]): Set<number> {
  const groups = new Set<number>();
  const unknown = answers.flatMap((a, i) => (a === null ? [i] : []));
  for (let mask = 0; mask < 1 << unknown.length; mask++) {
    const filled = answers.map((a) => a === true);
    unknown.forEach((index, bit) => (filled[index] = (mask & (1 << bit)) !== 0));
    const first = filled.indexOf(true);
    groups.add(first === -1 ? 1 : 5 - first);
  }
  return groups;
}

const VALUES: B[] = [T, F, U];
const ALL_COMBINATIONS: B[][] = VALUES.flatMap((a) => VALUES.flatMap((b) => VALUES.flatMap((c) => VALUES.map((d) => [a, b, c, d]))));

describe('pyramidRange, all 81 combinations against the oracle', () => {
  it.each(ALL_COMBINATIONS.map((combo) => [combo.map((v) => (v === null ? '?' : v ? 'T' : 'F')).join(''), combo] as const))(
    '%s',
    (_label, combo) => {
      const groups = possibleGroups(combo);
      const [low, high] = pyramidRange(combo[0], combo[1], combo[2], combo[3]);
      expect(low).toBe(Math.min(...groups));
      expect(high).toBe(Math.max(...groups));
      const result = score({
        trauma: combo[0] === null ? undefined : { parent: combo[0], child: combo[0] },
        unsafeAttachment: combo[1],
        childEmotionalInsecurity: combo[2],
        // 5 present -> true, 16 absent -> false, nothing assessed -> unknown.
        riskFactors:
          combo[3] === null
            ? undefined
            : combo[3]
              ? { poverty: true, unemployment: true, parenting_stress: true, risky_drinking_self: true, ace_sexual_abuse: true }
              : Object.fromEntries(RISK_FACTOR_IDS.map((id) => [id, false])),
      });
      expect(result.groupRange).toEqual([low, high]);
      expect(result.group).toBe(groups.size === 1 ? low : null);
    },
  );
});
