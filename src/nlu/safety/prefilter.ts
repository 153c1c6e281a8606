// The hand-written safety pre-filter: finds critical and other risk signals in normalised text, with negation and look-alike guards.
import type { Role, SignalId } from '../../ids.js';
import { SIGNAL_IDS } from '../../ids.js';
import rawData from './patterns.json' with { type: 'json' };
import { compilePattern, expandLists, literalWords, splitAlternatives } from './compile.js';
import { endsOf, PatternGate, type PatternEnds } from './gate.js';
import { SafetyDataSchema, type ComboData, type SafetyData } from './schema.js';

export interface PatternHit {
  patternId: string;
  signals: SignalId[];
  markers: string[];
  /** Word offsets in the normalised text, for explanation and tests. */
  start: number;
  end: number;
}

export interface PrefilterResult {
  signals: SignalId[];
  markers: string[];
  hits: PatternHit[];
}

interface CompiledPattern {
  id: string;
  signals: SignalId[];
  markers: string[];
  regex: RegExp;
  /** The same pattern anchored where lastIndex points (flag y). */
  sticky: RegExp;
  checkNegation: boolean;
  ownWords: Set<string>;
}

interface CompiledSuppressor {
  id: string;
  regex: RegExp;
  signals: Set<SignalId>;
  window: number;
  onlyPatterns: Set<string> | undefined;
}

export class SafetyPrefilter {
  private readonly patterns: CompiledPattern[];
  private readonly suppressors: CompiledSuppressor[];
  private readonly negators: Set<string>;
  private readonly breaks: Set<string>;
  private readonly subjects: Set<string>;
  private readonly cancelers: Set<string>;
  private readonly postNegators: Set<string>;
  private readonly postExceptions: Set<string>;
  private readonly window: number;
  private readonly combos: ComboData[];
  private readonly patternGate: PatternGate;
  private readonly suppressorGate: PatternGate;
  /** Tests switch the gate off to prove it never changes a result. */
  useGate = true;

  constructor(data: SafetyData) {
    const ids = new Set<string>();
    const patternEnds: PatternEnds[] = [];
    this.patterns = [];
    for (const p of data.patterns) {
      if (ids.has(p.id)) throw new Error(`duplicate safety pattern id ${p.id}`);
      ids.add(p.id);
      const ownWords = literalWords(p.re, data.lists);
      // Each top-level alternative is compiled and gated on its own: most never need to run.
      for (const part of splitAlternatives(expandLists(p.re, data.lists))) {
        this.patterns.push({
          id: p.id,
          signals: p.signals,
          markers: p.markers ?? [],
          regex: compileOrExplain(p.id, part, {}),
          sticky: compileOrExplain(p.id, part, {}, 'y'),
          checkNegation: p.neg !== false,
          ownWords,
        });
        patternEnds.push(endsOf(part));
      }
    }
    this.patternGate = new PatternGate(patternEnds);
    this.suppressors = data.suppressors.map((s) => ({
      id: s.id,
      regex: compileOrExplain(s.id, s.re, data.lists),
      signals: new Set(s.signals),
      window: s.window,
      onlyPatterns: s.onlyPatterns ? new Set(s.onlyPatterns) : undefined,
    }));
    const n = data.negation;
    this.negators = new Set(n.negators);
    this.breaks = new Set(n.clauseBreaks);
    this.subjects = new Set(n.subjects);
    this.cancelers = new Set(n.cancelers);
    this.postNegators = new Set(n.postNegators);
    this.postExceptions = new Set(n.postExceptions);
    this.window = n.window;
    this.combos = data.combos;
    this.suppressorGate = new PatternGate(data.suppressors.map((p) => endsOf(expandLists(p.re, data.lists))));
  }

  /** Signals in already-normalised text, in the fixed order of SIGNAL_IDS. */
  detect(normalised: string): PrefilterResult {
    const hits: PatternHit[] = [];
    if (normalised === '') return { signals: [], markers: [], hits };
    const words = normalised.split(' ');
    // Character offset of each word start, to turn regex indexes into word positions.
    const starts: number[] = [];
    let offset = 0;
    for (const w of words) {
      starts.push(offset);
      offset += w.length + 1;
    }
    const wordAt = (charIndex: number): number => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= charIndex) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    let suppressorSpans: { s: CompiledSuppressor; start: number; end: number }[] | undefined;
    const found = new Set<SignalId>();
    const markers = new Set<string>();
    const scan = this.useGate ? this.patternGate.scan(words) : undefined;
    const gate = scan?.flags;
    for (let index = 0; index < this.patterns.length; index++) {
      if (gate && gate[index] !== 3) continue;
      const p = this.patterns[index];
      if (p.signals.every((s) => found.has(s)) && p.markers.every((mk) => markers.has(mk))) continue;
      // The pattern is tried anchored at each word where it can begin (all words when its first word is open):
      // a few cheap anchored attempts instead of a scan of the whole text.
      const anyStart = scan === undefined || this.patternGate.opensAnywhere(index);
      const at = anyStart ? undefined : (scan.starts[index] ?? NO_POSITIONS);
      const count = at === undefined ? words.length : at.length;
      for (let j = 0; j < count; j++) {
        const k = at === undefined ? j : at[j];
        p.sticky.lastIndex = starts[k];
        const m = p.sticky.exec(normalised);
        if (m === null || m[0].length === 0) continue;
        const start = k;
        const end = wordAt(m.index + m[0].length - 1);
        if (p.checkNegation && this.isNegated(words, start, end, p.ownWords)) continue;
        suppressorSpans ??= this.findSuppressors(normalised, words, wordAt);
        const kept = p.signals.filter(
          (signal) =>
            !suppressorSpans!.some(
              (sp) =>
                sp.s.signals.has(signal) &&
                (sp.s.onlyPatterns === undefined || sp.s.onlyPatterns.has(p.id)) &&
                sp.end >= start - sp.s.window &&
                sp.start <= end + sp.s.window,
            ),
        );
        if (kept.length === 0 && p.markers.length === 0) continue;
        hits.push({ patternId: p.id, signals: kept, markers: p.markers, start, end });
        for (const s of kept) found.add(s);
        for (const mk of p.markers) markers.add(mk);
        break;
      }
    }
    return { signals: SIGNAL_IDS.filter((s) => found.has(s)), markers: [...markers], hits };
  }

  /**
   * Signals that need who is writing: "ik word geslagen" is child_harm only when a young person says it.
   * Returns the detected signals plus whatever the combination rules add, in SIGNAL_IDS order.
   */
  withCombos(result: PrefilterResult, role: Role | null): SignalId[] {
    const facts = new Set<string>([
      ...result.signals.map((s) => `signal:${s}`),
      ...result.markers.map((m) => `marker:${m}`),
    ]);
    if (role) facts.add(`role:${role}`);
    const out = new Set<SignalId>(result.signals);
    for (const combo of this.combos) {
      if (!combo.all.every((t) => facts.has(t))) continue;
      if (combo.any && !combo.any.some((t) => facts.has(t))) continue;
      for (const s of combo.add) out.add(s);
    }
    return SIGNAL_IDS.filter((s) => out.has(s));
  }

  private findSuppressors(normalised: string, words: string[], wordAt: (i: number) => number) {
    const spans: { s: CompiledSuppressor; start: number; end: number }[] = [];
    const gate = this.useGate ? this.suppressorGate.candidates(words) : undefined;
    for (let index = 0; index < this.suppressors.length; index++) {
      if (gate && gate[index] !== 3) continue;
      const s = this.suppressors[index];
      s.regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = s.regex.exec(normalised)) !== null) {
        if (m[0].length === 0) {
          s.regex.lastIndex += 1;
          continue;
        }
        spans.push({ s, start: wordAt(m.index), end: wordAt(m.index + m[0].length - 1) });
      }
    }
    return spans;
  }

  /**
   * A hit is negated when a negation word stands inside it (and is not part of the pattern itself),
   * in the few words before it within the same clause, or (Dutch word order) right after it.
   * A telling/thinking verb between the negation and the hit ("ik heb nooit verteld dat...") cancels it.
   */
  private isNegated(words: string[], start: number, end: number, ownWords: Set<string>): boolean {
    for (let i = start; i <= end; i++) {
      if (this.negators.has(words[i]) && !ownWords.has(words[i])) return true;
    }
    let sawCanceler = false;
    for (let i = start - 1, steps = 0; i >= 0 && steps < this.window; i--, steps++) {
      const w = words[i];
      if (this.negators.has(w)) return !sawCanceler;
      if (this.breaks.has(w) || this.subjects.has(w)) break;
      if (this.cancelers.has(w)) sawCanceler = true;
    }
    const next = words[end + 1];
    if (next !== undefined && this.postNegators.has(next)) {
      const after = words[end + 2];
      if (after === undefined || !this.postExceptions.has(after)) return true;
    }
    return false;
  }
}

function compileOrExplain(id: string, source: string, lists: Record<string, string>, flags = 'g'): RegExp {
  try {
    return compilePattern(source, lists, flags);
  } catch (error) {
    throw new Error(`safety pattern ${id}: ${(error as Error).message}`);
  }
}

const NO_POSITIONS: number[] = [];

let shared: SafetyPrefilter | undefined;

/** The pre-filter built from the shipped pattern data (validated once). */
export function getPrefilter(): SafetyPrefilter {
  shared ??= new SafetyPrefilter(SafetyDataSchema.parse(rawData));
  return shared;
}
