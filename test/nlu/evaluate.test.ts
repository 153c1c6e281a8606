// Quality gate: on the held-out test split the analyser must meet the targets of the brief (fails when quality drops).
import { describe, expect, it } from 'vitest';
import { corpusSplit, loadCorpus } from '../../src/nlu/corpus.js';
import { evaluate, TARGETS } from '../../src/nlu/evaluate.js';
import { getAnalyser } from '../../src/nlu/index.js';

describe('nlu evaluation on the test split', () => {
  it('meets recall, false-alarm, role and profile targets', async () => {
    const analyser = await getAnalyser();
    const result = evaluate(analyser, corpusSplit('test'));
    expect(result.criticalLabelled).toBeGreaterThanOrEqual(40);
    expect(result.criticalRecall).toBeGreaterThanOrEqual(TARGETS.criticalRecall);
    expect(result.neutralMessages).toBeGreaterThanOrEqual(20);
    expect(result.neutralCriticalFalseAlarms).toBeLessThanOrEqual(TARGETS.neutralCriticalFalseAlarms);
    expect(result.roleAccuracy).toBeGreaterThanOrEqual(TARGETS.roleAccuracy);
    expect(result.profileTop2).toBeGreaterThanOrEqual(TARGETS.profileTop2);
  });
});

describe('corpus', () => {
  const items = loadCorpus();

  it('has the size and spread the brief asks for', () => {
    expect(items.filter((i) => i.lang === 'nl').length).toBeGreaterThanOrEqual(450);
    expect(items.filter((i) => i.lang === 'en').length).toBeGreaterThanOrEqual(120);
    const neutral = items.filter((i) => i.signals.length === 0 && i.profiles.length === 0);
    expect(neutral.length).toBeGreaterThanOrEqual(120);
    const testShare = items.filter((i) => i.split === 'test').length / items.length;
    expect(testShare).toBeGreaterThan(0.15);
    // Every written batch keeps a quarter by a hash of the text, so the share hovers around 25%.
    expect(testShare).toBeLessThan(0.3);
  });

  it('covers every signal, profile and role', async () => {
    const { SIGNAL_IDS, PROFILE_IDS, ROLES } = await import('../../src/ids.js');
    for (const s of SIGNAL_IDS) expect(items.some((i) => i.signals.includes(s)), s).toBe(true);
    for (const p of PROFILE_IDS) expect(items.some((i) => i.profiles.includes(p)), p).toBe(true);
    for (const r of ROLES) expect(items.some((i) => i.role === r), r).toBe(true);
  });

  it('has no duplicate texts (a test item must not also be a train item)', () => {
    const seen = new Set<string>();
    for (const i of items) {
      const key = `${i.lang}:${i.text.toLowerCase()}`;
      expect(seen.has(key), i.text).toBe(false);
      seen.add(key);
    }
  });
});
