// Flesch-Douma readability for Dutch: 206.835 - 0.93 * words/sentence - 77 * syllables/word; syllables = vowel groups.

export interface Readability {
  sentences: number;
  words: number;
  syllables: number;
  wordsPerSentence: number;
  longestSentence: number;
  longestSentenceText: string;
  fleschDouma: number;
}

const VOWEL_GROUP = /[aeiouyàáâäèéêëìíîïòóôöùúûü]+/gi;

/** Sentences end at . ! ? or a line break; a button label without a full stop is a sentence of its own. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\{\{[^}]+\}\}/g, 'x')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}|\d/u.test(s));
}

export function wordsOf(sentence: string): string[] {
  return sentence.split(/\s+/).filter((w) => /\p{L}|\d/u.test(w));
}

/** Dutch syllables counted as vowel groups ("ui", "ee" are one); a word without vowels (a number) counts as one. */
export function syllablesOf(word: string): number {
  return Math.max(1, (word.match(VOWEL_GROUP) ?? []).length);
}

export function readability(texts: readonly string[]): Readability {
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  let longestSentence = 0;
  let longestSentenceText = '';
  for (const text of texts) {
    for (const sentence of sentencesOf(text)) {
      const w = wordsOf(sentence);
      sentences += 1;
      words += w.length;
      syllables += w.reduce((sum, word) => sum + syllablesOf(word), 0);
      if (w.length > longestSentence) {
        longestSentence = w.length;
        longestSentenceText = sentence;
      }
    }
  }
  const wordsPerSentence = words / Math.max(1, sentences);
  const fleschDouma = 206.835 - 0.93 * wordsPerSentence - 77 * (syllables / Math.max(1, words));
  return { sentences, words, syllables, wordsPerSentence, longestSentence, longestSentenceText, fleschDouma };
}
