// Public door of the NLU: getAnalyser() trains once per process and returns the synchronous analyser.
import type { ProfileId, Role, SignalId } from '../ids.js';
import { CombinedAnalyser } from './analyser.js';
import { corpusSplit } from './corpus.js';
import { trainModels } from './model.js';
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

/** Trains on the train split only (the test split stays unseen for nlu:eval); memoised, no downloads, no files written. */
export function getAnalyser(): Promise<Analyser> {
  pending ??= Promise.resolve()
    .then((): Analyser => new CombinedAnalyser(getPrefilter(), trainModels(corpusSplit('train')), getLexicalDetector()))
    .catch((error: unknown) => {
      // A failed start must not poison every later call.
      pending = undefined;
      throw error;
    });
  return pending;
}
