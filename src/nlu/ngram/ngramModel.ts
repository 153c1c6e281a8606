// The n-gram model at run time: one logistic regression per critical signal, writer role and profile over hashed word,
// word-pair and letter-piece features, its weights read from ngramWeights.bin (written by `npm run nlu:train`, see trainNgram.ts).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CRITICAL_SIGNALS, PROFILE_IDS, ROLES } from '../../ids.js';
import rawMeta from './ngramWeights.json' with { type: 'json' };
import { ngramBuckets } from './ngramFeatures.js';

export const NgramMetaSchema = z.strictObject({
  /** Feature buckets are 2^bits. At most 2^16: then even a sum over every bucket (65,536 x 32,767) fits the int32 sums of read(). */
  bits: z.number().int().min(8).max(16),
  /** The signals in the order of the first weight blocks in the .bin file. */
  signals: z.array(z.enum(CRITICAL_SIGNALS)),
  /** The writer roles ("none": no role shows) in the order of the weight blocks after the signals'. */
  roles: z.array(z.enum([...ROLES, 'none'])),
  /** The profiles in the order of the last weight blocks. */
  profiles: z.array(z.enum(PROFILE_IDS)),
  /** Weight = stored int16 x scale, per block (signals, roles, then profiles). */
  scales: z.array(z.number().positive()),
  biases: z.array(z.number()),
  /** How the weights were trained; part of the fingerprint. */
  training: z.strictObject({ l2: z.number().min(0), iterations: z.number().int().min(1), messages: z.number().int().min(0) }),
  /** sha256 of what the weights were trained from (train split, feature code, settings): a test fails when it is stale. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type NgramMeta = z.infer<typeof NgramMetaSchema>;

export const WEIGHTS_FILE = new URL('./ngramWeights.bin', import.meta.url);

/** The roles the model reads, in block order: ROLES, then "none". */
export const NGRAM_ROLES = [...ROLES, 'none'] as const;

/** One reading of a message; the arrays are reused by the next read. */
export interface NgramReading {
  /** Probability per critical signal, CRITICAL_SIGNALS order. */
  signals: Float64Array;
  /** Probability per role, NGRAM_ROLES order (each its own yes/no model, so they need not sum to 1). */
  roles: Float64Array;
  /** Probability per profile, PROFILE_IDS order. */
  profiles: Float64Array;
}

export class NgramModel {
  private readonly size: number;
  private readonly blocks: number;
  private readonly reading: NgramReading;
  private readonly byBucket: Int16Array;
  /** Integer sums: the int16 weights of a message's buckets add up exactly, and integer adds are the cheapest. */
  private readonly sums: Int32Array;

  constructor(
    private readonly meta: NgramMeta,
    private readonly weights: Int16Array,
  ) {
    this.size = 1 << meta.bits;
    if (meta.signals.length !== CRITICAL_SIGNALS.length || meta.signals.some((s, i) => s !== CRITICAL_SIGNALS[i])) {
      throw new Error('ngramWeights.json: signals must be the critical signals in their fixed order');
    }
    if (meta.roles.length !== NGRAM_ROLES.length || meta.roles.some((r, i) => r !== NGRAM_ROLES[i])) {
      throw new Error(`ngramWeights.json: roles must be ${NGRAM_ROLES.join(', ')} in this order`);
    }
    if (meta.profiles.length !== PROFILE_IDS.length || meta.profiles.some((p, i) => p !== PROFILE_IDS[i])) {
      throw new Error('ngramWeights.json: profiles must be the profile ids in their fixed order');
    }
    this.blocks = meta.signals.length + meta.roles.length + meta.profiles.length;
    if (meta.scales.length !== this.blocks || meta.biases.length !== this.blocks) {
      throw new Error('ngramWeights.json: one scale and one bias per signal, role and profile expected');
    }
    if (weights.length !== this.blocks * this.size) {
      throw new Error(`ngramWeights.bin: ${weights.length} weights, expected ${this.blocks * this.size} (${this.blocks} signals, roles and profiles x 2^${meta.bits})`);
    }
    this.reading = { signals: new Float64Array(meta.signals.length), roles: new Float64Array(meta.roles.length), profiles: new Float64Array(meta.profiles.length) };
    // Bucket-major copy, each bucket's weights for all blocks side by side: a message reads one short run of memory per
    // bucket instead of one scattered value per block (the file keeps one block after the other).
    this.byBucket = new Int16Array(weights.length);
    for (let block = 0; block < this.blocks; block++) {
      for (let bucket = 0; bucket < this.size; bucket++) this.byBucket[bucket * this.blocks + block] = weights[block * this.size + bucket]!;
    }
    this.sums = new Int32Array(this.blocks);
  }

  /** Signals and roles of a message given as its normalised words, in one pass over its features. */
  read(words: readonly string[]): NgramReading {
    const buckets = ngramBuckets(words, this.meta.bits);
    const value = buckets.length > 0 ? 1 / Math.sqrt(buckets.length) : 0;
    const blocks = this.blocks;
    const sums = this.sums.fill(0);
    const weights = this.byBucket;
    for (let i = 0; i < buckets.length; i++) {
      const base = buckets[i]! * blocks;
      for (let block = 0; block < blocks; block++) sums[block] = (sums[block]! + weights[base + block]!) | 0;
    }
    const signals = this.meta.signals.length;
    const roles = signals + this.meta.roles.length;
    for (let block = 0; block < blocks; block++) {
      const z = this.meta.biases[block]! + value * this.meta.scales[block]! * sums[block]!;
      const p = 1 / (1 + Math.exp(-z));
      if (block < signals) this.reading.signals[block] = p;
      else if (block < roles) this.reading.roles[block - signals] = p;
      else this.reading.profiles[block - roles] = p;
    }
    return this.reading;
  }
}

/** Reads int16 weights written little-endian, whatever the machine's byte order. */
export function readWeights(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(bytes.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

let loaded: NgramModel | undefined;

/** The model of the committed weights, read once per process. */
export function getNgramModel(): NgramModel {
  loaded ??= new NgramModel(NgramMetaSchema.parse(rawMeta), readWeights(readFileSync(WEIGHTS_FILE)));
  return loaded;
}
