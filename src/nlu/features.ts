// Turns normalised text into the bag of stems (plus word pairs) that the nlp.js classifiers read, using nlp.js's own stemmers; as strings for training, as ids at run time.
import { StemmerEn } from '@nlpjs/lang-en';
import { StemmerNl } from '@nlpjs/lang-nl';
import { newSlot, type WordInfo } from './vocabulary.js';

export type Lang = 'nl' | 'en';

const stemmers: Record<Lang, StemmerNl | StemmerEn> = { nl: new StemmerNl(), en: new StemmerEn() };
// Stemming is the costly step; chat vocabulary is small, so a per-language word cache makes it nearly free.
const stemCache: Record<Lang, Map<string, string>> = { nl: new Map(), en: new Map() };
const STEM_CACHE_LIMIT = 50_000;

/**
 * nlp.js's stem of one word (short words stay as they are). This is stemWord() without its own memo:
 * that memo is an object that grows with every new word forever, while callers here keep bounded caches.
 */
export function stemOf(word: string, lang: Lang): string {
  if (word.length <= 3) return word;
  const stemmer = stemmers[lang];
  const { before, after } = stemmer.dictionary;
  if (Object.hasOwn(before, word)) return before[word];
  let result = word;
  if (!withoutVowels(word)) {
    stemmer.setCurrent(word);
    stemmer.innerStem();
    result = stemmer.getCurrent();
  }
  return Object.hasOwn(after, result) ? after[result] : result;
}

/** Character code -> 1 for digits and lower-case consonants (y counts as a vowel in both stemmers). */
const NO_VOWEL = new Uint8Array(128);
for (const ch of '0123456789bcdfghjklmnpqrstvwxz') NO_VOWEL[ch.charCodeAt(0)] = 1;

/**
 * True for a word of digits and consonants only. Both snowball stemmers change a word only in the regions that
 * begin after its first vowel (and their exception lists all hold vowels), so such a word is its own stem; numbers
 * (times, ages, phone numbers) are the most common words never seen before, and this skips the stemmer for them.
 */
function withoutVowels(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 128 || NO_VOWEL[c] === 0) return false;
  }
  return true;
}

function stem(word: string, lang: Lang): string {
  const cache = stemCache[lang];
  let out = cache.get(word);
  if (out === undefined) {
    out = stemOf(word, lang);
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, out);
  }
  return out;
}

/**
 * Features of one message: every stem, and every pair of neighbouring stems within a clause
 * (pairs carry word order: "ik sla" and "sla ik" mean different writers).
 */
export function features(normalised: string, lang: Lang): string[] {
  const out = new Set<string>();
  let previous: string | undefined;
  for (const word of normalised.split(' ')) {
    if (word === '' || word === ',') {
      previous = undefined;
      continue;
    }
    const s = stem(word, lang);
    out.add(s);
    if (previous !== undefined) out.add(`${previous}_${s}`);
    previous = s;
  }
  return [...out];
}

/** The same features in the dictionary form nlp.js trains on. */
export function featureDict(list: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of list) out[f] = 1;
  return out;
}

/**
 * The features the trained classifiers know, numbered, and the same reading as features() done on
 * vocabulary entries: each word's stem is looked up once (in its vocabulary slot) and pairs are numbers,
 * so a message costs no string building. Stems the classifiers never saw have no weight and are left out.
 */
export class FeatureSpace {
  /** Feature index of a known single stem. */
  private readonly single = new Map<string, number>();
  /** Feature index of a known pair, keyed by first index * size + second index. */
  private readonly pairs = new Map<number, number>();
  private readonly slots: Record<Lang, number> = { nl: newSlot(), en: newSlot() };
  /** Message generation per feature, to count each feature once. */
  private readonly seen: Int32Array;
  private gen = 0;
  readonly size: number;

  constructor(readonly names: readonly string[]) {
    this.size = names.length;
    this.seen = new Int32Array(names.length);
    names.forEach((name, i) => {
      if (!name.includes('_')) this.single.set(name, i);
    });
    names.forEach((name, i) => {
      const cut = name.indexOf('_');
      if (cut < 0) return;
      const a = this.single.get(name.slice(0, cut));
      const b = this.single.get(name.slice(cut + 1));
      // A pair always has both its stems as features (every word also counts alone).
      if (a !== undefined && b !== undefined) this.pairs.set(a * names.length + b, i);
    });
  }

  /** Feature index of a word's stem, or -1 when the classifiers never saw it; cached per word and language. */
  private stemIndex(info: WordInfo, lang: Lang): number {
    const slot = this.slots[lang];
    const cached = info.slots[slot] as number | undefined;
    if (cached !== undefined) return cached;
    const index = this.single.get(stemOf(info.word, lang)) ?? -1;
    info.slots[slot] = index;
    return index;
  }

  /** The distinct known features of a message (its normalised words and their vocabulary entries). */
  ids(words: readonly string[], infos: readonly WordInfo[], lang: Lang): number[] {
    if (++this.gen > 0x3fffffff) {
      this.gen = 1;
      this.seen.fill(0);
    }
    const gen = this.gen;
    const out: number[] = [];
    let previous = -2;
    for (let k = 0; k < words.length; k++) {
      const word = words[k];
      if (word === '' || word === ',') {
        previous = -2;
        continue;
      }
      const s = this.stemIndex(infos[k], lang);
      if (s >= 0) {
        if (this.seen[s] !== gen) {
          this.seen[s] = gen;
          out.push(s);
        }
        if (previous >= 0) {
          const pair = this.pairs.get(previous * this.size + s);
          if (pair !== undefined && this.seen[pair] !== gen) {
            this.seen[pair] = gen;
            out.push(pair);
          }
        }
      }
      previous = s;
    }
    return out;
  }
}
