// One cache of per-word facts (gate entries, word-list entries, stems) shared by every reader of a message: one map lookup per word.
/*
 * Every reader (a pattern gate, the word-list detector, the stemmer of the model features) owns a slot
 * and fills it the first time it sees a word. Chat vocabulary repeats, so after a short while almost
 * every word of a new message is already known and its facts cost one Map lookup for all readers together.
 */

export class WordInfo {
  /** Facts per reader, indexed by the reader's slot; filled lazily. */
  readonly slots: unknown[];
  constructor(readonly word: string) {
    this.slots = new Array<unknown>(slotCount);
  }
}

let slotCount = 8;
let nextSlot = 0;

/** A new reader's slot number. */
export function newSlot(): number {
  const slot = nextSlot++;
  if (nextSlot > slotCount) {
    // Readers are created at start-up; existing entries simply grow when they are next touched.
    slotCount = nextSlot + 4;
  }
  return slot;
}

/*
 * Words are cached from their second sighting on. A word seen for the first time gets facts that are used for
 * this message and then dropped, so one-off words (typos, numbers, names) die young instead of filling the cache
 * and the old generation of the heap. The doorkeeper remembers a hash per slot of a fixed table; a collision only
 * makes a word cached one sighting early or late, never changes an answer.
 */
let known = new Map<string, WordInfo>();
const KNOWN_LIMIT = 50_000;
const DOOR_SIZE = 1 << 16;
const door = new Int32Array(DOOR_SIZE);

/** FNV-1a; forced odd so that 0 (an empty slot) never matches. */
function hashOf(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h | 1;
}

export function infoOf(word: string): WordInfo {
  const cached = known.get(word);
  if (cached !== undefined) return cached;
  const h = hashOf(word);
  const at = h & (DOOR_SIZE - 1);
  if (door[at] !== h) {
    door[at] = h;
    return new WordInfo(word);
  }
  if (known.size >= KNOWN_LIMIT) known = new Map();
  const info = new WordInfo(word);
  known.set(word, info);
  return info;
}

/** The facts of every word of a message, in order. */
export function infosOf(words: readonly string[]): WordInfo[] {
  const out = new Array<WordInfo>(words.length);
  for (let i = 0; i < words.length; i++) out[i] = infoOf(words[i]);
  return out;
}
