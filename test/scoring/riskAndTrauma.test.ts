// Trauma combination and risk-factor cumulation, including unassessed answers.
import { describe, expect, it } from 'vitest';
import { RISK_FACTOR_IDS, type RiskFactorId } from '../../src/ids.js';
import { combineTrauma, riskCumulation, score, SCORING_THRESHOLDS } from '../../src/scoring/index.js';

describe('combineTrauma', () => {
  it.each<[boolean | null | undefined, boolean | null | undefined, boolean | null]>([
    [true, undefined, true],
    [undefined, true, true],
    [true, false, true],
    [false, true, true],
    [null, true, true],
    [false, false, false],
    [false, null, null],
    [false, undefined, null],
    [undefined, false, null],
    [null, null, null],
    [undefined, undefined, null],
  ])('parent %s, child %s -> %s', (parent, child, expected) => {
    expect(combineTrauma(parent, child)).toBe(expected);
  });
});

describe('riskCumulation', () => {
  it('uses S1 threshold of 5', () => {
    expect(SCORING_THRESHOLDS.riskCumulationMin).toBe(5);
  });

  it.each<[number, number, boolean | null]>([
    [5, 0, true],
    [5, 11, true],
    [16, 0, true],
    [4, 0, false],
    [4, 1, null],
    [0, 4, false],
    [0, 5, null],
    [0, 16, null],
    [3, 1, false],
    [3, 2, null],
  ])('%i present, %i unassessed -> %s', (present, unassessed, expected) => {
    expect(riskCumulation(present, unassessed)).toBe(expected);
  });
});

/** The first n factors set to `value`. */
function factors(n: number, value: boolean | null): Partial<Record<RiskFactorId, boolean | null>> {
  return Object.fromEntries(RISK_FACTOR_IDS.slice(0, n).map((id) => [id, value]));
}

describe('risk factors in score()', () => {
  it('4 present, 12 assessed absent -> count 4, no cumulation, group 1', () => {
    const r = score({ trauma: { parent: false, child: false }, unsafeAttachment: false, childEmotionalInsecurity: false,
      riskFactors: { ...factors(16, false), ...factors(4, true) } });
    expect(r).toMatchObject({ riskFactorCount: 4, riskFactorsAssessed: 16, riskCumulation: false, group: 1, groupRange: [1, 1] });
  });

  it('5 present -> cumulation even with the rest unassessed', () => {
    const r = score({ riskFactors: factors(5, true) });
    expect(r).toMatchObject({ riskFactorCount: 5, riskFactorsAssessed: 5, riskCumulation: true });
  });

  it('4 present and one unassessed -> unknown', () => {
    const r = score({ riskFactors: { ...factors(15, false), ...factors(4, true) } });
    expect(r).toMatchObject({ riskFactorCount: 4, riskFactorsAssessed: 15, riskCumulation: null });
  });

  it('null answers count as unassessed', () => {
    const r = score({ riskFactors: { ...factors(16, null), ...factors(4, true) } });
    expect(r).toMatchObject({ riskFactorCount: 4, riskFactorsAssessed: 4, riskCumulation: null });
  });

  it.each([
    ['missing', {}],
    ['null', { riskFactors: null }],
    ['empty', { riskFactors: {} }],
  ])('riskFactors %s -> all 16 unassessed', (_name, input) => {
    expect(score(input)).toMatchObject({ riskFactorCount: 0, riskFactorsAssessed: 0, riskCumulation: null });
  });

  it('every one of the 16 ids is counted', () => {
    expect(score({ riskFactors: factors(16, true) })).toMatchObject({ riskFactorCount: 16, riskFactorsAssessed: 16 });
  });
});
