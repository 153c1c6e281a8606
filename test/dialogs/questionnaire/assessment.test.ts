// assessmentFrom: exact sums of frequency answers, honest unknowns, red flags, profile evidence, and one full screening.
import { describe, expect, it } from 'vitest';
import { assessmentFrom, type QuestionnaireOutcome } from '../../../dialogs/questionnaire/index.js';
import { startQuestionnaire } from './harness.js';

const outcome = (questionnaireId: QuestionnaireOutcome['questionnaireId'], answers: Record<string, string>, stopped = false): QuestionnaireOutcome => ({
  questionnaireId,
  answers,
  completed: !stopped,
  stopped,
});

const PV_NONE = { shouting: 'never', push_grab: 'never', slap_throw: 'never', punch_kick: 'never', strangle: 'never', weapon: 'never', forced_sex: 'never', injury: 'never' };

describe('assessmentFrom: one complete partner_violence + children_at_home screening through the dialog', () => {
  it('gives the hand-computed ScoreInput and ScoreResult', async () => {
    const pv = await startQuestionnaire('partner_violence');
    const t = pv.session.t;
    // Buttons, an option number, a count and a synonym, as a user would mix them.
    for (const answer of [t('questionnaire:frequency.6-10'), '4', '1 keer', 'nooit', 'nooit', '1', '1', t('questionnaire:frequency.never')]) await pv.session.say(answer);
    const pvOutcome = pv.session.outcome();
    expect(pvOutcome).toEqual({
      questionnaireId: 'partner_violence',
      answers: { shouting: '6-10', push_grab: '3-5', slap_throw: 'once', punch_kick: 'never', strangle: 'never', weapon: 'never', forced_sex: 'never', injury: 'never' },
      completed: true,
      stopped: false,
    });

    const kids = await startQuestionnaire('children_at_home');
    for (const answer of ['ja', t('questionnaire:frequency.twice'), 'nooit', 'nooit', 'jep', t('q_children_at_home:react_outward.options.sometimes'), '3']) await kids.session.say(answer);
    const kidsOutcome = kids.session.outcome();
    expect(kidsOutcome?.answers).toEqual({
      children_live: 'yes',
      child_mild: 'twice',
      child_severe: 'never',
      child_neglect: 'never',
      witness: 'yes',
      react_outward: 'sometimes',
      react_inward: 'often',
    });

    const a = assessmentFrom([pvOutcome!, kidsOutcome!]);
    // Partner violence, mild acts: shouting 6-10 -> 8, push_grab 3-5 -> 4, slap_throw once -> 1: 8 + 4 + 1 = 13.
    //   Severe acts (punch_kick, strangle, weapon, forced_sex, injury) all never: 0.
    //   13 mild is 4..21 and no severe -> "mild".
    // Child abuse: child_mild twice -> 2, child_neglect never -> 0: mild 2; child_severe never: severe 0.
    //   1 or 2 mild, no severe -> "mild".
    // Emotional insecurity: react_outward sometimes -> false, react_inward often -> true; cutoff 1 -> true.
    // Child witness: yes -> true (and the child_witness red flag).
    // Trauma and attachment not asked -> unknown; so the group can be 5 (trauma), 4 (attachment) or 3 (insecurity):
    //   groupRange [3, 5], group null. No risk factors asked: count 0, cumulation unknown.
    // Profiles: shouting 6-10 points to family_stress (weight 1).
    // Answered: 8 + 7 = 15 real answers.
    expect(a.scoreInput).toEqual({
      partnerViolence: { mildIncidents: 13, severeIncidents: 0 },
      childAbuse: { mildIncidents: 2, severeIncidents: 0 },
      childEmotionalInsecurity: true,
    });
    expect(a.score).toEqual({
      partnerViolence: 'mild',
      childAbuse: 'mild',
      trauma: null,
      unsafeAttachment: null,
      childEmotionalInsecurity: true,
      riskFactorCount: 0,
      riskCumulation: null,
      group: null,
      groupRange: [3, 5],
      riskFactorsAssessed: 0,
    });
    expect(a.redFlags).toEqual(['child_witness']);
    expect(a.profileEvidence).toEqual([{ id: 'family_stress', evidenceKeys: ['q_partner_violence:shouting.evidence'] }]);
    expect(a.childWitness).toBe(true);
    expect(a.answered).toBe(15);
  });
});

describe('assessmentFrom with unknowns', () => {
  it('leaves the level null when an unknown act could still change it', () => {
    const a = assessmentFrom([outcome('partner_violence', { ...PV_NONE, shouting: 'dont_know' })]);
    // Known: 0 mild, 0 severe. The unknown shouting act could add 0 (none) up to 25 (severe): undecided.
    expect(a.scoreInput.partnerViolence).toEqual({ severeIncidents: 0 });
    expect(a.score.partnerViolence).toBeNull();
    expect(a.answered).toBe(7);
  });

  it('still gives the level when the known answers settle it', () => {
    // One severe act (strangle once) makes it severe whatever the skipped mild acts were.
    const severe = assessmentFrom([outcome('partner_violence', { ...PV_NONE, shouting: 'skipped', push_grab: 'dont_know', strangle: 'once' })]);
    expect(severe.scoreInput.partnerViolence).toEqual({ severeIncidents: 1 });
    expect(severe.score.partnerViolence).toBe('severe');
    expect(severe.redFlags).toEqual(['strangulation']);
    // More than 20 mild (25) is already severe even with an unknown mild act and an unknown severe act.
    const many = assessmentFrom([outcome('partner_violence', { ...PV_NONE, shouting: '20+', push_grab: 'dont_know', weapon: 'skipped' })]);
    expect(many.score.partnerViolence).toBe('severe');
  });

  it('counts questions not reached after "stop" as unknown', () => {
    const a = assessmentFrom([outcome('partner_violence', { shouting: 'never', push_grab: 'never' }, true)]);
    expect(a.scoreInput.partnerViolence).toEqual({});
    expect(a.score.partnerViolence).toBeNull();
  });

  it('does not assess the children when there are none, and leaves sections not asked out', () => {
    const a = assessmentFrom([outcome('children_at_home', { children_live: 'no' })]);
    expect(a.scoreInput).toEqual({});
    expect(a.score.childAbuse).toBeNull();
    expect(a.score.groupRange).toEqual([1, 5]);
    expect(a.childWitness).toBeNull();
  });

  it('trauma: two clear signs make it true (group 5); one unknown that cannot reach the cut-off still gives false', () => {
    const signs = assessmentFrom([outcome('trauma', { you_intrusions: 'often', you_jumpy: 'often', you_avoid: 'never', you_down: 'never', you_worry: 'never' })]);
    expect(signs.score.trauma).toBe(true);
    expect(signs.score.group).toBe(5);
    const none = assessmentFrom([
      outcome('trauma', {
        you_intrusions: 'never',
        you_jumpy: 'sometimes',
        you_avoid: 'dont_know',
        you_down: 'never',
        you_worry: 'never',
        child_fear: 'never',
        child_down: 'never',
        child_comfort: 'mostly',
      }),
    ]);
    // Parent: 0 clear signs + 1 unknown < cut-off 2 -> false. Child: no signs -> false. Attachment: comes for comfort -> false.
    expect(none.scoreInput).toMatchObject({ trauma: { parent: false, child: false }, unsafeAttachment: false });
    expect(none.score.groupRange).toEqual([1, 3]);
    const open = assessmentFrom([outcome('trauma', { you_intrusions: 'often', you_jumpy: 'dont_know' }, true)]);
    expect(open.scoreInput.trauma).toEqual({ parent: null, child: null });
    expect(open.score.groupRange).toEqual([1, 5]);
  });

  it('risk factors: yes/no, the parenting-stress cut-off and multi-picks; the rest stays unassessed', () => {
    const a = assessmentFrom([
      outcome('risk_factors', { money: 'yes', work: 'yes', drinks_self: 'no', drinks_partner: 'skipped', parenting_stress: 'sometimes', child_problems: 'dont_know', aces_self: 'hit+sexual', aces_home: 'none' }),
    ]);
    expect(a.scoreInput.riskFactors).toEqual({
      poverty: true,
      unemployment: true,
      risky_drinking_self: false,
      parenting_stress: false,
      ace_physical_abuse: true,
      ace_emotional_abuse: false,
      ace_sexual_abuse: true,
      ace_physical_neglect: false,
      ace_emotional_neglect: false,
      ace_violence_against_mother: false,
      ace_household_substance_abuse: false,
      ace_household_mental_illness: false,
      ace_parental_separation: false,
      ace_household_incarceration: false,
    });
    // 4 present, 2 not assessed (drinks_partner, youth_problem_behaviour): at most 6 >= 5, at least 4 < 5 -> unknown.
    expect(a.score.riskFactorCount).toBe(4);
    expect(a.score.riskCumulation).toBeNull();
    expect(a.profileEvidence).toEqual([{ id: 'family_stress', evidenceKeys: ['q_risk_factors:money.evidence', 'q_risk_factors:work.evidence'] }]);
  });

  it('sums profile weights across questionnaires, strongest first, and collects red flags once', () => {
    const a = assessmentFrom([
      outcome('coercive_control', { phone_checks: 'yes', who_you_see: 'yes', money: 'no', afraid: 'often' }),
      outcome('danger', { threat_kill: 'yes', strangle_ever: 'yes', substance: 'yes' }),
      outcome('perpetrator', { when_wrong: 'stress' }),
    ]);
    expect(a.redFlags).toEqual(['threat_to_kill', 'strangulation', 'coercive_control', 'substance_use']);
    // intimate_terror 2 + 2 + 3 + 2 + 2 = 11; family_stress 1 (substance) + 2 (stress) = 3.
    expect(a.profileEvidence).toEqual([
      {
        id: 'intimate_terror',
        evidenceKeys: [
          'q_coercive_control:phone_checks.evidence',
          'q_coercive_control:who_you_see.evidence',
          'q_coercive_control:afraid.evidence',
          'q_danger:threat_kill.evidence',
          'q_danger:strangle_ever.evidence',
        ],
      },
      { id: 'family_stress', evidenceKeys: ['q_danger:substance.evidence', 'q_perpetrator:when_wrong.evidence_stress'] },
    ]);
  });

  it('uses the latest outcome when a questionnaire was done twice', () => {
    const a = assessmentFrom([outcome('danger', { weapon: 'yes' }), outcome('danger', { weapon: 'no' })]);
    expect(a.redFlags).toEqual([]);
  });
});
