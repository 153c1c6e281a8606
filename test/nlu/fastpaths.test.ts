// The speed paths must give exactly what the plain ones give: numbered features vs nlp.js string features, the fast training vs nlp.js's own.
import { NeuralNetwork } from '@nlpjs/neural';
import { describe, expect, it } from 'vitest';
import { corpusSplit, loadCorpus } from '../../src/nlu/corpus.js';
import { featureDict, features, FeatureSpace } from '../../src/nlu/features.js';
import { trainingInputs, trainModels, TRAINING_SETTINGS } from '../../src/nlu/model.js';
import { normalise } from '../../src/nlu/normalise.js';
import { infosOf } from '../../src/nlu/vocabulary.js';

describe('numbered features', () => {
  it('are the known string features of every corpus message, once each', () => {
    const items = loadCorpus();
    const names = [...new Set(corpusSplit('train').slice(0, 300).flatMap((i) => features(normalise(i.text), i.lang)))];
    const space = new FeatureSpace(names);
    const index = new Map(names.map((n, i) => [n, i]));
    for (const item of items) {
      const norm = normalise(item.text);
      const words = norm === '' ? [] : norm.split(' ');
      const expected = features(norm, item.lang)
        .map((f) => index.get(f))
        .filter((i): i is number => i !== undefined);
      expect(space.ids(words, infosOf(words), item.lang)).toEqual(expected);
    }
  });
});

describe('fast training', () => {
  it('gives the same network outputs as nlp.js trained plainly', () => {
    const items = corpusSplit('train').slice(0, 120);
    const models = trainModels(items);
    // The same data through the untouched library network.
    const inputs = trainingInputs(items);
    const data = items
      .map((item, k) => ({ item, input: inputs[k] }))
      .filter((d) => Object.keys(d.input).length > 0)
      .map(({ item, input }) => ({ input, output: { [item.role ?? 'none']: 1 } }));
    // The same settings the fast trainer uses (iterations included).
    const plain = new NeuralNetwork({ ...TRAINING_SETTINGS });
    plain.train(data);
    for (const item of corpusSplit('test').slice(0, 60)) {
      const norm = normalise(item.text);
      const words = norm === '' ? [] : norm.split(' ');
      const feats = features(norm, item.lang);
      const expected = plain.run(featureDict(feats)) ?? {};
      const got = models.role(models.space.ids(words, infosOf(words), item.lang));
      for (const [role, value] of Object.entries(expected)) {
        expect(got[role as keyof typeof got]).toBeCloseTo(Math.max(0, Math.min(1, value)), 5);
      }
    }
  });
});

describe('stemming without the library memo', () => {
  /** Our stemOf beside the library's own stemmers (stemWord, with its memo). */
  const stemmersSideBySide = async () => {
    const { StemmerNl } = await import('@nlpjs/lang-nl');
    const { StemmerEn } = await import('@nlpjs/lang-en');
    const { stemOf } = await import('../../src/nlu/features.js');
    return { stemOf, plain: { nl: new StemmerNl(), en: new StemmerEn() } };
  };

  it('gives what stemWord gives for every corpus word', async () => {
    const { stemOf, plain } = await stemmersSideBySide();
    let checked = 0;
    for (const item of loadCorpus()) {
      for (const word of normalise(item.text).split(' ')) {
        if (word.length <= 3) continue;
        expect(stemOf(word, item.lang)).toBe(plain[item.lang].stemWord(word));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('gives what stemWord gives for numbers and words without a vowel (which skip the stemmer)', async () => {
    const { stemOf, plain } = await stemmersSideBySide();
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    // Consonant endings the stemmers strip after a vowel (s, d, t, n, ly, ing...) are the letters most likely to matter.
    const letters = '0123456789bcdfghjklmnpqrstvwxzsdtnsdtnllgg';
    const words = ['112', '2024', '0612345678', '3x1234', 'pfff', 'hmmm', 'grrr', 'brrr', 'shhh', 'tss', 'nrs', 'sss'];
    for (let i = 0; i < 20_000; i++) {
      let word = '';
      const n = 4 + rnd(10);
      for (let j = 0; j < n; j++) word += letters[rnd(letters.length)];
      words.push(word);
    }
    for (const word of words) for (const lang of ['nl', 'en'] as const) expect(stemOf(word, lang)).toBe(plain[lang].stemWord(word));
  });
});

describe('normalise in one pass', () => {
  it('gives single-spaced a-z0-9 words, lone clause marks, no triple letters, whatever the input', async () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = "abcdeeeoo  ,.!?;:'’\"()\n\t-_/é😂ÀÇ12İß\u00a0xxx";
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = Math.floor(rnd() * 40);
      for (let j = 0; j < n; j++) text += alphabet[Math.floor(rnd() * alphabet.length)] ?? 'a';
      const out = normalise(text);
      if (out === '') continue;
      expect(out).toMatch(/^[a-z0-9]+( ([a-z0-9]+|,))*$/);
      expect(out).not.toMatch(/, ,/);
      expect(out).not.toMatch(/([a-z])\1\1/);
    }
    expect(normalise('HEEEELP!!! hij... staat, voor de deur')).toBe('heelp , hij , staat , voor de deur');
    expect(normalise("k weet niet wat ik moet doen, he's gek")).toBe('ik weet niet wat ik moet doen , he is gek');
  });
});
