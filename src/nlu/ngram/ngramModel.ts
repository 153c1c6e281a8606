// The critical-signal n-gram model at run time: one logistic regression per critical signal over hashed word, word-pair
// and letter-piece features, its weights read from ngramWeights.bin (written by `npm run nlu:train`, see trainNgram.ts).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CRITICAL_SIGNALS, type CriticalSignalId } from '../../ids.js';
import rawMeta from './ngramWeights.json' with { type: 'json' };
import { ngramBuckets } from './ngramFeatures.js';

export const NgramMetaSchema = z.strictObject({
  /** Feature buckets are 2^bits. */
  bits: z.number().int().min(8).max(24),
  /** The signals in the order of the weight blocks in the .bin file. */
  signals: z.array(z.enum(CRITICAL_SIGNALS)),
  /** Weight = stored int16 x scale, per signal. */
  scales: z.array(z.number().positive()),
  biases: z.array(z.number()),
  /** How the weights were trained; part of the fingerprint. */
  training: z.strictObject({ l2: z.number().min(0), iterations: z.number().int().min(1), messages: z.number().int().min(0) }),
  /** sha256 of what the weights were trained from (train split, feature code, settings): a test fails when it is stale. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type NgramMeta = z.infer<typeof NgramMetaSchema>;

export const WEIGHTS_FILE = new URL('./ngramWeights.bin', import.meta.url);

export class NgramSignalModel {
  private readonly size: number;
  private readonly scores: Float64Array;

  constructor(
    private readonly meta: NgramMeta,
    private readonly weights: Int16Array,
  ) {
    this.size = 1 << meta.bits;
    if (meta.signals.length !== CRITICAL_SIGNALS.length || meta.signals.some((s, i) => s !== CRITICAL_SIGNALS[i])) {
      throw new Error('ngramWeights.json: signals must be the critical signals in their fixed order');
    }
    if (meta.scales.length !== meta.signals.length || meta.biases.length !== meta.signals.length) {
      throw new Error('ngramWeights.json: one scale and one bias per signal expected');
    }
    if (weights.length !== meta.signals.length * this.size) {
      throw new Error(`ngramWeights.bin: ${weights.length} weights, expected ${meta.signals.length * this.size} (${meta.signals.length} signals x 2^${meta.bits})`);
    }
    this.scores = new Float64Array(meta.signals.length);
  }

  /** Probability of each critical signal (CRITICAL_SIGNALS order) for a message as its normalised words; the array is reused by the next call. */
  probabilities(words: readonly string[]): Float64Array {
    const buckets = ngramBuckets(words, this.meta.bits);
    const value = buckets.length > 0 ? 1 / Math.sqrt(buckets.length) : 0;
    for (let s = 0; s < this.meta.signals.length; s++) {
      const offset = s * this.size;
      let sum = 0;
      for (let i = 0; i < buckets.length; i++) sum += this.weights[offset + buckets[i]!]!;
      const z = this.meta.biases[s]! + value * this.meta.scales[s]! * sum;
      this.scores[s] = 1 / (1 + Math.exp(-z));
    }
    return this.scores;
  }

  /** The signals scoring at least `minimum`. */
  signals(words: readonly string[], minimum: number): CriticalSignalId[] {
    const p = this.probabilities(words);
    const out: CriticalSignalId[] = [];
    for (let s = 0; s < p.length; s++) if (p[s]! >= minimum) out.push(CRITICAL_SIGNALS[s]!);
    return out;
  }
}

/** Reads int16 weights written little-endian, whatever the machine's byte order. */
export function readWeights(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(bytes.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

let loaded: NgramSignalModel | undefined;

/** The model of the committed weights, read once per process. */
export function getNgramModel(): NgramSignalModel {
  loaded ??= new NgramSignalModel(NgramMetaSchema.parse(rawMeta), readWeights(readFileSync(WEIGHTS_FILE)));
  return loaded;
}
