// Turns normalised text into the bag of stems (plus word pairs) that the nlp.js classifiers read, using nlp.js's own stemmers.
import { StemmerEn } from '@nlpjs/lang-en';
import { StemmerNl } from '@nlpjs/lang-nl';

type Lang = 'nl' | 'en';

const stemmers: Record<Lang, { stemWord(word: string): string }> = { nl: new StemmerNl(), en: new StemmerEn() };
// Stemming is the costly step; chat vocabulary is small, so a per-language word cache makes it nearly free.
const stemCache: Record<Lang, Map<string, string>> = { nl: new Map(), en: new Map() };
const STEM_CACHE_LIMIT = 50_000;

function stem(word: string, lang: Lang): string {
  const cache = stemCache[lang];
  let out = cache.get(word);
  if (out === undefined) {
    out = word.length > 3 ? stemmers[lang].stemWord(word) : word;
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
