// The shapes the questionnaire engine exchanges with the main dialog (bot-contract.md).
import type { ProfileId, SignalId } from '../../src/ids.js';
import type { ScoreInput, ScoreResult } from '../../src/scoring/index.js';
import type { QuestionnaireId } from './schema.js';

/** Options passed to beginDialog. */
export interface QuestionnaireOptions {
  questionnaireId: QuestionnaireId;
  /** Children's mode: only the questions marked simple, simple texts. */
  simple: boolean;
}

/** The option value chosen, or 'dont_know' / 'skipped'; a multi-pick is the picked values joined with '+', or 'none'. */
export type AnswerValue = string;

/** What endDialog returns. */
export interface QuestionnaireOutcome {
  questionnaireId: QuestionnaireId;
  answers: Record<string, AnswerValue>;
  completed: boolean;
  stopped: boolean;
}

export interface Assessment {
  scoreInput: ScoreInput;
  score: ScoreResult;
  /** Signals found from answers (domain.md section 3), in id order. */
  redFlags: SignalId[];
  /** Strongest first; evidence keys are i18n keys ("q_coercive_control:phone_checks.evidence"). */
  profileEvidence: { id: ProfileId; evidenceKeys: string[] }[];
  childWitness: boolean | null;
  /** How many questions got a real answer (not dont_know / skipped). */
  answered: number;
}
