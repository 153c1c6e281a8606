// Trains the nlp.js neural classifiers for role, profiles and critical signals from the corpus train split (in memory, no files written)
// and builds their fast forward pass; training and building are separate steps so training can run in a worker thread (trainWorker.ts).
import { NeuralNetwork, type Perceptron, type PreparedItem } from '@nlpjs/neural';
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

// Few iterations are enough on a corpus this size and keep start-up training short
// (on the held-out split 60 iterations score as well as 150: the loss is flat after that).
export const TRAINING_SETTINGS = { iterations: 60, errorThresh: 0.0005, deltaErrorThresh: 0.000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07, log: false };

export type RoleScores = Record<Role | typeof NONE, number>;
export type ProfileScores = Record<ProfileId | typeof NONE, number>;
export type SignalScores = Record<CriticalSignalId | typeof NONE, number>;

/** A trained network as nlp.js's toJSON() gives it: plain data (strings and numbers), so it can be posted between threads. */
export type NetworkJson = ReturnType<NeuralNetwork['toJSON']>;

/** The three trained networks, as data: what trainNetworks() returns and modelsFromNetworks() reads. */
export interface TrainedNetworks {
  role: NetworkJson;
  profiles: NetworkJson;
  signals: NetworkJson;
}

export interface TrainedModels {
  /** The numbered features both classifiers read (see FeatureSpace.ids). */
  readonly space: FeatureSpace;
  role(ids: readonly number[]): RoleScores;
  profiles(ids: readonly number[]): ProfileScores;
  /** The critical signals as the network reads them (a second opinion beside the word lists). */
  signals(ids: readonly number[]): SignalScores;
}

/** Messages numbered for training: per message the indexes of its keys (features, or classes) into `names`. */
interface Numbered {
  names: string[];
  keys: number[][];
}

/** A key JavaScript lists first among an object's keys, in numeric order (an array index: "0", "12", not "012"). */
function isIndexKey(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;
}

/**
 * Numbers keys as nlp.js's Lookup numbers the keys of the dictionaries it is given ({ feature: 1, ... }): in order of
 * first appearance, each message's keys in Object.keys() order (index-like keys first in numeric order, then the rest as
 * inserted). Unlike the library's lookup, which keeps its numbering in a plain object, a key named like an
 * Object.prototype member ("constructor") is numbered as any other instead of breaking training.
 */
function numberKeys(lists: readonly (readonly string[])[]): Numbered {
  const index = new Map<string, number>();
  const names: string[] = [];
  const keys = lists.map((list) => {
    const unique = [...new Set(list)];
    const ordered = unique.some(isIndexKey)
      ? [...unique.filter(isIndexKey).sort((a, b) => Number(a) - Number(b)), ...unique.filter((k) => !isIndexKey(k))]
      : unique;
    return ordered.map((key) => {
      let at = index.get(key);
      if (at === undefined) {
        at = names.length;
        index.set(key, at);
        names.push(key);
      }
      return at;
    });
  });
  return { names, keys };
}

/**
 * nlp.js's NeuralNetwork trained on messages numbered beforehand. The training procedure and its arithmetic are the
 * library's (test/nlu/model.test.ts compares the trained networks with the library's own, number for number); the work
 * around them is less: the messages are numbered once for all three networks instead of through a dictionary per message
 * per network, every input value is 1 so the products with the input drop out (x * 1 is x exactly) and all messages share
 * one array of ones, and the per-feature sum is a plain loop (the library uses reduce with a closure).
 */
class FastNeuralNetwork extends NeuralNetwork {
  /** train() of nlp.js from the point where it has numbered the corpus (prepareCorpus) on. */
  trainNumbered(inputs: Numbered, outputs: Numbered): void {
    // What prepareCorpus() leaves for toJSON(): the names behind the numbers.
    this.lookup = { inputLookup: { items: inputs.names }, outputLookup: { items: outputs.names } };
    const ones = new Float32Array(inputs.names.length).fill(1);
    const data: PreparedItem[] = inputs.keys.map((keys, i) => {
      const expected = new Float64Array(outputs.names.length);
      for (const at of outputs.keys[i]) expected[at] = 1;
      return { input: { keys, data: ones }, output: { keys: outputs.keys[i], data: expected } };
    });
    this.initialize(inputs.names.length, outputs.names);
    const status = { error: Infinity, deltaError: Infinity, iterations: 0 };
    const { iterations, errorThresh, deltaErrorThresh, learningRate } = this.settings;
    while (status.iterations < iterations && status.error > errorThresh && status.deltaError > deltaErrorThresh) {
      status.iterations += 1;
      this.decayLearningRate = learningRate / (1 + 0.001 * status.iterations);
      const lastError = status.error;
      status.error = 0;
      for (let i = 0; i < this.numPerceptrons; i += 1) status.error += this.trainPerceptron(this.perceptrons[i], data);
      status.error /= this.numPerceptrons * data.length;
      status.deltaError = Math.abs(status.error - lastError);
    }
  }

  /** One epoch of nlp.js's trainPerceptron() for inputs that are all 1. */
  trainPerceptron(perceptron: Perceptron, data: PreparedItem[]): number {
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
}

/**
 * The forward pass of a trained nlp.js NeuralNetwork (one perceptron per class: bias plus the weights
 * of the features present, cut at zero, times alpha), read out of its toJSON() data into one typed array laid
 * out feature by feature, so a message's features are summed for all classes in one pass without allocating.
 */
class Perceptrons {
  /** weights[feature * classes + class], in the numbering of the shared feature space. */
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;
  private readonly sums: Float64Array;

  constructor(
    json: NetworkJson,
    readonly classes: string[],
    private readonly alpha: number,
    space: FeatureSpace,
    spaceIndex: Map<string, number>,
  ) {
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
 * The features the networks train on, one list per item. A feature seen in a single message only teaches the networks that
 * message; leaving out features seen in fewer than MIN_FEATURE_COUNT halves the training work and keeps them on recurring wording.
 */
function trainingFeatures(items: CorpusItem[]): string[][] {
  const perItem = items.map((item) => features(normalise(item.text), item.lang));
  const seen = new Map<string, number>();
  for (const list of perItem) for (const f of list) seen.set(f, (seen.get(f) ?? 0) + 1);
  return perItem.map((list) => list.filter((f) => (seen.get(f) ?? 0) >= MIN_FEATURE_COUNT));
}

/** The same features as the dictionaries nlp.js trains on (for comparing with the library itself). */
export function trainingInputs(items: CorpusItem[]): Record<string, number>[] {
  return trainingFeatures(items).map(featureDict);
}

/**
 * Trains the role, profile and critical-signal networks and returns them as data; items of the test split must already
 * be filtered out by the caller. Pure CPU (most of a start-up, see backgroundTraining.ts), no I/O.
 */
export function trainNetworks(items: CorpusItem[]): TrainedNetworks {
  const lists = trainingFeatures(items);
  // A message without a known feature teaches nothing and is left out (as it always was).
  const kept = items.flatMap((item, k) => (lists[k].length > 0 ? [{ item, list: lists[k] }] : []));
  const inputs = numberKeys(kept.map((k) => k.list));
  const train = (outputs: string[][]): NetworkJson => {
    const net = new FastNeuralNetwork({ ...TRAINING_SETTINGS });
    net.trainNumbered(inputs, numberKeys(outputs));
    return net.toJSON();
  };
  const role = train(kept.map(({ item }) => [item.role ?? NONE]));
  const profiles = train(kept.map(({ item }) => (item.profiles.length > 0 ? item.profiles : [NONE])));
  const signals = train(
    kept.map(({ item }) => {
      const critical = item.signals.filter(isCritical);
      return critical.length > 0 ? critical : [NONE];
    }),
  );
  return { role, profiles, signals };
}

/** The fast classifiers over trained networks (from trainNetworks(), in this thread or a worker's). */
export function modelsFromNetworks(networks: TrainedNetworks): TrainedModels {
  // One numbering for the features of all three networks.
  const spaceIndex = new Map<string, number>();
  for (const json of [networks.role, networks.profiles, networks.signals]) {
    for (const name of json.features ?? []) if (!spaceIndex.has(name)) spaceIndex.set(name, spaceIndex.size);
  }
  const space = new FeatureSpace([...spaceIndex.keys()]);

  const roleClasses: (Role | typeof NONE)[] = [...ROLES, NONE];
  const profileClasses: (ProfileId | typeof NONE)[] = [...PROFILE_IDS, NONE];
  const roleFast = new Perceptrons(networks.role, roleClasses, TRAINING_SETTINGS.alpha, space, spaceIndex);
  const profileFast = new Perceptrons(networks.profiles, profileClasses, TRAINING_SETTINGS.alpha, space, spaceIndex);
  const signalClasses: (CriticalSignalId | typeof NONE)[] = [...CRITICAL_SIGNALS, NONE];
  const signalFast = new Perceptrons(networks.signals, signalClasses, TRAINING_SETTINGS.alpha, space, spaceIndex);
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

/** Trains the role, profile and critical-signal classifiers in this thread; items of the test split must already be filtered out by the caller. */
export function trainModels(items: CorpusItem[]): TrainedModels {
  return modelsFromNetworks(trainNetworks(items));
}
