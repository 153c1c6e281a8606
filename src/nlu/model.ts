// Trains the nlp.js neural classifiers for role, profiles and critical signals from the corpus train split (in memory, no files written)
// and builds their fast forward pass; training and building are separate steps so training can run in a worker thread (trainWorker.ts).
import { NeuralNetwork, type Perceptron } from '@nlpjs/neural';
import { CRITICAL_SIGNALS, isCritical, PROFILE_IDS, ROLES, type CriticalSignalId, type ProfileId, type Role } from '../ids.js';
import type { CorpusItem } from './corpus.js';
import { featureDict, features, FeatureSpace, stemOf, type Lang } from './features.js';
import { normalise, normaliseWords } from './normalise.js';

/**
 * Messages a feature must occur in before the networks learn it. With ~1,600 training messages, features seen
 * only twice were mostly one writer's phrasing: 3 keeps the networks on recurring wording and halves the work.
 */
const MIN_FEATURE_COUNT = 3;

/** The label used for "no role" / "no profile" so the networks learn what ordinary talk looks like. */
export const NONE = 'none';

// Few iterations are enough on a corpus this size and keep start-up training short. On the held-out split 60 iterations
// scored as well as 150 (the loss is flat after that); with 9,500 messages 15, 20, 30 and 40 iterations all score within a
// point (role 85.2/84.9/85.1/85.1%, profile top 2 86.4/85.8/85.9/86.1%, critical recall 95.3-95.5%, false alarms 2.9%),
// so 20 keeps training at half the time of 40.
export const TRAINING_SETTINGS = { iterations: 20, errorThresh: 0.0005, deltaErrorThresh: 0.000001, learningRate: 0.6, momentum: 0.5, alpha: 0.07, log: false };

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
  /**
   * All three networks in one pass over the ids, without building objects: the same numbers as role(), profiles() and
   * signals(), per class in the order of ROLES, PROFILE_IDS and CRITICAL_SIGNALS with "none" last. The arrays are
   * reused by the next call.
   */
  all(ids: readonly number[]): AllScores;
}

/** all() for classifiers that only have the per-network methods (stand-ins in tests): their records by class index. */
export function allFromRecords(models: Pick<TrainedModels, 'role' | 'profiles' | 'signals'>, ids: readonly number[]): AllScores {
  const role = models.role(ids);
  const profiles = models.profiles(ids);
  const signals = models.signals(ids);
  return {
    role: Float64Array.from([...ROLES, NONE] as const, (c) => role[c]),
    profiles: Float64Array.from([...PROFILE_IDS, NONE] as const, (c) => profiles[c]),
    signals: Float64Array.from([...CRITICAL_SIGNALS, NONE] as const, (c) => signals[c]),
  };
}

/** Scores of the three networks by class index (see TrainedModels.all). */
export interface AllScores {
  role: Float64Array;
  profiles: Float64Array;
  signals: Float64Array;
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
    // All messages' keys in one typed array (message i's keys are flat[offsets[i]] up to flat[offsets[i + 1]]).
    const n = inputs.keys.length;
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + inputs.keys[i].length;
    const flat = new Int32Array(offsets[n]);
    for (let i = 0; i < n; i++) flat.set(inputs.keys[i], offsets[i]);
    const data: CompactData = { offsets, flat, expected: [] };
    for (let c = 0; c < outputs.names.length; c++) data.expected.push(new Uint8Array(n));
    for (let i = 0; i < n; i++) for (const at of outputs.keys[i]) data.expected[at][i] = 1;
    this.initialize(inputs.names.length, outputs.names);
    const status = { error: Infinity, deltaError: Infinity, iterations: 0 };
    const { iterations, errorThresh, deltaErrorThresh, learningRate } = this.settings;
    while (status.iterations < iterations && status.error > errorThresh && status.deltaError > deltaErrorThresh) {
      status.iterations += 1;
      this.decayLearningRate = learningRate / (1 + 0.001 * status.iterations);
      const lastError = status.error;
      status.error = 0;
      for (let i = 0; i < this.numPerceptrons; i += 1) status.error += this.trainCompact(this.perceptrons[i], data);
      status.error /= this.numPerceptrons * n;
      status.deltaError = Math.abs(status.error - lastError);
    }
  }

  /**
   * One epoch of nlp.js's trainPerceptron() for inputs that are all 1, over the messages in typed arrays; the same
   * operations in the same order (the bias is kept in a local and written back, which changes no arithmetic).
   */
  trainCompact(perceptron: Perceptron, data: CompactData): number {
    const { alpha, momentum } = this.settings;
    const { changes, weights } = perceptron;
    const { offsets, flat } = data;
    const expectedOf = data.expected[perceptron.id];
    const rate = this.decayLearningRate;
    const n = offsets.length - 1;
    let bias = perceptron.bias;
    let error = 0;
    for (let i = 0; i < n; i++) {
      const from = offsets[i];
      const to = offsets[i + 1];
      let sum = bias;
      for (let j = from; j < to; j++) sum += weights[flat[j]];
      const actual = sum <= 0 ? 0 : alpha * sum;
      const current = expectedOf[i] - actual;
      if (current) {
        error += current ** 2;
        const delta = (actual > 0 ? 1 : alpha) * current * rate;
        for (let j = from; j < to; j++) {
          const key = flat[j];
          const change = delta + momentum * changes[key];
          changes[key] = change;
          weights[key] += change;
        }
        bias += delta;
      }
    }
    perceptron.bias = bias;
    return error;
  }
}

/** The training messages in typed arrays: keys of message i are flat[offsets[i]] up to flat[offsets[i + 1]]; expected[class][i] is 0 or 1. */
interface CompactData {
  offsets: Int32Array;
  flat: Int32Array;
  expected: Uint8Array[];
}

/**
 * The weights of a trained nlp.js NeuralNetwork (one perceptron per class: bias plus the weights of the features
 * present, cut at zero, times alpha), read out of its toJSON() data into the shared feature numbering;
 * CombinedPerceptrons runs them.
 */
class Perceptrons {
  /** weights[feature * classes + class], in the numbering of the shared feature space. */
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;

  constructor(
    json: NetworkJson,
    readonly classes: string[],
    space: FeatureSpace,
    spaceIndex: Map<string, number>,
  ) {
    const names = json.features ?? [];
    const rows = json.perceptrons ?? [];
    const byIntent = new Map((json.intents ?? []).map((intent, i) => [intent, rows[i]] as const));
    const n = classes.length;
    this.weights = new Float32Array(space.size * n);
    this.bias = new Float64Array(n);
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

  readonly known: boolean[];

  /** Bias per class (read by CombinedPerceptrons). */
  get biases(): Float64Array {
    return this.bias;
  }

  /** Weight of a feature for a class (read by CombinedPerceptrons). */
  weight(feature: number, c: number): number {
    return this.weights[feature * this.classes.length + c];
  }

}

/**
 * Several Perceptrons read in one pass: their weights interleaved feature by feature (one feature's weights for every
 * class of every network side by side), so a message touches one row per feature instead of one per feature per network.
 * Each class's sum is its bias plus the weights of the features present, in the order of the ids (test/nlu/fastpaths checks
 * the scores against the library's own network).
 */
class CombinedPerceptrons {
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;
  private readonly sums: Float64Array;
  private readonly known: Uint8Array;
  private readonly width: number;
  private readonly outs: Float64Array[];
  private readonly offsets: number[];

  constructor(
    parts: readonly Perceptrons[],
    private readonly alpha: number,
    size: number,
  ) {
    this.offsets = [];
    let width = 0;
    for (const p of parts) {
      this.offsets.push(width);
      width += p.classes.length;
    }
    this.width = width;
    this.weights = new Float32Array(size * width);
    this.bias = new Float64Array(width);
    this.sums = new Float64Array(width);
    this.known = new Uint8Array(width);
    parts.forEach((p, pi) => {
      const n = p.classes.length;
      const at = this.offsets[pi];
      for (let c = 0; c < n; c++) {
        this.bias[at + c] = p.biases[c];
        this.known[at + c] = p.known[c] ? 1 : 0;
        for (let f = 0; f < size; f++) this.weights[f * width + at + c] = p.weight(f, c);
      }
    });
    this.outs = parts.map((p) => new Float64Array(p.classes.length));
  }

  /** Scores per network (reused arrays), in the order of each network's classes. */
  run(ids: readonly number[]): Float64Array[] {
    const width = this.width;
    const sums = this.sums;
    const weights = this.weights;
    for (let c = 0; c < width; c++) sums[c] = this.bias[c];
    for (let k = 0; k < ids.length; k++) {
      const base = ids[k] * width;
      for (let c = 0; c < width; c++) sums[c] += weights[base + c];
    }
    const outs = this.outs;
    for (let p = 0; p < outs.length; p++) {
      const out = outs[p];
      const at = this.offsets[p];
      for (let c = 0; c < out.length; c++) {
        const sum = sums[at + c];
        out[c] = this.known[at + c] === 0 || sum <= 0 ? 0 : clamp01(this.alpha * sum);
      }
    }
    return outs;
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

/** Numbers above this many distinct stems would not fit the pair keys of numberedTrainingFeatures (far beyond any corpus). */
const MAX_STEMS = 2 ** 21;

/**
 * trainingFeatures() followed by numberKeys(), with numbers instead of strings from the first word on: each distinct
 * word is stemmed once, a pair is a number made of its two stem numbers, and a feature becomes a string only when it is
 * numbered for the networks. Same features, same order, same numbering (checked against the string form in
 * test/nlu/model.test.ts); at start-up it is several times cheaper than building and hashing every pair's string per message.
 * Stems never contain "_" (words are a-z0-9), so a pair's name cannot be a stem's.
 * Returns the items that keep at least one feature and, per kept item, its keys numbered as numberKeys() does.
 */
function numberedTrainingFeatures(items: CorpusItem[]): { kept: CorpusItem[]; inputs: Numbered } {
  const stemNames: string[] = [];
  const stemNumber = new Map<string, number>();
  const wordStem: Record<Lang, Map<string, number>> = { nl: new Map(), en: new Map() };
  // Candidate features: a single stem (second = -1) or a pair of stems, in order of first appearance.
  const first: number[] = [];
  const second: number[] = [];
  const singleOf: number[] = [];
  const pairOf = new Map<number, number>();
  const lists: number[][] = [];
  let lastSeen = new Int32Array(1024);
  let count = new Int32Array(1024);
  const candidate = (a: number, b: number): number => {
    let at = b < 0 ? singleOf[a] : pairOf.get(a * MAX_STEMS + b);
    if (at === undefined) {
      at = first.length;
      first.push(a);
      second.push(b);
      if (b < 0) singleOf[a] = at;
      else pairOf.set(a * MAX_STEMS + b, at);
      if (at >= lastSeen.length) {
        const grownSeen = new Int32Array(lastSeen.length * 2);
        grownSeen.set(lastSeen);
        lastSeen = grownSeen;
        const grownCount = new Int32Array(count.length * 2);
        grownCount.set(count);
        count = grownCount;
      }
    }
    return at;
  };
  items.forEach((item, m) => {
    const stems = wordStem[item.lang];
    const stamp = m + 1;
    const list: number[] = [];
    let previous = -1;
    for (const word of normaliseWords(item.text)) {
      if (word === '' || word === ',') {
        previous = -1;
        continue;
      }
      let s = stems.get(word);
      if (s === undefined) {
        const stem = stemOf(word, item.lang);
        s = stemNumber.get(stem);
        if (s === undefined) {
          s = stemNames.length;
          if (s >= MAX_STEMS) throw new Error('too many distinct stems to number');
          stemNames.push(stem);
          stemNumber.set(stem, s);
        }
        stems.set(word, s);
      }
      const single = candidate(s, -1);
      if (lastSeen[single] !== stamp) {
        lastSeen[single] = stamp;
        list.push(single);
      }
      if (previous >= 0) {
        const pair = candidate(previous, s);
        if (lastSeen[pair] !== stamp) {
          lastSeen[pair] = stamp;
          list.push(pair);
        }
      }
      previous = s;
    }
    for (const f of list) count[f]++;
    lists.push(list);
  });
  const name = (f: number) => (second[f] < 0 ? stemNames[first[f]] : `${stemNames[first[f]]}_${stemNames[second[f]]}`);
  // Only single stems can be index-like keys ("12"), which JavaScript (and so nlp.js) lists first, in numeric order.
  const indexLike = first.map((a, f) => second[f] < 0 && isIndexKey(stemNames[a]));
  const number = new Int32Array(first.length).fill(-1);
  const names: string[] = [];
  const kept: CorpusItem[] = [];
  const keys: number[][] = [];
  lists.forEach((list, m) => {
    let known = list.filter((f) => count[f] >= MIN_FEATURE_COUNT);
    // A message without a known feature teaches nothing and is left out (as it always was).
    if (known.length === 0) return;
    if (known.some((f) => indexLike[f])) {
      known = [...known.filter((f) => indexLike[f]).sort((x, y) => Number(name(x)) - Number(name(y))), ...known.filter((f) => !indexLike[f])];
    }
    keys.push(
      known.map((f) => {
        if (number[f] < 0) {
          number[f] = names.length;
          names.push(name(f));
        }
        return number[f];
      }),
    );
    kept.push(items[m]);
  });
  return { kept, inputs: { names, keys } };
}

/**
 * Trains the role, profile and critical-signal networks and returns them as data; items of the test split must already
 * be filtered out by the caller. Pure CPU (most of a start-up, see backgroundTraining.ts), no I/O.
 */
export function trainNetworks(items: CorpusItem[]): TrainedNetworks {
  const numbered = numberedTrainingFeatures(items);
  const inputs = numbered.inputs;
  const kept = numbered.kept.map((item) => ({ item }));
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
  const signalClasses: (CriticalSignalId | typeof NONE)[] = [...CRITICAL_SIGNALS, NONE];
  const combined = new CombinedPerceptrons(
    [
      new Perceptrons(networks.role, roleClasses, space, spaceIndex),
      new Perceptrons(networks.profiles, profileClasses, space, spaceIndex),
      new Perceptrons(networks.signals, signalClasses, space, spaceIndex),
    ],
    TRAINING_SETTINGS.alpha,
    space.size,
  );
  const all = (ids: readonly number[]): AllScores => {
    const [role, profiles, signals] = combined.run(ids);
    return { role, profiles, signals };
  };
  return {
    space,
    all,
    role: (ids) => byClass(roleClasses, all(ids).role),
    profiles: (ids) => byClass(profileClasses, all(ids).profiles),
    signals: (ids) => byClass(signalClasses, all(ids).signals),
  };
}

/** One network's scores as a record by class name (the per-network methods of TrainedModels). */
function byClass<K extends string>(classes: readonly K[], scores: Float64Array): Record<K, number> {
  const out = {} as Record<K, number>;
  for (let i = 0; i < classes.length; i++) out[classes[i]] = scores[i];
  return out;
}

/** Trains the role, profile and critical-signal classifiers in this thread; items of the test split must already be filtered out by the caller. */
export function trainModels(items: CorpusItem[]): TrainedModels {
  return modelsFromNetworks(trainNetworks(items));
}
