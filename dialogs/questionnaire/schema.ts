// The zod schema of a questionnaire data file (dialogs/questionnaires/<id>.json): questions and what each answer means.
import { z } from 'zod';
import { FREQUENCY_CATEGORIES } from '../../src/scoring/index.js';
import { ProfileIdSchema, RiskFactorIdSchema, RoleSchema, SignalIdSchema } from '../../src/ids.js';

export const QUESTIONNAIRE_IDS = [
  'partner_violence',
  'coercive_control',
  'children_at_home',
  'risk_factors',
  'trauma',
  'danger',
  'perpetrator',
  'young_person',
  'bystander',
] as const;
export const QuestionnaireIdSchema = z.enum(QUESTIONNAIRE_IDS);
export type QuestionnaireId = z.infer<typeof QuestionnaireIdSchema>;

/** Answers of a yes/no question. */
export const YESNO_VALUES = ['yes', 'no'] as const;
/** A multi-pick answer is the picked values joined with this, in option order; nothing picked is MULTI_NONE. */
export const MULTI_JOIN = '+';
export const MULTI_NONE = 'none';
/** Answers that are not a real answer: honest unknowns, never counted as "no". */
export const DONT_KNOW = 'dont_know';
export const SKIPPED = 'skipped';

/** Keys and option values double as i18n key parts, so they stay plain snake_case. */
const KeySchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lowercase letters, digits and _ only');

const ChoiceOptionSchema = z.strictObject({
  value: KeySchema,
  /** What this option gives the question's yes/no target (riskFactor, trauma, ...); null = says nothing about it. */
  maps: z.boolean().nullable().optional(),
  /** Multi-pick only: picking this option makes the risk factor true, leaving it unpicked makes it false. */
  riskFactor: RiskFactorIdSchema.optional(),
});

/** A profile an answer points to; weights of all answers are summed per profile (1 = weak hint, 3 = strong sign). */
const ProfileWeightSchema = z.strictObject({ id: ProfileIdSchema, weight: z.number().positive().max(5) });

/** Given answers raise signals (red flags) and point to profiles; the question's `evidence` text says why. */
const RuleSchema = z.strictObject({
  answers: z.array(z.string().min(1)).min(1),
  signals: z.array(SignalIdSchema).optional(),
  profiles: z.array(ProfileWeightSchema).optional(),
  /** Which evidence text of the question says why (`<key>.<evidence>` in q_<id>.json); default "evidence". */
  evidence: z.string().regex(/^evidence(_[a-z0-9]+)*$/, 'an evidence key starts with "evidence"').optional(),
});

/** Ask this question only when an earlier question got one of these answers. */
const AskIfSchema = z.strictObject({ question: KeySchema, answers: z.array(z.string().min(1)).min(1) });

export const QuestionSchema = z
  .strictObject({
    key: KeySchema,
    kind: z.enum(['choice', 'frequency', 'yesno', 'multi']),
    options: z.array(ChoiceOptionSchema).min(2).max(8).optional(),
    /** Asked in simple (children's) mode too. */
    simple: z.boolean(),
    askIf: AskIfSchema.optional(),
    /** Frequency answers are turned into incident counts and summed into this section. */
    counts: z.enum(['partnerViolence', 'childAbuse']).optional(),
    severity: z.enum(['mild', 'severe']).optional(),
    /** The concrete act asked about (documentation and tests; not shown). */
    act: KeySchema.optional(),
    /** yes/no targets: yes (or an option with maps=true) -> true, no -> false, dont_know/skipped -> not assessed. */
    riskFactor: RiskFactorIdSchema.optional(),
    trauma: z.enum(['parent', 'child']).optional(),
    unsafeAttachment: z.literal(true).optional(),
    childEmotionalInsecurity: z.literal(true).optional(),
    childWitness: z.literal(true).optional(),
    when: z.array(RuleSchema).optional(),
  })
  .superRefine((q, ctx) => {
    const values = answerValues(q);
    const hasOptions = q.kind === 'choice' || q.kind === 'multi';
    if (hasOptions && !q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${q.kind} question needs options` });
    if (!hasOptions && q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${q.kind} question has fixed answers, no options` });
    if (q.kind !== 'multi' && q.options?.some((o) => o.riskFactor !== undefined))
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a multi question has a risk factor per option' });
    if (q.options?.some((o) => o.value === MULTI_NONE))
      ctx.addIssue({ code: 'custom', path: ['options'], message: `"${MULTI_NONE}" is reserved` });
    if (q.options) {
      const seen = new Set<string>();
      q.options.forEach((o, i) => {
        if (seen.has(o.value)) ctx.addIssue({ code: 'custom', path: ['options', i, 'value'], message: `duplicate option ${o.value}` });
        seen.add(o.value);
      });
    }
    if ((q.counts === undefined) !== (q.severity === undefined))
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'counts and severity go together' });
    if (q.counts && q.kind !== 'frequency') ctx.addIssue({ code: 'custom', path: ['counts'], message: 'only a frequency question can count incidents' });
    const targets = [q.riskFactor, q.trauma, q.unsafeAttachment, q.childEmotionalInsecurity, q.childWitness].filter((t) => t !== undefined);
    if (targets.length > 1) ctx.addIssue({ code: 'custom', path: [], message: 'a question has at most one yes/no target' });
    if (targets.length === 1 && (q.kind === 'frequency' || q.kind === 'multi'))
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'a yes/no target needs a yesno or choice question' });
    if (targets.length === 1 && q.kind === 'choice' && q.options?.some((o) => o.maps === undefined))
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'every option of a choice question with a target needs maps' });
    q.when?.forEach((rule, i) =>
      rule.answers.forEach((a, j) => {
        if (!values.includes(a)) ctx.addIssue({ code: 'custom', path: ['when', i, 'answers', j], message: `"${a}" is not an answer of this question` });
      }),
    );
  });
export type Question = z.infer<typeof QuestionSchema>;

export const QuestionnaireSchema = z
  .strictObject({
    id: QuestionnaireIdSchema,
    /** Who this questionnaire suits. */
    roles: z.array(RoleSchema).min(1),
    /**
     * How many of a target's questions must be positive before the target is true (default 1),
     * e.g. { "trauma.parent": 2 }: signs of trauma only when at least two signs are clearly there.
     */
    cutoffs: z.partialRecord(z.enum(['trauma.parent', 'trauma.child', 'unsafeAttachment', 'childEmotionalInsecurity', 'childWitness']), z.number().int().min(1)).optional(),
    questions: z.array(QuestionSchema).min(1).max(10),
  })
  .superRefine((qn, ctx) => {
    const index = new Map<string, number>();
    qn.questions.forEach((q, i) => {
      if (index.has(q.key)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'key'], message: `duplicate key ${q.key}` });
      index.set(q.key, i);
    });
    qn.questions.forEach((q, i) => {
      if (!q.askIf) return;
      const at = index.get(q.askIf.question);
      if (at === undefined || at >= i) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'askIf', 'question'], message: `${q.askIf.question} is not an earlier question` });
        return;
      }
      const earlier = qn.questions[at];
      if (q.simple && !earlier.simple)
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'askIf', 'question'], message: `${earlier.key} is not asked in simple mode` });
      q.askIf.answers.forEach((a, j) => {
        if (!answerValues(earlier).includes(a))
          ctx.addIssue({ code: 'custom', path: ['questions', i, 'askIf', 'answers', j], message: `"${a}" is not an answer of ${earlier.key}` });
      });
    });
  });
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;

/** The real answers a question accepts, in the order the buttons show them (multi: each single pick, and none). */
export function answerValues(q: Pick<Question, 'kind' | 'options'>): string[] {
  if (q.kind === 'yesno') return [...YESNO_VALUES];
  if (q.kind === 'frequency') return [...FREQUENCY_CATEGORIES];
  const values = (q.options ?? []).map((o) => o.value);
  return q.kind === 'multi' ? [...values, MULTI_NONE] : values;
}
