// The ids of all questionnaires that have a data file, in the contract's order.
import { allQuestionnaires } from './loadQuestionnaires.js';
import { QUESTIONNAIRE_IDS, type QuestionnaireId } from './schema.js';

/** Loads (and so validates) the data on first call. */
export function questionnaireIds(): QuestionnaireId[] {
  const loaded = allQuestionnaires();
  return QUESTIONNAIRE_IDS.filter((id) => loaded.has(id));
}
