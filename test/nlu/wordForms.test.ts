// Verb forms of list words: the stem and third person of an infinitive, never short or vowel-final junk.
import { describe, expect, it } from 'vitest';
import { entryForms, verbForms } from '../../src/nlu/safety/wordForms.js';
import { getAnalyser } from '../../src/nlu/index.js';

describe('verbForms', () => {
  it.each([
    ['navertellen', ['navertel', 'navertelt']],
    ['maken', ['maak', 'maakt']],
    ['leven', ['leef', 'leeft']],
    ['lijken', ['lijk', 'lijkt']],
    ['vinden', ['vind', 'vindt']],
    ['lezen', ['lees', 'leest']],
  ])('%s -> %j', (word, forms) => {
    expect(verbForms(word)).toEqual(expect.arrayContaining(forms));
  });

  it('leaves words that are not infinitives, stems and short forms alone', () => {
    expect(verbForms('mes')).toEqual([]);
    expect(verbForms('vermoord*')).toEqual([]);
    expect(verbForms('slaan')).toEqual([]);
    // "benen" must not make "ben" a list word.
    expect(verbForms('benen')).not.toContain('ben');
    // "vingeren" must not make "vinger" (finger) a sexual-violence word.
    expect(verbForms('vingeren')).not.toContain('vinger');
  });

  it('varies the first and last word of a phrase, keeping the entry itself first', () => {
    expect(entryForms('het niet navertellen')).toEqual(['het niet navertellen', 'het niet navertel', 'het niet navertelt']);
    expect(entryForms('dood maken')).toContain('dood maakt');
    expect(entryForms('ik ~ kapot')).toEqual(['ik ~ kapot']);
  });
});

describe('the lists with verb forms', () => {
  it('find a threat written with another form of a listed verb', async () => {
    const analyser = await getAnalyser();
    // Listed as "het niet navertellen"; written with the stem.
    expect(analyser.analyse('hij zei dat hij me wel weet te vinden en dat ik het dan niet navertel', 'nl').signals).toContain('threat_to_kill');
  });
});
