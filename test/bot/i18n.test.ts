// The process-wide translators: texts served from memory must be what i18next gives for the same key and options.
import { describe, expect, it } from 'vitest';
import { getI18n, translator } from '../../src/bot/i18n.js';

describe('translator', () => {
  it.each([
    ['nl', false],
    ['nl', true],
    ['en', false],
  ] as const)('gives i18next text for interpolated keys, also when asked again (%s, simple %s)', (lang, simple) => {
    const t = translator(lang, simple);
    const direct = (key: string, options: Record<string, unknown>) =>
      String(getI18n().getFixedT(lang)(key, simple ? { ...options, context: 'simple' } : options));
    for (let round = 0; round < 2; round++) {
      expect(t('questionnaire:progress', { n: 2, total: 8 })).toBe(direct('questionnaire:progress', { n: 2, total: 8 }));
      expect(t('questionnaire:progress', { n: 3, total: 8 })).toBe(direct('questionnaire:progress', { n: 3, total: 8 }));
      expect(t('routing:summary.age', { age: 15 })).toBe(direct('routing:summary.age', { age: 15 }));
    }
    expect(t('questionnaire:progress', { n: 2, total: 8 })).not.toBe(t('questionnaire:progress', { n: 3, total: 8 }));
  });

  it('keeps calls apart whose values only look alike', () => {
    const t = translator('nl', false);
    const a = t('routing:summary.age', { age: '15\u0000x' });
    const b = t('routing:summary.age', { age: '15' });
    expect(a).not.toBe(b);
    expect(t('routing:summary.age', { age: '15' })).toBe(b);
  });

  it('does not keep texts whose options are not plain values', () => {
    const t = translator('nl', false);
    let age = 10;
    const changing = { toString: () => String(age) };
    const first = t('routing:summary.age', { age: changing });
    age = 11;
    expect(t('routing:summary.age', { age: changing })).not.toBe(first);
  });
});
