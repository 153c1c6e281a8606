// Trains the nlp.js neural classifiers for role and profiles from the corpus train split (in memory, no files written).
import { NeuralNetwork, type TrainingItem } from '@nlpjs/neural';
import { PROFILE_IDS, ROLES, type ProfileId, type Role } from '../ids.js';
import type { CorpusItem } from './corpus.js';
import { features } from './features.js';
import { normalise } from './normalise.js';

/** The label used for "no role" / "no profile" so the networks learn what ordinary talk looks like. */
export const NONE = 'none';

// Few iterations are enough on a corpus this size and keep start-up well under a second.
const SETTINGS = { iterations: 150, errorThresh: 0.0005, deltaErrorThresh: 0.000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07, log: false };

export interface TrainedModels {
  role(feats: Record<string, number>): Record<Role | typeof NONE, number>;
  profiles(feats: Record<string, number>): Record<ProfileId | typeof NONE, number>;
}

function clamp01(x: number | undefined): number {
  return x === undefined || Number.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
}

/** Trains both classifiers; items of the test split must already be filtered out by the caller. */
export function trainModels(items: CorpusItem[]): TrainedModels {
  const roleData: TrainingItem[] = [];
  const profileData: TrainingItem[] = [];
  for (const item of items) {
    const input = features(normalise(item.text), item.lang);
    if (Object.keys(input).length === 0) continue;
    roleData.push({ input, output: { [item.role ?? NONE]: 1 } });
    const output: Record<string, number> = {};
    for (const p of item.profiles) output[p] = 1;
    if (item.profiles.length === 0) output[NONE] = 1;
    profileData.push({ input, output });
  }
  const roleNet = new NeuralNetwork({ ...SETTINGS });
  roleNet.train(roleData);
  const profileNet = new NeuralNetwork({ ...SETTINGS });
  profileNet.train(profileData);

  return {
    role(feats) {
      const raw = roleNet.run(feats) ?? {};
      const out = { [NONE]: clamp01(raw[NONE]) } as Record<Role | typeof NONE, number>;
      for (const r of ROLES) out[r] = clamp01(raw[r]);
      return out;
    },
    profiles(feats) {
      const raw = profileNet.run(feats) ?? {};
      const out = { [NONE]: clamp01(raw[NONE]) } as Record<ProfileId | typeof NONE, number>;
      for (const p of PROFILE_IDS) out[p] = clamp01(raw[p]);
      return out;
    },
  };
}
