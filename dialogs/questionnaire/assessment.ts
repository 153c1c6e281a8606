// Turns questionnaire answers into the scoring input, the score, red flags and profile evidence, keeping unknowns honest.
import { PROFILE_IDS, SIGNAL_IDS, type ProfileId, type RiskFactorId, type SignalId } from '../../src/ids.js';
import { frequencyToCount, score, type FrequencyCategory, type IncidentCounts, type ScoreInput } from '../../src/scoring/index.js';
import { getQuestionnaire } from './loadQuestionnaires.js';
import { applies } from './questionFlow.js';
import { DONT_KNOW, MULTI_JOIN, MULTI_NONE, SKIPPED, type Question, type Questionnaire } from './schema.js';
import type { Assessment, QuestionnaireOutcome } from './types.js';

type Section = 'partnerViolence' | 'childAbuse';
type Target = 'trauma.parent' | 'trauma.child' | 'unsafeAttachment' | 'childEmotionalInsecurity' | 'childWitness';

/** The highest count one frequency answer can give ("more than 20" = 25): the ceiling of an unknown act. */
const MAX_COUNT_PER_ACT = frequencyToCount('20+').count;

interface Tally {
  sum: number;
  unknownActs: number;
}

function isRealAnswer(answer: string | undefined): answer is string {
  return answer !== undefined && answer !== DONT_KNOW && answer !== SKIPPED;
}

function targetOf(q: Question): Target | undefined {
  if (q.trauma) return `trauma.${q.trauma}`;
  if (q.unsafeAttachment) return 'unsafeAttachment';
  if (q.childEmotionalInsecurity) return 'childEmotionalInsecurity';
  if (q.childWitness) return 'childWitness';
  return undefined;
}

/** yes -> true, no -> false; a choice option gives its `maps` (null: says nothing, e.g. "I have no children"). */
function booleanOf(q: Question, answer: string): boolean | null {
  if (q.kind === 'yesno') return answer === 'yes';
  return q.options?.find((o) => o.value === answer)?.maps ?? null;
}

function picksOf(answer: string): string[] {
  return answer === MULTI_NONE ? [] : answer.split(MULTI_JOIN);
}

function ruleMatches(q: Question, ruleAnswers: string[], answer: string): boolean {
  if (q.kind !== 'multi' || answer === MULTI_NONE) return ruleAnswers.includes(answer);
  return picksOf(answer).some((p) => ruleAnswers.includes(p));
}

/** Per questionnaire: a target is true at `cutoff` positives, false when even all unknowns could not reach it. */
function targetValue(pos: number, neg: number, unknown: number, cutoff: number): boolean | null | undefined {
  if (pos >= cutoff) return true;
  if (pos + neg + unknown === 0) return undefined; // not applicable: not assessed
  if (pos + unknown < cutoff) return neg > 0 ? false : undefined;
  return null;
}

/** Across questionnaires: any true wins; then any unknown; false only when every assessment said false. */
function combine(a: boolean | null | undefined, b: boolean | null | undefined): boolean | null | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}

/**
 * Counts with unknown acts: a count with an unknown act is left out, unless the level is settled anyway.
 * Unknown acts can only add incidents (0 to 25 each) and the level only rises with the counts, so when the
 * known acts alone and the known acts plus 25 per unknown act give the same level, that level is certain;
 * we then pass the known sums (lower bounds) so scoring returns it.
 */
function sectionCounts(section: Section, mild: Tally, severe: Tally): IncidentCounts {
  const level = (counts: IncidentCounts) => score({ [section]: counts })[section];
  const exact: IncidentCounts = {};
  if (mild.unknownActs === 0) exact.mildIncidents = mild.sum;
  if (severe.unknownActs === 0) exact.severeIncidents = severe.sum;
  if (level(exact) !== null) return exact;
  const low = { mildIncidents: mild.sum, severeIncidents: severe.sum };
  const high = { mildIncidents: mild.sum + mild.unknownActs * MAX_COUNT_PER_ACT, severeIncidents: severe.sum + severe.unknownActs * MAX_COUNT_PER_ACT };
  const settled = level(low);
  if (settled !== level(high)) return exact;
  // Pass as few lower bounds as needed: one severe act settles "severe" without the mild count.
  const candidates: IncidentCounts[] = [{ ...exact, severeIncidents: severe.sum }, { ...exact, mildIncidents: mild.sum }];
  return candidates.find((c) => level(c) === settled) ?? low;
}

export function assessmentFrom(outcomes: QuestionnaireOutcome[]): Assessment {
  // A questionnaire done twice counts once: the latest answers replace the earlier ones.
  const latest = new Map(outcomes.map((o) => [o.questionnaireId, o]));
  const tallies: Record<Section, { mild: Tally; severe: Tally; touched: boolean }> = {
    partnerViolence: { mild: { sum: 0, unknownActs: 0 }, severe: { sum: 0, unknownActs: 0 }, touched: false },
    childAbuse: { mild: { sum: 0, unknownActs: 0 }, severe: { sum: 0, unknownActs: 0 }, touched: false },
  };
  const targets = new Map<Target, boolean | null | undefined>();
  const riskFactors: Partial<Record<RiskFactorId, boolean>> = {};
  const signals = new Set<SignalId>();
  const profiles = new Map<ProfileId, { weight: number; keys: string[] }>();
  let answered = 0;

  for (const outcome of latest.values()) {
    const qn: Questionnaire = getQuestionnaire(outcome.questionnaireId);
    const perTarget = new Map<Target, { pos: number; neg: number; unknown: number }>();
    for (const q of qn.questions) {
      if (!applies(q, outcome.answers)) continue;
      const answer = outcome.answers[q.key];
      const real = isRealAnswer(answer);
      if (real) answered++;

      if (q.counts && q.severity) {
        const tally = tallies[q.counts];
        tally.touched = true;
        if (real) tally[q.severity].sum += frequencyToCount(answer as FrequencyCategory).count;
        else tally[q.severity].unknownActs++;
      }

      const target = targetOf(q);
      if (target) {
        const t = perTarget.get(target) ?? { pos: 0, neg: 0, unknown: 0 };
        if (!real) t.unknown++;
        else {
          const value = booleanOf(q, answer);
          if (value === true) t.pos++;
          else if (value === false) t.neg++;
        }
        perTarget.set(target, t);
      }

      if (q.riskFactor && real) {
        const value = booleanOf(q, answer);
        if (value !== null) riskFactors[q.riskFactor] = riskFactors[q.riskFactor] === true || value;
      }
      if (q.kind === 'multi' && real) {
        const picks = picksOf(answer);
        for (const option of q.options ?? []) {
          if (option.riskFactor) riskFactors[option.riskFactor] = riskFactors[option.riskFactor] === true || picks.includes(option.value);
        }
      }

      if (!real) continue;
      for (const rule of q.when ?? []) {
        if (!ruleMatches(q, rule.answers, answer)) continue;
        rule.signals?.forEach((s) => signals.add(s));
        const key = `q_${qn.id}:${q.key}.${rule.evidence ?? 'evidence'}`;
        for (const p of rule.profiles ?? []) {
          const entry = profiles.get(p.id) ?? { weight: 0, keys: [] };
          entry.weight += p.weight;
          if (!entry.keys.includes(key)) entry.keys.push(key);
          profiles.set(p.id, entry);
        }
      }
    }
    for (const [target, t] of perTarget) {
      targets.set(target, combine(targets.get(target), targetValue(t.pos, t.neg, t.unknown, qn.cutoffs?.[target] ?? 1)));
    }
  }

  const scoreInput: ScoreInput = {};
  for (const section of ['partnerViolence', 'childAbuse'] as const) {
    const t = tallies[section];
    if (t.touched) scoreInput[section] = sectionCounts(section, t.mild, t.severe);
  }
  const parent = targets.get('trauma.parent');
  const child = targets.get('trauma.child');
  if (parent !== undefined || child !== undefined) {
    scoreInput.trauma = {};
    if (parent !== undefined) scoreInput.trauma.parent = parent;
    if (child !== undefined) scoreInput.trauma.child = child;
  }
  const attachment = targets.get('unsafeAttachment');
  if (attachment !== undefined) scoreInput.unsafeAttachment = attachment;
  const insecurity = targets.get('childEmotionalInsecurity');
  if (insecurity !== undefined) scoreInput.childEmotionalInsecurity = insecurity;
  if (Object.keys(riskFactors).length) scoreInput.riskFactors = riskFactors;

  const profileEvidence = [...profiles.entries()]
    .sort((a, b) => b[1].weight - a[1].weight || PROFILE_IDS.indexOf(a[0]) - PROFILE_IDS.indexOf(b[0]))
    .map(([id, e]) => ({ id, evidenceKeys: e.keys }));

  return {
    scoreInput,
    score: score(scoreInput),
    redFlags: SIGNAL_IDS.filter((s) => signals.has(s)),
    profileEvidence,
    childWitness: targets.get('childWitness') ?? null,
    answered,
  };
}
