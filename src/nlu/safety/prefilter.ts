// The hand-written safety pre-filter: finds critical and other risk signals in normalised text, with negation and look-alike guards.
import type { Role, SignalId } from '../../ids.js';
import rawData from './patterns.json' with { type: 'json' };
import { compilePattern, expandLists, literalWords, plainWords, splitAlternatives, wordsAt } from './compile.js';
import { endsOf, PatternGate, type PatternEnds } from './gate.js';
import { SafetyDataSchema, type ComboData, type SafetyData } from './schema.js';
import { signalsInOrder } from '../signalOrder.js';
import { infosOf, type WordInfo } from '../vocabulary.js';

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
  /** A look-alike or a negation cancelled a hit: the text names a danger and the patterns judged it harmless. */
  cancelled?: boolean;
  /** The signals of the hits a look-alike or a negation cancelled (absent when none): no second opinion may raise them again. */
  cancelledSignals?: SignalId[];
  /** Set by the analyser: signals only the broad word lists raised, no phrase pattern (absent when none). */
  wordListOnly?: SignalId[];
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
  /** Set when the pattern is plain words: compared word by word instead of running the regex. */
  plain: string[] | undefined;
  /** No signals and no markers. */
  raisesNothing: boolean;
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
  private readonly compiledCombos: { all: { kind: string; name: string }[]; any: { kind: string; name: string }[] | undefined; add: SignalId[] }[];
  private readonly patternGate: PatternGate;
  private readonly suppressorGate: PatternGate;
  /** Per pattern: the message (generation) in which it already gave its hit. */
  private readonly done: Int32Array;
  private doneGen = 0;
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
          plain: plainWords(part),
          raisesNothing: p.signals.length === 0 && (p.markers ?? []).length === 0,
        });
        patternEnds.push(endsOf(part));
      }
    }
    this.patternGate = new PatternGate(patternEnds);
    this.done = new Int32Array(this.patterns.length);
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
    const term = (t: string) => ({ kind: t.slice(0, t.indexOf(':')), name: t.slice(t.indexOf(':') + 1) });
    this.compiledCombos = data.combos.map((c) => ({ all: c.all.map(term), any: c.any?.map(term), add: c.add }));
    this.suppressorGate = new PatternGate(data.suppressors.map((p) => endsOf(expandLists(p.re, data.lists))));
  }

  /**
   * Signals in already-normalised text, in the fixed order of SIGNAL_IDS. `words` and `infos` (the text split
   * at spaces and their vocabulary entries) may be passed when the caller already has them.
   */
  detect(normalised: string, words: string[] = normalised === '' ? [] : normalised.split(' '), infos?: WordInfo[]): PrefilterResult {
    const hits: PatternHit[] = [];
    if (normalised === '') return { signals: [], markers: [], hits };
    // Character offset of each word start, to turn regex indexes into word positions.
    const starts: number[] = new Array<number>(words.length);
    let offset = 0;
    for (let i = 0; i < words.length; i++) {
      starts[i] = offset;
      offset += words[i].length + 1;
    }
    let suppressorSpans: SuppressorSpan[] | undefined;
    const found = new Set<SignalId>();
    const markers = new Set<string>();
    // The gate lists each pattern with the words where it can begin: a few cheap anchored attempts
    // instead of a scan of the whole text for each of the thousand patterns.
    if (this.useGate) infos ??= infosOf(words);
    const attempts = this.useGate ? this.patternGate.attempts(infos!) : this.everyAttempt(words.length);
    const count = this.useGate ? this.patternGate.attemptCount : attempts.length;
    const done = this.done;
    if (++this.doneGen > 0x3fffffff) {
      this.doneGen = 1;
      done.fill(0);
    }
    const gen = this.doneGen;
    let cancelled = false;
    let cancelledSignals: Set<SignalId> | undefined;
    for (let a = 0; a < count; a += 2) {
      const index = attempts[a];
      if (done[index] === gen) continue;
      const p = this.patterns[index];
      // Until the first hit nothing is found, and only a pattern that raises nothing has all it raises.
      if (hits.length === 0 ? p.raisesNothing : this.allFound(p, found, markers)) {
        done[index] = gen;
        continue;
      }
      const k = attempts[a + 1];
      const start = k;
      let end: number;
      if (p.plain !== undefined) {
        if (!wordsAt(p.plain, words, k)) continue;
        end = k + p.plain.length - 1;
      } else {
        const from = starts[k];
        p.sticky.lastIndex = from;
        // test() builds no match array; a sticky match starts at `from` and ends where lastIndex now points.
        if (!p.sticky.test(normalised)) continue;
        const to = p.sticky.lastIndex;
        if (to === from) continue;
        end = wordAt(starts, to - 1);
      }
      if (p.checkNegation && this.isNegated(words, start, end, p.ownWords)) {
        cancelled = true;
        cancelledSignals ??= new Set();
        for (const signal of p.signals) cancelledSignals.add(signal);
        continue;
      }
      suppressorSpans ??= this.findSuppressors(normalised, starts, this.useGate ? infos : undefined);
      // A loop, not filter() with a closure: no function is created per hit.
      const kept: SignalId[] = [];
      for (const signal of p.signals) {
        if (!suppressed(suppressorSpans, signal, p.id, start, end)) kept.push(signal);
        else (cancelledSignals ??= new Set()).add(signal);
      }
      if (kept.length === 0 && p.markers.length === 0) {
        cancelled = true;
        continue;
      }
      hits.push({ patternId: p.id, signals: kept, markers: p.markers, start, end });
      for (const s of kept) found.add(s);
      for (const mk of p.markers) markers.add(mk);
      done[index] = gen;
    }
    const result: PrefilterResult = { signals: signalsInOrder(found), markers: markers.size === 0 ? [] : [...markers], hits, cancelled };
    if (cancelledSignals !== undefined) result.cancelledSignals = [...cancelledSignals];
    return result;
  }

  private allFound(p: CompiledPattern, found: Set<SignalId>, markers: Set<string>): boolean {
    for (const s of p.signals) if (!found.has(s)) return false;
    for (const mk of p.markers) if (!markers.has(mk)) return false;
    return true;
  }

  /** Without the gate (tests): every pattern at every word. */
  private everyAttempt(n: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.patterns.length; i++) for (let k = 0; k < n; k++) out.push(i, k);
    return out;
  }

  /**
   * Signals that need who is writing: "ik word geslagen" is child_harm only when a young person says it.
   * Returns the detected signals plus whatever the combination rules add, in SIGNAL_IDS order.
   */
  withCombos(result: PrefilterResult, role: Role | null): SignalId[] {
    if (result.signals.length === 0 && result.markers.length === 0) return [];
    const signals = new Set<string>(result.signals);
    const markers = new Set<string>(result.markers);
    let added: Set<SignalId> | undefined;
    for (const combo of this.compiledCombos) {
      // Loops instead of every()/some() with a closure: no function is created per message.
      let all = true;
      for (const term of combo.all) {
        if (!holds(term, signals, markers, role)) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      if (combo.any) {
        let some = false;
        for (const term of combo.any) {
          if (holds(term, signals, markers, role)) {
            some = true;
            break;
          }
        }
        if (!some) continue;
      }
      for (const s of combo.add) (added ??= new Set(result.signals)).add(s);
    }
    return added === undefined ? result.signals.slice() : signalsInOrder(added);
  }

  private findSuppressors(normalised: string, starts: number[], infos: WordInfo[] | undefined): SuppressorSpan[] {
    const spans: SuppressorSpan[] = [];
    let candidates: Set<number> | undefined;
    if (infos !== undefined) {
      const attempts = this.suppressorGate.attempts(infos);
      const count = this.suppressorGate.attemptCount;
      candidates = new Set<number>();
      for (let a = 0; a < count; a += 2) candidates.add(attempts[a]);
    }
    for (let index = 0; index < this.suppressors.length; index++) {
      if (candidates !== undefined && !candidates.has(index)) continue;
      const s = this.suppressors[index];
      s.regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = s.regex.exec(normalised)) !== null) {
        if (m[0].length === 0) {
          s.regex.lastIndex += 1;
          continue;
        }
        spans.push({ s, start: wordAt(starts, m.index), end: wordAt(starts, m.index + m[0].length - 1) });
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

/** Whether a combo term ("kind:name", split beforehand) holds for the message. */
function holds(term: { kind: string; name: string }, signals: Set<string>, markers: Set<string>, role: Role | null): boolean {
  return term.kind === 'signal' ? signals.has(term.name) : term.kind === 'marker' ? markers.has(term.name) : term.name === role;
}

function compileOrExplain(id: string, source: string, lists: Record<string, string>, flags = 'g'): RegExp {
  try {
    return compilePattern(source, lists, flags);
  } catch (error) {
    throw new Error(`safety pattern ${id}: ${(error as Error).message}`);
  }
}

interface SuppressorSpan {
  s: CompiledSuppressor;
  start: number;
  end: number;
}

/** The word whose start offset is the last one at or before charIndex. */
function wordAt(starts: number[], charIndex: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= charIndex) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** True when a look-alike near the hit cancels this signal. */
function suppressed(spans: SuppressorSpan[], signal: SignalId, patternId: string, start: number, end: number): boolean {
  for (const sp of spans) {
    if (
      sp.s.signals.has(signal) &&
      (sp.s.onlyPatterns === undefined || sp.s.onlyPatterns.has(patternId)) &&
      sp.end >= start - sp.s.window &&
      sp.start <= end + sp.s.window
    )
      return true;
  }
  return false;
}

let shared: SafetyPrefilter | undefined;

/** The pre-filter built from the shipped pattern data (validated once). */
export function getPrefilter(): SafetyPrefilter {
  shared ??= new SafetyPrefilter(SafetyDataSchema.parse(rawData));
  return shared;
}
