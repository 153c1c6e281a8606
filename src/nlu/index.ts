// Public door of the NLU: getAnalyser() trains once per process (or takes the networks a worker trained, see backgroundTraining.ts) and returns the synchronous analyser.
import type { ProfileId, Role, SignalId } from '../ids.js';
import { CombinedAnalyser } from './analyser.js';
import { takeBackgroundTraining } from './backgroundTraining.js';
import { getNgramModel } from './ngram/ngramModel.js';
import { modelsFromNetworks, type TrainedNetworks } from './model.js';
import { getLexicalDetector } from './safety/lexical.js';
import { getPrefilter } from './safety/prefilter.js';

export interface Analysis {
  signals: SignalId[];
  profiles: { id: ProfileId; score: number }[];
  role: Role | null;
}

export interface Analyser {
  analyse(text: string, lang?: 'nl' | 'en'): Analysis;
}

let pending: Promise<Analyser> | undefined;

/**
 * Trains on the train split only (the test split stays unseen for nlu:eval); memoised, no downloads, no files written.
 * Bundled, the networks the build trained on the same split are read instead of trained again (builtNetworks.ts).
 * When `serve` started training in a worker, its networks are used (the same training, so the same numbers);
 * if that worker failed, the networks are trained here instead.
 */
export function getAnalyser(): Promise<Analyser> {
  pending ??= build().catch((error: unknown) => {
    // A failed start must not poison every later call.
    pending = undefined;
    throw error;
  });
  return pending;
}

async function build(): Promise<Analyser> {
  const inWorker = takeBackgroundTraining();
  // The word-list detectors are built while a worker trains.
  const prefilter = getPrefilter();
  const lexical = getLexicalDetector();
  const networks: TrainedNetworks = (await inWorker) ?? (await trainHere());
  return new CombinedAnalyser(prefilter, modelsFromNetworks(networks), lexical, getNgramModel());
}

/**
 * Training in this thread (or the build's networks, bundled: see builtNetworks.ts). The corpus is loaded only then: with
 * a worker, this thread never parses it (tens of ms at start).
 */
async function trainHere(): Promise<TrainedNetworks> {
  const [{ corpusSplit }, { builtOrTrainedNetworks }] = await Promise.all([import('./corpus.js'), import('./builtNetworks.js')]);
  return builtOrTrainedNetworks(corpusSplit('train'), import.meta.dirname);
}
