// The analyser's networks as the build trained them (dist/bundle/networks.json): a start reads them instead of training again, but only when they were trained on exactly this train split with these settings.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusItem } from './corpus.js';
import { TRAINING_SETTINGS, trainNetworks, type TrainedNetworks } from './model.js';

/** Written by `npm run build` beside the bundle; the bundled worker and CLI look for it next to themselves. */
export const BUILT_NETWORKS_FILE = 'networks.json';

interface BuiltNetworksFile {
  /** trainingFingerprint() of what the networks were trained on. */
  fingerprint: string;
  networks: TrainedNetworks;
}

/**
 * Names what training depends on as data: the train split (texts and labels) and the settings. Training is
 * deterministic, so equal fingerprints mean equal networks; the training code itself only changes with a new build,
 * which writes the file again.
 */
export function trainingFingerprint(items: readonly CorpusItem[]): string {
  return createHash('sha256').update(JSON.stringify(TRAINING_SETTINGS)).update('\n').update(JSON.stringify(items)).digest('hex');
}

function isNetworksFile(value: unknown): value is BuiltNetworksFile {
  const v = value as Partial<BuiltNetworksFile> | null;
  return (
    !!v &&
    typeof v.fingerprint === 'string' &&
    !!v.networks &&
    (['role', 'profiles', 'signals'] as const).every((k) => Array.isArray((v.networks as unknown as Record<string, { perceptrons?: unknown }>)[k]?.perceptrons))
  );
}

/** The networks in `dir` when they were trained on `items`; undefined when there is no such file, or it is unreadable or for other data. */
export function readBuiltNetworks(items: readonly CorpusItem[], dir: string): TrainedNetworks | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(dir, BUILT_NETWORKS_FILE), 'utf8'));
  } catch {
    return undefined; // no file (running the sources) or a broken one: training costs time, not correctness
  }
  if (!isNetworksFile(parsed) || parsed.fingerprint !== trainingFingerprint(items)) return undefined;
  return parsed.networks;
}

/** The built networks when they fit `items`, else trained now. */
export function builtOrTrainedNetworks(items: CorpusItem[], dir: string): TrainedNetworks {
  return readBuiltNetworks(items, dir) ?? trainNetworks(items);
}

/** Trains on `items` and writes the file into `dir` (the build step); replaced whole, so a start never reads half a file. */
export function writeBuiltNetworks(items: CorpusItem[], dir: string): void {
  const file = path.join(dir, BUILT_NETWORKS_FILE);
  const content: BuiltNetworksFile = { fingerprint: trainingFingerprint(items), networks: trainNetworks(items) };
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, JSON.stringify(content));
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}
