// The shape of the free-text analyser the bot needs (src/nlu implements it); kept here so the bot does not load the model.
import type { ProfileId, Role, SignalId } from '../ids.js';
import type { Language } from './i18n.js';

export interface Analysis {
  signals: SignalId[];
  profiles: { id: ProfileId; score: number }[];
  role: Role | null;
}

export interface Analyser {
  analyse(text: string, lang?: Language): Analysis;
}
