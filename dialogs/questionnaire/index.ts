// The questionnaire module's public door (bot-contract.md): the dialog, its options and outcome, and the assessment.
export { QUESTIONNAIRE_DIALOG, QuestionnaireDialog } from './questionnaireDialog.js';
export type { QuestionnaireId } from './schema.js';
export type { QuestionnaireOptions, AnswerValue, QuestionnaireOutcome, Assessment } from './types.js';
export { assessmentFrom } from './assessment.js';
export { questionnaireIds } from './questionnaireIds.js';
