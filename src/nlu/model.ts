// Trains the nlp.js neural classifiers for role and profiles from the corpus train split (in memory, no files written).
import { NeuralNetwork, type TrainingItem } from '@nlpjs/neural';
import { PROFILE_IDS, ROLES, type ProfileId, type Role } from '../ids.js';
import type { CorpusItem } from './corpus.js';
import { featureDict, features } from './features.js';
import { normalise } from './normalise.js';

/** The label used for "no role" / "no profile" so the networks learn what ordinary talk looks like. */
export const NONE = 'none';

// Few iterations are enough on a corpus this size and keep start-up well under a second.
const SETTINGS = { iterations: 150, errorThresh: 0.0005, deltaErrorThresh: 0.000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07, log: false };

export interface TrainedModels {
  role(feats: string[]): Record<Role | typeof NONE, number>;
  profiles(feats: string[]): Record<ProfileId | typeof NONE, number>;
}

/**
 * The forward pass of a trained nlp.js NeuralNetwork (one perceptron per class: bias plus the weights
 * of the features present, cut at zero, times alpha), read out of its toJSON() into typed arrays.
 * nlp.js's own run() builds lookup objects per call; this does the same sums without allocating.
 */
class Perceptrons {
  private readonly index = new Map<string, number>();
  private readonly weights: Float32Array[];
  private readonly bias: number[];

  constructor(
    net: NeuralNetwork,
    readonly classes: string[],
    private readonly alpha: number,
  ) {
    const json = net.toJSON();
    const names = json.features ?? [];
    names.forEach((name, i) => this.index.set(name, i));
    const rows = json.perceptrons ?? [];
    const byIntent = new Map((json.intents ?? []).map((intent, i) => [intent, rows[i]] as const));
    this.weights = classes.map((c) => Float32Array.from((byIntent.get(c) ?? []).slice(0, names.length)));
    this.bias = classes.map((c) => {
      const row = byIntent.get(c);
      return row ? row[row.length - 1] : 0;
    });
  }

  run(feats: string[]): number[] {
    const ids: number[] = [];
    for (const f of feats) {
      const i = this.index.get(f);
      if (i !== undefined) ids.push(i);
    }
    return this.classes.map((_, c) => {
      const w = this.weights[c];
      let sum = this.bias[c];
      if (w.length === 0) return 0;
      for (const i of ids) sum += w[i];
      return sum <= 0 ? 0 : this.alpha * sum;
    });
  }
}

function clamp01(x: number | undefined): number {
  return x === undefined || Number.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
}

/** Trains both classifiers; items of the test split must already be filtered out by the caller. */
export function trainModels(items: CorpusItem[]): TrainedModels {
  const roleData: TrainingItem[] = [];
  const profileData: TrainingItem[] = [];
  for (const item of items) {
    const input = featureDict(features(normalise(item.text), item.lang));
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

  const roleClasses: (Role | typeof NONE)[] = [...ROLES, NONE];
  const profileClasses: (ProfileId | typeof NONE)[] = [...PROFILE_IDS, NONE];
  const roleFast = new Perceptrons(roleNet, roleClasses, SETTINGS.alpha);
  const profileFast = new Perceptrons(profileNet, profileClasses, SETTINGS.alpha);
  return {
    role(feats) {
      const raw = roleFast.run(feats);
      const out = {} as Record<Role | typeof NONE, number>;
      roleClasses.forEach((c, i) => (out[c] = clamp01(raw[i])));
      return out;
    },
    profiles(feats) {
      const raw = profileFast.run(feats);
      const out = {} as Record<ProfileId | typeof NONE, number>;
      profileClasses.forEach((c, i) => (out[c] = clamp01(raw[i])));
      return out;
    },
  };
}
