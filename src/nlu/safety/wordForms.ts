// Dutch verb forms of list words: an entry written with the infinitive ("het niet navertellen") also matches the stem and third person ("navertel", "navertelt").
/*
 * Writers vary the verb form far more than the words: "dood maken", "dood maakt", "dood maak". The lists are
 * written mostly with infinitives, so each word ending in -en also gets its stem (double consonant undone, open
 * syllable vowel doubled, v/z hardened) and the stem plus -t. Forms shorter than four letters are left out:
 * "benen" must not make "ben" a danger word.
 */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const MIN_FORM = 4;
/** Stems that are everyday nouns: "vingeren" must not make "vinger" (finger) a list word. */
const EVERYDAY_NOUNS = new Set(['vinger', 'been', 'kinder', 'water', 'lever', 'wapen', 'oven', 'koken', 'bezem', 'deken', 'teken', 'regen', 'wagen', 'kamer', 'tafel', 'lepel', 'spoor', 'hand']);

export function verbForms(word: string): string[] {
  if (word.length < 5 || !word.endsWith('en') || word.endsWith('*')) return [];
  const raw = word.slice(0, -2);
  const last = raw[raw.length - 1];
  const before = raw[raw.length - 2];
  const forms = new Set<string>();
  if (last === before && !VOWELS.has(last)) {
    forms.add(raw.slice(0, -1)); // vertell-en -> vertel
  } else if (!VOWELS.has(last) && VOWELS.has(before) && !VOWELS.has(raw[raw.length - 3] ?? 'x') && before !== 'i') {
    const hard = last === 'v' ? 'f' : last === 'z' ? 's' : last;
    forms.add(raw.slice(0, -1) + before + hard); // mak-en -> maak, lev-en -> leef
    forms.add(raw.slice(0, -1) + hard);
  } else {
    forms.add(last === 'v' ? raw.slice(0, -1) + 'f' : last === 'z' ? raw.slice(0, -1) + 's' : raw); // lijk-en -> lijk
  }
  const out: string[] = [];
  for (const stem of forms) {
    if (stem.length < MIN_FORM || VOWELS.has(stem[stem.length - 1]) || EVERYDAY_NOUNS.has(stem)) continue;
    out.push(stem);
    if (!stem.endsWith('t')) out.push(`${stem}t`); // vind -> vindt
  }
  return out;
}

/**
 * Every spelling of a list entry with the verb forms of its first and last word (the words that carry the verb in
 * Dutch word order); the entry itself comes first. Words with * or the ~ gap are left as written.
 */
export function entryForms(entry: string): string[] {
  const words = entry.split(' ');
  const firstForms = [words[0], ...verbForms(words[0])];
  if (words.length === 1) return firstForms;
  const lastIndex = words.length - 1;
  const lastForms = [words[lastIndex], ...verbForms(words[lastIndex])];
  const middle = words.slice(1, lastIndex);
  const out: string[] = [];
  for (const f of firstForms) for (const l of lastForms) out.push([f, ...middle, l].join(' '));
  return out;
}
