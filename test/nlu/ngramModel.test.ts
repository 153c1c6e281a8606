// The critical-signal n-gram model: its features, its trainer, the committed weights (never stale) and how the analyser uses its reading.
import { describe, expect, it } from 'vitest';
import { CRITICAL_SIGNALS, PROFILE_IDS, type CriticalSignalId } from '../../src/ids.js';
import { CombinedAnalyser, settings } from '../../src/nlu/analyser.js';
import { corpusSplit, type CorpusItem } from '../../src/nlu/corpus.js';
import { getAnalyser } from '../../src/nlu/index.js';
import { minimise } from '../../src/nlu/ngram/lbfgs.js';
import { ngramBuckets } from '../../src/nlu/ngram/ngramFeatures.js';
import { getNgramModel, NGRAM_ROLES, NgramMetaSchema, NgramModel, readWeights } from '../../src/nlu/ngram/ngramModel.js';
import { NGRAM_TRAINING, ngramFingerprint, trainNgram, weightBytes } from '../../src/nlu/ngram/trainNgram.js';
import rawMeta from '../../src/nlu/ngram/ngramWeights.json' with { type: 'json' };
import { normaliseWords } from '../../src/nlu/normalise.js';
import { getLexicalDetector } from '../../src/nlu/safety/lexical.js';
import { getPrefilter } from '../../src/nlu/safety/prefilter.js';
import { modelsFromNetworks, trainNetworks, type TrainedModels } from '../../src/nlu/model.js';

describe('ngramBuckets', () => {
  it('gives each bucket once, inside the range, the same for the same words', () => {
    const words = normaliseWords('hij wurgde me, hij wurgde me echt');
    const a = ngramBuckets(words, 12);
    expect(new Set(a).size).toBe(a.length);
    expect(a.every((b) => Number.isInteger(b) && b >= 0 && b < 4096)).toBe(true);
    expect([...ngramBuckets(words, 12)].sort()).toEqual([...a].sort());
  });

  it('reads letter pieces: an inflected form shares most buckets with its stem word', () => {
    const shared = (x: string, y: string) => {
      const bx = new Set(ngramBuckets([x], 16));
      return ngramBuckets([y], 16).filter((b) => bx.has(b)).length;
    };
    expect(shared('wurgde', 'wurgen')).toBeGreaterThan(3);
    expect(shared('wurgde', 'fietsen')).toBe(0);
  });

  it('has no buckets for no words', () => {
    expect(ngramBuckets([], 16)).toEqual([]);
  });
});

describe('minimise (L-BFGS)', () => {
  it('finds the minimum of a quadratic bowl', () => {
    const result = minimise(
      (x, g) => {
        g[0] = 2 * (x[0]! - 3);
        g[1] = 20 * (x[1]! + 1);
        return (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2;
      },
      new Float64Array(2),
      { iterations: 100 },
    );
    expect(result.x[0]).toBeCloseTo(3, 4);
    expect(result.x[1]).toBeCloseTo(-1, 4);
  });
});

describe('trainNgram', () => {
  const item = (text: string, signals: CriticalSignalId[]): CorpusItem => ({ text, lang: 'nl', signals, role: null, profiles: [], split: 'train' });
  const items = [
    item('hij wurgde me gisteren', ['strangulation']),
    item('ze wurgde hem bijna', ['strangulation']),
    item('mijn vriend wurgt me als hij boos is', ['strangulation']),
    item('hij heeft me gewurgd in de gang', ['strangulation']),
    item('we gingen gisteren fietsen', []),
    item('ze kookte soep voor de buren', []),
    item('mijn vriend is boos over het weer', []),
    item('in de gang staat een kast', []),
  ];
  const trained = trainNgram(items, { bits: 12, l2: 1e-4, iterations: 200 });
  const model = new NgramModel(trained.meta, trained.weights);
  const p = (text: string) => model.read(normaliseWords(text)).signals[CRITICAL_SIGNALS.indexOf('strangulation')]!;

  it('learns a signal from its inflected forms and scores a new form above plain talk', () => {
    expect(p('hij wurgde haar')).toBeGreaterThan(0.5);
    expect(p('we kookten soep')).toBeLessThan(0.5);
    expect(p('hij wurgde haar')).toBeGreaterThan(p('we kookten soep'));
  });

  it('writes weights that read back the same', () => {
    expect(readWeights(weightBytes(trained.weights))).toEqual(trained.weights);
  });

  it('stamps the weights with the fingerprint of what they were trained on', () => {
    expect(trained.meta.fingerprint).toBe(ngramFingerprint(items, { bits: 12, l2: 1e-4, iterations: 200 }));
    expect(trained.meta.fingerprint).not.toBe(ngramFingerprint(items.slice(1), { bits: 12, l2: 1e-4, iterations: 200 }));
  });
});

describe('the committed weights', () => {
  it('were trained on the current train split with the current feature code (else run npm run nlu:train)', () => {
    const meta = NgramMetaSchema.parse(rawMeta);
    expect(meta.training.messages).toBe(corpusSplit('train').length);
    expect(meta.fingerprint, 'ngramWeights.json is stale: run npm run nlu:train').toBe(ngramFingerprint(corpusSplit('train'), NGRAM_TRAINING));
  });

  it('read who is writing', () => {
    const roles = getNgramModel().read(normaliseWords('ik ben de buurvrouw en ik hoor elke nacht geschreeuw en klappen bij de buren')).roles;
    expect(NGRAM_ROLES[roles.indexOf(Math.max(...roles))]).toBe('bystander');
  });

  it('are refused with a message naming the file when their size does not fit', () => {
    const meta = NgramMetaSchema.parse(rawMeta);
    expect(() => new NgramModel(meta, new Int16Array(10))).toThrow(/ngramWeights\.bin: 10 weights, expected/);
  });

  // Wordings of our own that the word lists read only partly (a weapon, danger now): the model adds what they leave out.
  const partlyListed: [string, CriticalSignalId][] = [
    ['als ik een onvoldoende haal krijg ik klappen met de houten lepel', 'child_harm'],
    ['ik heb de pillen van mama in mijn la verstopt voor als ik het niet meer trek', 'self_harm'],
  ];

  it.each(partlyListed)('read "%s" as %s where the lists do not', (text, signal) => {
    const words = normaliseWords(text);
    expect(getLexicalDetector().detect(words).signals).not.toContain(signal);
    expect(getPrefilter().detect(words.join(' '), words).signals).not.toContain(signal);
    expect(getNgramModel().read(words).signals[CRITICAL_SIGNALS.indexOf(signal)]).toBeGreaterThanOrEqual(settings.ngramSignalMinimum);
  });
});

describe('how the analyser uses the n-gram reading', () => {
  /** A stand-in n-gram model that reads the given signals in every text. */
  const fakeModel = (reads: CriticalSignalId[], p = 0.9, roles: Float64Array = new Float64Array(5), profiles: Float64Array = new Float64Array(5)) =>
    ({ read: () => ({ signals: Float64Array.from(CRITICAL_SIGNALS, (s) => (reads.includes(s) ? p : 0)), roles, profiles }) }) as unknown as NgramModel;
  const analyserWith = async (reads: CriticalSignalId[], p = 0.9, roles?: Float64Array, profiles?: Float64Array) => {
    const { corpusSplit: split } = await import('../../src/nlu/corpus.js');
    const models = modelsFromNetworks(trainNetworks(split('train').slice(0, 200)));
    return new CombinedAnalyser(getPrefilter(), models, getLexicalDetector(), fakeModel(reads, p, roles, profiles));
  };

  it('adds a critical signal the lists missed', async () => {
    const a = await analyserWith(['self_harm']);
    expect(a.analyse('het was een lange dag vandaag', 'nl').signals).toContain('self_harm');
  });

  it('does not raise a signal a list judged a look-alike or negated', async () => {
    const a = await analyserWith(['self_harm', 'weapon']);
    expect(a.analyse('I cut my hair myself and it looks awful', 'en').signals).not.toContain('self_harm');
    expect(a.analyse('hij heeft nooit een wapen gehad', 'nl').signals).not.toContain('weapon');
  });

  it('keeps the lists\' judgement in a very long text too (read in segments)', async () => {
    // Sure enough to add a signal, not sure enough to overrule a list in a long text.
    const p = (settings.ngramSignalMinimum + settings.ngramOverrideLongMinimum) / 2;
    const a = await analyserWith(['self_harm'], p);
    const story = `${'we walked to the park and back and the weather was fine. '.repeat(45)}I cut my hair myself and it looks awful`;
    expect(story.split(' ').length).toBeGreaterThan(400);
    expect(a.analyse(story, 'en').signals).not.toContain('self_harm');
  });

  it('overrules such a judgement in a longer text from ngramOverrideLongMinimum', async () => {
    const story = 'ik was gisteren bij mijn oom en toen liet hij me een filmpje zien en moest ik het nadoen';
    expect(normaliseWords(story).length).toBeGreaterThanOrEqual(settings.ngramOverrideLongWords);
    const words = normaliseWords(story);
    expect(getLexicalDetector().detect(words).cancelledSignals ?? getPrefilter().detect(words.join(' '), words).cancelledSignals).toContain('sexual_violence');
    expect((await analyserWith(['sexual_violence'], settings.ngramOverrideLongMinimum)).analyse(story, 'nl').signals).toContain('sexual_violence');
    const below = (settings.ngramSignalMinimum + settings.ngramOverrideLongMinimum) / 2;
    expect((await analyserWith(['sexual_violence'], below)).analyse(story, 'nl').signals).not.toContain('sexual_violence');
  });

  it('raises nothing from one distinct word alone, however sure it reads ("Nee" is an answer button), but does from two', async () => {
    expect(settings.ngramMinimumWords).toBe(2);
    const sure = await analyserWith(['sexual_violence'], 0.99);
    for (const text of ['Nee', 'nee!', 'NEE.', 'nee nee nee', 'nee, nee']) expect(sure.analyse(text, 'nl').signals, text).toEqual([]);
    expect(sure.analyse('nee nooit', 'nl').signals).toContain('sexual_violence');
  });

  it('overrides such a judgement only when near-certain', async () => {
    expect(settings.ngramOverrideMinimum).toBeGreaterThan(0.9);
    const sure = await analyserWith(['self_harm'], settings.ngramOverrideMinimum);
    expect(sure.analyse('I cut my hair myself and it looks awful', 'en').signals).toContain('self_harm');
  });

  describe('drops a signal only the word lists raised when neither model sees it', () => {
    // The broad lists read "vergiftig" as a threat and "schaam me dood" as self-harm and hurt; no phrase pattern does.
    const poison = 'mijn schoonvader met alzheimer denkt dat ik hem vergiftig met de koffie';
    const tantrum = 'mijn dochter van drie gooit zich op de grond en ik schaam me dood';

    it('finds these only in the lists (the premise)', () => {
      for (const [text, signals] of [[poison, ['threat_to_kill']], [tantrum, ['self_harm', 'child_harm']]] as const) {
        const words = normaliseWords(text);
        expect(getPrefilter().detect(words.join(' '), words).signals).toEqual([]);
        expect(getLexicalDetector().detect(words).signals).toEqual(expect.arrayContaining([...signals]));
      }
    });

    /** The analyser with a stand-in n-gram model reading `reads` at `p`, and a signal network that reads nothing. */
    const quietNetwork = async (reads: CriticalSignalId[], p?: number) => {
      const models = modelsFromNetworks(trainNetworks(corpusSplit('train').slice(0, 200)));
      const quiet: TrainedModels = {
        space: models.space,
        role: (ids) => models.role(ids),
        profiles: (ids) => models.profiles(ids),
        signals: (ids) => models.signals(ids),
        all: (ids) => {
          const scores = models.all(ids);
          scores.signals.fill(0);
          return scores;
        },
      };
      return new CombinedAnalyser(getPrefilter(), quiet, getLexicalDetector(), fakeModel(reads, p));
    };

    it('drops it when the n-gram model reads it below ngramVetoMaximum', async () => {
      expect(settings.ngramVetoMaximum).toBeGreaterThan(0);
      const a = await quietNetwork([]);
      expect(a.analyse(poison, 'nl').signals).not.toContain('threat_to_kill');
      expect(a.analyse(tantrum, 'nl').signals).not.toContain('child_harm');
    });

    it('keeps it when the n-gram model reads it at ngramVetoMaximum or more', async () => {
      const a = await quietNetwork(['threat_to_kill'], settings.ngramVetoMaximum);
      expect(a.analyse(poison, 'nl').signals).toContain('threat_to_kill');
    });

    it('never drops self_harm', async () => {
      expect(settings.vetoExempt).toContain('self_harm');
      expect((await quietNetwork([])).analyse(tantrum, 'nl').signals).toContain('self_harm');
    });
  });

  it('weighs its role reading (NGRAM_ROLES order) into the writer role', async () => {
    const text = 'het was een lange dag vandaag';
    const bystander = Float64Array.from(NGRAM_ROLES, (r) => (r === 'bystander' ? 1 : 0));
    expect((await analyserWith([], 0.9, bystander)).analyse(text, 'nl').role).toBe('bystander');
    expect((await analyserWith([])).analyse(text, 'nl').role).not.toBe('bystander');
  });

  it('weighs its profile reading into the profiles', async () => {
    const text = 'het was een lange dag vandaag';
    const divorce = Float64Array.from(PROFILE_IDS, (p) => (p === 'complex_divorce' ? 0.9 : 0));
    expect((await analyserWith([], 0.9, undefined, divorce)).analyse(text, 'nl').profiles[0]?.id).toBe('complex_divorce');
    expect((await analyserWith([])).analyse(text, 'nl').profiles.map((p) => p.id)).not.toContain('complex_divorce');
  });

  it('is part of the analyser getAnalyser() builds', async () => {
    const a = await getAnalyser();
    expect(a.analyse('als ik een onvoldoende haal krijg ik klappen met de houten lepel', 'nl').signals).toContain('child_harm');
  });
});
