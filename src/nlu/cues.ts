// Hand-written cue words for role and profile (lexicon/cues.json), compiled once; each returns additive evidence per class.
import { z } from 'zod';
import { PROFILE_IDS, ROLES, ProfileIdSchema, RoleSchema, SignalIdSchema, type ProfileId, type Role, type SignalId } from '../ids.js';
import rawCues from './lexicon/cues.json' with { type: 'json' };
import { compilePattern, expandLists, plainWords, splitAlternatives, wordsAt } from './safety/compile.js';
import { endsOf, PatternGate, type PatternEnds } from './safety/gate.js';
import safetyData from './safety/patterns.json' with { type: 'json' };
import { infosOf, type WordInfo } from './vocabulary.js';

const CueSchema = z.strictObject({ re: z.string().min(1), w: z.number().min(-5).max(5) });

const CuesSchema = z.strictObject({
  roles: z.record(RoleSchema, z.array(CueSchema)),
  profiles: z.record(ProfileIdSchema, z.array(CueSchema)),
  profileSignals: z.partialRecord(SignalIdSchema, z.partialRecord(ProfileIdSchema, z.number().min(0).max(1))),
  /** Weak default roles from what is told ("ik wil dood" with nothing else is most often a young person). */
  roleSignals: z.partialRecord(SignalIdSchema, z.partialRecord(RoleSchema, z.number().min(0).max(3))),
});

interface CompiledCue {
  /** Sticky (flag y): tried anchored at the words where it can begin. */
  regex: RegExp;
  w: number;
  ends: PatternEnds;
  /** Which cue of the data this alternative belongs to: a cue counts once however many alternatives match. */
  cue: number;
  /** Set when the alternative is plain words: compared word by word instead of running the regex. */
  plain: string[] | undefined;
}

let cueCounter = 0;

function compileAll(list: { re: string; w: number }[], where: string): CompiledCue[] {
  const out: CompiledCue[] = [];
  list.forEach((cue, i) => {
    const id = cueCounter++;
    try {
      // Alternatives are gated one by one, like the safety patterns.
      for (const part of splitAlternatives(expandLists(cue.re, sharedLists))) {
        out.push({ regex: compilePattern(part, {}, 'y'), w: cue.w, ends: endsOf(part), cue: id, plain: plainWords(part) });
      }
    } catch (error) {
      throw new Error(`cue ${where}[${i}]: ${(error as Error).message}`);
    }
  });
  return out;
}

const cues = CuesSchema.parse(rawCues);
// Cues may use the word lists of the safety patterns (@HIT, @CHILD...), so both stay in one vocabulary.
const sharedLists = z.record(z.string(), z.string()).parse(safetyData.lists);
interface CueSet<K extends string> {
  keys: K[];
  /** Every key at 0, in key order: a message's sums start as a copy of it (one object clone, not a key-by-key build). */
  zero: Record<K, number>;
  cues: CompiledCue[];
  /** Which key each cue adds to. */
  owner: K[];
  gate: PatternGate;
}

function cueSet<K extends string>(keys: readonly K[], lists: Partial<Record<K, { re: string; w: number }[]>>, where: string): CueSet<K> {
  const cuesOut: CompiledCue[] = [];
  const owner: K[] = [];
  for (const key of keys) {
    for (const cue of compileAll(lists[key] ?? [], `${where}.${key}`)) {
      cuesOut.push(cue);
      owner.push(key);
    }
  }
  const zero = {} as Record<K, number>;
  for (const key of keys) zero[key] = 0;
  return { keys: [...keys], zero, cues: cuesOut, owner, gate: new PatternGate(cuesOut.map((c) => c.ends)) };
}

// Role and profile cues share one gate: one pass over the words finds the attempts of both.
const allCues = cueSet<Role | ProfileId>([...ROLES, ...PROFILE_IDS], { ...cues.roles, ...cues.profiles }, 'cues');

/** The summed cue weights of a message for every role and profile (before signals are taken into account). */
export function cueSums(normalised: string, words: string[] = normalised.split(' '), infos: WordInfo[] = infosOf(words)): Record<Role | ProfileId, number> {
  return sum(allCues, normalised, words, infos);
}

/** Per cue (of the data): the message (generation) in which it already counted; a cue counts once. */
let counted = new Int32Array(0);
let countedGen = 0;
/** Character offset of each word start, reused between messages. */
let starts = new Int32Array(64);

function sum<K extends string>(set: CueSet<K>, normalised: string, words: string[], infos: WordInfo[]): Record<K, number> {
  const out = { ...set.zero };
  const attempts = set.gate.attempts(infos);
  const count = set.gate.attemptCount;
  if (count === 0) return out;
  if (counted.length < cueCounter) counted = new Int32Array(cueCounter);
  if (++countedGen > 0x3fffffff) {
    countedGen = 1;
    counted.fill(0);
  }
  const gen = countedGen;
  if (starts.length < words.length) starts = new Int32Array(words.length * 2);
  let offset = 0;
  for (let k = 0; k < words.length; k++) {
    starts[k] = offset;
    offset += words[k].length + 1;
  }
  for (let a = 0; a < count; a += 2) {
    const i = attempts[a];
    const cue = set.cues[i];
    if (counted[cue.cue] === gen) continue;
    const k = attempts[a + 1];
    let hit: boolean;
    if (cue.plain !== undefined) hit = wordsAt(cue.plain, words, k);
    else {
      cue.regex.lastIndex = starts[k];
      hit = cue.regex.test(normalised);
    }
    if (hit) {
      out[set.owner[i]] += cue.w;
      counted[cue.cue] = gen;
    }
  }
  return out;
}

/** Per signal, the weak default roles and the profile weights it adds, as [key, weight] pairs (no per-message Object.entries). */
const roleDefaults = new Map<string, [Role, number][]>();
for (const [signal, weights] of Object.entries(cues.roleSignals)) roleDefaults.set(signal, Object.entries(weights ?? {}) as [Role, number][]);
const profileWeights = new Map<string, [ProfileId, number][]>();
for (const [signal, weights] of Object.entries(cues.profileSignals)) if (weights) profileWeights.set(signal, Object.entries(weights) as [ProfileId, number][]);

/** Templates with every role (profile) at 0 in their fixed order: evidence starts as a copy of one. */
const ROLE_ZERO = {} as Record<Role, number>;
for (const r of ROLES) ROLE_ZERO[r] = 0;
const PROFILE_ZERO = {} as Record<ProfileId, number>;
for (const p of PROFILE_IDS) PROFILE_ZERO[p] = 0;

/** Evidence for each role from the writer's own words (positive: points to the role). */
export function roleEvidence(
  normalised: string,
  signals: SignalId[] = [],
  words: string[] = normalised.split(' '),
  infos: WordInfo[] = infosOf(words),
  sums: Record<Role | ProfileId, number> = cueSums(normalised, words, infos),
): Record<Role, number> {
  const out = { ...ROLE_ZERO };
  for (const r of ROLES) out[r] = sums[r];
  // Signals only break ties when the words say nothing about the writer: the strongest default counts, not the sum.
  if (signals.length === 0) return out;
  const defaults = {} as Record<Role, number>;
  for (const signal of signals) {
    const list = roleDefaults.get(signal);
    if (list === undefined) continue;
    for (const [role, w] of list) defaults[role] = Math.max(defaults[role] ?? 0, w);
  }
  for (const [role, w] of Object.entries(defaults) as [Role, number][]) out[role] += w;
  return out;
}

/** Evidence for each profile in 0..1, from cue words and from the signals already found. */
export function profileEvidence(
  normalised: string,
  signals: SignalId[],
  words: string[] = normalised.split(' '),
  infos: WordInfo[] = infosOf(words),
  sums: Record<Role | ProfileId, number> = cueSums(normalised, words, infos),
): Record<ProfileId, number> {
  const out = { ...PROFILE_ZERO };
  for (const p of PROFILE_IDS) out[p] = sums[p];
  for (const signal of signals) {
    const weights = profileWeights.get(signal);
    if (weights === undefined) continue;
    for (const [profile, w] of weights) out[profile] += w;
  }
  for (const p of PROFILE_IDS) out[p] = Math.max(0, Math.min(1, out[p]));
  return out;
}
