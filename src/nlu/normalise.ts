// Turns raw chat text into one canonical form (lowercase, no accents, expanded contractions, clause marks) that patterns and the model share.
import { z } from 'zod';
import data from './lexicon/normalise.json' with { type: 'json' };

const NormaliseDataSchema = z.strictObject({
  replace: z.array(z.tuple([z.string(), z.string()])),
  tokens: z.record(z.string(), z.string()),
  boundaryPunctuation: z.string(),
  /** Laughing emoji: read as "haha" so a joking "ik vermoord je 😂" is recognised as a joke. */
  laughter: z.string(),
});

const lexicon = NormaliseDataSchema.parse(data);

/** The clause mark that replaces sentence punctuation; patterns never match across it. */
export const BOUNDARY = ',';

// One alternation for all contractions (longest first, so "won't" wins over "n't"); apostrophe variants folded to '.
const replaceMap = new Map(lexicon.replace.map(([from, to]) => [from, to === '' ? '' : ` ${to}`]));
// A contraction that starts with the apostrophe ('t, 's) must end the word: in "'that could be you" the quote is no contraction.
const replaceRegex = new RegExp(
  [...replaceMap.keys()]
    .sort((a, b) => b.length - a.length)
    .map((key) => (key.startsWith("'") ? `${escapeRegExp(key)}(?![a-z0-9])` : escapeRegExp(key)))
    .join('|'),
  'g',
);
const tokenMap = new Map(Object.entries(lexicon.tokens));
const laughter = new RegExp(`[${[...lexicon.laughter].join('')}]`, 'gu');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&');
}

/**
 * Canonical text: lowercase ascii words separated by single spaces, clause punctuation kept as a lone ",".
 * Letters repeated three or more times ("heeeelp") are squeezed to two so shouting still matches.
 */
export function normalise(text: string): string {
  return normaliseWords(text).join(' ');
}

/** The words of normalise(text) (its text split at spaces), without building the string; [] for empty text. */
export function normaliseWords(text: string): string[] {
  if (text.length <= CHUNK) return normaliseChunk(text);
  // Regexes with back-references overflow the stack on megabyte strings: long text goes through in pieces cut at spaces.
  const words: string[] = [];
  for (const piece of splitLong(text, CHUNK)) {
    for (const word of normaliseChunk(piece)) words.push(word);
  }
  return words;
}

/** Longest piece normalised in one go; chat messages are far shorter. */
const CHUNK = 4096;

/** Cuts text into pieces of at most `size` characters, at the last whitespace when there is one. */
export function splitLong(text: string, size: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    let cut = start + size;
    const space = text.lastIndexOf(' ', cut);
    if (space > start + size / 2) cut = space + 1;
    // Never split a surrogate pair.
    else if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
    out.push(text.slice(start, cut));
    start = cut;
  }
  out.push(text.slice(start));
  return out;
}

function normaliseChunk(text: string): string[] {
  let out = text.toLowerCase();
  // Accents only cost time when there are any.
  if (/[^\x00-\x7f]/.test(out)) out = out.replace(laughter, ' haha ').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’`´]/g, "'");
  if (out.includes("'")) out = out.replace(replaceRegex, (m) => replaceMap.get(m) ?? m);
  // One pass over the characters: runs of a-z0-9 are words, clause punctuation is a boundary, anything else separates.
  const result: string[] = [];
  let wordStart = -1;
  let squeeze = false;
  const n = out.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? out.charCodeAt(i) : 32;
    const letter = c >= 97 && c <= 122;
    if (letter || (c >= 48 && c <= 57)) {
      if (wordStart < 0) wordStart = i;
      else if (letter && i - 2 >= wordStart && c === out.charCodeAt(i - 1) && c === out.charCodeAt(i - 2)) squeeze = true;
      continue;
    }
    if (wordStart >= 0) {
      const word = out.slice(wordStart, i);
      pushWord(result, squeeze ? word.replace(/([a-z])\1{2,}/g, '$1$1') : word);
      wordStart = -1;
      squeeze = false;
    }
    if (c < 128 && boundaryCodes[c] === 1 && result.length > 0 && result[result.length - 1] !== BOUNDARY) result.push(BOUNDARY);
  }
  while (result[result.length - 1] === BOUNDARY) result.pop();
  return result;
}

/** Clause punctuation by character code (all of it is ASCII). */
const boundaryCodes = new Uint8Array(128);
for (const ch of lexicon.boundaryPunctuation) {
  const code = ch.charCodeAt(0);
  if (code >= 128) throw new Error(`boundary punctuation must be ASCII: ${ch}`);
  boundaryCodes[code] = 1;
}

function pushWord(result: string[], word: string): void {
  const mapped = tokenMap.get(word);
  if (mapped === undefined) result.push(word);
  else for (const part of mapped.split(' ')) result.push(part);
}
