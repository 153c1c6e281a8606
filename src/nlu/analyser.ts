// Combines the safety pre-filter, the cue lexicon and the trained nlp.js classifiers into one synchronous analysis.
import { z } from 'zod';
import { CRITICAL_SIGNALS, PROFILE_IDS, ROLES, SignalIdSchema, type ProfileId, type Role, type SignalId } from '../ids.js';
import { cueSums, profileEvidence, roleEvidence } from './cues.js';
import rawSettings from './lexicon/settings.json' with { type: 'json' };
import type { TrainedModels } from './model.js';
import { normaliseWords } from './normalise.js';
import { signalsInOrder } from './signalOrder.js';
import type { NgramReading, NgramModel } from './ngram/ngramModel.js';
import type { LexicalDetector } from './safety/lexical.js';
import type { PrefilterResult, SafetyPrefilter } from './safety/prefilter.js';
import { infosOf, type WordInfo } from './vocabulary.js';

/** What the word lists found in one text or segment. */
type ListResult = ReturnType<LexicalDetector['detect']>;

type CueSums = ReturnType<typeof cueSums>;

export interface Analysis {
  signals: SignalId[];
  profiles: { id: ProfileId; score: number }[];
  role: Role | null;
}

export interface Analyser {
  analyse(text: string, lang?: 'nl' | 'en'): Analysis;
}

const SettingsSchema = z.strictObject({
  /** How much the classifier's 0..1 output counts against the summed cue weights. */
  roleModelWeight: z.number().min(0),
  /** The same for the n-gram model's role reading (ngram/ngramModel.ts). */
  roleNgramWeight: z.number().min(0),
  /** Below this combined evidence the role stays null. */
  roleMinimum: z.number(),
  /** A critical signal the word lists missed is added when the signal network scores it at least this (and above "none"). */
  signalModelMinimum: z.number().min(0).max(1),
  /** The same for a negated text in which the lists found nothing. */
  signalModelNegatedMinimum: z.number().min(0).max(1),
  /** A critical signal is added when the n-gram model (ngram/ngramModel.ts) gives it at least this probability; above 1 turns it off. */
  ngramSignalMinimum: z.number().min(0),
  /** Texts of fewer words than this need ngramShortMinimum: with few pieces one piece decides, and the model is least sure there. */
  ngramShortWords: z.number().int().min(0),
  ngramShortMinimum: z.number().min(0),
  /**
   * Texts with fewer different words than this get no signal from the n-gram model alone. One word is one piece of
   * evidence, and the corpus has no one-word danger message to learn from: "Nee", an answer button, read as the "nee"
   * of "ik zei nee". Single danger words ("verkracht") are for the word lists.
   */
  ngramMinimumWords: z.number().int().min(0),
  /** From this probability the model's reading stands even where a list judged the words a look-alike or negated; above 1: never. */
  ngramOverrideMinimum: z.number().min(0),
  /**
   * The same for texts of at least ngramOverrideLongWords words: in a story the look-alike is often a word beside the danger
   * ("hij liet me een filmpje zien en toen moest ik het nadoen"), in a short text it is the whole message ("cut my hair").
   */
  ngramOverrideLongWords: z.number().int().min(0),
  ngramOverrideLongMinimum: z.number().min(0),
  /**
   * A signal only the broad word lists raised (no phrase pattern) is dropped when both models read it as unlikely: the
   * n-gram model below ngramVetoMaximum and the signal network below networkVetoMaximum. Below 0: never dropped.
   */
  ngramVetoMaximum: z.number().max(1),
  networkVetoMaximum: z.number().max(1),
  /** Signals never dropped so: self-harm hints, by or about someone else, are what the models read worst, and a miss costs most. */
  vetoExempt: z.array(SignalIdSchema),
  /** How far the n-gram model's profile reading counts (0..1) in the noisy-or with the network and the cues. */
  profileNgramWeight: z.number().min(0).max(1),
  /** Profiles scoring below this are left out. */
  profileMinimum: z.number().min(0).max(1),
  profileMaximum: z.number().int().min(1).max(5),
  /** Remembered analyses (chat traffic repeats short messages a lot). */
  cacheSize: z.number().int().min(0),
  /** Only texts up to this length are remembered: long messages rarely repeat, and keeping them costs more (GC) than it saves. */
  cacheMaxChars: z.number().int().min(0),
});

export const settings = SettingsSchema.parse(rawSettings);

/** Words read at once; longer texts go in overlapping segments (a sentence spanning a cut is still seen whole). */
const SEGMENT_WORDS = 400;
const SEGMENT_OVERLAP = 40;

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export class CombinedAnalyser implements Analyser {
  private readonly cache = new Map<string, Analysis>();
  /**
   * The cache's keys in insertion order, as a ring: the oldest is replaced next. (Asking the Map for its first key
   * walks over every entry deleted before it, a cost that grows with the cache.)
   */
  private readonly order: string[] = [];
  private next = 0;

  constructor(
    private readonly prefilter: SafetyPrefilter,
    private readonly models: TrainedModels,
    private readonly lexical: LexicalDetector,
    /** Optional so stand-in analysers in tests can leave it out. */
    private readonly ngram: NgramModel | null = null,
  ) {}

  analyse(text: string, lang: 'nl' | 'en' = 'nl'): Analysis {
    // Long texts are neither looked up nor remembered, so they need no key either.
    if (text.length > settings.cacheMaxChars) return this.compute(text, lang);
    const key = `${lang}\u0000${text}`;
    const hit = this.cache.get(key);
    if (hit) return copy(hit);
    const result = this.compute(text, lang);
    if (settings.cacheSize > 0) {
      // Oldest entry out first: a Map iterates in insertion order.
      if (this.order.length < settings.cacheSize) this.order.push(key);
      else {
        this.cache.delete(this.order[this.next]);
        this.order[this.next] = key;
        this.next = (this.next + 1) % settings.cacheSize;
      }
      this.cache.set(key, result);
    }
    return copy(result);
  }

  private compute(text: string, lang: 'nl' | 'en'): Analysis {
    let words = normaliseWords(text);
    if (words.length === 0 || (words.length === 1 && words[0] === ',')) return { signals: [], profiles: [], role: null };
    let norm = words.join(' ');
    let infos = infosOf(words);
    const pre = this.detectSignals(norm, words, infos);
    const reading = this.ngram?.read(words) ?? null;
    if (reading) this.addNgramSignals(pre, words, reading.signals);
    if (words.length > SEGMENT_WORDS) {
      // Writer and profile are read from the opening of a very long text: enough to judge, and bounded in time.
      words = words.slice(0, SEGMENT_WORDS);
      infos = infos.slice(0, SEGMENT_WORDS);
      norm = words.join(' ');
    }
    const ids = this.models.space.ids(words, infos, lang);
    // The three networks in one pass (arrays valid until the next message).
    const model = this.models.all(ids);
    this.addModelSignals(pre, ids, words, model.signals);
    if (reading) this.dropUnsupportedListSignals(pre, reading.signals, model.signals);
    const sums = cueSums(norm, words, infos);
    const role = this.pickRole(norm, words, infos, pre.signals, sums, model.role, reading);
    const signals = this.prefilter.withCombos(pre, role);
    const profiles = this.scoreProfiles(norm, words, infos, signals, sums, model.profiles, reading);
    return { signals, profiles, role };
  }

  /**
   * Phrase patterns plus the broad word lists (which catch wordings the patterns miss). A very long text is read
   * in overlapping segments, so time grows linearly with its length and no signal anywhere in it is lost.
   */
  private detectSignals(norm: string, words: string[], infos: WordInfo[]): PrefilterResult {
    if (words.length <= SEGMENT_WORDS) return this.merge([this.prefilter.detect(norm, words, infos)], [this.lexical.detect(words, infos)]);
    const parts: PrefilterResult[] = [];
    const lists: ListResult[] = [];
    for (let start = 0; start < words.length; start += SEGMENT_WORDS - SEGMENT_OVERLAP) {
      const segment = words.slice(start, start + SEGMENT_WORDS);
      const segmentInfos = infos.slice(start, start + SEGMENT_WORDS);
      parts.push(this.prefilter.detect(segment.join(' '), segment, segmentInfos));
      lists.push(this.lexical.detect(segment, segmentInfos));
      if (start + SEGMENT_WORDS >= words.length) break;
    }
    return this.merge(parts, lists);
  }

  /** The nlp.js signal network as a second opinion for wordings the lists do not know (recall first). */
  private addModelSignals(pre: PrefilterResult, ids: number[], words: string[], scores: Float64Array): void {
    if (ids.length === 0) return;
    // The network reads a bag of words and cannot see negation. When the lists found nothing in a negated text
    // ("hij zou nooit een mes gebruiken") only a near-certain reading counts: many danger wordings hold a
    // negation themselves ("i do not see myself being here next year", "no one will look for you").
    // Nor is it asked when a list saw a danger word and judged it a look-alike ("broodmes", "killed it at the show").
    if (pre.cancelled) return;
    // A short text gives a bag of words little to go on ("ons kleine geheimpje: we eten patat"); there the n-gram model,
    // which also reads word order and letter pieces, decides alone (with its own higher bar for short texts).
    if (this.ngram !== null && words.length < settings.ngramShortWords) return;
    const negated = pre.signals.length === 0 && pre.markers.length === 0 && this.lexical.hasNegation(words);
    const minimum = negated ? settings.signalModelNegatedMinimum : settings.signalModelMinimum;
    // Scores by class index: CRITICAL_SIGNALS in order, "none" last.
    const none = scores[CRITICAL_SIGNALS.length];
    let added: SignalId[] | undefined;
    for (let i = 0; i < CRITICAL_SIGNALS.length; i++) {
      const s = CRITICAL_SIGNALS[i];
      if (scores[i] >= minimum && scores[i] > none && !pre.signals.includes(s)) (added ??= []).push(s);
    }
    if (added === undefined) return;
    const all = new Set<SignalId>([...pre.signals, ...added]);
    pre.signals = signalsInOrder(all);
  }

  /**
   * The broad word lists catch wordings the phrase patterns miss, but they also fire on everyday uses ("ik vermoord je
   * als je het laatste stuk taart pakt", "bokst bij een club"). Where neither model sees the signal at all, such a
   * list-only hit is taken for one of those (README: what this costs and saves on unseen batches).
   */
  private dropUnsupportedListSignals(pre: PrefilterResult, ngram: Float64Array, network: Float64Array): void {
    if (!pre.wordListOnly) return;
    const dropped = pre.wordListOnly.filter((s) => {
      const i = CRITICAL_SIGNALS.indexOf(s as (typeof CRITICAL_SIGNALS)[number]);
      return i >= 0 && !settings.vetoExempt.includes(s) && ngram[i]! < settings.ngramVetoMaximum && network[i]! < settings.networkVetoMaximum;
    });
    if (dropped.length > 0) pre.signals = pre.signals.filter((s) => !dropped.includes(s));
  }

  /**
   * The n-gram model reads letter pieces, so it knows inflections, compounds and slips of wordings like those in the
   * corpus that no list names (README: what it adds on unseen batches). It reads the whole text, also a very long one.
   */
  private addNgramSignals(pre: PrefilterResult, words: string[], scores: Float64Array): void {
    if (settings.ngramSignalMinimum > 1) return;
    if (!hasDistinctWords(words, settings.ngramMinimumWords)) return;
    // A list that met a danger word and judged it a look-alike, negated or excepted ("cut my hair", "kill het licht",
    // "nooit een wapen") keeps its judgement for that signal, since the model reads pieces of text and sees neither, unless the
    // model is near-certain ("ik maak je af als je nog één keer met die collega praat": the list took it for an idiom).
    const minimum = words.length < settings.ngramShortWords ? settings.ngramShortMinimum : settings.ngramSignalMinimum;
    const override = words.length < settings.ngramOverrideLongWords ? settings.ngramOverrideMinimum : settings.ngramOverrideLongMinimum;
    const found: SignalId[] = [];
    for (let i = 0; i < CRITICAL_SIGNALS.length; i++) {
      const signal = CRITICAL_SIGNALS[i]!;
      if (scores[i]! < minimum) continue;
      if (pre.cancelledSignals?.includes(signal) && scores[i]! < override) continue;
      found.push(signal);
    }
    if (found.length === 0 || found.every((s) => pre.signals.includes(s))) return;
    pre.signals = signalsInOrder(new Set<SignalId>([...pre.signals, ...found]));
  }

  /**
   * The patterns' results (one per segment) with the word lists': their signals, their look-alike judgements (which the
   * n-gram model may not overrule lightly) and which signals only they raised.
   */
  private merge(parts: PrefilterResult[], lists: ListResult[]): PrefilterResult {
    const only = lists[0];
    if (parts.length === 1 && only.signals.length === 0 && !only.cancelled && !only.cancelledSignals) return parts[0];
    const signals = new Set<SignalId>();
    const markers = new Set<string>();
    const hits: PrefilterResult['hits'] = [];
    for (const part of parts) {
      for (const s of part.signals) signals.add(s);
      for (const m of part.markers) markers.add(m);
      hits.push(...part.hits);
    }
    const wordListOnly = new Set<SignalId>();
    for (const list of lists) {
      for (const s of list.signals) if (!signals.has(s)) wordListOnly.add(s);
    }
    for (const s of wordListOnly) signals.add(s);
    let cancelled = false;
    const cancelledSignals = new Set<SignalId>();
    const noteCancelled = (found: { cancelled?: boolean; cancelledSignals?: SignalId[] }) => {
      if (found.cancelled) cancelled = true;
      for (const s of found.cancelledSignals ?? []) cancelledSignals.add(s);
    };
    parts.forEach(noteCancelled);
    lists.forEach(noteCancelled);
    const merged: PrefilterResult = { signals: signalsInOrder(signals), markers: [...markers], hits, cancelled };
    if (cancelledSignals.size > 0) merged.cancelledSignals = [...cancelledSignals];
    if (wordListOnly.size > 0) merged.wordListOnly = [...wordListOnly];
    return merged;
  }

  /** `model`: the role network's scores, ROLES in order and "none" last; `ngram`: the n-gram model's reading, if any. */
  private pickRole(norm: string, words: string[], infos: WordInfo[], signals: SignalId[], sums: CueSums, model: Float64Array, ngram: NgramReading | null): Role | null {
    const rules = roleEvidence(norm, signals, words, infos, sums);
    const none = model[ROLES.length];
    const ngramNone = ngram ? ngram.roles[ROLES.length]! : 0;
    let best: Role | null = null;
    let bestScore = settings.roleMinimum;
    for (let i = 0; i < ROLES.length; i++) {
      const r = ROLES[i];
      let score = rules[r] + settings.roleModelWeight * (model[i] - none / 2);
      if (ngram) score += settings.roleNgramWeight * (ngram.roles[i]! - ngramNone / 2);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return best;
  }

  /** `model`: the profile network's scores, PROFILE_IDS in order and "none" last; `ngram`: the n-gram model's reading, if any. */
  private scoreProfiles(norm: string, words: string[], infos: WordInfo[], signals: SignalId[], sums: CueSums, model: Float64Array, ngram: NgramReading | null): Analysis['profiles'] {
    const cues = profileEvidence(norm, signals, words, infos, sums);
    const none = model[PROFILE_IDS.length];
    const out: Analysis['profiles'] = [];
    for (let i = 0; i < PROFILE_IDS.length; i++) {
      const p = PROFILE_IDS[i];
      // Noisy-or: either source alone can carry a profile, agreement pushes it towards 1.
      const m = model[i] * (1 - none / 2);
      const n = ngram ? settings.profileNgramWeight * ngram.profiles[i]! : 0;
      const score = 1 - (1 - m) * (1 - cues[p]) * (1 - n);
      if (score >= settings.profileMinimum) out.push({ id: p, score: round2(score) });
    }
    out.sort(byScore);
    return out.slice(0, settings.profileMaximum);
  }
}

/** Highest score first; ties in the fixed profile order. */
function byScore(a: Analysis['profiles'][number], b: Analysis['profiles'][number]): number {
  return b.score - a.score || PROFILE_IDS.indexOf(a.id) - PROFILE_IDS.indexOf(b.id);
}

function copy(a: Analysis): Analysis {
  const profiles: Analysis['profiles'] = [];
  for (const p of a.profiles) profiles.push({ id: p.id, score: p.score });
  return { signals: a.signals.slice(), profiles, role: a.role };
}

/** True when the text has at least `minimum` different words, punctuation left out ("nee , nee" has one). */
function hasDistinctWords(words: readonly string[], minimum: number): boolean {
  if (minimum <= 0) return true;
  const seen = new Set<string>();
  for (const word of words) {
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    seen.add(word);
    if (seen.size >= minimum) return true;
  }
  return false;
}
