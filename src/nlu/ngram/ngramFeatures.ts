// Hashed n-gram features of a normalised message for the critical-signal n-gram model: words, word pairs and the
// 3- to 5-letter pieces of the text. Letter pieces carry Dutch compounds, inflections and spelling slips that no word
// list names ("wurgde", "keelgreep", "doodmaken"), which is why this model generalises to wordings the lists miss.

/** Where each kind of feature starts hashing (FNV-1a with its offset basis varied per kind). */
const SEED_WORD = 0x811c9dc5;
const SEED_PAIR = 0x050c5d1f;
const SEED_PIECE = 0x2f3a9e11;
const FNV_PRIME = 0x01000193;
export const PIECE_MIN = 3;
export const PIECE_MAX = 5;

function hashRange(seed: number, text: string, from: number, to: number): number {
  let h = seed;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Marks buckets already taken in the current call (a call number per bucket, so nothing is cleared between calls). */
class SeenBuckets {
  private readonly stamp: Uint32Array;
  private call = 0;
  constructor(size: number) {
    this.stamp = new Uint32Array(size);
  }
  next(): void {
    this.call++;
    if (this.call === 0xffffffff) {
      this.stamp.fill(0);
      this.call = 1;
    }
  }
  /** True the first time a bucket is seen in this call. */
  take(bucket: number): boolean {
    if (this.stamp[bucket] === this.call) return false;
    this.stamp[bucket] = this.call;
    return true;
  }
}

const seenByBits = new Map<number, SeenBuckets>();

/** The distinct feature buckets (0 .. 2^bits - 1) of a message given as its normalised words, in no particular order. */
export function ngramBuckets(words: readonly string[], bits: number): number[] {
  const mask = (1 << bits) - 1;
  let seen = seenByBits.get(bits);
  if (!seen) seenByBits.set(bits, (seen = new SeenBuckets(1 << bits)));
  seen.next();
  const out: number[] = [];
  const add = (h: number) => {
    const bucket = h & mask;
    if (seen.take(bucket)) out.push(bucket);
  };
  // The joined text with a space at both ends, so pieces see where words begin and end.
  const text = ` ${words.join(' ')} `;
  let start = 1;
  let previousStart = -1;
  for (const word of words) {
    const end = start + word.length;
    add(hashRange(SEED_WORD, text, start, end));
    // A word pair is hashed over "first second" as it stands in the text.
    if (previousStart >= 0) add(hashRange(SEED_PAIR, text, previousStart, end));
    previousStart = start;
    start = end + 1;
  }
  for (let i = 0; i + PIECE_MIN <= text.length; i++) {
    let h = SEED_PIECE;
    const last = Math.min(text.length, i + PIECE_MAX);
    for (let j = i; j < last; j++) {
      h = Math.imul(h ^ text.charCodeAt(j), FNV_PRIME);
      if (j - i + 1 >= PIECE_MIN) add(h);
    }
  }
  return out;
}
