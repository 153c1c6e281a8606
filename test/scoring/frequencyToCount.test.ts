// Frequency answers become CTS counts; "before the past year" counts 0 but sets ever.
import { describe, expect, it } from 'vitest';
import { FREQUENCY_CATEGORIES, FrequencyCategorySchema, frequencyToCount, type FrequencyCategory } from '../../src/scoring/index.js';
import { InvalidInputError } from '../../src/errors.js';

describe('frequencyToCount', () => {
  it.each<[FrequencyCategory, number, boolean]>([
    ['never', 0, false],
    ['once', 1, true],
    ['twice', 2, true],
    ['3-5', 4, true],
    ['6-10', 8, true],
    ['11-20', 15, true],
    ['20+', 25, true],
    ['before_past_year', 0, true],
  ])('%s -> count %i, ever %s', (category, count, ever) => {
    expect(frequencyToCount(category)).toEqual({ count, ever });
  });

  it('covers every category of the enum', () => {
    expect(FREQUENCY_CATEGORIES).toHaveLength(8);
    for (const category of FREQUENCY_CATEGORIES) expect(frequencyToCount(category).count).toBeGreaterThanOrEqual(0);
  });

  it.each(['sometimes', 'constructor', 'toString', ''])('rejects %j from an untyped caller', (bad) => {
    expect(() => frequencyToCount(bad as FrequencyCategory)).toThrow(InvalidInputError);
  });

  it('the enum schema accepts the ids and rejects others', () => {
    expect(FrequencyCategorySchema.safeParse('3-5').success).toBe(true);
    expect(FrequencyCategorySchema.safeParse('3 to 5').success).toBe(false);
  });

  it('three to five mild partner incidents a year are counted as four (mild, not none)', async () => {
    const { partnerViolenceLevel } = await import('../../src/scoring/index.js');
    expect(partnerViolenceLevel({ mildIncidents: frequencyToCount('3-5').count, severeIncidents: 0 })).toBe('mild');
    expect(partnerViolenceLevel({ mildIncidents: frequencyToCount('20+').count, severeIncidents: 0 })).toBe('severe');
  });
});
