// Saying back what was understood: plain clauses from signal and profile keys, at most three, never labels.
import { describe, expect, it } from 'vitest';
import { reflectionText, MAX_REFLECTED_ITEMS } from '../../dialogs/reflection.js';
import { translator } from '../../src/bot/i18n.js';

const t = translator('nl', false);
const clause = (s: string) => t(`tell:understood.signal.${s}`);

describe('reflectionText', () => {
  it('one signal', () => {
    expect(reflectionText(t, { signals: ['coercive_control'], profiles: [], role: null })).toBe(t('tell:understood.intro', { list: clause('coercive_control') }));
  });

  it('three signals, joined as a sentence', () => {
    const text = reflectionText(t, { signals: ['stalking', 'separation', 'extreme_fear'], profiles: [], role: null });
    const list = t('tell:understood.join', { first: t('tell:understood.more', { first: clause('stalking'), next: clause('separation') }), last: clause('extreme_fear') });
    expect(text).toBe(t('tell:understood.intro', { list }));
  });

  it(`never more than ${MAX_REFLECTED_ITEMS} things`, () => {
    const text = reflectionText(t, { signals: ['stalking', 'separation', 'extreme_fear', 'injury'], profiles: [], role: null });
    expect(text).not.toContain(clause('injury'));
  });

  it('a profile speaks only when no signal did; nothing found is said honestly', () => {
    expect(reflectionText(t, { signals: [], profiles: [{ id: 'family_stress', score: 0.7 }], role: null })).toContain(t('tell:understood.profile.family_stress'));
    expect(reflectionText(t, { signals: [], profiles: [], role: null })).toBe(t('tell:understood.nothing'));
  });

  it('never tells a young person that a child\'s behaviour is the trouble: the next profile, or nothing, is said instead', () => {
    const analysis = { signals: [], profiles: [{ id: 'child_behaviour' as const, score: 0.4 }, { id: 'intimate_terror' as const, score: 0.3 }], role: 'victim' as const };
    expect(reflectionText(t, analysis, 'young_person')).toContain(t('tell:understood.profile.intimate_terror'));
    expect(reflectionText(t, analysis, 'young_person')).not.toContain(t('tell:understood.profile.child_behaviour'));
    expect(reflectionText(t, { ...analysis, profiles: [{ id: 'child_behaviour', score: 0.6 }] }, 'young_person')).toBe(t('tell:understood.nothing'));
    // A parent worried about a child's behaviour still hears it.
    expect(reflectionText(t, analysis, 'victim')).toContain(t('tell:understood.profile.child_behaviour'));
  });
});
