// Trains the nlp.js neural classifiers for role, profiles and critical signals from the corpus train split (in memory, no files written).
import { NeuralNetwork, type Perceptron, type PreparedInput, type PreparedItem, type TrainingItem } from '@nlpjs/neural';
import { CRITICAL_SIGNALS, isCritical, PROFILE_IDS, ROLES, type CriticalSignalId, type ProfileId, type Role } from '../ids.js';
import type { CorpusItem } from './corpus.js';
import { featureDict, features, FeatureSpace } from './features.js';
import { normalise } from './normalise.js';

/**
 * Messages a feature must occur in before the networks learn it. With ~1,600 training messages, features seen
 * only twice were mostly one writer's phrasing: 3 keeps the networks on recurring wording and halves the work.
 */
const MIN_FEATURE_COUNT = 3;

/** The label used for "no role" / "no profile" so the networks learn what ordinary talk looks like. */
export const NONE = 'none';

// Few iterations are enough on a corpus this size and keep start-up training near half a second
// (on the held-out split 60 iterations score as well as 150: the loss is flat after that).
const SETTINGS = { iterations: 60, errorThresh: 0.0005, deltaErrorThresh: 0.000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07, log: false };

export type RoleScores = Record<Role | typeof NONE, number>;
export type ProfileScores = Record<ProfileId | typeof NONE, number>;
export type SignalScores = Record<CriticalSignalId | typeof NONE, number>;

export interface TrainedModels {
  /** The numbered features both classifiers read (see FeatureSpace.ids). */
  readonly space: FeatureSpace;
  role(ids: readonly number[]): RoleScores;
  profiles(ids: readonly number[]): ProfileScores;
  /** The critical signals as the network reads them (a second opinion beside the word lists). */
  signals(ids: readonly number[]): SignalScores;
}

/**
 * nlp.js's NeuralNetwork with two speed-ups that leave the arithmetic and the training procedure unchanged:
 * the per-feature sum is a plain loop (the library uses reduce with a closure), and because every input value
 * is 1, all inputs share one dense array of ones instead of a sparse object per message (slow to index).
 */
class FastNeuralNetwork extends NeuralNetwork {
  prepareCorpus(corpus: TrainingItem[]): PreparedItem[] {
    const data = super.prepareCorpus(corpus);
    let size = 0;
    for (const item of data) for (const key of item.input.keys) size = Math.max(size, key + 1);
    const ones = new Float32Array(size).fill(1);
    this.allOnes = true;
    for (const item of data) {
      if (item.input.keys.every((key) => item.input.data[key] === 1)) item.input.data = ones;
      else this.allOnes = false;
    }
    return data;
  }

  /** Every input value is 1: the products with the input drop out (x * 1 is x exactly), the rest is nlp.js's loop. */
  private allOnes = false;

  trainPerceptron(perceptron: Perceptron, data: PreparedItem[]): number {
    if (!this.allOnes) return super.trainPerceptron(perceptron, data);
    const { alpha, momentum } = this.settings;
    const { changes, weights } = perceptron;
    const rate = this.decayLearningRate;
    let error = 0;
    for (let i = 0; i < data.length; i++) {
      const { input, output } = data[i];
      const keys = input.keys;
      let sum = perceptron.bias;
      for (let j = 0; j < keys.length; j++) sum += weights[keys[j]];
      const actual = sum <= 0 ? 0 : alpha * sum;
      const expected = output.data[perceptron.id] || 0;
      const current = expected - actual;
      if (current) {
        error += current ** 2;
        const delta = (actual > 0 ? 1 : alpha) * current * rate;
        for (let j = 0; j < keys.length; j++) {
          const key = keys[j];
          const change = delta + momentum * changes[key];
          changes[key] = change;
          weights[key] += change;
        }
        perceptron.bias += delta;
      }
    }
    return error;
  }

  runInputPerceptron(perceptron: { weights: Float32Array; bias: number }, input: PreparedInput): number {
    const { keys, data } = input;
    const weights = perceptron.weights;
    let sum = perceptron.bias;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      sum += data[key] * weights[key];
    }
    return sum <= 0 ? 0 : this.settings.alpha * sum;
  }
}

/**
 * The forward pass of a trained nlp.js NeuralNetwork (one perceptron per class: bias plus the weights
 * of the features present, cut at zero, times alpha), read out of its toJSON() into one typed array laid
 * out feature by feature, so a message's features are summed for all classes in one pass without allocating.
 */
class Perceptrons {
  /** weights[feature * classes + class], in the numbering of the shared feature space. */
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;
  private readonly sums: Float64Array;

  constructor(
    net: NeuralNetwork,
    readonly classes: string[],
    private readonly alpha: number,
    space: FeatureSpace,
    spaceIndex: Map<string, number>,
  ) {
    const json = net.toJSON();
    const names = json.features ?? [];
    const rows = json.perceptrons ?? [];
    const byIntent = new Map((json.intents ?? []).map((intent, i) => [intent, rows[i]] as const));
    const n = classes.length;
    this.weights = new Float32Array(space.size * n);
    this.bias = new Float64Array(n);
    this.sums = new Float64Array(n);
    classes.forEach((c, ci) => {
      const row = byIntent.get(c);
      if (!row) return;
      this.bias[ci] = row[row.length - 1];
      names.forEach((name, fi) => {
        const at = spaceIndex.get(name);
        if (at !== undefined) this.weights[at * n + ci] = row[fi];
      });
    });
    // A class the network never saw scores 0 (no bias either).
    this.known = classes.map((c) => byIntent.has(c));
  }

  private readonly known: boolean[];

  run(ids: readonly number[]): Float64Array {
    const n = this.classes.length;
    const sums = this.sums;
    for (let c = 0; c < n; c++) sums[c] = this.bias[c];
    for (let k = 0; k < ids.length; k++) {
      const base = ids[k] * n;
      for (let c = 0; c < n; c++) sums[c] += this.weights[base + c];
    }
    for (let c = 0; c < n; c++) sums[c] = !this.known[c] || sums[c] <= 0 ? 0 : clamp01(this.alpha * sums[c]);
    return sums;
  }
}

function clamp01(x: number): number {
  return Number.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
}

/**
 * The feature dictionaries the networks train on, one per item. A feature seen in a single message only teaches
 * the networks that message; leaving such features out halves the training work and keeps them on recurring wording.
 */
export function trainingInputs(items: CorpusItem[]): Record<string, number>[] {
  const perItem = items.map((item) => features(normalise(item.text), item.lang));
  const seen = new Map<string, number>();
  for (const list of perItem) for (const f of list) seen.set(f, (seen.get(f) ?? 0) + 1);
  return perItem.map((list) => featureDict(list.filter((f) => (seen.get(f) ?? 0) >= MIN_FEATURE_COUNT)));
}

/** Trains the role, profile and critical-signal classifiers; items of the test split must already be filtered out by the caller. */
export function trainModels(items: CorpusItem[]): TrainedModels {
  const roleData: TrainingItem[] = [];
  const profileData: TrainingItem[] = [];
  const signalData: TrainingItem[] = [];
  const inputs = trainingInputs(items);
  items.forEach((item, k) => {
    const input = inputs[k];
    if (Object.keys(input).length === 0) return;
    roleData.push({ input, output: { [item.role ?? NONE]: 1 } });
    const output: Record<string, number> = {};
    for (const p of item.profiles) output[p] = 1;
    if (item.profiles.length === 0) output[NONE] = 1;
    profileData.push({ input, output });
    const critical: Record<string, number> = {};
    for (const s of item.signals) if (isCritical(s)) critical[s] = 1;
    if (Object.keys(critical).length === 0) critical[NONE] = 1;
    signalData.push({ input, output: critical });
  });
  const roleNet = new FastNeuralNetwork({ ...SETTINGS });
  roleNet.train(roleData);
  const profileNet = new FastNeuralNetwork({ ...SETTINGS });
  profileNet.train(profileData);
  const signalNet = new FastNeuralNetwork({ ...SETTINGS });
  signalNet.train(signalData);

  // One numbering for the features of both networks.
  const spaceIndex = new Map<string, number>();
  for (const net of [roleNet, profileNet, signalNet]) for (const name of net.toJSON().features ?? []) if (!spaceIndex.has(name)) spaceIndex.set(name, spaceIndex.size);
  const space = new FeatureSpace([...spaceIndex.keys()]);

  const roleClasses: (Role | typeof NONE)[] = [...ROLES, NONE];
  const profileClasses: (ProfileId | typeof NONE)[] = [...PROFILE_IDS, NONE];
  const roleFast = new Perceptrons(roleNet, roleClasses, SETTINGS.alpha, space, spaceIndex);
  const profileFast = new Perceptrons(profileNet, profileClasses, SETTINGS.alpha, space, spaceIndex);
  const signalClasses: (CriticalSignalId | typeof NONE)[] = [...CRITICAL_SIGNALS, NONE];
  const signalFast = new Perceptrons(signalNet, signalClasses, SETTINGS.alpha, space, spaceIndex);
  return {
    space,
    role(ids) {
      const raw = roleFast.run(ids);
      const out = {} as RoleScores;
      for (let i = 0; i < roleClasses.length; i++) out[roleClasses[i]] = raw[i];
      return out;
    },
    signals(ids) {
      const raw = signalFast.run(ids);
      const out = {} as SignalScores;
      for (let i = 0; i < signalClasses.length; i++) out[signalClasses[i]] = raw[i];
      return out;
    },
    profiles(ids) {
      const raw = profileFast.run(ids);
      const out = {} as ProfileScores;
      for (let i = 0; i < profileClasses.length; i++) out[profileClasses[i]] = raw[i];
      return out;
    },
  };
}
