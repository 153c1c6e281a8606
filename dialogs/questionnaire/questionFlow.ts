// Which question comes next and how far along the user is, from the answers so far (pure, no bot state).
import type { Question, Questionnaire } from './schema.js';
import type { AnswerValue } from './types.js';

/** The questions of this mode, in file order: simple mode asks only those marked simple. */
export function questionsInMode(qn: Questionnaire, simple: boolean): Question[] {
  return qn.questions.filter((q) => !simple || q.simple);
}

/**
 * Whether a question still applies. A question with askIf applies while its gate question is unanswered
 * (it may still come) and when the gate got one of the listed answers; dont_know or skipped on the gate
 * rules it out, because we cannot ask about children we do not know are there.
 */
export function applies(q: Question, answers: Readonly<Record<string, AnswerValue>>): boolean {
  if (!q.askIf) return true;
  const gate = answers[q.askIf.question];
  return gate === undefined || q.askIf.answers.includes(gate);
}

/** The first question of this mode that applies and has no answer yet, or undefined when done. */
export function nextQuestion(qn: Questionnaire, simple: boolean, answers: Readonly<Record<string, AnswerValue>>): Question | undefined {
  return questionsInMode(qn, simple).find((q) => applies(q, answers) && answers[q.key] === undefined);
}

/** "Question n of total": total counts only the questions of this mode that (still) apply. */
export function progress(qn: Questionnaire, simple: boolean, answers: Readonly<Record<string, AnswerValue>>): { n: number; total: number } {
  const live = questionsInMode(qn, simple).filter((q) => applies(q, answers));
  const done = live.filter((q) => answers[q.key] !== undefined).length;
  return { n: Math.min(done + 1, live.length), total: live.length };
}
