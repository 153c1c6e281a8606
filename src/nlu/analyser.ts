// Combines the safety pre-filter, the cue lexicon and the trained nlp.js classifiers into one synchronous analysis.
import { z } from 'zod';
import { PROFILE_IDS, ROLES, SIGNAL_IDS, type ProfileId, type Role, type SignalId } from '../ids.js';
import { profileEvidence, roleEvidence } from './cues.js';
import { features } from './features.js';
import rawSettings from './lexicon/settings.json' with { type: 'json' };
import type { TrainedModels } from './model.js';
import { normalise } from './normalise.js';
import type { LexicalDetector } from './safety/lexical.js';
import type { PrefilterResult, SafetyPrefilter } from './safety/prefilter.js';

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
  /** Below this combined evidence the role stays null. */
  roleMinimum: z.number(),
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

  constructor(
    private readonly prefilter: SafetyPrefilter,
    private readonly models: TrainedModels,
    private readonly lexical: LexicalDetector,
  ) {}

  analyse(text: string, lang: 'nl' | 'en' = 'nl'): Analysis {
    const key = `${lang}\u0000${text}`;
    const hit = text.length <= settings.cacheMaxChars ? this.cache.get(key) : undefined;
    if (hit) return copy(hit);
    const result = this.compute(text, lang);
    if (settings.cacheSize > 0 && text.length <= settings.cacheMaxChars) {
      // Oldest entry out first: a Map iterates in insertion order.
      if (this.cache.size >= settings.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, result);
    }
    return copy(result);
  }

  private compute(text: string, lang: 'nl' | 'en'): Analysis {
    let norm = normalise(text);
    if (norm === '' || norm === ',') return { signals: [], profiles: [], role: null };
    let words = norm.split(' ');
    const pre = this.detectSignals(norm, words);
    if (words.length > SEGMENT_WORDS) {
      // Writer and profile are read from the opening of a very long text: enough to judge, and bounded in time.
      words = words.slice(0, SEGMENT_WORDS);
      norm = words.join(' ');
    }
    const feats = features(norm, lang);
    const role = this.pickRole(norm, words, feats, pre.signals);
    const signals = this.prefilter.withCombos(pre, role);
    const profiles = this.scoreProfiles(norm, words, feats, signals);
    return { signals, profiles, role };
  }

  /**
   * Phrase patterns plus the broad word lists (which catch wordings the patterns miss). A very long text is read
   * in overlapping segments, so time grows linearly with its length and no signal anywhere in it is lost.
   */
  private detectSignals(norm: string, words: string[]): PrefilterResult {
    if (words.length <= SEGMENT_WORDS) return this.merge([this.prefilter.detect(norm)], [this.lexical.detect(words).signals]);
    const parts: PrefilterResult[] = [];
    const extra: SignalId[][] = [];
    for (let start = 0; start < words.length; start += SEGMENT_WORDS - SEGMENT_OVERLAP) {
      const segment = words.slice(start, start + SEGMENT_WORDS);
      parts.push(this.prefilter.detect(segment.join(' ')));
      extra.push(this.lexical.detect(segment).signals);
      if (start + SEGMENT_WORDS >= words.length) break;
    }
    return this.merge(parts, extra);
  }

  private merge(parts: PrefilterResult[], extra: SignalId[][]): PrefilterResult {
    if (parts.length === 1 && extra[0].length === 0) return parts[0];
    const signals = new Set<SignalId>();
    const markers = new Set<string>();
    const hits: PrefilterResult['hits'] = [];
    for (const part of parts) {
      for (const s of part.signals) signals.add(s);
      for (const m of part.markers) markers.add(m);
      hits.push(...part.hits);
    }
    for (const list of extra) for (const s of list) signals.add(s);
    return { signals: SIGNAL_IDS.filter((s) => signals.has(s)), markers: [...markers], hits };
  }

  private pickRole(norm: string, words: string[], feats: string[], signals: SignalId[]): Role | null {
    const rules = roleEvidence(norm, signals, words);
    const model = this.models.role(feats);
    let best: Role | null = null;
    let bestScore = settings.roleMinimum;
    for (const r of ROLES) {
      const score = rules[r] + settings.roleModelWeight * (model[r] - model.none / 2);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return best;
  }

  private scoreProfiles(norm: string, words: string[], feats: string[], signals: SignalId[]): Analysis['profiles'] {
    const cues = profileEvidence(norm, signals, words);
    const model = this.models.profiles(feats);
    const out: Analysis['profiles'] = [];
    for (const p of PROFILE_IDS) {
      // Noisy-or: either source alone can carry a profile, agreement pushes it towards 1.
      const m = model[p] * (1 - model.none / 2);
      const score = 1 - (1 - m) * (1 - cues[p]);
      if (score >= settings.profileMinimum) out.push({ id: p, score: round2(score) });
    }
    out.sort((a, b) => b.score - a.score || PROFILE_IDS.indexOf(a.id) - PROFILE_IDS.indexOf(b.id));
    return out.slice(0, settings.profileMaximum);
  }
}

function copy(a: Analysis): Analysis {
  return { signals: [...a.signals], profiles: a.profiles.map((p) => ({ ...p })), role: a.role };
}
