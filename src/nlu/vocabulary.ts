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
 * and the old generation of the heap. The doorkeeper is a Bloom filter (two bits per word): a false positive only
 * makes a word cached one sighting early, never changes an answer. (A table holding one hash per slot let two words
 * that share a slot push each other out on every sighting, so neither was ever cached.) It is emptied after
 * DOOR_RESET first sightings, before false positives become common.
 */
let known = new Map<string, WordInfo>();
const KNOWN_LIMIT = 50_000;
const DOOR_BITS_LOG = 20;
const DOOR_MASK = (1 << DOOR_BITS_LOG) - 1;
const door = new Int32Array((1 << DOOR_BITS_LOG) >>> 5);
/** With two bits per word, 1/8 of the bits set at most: about 5% false positives just before a reset. */
const DOOR_RESET = 1 << (DOOR_BITS_LOG - 4);
let doorEntries = 0;

/** FNV-1a. */
function hashOf(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h;
}

export function infoOf(word: string): WordInfo {
  const cached = known.get(word);
  if (cached !== undefined) return cached;
  const h = hashOf(word);
  const a = h & DOOR_MASK;
  // The second bit from the hash's other end, mixed so that words sharing low bits still differ there.
  const b = Math.imul(h, 0x9e3779b1) >>> (32 - DOOR_BITS_LOG);
  const bitA = 1 << (a & 31);
  const bitB = 1 << (b & 31);
  if ((door[a >>> 5] & bitA) === 0 || (door[b >>> 5] & bitB) === 0) {
    if (++doorEntries > DOOR_RESET) {
      door.fill(0);
      doorEntries = 1;
    }
    door[a >>> 5] |= bitA;
    door[b >>> 5] |= bitB;
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
