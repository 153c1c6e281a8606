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

/** Per bucket, the number of the call that last took it: marks buckets already taken without clearing between calls. */
const stamps = new Map<number, Uint32Array>();
let call = 0;

/** The distinct feature buckets (0 .. 2^bits - 1) of a message given as its normalised words, in no particular order. */
export function ngramBuckets(words: readonly string[], bits: number): number[] {
  const mask = (1 << bits) - 1;
  let stamp = stamps.get(bits);
  if (!stamp) stamps.set(bits, (stamp = new Uint32Array(1 << bits)));
  if (++call === 0xffffffff) {
    for (const s of stamps.values()) s.fill(0);
    call = 1;
  }
  const out: number[] = [];
  // The joined text with a space at both ends, so pieces see where words begin and end.
  const text = ` ${words.join(' ')} `;
  let start = 1;
  let previousStart = -1;
  for (const word of words) {
    const end = start + word.length;
    let bucket = hashRange(SEED_WORD, text, start, end) & mask;
    if (stamp[bucket] !== call) {
      stamp[bucket] = call;
      out.push(bucket);
    }
    // A word pair is hashed over "first second" as it stands in the text.
    if (previousStart >= 0) {
      bucket = hashRange(SEED_PAIR, text, previousStart, end) & mask;
      if (stamp[bucket] !== call) {
        stamp[bucket] = call;
        out.push(bucket);
      }
    }
    previousStart = start;
    start = end + 1;
  }
  for (let i = 0; i + PIECE_MIN <= text.length; i++) {
    let h = SEED_PIECE;
    const last = Math.min(text.length, i + PIECE_MAX);
    for (let j = i; j < last; j++) {
      h = Math.imul(h ^ text.charCodeAt(j), FNV_PRIME);
      if (j - i + 1 < PIECE_MIN) continue;
      const bucket = h & mask;
      if (stamp[bucket] !== call) {
        stamp[bucket] = call;
        out.push(bucket);
      }
    }
  }
  return out;
}
