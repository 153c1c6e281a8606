// Table-driven tests of the safety pre-filter: positives per signal in Dutch and English, negations and look-alikes.
import { describe, expect, it } from 'vitest';
import { CRITICAL_SIGNALS, SIGNAL_IDS } from '../../src/ids.js';
import { loadCorpus } from '../../src/nlu/corpus.js';
import { normalise } from '../../src/nlu/normalise.js';
import { getPrefilter } from '../../src/nlu/safety/prefilter.js';
import { negatives, positives } from './prefilter.cases.js';

const prefilter = getPrefilter();
const detect = (text: string) => prefilter.detect(normalise(text));

describe('safety pre-filter: positives', () => {
  for (const [group, cases] of Object.entries(positives)) {
    it.each(cases)(`${group}: %s -> %s`, (text, signal) => {
      expect(detect(text).signals).toContain(signal);
    });
  }

  it('has at least 10 positives for every critical signal, in both languages', () => {
    for (const s of CRITICAL_SIGNALS) expect(positives[s]?.length ?? 0).toBeGreaterThanOrEqual(10);
  });
});

describe('safety pre-filter: negations and look-alikes', () => {
  it.each(negatives)('%s -> no critical signal', (text) => {
    const critical = detect(text).signals.filter((s) => (CRITICAL_SIGNALS as readonly string[]).includes(s));
    expect(critical).toEqual([]);
  });
});

describe('safety pre-filter: explanation and form', () => {
  it('names the pattern behind every signal', () => {
    const result = detect('hij heeft me gewurgd en zei dat hij me vermoordt');
    expect(result.signals).toEqual(['threat_to_kill', 'strangulation']);
    const ids = result.hits.map((h) => h.patternId);
    expect(ids.some((id) => id.startsWith('strangle.'))).toBe(true);
    expect(ids.some((id) => id.startsWith('kill.'))).toBe(true);
  });

  it('reports signals in the fixed id order', () => {
    const { signals } = detect('hij heeft een mes en hij is hier nu, ik wil dood');
    const order = signals.map((s) => SIGNAL_IDS.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('copes with no capitals, no accents, no punctuation and shouting', () => {
    expect(detect('HIJ HEEFT ME GEWURGD!!!').signals).toContain('strangulation');
    expect(detect('hij heeft me geWURGD en het wordt erger').signals).toEqual(['strangulation', 'escalation']);
    expect(detect('hééélp hij staat voor de deur').signals).toContain('acute_danger');
  });

  it('adds child_harm for a young person who is hit, not for an adult', () => {
    const result = detect('hij slaat me elke dag');
    expect(prefilter.withCombos(result, 'young_person')).toContain('child_harm');
    expect(prefilter.withCombos(result, 'victim')).not.toContain('child_harm');
  });

  it('the speed gate never changes a result, on the corpus and on random word salad', () => {
    const corpusTexts = loadCorpus().map((i) => normalise(i.text));
    const vocabulary = [...new Set(corpusTexts.flatMap((t) => t.split(' ')))];
    // Deterministic pseudo-random texts mix words from different messages into unusual orders.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const salad = Array.from({ length: 1500 }, () =>
      Array.from({ length: 3 + Math.floor(next() * 14) }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' '),
    );
    const texts = [...corpusTexts, ...salad];
    const gated = texts.map((t) => prefilter.detect(t));
    prefilter.useGate = false;
    try {
      const plain = texts.map((t) => prefilter.detect(t));
      expect(gated.map((r) => r.signals)).toEqual(plain.map((r) => r.signals));
      expect(gated.map((r) => r.markers.sort())).toEqual(plain.map((r) => r.markers.sort()));
    } finally {
      prefilter.useGate = true;
    }
    // Every pattern over every corpus message without the gate: seconds per thousand messages, and the corpus keeps growing.
  }, 240_000);
});
