// Recall-first lexical detector: word and stem lists per critical signal (lexical.json), matched in one pass over the tokens, with nearness, negation and look-alike rules.
import { z } from 'zod';
import { SIGNAL_IDS, SignalIdSchema, type SignalId } from '../../ids.js';
import rawData from './lexical.json' with { type: 'json' };

const TagName = z.string().regex(/^[A-Z][A-Z0-9_]*$/);

const NearSchema = z.strictObject({
  tags: z.array(TagName).min(1),
  /** Most words between the anchor and the nearby term; 0 means anywhere in the message. */
  window: z.number().int().min(0).max(60),
});

const RuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+(\.[a-z0-9]+)+$/),
  signal: SignalIdSchema,
  anchor: z.array(TagName).min(1),
  /** Every group must have a term near the anchor. */
  near: z.array(NearSchema).optional(),
  /** Harmless look-alikes ("film", "broodmes", "haha") that cancel the anchor when they stand within lookWindow. */
  lookalikes: z.array(TagName).optional(),
  lookWindow: z.number().int().min(0).max(60).optional(),
  /** false when the anchor's own words carry a negation ("niet meer leven"). */
  neg: z.boolean().optional(),
});

export const LexicalDataSchema = z.strictObject({
  /** Word lists: "woord" exact, "stam*" any word starting so, "twee woorden" a phrase (each word may end in *). */
  tags: z.record(TagName, z.array(z.string().regex(/^[a-z0-9]+\*?( [a-z0-9]+\*?)*$/)).min(1)),
  /** Words no stem (prefix) entry may claim: "doodmoe" is not "dood*". */
  exclude: z.array(z.string().regex(/^[a-z0-9]+$/)),
  negation: z.strictObject({
    negators: z.array(z.string()).min(1),
    /** Words that end the negation's reach going backwards (clause marks, new subjects). */
    stops: z.array(z.string()),
    window: z.number().int().min(1).max(8),
    /** Dutch puts "niet" after the verb: "hij sloeg me niet". */
    after: z.array(z.string()),
    afterWindow: z.number().int().min(0).max(4),
    /** "niet alleen", "niet meer": the word after the negator that keeps the hit. */
    afterExceptions: z.array(z.string()),
    /** Words the after-scan may step over (object pronouns). */
    afterSkip: z.array(z.string()),
  }),
  rules: z.array(RuleSchema).min(1),
  /** Words that keep a hit even beside a look-alike: "hij lacht erbij maar ik vind het eng". */
  lookalikeOverride: z.array(TagName),
});

export type LexicalData = z.infer<typeof LexicalDataSchema>;

/** One word of a list entry: exact, or a stem when `prefix` is true. */
interface WordMatch {
  text: string;
  prefix: boolean;
}

/** A list entry whose first word matched: the tag it gives and the words that must follow. */
interface Entry {
  tag: number;
  rest: WordMatch[];
}

interface CompiledRule {
  id: string;
  signal: SignalId;
  anchor: number[];
  near: { tags: number[]; window: number }[];
  lookalikes: number[];
  lookWindow: number;
  neg: boolean;
}

export interface LexicalHit {
  ruleId: string;
  signal: SignalId;
  start: number;
  end: number;
}

const WORD_CACHE_LIMIT = 100_000;
const NONE: Entry[] = [];

export class LexicalDetector {
  private readonly tagIds = new Map<string, number>();
  private readonly exact = new Map<string, Entry[]>();
  private readonly byPrefix = new Map<string, Entry[]>();
  private readonly prefixLengths: number[];
  /** Every beginning of every stem: the stem search stops at the first length no stem starts with. */
  private readonly stemClosure = new Set<string>();
  private readonly excluded: Set<string>;
  private readonly rules: CompiledRule[];
  private readonly negators: Set<string>;
  private readonly stops: Set<string>;
  private readonly after: Set<string>;
  private readonly afterExceptions: Set<string>;
  private readonly afterSkip: Set<string>;
  private readonly negWindow: number;
  private readonly afterWindow: number;
  private readonly perWord = new Map<string, Entry[]>();
  private readonly tagCount: number;
  private readonly overrideTags: number[];

  constructor(data: LexicalData) {
    const names = Object.keys(data.tags);
    names.forEach((name, i) => this.tagIds.set(name, i));
    this.tagCount = names.length;
    const lengths = new Set<number>();
    for (const [name, words] of Object.entries(data.tags)) {
      const tag = this.tagIds.get(name)!;
      for (const source of words) {
        const parts = source.split(' ').map((w): WordMatch => (w.endsWith('*') ? { text: w.slice(0, -1), prefix: true } : { text: w, prefix: false }));
        const [first, ...rest] = parts;
        const map = first.prefix ? this.byPrefix : this.exact;
        if (first.prefix) lengths.add(first.text.length);
        const list = map.get(first.text);
        if (list) list.push({ tag, rest });
        else map.set(first.text, [{ tag, rest }]);
      }
    }
    this.prefixLengths = [...lengths].sort((a, b) => a - b);
    for (const key of this.byPrefix.keys()) for (let i = 1; i <= key.length; i++) this.stemClosure.add(key.slice(0, i));
    this.excluded = new Set(data.exclude);
    const tagOf = (name: string, where: string): number => {
      const id = this.tagIds.get(name);
      if (id === undefined) throw new Error(`lexical rule ${where}: unknown tag ${name}`);
      return id;
    };
    this.rules = data.rules.map((r) => ({
      id: r.id,
      signal: r.signal,
      anchor: r.anchor.map((t) => tagOf(t, r.id)),
      near: (r.near ?? []).map((n) => ({ tags: n.tags.map((t) => tagOf(t, r.id)), window: n.window })),
      lookalikes: (r.lookalikes ?? []).map((t) => tagOf(t, r.id)),
      lookWindow: r.lookWindow ?? 0,
      neg: r.neg !== false,
    }));
    this.overrideTags = data.lookalikeOverride.map((t) => tagOf(t, 'lookalikeOverride'));
    const n = data.negation;
    this.negators = new Set(n.negators);
    this.stops = new Set(n.stops);
    this.after = new Set(n.after);
    this.afterExceptions = new Set(n.afterExceptions);
    this.afterSkip = new Set(n.afterSkip);
    this.negWindow = n.window;
    this.afterWindow = n.afterWindow;
  }

  /** Entries a word can start, exact and by stem; cached per word because chat vocabulary repeats. */
  private entriesFor(word: string): Entry[] {
    const hit = this.perWord.get(word);
    if (hit !== undefined) return hit;
    let out: Entry[] | undefined;
    const exact = this.exact.get(word);
    if (exact) out = [...exact];
    if (!this.excluded.has(word)) {
      for (const len of this.prefixLengths) {
        if (len > word.length) break;
        const head = word.slice(0, len);
        if (!this.stemClosure.has(head)) break;
        const list = this.byPrefix.get(head);
        if (list) (out ??= []).push(...list);
      }
    }
    const result = out ?? NONE;
    if (this.perWord.size >= WORD_CACHE_LIMIT) this.perWord.clear();
    this.perWord.set(word, result);
    return result;
  }

  private wordMatches(m: WordMatch, word: string | undefined): boolean {
    if (word === undefined) return false;
    if (!m.prefix) return word === m.text;
    return word.startsWith(m.text) && !this.excluded.has(word);
  }

  /** Start/end word positions of every tag in the words; index = tag id, flat pairs. */
  private occurrences(words: readonly string[]): (number[] | undefined)[] {
    const occ: (number[] | undefined)[] = new Array(this.tagCount);
    for (let i = 0; i < words.length; i++) {
      const entries = this.entriesFor(words[i]);
      for (let e = 0; e < entries.length; e++) {
        const entry = entries[e];
        let end = i;
        let ok = true;
        for (let k = 0; k < entry.rest.length; k++) {
          if (!this.wordMatches(entry.rest[k], words[i + 1 + k])) {
            ok = false;
            break;
          }
          end++;
        }
        if (!ok) continue;
        const list = (occ[entry.tag] ??= []);
        list.push(i, end);
      }
    }
    return occ;
  }

  /** Negated when a negator stands a few words before (same clause, same subject) or, Dutch style, right after. */
  private negated(words: readonly string[], start: number, end: number): boolean {
    for (let i = start - 1, steps = 0; i >= 0 && steps < this.negWindow; i--, steps++) {
      const w = words[i];
      if (this.negators.has(w)) return true;
      if (this.stops.has(w)) break;
    }
    for (let i = end + 1, steps = 0; i < words.length && steps < this.afterWindow; i++) {
      const w = words[i];
      if (this.after.has(w)) {
        const next = words[i + 1];
        return next === undefined || !this.afterExceptions.has(next);
      }
      if (!this.afterSkip.has(w)) break;
      steps++;
    }
    return false;
  }

  /** Signals found in the normalised words, in SIGNAL_IDS order, with the rule hits that raised them. */
  detect(words: readonly string[]): { signals: SignalId[]; hits: LexicalHit[] } {
    const occ = this.occurrences(words);
    const found = new Set<SignalId>();
    const hits: LexicalHit[] = [];
    const serious = this.overrideTags.some((t) => occ[t] !== undefined);
    for (const rule of this.rules) {
      if (found.has(rule.signal)) continue;
      const hit = this.firstHit(rule, words, occ, serious);
      if (hit) {
        found.add(rule.signal);
        hits.push(hit);
      }
    }
    return { signals: found.size === 0 ? [] : SIGNAL_IDS.filter((s) => found.has(s)), hits };
  }

  private firstHit(rule: CompiledRule, words: readonly string[], occ: (number[] | undefined)[], serious: boolean): LexicalHit | undefined {
    for (const tag of rule.anchor) {
      const list = occ[tag];
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k += 2) {
        const start = list[k];
        const end = list[k + 1];
        if (rule.neg && this.negated(words, start, end)) continue;
        if (!rule.near.every((group) => this.anyNear(group.tags, group.window, start, end, words, occ, rule.neg))) continue;
        if (!serious && rule.lookalikes.length > 0 && this.anyNear(rule.lookalikes, rule.lookWindow, start, end, words, occ, false)) continue;
        return { ruleId: rule.id, signal: rule.signal, start, end };
      }
    }
    return undefined;
  }

  private anyNear(
    tags: number[],
    window: number,
    start: number,
    end: number,
    words: readonly string[],
    occ: (number[] | undefined)[],
    checkNegation: boolean,
  ): boolean {
    for (const tag of tags) {
      const list = occ[tag];
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k += 2) {
        const s = list[k];
        const e = list[k + 1];
        const gap = s > end ? s - end : start > e ? start - e : 0;
        if (window > 0 && gap > window) continue;
        if (checkNegation && this.negated(words, s, e)) continue;
        return true;
      }
    }
    return false;
  }
}

let shared: LexicalDetector | undefined;

/** The detector built from the shipped word lists (validated once). */
export function getLexicalDetector(): LexicalDetector {
  shared ??= new LexicalDetector(LexicalDataSchema.parse(rawData));
  return shared;
}
