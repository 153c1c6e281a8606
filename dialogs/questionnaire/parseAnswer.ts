// Reads what the user typed or tapped for one question: a button label, an option number, a locale synonym or a count.
import type { Translate } from '../../src/bot/i18n.js';
import { answerValues, MULTI_JOIN, MULTI_NONE, type Question, type QuestionnaireId } from './schema.js';

export const CONTROLS = ['dont_know', 'skip', 'back', 'stop_questions'] as const;
export type Control = (typeof CONTROLS)[number];

export type ParsedAnswer =
  | { type: 'answer'; value: string }
  | { type: 'control'; control: Control }
  /** Multi-pick: a tapped option toggles it; the question stays open until "done". */
  | { type: 'toggle'; value: string }
  | { type: 'done' }
  | { type: 'unknown' };

export interface Choice {
  value: string;
  label: string;
}

/** Option values that have a synonym list in questionnaire.json (`synonyms.<value>`). */
const SYNONYM_VALUES = ['yes', 'no', 'never'] as const;

/** Lower case, no accents, punctuation to spaces (keeps "?" so a lone "?" can mean "don't know"). */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}?]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function synonyms(t: Translate, name: string): string[] {
  return t(`questionnaire:synonyms.${name}`)
    .split(',')
    .map(normalise)
    .filter(Boolean);
}

/** The answer buttons of a question, in order (their position is the number a user may type). */
export function answerChoices(q: Question, questionnaireId: QuestionnaireId, t: Translate): Choice[] {
  return answerValues(q)
    .filter((value) => value !== MULTI_NONE)
    .map((value) => ({ value, label: t(labelKey(q, questionnaireId, value)) }));
}

function labelKey(q: Question, questionnaireId: QuestionnaireId, value: string): string {
  if (q.kind === 'yesno') return `questionnaire:yesno.${value}`;
  if (q.kind === 'frequency') return `questionnaire:frequency.${value}`;
  return `q_${questionnaireId}:${q.key}.options.${value}`;
}

/** "4 keer" / "4x" / "4 times" -> the frequency band it falls in (CTS bands). */
function countToFrequency(count: number): string {
  if (count <= 0) return 'never';
  if (count === 1) return 'once';
  if (count === 2) return 'twice';
  if (count <= 5) return '3-5';
  if (count <= 10) return '6-10';
  if (count <= 20) return '11-20';
  return '20+';
}

export function parseAnswer(text: string, q: Question, questionnaireId: QuestionnaireId, t: Translate): ParsedAnswer {
  const said = normalise(text);
  if (!said) return { type: 'unknown' };
  for (const control of CONTROLS) {
    if (said === normalise(t(`questionnaire:buttons.${control}`)) || synonyms(t, control).includes(said)) return { type: 'control', control };
  }
  const choices = answerChoices(q, questionnaireId, t);
  const byLabel = new Map(choices.map((c) => [normalise(c.label), c.value]));

  if (q.kind === 'multi') {
    if (said === normalise(t('questionnaire:buttons.done')) || synonyms(t, 'done').includes(said)) return { type: 'done' };
    if (said === normalise(t('questionnaire:buttons.none')) || synonyms(t, 'none').includes(said)) return { type: 'answer', value: MULTI_NONE };
    const tapped = byLabel.get(said);
    if (tapped) return { type: 'toggle', value: tapped };
    // Typed numbers ("1 en 3", "2, 4") are a complete answer: the user listed everything at once.
    const parts = said.split(/ (?:en|and|of|or) | /).filter(Boolean);
    if (parts.length && parts.every((p) => /^\d+$/.test(p))) {
      const picked = new Set(parts.map((p) => Number(p)));
      if ([...picked].every((n) => n >= 1 && n <= choices.length)) {
        return { type: 'answer', value: choices.filter((_, i) => picked.has(i + 1)).map((c) => c.value).join(MULTI_JOIN) };
      }
    }
    return { type: 'unknown' };
  }

  if (/^\d+$/.test(said)) {
    const n = Number(said);
    return n >= 1 && n <= choices.length ? { type: 'answer', value: choices[n - 1].value } : { type: 'unknown' };
  }
  const labelled = byLabel.get(said);
  if (labelled) return { type: 'answer', value: labelled };
  for (const value of SYNONYM_VALUES) {
    if (choices.some((c) => c.value === value) && synonyms(t, value).includes(said)) return { type: 'answer', value };
  }
  if (q.kind === 'frequency') {
    const times = synonyms(t, 'times');
    const m = /^(\d+) ?(\p{L}+)$/u.exec(said);
    if (m && times.includes(m[2])) return { type: 'answer', value: countToFrequency(Number(m[1])) };
  }
  return { type: 'unknown' };
}
