// When the signal network's reading is added: its usual minimum, a higher one for negated texts the lists found nothing in, never beside a cancelled look-alike.
import { describe, expect, it } from 'vitest';
import { CRITICAL_SIGNALS } from '../../src/ids.js';
import { CombinedAnalyser, settings } from '../../src/nlu/analyser.js';
import { FeatureSpace, stemOf } from '../../src/nlu/features.js';
import { allFromRecords, NONE, type SignalScores, type TrainedModels } from '../../src/nlu/model.js';
import { getLexicalDetector } from '../../src/nlu/safety/lexical.js';
import { getPrefilter } from '../../src/nlu/safety/prefilter.js';

/** A stand-in network that knows one word and reads self_harm at a fixed score. */
function analyserWith(selfHarm: number): CombinedAnalyser {
  const space = new FeatureSpace([stemOf('vandaag', 'nl')]);
  const zero = () => ({}) as never;
  const models: TrainedModels = {
    space,
    role: () => ({ victim: 0, perpetrator: 0, young_person: 0, bystander: 0, [NONE]: 1 }) as never,
    profiles: zero,
    signals: () => {
      const out = { [NONE]: 0 } as SignalScores;
      for (const s of CRITICAL_SIGNALS) out[s] = 0;
      out.self_harm = selfHarm;
      return out;
    },
    all: (ids) => allFromRecords(models, ids),
  };
  return new CombinedAnalyser(getPrefilter(), models, getLexicalDetector());
}

const plain = 'vandaag was een lange dag';
const negated = 'vandaag was geen lange dag';

describe('signal network gate', () => {
  it('keeps the negated minimum above the usual one', () => {
    expect(settings.signalModelNegatedMinimum).toBeGreaterThan(settings.signalModelMinimum);
  });

  it('adds a reading at the usual minimum to a plain text, not to a negated one', () => {
    const between = (settings.signalModelMinimum + settings.signalModelNegatedMinimum) / 2;
    expect(analyserWith(between).analyse(plain).signals).toContain('self_harm');
    expect(analyserWith(between).analyse(negated).signals).not.toContain('self_harm');
  });

  it('adds a near-certain reading to a negated text', () => {
    expect(analyserWith(settings.signalModelNegatedMinimum).analyse(negated).signals).toContain('self_harm');
  });

  it('adds nothing below the usual minimum', () => {
    expect(analyserWith(settings.signalModelMinimum - 0.05).analyse(plain).signals).not.toContain('self_harm');
  });
});
