// Input validation: wrong types, bad counts, unknown keys at every level, non-object roots.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { parseScoreInput } from '../../src/scoring/index.js';

function messageOf(value: unknown): string {
  try {
    parseScoreInput(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).message;
  }
  throw new Error('expected the input to be rejected');
}

describe('parseScoreInput accepts', () => {
  it.each([
    ['an empty object', {}],
    ['zero counts', { partnerViolence: { mildIncidents: 0, severeIncidents: 0 } }],
    ['a large safe count', { childAbuse: { mildIncidents: Number.MAX_SAFE_INTEGER, severeIncidents: 0 } }],
    ['a missing count', { childAbuse: { severeIncidents: 1 } }],
    ['a null count', { childAbuse: { mildIncidents: null, severeIncidents: 1 } }],
    ['null sections', { trauma: null, riskFactors: null, partnerViolence: null }],
    ['partial trauma', { trauma: { child: true } }],
    ['risk factors true, false and null', { riskFactors: { poverty: true, unemployment: false, parenting_stress: null } }],
  ])('%s', (_name, value) => {
    expect(parseScoreInput(value)).toEqual(value);
  });
});

describe('parseScoreInput rejects and names the field', () => {
  it.each<[string, unknown, RegExp]>([
    ['array root', [], /^\(root\): .*object/],
    ['null root', null, /^\(root\): .*object/],
    ['number root', 42, /^\(root\): .*object/],
    ['string root', '{}', /^\(root\): .*object/],
    ['unknown top-level key', { partnerViolenec: {} }, /^partnerViolenec: unknown field$/],
    ['unknown key in partnerViolence', { partnerViolence: { mildIncidents: 1, moderate: 2 } }, /^partnerViolence\.moderate: unknown field$/],
    ['unknown key in childAbuse', { childAbuse: { neglect: 1 } }, /^childAbuse\.neglect: unknown field$/],
    ['unknown key in trauma', { trauma: { parent: true, sibling: true } }, /^trauma\.sibling: unknown field$/],
    ['unknown risk factor id', { riskFactors: { poverty: true, foo: true } }, /^riskFactors\.foo: unknown field$/],
    ['inherited name as risk factor', { riskFactors: JSON.parse('{"__proto__": true}') }, /^riskFactors\.__proto__: unknown field$/],
    ['negative count', { partnerViolence: { mildIncidents: -1, severeIncidents: 0 } }, /^partnerViolence\.mildIncidents: .*whole number/],
    ['fractional count', { childAbuse: { mildIncidents: 0, severeIncidents: 0.5 } }, /^childAbuse\.severeIncidents: .*whole number/],
    ['unsafe integer', { childAbuse: { mildIncidents: 2 ** 53 } }, /^childAbuse\.mildIncidents: .*whole number/],
    ['string count', { partnerViolence: { mildIncidents: '3' } }, /^partnerViolence\.mildIncidents: .*number.*string/],
    ['boolean count', { partnerViolence: { severeIncidents: true } }, /^partnerViolence\.severeIncidents: .*number.*boolean/],
    ['NaN count', { partnerViolence: { severeIncidents: Number.NaN } }, /^partnerViolence\.severeIncidents: /],
    ['Infinity count', { partnerViolence: { severeIncidents: Number.POSITIVE_INFINITY } }, /^partnerViolence\.severeIncidents: /],
    ['section as array', { partnerViolence: [1, 0] }, /^partnerViolence: .*object/],
    ['section as number', { childAbuse: 3 }, /^childAbuse: .*object/],
    ['trauma as boolean', { trauma: true }, /^trauma: .*object/],
    ['trauma.parent as string', { trauma: { parent: 'yes' } }, /^trauma\.parent: .*boolean/],
    ['unsafeAttachment as number', { unsafeAttachment: 1 }, /^unsafeAttachment: .*boolean/],
    ['childEmotionalInsecurity as string', { childEmotionalInsecurity: 'false' }, /^childEmotionalInsecurity: .*boolean/],
    ['risk factor as string', { riskFactors: { poverty: 'true' } }, /^riskFactors\.poverty: .*boolean/],
    ['riskFactors as array', { riskFactors: ['poverty'] }, /^riskFactors: .*object/],
  ])('%s', (_name, value, pattern) => {
    const message = messageOf(value);
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
  });
});
