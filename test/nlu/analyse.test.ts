// The public analyser API: shape of an Analysis, ordering, memoised start-up, language handling.
import { describe, expect, it } from 'vitest';
import { PROFILE_IDS, ROLES, SIGNAL_IDS } from '../../src/ids.js';
import { benchAnalyse } from '../../src/nlu/bench.js';
import { getAnalyser } from '../../src/nlu/index.js';

describe('getAnalyser / analyse', () => {
  it('trains once and returns the same analyser', async () => {
    const [a, b] = await Promise.all([getAnalyser(), getAnalyser()]);
    expect(a).toBe(b);
  });

  it('answers synchronously with the contract shape', async () => {
    const analyser = await getAnalyser();
    const result = analyser.analyse('mijn man controleert mijn telefoon en ik mag niet werken, ik ben zo bang voor hem');
    expect(result).not.toBeInstanceOf(Promise);
    expect(Object.keys(result).sort()).toEqual(['profiles', 'role', 'signals']);
    for (const s of result.signals) expect(SIGNAL_IDS).toContain(s);
    expect(result.signals).toContain('coercive_control');
    expect(result.role).toBe('victim');
    expect(result.profiles[0]?.id).toBe('intimate_terror');
    for (const p of result.profiles) {
      expect(PROFILE_IDS).toContain(p.id);
      expect(p.score).toBeGreaterThan(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
    const scores = result.profiles.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('gives nothing for everyday talk and for empty text', async () => {
    const analyser = await getAnalyser();
    expect(analyser.analyse('')).toEqual({ signals: [], profiles: [], role: null });
    expect(analyser.analyse('   ')).toEqual({ signals: [], profiles: [], role: null });
    const everyday = analyser.analyse('we gaan zaterdag naar de dierentuin');
    expect(everyday.signals).toEqual([]);
    expect(everyday.profiles).toEqual([]);
  });

  it('reads English when asked and Dutch by default', async () => {
    const analyser = await getAnalyser();
    expect(analyser.analyse('my dad hits me and i am 11', 'en')).toMatchObject({ role: 'young_person' });
    expect(analyser.analyse('my dad hits me and i am 11', 'en').signals).toContain('child_harm');
    expect(analyser.analyse('ik sla mijn vrouw als ik boos ben').role).toBe('perpetrator');
    expect(analyser.analyse('mijn buurvrouw wordt geslagen door haar man').role).toBe('bystander');
    for (const r of [analyser.analyse('hallo').role]) expect(r === null || ROLES.includes(r)).toBe(true);
  });

  it('returns a fresh object each time, so callers cannot corrupt the cache', async () => {
    const analyser = await getAnalyser();
    const first = analyser.analyse('hij heeft me gewurgd');
    first.signals.push('pregnancy');
    expect(analyser.analyse('hij heeft me gewurgd').signals).toEqual(['strangulation']);
  });

  it('benchAnalyse reports a positive rate', async () => {
    const rate = await benchAnalyse(['hij slaat me', { text: 'he hits me', lang: 'en' }], 0.05);
    expect(rate).toBeGreaterThan(0);
  });
});
