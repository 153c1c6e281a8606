// Recall-first lexical detector: word and stem lists per critical signal (lexical.json), matched in one pass over the tokens, with nearness, negation and look-alike rules.
import { z } from 'zod';
import { SignalIdSchema, type SignalId } from '../../ids.js';
import rawData from './lexical.json' with { type: 'json' };
import { signalsInOrder } from '../signalOrder.js';
import { infosOf, newSlot, type WordInfo } from '../vocabulary.js';
import { CharTrie } from './charTrie.js';
import { entryForms } from './wordForms.js';

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
  /** The hit does not count when a term of any of these groups stands this near ("mijn zoon slaat mij" is not child harm). */
  unless: z.array(NearSchema).optional(),
});

export const LexicalDataSchema = z.strictObject({
  /**
   * Word lists: "woord" exact, "stam*" any word starting so, "twee woorden" a phrase (each word may end in *);
   * "~" inside a phrase stands for up to two other words of the same clause ("zit ~ aan me": "zit altijd aan me").
   */
  tags: z.record(TagName, z.array(z.string().regex(/^[a-z0-9]+\*?( ([a-z0-9]+\*?|~))*( [a-z0-9]+\*?)$|^[a-z0-9]+\*?$/)).min(1)),
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
  /** Tags whose single words (of at least typoMinLength letters) also match with one spelling slip ("vekracht", "vermoort"). */
  typoTags: z.array(TagName),
  typoMinLength: z.number().int().min(4),
});

export type LexicalData = z.infer<typeof LexicalDataSchema>;

/** One word of a list entry: exact, or a stem when `prefix` is true; `gap` skips up to GAP_WORDS words. */
interface WordMatch {
  text: string;
  prefix: boolean;
  gap?: boolean;
}

const GAP_WORDS = 2;

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
  unless: { tags: number[]; window: number }[];
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

/** The entries a word starts, with phrases grouped by their (plain) second word. */
interface WordEntries {
  /** Single words and phrases whose second word is a stem: tried one by one. */
  others: Entry[];
  byNext: Map<string, Entry[]> | undefined;
}

const NO_ENTRIES: WordEntries = { others: [], byNext: undefined };

function groupEntries(entries: Entry[]): WordEntries {
  const others: Entry[] = [];
  let byNext: Map<string, Entry[]> | undefined;
  for (const entry of entries) {
    const second = entry.rest[0];
    if (second === undefined || second.prefix || second.gap) {
      others.push(entry);
      continue;
    }
    byNext ??= new Map();
    const list = byNext.get(second.text);
    if (list) list.push(entry);
    else byNext.set(second.text, [entry]);
  }
  return { others, byNext };
}

export class LexicalDetector {
  private readonly tagIds = new Map<string, number>();
  private readonly exact = new Map<string, Entry[]>();
  /** Entries of stems ("stam*"), by the stem's letters. */
  private readonly byPrefix = new CharTrie<Entry>(false);
  private readonly excluded: Set<string>;
  private readonly rules: CompiledRule[];
  private readonly negators: Set<string>;
  private readonly stops: Set<string>;
  private readonly after: Set<string>;
  private readonly afterExceptions: Set<string>;
  private readonly afterSkip: Set<string>;
  private readonly negWindow: number;
  private readonly afterWindow: number;
  private readonly slot = newSlot();
  private readonly tagCount: number;
  private readonly overrideTags: number[];
  /** Per tag, the rules it anchors; per rule, the message (generation) in which one of its anchors occurs. */
  private readonly rulesByAnchor: number[][];
  /** Single strong words that also match with one slip (substitution, insertion, deletion or swap). */
  private readonly typoTargets = new Map<string, { text: string; prefix: boolean; tag: number }[]>();
  /** Set during detect() when a look-alike cancelled a hit. */
  private cancelled = false;
  /** Set during detect(): signals of rule hits that a look-alike, a negation or an 'unless' context cancelled. */
  private cancelledSignals: Set<SignalId> | undefined;
  private readonly ruleStamp: Int32Array;
  private ruleGen = 0;

  constructor(data: LexicalData) {
    const names = Object.keys(data.tags);
    names.forEach((name, i) => this.tagIds.set(name, i));
    this.tagCount = names.length;
    for (const [name, words] of Object.entries(data.tags)) {
      const tag = this.tagIds.get(name)!;
      // Look-alike and override lists stay as written: their verb forms would cancel (or keep) more than they were meant to.
      const asWritten = name.endsWith('LOOK') || data.lookalikeOverride.includes(name);
      for (const source of asWritten ? words : words.flatMap(entryForms)) {
        const parts = source
          .split(' ')
          .map((w): WordMatch => (w === '~' ? { text: '', prefix: false, gap: true } : w.endsWith('*') ? { text: w.slice(0, -1), prefix: true } : { text: w, prefix: false }));
        const [first, ...rest] = parts;
        if (first.prefix) {
          this.byPrefix.add(first.text, { tag, rest });
          continue;
        }
        const list = this.exact.get(first.text);
        if (list) list.push({ tag, rest });
        else this.exact.set(first.text, [{ tag, rest }]);
      }
    }
    for (const name of data.typoTags) {
      const tag = this.tagIds.get(name);
      if (tag === undefined) throw new Error(`lexical typoTags: unknown tag ${name}`);
      for (const source of data.tags[name]) {
        if (source.includes(' ')) continue;
        const prefix = source.endsWith('*');
        const text = prefix ? source.slice(0, -1) : source;
        if (text.length < data.typoMinLength) continue;
        // Slips in the first letter are rare: targets are looked up by it, so a new word checks a handful, not hundreds.
        const bucket = this.typoTargets.get(text[0]);
        if (bucket) bucket.push({ text, prefix, tag });
        else this.typoTargets.set(text[0], [{ text, prefix, tag }]);
      }
    }
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
      unless: (r.unless ?? []).map((n) => ({ tags: n.tags.map((t) => tagOf(t, r.id)), window: n.window })),
      lookalikes: (r.lookalikes ?? []).map((t) => tagOf(t, r.id)),
      lookWindow: r.lookWindow ?? 0,
      neg: r.neg !== false,
    }));
    this.overrideTags = data.lookalikeOverride.map((t) => tagOf(t, 'lookalikeOverride'));
    this.rulesByAnchor = names.map(() => []);
    this.rules.forEach((rule, r) => {
      for (const tag of new Set(rule.anchor)) this.rulesByAnchor[tag].push(r);
    });
    this.ruleStamp = new Int32Array(this.rules.length);
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
  private entriesFor(info: WordInfo): WordEntries {
    const hit = info.slots[this.slot] as WordEntries | undefined;
    if (hit !== undefined) return hit;
    const word = info.word;
    const exact = this.exact.get(word);
    let out = exact === undefined ? undefined : exact.slice();
    const excluded = this.excluded.has(word);
    // Stems shortest first, after the exact entries.
    if (!excluded) out = this.byPrefix.collect(word, out);
    // A word no list knows may be a strong word with one slip; words with digits never are.
    if (out === undefined && word.length >= 5 && !excluded && !hasDigit(word)) out = this.typoEntries(word);
    const result = out === undefined ? NO_ENTRIES : groupEntries(out);
    info.slots[this.slot] = result;
    return result;
  }

  private typoEntries(word: string): Entry[] | undefined {
    let out: Entry[] | undefined;
    for (const t of this.typoTargets.get(word[0]) ?? []) {
      const n = t.text.length;
      if (t.prefix) {
        // A stem matches when some beginning of the word (one letter shorter, as long, or one longer) is one slip away.
        if (word.length < n - 1) continue;
        let ok = false;
        for (let len = n - 1; len <= n + 1 && len <= word.length && !ok; len++) ok = oneSlip(word.slice(0, len), t.text);
        if (ok) (out ??= []).push({ tag: t.tag, rest: [] });
      } else if (Math.abs(word.length - n) <= 1 && oneSlip(word, t.text)) (out ??= []).push({ tag: t.tag, rest: [] });
    }
    return out;
  }

  private wordMatches(m: WordMatch, word: string | undefined): boolean {
    if (word === undefined) return false;
    if (!m.prefix) return word === m.text;
    return word.startsWith(m.text) && !this.excluded.has(word);
  }

  /** The table occurrences() fills, reused between messages, and the tags it filled last time (emptied on the next call). */
  private readonly occ: (number[] | undefined)[] = [];
  private readonly occTags: number[] = [];

  /**
   * Start/end word positions of every tag in the words; index = tag id, flat pairs. The table is the detector's own,
   * valid until its next call; `occTags` lists the tags present.
   */
  private occurrences(words: readonly string[], infos: readonly WordInfo[]): (number[] | undefined)[] {
    const occ = this.occ;
    if (occ.length === 0) for (let t = 0; t < this.tagCount; t++) occ.push(undefined);
    const occTags = this.occTags;
    for (let t = 0; t < occTags.length; t++) occ[occTags[t]] = undefined;
    occTags.length = 0;
    for (let i = 0; i < words.length; i++) {
      const grouped = this.entriesFor(infos[i]);
      if (grouped === NO_ENTRIES) continue;
      // Phrases whose second word is a plain word are looked up by the next word instead of each being tried.
      const byNext = grouped.byNext?.get(words[i + 1] ?? '');
      // The others first, then the phrases found by the next word (the order the hits were always listed in).
      this.addOccurrences(occ, grouped.others, words, i);
      if (byNext !== undefined) this.addOccurrences(occ, byNext, words, i);
    }
    return occ;
  }

  private addOccurrences(occ: (number[] | undefined)[], entries: Entry[], words: readonly string[], i: number): void {
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e];
      const end = entry.rest.length === 0 ? i : this.matchRest(entry.rest, 0, words, i + 1);
      if (end < 0) continue;
      let list = occ[entry.tag];
      if (list === undefined) {
        list = occ[entry.tag] = [];
        this.occTags.push(entry.tag);
      }
      list.push(i, end);
    }
  }

  /** Index of the last word when `rest` (from part `at`) matches from word `pos` on, else -1; a gap takes as few words as it can. */
  private matchRest(rest: WordMatch[], at: number, words: readonly string[], pos: number): number {
    if (at === rest.length) return pos - 1;
    const m = rest[at];
    if (m.gap) {
      for (let skip = 0; skip <= GAP_WORDS; skip++) {
        if (skip > 0 && (words[pos + skip - 1] === undefined || words[pos + skip - 1] === ',')) break;
        const end = this.matchRest(rest, at + 1, words, pos + skip);
        if (end >= 0) return end;
      }
      return -1;
    }
    return this.wordMatches(m, words[pos]) ? this.matchRest(rest, at + 1, words, pos + 1) : -1;
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

  /** True when any word is a negation word ("nooit", "not"...). */
  hasNegation(words: readonly string[]): boolean {
    for (const w of words) if (this.negators.has(w)) return true;
    return false;
  }

  /** Signals found in the normalised words, in SIGNAL_IDS order, with the rule hits that raised them. */
  detect(words: readonly string[], infos: readonly WordInfo[] = infosOf(words)): { signals: SignalId[]; hits: LexicalHit[]; cancelled: boolean; cancelledSignals?: SignalId[] } {
    this.cancelled = false;
    this.cancelledSignals = undefined;
    const occ = this.occurrences(words, infos);
    const found = new Set<SignalId>();
    const hits: LexicalHit[] = [];
    let serious = false;
    for (const t of this.overrideTags) if (occ[t] !== undefined) serious = true;
    // Only rules with an anchor word in the text can hit.
    if (++this.ruleGen > 0x3fffffff) {
      this.ruleGen = 1;
      this.ruleStamp.fill(0);
    }
    const gen = this.ruleGen;
    let any = false;
    for (const tag of this.occTags) {
      for (const r of this.rulesByAnchor[tag]) this.ruleStamp[r] = gen;
      any = true;
    }
    if (!any) return { signals: [], hits, cancelled: false };
    for (let r = 0; r < this.rules.length; r++) {
      if (this.ruleStamp[r] !== gen) continue;
      const rule = this.rules[r];
      if (found.has(rule.signal)) continue;
      const hit = this.firstHit(rule, words, occ, serious);
      if (hit) {
        found.add(rule.signal);
        hits.push(hit);
      }
    }
    const result: ReturnType<LexicalDetector['detect']> = { signals: signalsInOrder(found), hits, cancelled: this.cancelled };
    const cancelledSignals = [...(this.cancelledSignals ?? [])].filter((signal) => !found.has(signal));
    if (cancelledSignals.length > 0) result.cancelledSignals = cancelledSignals;
    return result;
  }

  private firstHit(rule: CompiledRule, words: readonly string[], occ: (number[] | undefined)[], serious: boolean): LexicalHit | undefined {
    for (const tag of rule.anchor) {
      const list = occ[tag];
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k += 2) {
        const start = list[k];
        const end = list[k + 1];
        if (rule.neg && this.negated(words, start, end)) {
          (this.cancelledSignals ??= new Set()).add(rule.signal);
          continue;
        }
        let ok = true;
        for (const group of rule.near) if (ok && !this.anyNear(group.tags, group.window, start, end, words, occ, rule.neg)) ok = false;
        if (!ok) continue;
        let excepted = false;
        for (const group of rule.unless) if (!excepted && this.anyNear(group.tags, group.window, start, end, words, occ, false)) excepted = true;
        if (excepted) {
          // An 'unless' context ("gedwongen ... spaargeld") is the list's judgement that the signal is not meant.
          (this.cancelledSignals ??= new Set()).add(rule.signal);
          continue;
        }
        if (!serious && rule.lookalikes.length > 0 && this.anyNear(rule.lookalikes, rule.lookWindow, start, end, words, occ, false)) {
          this.cancelled = true;
          (this.cancelledSignals ??= new Set()).add(rule.signal);
          continue;
        }
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

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** True when a and b differ by exactly one substitution, insertion, deletion or swap of neighbours. */
export function oneSlip(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

let shared: LexicalDetector | undefined;

/** The detector built from the shipped word lists (validated once). */
export function getLexicalDetector(): LexicalDetector {
  shared ??= new LexicalDetector(LexicalDataSchema.parse(rawData));
  return shared;
}
