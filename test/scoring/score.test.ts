// score(): the whole result for realistic assessments, key order, and independence of violence and group.
import { describe, expect, it } from 'vitest';
import { parseScoreInput, score } from '../../src/scoring/index.js';

describe('score', () => {
  it('scores the example of interfaces.md', () => {
    const input = parseScoreInput({
      partnerViolence: { mildIncidents: 5, severeIncidents: 0 },
      childAbuse: { mildIncidents: 0, severeIncidents: 0 },
      trauma: { parent: false, child: true },
      unsafeAttachment: false,
      childEmotionalInsecurity: false,
      riskFactors: { poverty: true, ace_parental_separation: false },
    });
    expect(score(input)).toEqual({
      partnerViolence: 'mild',
      childAbuse: 'none',
      trauma: true,
      unsafeAttachment: false,
      childEmotionalInsecurity: false,
      riskFactorCount: 1,
      riskCumulation: null,
      group: 5,
      groupRange: [5, 5],
      riskFactorsAssessed: 2,
    });
  });

  it('keeps the contract key order', () => {
    expect(Object.keys(score({}))).toEqual([
      'partnerViolence',
      'childAbuse',
      'trauma',
      'unsafeAttachment',
      'childEmotionalInsecurity',
      'riskFactorCount',
      'riskCumulation',
      'group',
      'groupRange',
      'riskFactorsAssessed',
    ]);
  });

  it('an empty assessment knows nothing', () => {
    expect(score({})).toEqual({
      partnerViolence: null,
      childAbuse: null,
      trauma: null,
      unsafeAttachment: null,
      childEmotionalInsecurity: null,
      riskFactorCount: 0,
      riskCumulation: null,
      group: null,
      groupRange: [1, 5],
      riskFactorsAssessed: 0,
    });
  });

  it('null sections mean not assessed, like missing ones', () => {
    const input = parseScoreInput({
      partnerViolence: null,
      childAbuse: null,
      trauma: null,
      unsafeAttachment: null,
      childEmotionalInsecurity: null,
      riskFactors: null,
    });
    expect(score(input)).toEqual(score({}));
  });

  it('severe violence does not decide the group (S1)', () => {
    const r = score({
      partnerViolence: { mildIncidents: 0, severeIncidents: 3 },
      childAbuse: { mildIncidents: 5, severeIncidents: 0 },
      trauma: { parent: false, child: false },
      unsafeAttachment: false,
      childEmotionalInsecurity: false,
      riskFactors: { poverty: false },
    });
    expect(r).toMatchObject({ partnerViolence: 'severe', childAbuse: 'severe', riskCumulation: null, group: null, groupRange: [1, 2] });
  });

  it('trauma in the parent only, child not assessed, still gives group 5', () => {
    expect(score({ trauma: { parent: true } })).toMatchObject({ trauma: true, group: 5, groupRange: [5, 5] });
  });

  it('returns a fresh result and range each call', () => {
    const a = score({});
    const b = score({});
    expect(a).not.toBe(b);
    expect(a.groupRange).not.toBe(b.groupRange);
  });
});
