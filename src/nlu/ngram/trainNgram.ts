// `npm run nlu:train`: trains the n-gram model (critical signals, writer roles and profiles) on the corpus train split and writes ngramWeights.bin and
// ngramWeights.json next to this file. Run it after changing the corpus or the feature code: test/nlu/ngramModel.test.ts
// fails while the committed weights are stale (their fingerprint names what they were trained from).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CRITICAL_SIGNALS, PROFILE_IDS } from '../../ids.js';
import type { CorpusItem } from '../corpus.js';
import { normaliseWords } from '../normalise.js';
import { minimise } from './lbfgs.js';
import { ngramBuckets } from './ngramFeatures.js';
import { NGRAM_ROLES, WEIGHTS_FILE, type NgramMeta } from './ngramModel.js';

/**
 * Chosen on batches 73-76 before they were folded into the corpus (trained without them): 2^16 buckets scored as 2^19;
 * almost no regularisation (the letter pieces need their full weight on new wordings) and 300 iterations.
 */
export const NGRAM_TRAINING: NgramTraining = { bits: 16, l2: 3e-6, iterations: 300 };

export interface NgramTraining {
  bits: number;
  l2: number;
  iterations: number;
}

/** The files whose content decides what a trained weight means; a change to any of them makes the weights stale. */
const FEATURE_SOURCES = ['./ngramFeatures.ts', '../normalise.ts', '../lexicon/normalise.json'].map((rel) => new URL(rel, import.meta.url));

/** sha256 over the training messages, the settings and the feature code. */
export function ngramFingerprint(items: readonly CorpusItem[], settings: NgramTraining = NGRAM_TRAINING): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(settings));
  for (const file of FEATURE_SOURCES) hash.update(readFileSync(file));
  for (const item of items) hash.update(JSON.stringify([item.lang, item.text, item.signals.filter((s) => (CRITICAL_SIGNALS as readonly string[]).includes(s)), item.role, item.profiles]));
  return hash.digest('hex');
}

/** The messages as sparse rows: bucket lists and the 1/sqrt(n) value every bucket of a row carries. */
interface Rows {
  start: Int32Array;
  buckets: Int32Array;
  value: Float64Array;
}

function rowsOf(items: readonly CorpusItem[], bits: number): Rows {
  const lists = items.map((item) => ngramBuckets(normaliseWords(item.text), bits));
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const buckets = new Int32Array(start[lists.length]!);
  lists.forEach((list, i) => buckets.set(list, start[i]!));
  const value = Float64Array.from(lists, (list) => (list.length > 0 ? 1 / Math.sqrt(list.length) : 0));
  return { start, buckets, value };
}

/** Mean logistic loss plus l2/2 |w|^2 for weights x[0..size) and bias x[size]. */
function logisticObjective(rows: Rows, labels: Float64Array, size: number, l2: number) {
  const n = labels.length;
  return (x: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    const bias = x[size]!;
    for (let r = 0; r < n; r++) {
      let sum = 0;
      for (let k = rows.start[r]!; k < rows.start[r + 1]!; k++) sum += x[rows.buckets[k]!]!;
      const z = bias + rows.value[r]! * sum;
      const y = labels[r]!;
      // log(1 + e^z) - y z, computed without overflow.
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;
      const residual = (1 / (1 + Math.exp(-z)) - y) / n;
      const spread = residual * rows.value[r]!;
      for (let k = rows.start[r]!; k < rows.start[r + 1]!; k++) gradient[rows.buckets[k]!] += spread;
      gradient[size] += residual;
    }
    let norm = 0;
    for (let i = 0; i < size; i++) {
      norm += x[i]! * x[i]!;
      gradient[i] += l2 * x[i]!;
    }
    return loss / n + 0.5 * l2 * norm;
  };
}

export interface TrainedNgram {
  meta: NgramMeta;
  weights: Int16Array;
}

export function trainNgram(items: readonly CorpusItem[], settings: NgramTraining = NGRAM_TRAINING, log: (line: string) => void = () => undefined): TrainedNgram {
  const size = 1 << settings.bits;
  const rows = rowsOf(items, settings.bits);
  // One yes/no model per block: the critical signals, the roles ("none" for messages that show no writer), the profiles.
  const blocks: { name: string; label: (item: CorpusItem) => boolean }[] = [
    ...CRITICAL_SIGNALS.map((signal) => ({ name: signal, label: (item: CorpusItem) => item.signals.includes(signal) })),
    ...NGRAM_ROLES.map((role) => ({ name: `role ${role}`, label: (item: CorpusItem) => (item.role ?? 'none') === role })),
    ...PROFILE_IDS.map((profile) => ({ name: `profile ${profile}`, label: (item: CorpusItem) => item.profiles.includes(profile) })),
  ];
  const weights = new Int16Array(blocks.length * size);
  const scales: number[] = [];
  const biases: number[] = [];
  blocks.forEach(({ name, label }, s) => {
    const labels = Float64Array.from(items, (item) => (label(item) ? 1 : 0));
    const result = minimise(logisticObjective(rows, labels, size, settings.l2), new Float64Array(size + 1), { iterations: settings.iterations });
    log(`${name}: ${result.iterations} iterations, loss ${result.value.toFixed(5)}`);
    // int16 with one scale per signal: half the file of float32, and the rounding (1/32767 of the largest weight) changes no decision.
    let largest = 0;
    for (let i = 0; i < size; i++) largest = Math.max(largest, Math.abs(result.x[i]!));
    const scale = largest > 0 ? largest / 32767 : 1;
    for (let i = 0; i < size; i++) weights[s * size + i] = Math.round(result.x[i]! / scale);
    scales.push(scale);
    biases.push(result.x[size]!);
  });
  return {
    meta: {
      bits: settings.bits,
      signals: [...CRITICAL_SIGNALS],
      roles: [...NGRAM_ROLES],
      profiles: [...PROFILE_IDS],
      scales,
      biases,
      training: { l2: settings.l2, iterations: settings.iterations, messages: items.length },
      fingerprint: ngramFingerprint(items, settings),
    },
    weights,
  };
}

/** Little-endian int16, as readWeights() reads them. */
export function weightBytes(weights: Int16Array): Buffer {
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(weights[i]!, i * 2);
  return bytes;
}

async function main(): Promise<void> {
  const { corpusSplit } = await import('../corpus.js');
  const items = corpusSplit('train');
  const started = performance.now();
  const trained = trainNgram(items, NGRAM_TRAINING, (line) => process.stdout.write(`${line}\n`));
  writeFileSync(WEIGHTS_FILE, weightBytes(trained.weights));
  writeFileSync(new URL('./ngramWeights.json', import.meta.url), `${JSON.stringify(trained.meta, null, 1)}\n`);
  process.stdout.write(`trained on ${items.length} messages in ${((performance.now() - started) / 1000).toFixed(1)} s: ${fileURLToPath(WEIGHTS_FILE)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
