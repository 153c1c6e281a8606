// Speed gate for many word patterns: a pattern only runs when the text has a word it can start with and a word it can end with.
/*
 * Every match begins at a word start and ends at a word end (the compiled regexes are wrapped in
 * word-boundary look-arounds), so its first word begins with one of the pattern's possible first
 * literals and its last word ends with one of its possible last literals. Leading and trailing gaps
 * (`_`) never decide whether a match exists. Skipping a pattern whose first or last literals are
 * absent can therefore never lose a match; a test checks this on the whole corpus.
 */

import { infoOf, newSlot, type WordInfo } from '../vocabulary.js';
import { CharTrie } from './charTrie.js';

type Atom =
  | { kind: 'char'; ch: string; optional: boolean }
  | { kind: 'group'; alts: Seq[]; optional: boolean }
  | { kind: 'class'; optional: boolean }
  | { kind: 'gap' };
type Word = Atom[];
type Seq = Word[];

/** Possible literals at one end; null means "anything". */
type Ends = Set<string> | null;

interface EndInfo {
  ends: Ends;
  /** The part can match nothing at all. */
  nullable: boolean;
}

function union(a: Ends, b: Ends): Ends {
  if (a === null || b === null) return null;
  return new Set([...a, ...b]);
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  private peek(): string {
    return this.src[this.pos] ?? '';
  }

  seq(): Seq {
    const words: Seq = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      if (this.peek() === ' ') {
        this.pos++;
        // " ?" is an optional space: the next word may glue onto this one. Treating them as two words
        // keeps both ends right, because a glued word still starts like the first and ends like the second.
        if (this.peek() === '?') this.pos++;
        continue;
      }
      words.push(this.word());
    }
    return words;
  }

  private word(): Word {
    const atoms: Word = [];
    while (this.pos < this.src.length && !' |)'.includes(this.peek())) {
      const c = this.peek();
      if (c === '_') {
        while (this.peek() === '_') this.pos++;
        atoms.push({ kind: 'gap' });
      } else if (c === '(') {
        this.pos++;
        const alts: Seq[] = [];
        for (;;) {
          alts.push(this.seq());
          if (this.peek() === '|') {
            this.pos++;
            continue;
          }
          if (this.peek() !== ')') throw new Error(`unclosed group in ${this.src}`);
          this.pos++;
          break;
        }
        atoms.push({ kind: 'group', alts, optional: this.quantifier() });
      } else if (c === '[') {
        const end = this.src.indexOf(']', this.pos);
        if (end < 0) throw new Error(`unclosed class in ${this.src}`);
        this.pos = end + 1;
        atoms.push({ kind: 'class', optional: this.quantifier() });
      } else if (/[a-z0-9,]/.test(c)) {
        this.pos++;
        atoms.push({ kind: 'char', ch: c, optional: this.quantifier() });
      } else {
        throw new Error(`unexpected '${c}' in pattern ${this.src}`);
      }
    }
    return atoms;
  }

  /** Consumes ?, *, + after an atom; true when the atom may be absent. */
  private quantifier(): boolean {
    const q = this.peek();
    if (q === '?' || q === '*') {
      this.pos++;
      return true;
    }
    if (q === '+') this.pos++;
    return false;
  }
}

/** Ends of a word read from its start (`fromStart`) or from its end. */
function wordEnds(word: Word, fromStart: boolean): EndInfo {
  const atoms = fromStart ? word : [...word].reverse();
  let ends: Ends = new Set();
  let literal = '';
  for (const atom of atoms) {
    if (atom.kind === 'char' && !atom.optional) {
      literal = fromStart ? literal + atom.ch : atom.ch + literal;
      continue;
    }
    if (literal !== '') return { ends: union(ends, new Set([literal])), nullable: false };
    if (atom.kind === 'gap') continue;
    if (atom.kind === 'char') return { ends: null, nullable: false };
    // A character class at the edge ("gekneusd[a-z]*") leaves the word's edge open.
    if (atom.kind === 'class') return { ends: null, nullable: false };
    const group = groupEnds(atom.alts, fromStart);
    ends = union(ends, group.ends);
    if (!(atom.optional || group.nullable)) return { ends, nullable: false };
  }
  if (literal !== '') return { ends: union(ends, new Set([literal])), nullable: false };
  return { ends, nullable: true };
}

function seqEnds(seq: Seq, fromStart: boolean): EndInfo {
  const words = fromStart ? seq : [...seq].reverse();
  let ends: Ends = new Set();
  for (const word of words) {
    const w = wordEnds(word, fromStart);
    ends = union(ends, w.ends);
    if (!w.nullable) return { ends, nullable: false };
  }
  return { ends, nullable: true };
}

function groupEnds(alts: Seq[], fromStart: boolean): EndInfo {
  let ends: Ends = new Set();
  let nullable = false;
  for (const alt of alts) {
    const e = seqEnds(alt, fromStart);
    ends = union(ends, e.ends);
    if (e.nullable) nullable = true;
  }
  return { ends, nullable };
}

export interface PatternEnds {
  /** Literals the first word of a match starts with; null = any. */
  first: string[] | null;
  /** Literals the last word of a match ends with; null = any. */
  last: string[] | null;
}

/** First and last literals of a pattern source (after @LIST expansion). */
export function endsOf(source: string): PatternEnds {
  // Wrapped like compilePattern wraps it, so a top-level `a|b` parses as one group.
  const wrapped = `(${source})`;
  const parser = new Parser(wrapped);
  const seq = parser.seq();
  if (parser.pos !== wrapped.length) throw new Error(`pattern parse stopped at ${parser.pos}: ${source}`);
  const first = seqEnds(seq, true);
  const last = seqEnds(seq, false);
  const list = (e: EndInfo) => (e.ends === null || e.nullable || e.ends.size === 0 ? null : [...e.ends]);
  return { first: list(first), last: list(last) };
}

const NONE: number[] = [];
const EMPTY_WORD: GateWord = { starts: NONE, ends: NONE };

interface GateWord {
  starts: number[];
  ends: number[];
}

/** Which of many patterns can match a text: per word, one walk over its first and one over its last characters (cached per word in the shared vocabulary). */
export class PatternGate {
  /** Patterns by the literals their first word starts with, and by those their last word ends with. */
  private readonly byPrefix = new CharTrie<number>(false);
  private readonly bySuffix = new CharTrie<number>(true);
  /** Bit 1: no first-word condition; bit 2: no last-word condition. */
  private readonly base: Uint8Array;
  /** Patterns whose first word is open: they may begin at any word. */
  private readonly openStarts: number[] = [];
  private readonly slot = newSlot();
  /** Per pattern: the message (generation) in which a possible last word was seen, and the last such word. */
  private readonly endGen: Int32Array;
  private readonly lastEnd: Int32Array;
  private gen = 0;
  readonly size: number;

  constructor(patterns: ReadonlyArray<PatternEnds>) {
    this.size = patterns.length;
    this.base = new Uint8Array(patterns.length);
    this.endGen = new Int32Array(patterns.length);
    this.lastEnd = new Int32Array(patterns.length);
    patterns.forEach((p, index) => {
      if (p.first === null) {
        this.base[index] |= 1;
        this.openStarts.push(index);
      } else for (const a of p.first) this.byPrefix.add(a, index);
      if (p.last === null) this.base[index] |= 2;
      else for (const a of p.last) this.bySuffix.add(a, index);
    });
  }

  private forWord(info: WordInfo): GateWord {
    const cached = info.slots[this.slot] as GateWord | undefined;
    if (cached !== undefined) return cached;
    const w = info.word;
    const starts = this.byPrefix.collect(w, undefined);
    const ends = this.bySuffix.collect(w, undefined);
    // Words no pattern can start or end with share one empty answer (less memory per cached word).
    const hit = starts === undefined && ends === undefined ? EMPTY_WORD : { starts: starts ?? NONE, ends: ends ?? NONE };
    info.slots[this.slot] = hit;
    return hit;
  }

  /** True when the pattern's first word is open (no literal), so a match may begin at any word. */
  opensAnywhere(index: number): boolean {
    return (this.base[index] & 1) === 1;
  }

  /** The word entries of the last attempts() call and its answer, reused between messages. */
  private entries: GateWord[] = [];
  private found: Int32Array = new Int32Array(256);

  /**
   * Every (pattern, word) where a match may begin, as a flat list [pattern, word, pattern, word, ...]:
   * the word can start the pattern and a word at or after it can end it (a match never ends before it
   * begins). Positions of one pattern come in increasing order. Only these attempts need to run.
   * The list is the gate's own buffer, valid until its next call; its length is `attemptCount`.
   */
  attempts(infos: ReadonlyArray<WordInfo>): Int32Array {
    if (++this.gen > 0x3fffffff) {
      this.gen = 1;
      this.endGen.fill(0);
    }
    const gen = this.gen;
    const n = infos.length;
    const entries = this.entries;
    const endGen = this.endGen;
    const lastEnd = this.lastEnd;
    const base = this.base;
    for (let k = 0; k < n; k++) {
      const e = this.forWord(infos[k]);
      entries[k] = e;
      const ends = e.ends;
      for (let j = 0; j < ends.length; j++) {
        const i = ends[j];
        endGen[i] = gen;
        lastEnd[i] = k;
      }
    }
    let out: Int32Array = this.found;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const starts = entries[k].starts;
      for (let j = 0; j < starts.length; j++) {
        const i = starts[j];
        if ((base[i] & 2) !== 0 || (endGen[i] === gen && lastEnd[i] >= k)) {
          if (count + 2 > out.length) out = this.grow(count + 2);
          out[count++] = i;
          out[count++] = k;
        }
      }
    }
    for (const i of this.openStarts) {
      const openEnd = (base[i] & 2) !== 0;
      if (!openEnd && endGen[i] !== gen) continue;
      const last = openEnd ? n - 1 : lastEnd[i];
      for (let k = 0; k <= last; k++) {
        if (count + 2 > out.length) out = this.grow(count + 2);
        out[count++] = i;
        out[count++] = k;
      }
    }
    // Entries of long texts are not kept alive by the buffer.
    if (n > 1024) this.entries = [];
    this.attemptCount = count;
    return out;
  }

  /** Length of the list the last attempts() call returned. */
  attemptCount = 0;

  private grow(size: number): Int32Array {
    const bigger = new Int32Array(Math.max(size, this.found.length * 2));
    bigger.set(this.found);
    this.found = bigger;
    return bigger;
  }

  /** Flags for every pattern given the text's words: 3 means it may match and must run. */
  candidates(words: ReadonlyArray<string>): Uint8Array {
    return this.scan(words).flags;
  }

  /**
   * Flags (as candidates()) plus, per pattern, the word positions where a match may begin: `starts[i]` is
   * undefined when no word can begin pattern i (or its first word is open: see opensAnywhere).
   */
  scan(words: ReadonlyArray<string>): { flags: Uint8Array; starts: (number[] | undefined)[] } {
    const flags = Uint8Array.from(this.base);
    const info = words.map((w) => this.forWord(infoOf(w)));
    for (const { starts, ends } of info) {
      for (const i of starts) flags[i] |= 1;
      for (const i of ends) flags[i] |= 2;
    }
    const positions: (number[] | undefined)[] = [];
    info.forEach(({ starts }, k) => {
      for (const i of starts) {
        if (flags[i] !== 3) continue;
        const list = positions[i];
        if (list === undefined) positions[i] = [k];
        else if (list[list.length - 1] !== k) list.push(k);
      }
    });
    return { flags, starts: positions };
  }
}

