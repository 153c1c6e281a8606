// The result in words: levels, profiles with their evidence, the group as an indication, red flags, advice; never joint help with control or fear.
import { describe, expect, it } from 'vitest';
import { assessmentSummary, jointHelpUnsafe, resultParts } from '../../dialogs/resultText.js';
import type { Assessment } from '../../dialogs/questionnaire/index.js';
import { newConversationData } from '../../src/bot/conversationData.js';
import { translator } from '../../src/bot/i18n.js';

const t = translator('nl', false);

const assessment: Assessment = {
  scoreInput: { partnerViolence: { mildIncidents: 2, severeIncidents: 1 } },
  score: {
    partnerViolence: 'severe',
    childAbuse: null,
    trauma: null,
    unsafeAttachment: null,
    childEmotionalInsecurity: null,
    riskFactorCount: 0,
    riskCumulation: null,
    group: null,
    groupRange: [1, 5],
  } as Assessment['score'],
  redFlags: ['strangulation', 'separation'],
  profileEvidence: [{ id: 'intimate_terror', evidenceKeys: ['q_coercive_control:phone_checks.evidence'] }],
  childWitness: null,
  answered: 9,
};

describe('resultParts', () => {
  const data = { ...newConversationData(), role: 'victim' as const };
  const text = resultParts(t, assessment, data).join('\n\n');

  it('names the violence level and the profile with the answer that points there', () => {
    expect(text).toContain(t('result:violence.partner.severe'));
    expect(text).toContain(t('result:profile.intimate_terror'));
    expect(text).toContain(`- ${t('q_coercive_control:phone_checks.evidence')}`);
  });

  it('lists red flags, warns about separation and never suggests joint help with control', () => {
    expect(text).toContain(t('result:red_flags.strangulation'));
    expect(text).toContain(t('result:advice.separation'));
    expect(text).toContain(t('result:advice.no_joint_help'));
    expect(text).toContain(t('result:not_a_diagnosis'));
  });

  it('a young person never reads that a child\'s behaviour is the trouble; a parent does', () => {
    const hints = { ...newConversationData(), profileHints: ['child_behaviour' as const, 'family_stress' as const] };
    const young = resultParts(t, null, { ...hints, role: 'young_person' }).join('\n');
    expect(young).not.toContain(t('result:profile.child_behaviour'));
    expect(young).toContain(t('result:profile.family_stress'));
    expect(resultParts(t, null, { ...hints, role: 'victim' }).join('\n')).toContain(t('result:profile.child_behaviour'));
  });

  it('with nothing known about the group, no group sentence', () => {
    expect(text).not.toContain(t('result:group.indication'));
  });

  it('shows a group range as an indication when it is narrowed', () => {
    const narrowed = { ...assessment, score: { ...assessment.score, groupRange: [2, 5] as Assessment['score']['groupRange'] } };
    expect(resultParts(t, narrowed, data).join('\n')).toContain(t('result:group.range', { low: 2, high: 5 }));
  });

  it('joint help is only unsafe with control or fear', () => {
    expect(jointHelpUnsafe(['family_stress'], ['substance_use'])).toBe(false);
    expect(jointHelpUnsafe(['family_stress'], ['extreme_fear'])).toBe(true);
    expect(jointHelpUnsafe(['intimate_terror'], [])).toBe(true);
  });

  it('the staff summary has levels and ids only', () => {
    expect(assessmentSummary(assessment, { ...data, signals: ['weapon'] })).toEqual({
      group: null,
      groupRange: [1, 5],
      partnerViolence: 'severe',
      childAbuse: null,
      redFlags: ['strangulation', 'separation', 'weapon'],
      profiles: ['intimate_terror'],
      role: 'victim',
    });
  });
});
