// Hand-written cue words for role and profile (lexicon/cues.json), compiled once; each returns additive evidence per class.
import { z } from 'zod';
import { PROFILE_IDS, ROLES, ProfileIdSchema, RoleSchema, SignalIdSchema, type ProfileId, type Role, type SignalId } from '../ids.js';
import rawCues from './lexicon/cues.json' with { type: 'json' };
import { compilePattern } from './safety/compile.js';
import safetyData from './safety/patterns.json' with { type: 'json' };

const CueSchema = z.strictObject({ re: z.string().min(1), w: z.number().min(-5).max(5) });

const CuesSchema = z.strictObject({
  roles: z.record(RoleSchema, z.array(CueSchema)),
  profiles: z.record(ProfileIdSchema, z.array(CueSchema)),
  profileSignals: z.partialRecord(SignalIdSchema, z.partialRecord(ProfileIdSchema, z.number().min(0).max(1))),
});

interface CompiledCue {
  regex: RegExp;
  w: number;
}

function compileAll(list: { re: string; w: number }[], where: string): CompiledCue[] {
  return list.map((cue, i) => {
    try {
      return { regex: compilePattern(cue.re, sharedLists, ''), w: cue.w };
    } catch (error) {
      throw new Error(`cue ${where}[${i}]: ${(error as Error).message}`);
    }
  });
}

const cues = CuesSchema.parse(rawCues);
// Cues may use the word lists of the safety patterns (@HIT, @CHILD...), so both stay in one vocabulary.
const sharedLists = z.record(z.string(), z.string()).parse(safetyData.lists);
const roleCues = ROLES.map((role) => [role, compileAll(cues.roles[role] ?? [], `roles.${role}`)] as const);
const profileCues = PROFILE_IDS.map((p) => [p, compileAll(cues.profiles[p] ?? [], `profiles.${p}`)] as const);

function sum(list: CompiledCue[], normalised: string): number {
  let total = 0;
  for (const cue of list) if (cue.regex.test(normalised)) total += cue.w;
  return total;
}

/** Evidence for each role from the writer's own words (positive: points to the role). */
export function roleEvidence(normalised: string): Record<Role, number> {
  const out = {} as Record<Role, number>;
  for (const [role, list] of roleCues) out[role] = sum(list, normalised);
  return out;
}

/** Evidence for each profile in 0..1, from cue words and from the signals already found. */
export function profileEvidence(normalised: string, signals: SignalId[]): Record<ProfileId, number> {
  const out = {} as Record<ProfileId, number>;
  for (const [profile, list] of profileCues) out[profile] = sum(list, normalised);
  for (const signal of signals) {
    const weights = cues.profileSignals[signal];
    if (!weights) continue;
    for (const [profile, w] of Object.entries(weights) as [ProfileId, number][]) out[profile] += w;
  }
  for (const p of PROFILE_IDS) out[p] = Math.max(0, Math.min(1, out[p]));
  return out;
}
